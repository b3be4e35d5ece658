"""The print stylesheets, checked before any PDF is made: a mistake in ``overrides/print/*.css`` is
named with its file and line, not blamed on the PDF that happened to use it."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from ..diagnostics.problems import Collector
from .editor_html import CSS_BAD_NUMBER
from .system import expected_warning, missing_required, subsetter

AT = re.compile(r" at (\d+):(\d+)")


class WarningCollector(logging.Handler):
    """Keeps the warnings a library logs (WeasyPrint's, while it reads a stylesheet or makes a PDF)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        if not expected_warning(message):  # said once by the build instead (checks.system)
            self.messages.append(message)


CHECK_VERSION = "print styles v1"  # change it when the check below changes what it reports


def check_print_styles(root: Path, errors: Collector, folder: str = "overrides/print",
                       known_clean: Path | None = None) -> None:
    """Parse each stylesheet as WeasyPrint will, and report every declaration it would ignore.

    Stylesheets read clean once are not read again, if ``known_clean`` names a folder (the build's cache) that can
    keep an empty file named by their digest (the cache, not this module, remembers them). The digest covers every file
    the print templates can pull in (the same files as the PDF cache's key) and WeasyPrint's version. Loading WeasyPrint
    alone takes about 0.6 s, which a build whose PDFs are all made already, or a pages-only build, then saves.
    """
    overrides = (Path(root) / "overrides").resolve()
    paths = sorted((Path(root) / folder).glob("*.css"))
    digest = _digest(root, folder)
    kept = known_clean / f"{digest}.clean" if known_clean and digest else None
    if kept is not None and kept.is_file():
        for path in paths:
            _check_urls(path, overrides, errors)
        return
    if missing_required():  # WeasyPrint cannot be loaded: the build says so, in one line, before any PDF
        for path in paths:
            _check_urls(path, overrides, errors)
        return
    before = len(errors.errors)
    _parse(paths, overrides, errors)
    if kept is not None and len(errors.errors) == before:
        with contextlib.suppress(OSError):
            kept.parent.mkdir(parents=True, exist_ok=True)
            kept.touch()


def print_files(root: Path, folder: str = "overrides/print") -> list[Path]:
    """Every file a print template can pull in: the print templates and stylesheets, the fonts, and each file
    those stylesheets name (``@import``, ``url()``), wherever it is in ``overrides/``."""
    overrides = (Path(root) / "overrides").resolve()
    found = {p for top in ((Path(root) / folder).resolve(), overrides / "assets" / "fonts") if top.is_dir()
             for p in top.rglob("*") if p.is_file()}
    todo = [p for p in found if p.suffix == ".css"]
    while todo:
        css = todo.pop()
        for m in URL.finditer(css.read_text(encoding="utf-8", errors="replace")):
            name = next(g for g in m.groups() if g)
            if SCHEME.match(name) or name.startswith(("/", "\\")):
                continue  # not a file of the project's (the check refuses it by name)
            target = (css.parent / unquote(urlparse(name).path)).resolve()
            if target.is_file() and target.is_relative_to(overrides) and target not in found:
                found.add(target)
                if target.suffix == ".css":
                    todo.append(target)
    return sorted(found)


def print_digest(root: Path, folder: str = "overrides/print") -> str:
    """A hash of everything a print template can pull in (:func:`print_files`, named by their paths inside the
    project, so copies of a project share it) and of WeasyPrint's version as installed (importing WeasyPrint takes
    about 0.6 s, which a build that renders nothing need not spend). It is part of every PDF's cache key, and names
    the print stylesheets the check has read clean. Raises OSError if a file cannot be read."""
    from importlib.metadata import version

    root = Path(root).resolve()
    h = hashlib.sha256(f"weasyprint {version('weasyprint')}; iwe-pack print v2".encode())
    if subsetter() != "harfbuzz":  # PDFs whose fonts fontTools subset differ in their bytes: kept apart
        h.update(f"; fonts subset by {subsetter()}".encode())
    for path in print_files(root, folder):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _digest(root: Path, folder: str) -> str | None:
    """What names stylesheets this check has read clean (:func:`print_digest`, and the check's own version), or
    None if a file cannot be read: then the stylesheets are read, and what is wrong is named."""
    try:
        return hashlib.sha256(f"{CHECK_VERSION}\0{print_digest(root, folder)}".encode()).hexdigest()
    except (OSError, ValueError):
        return None


def _parse(paths: list[Path], overrides: Path, errors: Collector) -> None:
    import weasyprint
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Local(URLFetcher):  # an @import of another stylesheet of the project's; nothing else is fetched
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            target = Path(url2pathname(unquote(parsed.path))).resolve()
            if parsed.scheme == "file" and target.is_relative_to(overrides) and target.is_file():
                return URLFetcherResponse(url, target.read_bytes(), {"Content-Type": "text/css"})
            return URLFetcherResponse(url, b"", {"Content-Type": "text/css"})  # refused: _check_urls names it

    logger = logging.getLogger("weasyprint")
    for path in paths:
        collect = WarningCollector()
        logger.addHandler(collect)
        try:
            weasyprint.CSS(string=path.read_text(encoding="utf-8"), base_url=path.parent.as_uri() + "/",
                           url_fetcher=Local())
        except Exception as exc:  # a stylesheet WeasyPrint cannot read at all
            collect.messages.append(str(exc))
        finally:
            logger.removeHandler(collect)
        for message in collect.messages:
            at = AT.search(message)
            line = int(at.group(1)) if at else None
            errors.add(path, line, None, "css.ignored", found=AT.sub("", message).strip().rstrip("."))
        _check_urls(path, overrides, errors)


URL = re.compile(r"url\(\s*[\"']?([^\"')\s]+)|@import\s+[\"']([^\"']+)", re.IGNORECASE)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _check_urls(path: Path, overrides: Path, errors: Collector) -> None:
    """Every file a stylesheet names (fonts, images, other stylesheets) must be in overrides/, and exist."""
    text = path.read_text(encoding="utf-8")
    for m in CSS_BAD_NUMBER.finditer(re.sub(r"/\*.*?\*/", lambda c: re.sub(r"[^\n]", " ", c.group(0)), text, flags=re.S)):
        errors.add(path, text.count("\n", 0, m.start()) + 1, None, "css.bad-number", found=repr(m.group(0)))
    for m in URL.finditer(text):
        url = next(g for g in m.groups() if g)
        line = text.count("\n", 0, m.start()) + 1
        if url.lower().startswith("data:"):
            continue
        if SCHEME.match(url) or url.startswith(("//", "\\\\")):
            errors.add(path, line, None, "css.outside", found=repr(url))
            continue
        target = (path.parent / unquote(urlparse(url).path)).resolve()
        if not target.is_relative_to(overrides):
            errors.add(path, line, None, "css.outside", found=repr(url))
        elif not target.is_file():
            errors.add(path, line, None, "css.missing", found=repr(url))
