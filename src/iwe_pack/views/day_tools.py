"""The pages a place uses on the day, each standing alone: the scoring tool with its groups, the evaluation form
people open on their phones, and run mode. (The site's other pages: pages.py.)"""

from __future__ import annotations

from ..model.advice import TITLES as ADVICE_TITLES
from ..model.feedback import PAGE as FEEDBACK_PAGE
from ..model.feedback import QUESTIONS
from ..model.plan import Plan
from ..model.workshop import Workshop
from ..sources.layout import PACKS
from ..sources.record_email import MAILTO_MOST, email_format
from ..sources.templates import TemplateSet
from .day_words import for_day
from .templates import Trusted, json_for_html, render


def scoring_data(workshop: Workshop, plan: Plan | None = None) -> dict:
    """What the scoring tool needs: the levels and principles and, for a place, its groups by name with the
    principles each one scores (``None``: all of them)."""
    m = workshop.matrix
    data: dict = {
        "levels": [{"score": lv.score, "name": lv.name} for lv in m.levels],
        "principles": [{"id": p.id, "title": p.title} for p in m.principles],
    }
    if plan:
        data["slug"] = plan.slug
        data["groups"] = [{"name": g.name,
                           "principles": [p.id for p in plan.allocation[g.name]] if plan.shared else None}
                          for g in plan.pack.groups]
    return data


SCORING_GUIDE_ANCHOR = "how-to-run-the-scoring"  # the guide's heading on the matrix scoring page


def place_scoring_pages(workshop: Workshop, plans: list[Plan], templates: TemplateSet) -> dict[str, str]:
    """A scoring page for each place (``packs/<slug>/scoring.md``): the tool with the place's groups by name."""
    return {
        f"{PACKS}/{plan.slug}/scoring.md": render(
            templates, "iwe/scoring.md.j2", data=json_for_html(scoring_data(workshop, plan)), guide="",
            p=plan.pack, plan=plan, slug=plan.slug, anchor=Trusted(SCORING_GUIDE_ANCHOR))
        for plan in plans
    }


RUN_AMBER_SHARE = 0.2  # amber when a fifth of a section's time is left (at least a minute)


def evaluation_subject(plan: Plan) -> str:
    """The subject of the email the evaluation page prepares: the place and the date."""
    return f"Workshop evaluation: {plan.pack.place}, {plan.pack.date.long}"


def evaluation_pages(workshop: Workshop, plans: list[Plan], templates: TemplateSet) -> dict[str, str]:
    """Each place's evaluation form for the people who came, a page that stands alone for a phone:
    ``packs/<slug>/evaluation/index.html``, so its address is ``<site>/packs/<slug>/evaluation/``."""
    return {
        f"{PACKS}/{plan.slug}/{FEEDBACK_PAGE}/index.html": render(
            templates, "standalone/evaluation.html", p=plan.pack, slug=plan.slug, questions=QUESTIONS,
            email=plan.feedback.email, subject=evaluation_subject(plan), version=workshop.version,
            assets="../../../assets", markers=email_format(), mailto_most=MAILTO_MOST)
        for plan in plans
    }


def run_pages(workshop: Workshop, plans: list[Plan], templates: TemplateSet) -> dict[str, str]:
    """Run mode for each place: a standalone page for the day (now and next, countdown, notes)."""
    out = {}
    for plan in plans:
        data = {
            "slug": plan.slug, "start": plan.pack.start.minutes, "total": plan.total, "amberShare": RUN_AMBER_SHARE,
            "items": [{"title": i.title, "minutes": i.minutes, "least": i.least, "shortest": i.shortest,
                       "ways": [{"step": w.index, "least": w.least, "title": w.title, "do": w.do} for w in i.ways],
                       "section": i.section.id if i.section else None,
                       "steps": [{"title": s.title, "minutes": s.minutes, "least": s.planned.least, "do": s.do}
                                 for s in i.steps]}
                      for i in plan.agenda],
        }
        out[f"{PACKS}/{plan.slug}/run.html"] = render(
            templates, "run/run.html", p=plan.pack, plan=plan, data=json_for_html(data), to_html=for_day(plan),
            advice_titles=ADVICE_TITLES,
            assets="../../assets", back=f"../{plan.slug}.html", version=workshop.version,
            guide=workshop.off_plan, sections=workshop.sections, online=plan.pack.format == "virtual")
    return out
