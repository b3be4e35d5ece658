"""Facilitator notes and steps stay in plain English: a reading age of about 12 or lower.

Reading age here is the Flesch-Kincaid grade plus 5, with syllables counted from the hyphenation
dictionary WeasyPrint already uses (pyphen, British English) and vowel groups. It is an estimate, good
enough to catch a page that has drifted into long sentences and long words.
"""

from __future__ import annotations

import re

import pyphen
import pytest
import yaml

from conftest import ROOT

DICTIONARY = pyphen.Pyphen(lang="en_GB")
MOST = 12  # reading age


def syllables(word: str) -> int:
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 0
    groups = len(re.findall(r"[aeiouy]+", w)) - (1 if w.endswith("e") and not w.endswith("le") and len(w) > 2 else 0)
    return max(len(DICTIONARY.positions(w)) + 1, groups, 1)


def reading_age(text: str) -> float:
    text = re.sub(r"`[^`]*`|\[([^\]]*)\]\([^)]*\)|<[^>]+>", r"\1", text)  # link words, not addresses
    text = re.sub(r"[#>*_|!]+", " ", text)
    sentences = [s for s in re.split(r"[.!?]+\s|\n\s*\n|\n\s*[-\d]", text) if re.search(r"[A-Za-z]", s)]
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    if not words:
        return 0.0
    grade = 0.39 * len(words) / max(1, len(sentences)) + 11.8 * sum(map(syllables, words)) / len(words) - 15.59
    return grade + 5


def steps_text(path) -> str:
    """A steps file's words a facilitator or table host reads: each step's and each variant's do, say and online
    words, and the table host's brief."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    parts = []
    for s in data["steps"]:
        for way in [s, *s.get("variants", [])]:
            parts += [way["do"], way.get("say") or "", (way.get("online") or {}).get("do") or ""]
    host = data.get("host") or {}
    parts += [". ".join(host.get("do", [])), ". ".join(host.get("online", []))]
    return "\n\n".join(p for p in parts if p)


SOURCES = sorted((ROOT / "content/sections").glob("*.md")) + sorted((ROOT / "content/sections").glob("*.yml"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_notes_and_steps_read_at_age_12_or_lower(path):
    text = steps_text(path) if path.suffix == ".yml" else path.read_text(encoding="utf-8")
    age = reading_age(text)
    assert age <= MOST, f"{path.name}: reading age about {age:.1f}; write shorter sentences and plainer words"


def test_the_estimate_tells_plain_from_dense_writing():
    plain = "Hand out the matrix. Ask each group to choose a level. Keep an eye on the time."
    dense = ("Facilitators should systematically operationalise the organisational prioritisation of "
             "interdisciplinary considerations, notwithstanding institutional heterogeneity and the "
             "concomitant methodological complexities inherent in multi-stakeholder deliberation.")
    assert reading_age(plain) <= 10 < MOST < reading_age(dense)
