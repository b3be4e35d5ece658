"""The print stylesheets, checked before any PDF is made: a mistake in ``overrides/print/*.css`` is
named with its file and line, not blamed on the PDF that happened to use it."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from ..diagnostics.record import Collector

AT = re.compile(r" at (\d+):(\d+)")


class WarningCollector(logging.Handler):
    """Keeps the warnings a library logs (WeasyPrint's, while it reads a stylesheet or makes a PDF)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def check_print_styles(root: Path, errors: Collector, folder: str = "overrides/print") -> None:
    """Parse each stylesheet as WeasyPrint will, and report every declaration it would ignore."""
    import weasyprint
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    overrides = (Path(root) / "overrides").resolve()

    class Local(URLFetcher):  # an @import of another stylesheet of the project's; nothing else is fetched
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            target = Path(url2pathname(unquote(parsed.path))).resolve()
            if parsed.scheme == "file" and target.is_relative_to(overrides) and target.is_file():
                return URLFetcherResponse(url, target.read_bytes(), {"Content-Type": "text/css"})
            return URLFetcherResponse(url, b"", {"Content-Type": "text/css"})  # refused: _check_urls names it

    logger = logging.getLogger("weasyprint")
    for path in sorted((Path(root) / folder).glob("*.css")):
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
