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


def _step(*variants):
    from iwe_pack.sources.steps_schema import Step, StepMinutes
    return Step(title="Groups feed back", minutes=StepMinutes(per_group=3), do="Each group in turn.",
                variants=list(variants))


def _variant(name, minutes, **when):
    from iwe_pack.sources.steps_schema import StepVariant, VariantWhen
    return StepVariant(name=name, applies=VariantWhen(**when), minutes=minutes, do=f"{name}, done.", source="Ours.")


def test_the_first_variant_that_applies_is_used_and_its_rule_counts():
    from iwe_pack.sources.steps_schema import StepMinutes
    walk = _variant("Gallery walk", StepMinutes(fixed=10), format="in-person", groups_at_least=9)
    pairs = _variant("Pairs merge", StepMinutes(per_pair=2, plus=4), groups_at_least=6)
    step = _step(walk, pairs)
    assert st.variant_for(step, shape(groups=5)) is None and st.least_minutes(step, shape(groups=5)) == 15
    assert st.variant_for(step, shape(groups=7)) is pairs and st.least_minutes(step, shape(groups=7)) == 2 * 4 + 4
    assert st.variant_for(step, shape(groups=9)) is walk and st.least_minutes(step, shape(groups=9)) == 10
    assert st.variant_for(step, shape(groups=9, format="virtual")) is pairs  # the walk is for a room only
    from iwe_pack.sources.schema import Section
    section = Section(id="s", title="S", minutes=_range(10, 40), format="break-out", lead="F", purpose="P",
                      steps=(step,))
    (p,) = st.plan_section(section, 20, shape(groups=9))
    assert p.title == "Groups feed back: gallery walk" and p.do == "Gallery walk, done." and p.variant is walk
    assert p.minutes == 20 and p.least == 10 and p.rule == "10 minutes"


def _range(lo, hi):
    from iwe_pack.sources.sourced import MinuteRange
    return MinuteRange(min=lo, max=hi)


def test_quicker_ways_offer_the_fastest_variant_for_the_format_whatever_the_groups():
    from iwe_pack.sources.schema import Section
    from iwe_pack.sources.steps_schema import StepMinutes
    walk = _variant("Gallery walk", StepMinutes(fixed=8), format="in-person", groups_at_least=9)
    point = _variant("One new point", StepMinutes(per_group=1), groups_at_least=6)
    section = Section(id="s", title="S", minutes=_range(10, 40), format="break-out", lead="F", purpose="P",
                      steps=(_step(walk, point),))
    few = st.plan_section(section, 20, shape(groups=4))  # 4 groups: their own way, 12 minutes
    (way,) = st.quicker_ways(few, shape(groups=4))
    assert (way.index, way.variant, way.least) == (0, point, 4) and way.title == "Groups feed back: one new point"
    # 10 groups in a room run the walk (8 minutes): one point each would take 10, so nothing is quicker
    assert st.quicker_ways(st.plan_section(section, 20, shape(groups=10)), shape(groups=10)) == []
    (online,) = st.quicker_ways(few, shape(groups=4, format="virtual"))  # online, never the walk
    assert online.variant is point
    one = st.plan_section(section, 20, shape(groups=1))  # one group: 3 minutes its own way, 1 with one point
    assert [w.least for w in st.quicker_ways(one, shape(groups=1))] == [1]
