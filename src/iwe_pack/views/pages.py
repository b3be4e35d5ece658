"""The site's generated pages, as Markdown, from the model.

Independent of MkDocs: :func:`pages` returns ``{path inside the docs folder:
Markdown}``; the MkDocs hook adds them as virtual files, and any other engine
could write them to disk.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from ..diagnostics.catalogue import guide_table
from ..model.advice import TITLES as ADVICE_TITLES
from ..model.feedback import PAGE as FEEDBACK_PAGE
from ..model.plan import Plan
from ..model.project import Project
from ..model.workshop import Workshop
from ..sources import changelog
from ..sources.format_blocks import MARKERS, labelled
from ..sources.layout import FONTS, GUIDE, PACKS
from ..sources.schema import COPIES_LABELS, GROUP_LABELS
from ..sources.templates import TemplateSet
from . import offline_app, report
from .day_tools import (
    RUN_AMBER_SHARE,
    SCORING_GUIDE_ANCHOR,
    evaluation_pages,
    place_scoring_pages,
    run_pages,
    scoring_data,
)
from .day_words import notes_by_day
from .diagrams import DRAWINGS
from .editor_markdown import expand_write_in
from .learning import learning_page
from .matrix_words import template_words
from .paths import OFF_PLAN_PAGE, offline_zip_name, wtfc_kit_name
from .planner_data import planner_data
from .qr import qr_figure
from .record_page import record_pages
from .slides import FALLBACK, FONT, present_html, slide_links
from .steps_words import only_words
from .templates import Trusted, json_for_html, md_code_block, md_escape, render

ON_THE_DAY = "on-the-day"
TEMPLATE_DIR = "iwe"  # inside overrides/


def section_uri(section) -> str:
    return f"{ON_THE_DAY}/{section.id}.md"


PRINT_OFFS = "print-offs"


@dataclass(frozen=True)
class Link:
    label: str
    link: str


def _links(items, prefix: str) -> list[Link]:
    out = []
    for d in items:
        size = f", {d.paper}" if d.paper else ""
        out.append(Link(Trusted(md_escape(d.title) + f" ({d.kind}{size})"), Trusted(prefix + d.path)))
    return out


def print_off_pages(workshop: Workshop, templates: TemplateSet, generic: list) -> dict[str, str]:
    """The print-offs index and one page per print-off, linking the generic PDFs."""
    by_handout: dict[str, list[Link]] = {h: [] for h in workshop.handouts}
    extras = []
    for d in generic:
        paper = f", {d.paper}" if d.paper != "A4 portrait" else ""
        link = Link(Trusted(md_escape(d.title) + f" (PDF{paper})"), Trusted("../" + d.path))
        if d.handout:
            by_handout[d.handout].append(link)
        else:
            extras.extend(_links([d], "../"))
    out = {f"{PRINT_OFFS}/index.md": render(templates, "iwe/print-offs-index.md.j2", w=workshop, copies=COPIES_LABELS,
                                           pdfs=by_handout, extras=extras, groups=GROUP_LABELS,
                                           offline_zip=Trusted(offline_zip_name(workshop)))}
    kit = [h for h in workshop.handouts.values() if h.group == "wtfc"]
    kit_zip = [d for d in generic if d.path == wtfc_kit_name(workshop)]
    out[f"{PRINT_OFFS}/wtfc-kit.md"] = render(templates, "iwe/wtfc-kit.md.j2", items=kit, pdfs=by_handout,
                                             copies=COPIES_LABELS, kit=_links(kit_zip, "../"))
    for h in workshop.handouts.values():
        out[f"{PRINT_OFFS}/{h.id}.md"] = render(
            templates, "iwe/print-off.md.j2", w=workshop, h=h, copies=COPIES_LABELS, pdfs=by_handout[h.id],
            principles=workshop.matrix.principles, body=Trusted(expand_write_in(labelled(h.body).strip())))
    return out


MATRIX = "matrix"


def matrix_pages(workshop: Workshop, templates: TemplateSet, guide: str) -> dict[str, str]:
    """The matrix to read (a card per principle) and the page for scoring it on the day, tool first, then the guide."""
    m = workshop.matrix
    guide = re.sub(r"^(#{2,5}) ", r"#\1 ", guide, flags=re.M)  # under the page's "How to run the scoring"
    return {
        f"{MATRIX}/index.md": render(templates, "iwe/matrix.md.j2", m=m, **template_words(m)),
        f"{MATRIX}/scoring.md": render(templates, "iwe/scoring.md.j2", data=json_for_html(scoring_data(workshop)),
                                       guide=Trusted(guide), p=None, plan=None, slug=None,
                                       anchor=Trusted(SCORING_GUIDE_ANCHOR)),
    }


def in_nav(uri: str) -> bool:
    """Whether a generated page belongs in the navigation: not a place's page (``packs/<slug>.md``) nor its tool
    pages (``packs/<slug>/…``). The navigation is in every page of the site: listing each place there would make
    every page grow with the number of places, and a list of 300 councils is no help to read on a tablet. The
    packs index lists them, and each place's page links to its tools."""
    return uri == f"{PACKS}/index.md" or uri.split("/", 1)[0] != PACKS


SLIDES = "slides"


def slides_pages(workshop: Workshop, plans: list[Plan], templates: TemplateSet, generic: list) -> dict[str, str]:
    """The slides page (notes and timing), and an HTML presentation for the generic deck and each place."""
    links = _links([d for d in generic if "slides" in d.path], "../")
    out = {
        f"{SLIDES}/index.md": render(templates, "iwe/slides.md.j2", deck=workshop.deck, downloads=links,
                                     section=workshop.section(workshop.deck.section), font=FONT,
                                     fallback=FALLBACK, drawings=DRAWINGS, links=slide_links(workshop)),
        f"{SLIDES}/present.html": present_html(workshop, None, templates, assets="../assets", back="index.html"),
    }
    for plan in plans:
        out[f"{PACKS}/{plan.slug}/present.html"] = present_html(
            workshop, plan, templates, assets="../../assets", back=f"../{plan.slug}.html")
    return out


PLAN_PAGE = "plan.md"


def plan_page(workshop: Workshop, templates: TemplateSet, fonts_dir=None, page_facts: dict | None = None
              ) -> dict[str, str]:
    """"Plan your day": a form for a pack file that plans the day in the browser (planner-plan.js and the other
    mirrors of the model), from the data here.
    ``page_facts``: the print-offs' pages measured from the built PDFs (print_counts.page_facts), once made."""
    data = planner_data(workshop, templates, fonts_dir, page_facts) | {"run": {"amberShare": RUN_AMBER_SHARE}}
    return {
        PLAN_PAGE: render(templates, "iwe/plan.md.j2", data=json_for_html(data), sections=data["sections"],
                          pages=data["print"]["pages"]),
        # run mode for the plan kept in the browser: the agenda is built there, the notes are here
        "plan-run.html": render(templates, "run/plan-run.html", assets="assets", version=workshop.version,
                                guide=workshop.off_plan, sections=workshop.sections, online=None,
                                notes=json_for_html(notes_by_day(workshop, shift_headings=2))),
    }


def versions_page(workshop: Workshop, templates: TemplateSet, releases_url: str | None) -> dict[str, str]:
    """The versions of the pack, newest first, with where to get each one's downloads."""
    url = releases_url.rstrip("/") if releases_url else None
    return {"versions.md": render(templates, "iwe/versions.md.j2", w=workshop, releases_url=url)}


def changelog_page(texts: dict[str, str]) -> dict[str, str]:
    """CHANGELOG.md as "What's new", and CONTRIBUTING.md as the editor's guide (with the table of messages)."""
    out = {}
    for name, uri, title in [("CHANGELOG.md", "whats-new.md", "What's new"),
                             ("CONTRIBUTING.md", "editors-guide.md", "Editor's guide")]:
        text = texts.get(name, "")
        if name == "CONTRIBUTING.md":
            text = MESSAGES_MARKER.sub(lambda m: guide_table(), text)
        if name == "CHANGELOG.md":
            text = changelog.with_anchors(text)  # each version's entry can be linked to (the learning page does)
        if text:
            text = re.sub(r"\A# .*", f"# {title}", text, count=1)
            out[uri] = f"---\ntitle: {json.dumps(title)}\n---\n" + text
    return out


def matrix_nav() -> list:
    return [{"The matrix": f"{MATRIX}/index.md"}, {"Scoring": f"{MATRIX}/scoring.md"}]


def print_offs_nav(workshop: Workshop) -> list:
    nav_: list[dict[str, object]] = [{"All print-offs": f"{PRINT_OFFS}/index.md"}]
    for group, label in GROUP_LABELS.items():
        items = [{html.escape(h.title): f"{PRINT_OFFS}/{h.id}.md"} for h in workshop.handouts.values() if h.group == group]
        if group == "wtfc" and items:
            items.insert(0, {"About the kit": f"{PRINT_OFFS}/wtfc-kit.md"})
        if items:
            nav_.append({label: items})
    return nav_


def pack_pages(plans: list[Plan], workshop: Workshop, templates: TemplateSet, letters: dict[str, dict[str, str]],
               downloads: dict[str | None, list] | None = None) -> dict[str, str | bytes]:
    """The packs index, a page per place, and each place's letters."""
    downloads = downloads or {}
    out: dict[str, str | bytes] = {f"{PACKS}/index.md": render(templates, "iwe/packs-index.md.j2", plans=plans)}
    for plan in plans:
        texts = letters[plan.slug]
        for name, text in texts.items():
            out[f"{PACKS}/{plan.slug}/{name}"] = text.encode("utf-8")
        out[f"{PACKS}/{plan.slug}.md"] = render(
            templates, "iwe/pack.md.j2", p=plan.pack, plan=plan, slug=plan.slug, copies=COPIES_LABELS, w=workshop,
            advice_titles=ADVICE_TITLES, section_link=lambda s: Trusted(f"../{section_uri(s)}"),
            joining=md_code_block(texts["joining-instructions.txt"], "letter"),
            follow_up=md_code_block(texts["follow-up.txt"], "letter"),
            downloads=_links(downloads.get(plan.slug, []), "../"),
            evaluation_qr=Trusted(qr_figure(plan.feedback.link, f"the evaluation form for {plan.pack.place}"))
            if plan.feedback.link else None, feedback=plan.feedback, feedback_page=Trusted(FEEDBACK_PAGE),
        )
    return out


def pages(workshop: Workshop, templates: TemplateSet) -> dict[str, str]:
    out = {
        f"{ON_THE_DAY}/index.md": render(templates, "iwe/running-order.md.j2", w=workshop,
                                         section_uri=lambda s: Trusted(s.id + ".md")),
    }
    if workshop.off_plan is not None:
        out[OFF_PLAN_PAGE] = render(templates, "iwe/off-plan.md.j2", w=workshop, guide=workshop.off_plan)
    for s in workshop.sections:
        out[section_uri(s)] = render(
            templates, "iwe/section.md.j2", w=workshop, s=s, notes=Trusted(labelled(s.notes_markdown).strip()),
            handouts=workshop.handouts_for(s), copies=COPIES_LABELS, only_words=only_words,
        )
    return out


MESSAGES_MARKER = re.compile(r"<!--\s*iwe:messages\s*-->")


def expand_markers(markdown: str, workshop: Workshop, templates: TemplateSet, issues_url: str = "",
                   email: str = "", phone: str = "") -> str:
    """Replace markers such as ``<!-- iwe:prework -->`` in a hand-written page with data from the model.

    Keeps facts such as the pre-work list in one place (content/workshop.yml) and the resources the slides list
    (``<!-- iwe:resources -->``, content/slides.yml), and ``<!-- iwe:contact -->``
    names where to report a problem (the ``issues_url``, ``accessibility_email`` and ``accessibility_phone``
    settings). Loading checks that every marker is
    known (``checks.pages``).
    """
    def one(match: re.Match) -> str:
        if match.group(1) == "prework":
            return render(templates, "iwe/prework.md.j2", w=workshop)
        if match.group(1) == "contact":
            return render(templates, "iwe/contact.md.j2", issues_url=issues_url.rstrip("/") or None, email=email,
                          phone=phone)
        if match.group(1) == "resources":
            return render(templates, "iwe/resources.md.j2", resources=workshop.deck.resources)
        return match.group(0)

    return MARKERS.sub(one, markdown)


_TASK = re.compile(r'(<label class="task-list-control">.*?</span>)</label>([^<]*(?:<(?!a |/?ul|/?ol|/li)[^>]*>[^<]*)*)</li>',
                   re.S)


def label_tasks(html_text: str) -> str:
    """Let a task-list item's text label its tick box (WCAG 1.3.1, 4.1.2): move it inside the <label>."""
    return _TASK.sub(lambda m: f"{m.group(1)}{m.group(2)}</label></li>", html_text)


def nav(workshop: Workshop) -> list:
    """The 'On the day' part of the navigation, in running order.

    Titles are HTML-escaped: MkDocs themes print navigation titles as they are.
    """
    return [{"Running order": f"{ON_THE_DAY}/index.md"}] + [
        {html.escape(f"{s.number}. {s.title}"): section_uri(s)} for s in workshop.sections
    ] + ([{"When things go off plan": OFF_PLAN_PAGE}] if workshop.off_plan is not None else [])


def all_pages(project: Project, downloads: dict[str | None, list], texts: dict[str, dict[str, str]]
              ) -> dict[str, str | bytes]:
    """Every page and file the engine makes for the site, by its path in the docs folder."""
    workshop, plans, templates = project.workshop, project.plans, project.templates
    made = (pages(workshop, templates)
            | pack_pages(plans, workshop, templates, texts, downloads)
            | print_off_pages(workshop, templates, downloads.get(None, []))
            | matrix_pages(workshop, templates, project.texts.get(GUIDE, ""))
            | place_scoring_pages(workshop, plans, templates)
            | report.report_pages(plans, templates, downloads)
            | record_pages(workshop, plans, templates, project.root / FONTS, json_for_html)
            | learning_page(workshop, plans, project.lessons, templates)
            | slides_pages(workshop, plans, templates, downloads.get(None, []))
            | run_pages(workshop, plans, templates)
            | evaluation_pages(workshop, plans, templates)
            | plan_page(workshop, templates, project.root / FONTS)
            | changelog_page(project.texts)
            | versions_page(workshop, templates, project.settings.releases_url))
    # the service worker, the manifests and each place's list of what to keep offline (named after all the rest)
    return made | offline_app.offline_files(project, made, section_uri)
