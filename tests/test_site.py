"""The built site: what a facilitator sees, from the shipped sources."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import yaml

from conftest import ROOT


def sections():
    return yaml.safe_load((ROOT / "content/workshop.yml").read_text())["sections"]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append((tag, name, value))


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_home_page_and_every_section_page(built):
    assert (built.path / "site/index.html").is_file()
    for s in sections():
        page = built.page(f"on-the-day/{s['id']}.html")
        text = text_of(page)
        assert f"{s['minutes']['min']}–{s['minutes']['max']} minutes" in text
        assert s["title"] in text
        # the facilitator notes are on the page, with their headings
        notes = (ROOT / "content/sections" / f"{s['id']}.md").read_text()
        for heading in re.findall(r"^## (.+)$", notes, flags=re.M):
            assert heading in text, (s["id"], heading)


def test_running_order_page_shows_ranges_and_totals(built):
    text = text_of(built.page("on-the-day/index.html"))
    for s in sections():
        assert f"{s['title']} {s['minutes']['min']}–{s['minutes']['max']}" in text
    assert "Total 130–180" in text
    assert "120–180 minutes" in text


def test_navigation_follows_the_day_in_order(built):
    html = built.page("index.html")
    nav = html[html.index('class="md-nav md-nav--primary"'):]
    # "On the day" opens the running order (its index page); the sections follow
    order = ["Start here", "Before the day", "On the day"]
    order += [f"{i}. {s['title']}" for i, s in enumerate(sections(), start=1)]
    order += ["After the day", "Reference", "Glossary", "Sources"]
    positions = [nav.find(label) for label in order]
    assert -1 not in positions, list(zip(order, positions))
    assert positions == sorted(positions)


def test_no_request_to_another_server(built):
    site = built.path / "site"
    for page in site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text())
        for tag, attr, url in parser.urls:
            if tag in ("script", "link", "img", "iframe", "source") and attr in ("src", "href"):
                if tag == "link" and re.search(r'rel="(canonical|prev|next)"', url):
                    continue
                assert not re.match(r"(https?:)?//", url), f"{page}: {tag} {attr}={url}"
    for css in site.rglob("*.css"):
        text = css.read_text()
        assert "fonts.googleapis" not in text and "@import url(http" not in text, css


def test_fonts_are_served_from_the_site(built):
    site = built.path / "site"
    css = (site / "assets/stylesheets/fonts.css").read_text()
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert urls
    for url in urls:
        font = (site / "assets/stylesheets" / url).resolve()
        assert font.is_file() and font.read_bytes()[:4] == b"wOF2", url
    assert "assets/stylesheets/fonts.css" in built.page("index.html")


def test_search_index_holds_the_sections(built):
    index = json.loads((built.path / "site/search/search_index.json").read_text())
    titles = {d["title"] for d in index["docs"]}
    for s in sections():
        assert s["title"] in titles


def test_search_finds_each_places_page_but_not_its_copies_of_the_tools(built):
    """A place's record and scoring pages are the same tools for every place: indexed for each of hundreds of places
    they made the index (which every tablet loads to search) grow by the place. Search finds the place's own page,
    which links to them, and the scoring tool's own page. A place's report of its day is its own: it is found."""
    index = json.loads((built.path / "site/search/search_index.json").read_text())
    pages = {d["location"].split("#")[0] for d in index["docs"]}
    places = [p.stem for p in (built.path / "packs").glob("*.yml")]
    assert places and all(f"packs/{slug}.html" in pages for slug in places)
    assert all((built.path / f"site/packs/{slug}/{tool}.html").is_file() for slug in places for tool in ("record", "scoring"))
    assert [p for p in pages if re.match(r"packs/[^/]+/(record|scoring)\.html", p)] == []
    reports = [slug for slug in places if (built.path / f"site/packs/{slug}/report.html").is_file()]
    assert reports and all(f"packs/{slug}/report.html" in pages for slug in reports)  # a place's own day: found
    assert "matrix/scoring.html" in pages


def test_templates_are_not_published(built):
    assert not list((built.path / "site").rglob("*.j2"))


def test_broken_link_fails_the_strict_build(project):
    project.replace("content/after-the-day.md", "\n", "\nSee [the missing page](missing.md).\n")
    result = project.build_here()
    assert result.returncode != 0
    assert "missing.md" in result.stderr


def test_hostile_text_in_sources_is_shown_not_run(project):
    hostile = """O'Brien & "Co" <b>x</b> {{7*7}} <script>alert(1)</script> [l](javascript:alert(1))"""
    quoted = "'" + hostile.replace("'", "''") + "'"
    project.replace("content/workshop.yml", "lead: Facilitators, one in each group if possible", f"lead: {quoted}")
    project.replace("content/workshop.yml", "title: Action planning", f"title: {quoted}")
    result = project.build_here()
    assert result.returncode == 0, result.stderr
    for page_file in (project.path / "site").rglob("*.html"):
        page = page_file.read_text()
        assert "<script>alert(1)</script>" not in page, page_file
        assert "<b>x</b>" not in page, page_file
        assert 'href="javascript:' not in page, page_file
        assert "&amp;#x27;" not in page and "&amp;quot;" not in page, page_file  # escaped once, never twice
    page = project.page("on-the-day/self-assessment.html")
    assert "O&#x27;Brien &amp; &quot;Co&quot; &lt;b&gt;x&lt;/b&gt; {{7*7}} &lt;script&gt;alert(1)&lt;/script&gt;" in page
    # the title shows literally, in the page heading and the navigation of every page
    title = "O&#x27;Brien &amp; &quot;Co&quot; &lt;b&gt;x&lt;/b&gt; {{7*7}}"
    assert title in project.page("on-the-day/action-planning.html")
    assert f"5. {title}" in project.page("index.html")


def test_prework_on_before_the_day_comes_from_the_running_order_data(project):
    project.replace("content/workshop.yml", "title: How we built community wealth in Preston",
                    "title: Preston <em>case</em> study")
    project.replace("content/workshop.yml", "minutes: {min: 10, max: 20}", "minutes: {min: 15, max: 20}")
    project.replace("content/workshop.yml", "prework: {min: 30, max: 60}", "prework: {min: 35, max: 60}")
    assert project.build_here().returncode == 0
    page = project.page("before-the-day.html")
    assert "Preston &lt;em&gt;case&lt;/em&gt; study</a>" in page
    assert "It takes about 15 to 20 minutes." in text_of(page)
    assert "<!-- iwe:prework -->" not in page


def _primary_nav(html: str) -> str:
    start = html.index('class="md-nav md-nav--primary"')
    return html[start:html.index("</nav>", start)]


def test_the_navigation_does_not_grow_with_the_places(project):
    """Every page carries the navigation: a place listed there would make every page grow with the places. The
    packs index lists them, and each place's page links back to it."""
    first = project.build_here()
    assert first.returncode == 0, first.stderr
    before = {page: _primary_nav(project.page(page)) for page in ("index.html", "packs/index.html", "packs/ynys-mon.html")}
    text = (project.path / "packs/ynys-mon.yml").read_text(encoding="utf-8")
    (project.path / "packs/another-place.yml").write_text(re.sub(r"^place: .*$", "place: Another Place", text,
                                                                 count=1, flags=re.M), encoding="utf-8")
    second = project.build_here()
    assert second.returncode == 0, second.stderr
    for page, nav in before.items():
        assert _primary_nav(project.page(page)) == nav, page
        assert "Ynys" not in nav and "another-place" not in nav, page
    index = project.page("packs/index.html")
    for slug in ("another-place", "ynys-mon", "north-yorkshire", "kingston-upon-hull"):
        assert f'href="{slug}.html"' in index, slug
        assert 'href="index.html">all place packs</a>' in project.page(f"packs/{slug}.html"), slug


def test_pages_that_wait_for_the_print_counts_show_no_front_matter(built):
    """A place's page and "Plan your day" are written once the print-offs are counted: what the site engine gets
    then is the page's text alone, as the first time (its title was read from the front matter already)."""
    for page in ["plan.html", *(f"packs/{p.stem}.html" for p in sorted((ROOT / "packs").glob("*.yml")))]:
        html = built.page(page)
        text = text_of(html[html.index('<article'):html.index('</article>')])
        assert "title:" not in text, page
        assert len(re.findall(r"<h1[ >]", html)) == 1, page
