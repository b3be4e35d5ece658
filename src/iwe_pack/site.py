"""The site's generated pages, as Markdown, from the model.

Independent of MkDocs: :func:`pages` returns ``{path inside the docs folder:
Markdown}``; the MkDocs hook adds them as virtual files, and any other engine
could write them to disk.
"""

from __future__ import annotations

import html
from pathlib import Path

from .model import COPIES_LABELS, Workshop
from .render import Trusted, render

ON_THE_DAY = "on-the-day"
TEMPLATE_DIR = "iwe"  # inside overrides/


def section_uri(section) -> str:
    return f"{ON_THE_DAY}/{section.id}.md"


def pages(workshop: Workshop, templates: Path) -> dict[str, str]:
    out = {
        f"{ON_THE_DAY}/index.md": render(templates, "iwe/running-order.md.j2", w=workshop,
                                         section_uri=lambda s: Trusted(s.id + ".md")),
    }
    for s in workshop.sections:
        out[section_uri(s)] = render(
            templates, "iwe/section.md.j2", w=workshop, s=s, notes=Trusted(s.notes_markdown.strip()),
            handouts=workshop.handouts_for(s), copies=COPIES_LABELS,
        )
    return out


def nav(workshop: Workshop) -> list:
    """The 'On the day' part of the navigation, in running order.

    Titles are HTML-escaped: MkDocs themes print navigation titles as they are.
    """
    return [{"Running order": f"{ON_THE_DAY}/index.md"}] + [
        {html.escape(f"{s.number}. {s.title}"): section_uri(s)} for s in workshop.sections
    ]
