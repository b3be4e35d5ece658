"""Rules for ``content/off-plan.yml``: each entry's section is a real one, no moment is given twice for the same
section, and every moment has advice for every section (an entry without ``section``)."""

from __future__ import annotations

from ..diagnostics.problems import Collector, did_you_mean
from ..sources.off_plan import MOMENTS, OffPlanFile


def check_off_plan(guide: OffPlanFile, sections: list[str], errors: Collector) -> None:
    seen: dict[tuple[str, str | None], int] = {}
    for entry in guide.advice:
        src = entry.origin
        if entry.section is not None and entry.section not in sections:
            errors.add(src.file, src.line_for("section"), src.field("section"), "offplan.unknown-section",
                       found=repr(entry.section), hint=did_you_mean(entry.section, sections),
                       allowed=", ".join(sections))
        key = (entry.moment, entry.section)
        if key in seen:
            errors.add(src.file, src.line_for("moment"), src.field("moment"), "offplan.duplicate",
                       found=repr(entry.moment), where=f"section {entry.section!r}" if entry.section
                       else "every section", first=seen[key])
        seen.setdefault(key, src.line_for("moment"))
        if entry.online is not None and entry.online.do is None and entry.online.say is None:
            o = entry.online.origin
            errors.add(o.file, src.line_for("online"), src.field("online"), "offplan.empty-online")
    for moment, title, _ in MOMENTS:
        if (moment, None) not in seen:
            errors.add(guide.origin.file, guide.origin.line_for("advice"), guide.origin.field("advice"),
                       "offplan.missing-moment", found=repr(moment), title=title)
