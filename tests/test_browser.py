"""The site in a real browser (Debian's Chromium via Playwright): accessibility, privacy, offline, run mode.

Every page is checked with axe-core (WCAG 2.2 A and AA rules; the version package-lock.json pins) at a
tablet size and a small phone size, while every request the browser makes is recorded: none may leave
the local server.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml

from conftest import ROOT
from npm_tools import axe_script, pinned

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SIZES = {"tablet": (768, 1024), "phone": (320, 640)}


def site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


# One crawl for each size: two workers (pytest-xdist) can run them side by side (see work_unit in conftest.py).
@pytest.fixture(scope="module", params=list(SIZES))
def crawl(request, built, browser, site_url):
    """Visit every page at one size; return (size, {page: violations}, every request made, axe versions seen)."""
    site = built.path / "site"
    size, (w, h) = request.param, SIZES[request.param]
    results, requests, versions = {}, [], set()
    context = browser.new_context(viewport={"width": w, "height": h})
    context.on("request", lambda r: requests.append(r.url))
    context.add_init_script(path=axe_script())  # axe in every page as it opens
    page = context.new_page()
    for rel in site_pages(site):
        page.goto(f"{site_url}/{rel}", wait_until="load")
        versions.add(page.evaluate("axe.version"))
        found = page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})).violations"
            ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))",
            AXE_TAGS)
        results[rel] = found
    context.close()
    return size, results, requests, versions


def test_every_page_passes_axe_wcag22_aa_at_both_sizes(crawl, built):
    size, results, _, _ = crawl
    assert sorted(results) == site_pages(built.path / "site") and len(results) >= 40
    assert any(rel.endswith("/run.html") for rel in results) and any(rel.endswith("present.html") for rel in results)
    failing = {k: v for k, v in results.items() if v}
    assert not failing, "\n".join(f"{size} {page}: {v}" for page, v in sorted(failing.items()))


def test_axe_is_the_pinned_version_and_the_statement_names_it(crawl, built):
    _, _, _, versions = crawl
    assert versions == {pinned("axe-core")}
    statement = built.page("accessibility.html")
    assert f"axe-core {pinned('axe-core')}" in statement


def test_no_request_leaves_the_local_server(crawl, site_url):
    _, _, requests, _ = crawl
    assert requests
    outside = sorted({u for u in requests if not (u.startswith(site_url) or u.startswith(("data:", "blob:")))})
    assert outside == []


def test_tabs_of_the_shared_context_start_with_nothing_stored(_shared_context, site_url, built):
    """What the tests' new_page fixture relies on: after a test, nothing its tabs stored is seen by the next test's."""
    from browser import forget_storage

    tab = _shared_context.new_page()
    tab.goto(f"{site_url}/plan.html")
    tab.evaluate("localStorage.setItem('iwe-test', 'kept'); document.cookie = 'iwe-test=kept'")
    tab.close()
    tab = _shared_context.new_page()
    tab.goto(f"{site_url}/index.html")
    assert tab.evaluate("[localStorage.getItem('iwe-test'), document.cookie.includes('iwe-test')]") == ["kept", True]
    tab.close()
    forget_storage(_shared_context)
    tab = _shared_context.new_page()
    tab.goto(f"{site_url}/index.html")
    assert tab.evaluate("[localStorage.getItem('iwe-test'), document.cookie.includes('iwe-test')]") == [None, False]
    tab.close()


def test_no_sideways_scrolling_at_320(new_page, site_url, built):
    page = new_page((320, 640))
    wide = []
    for rel in ["index.html", "on-the-day/self-assessment.html", "packs/kingston-upon-hull.html", "matrix/index.html",
                "matrix/scoring.html", "packs/kingston-upon-hull/run.html", "slides/present.html"]:
        page.goto(f"{site_url}/{rel}")
        if page.evaluate("document.documentElement.scrollWidth") > 320:
            wide.append(rel)
    assert wide == []


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def test_every_link_and_download_resolves(built):
    site = built.path / "site"
    missing = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # served at any address, so its links start from the site root
            continue
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            url = urlparse(href)
            if url.scheme or href.startswith(("#", "mailto:")):
                continue
            target = (page.parent / unquote(url.path)).resolve()
            if url.path and not target.exists():
                missing.append(f"{page.relative_to(site)} -> {href}")
    assert missing == []
    downloads = list((site / "downloads").rglob("*.pdf")) + list((site / "downloads").rglob("*.zip"))
    assert len(downloads) > 40


def test_navigation_in_order_and_search(new_page, site_url_with_search):
    """Search as served (the other tests here leave its program out: see serve in browser.py)."""
    page = new_page((1280, 900))
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{site_url_with_search}/index.html")
    page.get_by_role("link", name="Next: Before the day").or_(page.locator("a.md-footer__link--next")).first.click()
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Before the day"
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type("midpoint")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    results = page.locator(".md-search-result__item").all_inner_texts()
    assert any("midpoint" in r.lower() for r in results)
    assert any("/workers/search." in u for u in requests)  # the search program ran, and asked nothing of elsewhere
    assert all(u.startswith(site_url_with_search) for u in requests)


def run_page(browser, url: str, start: dt.datetime, web_font: bool = True):
    """Run mode under a clock that stands still at ``start`` until the test moves it: a clock left to run in
    real time moved on by more than a second between two steps of a test on a busy machine (11:49 shown where
    11:50 was due). Without ``web_font`` the pack's font never arrives, as on a slow first visit (its
    ``font-display: optional`` then keeps the system font for the page's life)."""
    context = browser.new_context(viewport={"width": 768, "height": 1024})
    if not web_font:
        context.route("**/*.woff2", lambda route: route.abort())
    page = context.new_page()
    page.clock.install(time=start - dt.timedelta(seconds=1))
    page.clock.pause_at(start)
    page.goto(url)
    return context, page


def test_run_mode_countdown_amber_then_red_under_a_controlled_clock(browser, site_url):
    pack = yaml.safe_load((ROOT / "packs/kingston-upon-hull.yml").read_text())
    intro = pack["minutes"]["introductions"]  # 15 minutes: amber with 3 left (a fifth), red after 15
    context, page = run_page(browser, f"{site_url}/packs/kingston-upon-hull/run.html", dt.datetime(2026, 3, 12, 9, 30))
    panel = page.locator("#now-panel")
    page.click("#start")
    assert page.locator("#now-title").inner_text() == "Introductions and context setting"
    page.clock.run_for(f"{intro - 3 - 1:02d}:59")  # 3:01 left
    assert "amber" not in panel.get_attribute("class") and "red" not in panel.get_attribute("class")
    page.clock.run_for(2000)  # 2:59 left
    assert "amber" in panel.get_attribute("class")
    assert page.locator("#countdown").inner_text() == "2:59"
    page.clock.run_for("03:00")  # one second over
    assert "red" in panel.get_attribute("class")
    assert page.locator("#countdown").inner_text().startswith("+0:0")
    # adding 5 minutes takes it out of the red, and shows the knock-on to the finish at once
    page.click("#extend")
    assert "red" not in panel.get_attribute("class")
    planned = 9 * 60 + 30 + sum(pack["minutes"].values()) + sum(b["minutes"] for b in pack.get("breaks", []))
    assert page.locator("#finish").inner_text() == f"Finish at {clock(planned + 5)} (5 min later than planned)."
    page.clock.run_for("04:00")  # the section ends after 19 minutes, 4 over its plan
    page.click("#advance")
    assert page.locator("#now-title").inner_text() == "Taught section"
    assert page.locator("#finish").inner_text() == f"Finish at {clock(planned + 4)} (4 min later than planned)."
    # state survives a reload
    page.reload()
    assert page.locator("#now-title").inner_text() == "Taught section"
    context.close()


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def test_run_mode_counts_down_each_step_of_the_section(browser, site_url, built):
    """The current step follows the clock: its name, its own countdown and what to do, marked in the agenda."""
    from iwe_pack import load_packs, load_workshop

    plan = next(p for p in load_packs(built.path, load_workshop(built.path)) if p.slug == "kingston-upon-hull")
    steps = plan.agenda[0].steps
    assert len(steps) >= 2
    context, page = run_page(browser, f"{site_url}/packs/kingston-upon-hull/run.html", dt.datetime(2026, 3, 12, 9, 30))
    page.click("#start")
    assert page.locator("#step-title").inner_text() == f"Step 1 of {len(steps)}: {steps[0].title}."
    assert page.locator("#step-left").inner_text() == f"{steps[0].minutes}:00 left in this step"
    assert page.locator("#step-do").inner_text() == steps[0].do
    page.clock.run_for(f"{steps[0].minutes:02d}:10")  # 10 seconds into the second step
    assert page.locator("#step-title").inner_text() == f"Step 2 of {len(steps)}: {steps[1].title}."
    assert page.locator("#step-left").inner_text() == f"{steps[1].minutes - 1}:50 left in this step"
    current = page.locator(".item.current .step.current-step")
    assert current.count() == 1 and steps[1].title in current.inner_text() and steps[1].clock in current.inner_text()
    context.close()


def test_run_mode_without_javascript_is_the_agenda_with_notes(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/packs/north-yorkshire/run.html")
    assert not page.locator("#now-panel").is_visible()
    assert page.locator(".item").count() >= 6
    agenda = page.inner_text("#agenda")
    assert "Welcome from the convening lead" in agenda and "Facilitator notes" in agenda
    context.close()


def test_offline_from_a_downloaded_folder(browser, built):
    """file:// with the network off: pages, search and run mode work."""
    site = built.path / "site"
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    outside = []
    context.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Start here"
    page.locator(".md-nav__link", has_text="Before the day").first.click()
    assert page.url.endswith("before-the-day.html")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type("midpoint")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__item").count() > 0
    page.goto((site / "packs/ynys-mon/run.html").as_uri())
    page.click("#start")
    assert page.locator("#now-title").inner_text() == "Introductions and context setting"
    assert re.fullmatch(r"\d+:\d\d", page.locator("#countdown").inner_text())
    context.close()
    assert outside == []


def test_the_offline_zip_unzipped_searches_from_file_with_the_network_off(browser, built, tmp_path):
    """The shipped offline copy holds the finished site: its search index too."""
    (zipped,) = (built.path / "site/downloads").glob("wellbeing-workshop-pack-offline-*.zip")
    with zipfile.ZipFile(zipped) as z:
        z.extractall(tmp_path)
    (index,) = tmp_path.glob("*/index.html")
    context = browser.new_context(viewport={"width": 768, "height": 1024})
    blocked = []

    def block(route):
        blocked.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!file:|data:|blob:)"), block)
    page = context.new_page()
    page.goto(index.as_uri())
    page.locator(".md-header__button[for='__search']").click()
    page.keyboard.type("midpoint")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    results = page.locator(".md-search-result__item").all_inner_texts()
    context.close()
    assert any("midpoint" in r.lower() for r in results)
    assert blocked == []


LAYOUT_SHIFT = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("rel", ["packs/kingston-upon-hull/run.html", "packs/kingston-upon-hull/present.html"])
@pytest.mark.parametrize("size", SIZES)
def test_standalone_pages_do_not_shift_as_they_load(browser, site_url, built, rel, size):
    """Cumulative layout shift under 0.1 (Google's 'good'), served and from a downloaded folder, in the site's font."""
    shifts = {}
    for where in (f"{site_url}/{rel}", (built.path / "site" / rel).as_uri()):
        w, h = SIZES[size]
        context = browser.new_context(viewport={"width": w, "height": h})
        context.add_init_script(LAYOUT_SHIFT)
        page = context.new_page()
        page.goto(where, wait_until="load")
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(500)
        shifts[where.split(":", 1)[0]] = page.evaluate("window.__cls")
        assert page.evaluate("document.fonts.check('16px \"Atkinson Hyperlegible Next\"')")
        context.close()
    assert all(shift < 0.1 for shift in shifts.values()), shifts


@pytest.mark.parametrize("web_font", [True, False], ids=["web font", "system font"])
def test_run_mode_next_section_brings_its_notes_into_view_on_a_portrait_tablet(browser, site_url, web_font):
    """Each 'Next section' shows the new section's heading on screen, its notes open and the earlier ones closed;
    a section with notes further down the page is brought up to just under the panel, which stays at the top
    (the top third of the room the panel leaves). In the pack's font, and in the system font a slow first visit
    keeps (wider here: the panel measured 535 px in it, over half the screen, when the font came late)."""
    context, page = run_page(browser, f"{site_url}/packs/kingston-upon-hull/run.html", dt.datetime(2026, 3, 12, 9, 30),
                             web_font)
    page.click("#start")
    tops = {}
    for _ in range(page.locator(".item").count() - 1):
        page.click("#advance")
        current = page.locator(".item.current")
        assert current.get_attribute("data-title") == page.locator("#now-title").inner_text()
        panel = page.locator("#now-panel").evaluate("p => [p.getBoundingClientRect().top, p.getBoundingClientRect().bottom]")
        assert panel[0] >= 0 and panel[1] <= 1024 / 2, f"{current.get_attribute('data-title')}: the panel at {panel}"
        box = current.locator("h3").evaluate("h => [h.getBoundingClientRect().top, h.getBoundingClientRect().bottom]")
        assert panel[1] <= box[0] and box[1] <= 1024, f"{current.get_attribute('data-title')}: heading at {box}"
        if current.get_attribute("data-kind") == "section":
            assert current.locator("details").evaluate("d => d.open")
            tops[current.get_attribute("data-title")] = round(box[0] - panel[1])
        assert page.locator(".item.done details[open]").count() == 0
    last = page.locator(".item").last.get_attribute("data-title")
    room = 1024 - panel[1]
    context.close()
    assert len(tops) >= 4 and all(top < room / 3 for title, top in tops.items() if title != last), tops


def test_presenter_headings_do_not_skip_levels_and_the_bar_fits_a_portrait_tablet(new_page, site_url):
    page = new_page((768, 1024))
    page.goto(f"{site_url}/packs/kingston-upon-hull/present.html")
    levels = page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    bar = page.locator("header.bar")
    title = bar.locator(".bar-title")
    assert title.evaluate("t => t.scrollWidth <= t.clientWidth"), "the presentation's title is cut off"
    # one row: every control sits level with the title
    tops = bar.locator(".bar-title, button, a").evaluate_all(
        "els => els.map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2))")
    assert max(tops) - min(tops) <= 4, tops


def test_presenter_moves_by_keys_to_the_slide_title_without_a_focus_box(new_page, site_url):
    page = new_page((768, 1024))
    page.goto(f"{site_url}/slides/present.html")
    page.keyboard.press("ArrowRight")
    focused = page.evaluate("({id: document.activeElement.id, outline: getComputedStyle(document.activeElement).outlineStyle})")
    assert focused == {"id": "slide-2-title", "outline": "none"}
    # the controls still show where focus is
    page.goto(f"{site_url}/slides/present.html")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "next":
            break
    assert page.evaluate("document.activeElement.id") == "next"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
