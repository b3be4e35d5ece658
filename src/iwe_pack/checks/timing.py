"""Timing checks: does a running order or a day's plan fit its budget, and if not, what to cut."""

from __future__ import annotations

from dataclasses import dataclass

from ..sources.sourced import MinuteRange


@dataclass(frozen=True)
class Timed:
    """A part of the day with the range it may take.

    For the running order the range is a section's minimum and maximum. For a
    place's plan it is the least the part could take (a section's minimum, or
    nothing for a break) up to the minutes planned for it.
    """

    name: str
    minutes: MinuteRange
    line: int | None


def _table(items: list[Timed], budget: MinuteRange, label: str, planned: bool) -> str:
    width = max([len(i.name) for i in items] + [len("Total")]) + 4
    shown = (lambda r: str(r.max)) if planned else str
    total = MinuteRange(sum(i.minutes.min for i in items), sum(i.minutes.max for i in items))
    num = len(str(len(items))) + 2
    rows = [f"    {'':{num}}{label:<{width}}Minutes"]
    for n, item in enumerate(items, start=1):
        rows.append(f"    {str(n) + '.':<{num}}{item.name:<{width}}{shown(item.minutes):>7}")
    rows.append(f"    {'':{num}}{'Total':<{width}}{shown(total):>7}")
    rows.append(f"    {'':{num}}{'Budget':<{width}}{str(budget):>7}")
    return "\n".join(rows)


def _cuts(items: list[Timed], over: int, planned: bool, step: int = 5) -> list[str]:
    """Suggest where to take ``over`` minutes off the top of the ranges.

    Each cut of ``step`` minutes goes to the part with the most room left
    between its least and its most, so the parts that grew most give most
    back and none is squeezed to nothing while another keeps all its room.
    """
    cut = {id(i): 0 for i in items}
    while over > 0:
        room = [i for i in items if i.minutes.slack - cut[id(i)] > 0]
        if not room:
            break
        item = max(room, key=lambda i: i.minutes.slack - cut[id(i)])  # the first of equals
        take = min(step, over, item.minutes.slack - cut[id(item)])
        cut[id(item)] += take
        over -= take
    lines = []
    for item in items:
        if cut[id(item)]:
            new = item.minutes.max - cut[id(item)]
            where = f" (line {item.line})" if item.line else ""
            if planned:
                floor = f"its shortest is {item.minutes.min}" if item.minutes.min else "or drop it"
                lines.append(f"    - {item.name}: {item.minutes.max} → {new} minutes{where}; {floor}")
            else:
                lines.append(f"    - {item.name}: max {item.minutes.max} → {new}{where}, "
                             f"leaving {item.minutes.min}–{new} minutes")
    return lines


def check_fit(items: list[Timed], budget: MinuteRange, what: str, label: str, planned: bool = False) -> str | None:
    """Return a message saying why ``items`` do not fit ``budget`` (None if they fit).

    For ranges (``planned=False``) both ends must fit: at their minimums the
    items must fill at least the budget's minimum, and at their maximums they
    must not pass its maximum. For a plan (``planned=True``) the planned
    minutes (the top of each range) must fall inside the budget.
    """
    least = sum(i.minutes.min for i in items)
    most = sum(i.minutes.max for i in items)
    table = _table(items, budget, label, planned)
    as_ = "as planned" if planned else "at their maximums"
    if least > budget.max:
        over = least - budget.max
        fix = ("shorten or drop breaks, or drop a part" if planned else
               "lower the minimums by {over} minutes in all, or drop a part, and lower the maximums to match")
        return (
            f"{what} cannot fit the budget of {budget} minutes even at their shortest: "
            f"they take at least {least} minutes, {over} more than {budget.max}.\n{table}\n"
            f"  What to cut: {fix.format(over=over)}."
        )
    if most > budget.max:
        over = most - budget.max
        return (
            f"{what} do not fit the budget of {budget} minutes: {as_} they take "
            f"{most} minutes, {over} more than {budget.max}.\n{table}\n"
            f"  What to cut: take {over} minutes off in all, for example:\n" + "\n".join(_cuts(items, over, planned))
        )
    short_total = most if planned else least
    if short_total < budget.min:
        short = budget.min - short_total
        what_to = "raise the planned minutes" if planned else "raise the minimums"
        return (
            f"{what} are too short for the budget of {budget} minutes: "
            f"{'as planned' if planned else 'at their minimums'} they take "
            f"{short_total} minutes, {short} fewer than {budget.min}.\n{table}\n"
            f"  What to change: {what_to} by {short} minutes in all, or add a part."
        )
    return None
