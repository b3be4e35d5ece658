import dataclasses

from iwe_pack.model import steps as st


def shape(**kw):
    values = dict(attendees=12, groups=3, format="in-person", introductions="whole-room", self_assessment="share")
    return st.Shape(**(values | kw))


def test_fit_steps_cuts_the_longest_first_and_keeps_a_minute_each():
    assert st.fit_steps([5, 10, 10], 20) == [5, 8, 7]  # of two as long, the later gives first
    assert st.fit_steps([5, 5], 20) == [5, 5]  # already fits
    assert st.fit_steps([3, 3, 3], 3) == [1, 1, 1]
    assert st.fit_steps([3, 3, 3], 2) == [1, 1, 0]  # fewer minutes than steps: the last gives its last one


def test_least_minutes_follows_each_rule(workshop):
    intro = workshop.section("introductions")
    rules = {str(s.minutes): st.least_minutes(s, shape()) for s in intro.steps}
    round_ = next(s for s in intro.steps if s.minutes.per_person_seconds == 20)
    assert st.least_minutes(round_, shape(attendees=12)) == 4  # 12 people x 20 s
    assert st.least_minutes(round_, shape(attendees=13)) == 5  # rounded up
    assert all(v >= 0 for v in rules.values())


def test_steps_for_picks_by_the_day(workshop):
    intro = workshop.section("introductions")
    whole = st.steps_for(intro, shape(introductions="whole-room"))
    groups = st.steps_for(intro, shape(introductions="in-groups"))
    assert whole != groups and "Round of the room" in [s.title for s in whole]
    assert "Round of the room" not in [s.title for s in groups]


def test_plan_section_gives_the_rest_and_fills_the_section(workshop):
    intro = workshop.section("introductions")
    for minutes in (intro.minutes.min, intro.minutes.max):
        assert sum(p.minutes for p in st.plan_section(intro, minutes, shape())) == minutes
    roomy = st.plan_section(intro, intro.minutes.max, shape(attendees=6))
    assert all(p.short == 0 and p.minutes >= p.least for p in roomy)
    squeezed = st.plan_section(intro, 3, shape(attendees=40))
    assert sum(p.minutes for p in squeezed) == 3 and any(p.short for p in squeezed)


def test_online_days_read_the_online_words(workshop):
    intro = workshop.section("introductions")
    first = intro.steps[0]
    assert first.online and first.online.do
    online = st.plan_section(dataclasses.replace(intro, steps=[first]), 5, shape(format="virtual"))
    assert online[0].do == first.online.do and online[0].minutes == 5
