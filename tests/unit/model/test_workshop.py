def test_totals_and_lookups_follow_the_sections(workshop):
    assert workshop.total.min == sum(s.minutes.min for s in workshop.sections)
    assert workshop.total.max == sum(s.minutes.max for s in workshop.sections) >= workshop.total.min
    assert workshop.prework_total.max == sum(p.minutes.max for p in workshop.prework)
    first = workshop.sections[0]
    assert workshop.section(first.id) is first
    assert [h.id for h in workshop.handouts_for(first)] == list(first.handouts)
