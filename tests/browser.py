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
