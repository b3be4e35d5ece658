"""The plain-text letters for a place: joining instructions and the follow-up message."""

from __future__ import annotations

from ..model.plan import Plan
from ..model.workshop import Workshop
from ..sources.templates import TemplateSet
from .templates import render


def letters(plan: Plan, workshop: Workshop, templates: TemplateSet) -> dict[str, str]:
    """The plain-text letters for a place: {file name: text}."""
    context = dict(p=plan.pack, plan=plan, w=workshop, record=plan.record)  # record: None until the day is written down
    return {
        "joining-instructions.txt": render(templates, "letters/joining-instructions.txt.j2", **context),
        "follow-up.txt": render(templates, "letters/follow-up.txt.j2", **context),
    }
