"""Inputs an editor (or someone else) can write that used to get a traceback, or get through: each is refused
through `iwe-pack check` and the build with the same words, its file, line and field, and no source changed."""

from __future__ import annotations

import hashlib
import re

import pytest

from conftest import ROOT, assert_clean_failure, iwe_pack
from test_packs import BASE, PACK

HANDOUT = "content/handouts/two-loops.md"
NOTES = "content/sections/wrap-up.md"


def digests(project) -> dict[str, str]:
    """Every source file's bytes, to show a refusal changed none of them."""
    return {p.relative_to(project.path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in ("content", "packs", "overrides") for p in sorted((project.path / folder).rglob("*"))
            if p.is_file()}


def refused(project, *needles) -> str:
    before = digests(project)
    out = assert_clean_failure(project.check(), *needles)
    assert digests(project) == before, "a refusal changed a source"
    return out


@pytest.mark.parametrize("old,new,field", [
    ("facilitators: [Ann, Bo]", "facilitators: !!python/object/apply:os.system [echo hi]", "facilitators"),
    ("venue: Town Hall", "venue: !!python/object/apply:os.system echo hi", "venue"),
    ("venue: Town Hall", "venue: !!binary aGk=", "venue"),
    ("attendees: 12", "attendees: !custom 12", "attendees"),
])
def test_a_yaml_tag_is_refused_not_ignored(project, old, new, field):
    project.write(PACK, BASE.replace(old, new))
    tag = new.split(": ", 1)[1].split()[0]
    refused(project, f"{PACK}, line {project.line_of(PACK, new)}, field {field}: found the tag {tag}")


def test_an_unclosed_quote_is_reported_on_the_line_it_opens(project):
    project.write(PACK, BASE.replace("place: Testville", 'place: "Ynys Môn'))
    out = refused(project, f"{PACK}, line 1, field place: YAML syntax error: a quote opens on this line and is not "
                           "closed on it")
    assert "line 4" not in out.split("(the text runs on to line 4)")[0].split(PACK)[-1]


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x85", "\u2028", "\u2029", "\x1b"])
def test_a_raw_control_character_is_named_with_its_line_and_field(project, char):
    project.write(PACK, BASE.replace("venue: Town Hall", f"venue: Town{char}Hall"))
    refused(project, f"{PACK}, line {project.line_of(PACK, 'venue:')}, field venue: contains an invisible control "
                     f"character (U+{ord(char):04X})")


@pytest.mark.parametrize("date", ["0000-01-01", "9999-12-32", "1899-12-31", "2101-01-01"])
def test_a_date_outside_the_years_a_workshop_can_be_is_refused(project, date):
    project.write(PACK, BASE.replace("date: 2026-06-10", f"date: {date}"))
    refused(project, f"{PACK}, line 3, field date: found '{date}'; allowed: a date from the year 1900 to 2100")


def test_new_gives_a_windows_device_name_another_name_and_says_so(project):
    result = iwe_pack("--root", str(project.path), "new", "CON", "--date", "2026-06-10")
    assert result.returncode == 0, result.stderr
    assert "'con' cannot be a file name on Windows, so the pack is called 'con-2'" in result.stdout
    assert not project.file("packs/con.yml").exists() and project.file("packs/con-2.yml").is_file()
    assert project.check(str(project.file("packs/con-2.yml"))).returncode == 0


@pytest.mark.parametrize("name", ["con", "nul", "com1", "lpt9"])
def test_a_pack_file_named_as_a_windows_device_is_refused(project, name):
    project.write(f"packs/{name}.yml", BASE)
    refused(project, f"packs/{name}.yml: the name '{name}.yml' cannot be a file name on Windows",
            f"such as {name}-2.yml")


@pytest.mark.parametrize("name", ["anglesey.yaml", "hull.YML", "leeds.yml.txt"])
def test_a_pack_file_with_another_ending_is_named_not_ignored(project, name):
    project.write(f"packs/{name}", BASE)
    refused(project, f"packs/{name}: found a pack file ending", "allowed: a name ending .yml, such as")


def test_hidden_files_in_packs_are_not_packs(project):
    project.write("packs/.DS_Store", "\x00\x01")
    assert project.check().returncode == 0


@pytest.mark.parametrize("style", ["font-size: 1e9px", "margin-left: 1E+30pt", "width: 1000000px"])
def test_a_style_number_no_page_can_hold_is_named_before_rendering(project, style):
    project.write(HANDOUT, project.read(HANDOUT) + f'\n<p style="{style}">Big</p>\n')
    found = re.search(r"[0-9.]+[eE][+-]?[0-9]+[a-z]*|[0-9]{6,}", style).group(0)
    refused(project, f"{HANDOUT}, line {project.line_of(HANDOUT, style)}: found '{found}' in the style of <p>")


def test_a_print_stylesheet_number_no_page_can_hold_is_named(project):
    css = "overrides/print/print.css"
    project.write(css, project.read(css) + "\n.big { font-size: 1e9px; }\n")
    refused(project, f"{css}, line {project.line_of(css, '.big')}: found '1e9px'")


def test_a_colour_or_a_plain_size_in_a_style_is_fine(project):
    project.write(HANDOUT, project.read(HANDOUT) + '\n<p style="color: #1e3e5f; font-size: 14pt">Fine</p>\n')
    assert project.check().returncode == 0


@pytest.mark.parametrize("svg,needle", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "found <script> in a drawing"),
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="5" height="5"/></svg>',
     "found onload='alert(1)' on <svg> in a drawing: it runs a program"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">\n'
     '<use x:href="https://tracker.example/s.svg#a"/></svg>', "it points outside the drawing"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>hi</p></foreignObject></svg>',
     "found <foreignObject> in a drawing"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)'
     '</h:script></svg>', "found <script> in a drawing"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>',
     "found <a> in a drawing"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://tracker.example/a.css);</style></svg>',
     "it loads another file"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(https://tracker.example/p)"/></svg>',
     "it points outside the drawing"),
    ('<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n<svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>',
     "found a DOCTYPE line in a drawing"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect', "the drawing cannot be read as SVG"),
])
def test_a_drawing_is_checked_by_an_allow_list(project, svg, needle):
    project.write("content/reference/drawing.svg", svg)
    project.write("content/reference/glossary.md",
                  project.read("content/reference/glossary.md") + "\n![A drawing](drawing.svg)\n")
    refused(project, "content/reference/drawing.svg, line", needle)


def test_a_plain_drawing_with_editor_notes_is_published(project):
    svg = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
           'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">\n<title>Two loops</title>\n'
           '<defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient></defs>\n'
           '<g inkscape:label="Layer 1"><rect id="r" width="5" height="5" style="fill: url(#g)"/>'
           '<use xlink:href="#r" x="5"/></g></svg>\n')
    project.write("content/reference/drawing.svg", svg)
    assert project.check().returncode == 0
    assert project.build_here().returncode == 0
    assert (project.path / "site/reference/drawing.svg").read_text() == svg


@pytest.mark.parametrize("rel,old,new,line_needle,words", [
    (PACK, "facilitators: [Ann, Bo]", "facilitators: " + "[" * 1000 + "]" * 1000, "facilitators:",
     "field facilitators: YAML syntax error: lists or keys nested more than 32 deep"),
    (NOTES, None, "- " * 1000 + "x", "- - - -", "found lists or quotes nested 1000 deep; allowed: at most 12"),
    (NOTES, None, "> " * 1000 + "x", "> > > >", "found lists or quotes nested 1000 deep; allowed: at most 12"),
    (NOTES, None, "".join("    " * i + "- x\n" for i in range(20)), "    " * 12 + "- x",
     "found lists or quotes nested 13 deep"),
])
def test_nesting_past_the_limit_is_refused_with_its_line(project, rel, old, new, line_needle, words):
    if rel == PACK:
        project.write(PACK, BASE.replace(old, new))
    else:
        project.write(rel, project.read(rel) + "\n" + new + "\n")
    lines = project.read(rel).splitlines()
    line = next(n for n, row in enumerate(lines, 1) if row.startswith(line_needle))
    refused(project, f"{rel}, line {line}", words)


LEARNING = "content/learning.yml"


@pytest.mark.parametrize("old,new,words", [
    ("places: [kingston-upon-hull]\n", "places: kingston-upon-hull\n", "field lessons.3.places: found "
                                                                        "'kingston-upon-hull'; allowed: a list"),
    ("learned:", "learnt:", "field lessons.1.learnt: unknown key 'learnt' (did you mean 'learned'?)"),
    ("changed_in:", "changed:", "field lessons.1.changed_in: is missing"),
    ("learned:", "learned: !!python/object/apply:os.system", "field lessons.1.learned: found the tag"),
])
def test_a_mistake_in_the_learning_file_is_refused_clearly(project, old, new, words):
    assert old in project.read(LEARNING), old
    project.replace(LEARNING, old, new)
    out = refused(project, f"{LEARNING}, line", words)
    assert "AttributeError" not in out


@pytest.mark.parametrize("old,new,field,what", [
    ("name: Red", "name: " + "R" * 250, "groups.1.name", "group name"),
    ("place: Testville", "place: " + "Testville " * 20, "place", "place"),
])
def test_a_name_too_long_for_the_files_made_from_it_is_refused(project, old, new, field, what):
    project.write(PACK, BASE.replace(old, new))
    refused(project, f"{PACK}, line {project.line_of(PACK, new.strip())}, field {field}: found a {what} that makes "
                     "a file name of")


def test_new_refuses_a_place_too_long_for_a_file_name(project):
    result = iwe_pack("--root", str(project.path), "new", "Leeds " * 2000)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "found a place that makes a file name of 11999 letters" in result.stderr
    assert sorted(p.name for p in project.file("packs").glob("*.yml")) == sorted(
        p.name for p in (ROOT / "packs").glob("*.yml"))


@pytest.mark.parametrize("link", [
    "https://forms.office.com@elsewhere.example/r/abc",
    "https:///evaluation",
    '"https://forms.example.org/\\u202eabc"',
    '"https://forms.example.org/a\\x07b"',
    "https://forms.example.org:99999999/x",
    "javascript:alert(1)",
])
def test_a_link_that_hides_where_it_goes_is_refused(project, link):
    project.write(PACK, BASE + f"evaluation_link: {link}\n")
    refused(project, f"{PACK}, line {project.line_of(PACK, 'evaluation_link')}, field evaluation_link: found",
            "allowed: a web address starting https:// and then the site's name")


def test_a_setting_in_error_names_its_variable(project):
    env = {"IWE_SITE_URL": "https://user@elsewhere.example/"}
    import os
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        checked = project.check()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    said = checked.stdout + checked.stderr
    assert checked.returncode == 1 and "Traceback" not in said
    assert "field site_url (set by the environment variable IWE_SITE_URL): found 'https://user@elsewhere.example/'" in said
    built = project.build_here(**env)
    assert built.returncode == 1
    assert "mkdocs.yml, extra.iwe, field site_url (set by the environment variable IWE_SITE_URL)" in built.stderr


def test_the_longest_file_name_made_from_names_fits_in_255_bytes():
    """A place's PDF for a group: <place>-<handout>-<group>.pdf, each part at its limit."""
    from iwe_pack.checks.workshop import SLUG
    from iwe_pack.sources.packs import MAX_GROUP_SLUG, MAX_HANDOUT_ID, MAX_PLACE_SLUG

    assert SLUG.fullmatch("h" * MAX_HANDOUT_ID) and not SLUG.fullmatch("h" * (MAX_HANDOUT_ID + 1))
    longest = f"{'p' * MAX_PLACE_SLUG}-{'h' * MAX_HANDOUT_ID}-{'g' * MAX_GROUP_SLUG}.pdf"
    assert len(longest.encode()) <= 255


def test_a_handout_id_too_long_for_file_names_is_refused(project):
    project.replace("content/handouts.yml", "- id: two-loops", "- id: two-loops" + "-and-more" * 5)
    refused(project, "content/handouts.yml, line", "allowed: up to 40 lower case letters")


def test_a_timing_with_no_source_and_no_mark_is_named(project):
    """The claims check runs in `iwe-pack check` and the build: a new timing must name its source or be marked."""
    page = "content/after-the-day.md"
    project.write(page, project.read(page) + "\nThe write-up takes 45 minutes.\n")
    refused(project, f"{page}, line {project.line_of(page, 'takes 45 minutes')}: found the timing",
            "neither names a source nor is marked as the pack's own")
    project.replace(page, "The write-up takes 45 minutes.", "The write-up takes 45 minutes (our estimate).")
    assert project.check().returncode == 0
