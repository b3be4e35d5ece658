"""Markdown as one day reads it: a place's outputs keep only the <!-- iwe:only ... --> blocks for its day's
format (in a room or online) and its introductions (a round of the room or a check-in in groups)."""

from __future__ import annotations

from ..model.workshop import Workshop
from ..sources.format_blocks import pick
from .editor_markdown import to_html

FORMATS = ("in-person", "virtual")
INTRODUCTIONS = ("whole-room", "in-groups")


def day_key(format: str, introductions: str) -> str:
    """The key of a kind of day in :func:`notes_by_day` (the browser's run mode and facilitator pack pick by it)."""
    return f"{format}/{introductions}"


def for_day(plan):
    """``to_html`` for a place's outputs: the Markdown's blocks for the plan's day only."""
    format, introductions, link = plan.pack.format, plan.introductions, bool(plan.feedback.link)

    def render(text: str, shift_headings: int = 0, keep_links: bool = False, **more) -> str:
        return to_html(pick(text, format, introductions, link), shift_headings=shift_headings, keep_links=keep_links,
                       **more)
    return render


def notes_by_day(workshop: Workshop, shift_headings: int) -> dict[str, dict[str, str]]:
    """Each section's notes as HTML for each kind of day, for the plans made in the browser (which have no
    evaluation link: a place's link or page comes with its published pack)."""
    return {s.id: {day_key(f, i): to_html(pick(s.notes_markdown, f, i, False), shift_headings=shift_headings)
                   for f in FORMATS for i in INTRODUCTIONS}
            for s in workshop.sections}
