"""Timing checks: does the running order fit the budget, and if not, what to cut."""

from __future__ import annotations

from dataclasses import dataclass

from .model import MinuteRange


@dataclass(frozen=True)
class Timed:
    """Anything with a name and a minutes range (a section, a pre-work item)."""

    name: str
    minutes: MinuteRange
    line: int | None


def _table(items: list[Timed], total: MinuteRange, budget: MinuteRange, label: str) -> str:
    width = max([len(i.name) for i in items] + [len("Total")]) + 4
    rows = [f"    {'':3}{label:<{width}}Minutes"]
    for n, item in enumerate(items, start=1):
        rows.append(f"    {str(n) + '.':<3}{item.name:<{width}}{str(item.minutes):>7}")
    rows.append(f"    {'':3}{'Total':<{width}}{str(total):>7}")
    rows.append(f"    {'':3}{'Budget':<{width}}{str(budget):>7}")
    return "\n".join(rows)


def _cuts(items: list[Timed], over: int, step: int = 5) -> list[str]:
    """Suggest where to take ``over`` minutes off the maximums.

    Each cut of ``step`` minutes goes to the part with the most room left
    between its minimum and maximum, so the parts that grew most give most
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
            new_max = item.minutes.max - cut[id(item)]
            where = f" (line {item.line})" if item.line else ""
            lines.append(f"    - {item.name}: max {item.minutes.max} → {new_max}{where}, "
                         f"leaving {item.minutes.min}–{new_max} minutes")
    return lines


def check_fit(items: list[Timed], budget: MinuteRange, what: str, label: str) -> str | None:
    """Return a message saying why ``items`` do not fit ``budget`` (None if they fit).

    Both ends must fit: at their minimums the items must fill at least the
    budget's minimum, and at their maximums they must not pass its maximum.
    """
    total = MinuteRange(sum(i.minutes.min for i in items), sum(i.minutes.max for i in items))
    table = _table(items, total, budget, label)
    if total.min > budget.max:
        over = total.min - budget.max
        return (
            f"{what} cannot fit the budget of {budget} minutes even at their minimums: "
            f"they take at least {total.min} minutes, {over} more than {budget.max}.\n{table}\n"
            f"  What to cut: lower the minimums by {over} minutes in all, or drop a part, "
            f"and lower the maximums to match."
        )
    if total.max > budget.max:
        over = total.max - budget.max
        cuts = _cuts(items, over)
        return (
            f"{what} do not fit the budget of {budget} minutes: at their maximums they take "
            f"{total.max} minutes, {over} more than {budget.max}.\n{table}\n"
            f"  What to cut: lower the maximums by {over} minutes in all, for example:\n" + "\n".join(cuts)
        )
    if total.min < budget.min:
        short = budget.min - total.min
        return (
            f"{what} are too short for the budget of {budget} minutes: at their minimums they take "
            f"{total.min} minutes, {short} fewer than {budget.min}.\n{table}\n"
            f"  What to change: raise the minimums by {short} minutes in all, or add a part."
        )
    return None
