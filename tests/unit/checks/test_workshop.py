import dataclasses

from iwe_pack.checks import workshop as checks
from iwe_pack.sources.sourced import MinuteRange

from ..conftest import codes


def test_the_shipped_deck_and_matrix_pass(errors, workshop):
    checks.check_deck(workshop.deck, workshop.sections, errors)
    checks.check_matrix(workshop.matrix, errors)
    assert errors.errors == []


def test_a_deck_for_an_unknown_section_or_too_long_is_refused(errors, workshop):
    deck = workshop.deck
    checks.check_deck(dataclasses.replace(deck, section="taught-sektion"), workshop.sections, errors)
    assert codes(errors) == ["deck.unknown-section"] and "taught-section" in errors.errors[0].hint
    errors.errors.clear()
    longer = [dataclasses.replace(s, minutes=s.minutes + 30, skip=False) for s in deck.slides]
    checks.check_deck(dataclasses.replace(deck, slides=longer), workshop.sections, errors)
    assert "deck.does-not-fit" in codes(errors)


def test_levels_must_be_numbered_in_order(errors, workshop):
    m = workshop.matrix
    checks.check_matrix(dataclasses.replace(m, levels=list(reversed(m.levels))), errors)
    assert "matrix.level-order" in codes(errors)


def test_ids_are_lower_case_slugs(errors, workshop):
    section = workshop.sections[0]
    checks.check_slug("good-id-2", section, "id", errors)
    assert errors.errors == []
    for bad in ("Bad", "two--hyphens", "-start", "x" * 41):
        checks.check_slug(bad, section, "id", errors)
    assert codes(errors) == ["workshop.bad-id"] * 4


def test_a_range_cannot_start_above_its_end(errors, workshop):
    section = workshop.sections[0]
    upside_down = MinuteRange(20, 10)
    object.__setattr__(upside_down, "origin", section.minutes.origin)
    wf = type("WorkshopFile", (), {"sections": [dataclasses.replace(section, minutes=upside_down)], "prework": [],
                                   "budget": workshop.budget})
    checks.check_ranges(wf, errors)
    assert codes(errors) == ["workshop.min-above-max"]
