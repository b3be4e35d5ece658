from iwe_pack.checks.timing import Timed, check_fit
from iwe_pack.sources.sourced import MinuteRange


def items(*ranges):
    return [Timed(f"Part {n}", MinuteRange(lo, hi), n) for n, (lo, hi) in enumerate(ranges, start=1)]


def test_ranges_fit_when_both_ends_fit():
    assert check_fit(items((10, 20), (30, 40)), MinuteRange(40, 60), "The day", "Section") is None


def test_too_long_and_too_short_say_why():
    long = check_fit(items((30, 50), (30, 40)), MinuteRange(40, 60), "The day", "Section")
    assert long is not None and "The day" in long and "Part 1" in long and "90" in long
    short = check_fit(items((5, 10)), MinuteRange(40, 60), "The day", "Section")
    assert short is not None and short != long


def test_a_plan_fits_by_its_planned_minutes():
    assert check_fit(items((5, 20), (5, 30)), MinuteRange(40, 60), "The plan", "Item", planned=True) is None
    assert check_fit(items((5, 20), (5, 50)), MinuteRange(40, 60), "The plan", "Item", planned=True) is not None
