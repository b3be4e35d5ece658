"""When things go off plan, by section: what the facilitator does and says at each moment, in the room and online.

Made from ``content/off-plan.yml`` (:mod:`..sources.off_plan`): a section's advice for a moment is its own entry
if it has one, else the entry for every section.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..sources.off_plan import MOMENTS, OffPlanAdvice, OffPlanFile


@dataclass(frozen=True)
class Moment:
    id: str
    title: str  # in the room
    online_title: str
    do: str
    say: str
    online_do: Optional[str]  # None: the same as in the room
    online_say: Optional[str]
    source: str
    own: bool  # the section's own advice (not the advice for every section)

    @property
    def differs_online(self) -> bool:
        return bool(self.online_do or self.online_say) or self.title != self.online_title

    def words(self, online: bool) -> tuple[str, str, str]:
        """(title, what to do, what to say) in the room or online."""
        if online:
            return self.online_title, self.online_do or self.do, self.online_say or self.say
        return self.title, self.do, self.say


@dataclass(frozen=True)
class OffPlan:
    intro: str
    by_section: dict[str, tuple[Moment, ...]]
    general: tuple[Moment, ...] = ()  # the advice for every section

    def for_section(self, section_id: str) -> tuple[Moment, ...]:
        """Every moment, with the section's own advice where it has some."""
        return self.by_section.get(section_id, ())

    def own(self, section_id: str) -> tuple[Moment, ...]:
        """Only the section's own advice (in place of the advice for every section)."""
        return tuple(m for m in self.for_section(section_id) if m.own)


def _moment(entry: OffPlanAdvice) -> Moment:
    _, title, online_title = next(m for m in MOMENTS if m[0] == entry.moment)
    online = entry.online
    return Moment(entry.moment, title, online_title, entry.do, entry.say, online.do if online else None,
                  online.say if online else None, entry.source, entry.section is not None)


def off_plan(guide: OffPlanFile, sections: list[str]) -> OffPlan:
    """Each section's advice for every moment, in the order of :data:`MOMENTS`."""
    general: dict[str, OffPlanAdvice] = {e.moment: e for e in guide.advice if e.section is None}
    own: dict[tuple[str, str], OffPlanAdvice] = {(e.section, e.moment): e for e in guide.advice if e.section is not None}
    out = {}
    for sid in sections:
        found = [own.get((sid, m)) or general.get(m) for m, _, _ in MOMENTS]
        out[sid] = tuple(_moment(e) for e in found if e is not None)
    return OffPlan(guide.intro, out, tuple(_moment(general[m]) for m, _, _ in MOMENTS if m in general))
