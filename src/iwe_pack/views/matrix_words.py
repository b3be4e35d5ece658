"""The words that say which parts of the maturity matrix are the pack's own, for the page and the print-offs.

Read from content/matrix.yml (``own: true`` with ``based_on``), so the page, the printed matrix and the
scoring sheets say the same thing and follow the sources.
"""

from __future__ import annotations

from ..sources.matrix_schema import Level, Matrix, Principle

OWN_MARK = "Pack's own"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def own_key(m: Matrix) -> str:
    """What the mark shows, to follow "The mark «Pack's own»": which principles and levels the pack added, and
    where the rest come from. Empty when every part comes from the model."""
    numbered = [(n, p) for n, p in enumerate(m.principles, start=1) if p.own]
    parts = []
    if numbered:
        word = "principle" if len(numbered) == 1 else "principles"
        parts.append(f"{word} " + _and([f"{n} ({p.title})" for n, p in numbered]))
    if m.own_levels:
        word = "the level" if len(m.own_levels) == 1 else "the levels"
        parts.append(f"{word} " + _and([lv.name for lv in m.own_levels]))
    if not parts:
        return ""
    others_p = len(m.principles) - len(numbered)
    others_l = len(m.levels) - len(m.own_levels)
    return (f"shows the pack's own work: {', and '.join(parts)}. The other {others_p} "
            f"principle{'s' if others_p != 1 else ''} and {others_l} level{'s' if others_l != 1 else ''} "
            f"come from {m.model}.")


def own_note(part: Principle | Level) -> str:
    """For a part marked own: "The pack's own principle, built from …" (empty for the model's parts)."""
    if not part.own:
        return ""
    kind = "principle" if isinstance(part, Principle) else "level"
    return f"The pack's own {kind}, built from {part.based_on}."


def own_key_short(m: Matrix) -> str:
    """The key for a sheet that holds only some principles (a group's scoring sheet): what the mark means,
    without naming the principles of other sheets. Empty when every part comes from the model."""
    if not m.own_principles and not m.own_levels:
        return ""
    return f"shows a principle or level that is the pack's own work. The rest come from {m.model}."


def template_words(m: Matrix) -> dict:
    """What a template needs to mark the pack's own parts: ``own_mark``, ``own_key`` (the whole matrix),
    ``own_key_short`` (a sheet with some of it) and ``own_note(part)``."""
    return dict(own_mark=OWN_MARK, own_key=own_key(m), own_key_short=own_key_short(m), own_note=own_note)
