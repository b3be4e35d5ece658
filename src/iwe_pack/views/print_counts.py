"""The pages model: how many pages each print-off of a plan takes, worked out before its PDFs are made.

Pure: no files are read here. Most print-offs take the same pages for every place; their pages are measured from
the built PDFs (:func:`page_facts`) and given to the browser with the "Plan your day" page's data. Two change with
the plan: the sign-in sheet (a row for each person and spares) and a scoring sheet (a page for each principle it
holds). The browser's copy of this module is overrides/assets/javascripts/print-counts.js, with the same function
names: the agreement test in tests/test_print_counts.py runs both on 1,000 plans.
"""

from __future__ import annotations

import math
from collections import Counter

from ..model.plan import DOUBLE_SIDED_LAYOUTS, PARTS, Plan, PrintItem, counted
from ..model.workshop import Workshop
from .print_jobs import sign_in_rows

# The sign-in sheet's rows on A4 (measured: the 15th row is the last on the first page, under the heading and
# privacy notice; 21 fill each page after it). tests/test_print_counts.py checks them against the built PDFs.
SIGN_IN_ROWS_FIRST_PAGE = 15
SIGN_IN_ROWS_PER_PAGE = 21
# A scoring sheet starts a new page for each principle (overrides/print/scoring.html).
SCORING_PAGES_PER_PRINCIPLE = 1
# The layouts whose pages change with the plan.
BY_PLAN = ("sign-in", "scoring")


def page_facts(workshop: Workshop, counted_lists: dict[str | None, list[PrintItem]] | None = None) -> dict:
    """What the pages model needs besides the plan, as JSON-ready data for the browser.

    ``counted_lists``: each built place's print list with its pages counted from its PDFs (key: the place's slug,
    or None for the blank generic pack). A print-off's fixed pages are the pages most places' PDFs have (the
    generic pack's where no place has it); with none counted (a build without PDFs), "measured" is False and
    every fixed print-off counts one page."""
    seen: dict[str, Counter] = {}
    generic: dict[str, int] = {}
    for slug, items in (counted_lists or {}).items():
        for item in items:
            if item.send or not item.pages or item.handout.layout in BY_PLAN:
                continue
            if slug is None:
                generic[item.name] = item.pages[0]
            else:
                seen.setdefault(item.name, Counter()).update(item.pages)
    fixed = dict(generic)
    fixed.update({name: max(c.most_common(), key=lambda kv: (kv[1], kv[0]))[0] for name, c in seen.items()})
    return {
        "measured": bool(fixed),
        "fixed": dict(sorted(fixed.items())),
        "sign_in": {"first_page": SIGN_IN_ROWS_FIRST_PAGE, "per_page": SIGN_IN_ROWS_PER_PAGE},
        "scoring": {"pages_per_principle": SCORING_PAGES_PER_PRINCIPLE},
        "principles": len(workshop.matrix.principles),
        "handouts": {h.id: {"layout": h.layout, "paper": h.paper.split()[0],
                            "double_sided": h.layout in DOUBLE_SIDED_LAYOUTS}
                     for h in workshop.handouts.values()},
        "parts": {h.id: [part for part, _, _ in PARTS[h.layout]] for h in workshop.handouts.values()
                  if h.layout in PARTS},
    }


def sign_in_pages(rows: int, facts: dict) -> int:
    """Pages of a sign-in sheet of ``rows`` rows."""
    s = facts["sign_in"]
    return 1 + max(0, math.ceil((rows - s["first_page"]) / s["per_page"]))


def scoring_pages(principles: int, facts: dict) -> int:
    """Pages of a scoring sheet holding ``principles`` principles."""
    return max(1, principles * facts["scoring"]["pages_per_principle"])


def pages_of(item: PrintItem, plan: Plan | None, facts: dict) -> tuple[int, ...]:
    """Each file's pages of a print list's item, in the order of ``item.files``: a group's scoring sheet holds its
    own principles, the one scoring sheet of a room that scores the whole matrix holds them all."""
    layout = item.handout.layout
    if layout == "sign-in":
        return tuple(sign_in_pages(sign_in_rows(plan), facts) for _ in item.files)
    if layout == "scoring":
        return tuple(scoring_pages(len(plan.allocation[who]) if who and plan else facts["principles"], facts)
                     for who, _ in item.files)
    return tuple(facts["fixed"].get(item.name, 1) for _ in item.files)


def print_rows(plan: Plan | None, items: list[PrintItem], facts: dict) -> list[dict]:
    """The print list's rows as the page shows them: each print-off printed (not sent) with its copies, the
    sheets its files' pages take, and its paper."""
    out = []
    for item in items:
        if item.send:
            continue
        done = counted(item, pages_of(item, plan, facts))
        out.append({"item": done.name, "copies": done.copies, "sheets": done.sheets, "paper": done.paper,
                    "sides": done.sides})
    return out
