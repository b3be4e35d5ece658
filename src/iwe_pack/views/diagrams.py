"""The slides' drawn diagrams as geometry: one function gives the boxes, lines and words that every form draws.

A :class:`Diagram` is measured in points on a 16:9 slide of 960 by 540 points
(PowerPoint's widescreen, 13.333 by 7.5 inches) and fills the slide's body area,
:data:`BODY`. The PDF deck places it with HTML boxes at the same sizes, the HTML
presentation scales it to the screen, and the .pptx draws it with native shapes.

Every box with words belongs to an *item*: the items, in order, are what the
diagram says when read aloud (a list in HTML), and the HTML falls back to that
list on a narrow screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from ..model.plan import Plan, default_minutes
from ..model.workshop import Workshop
from ..sources.slides_schema import Slide


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


# The slide and its boxes, in points: shared by the .pptx and the PDF deck.
SLIDE = Rect(0, 0, 960, 540)
MARGIN = 54  # 0.75 inch each side: boxes span 852 of 960 points (89%)
TITLE = Rect(MARGIN, 24, SLIDE.w - 2 * MARGIN, 92)
BODY = Rect(MARGIN, 132, SLIDE.w - 2 * MARGIN, 372)
INSET = 6  # points of room inside a box with words (all four sides)

# Colours, by name (hex): each form maps the names the same way. Dark boxes carry white words.
PALETTE = {
    "ink": "1A1A1A",
    "white": "FFFFFF",
    "dark": "303F9F",  # the pack's indigo: 8.6:1 with white words
    "mid": "7986CB",  # 6.2:1 with black words
    "light": "C5CAE9",
    "pale": "E8EAF6",
    "grey": "6B6B6B",  # the old loop: 5.3:1 on white
}
DARK_FILLS = {"dark", "grey"}


@dataclass(frozen=True)
class Words:
    """One paragraph of a box: its text, size in points and weight."""

    text: str
    size: float
    bold: bool = False


@dataclass(frozen=True)
class Box:
    """A rectangle on the diagram, with words or without (then it is drawn, not read)."""

    name: str  # the shape's name in PowerPoint
    rect: Rect
    words: tuple[Words, ...] = ()
    fill: str | None = None  # a PALETTE name, or None for no fill
    outline: str | None = None
    align: Literal["left", "center"] = "left"
    anchor: Literal["top", "middle"] = "middle"

    @property
    def colour(self) -> str:
        return "white" if self.fill in DARK_FILLS else "ink"

    @property
    def text(self) -> str:
        return "\n".join(w.text for w in self.words)


@dataclass(frozen=True)
class Line:
    """A line through ``points``, with an arrowhead at its end if ``head``."""

    name: str
    points: tuple[tuple[float, float], ...]
    colour: str
    width: float
    dash: bool = False
    head: bool = True

    @property
    def head_points(self) -> tuple[tuple[float, float], ...]:
        """A triangle at the line's end pointing along its last segment (for forms without arrowheads)."""
        (x0, y0), (x1, y1) = self.points[-2], self.points[-1]
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        size = 3.5 * self.width + 6
        bx, by = x1 - ux * size, y1 - uy * size
        return ((x1, y1), (bx - uy * size / 2, by + ux * size / 2), (bx + uy * size / 2, by - ux * size / 2))


@dataclass(frozen=True)
class Item:
    """What one entry of the diagram shows: its boxes, read in order."""

    boxes: tuple[Box, ...]


@dataclass(frozen=True)
class Diagram:
    name: str
    label: str  # what the diagram is, for the group's name and the list's label
    width: float
    height: float
    items: tuple[Item, ...]
    drawn: tuple[Box, ...]  # boxes without words (bars), drawn under the items
    lines: tuple[Line, ...]
    ordered: bool  # the items are a sequence (an ordered list)
    captions: tuple[Box, ...] = ()  # words about the whole diagram, read before the items

    @property
    def boxes(self) -> tuple[Box, ...]:
        """Every box, in the order drawn: bars, captions, then the items' boxes."""
        return self.drawn + self.captions + tuple(b for item in self.items for b in item.boxes)

    @property
    def words(self) -> list[str]:
        return [w.text for b in self.boxes for w in b.words]


# What each diagram shows, in a few words (for the slides page).
DRAWINGS = {
    "running-order": "the parts of the day in order, each with a bar as long as its minutes",
    "matrix-levels": "the matrix's levels as steps, each with what it looks like",
    "two-loops": "the old way falling and the new way rising, with arrows from the old to the new",
}


def diagram(slide: Slide, workshop: Workshop, plan: Plan | None) -> Diagram | None:
    """The diagram a slide shows, or None for a slide of bullet points."""
    makers = {
        "running-order": lambda: running_order(workshop, plan),
        "matrix-levels": lambda: matrix_levels(workshop),
        "two-loops": lambda: two_loops(slide.points),
    }
    return makers[slide.diagram]() if slide.diagram else None


def running_order(workshop: Workshop, plan: Plan | None) -> Diagram:
    """The day as rows: clock time (or step), title, and a bar as long as its minutes, placed when it runs.

    A place's deck shows its agenda, breaks included; the generic deck shows the
    sections, each bar the usual length and its range of minutes beside it.
    The section the slides are shown in is drawn dark, its title in bold.
    """
    W, H = BODY.w, BODY.h
    if plan is not None:
        rows = [(item.clock, item.title, item.minutes, f"{item.minutes} min", item.section)
                for item in plan.agenda]
    else:
        rows = [(str(n), s.title, default_minutes(s), f"{s.minutes} min", s)
                for n, s in enumerate(workshop.sections, start=1)]
    total = sum(r[2] for r in rows) or 1
    row_h = min(52.0, H / len(rows))
    size = 20.0 if row_h >= 44 else max(11.0, round(row_h * 0.45))
    top = (H - row_h * len(rows)) / 2
    clock_w, title_x, title_w = 80.0, 84.0, 392.0
    track_x = title_x + title_w + 8
    label_w = 108.0
    span = W - track_x - label_w - 6
    items, bars, start = [], [], 0
    for n, (clock, title, minutes, label, section) in enumerate(rows, start=1):
        y = top + (n - 1) * row_h
        now = section is not None and section.id == workshop.deck.section
        fill = "dark" if now else "mid" if section is not None else "pale"
        bar = Rect(track_x + span * start / total, y + row_h * 0.2, max(3.0, span * minutes / total), row_h * 0.6)
        bars.append(Box(f"Bar {n}: {minutes} minutes", bar, fill=fill, outline="dark" if section is None else None))
        items.append(Item((
            Box(f"Time {n}", Rect(0, y, clock_w, row_h), (Words(clock, size, bold=now),)),
            Box(f"Part {n}", Rect(title_x, y, title_w, row_h), (Words(title, size, bold=now),)),
            Box(f"Minutes {n}", Rect(bar.right + 2, y, label_w, row_h), (Words(label, size * 0.9),)),
        )))
        start += minutes
    label = f"Running order for {plan.pack.place}" if plan else "Running order"
    return Diagram("running-order", label, W, H, tuple(items), tuple(bars), (), ordered=True)


# The ramp of fills for the matrix's levels, lowest first (a matrix has 2 to 9 levels).
LEVEL_FILLS = ("pale", "light", "mid", "dark")


def matrix_levels(workshop: Workshop) -> Diagram:
    """The matrix's levels as steps rising from left to right, each with its name and summary."""
    W, H = BODY.w, BODY.h
    levels = workshop.matrix.levels
    n = len(levels)
    gap = 14.0
    col_w = (W - gap * (n - 1)) / n
    highest, lowest = 60.0, 150.0  # the tops of the last and first steps
    items = []
    for k, level in enumerate(levels):
        top = lowest - (lowest - highest) * k / max(1, n - 1)
        fill = LEVEL_FILLS[round(k * (len(LEVEL_FILLS) - 1) / max(1, n - 1))]
        items.append(Item((Box(
            f"Level {level.score}", Rect(k * (col_w + gap), top, col_w, H - top),
            (Words(f"{level.score}. {level.name}", 22, bold=True), Words(level.summary, 18)),
            fill=fill, anchor="top"),)))
    # an arrow over the steps, clear of their tops, and what it means
    arrow = Line("Arrow: each level builds on the one below", ((20.0, 122.0), (W - 24, 24.0)), "dark", 3)
    note = Box("Each level builds on the one below", Rect(0, 0, 420, 44),
               (Words("Each level builds on the one below", 18, bold=True),), anchor="top")
    return Diagram("matrix-levels", "The matrix's levels", W, H, tuple(items), (), (arrow,), ordered=True,
                   captions=(note,))


def _old_loop(t: float) -> tuple[float, float]:
    """The old system: rises to a peak, then slowly declines (t from 0 to 1)."""
    x = 6 + 464 * t
    if t < 0.35:
        y = 230 - 190 * math.sin(math.pi / 2 * t / 0.35)
    else:
        y = 40 + 300 * (1 - math.cos(math.pi / 2 * (t - 0.35) / 0.65))
    return x, y


def _new_loop(t: float) -> tuple[float, float]:
    """The new system: starts small and low, then grows (t from 0 to 1)."""
    x = 130 + 340 * t
    s = t * t * (3 - 2 * t)
    return x, 352 - 312 * s


def two_loops(points: list[str]) -> Diagram:
    """The Two Loops model: the old system's falling curve, the new one's rising curve, arrows across.

    The curves take the left of the body; the slide's three points label them on the right,
    each beside a sample of the line it explains.
    """
    W, H = BODY.w, BODY.h
    steps = 24
    old = tuple(_old_loop(i / steps) for i in range(steps + 1))
    new = tuple(_new_loop(i / steps) for i in range(steps + 1))
    moves = []
    for k, t in enumerate((0.8, 0.92), start=1):  # from the falling old loop up to the new, past their crossing
        x0, y0 = _old_loop(t)
        x1, y1 = _new_loop((x0 + 12 - 130) / 340)
        moves.append(Line(f"Move {k}", ((x0, y0 - 12), (x1, y1 + 14)), "mid", 3))
    lines = [Line("Old loop", old, "grey", 5, dash=True), Line("New loop", new, "dark", 6), *moves]
    new_label, old_label, move_label = points
    key_x, box_x, box_h, gap = 520.0, 596.0, 104.0, 20.0
    items = []
    for k, (text, sample) in enumerate(((new_label, lines[1]), (old_label, lines[0]), (move_label, moves[0]))):
        y = (H - 3 * box_h - 2 * gap) / 2 + k * (box_h + gap)
        mid = y + box_h / 2
        lines.append(Line(f"Key: {sample.name.lower()}", ((key_x, mid), (box_x - 12, mid)), sample.colour,
                          sample.width, dash=sample.dash, head=sample.head))
        items.append(Item((Box(f"Label: {sample.name.lower()}", Rect(box_x, y, W - box_x, box_h),
                               (Words(text, 20),), outline=sample.colour),)))
    return Diagram("two-loops", "The Two Loops model", W, H, tuple(items), (), tuple(lines), ordered=False)
