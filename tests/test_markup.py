"""Every built page through the Nu HTML checker (vnu-jar, the version package-lock.json pins), in one Java run."""

from __future__ import annotations

import json
import subprocess

import pytest

from npm_tools import vnu_jar

# Markup from the theme (Material for MkDocs) that we keep on purpose; content/accessibility.md lists it.
# Its hidden menu and search switches carry autocomplete="off", which stops Firefox reopening them on 'Back'.
KNOWN_THEME = ("Attribute “autocomplete” is only allowed when the input type is",)
THEME_SWITCH = 'class="md-toggle"'


# One short run: the quick compiler only and one garbage collector thread took 2.9 s of CPU instead of 6.0 s, with
# the same messages; the checker then needs a deeper stack than Java's default.
QUICK_JAVA = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss16m"]


@pytest.fixture(scope="module")
def checked(built):
    site = built.path / "site"
    out = subprocess.run(["java", *QUICK_JAVA, "-jar", str(vnu_jar()), "--format", "json", "--skip-non-html", str(site)],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(out.stderr)["messages"]
    assert not [m for m in messages if m["type"] == "non-document-error"], messages[:3]
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    errors = [dict(m, page=m["url"].split("/site/", 1)[1]) for m in messages if m["type"] == "error"]
    return pages, errors


def test_the_checker_read_every_page(checked, built):
    pages, _ = checked
    assert len(pages) > 40
    assert any(p.endswith("/run.html") for p in pages) and any(p.endswith("present.html") for p in pages)


def test_no_markup_errors_but_the_known_theme_switches(checked):
    _, errors = checked
    unexpected = [e for e in errors if not (e["message"].startswith(KNOWN_THEME) and THEME_SWITCH in e.get("extract", ""))]
    assert unexpected == [], "\n".join(f"{e['page']}:{e.get('lastLine')}: {e['message']}" for e in unexpected[:20])


def test_the_known_theme_markup_is_listed_in_the_accessibility_statement(checked, built):
    _, errors = checked
    statement = built.page("accessibility.html")
    if errors:  # gone when the theme drops it: then the statement may drop it too
        assert "autocomplete" in statement
