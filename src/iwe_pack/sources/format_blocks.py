"""Words that belong to one kind of day, in a Markdown text (a section's notes, a handout's body).

A block starts with a line ``<!-- iwe:only online -->`` and ends with a line ``<!-- iwe:end -->``. Its kinds
(one or more, all of which must hold) say which days print it: ``in-person`` or ``online``; for the
introductions ``whole-room`` (a round of the room) or ``in-groups`` (a check-in in groups); and ``with-link`` or
``no-link``: whether the place has an evaluation link (a form people open from the chat or a QR code). Text outside the
blocks is for every day. A place's outputs keep only the blocks for its day (:func:`pick`); the generic pages
keep them all, each under a short label (:func:`labelled`).

The steps and handouts also declare phrases that are room-only or online-only (``room_only``,
``online_only``): :func:`phrase_problems` checks each is there, and only where its kind of day reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = re.compile(r"^\s*<!--\s*iwe:only\b(.*?)-->\s*$")
END = re.compile(r"^\s*<!--\s*iwe:end\s*-->\s*$")
# a marker a hand-written page may hold (<!-- iwe:prework -->): replaced with data from the model when the page is
# made (views/pages.py); which ones a page may hold is a rule (checks/pages.py)
MARKERS = re.compile(r"<!--\s*iwe:(\w+)\s*-->")

# each kind: what it is about, and the value the plan has for it
KINDS = {"in-person": ("format", "in-person"), "online": ("format", "virtual"),
         "whole-room": ("introductions", "whole-room"), "in-groups": ("introductions", "in-groups"),
         "with-link": ("link", True), "no-link": ("link", False)}
LABELS = {"in-person": "in a room", "online": "online", "whole-room": "with a round of the room",
          "in-groups": "with a check-in in groups", "with-link": "with an evaluation link",
          "no-link": "without an evaluation link"}
ALLOWED = ", ".join(KINDS)


@dataclass(frozen=True)
class Part:
    kinds: tuple[str, ...]  # () for text that is for every day
    line: int  # the first line of the part in the file (the marker's, for a block)
    text: str


def parts(text: str) -> tuple[list[Part], list[tuple[int, str, str]]]:
    """The text cut into its parts, and its problems as (line, code, found)."""
    out: list[Part] = []
    problems: list[tuple[int, str, str]] = []
    kinds: tuple[str, ...] = ()
    start, lines = 1, list[str]()
    for n, line in enumerate(text.split("\n"), start=1):
        m = OPEN.match(line)
        if m:
            if kinds:
                problems.append((n, "notes.block-nested", line.strip()))
                continue
            words = tuple(m.group(1).split())
            bad = [w for w in words if w not in KINDS]
            if not words or bad:
                problems.append((n, "notes.block-kind", repr(" ".join(bad) or m.group(1).strip())))
            clash = {KINDS[w][0] for w in words if w in KINDS}
            if len(clash) < len([w for w in words if w in KINDS]):
                problems.append((n, "notes.block-kind", repr(" ".join(words))))
            out.append(Part((), start, "\n".join(lines)))
            kinds, start, lines = tuple(w for w in words if w in KINDS) or ("?",), n, []
        elif END.match(line):
            if not kinds:
                problems.append((n, "notes.block-end-alone", line.strip()))
                continue
            out.append(Part(kinds, start, "\n".join(lines)))
            kinds, start, lines = (), n + 1, []
        else:
            lines.append(line)
    if kinds:
        problems.append((start, "notes.block-open", f"'<!-- iwe:only {' '.join(kinds)} -->'"))
    out.append(Part(kinds, start, "\n".join(lines)))
    return [p for p in out if p.text or p.kinds], problems


def holds(kinds: tuple[str, ...], format: str, introductions: str | None, link: bool | None = None) -> bool:
    """Whether a block of these kinds is for a day of this format, introductions and evaluation link (None: any)."""
    day = {"format": format, "introductions": introductions, "link": link}
    return all(w in KINDS and day[KINDS[w][0]] in (None, KINDS[w][1]) for w in kinds)


def pick(text: str, format: str, introductions: str | None = None, link: bool | None = None) -> str:
    """The text as a day of this format (in-person or virtual), introductions and evaluation link reads it."""
    if "iwe:" not in text:
        return text
    kept = [p.text for p in parts(text)[0] if holds(p.kinds, format, introductions, link)]
    return "\n".join(kept)


def labelled(text: str) -> str:
    """The text with every block, each starting with what kind of day it is for (the generic pages)."""
    if "iwe:" not in text:
        return text
    out = []
    for p in parts(text)[0]:
        if p.kinds:
            label = " and ".join(LABELS.get(k, k) for k in p.kinds)
            out.append(f"\n*Only {label}:*\n\n{p.text.strip(chr(10))}\n")
        else:
            out.append(p.text)
    return "\n".join(out)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def contains(text: str, phrase: str) -> bool:
    """Whether ``text`` has ``phrase`` in it, in any case and however the lines break."""
    return _norm(phrase) in _norm(text)


def block_problems(text: str, room_only: list[str], online_only: list[str]) -> list[tuple[str, int, str, str]]:
    """Declared phrases of a Markdown text that are missing, or outside a block for their kind of day.

    Each problem: (the list it is declared in, its place in the list from 1, the code, where it was found)."""
    cut, _ = parts(text)
    out = []
    for key, lists, want in (("room_only", room_only, "in-person"), ("online_only", online_only, "online")):
        for i, phrase in enumerate(lists, start=1):
            where = [p for p in cut if contains(p.text, phrase)]
            if not where:
                out.append((key, i, "phrase.not-found", repr(phrase)))
            for p in where:  # (a phrase must be in one of its own kind's blocks, whatever else they need)
                if want not in p.kinds:
                    out.append((key, i, "phrase.outside-block", f"{phrase!r} (line {_line_of(p, phrase)})"))
    return out


def _line_of(part: Part, phrase: str) -> int:
    """The line of the file where ``phrase`` is in a part (the part's first line if it breaks across lines)."""
    first = part.line + (1 if part.kinds else 0)
    for n, line in enumerate(part.text.split("\n")):
        if contains(line, phrase):
            return first + n
    return part.line
