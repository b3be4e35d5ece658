"""Rules for ``content/learning.yml``: every lesson names places that have a pack, a real section or
principle, and a version that CHANGELOG.md lists (or ``not yet``)."""

from __future__ import annotations

from ..diagnostics.problems import Collector, did_you_mean
from ..sources.learning import NOT_YET, LearningFile


def check_learning(learning: LearningFile, places: list[str], sections: list[str], principles: list[str],
                   versions: list[str], errors: Collector) -> None:
    """``places``: the packs' names; ``versions``: those CHANGELOG.md lists."""
    for lesson in learning.lessons:
        src = lesson.origin
        if not lesson.places:
            errors.add(src.file, src.line_for("places"), src.field("places"), "learning.no-places",
                       allowed=", ".join(places) or "there are no packs yet")
        for i, place in enumerate(lesson.places, start=1):
            if place not in places:
                errors.add(src.file, src.line_for("places"), f"{src.field('places')}.{i}", "learning.unknown-place",
                           found=repr(place), hint=did_you_mean(place, places),
                           allowed=", ".join(places) or "there are no packs yet")
        for key, known, what in (("section", sections, "section"), ("principle", principles, "principle")):
            value = getattr(lesson, key)
            if value is not None and value not in known:
                errors.add(src.file, src.line_for(key), src.field(key), "learning.unknown-id", found=repr(value),
                           hint=did_you_mean(value, known), what=what, allowed=", ".join(known))
        if lesson.changed_in != NOT_YET and lesson.changed_in not in versions:
            errors.add(src.file, src.line_for("changed_in"), src.field("changed_in"), "learning.unknown-version",
                       found=repr(lesson.changed_in), hint=did_you_mean(lesson.changed_in, versions),
                       allowed=", ".join([*versions, repr(NOT_YET)]))
