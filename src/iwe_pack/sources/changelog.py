"""CHANGELOG.md (Keep a Changelog): the released versions and their dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics.problems import Collector

HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\S+))?\s*$", re.M)


@dataclass(frozen=True)
class Release:
    version: str
    date: dt.date | None  # None for [Unreleased]
    line: int


def releases(path: Path, errors: Collector) -> list[Release] | None:
    """Every ``## [x.y.z] - YYYY-MM-DD`` heading, newest first as written (None if the file cannot be read)."""
    if not path.is_file():
        errors.add(path, None, None, "changelog.missing")
        return None
    from .text import read_text

    text = read_text(path, errors)
    if text is None:
        return None
    out = []
    for m in HEADING.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        version, date = m.group("version"), m.group("date")
        if version.lower() == "unreleased":
            out.append(Release(version, None, line))
            continue
        if not re.fullmatch(r"\d+\.\d+\.\d+", version):
            errors.add(path, line, None, "changelog.bad-version", found=repr(version))
            continue
        try:
            when = dt.date.fromisoformat(date or "")
        except ValueError:
            errors.add(path, line, None, "changelog.bad-date", found=repr(date), version=version)
            continue
        out.append(Release(version, when, line))
    return out


def anchor(version: str) -> str:
    """The id of a version's heading on the "What's new" page: ``iwe-version-1-0-0``, ``iwe-version-unreleased``."""
    return "iwe-version-" + re.sub(r"[^a-z0-9]+", "-", version.lower()).strip("-")


def with_anchors(text: str) -> str:
    """CHANGELOG.md with an id on each version's heading, so other pages can link to a version's entry."""
    def one(m: re.Match) -> str:
        heading = m.group(0).rstrip()
        return f"{heading} {{ #{anchor(m.group('version'))} }}{m.group(0)[len(heading):]}"

    return HEADING.sub(one, text)


def check_version(version: str, found: list[Release], path: Path, errors: Collector) -> Release | None:
    """The content version must have its entry in the changelog."""
    match = next((r for r in found if r.version == version), None)
    if match is None:
        errors.add(path, None, None, "changelog.no-entry", found=version)
    return match
