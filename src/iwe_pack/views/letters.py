"""The letters for a place: joining instructions, the follow-up message, and the day as a calendar invitation."""

from __future__ import annotations

import datetime as dt

from ..model.plan import Plan
from ..model.workshop import Workshop
from ..sources.templates import TemplateSet
from .invitation import invitation
from .templates import render

INVITATION = "invitation.ics"


def letters(plan: Plan, workshop: Workshop, templates: TemplateSet, stamp: dt.datetime | None = None
            ) -> dict[str, str]:
    """The letters for a place: {file name: text}. ``stamp``: when the calendar file was made (SOURCE_DATE_EPOCH)."""
    context = dict(p=plan.pack, plan=plan, w=workshop, record=plan.record)  # record: None until the day is written down
    joining = render(templates, "letters/joining-instructions.txt.j2", **context)
    return {
        "joining-instructions.txt": joining,
        "follow-up.txt": render(templates, "letters/follow-up.txt.j2", **context),
        INVITATION: invitation(plan, workshop, joining, stamp),
    }
