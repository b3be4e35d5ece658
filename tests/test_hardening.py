"""Edge cases found in a review: each was a traceback, a silent loss or a way round a check."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, assert_clean_failure, iwe_pack
from pdfutil import needs_poppler, text
from test_packs import BASE, PACK

WS = "content/workshop.yml"


def test_a_section_cannot_hand_out_a_blank_only_sheet(project):
    project.replace(WS, "handouts: [evaluation-form, reflective-notes]",
                    "handouts: [evaluation-form, reflective-notes, wtfc-photo-checklist]")
    assert_clean_failure(project.check(), "field sections.6.handouts.3",
                         "found 'wtfc-photo-checklist', which is only printed blank")


def test_a_link_cannot_attach_a_project_file_to_a_pdf(project):
    project.replace("content/handouts/two-loops.md", "\n## ",
                    '\nSee <a rel="attachment" href="../../mkdocs.yml">notes</a>.\n\n## ', 1)
    line = project.line_of("content/handouts/two-loops.md", 'rel="attachment"')
    assert_clean_failure(project.check(), f"content/handouts/two-loops.md, line {line}: found rel=\"attachment\" on <a> "
                                          "(it would put a file into the PDF)")


@pytest.mark.parametrize("markdown,needle", [
    ("![t][r]\n\n[r]: https://tracker.example/ref.png", "tracker.example"),
    ('<img src="&#104;ttps://tracker.example/a.png" alt="">', "tracker.example"),
    ('<img srcset="a.png 1x, https://tracker.example/b.png 2x" alt="">', "tracker.example"),
    ('<svg><image href="https://tracker.example/c.png"/></svg>', "found the HTML element <svg>"),  # the allow-list
    ('<p style="background: url(https://tracker.example/d.png)">x</p>', "tracker.example"),
])
def test_no_route_round_the_outside_resource_check(project, markdown, needle):
    project.write("content/accessibility.md", project.read("content/accessibility.md") + "\n" + markdown + "\n")
    also = ("from outside the pack",) if "tracker" in needle else ()
    assert_clean_failure(project.check(), "content/accessibility.md", needle, *also)


def test_changelog_and_contributing_are_checked_too(project):
    project.write("CHANGELOG.md", project.read("CHANGELOG.md") + "\n![t](https://tracker.example/log.png)\n")
    line = len(project.read("CHANGELOG.md").splitlines())
    assert_clean_failure(project.check(), f"CHANGELOG.md, line {line}", "tracker.example", "from outside the pack")


def test_unreadable_changelog(project):
    project.file("CHANGELOG.md").write_bytes(project.file("CHANGELOG.md").read_bytes() + b"\xe9\n")
    assert_clean_failure(project.check(), "CHANGELOG.md, line", "is not UTF-8 text")


@pytest.mark.parametrize("names,needle", [
    (["Group A", "group a!"], "found 'group a!', too like the group 'Group A'"),
    (["Grŵp 😀", "Two"], "which the pack's font cannot print"),
])
def test_group_names_that_would_clash_or_cannot_print(project, names, needle):
    groups = "".join(f"  - name: {n}\n" for n in names)
    project.write(PACK, re.sub(r"groups:\n(  .*\n)+facilitators", f"groups:\n{groups}facilitators", BASE))
    line = project.line_of(PACK, names[1] if "too like" in needle else names[0])
    assert_clean_failure(project.check(), f"{PACK}, line {line}, field groups.", needle)


@needs_poppler
def test_welsh_letters_print(project, tmp_path):
    """Welsh letters in a place's name reach its printed agenda (rendered by the engine alone: the whole
    build of a place's print-offs is tested on the shipped packs)."""
    from iwe_pack.load.loader import load_project
    from iwe_pack.outputs.pdf import render_all
    from iwe_pack.views.print_jobs import jobs

    project.write(PACK, BASE.replace("place: Testville", "place: Llanfair ŵ ŷ Ŵ Ŷ ẁ"))
    loaded = load_project(project.path)
    plan = next(p for p in loaded.plans if p.slug == "testville")
    agenda = [j for j in jobs(loaded.workshop, plan, loaded.templates) if j.path.endswith("-attendee-agenda.pdf")]
    assert len(agenda) == 1
    pdf = render_all(agenda, project.path, tmp_path / "cache", workers=1)[agenda[0].path]
    assert "Llanfair ŵ ŷ Ŵ Ŷ ẁ" in text(pdf)


def test_a_pack_cannot_be_called_index(project):
    project.write("packs/index.yml", BASE)
    assert_clean_failure(project.check(), "packs/index.yml: the name 'index' is kept for the list of places")


@pytest.mark.parametrize("old,new,needle", [
    ("place: Testville", 'place: "Test\\x07ville"', "invisible control character (U+0007)"),
    ("place: Testville", 'place: "Test\\ud800ville"', "invisible control character (U+D800)"),
    ("attendees: 12", "attendees: " + "9" * 5000, "allowed: a whole number from 1 to 1000"),
])
def test_odd_values_get_messages(project, old, new, needle):
    project.write(PACK, BASE.replace(old, new))
    assert_clean_failure(project.check(), f"{PACK}, line", needle)


def test_a_plan_may_end_at_midnight_exactly(project):
    project.write(PACK, BASE.replace('start: "09:00"', 'start: "21:20"'))  # 160 minutes: ends 00:00
    assert project.check(str(project.file(PACK))).returncode == 0


def test_new_keeps_the_place_on_one_line_and_checks_the_date(project):
    result = iwe_pack("--root", str(project.path), "new", "Foo\nplace: bar")
    assert result.returncode == 0, result.stderr
    assert project.check(str(project.file("packs/foo-place-bar.yml"))).returncode == 0
    bad = iwe_pack("--root", str(project.path), "new", "Elsewhere", "--date", "2025-02-30")
    assert bad.returncode == 1 and "there is no such day" in bad.stderr
    assert not project.file("packs/elsewhere.yml").exists()


def cards(tmp_path, body: bytes | str, *args):
    src = tmp_path / "s.csv"
    src.write_bytes(body if isinstance(body, bytes) else body.encode())
    return src, iwe_pack("--root", str(ROOT), "cards", str(src), *args)


def test_cards_never_overwrite_the_csv_or_crash_on_a_folder(tmp_path):
    src, result = cards(tmp_path, "text,type\nHello,ww\n", "-o", str(tmp_path / "s.csv"))
    assert result.returncode == 1 and "must be a new .pdf file" in result.stderr
    assert src.read_text() == "text,type\nHello,ww\n"
    _, result = cards(tmp_path, "text,type\nHello,ww\n", "-o", str(tmp_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("body,needle", [
    ("text,type,text\nHello,ww,x\n", "the column 'text' appears 2 times"),
    ('text,type\n"' + "a" * 200_000 + '",ww\n', "row 2 cannot be read"),
])
def test_more_bad_csv(tmp_path, body, needle):
    _, result = cards(tmp_path, body)
    assert_clean_failure(result, needle)


def test_titles_are_escaped_once_in_the_navigation_and_footer(project):
    """Titles from the sources reach the navigation (a print-off's) and the packs index (a place's) escaped once."""
    project.write(PACK, BASE.replace("place: Testville", "place: Brighton & Hove"))
    project.replace("content/handouts.yml", "title: Sign-in sheet", "title: Sign-in & sign-out sheet")
    assert project.build_here().returncode == 0
    pages = [p.read_text() for p in (project.path / "site/print-offs").glob("*.html")]
    labels = [m for page in pages for m in re.findall(r'aria-label="(?:Next|Previous): ([^"]*)"', page)]
    assert "Sign-in &amp; sign-out sheet" in labels
    nav = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]*?)\s*</span>',
                     project.page("index.html"))
    assert "Sign-in &amp; sign-out sheet" in nav, nav
    assert ">Brighton &amp; Hove</a>" in project.page("packs/index.html")
    every = labels + nav + [project.page("packs/index.html")]
    assert not any("&amp;amp;" in text for text in every)
