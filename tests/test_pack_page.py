"""A place's pack page as a facilitator reads it: the summary box for each format, and letters to copy."""

from __future__ import annotations

import html
import re

import pytest
import yaml

from conftest import ROOT
from test_site import text_of

PACKS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "packs").glob("*.yml"))}
ONLINE = ["Platform", "Joining link", "Technical host"]


def summary(page: str) -> list[tuple[str, str]]:
    """The summary box's entries, in order, as (term, the entry's HTML)."""
    box = re.search(r'<div class="iwe-summary">(.*?)</div>', page, flags=re.S)
    assert box, "no summary box"
    inner = box.group(1)
    assert inner.count("<dl") == 1, "the summary box should be one list, with nothing nested in it"
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", inner, flags=re.S)
    assert len(pairs) == inner.count("<dt>") == inner.count("<dd>"), "every term should have one value"
    return [(html.unescape(text_of(term).strip()), value) for term, value in pairs]


def plain(value_html: str) -> str:
    return html.unescape(text_of(value_html).strip())


def test_the_shipped_packs_cover_both_formats():
    assert {p["format"] for p in PACKS.values()} == {"in-person", "virtual"}


@pytest.mark.parametrize("slug", sorted(PACKS))
def test_summary_box_has_an_entry_for_each_fact_of_the_format(built, slug):
    pack = PACKS[slug]
    entries = summary(built.page(f"packs/{slug}.html"))
    terms = [term for term, _ in entries]
    values = dict(entries)
    assert terms[:3] == ["Date", "Time", "Format"], terms
    assert "Convener" in terms and plain(values["Convener"]) == pack["convener"]
    if pack["format"] == "virtual":
        assert plain(values["Format"]) == "Online"
        assert "Venue" not in terms
        assert terms[3:3 + len(ONLINE)] == ONLINE, terms  # each its own entry, straight after the format
        assert plain(values["Platform"]) == pack["platform"]
        assert plain(values["Technical host"]) == pack["technical_host"]
        link = re.fullmatch(r'\s*<a href="([^"]+)">([^<]+)</a>\s*', values["Joining link"])
        assert link, values["Joining link"]
        assert html.unescape(link.group(1)) == html.unescape(link.group(2)) == pack["joining_link"]
    else:
        assert plain(values["Format"]) == "In person"
        assert not set(ONLINE) & set(terms), terms
        assert terms[3] == "Venue" and plain(values["Venue"]) == pack["venue"]


def test_an_online_pack_without_link_or_host_leaves_those_entries_out(project):
    project.replace("packs/north-yorkshire.yml", "joining_link: https://teams.example.org/meet/iwe-north-yorkshire\n", "")
    project.replace("packs/north-yorkshire.yml", "technical_host: Sam Whitaker\n", "")
    result = project.build_here()
    assert result.returncode == 0, result.stderr
    terms = [term for term, _ in summary(project.page("packs/north-yorkshire.html"))]
    assert "Platform" in terms and "Joining link" not in terms and "Technical host" not in terms
    assert terms.index("Platform") == terms.index("Format") + 1 and terms[terms.index("Platform") + 1] == "Convener"


LETTER_LAYOUT = """() => [...document.querySelectorAll('pre.letter')].map(pre => {
  const code = pre.querySelector('code');
  const button = pre.querySelector('button');
  const b = button.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(code);
  const under = [...range.getClientRects()].filter(t => t.width > 1 &&
      t.left < b.right && t.right > b.left && t.top < b.bottom && t.bottom > b.top);
  return {wraps: code.scrollWidth <= code.clientWidth + 1, whiteSpace: getComputedStyle(code).whiteSpace,
          covered: under.length, visible: b.width > 0 && b.height > 0};
})"""


@pytest.mark.parametrize("size", [(768, 1024), (320, 640)])
def test_letters_wrap_and_the_copy_button_covers_no_text(new_page, site_url, size):
    page = new_page(size)
    for slug in PACKS:
        page.goto(f"{site_url}/packs/{slug}.html")
        letters = page.evaluate(LETTER_LAYOUT)
        assert len(letters) == 2, (slug, letters)  # joining instructions and follow-up
        for letter in letters:
            assert letter["visible"], (slug, letter)
            assert letter["wraps"] and letter["whiteSpace"] == "pre-wrap", (slug, size, letter)
            assert letter["covered"] == 0, (slug, size, letter)
