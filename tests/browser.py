"""A real browser for the tests: Debian's Chromium driven by Playwright, against the built site on localhost."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def require_chromium():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        message = "Chromium is not installed: sudo apt-get install chromium (Debian), then run make test again."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class WithoutSearch(Quiet):
    """The site as served, except the theme's search program, which answers 404 (see serve)."""

    def do_GET(self):  # noqa: N802
        if self.path.split("?")[0].startswith("/assets/javascripts/workers/search."):
            self.send_error(404)
        else:
            super().do_GET()


def serve(folder: Path, search: bool = True):
    """Serve ``folder`` on 127.0.0.1 (a free port); return (base URL, stop function).

    ``search=False`` leaves out the theme's search program: on every page it opens, it builds the whole site's
    search index in the background (about 0.2 s of CPU a page here), which a test of the page itself does not
    need; the program does not change the page. Search, and the requests it makes, are tested with it on
    (test_navigation_in_order_and_search over http; the offline tests from file://, where nothing is left out).
    """
    handler = functools.partial(Quiet if search else WithoutSearch, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_port}", httpd.shutdown


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                              args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def _shared_context(browser):
    """One browser context for each worker, for the tests that open pages with nothing set of their own."""
    context = browser.new_context()
    origins: set[str] = set()
    context.on("request", lambda r: origins.add(_origin(r.url)) if r.url.startswith(("http", "file:")) else None)
    context.origins = origins
    context.keeper = context.new_page()  # a blank tab that stays open, to clear storage from (see new_page)
    yield context
    context.close()


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def new_page(_shared_context):
    """Open a new tab for this test, at a size (width, height), in the worker's one browser context.

    A tab in a context that has shown the site before takes about half the CPU of the same page in a new context
    (the home page: 0.7 against 1.6 core-seconds), as the context keeps the site's scripts, styles and fonts.
    Each test still starts clean: when it ends its tabs are closed and every origin the context has visited has
    its storage cleared (local storage, cookies and the rest; Chromium's Storage.clearDataForOrigin).
    A test that sets the clock, goes offline, turns JavaScript off or must see every request the browser makes
    opens a context of its own.
    """
    context = _shared_context
    opened = []

    def open_tab(size: tuple[int, int] = (1280, 720)):
        page = context.new_page()
        page.set_viewport_size({"width": size[0], "height": size[1]})
        opened.append(page)
        return page

    yield open_tab
    for page in opened:
        page.close()  # first, so that nothing a page does as it closes is kept
    forget_storage(context)


def forget_storage(context) -> None:
    """Clear what every origin the shared context has visited keeps in the browser (not its HTTP cache)."""
    cdp = context.new_cdp_session(context.keeper)
    for origin in sorted(context.origins):
        cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
    cdp.detach()


@pytest.fixture(scope="session")
def site_url(built):
    """The built site on localhost, without the theme's search program (see serve)."""
    url, stop = serve(built.path / "site", search=False)
    yield url
    stop()


@pytest.fixture(scope="session")
def site_url_with_search(built):
    """The built site on localhost as it is published, search and all."""
    url, stop = serve(built.path / "site")
    yield url
    stop()
