"""Checks on the project's folders as files: nothing published comes from outside, and every editor page is safe.

MkDocs copies every file under ``content/`` into the site, following links
(symlinks); the engine reads ``packs/`` and the theme copies ``overrides/``.
A link there to a file elsewhere on the machine (``/etc/passwd``, a key in the
home folder, ``../.env``) would publish it, so links must stay inside their
folder. And every Markdown file an editor writes, page or not, is checked
against the HTML allow-list (:mod:`.editor_html`), and every drawing (``.svg``) against its own (:mod:`.svg`).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ..diagnostics.problems import Collector
from ..sources.layout import NOT_PAGES
from ..sources.text import read_text
from .editor_html import markdown_problems, markdown_to_html, too_deep
from .resources import html_resource_problems, resource_problems
from .svg import svg_problems

FOLDERS = ("content", "packs", "overrides")
ROOT_PAGES = ("CHANGELOG.md", "CONTRIBUTING.md")  # made into "What's new" and "Editor's guide"


def check_project_files(root: Path, errors: Collector) -> None:
    """Refuse links that leave their folder, then check every editor's Markdown file against the allow-list."""
    root = Path(root)
    outside = set()
    for folder in FOLDERS:
        outside |= _links_leaving(root, folder, errors)
    content = root / "content"
    markdown = [p for p in sorted(_walk(content)) if p.suffix == ".md" and p.is_file() and p not in outside]
    markdown += [root / name for name in ROOT_PAGES if (root / name).is_file()]
    for path in markdown:
        if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
            errors.add(path.name, None, None, "file.link-outside", what="a file", allowed="the project folder")
            continue
        text = read_text(path, errors)
        if text is None:
            continue
        page = path.is_relative_to(content) and path.relative_to(content).parts[0] not in NOT_PAGES
        for line, code, details in markdown_problems(text, page=page):
            errors.add(path, line, None, code, **details)
        if too_deep(text) is None:  # else it is not rendered (markdown_problems said why)
            _fetched_from_outside(text, path, root, errors)
    for folder in ("content", "overrides"):
        for path in sorted(_walk(root / folder)):
            if path.suffix.lower() == ".svg" and path.is_file() and path not in outside:
                _check_svg(path, errors)


def _check_svg(path: Path, errors: Collector) -> None:
    """A drawing is published as it is: it may hold only drawing elements that point inside it (:mod:`.svg`)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        errors.add(path, None, None, "file.unreadable", reason=exc.strerror)
        return
    for line, code, details in svg_problems(data):
        errors.add(path, line, None, code, **details)


def _fetched_from_outside(text: str, path: Path, root: Path, errors: Collector) -> None:
    """What the Markdown, once rendered, would fetch from outside (a reference-style image, an address written
    with entities, a srcset): found on the HTML, as the browser reads it, beyond what the source shows plainly."""
    content = root / "content"
    plain = {found for _, _, found in resource_problems(text, path, content)}
    inside = path.relative_to(content).as_posix() if path.is_relative_to(content) else path.name
    for code, found in _rendered_resource_problems(text, inside):
        if found in plain:
            continue  # reported with its line by resources.resource_problems where the file is read
        url = found.strip("'\"")
        tail = url.split("://", 1)[-1]
        line = next((n for n, row in enumerate(text.splitlines(), 1) if url in row or tail in row), None)
        errors.add(path, line, None, code, found=found)


@lru_cache(maxsize=1024)
def _rendered_resource_problems(text: str, inside: str) -> tuple[tuple[str, str], ...]:
    """What ``text`` fetches once rendered, remembered for the life of the process: a rebuild in ``mkdocs serve``
    (or the next check in one process) finds most Markdown files unchanged."""
    return tuple(html_resource_problems(markdown_to_html(text), inside))


def _walk(folder: Path):
    """Every file and folder inside ``folder``, without following links."""
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in dirnames + filenames:
            yield Path(dirpath) / name


def _links_leaving(root: Path, folder: str, errors: Collector) -> set[Path]:
    """Report each link in ``root/folder`` whose target is not inside that folder; return those links."""
    top = root / folder
    if not top.exists():
        return set()
    home = root.resolve()
    if not top.resolve().is_relative_to(home) or top.resolve() != home / folder:
        errors.add(folder, None, None, "file.link-outside", what="a folder",
                   allowed=f"the project, as a real folder {folder}/")
        return {top}
    found = set()
    for path in _walk(top):
        if not path.is_symlink():
            continue
        rel = path.relative_to(root).as_posix()
        target = path.resolve()
        what = "a folder" if target.is_dir() else "a file"
        if not target.is_relative_to(home):
            errors.add(rel, None, None, "file.link-outside", what=what, allowed=f"{folder}/")
        elif not target.is_relative_to(home / folder):
            errors.add(rel, None, None, "file.link-outside-folder", found=target.relative_to(home).as_posix(),
                       folder=folder)
        else:
            continue
        found.add(path)
    return found

