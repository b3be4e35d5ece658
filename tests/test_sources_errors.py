"""Bad input in the sources gets a clear error: file, line, field, found, allowed.

Each case edits a copy of the shipped sources, runs `iwe-pack check` and
`mkdocs build --strict`, and reads what a person would read.
"""

from __future__ import annotations

import pytest

from conftest import assert_clean_failure

WS = "content/workshop.yml"


def test_yaml_syntax_error_names_file_and_line(project):
    line = project.line_of(WS, "title: Taught section")
    project.replace(WS, "    title: Taught section", "    title: Taught section\n   lead: [unclosed")
    result = project.check()
    assert_clean_failure(result, f"{WS}, line {line + 1}", "YAML syntax error")


def test_misspelt_key_suggests_the_near_miss(project):
    line = project.line_of(WS, "purpose: Build on the pre-work")
    project.replace(WS, "    purpose: Build on the pre-work", "    purpsoe: Build on the pre-work")
    out = assert_clean_failure(project.check(), f"{WS}, line {line}", "field sections.2.purpsoe",
                               "unknown key 'purpsoe'", "did you mean 'purpose'?")
    # the key it replaced is now missing too, and that is said as well
    assert "field sections.2.purpose: is missing" in out


def test_duplicate_key_names_both_lines(project):
    first = project.line_of(WS, "title: Wrap-up")
    project.replace(WS, "    title: Wrap-up", "    title: Wrap-up\n    title: Closing")
    assert_clean_failure(project.check(), f"{WS}, line {first + 1}", "field sections.6.title",
                         "duplicate key 'title'", f"already set on line {first}")


def test_wrong_type_says_what_was_found_and_allowed(project):
    line = project.line_of(WS, "minutes: {min: 40, max: 50}")
    project.replace(WS, "minutes: {min: 40, max: 50}", "minutes: {min: forty, max: 50}")
    assert_clean_failure(project.check(), f"{WS}, line {line}", "field sections.3.minutes.min",
                         "found 'forty'", "allowed: a whole number of minutes from 1 to 600")


def test_list_where_text_is_expected(project):
    line = project.line_of(WS, "lead: Facilitators, one in each group")
    project.replace(WS, "lead: Facilitators, one in each group if possible", "lead: [Ann, Bo]")
    assert_clean_failure(project.check(), f"{WS}, line {line}", "field sections.3.lead", "found a list",
                         "allowed: some text")


def test_min_above_max(project):
    line = project.line_of(WS, "minutes: {min: 20, max: 25}")
    project.replace(WS, "minutes: {min: 20, max: 25}", "minutes: {min: 30, max: 25}")
    assert_clean_failure(project.check(), f"{WS}, line {line}", "field sections.5.minutes.min",
                         "min is 30 but max is 25")


def test_unquoted_clock_time_is_never_read_as_sexagesimal(project):
    """YAML 1.1 reads 10:30 as 630; here it stays the text the person typed."""
    line = project.line_of(WS, "minutes: {min: 5, max: 10}")
    project.replace(WS, "minutes: {min: 5, max: 10}", "minutes: {min: 5, max: 10:30}")
    out = assert_clean_failure(project.check(), f"{WS}, line {line}", "field sections.6.minutes.max", "found '10:30'")
    assert "630" not in out


def test_yes_no_and_times_in_text_stay_as_typed(project):
    project.replace(WS, "lead: The lead from the convening organisation\n    purpose: Take",
                    "lead: NO\n    purpose: Take")
    project.replace(WS, "purpose: Build on the pre-work", "purpose: 10:30 Build on the pre-work")
    project.replace(WS, "  - id: taught-section\n    title: Taught section", "  - id: taught-section\n    title: 10:30")
    assert project.build_here().returncode == 0  # pages only: what is checked is on the pages
    wrap = project.page("on-the-day/wrap-up.html")
    assert "<dd>NO</dd>" in wrap
    taught = project.page("on-the-day/taught-section.html")
    assert "10:30 Build on the pre-work" in taught
    assert ">10:30<" in taught and "630" not in taught


def test_missing_required_field(project):
    line = project.line_of(WS, "- id: vision")
    project.replace(WS, "    format: break-out-then-whole-group\n    lead: Facilitators\n    purpose: Agree",
                    "    lead: Facilitators\n    purpose: Agree")
    assert_clean_failure(project.check(), f"{WS}, line {line}", "field sections.4.format: is missing",
                         "break-out-then-whole-group")


def test_unknown_choice_suggests(project):
    project.replace(WS, "format: whole-group\n    lead: The lead from the convening organisation, or",
                    "format: whole group\n    lead: The lead from the convening organisation, or")
    assert_clean_failure(project.check(), "field sections.2.format", "found 'whole group'",
                         "did you mean 'whole-group'?", "allowed: whole-group, break-out, break-out-then-whole-group")


def test_unknown_handout_reference(project):
    line = project.line_of(WS, "handouts: [two-loops, action-plan")
    project.replace(WS, "handouts: [two-loops, action-plan", "handouts: [two-loop, action-plan")
    assert_clean_failure(project.check(), f"{WS}, line {line}", "field sections.5.handouts.1", "found 'two-loop'",
                         "did you mean 'two-loops'?")


def test_missing_notes_file(project):
    project.file("content/sections/vision.md").unlink()
    line = project.line_of(WS, "- id: vision")
    assert_clean_failure(project.check(), f"{WS}, line {line}", "field sections.4.id",
                         "the facilitator notes file content/sections/vision.md does not exist")


@pytest.mark.parametrize("notes", ["../../etc/passwd.md", "/etc/passwd", "sections/vision.txt"])
def test_notes_outside_content_refused(project, notes):
    anchor = project.read(WS).split("  - id: vision\n", 1)[1].split("    handouts: ", 1)[1].split("\n", 1)[0]
    project.replace(WS, f"    handouts: {anchor}", f"    handouts: {anchor}\n    notes: {notes}")
    assert_clean_failure(project.check(), "field sections.4.notes", "allowed: a Markdown (.md) file inside content/")


def test_tabs_not_utf8_aliases_and_empty_files(project):
    project.replace(WS, "  session: {min: 120, max: 180}", "\tsession: {min: 120, max: 180}")
    assert_clean_failure(project.check(), WS, "YAML syntax error", "tab")

    project.file(WS).write_bytes("title: Caf\xe9\n".encode("latin-1"))
    assert_clean_failure(project.check(), f"{WS}, line 1", "is not UTF-8")

    project.write(WS, "title: &t x\nbudget: *t\n")
    assert_clean_failure(project.check(), f"{WS}, line 1", "anchors and aliases")

    project.write(WS, "# nothing here\n")
    assert_clean_failure(project.check(), WS, "the file is empty")

    project.file(WS).unlink()
    assert_clean_failure(project.check(), WS, "file not found")


def test_several_mistakes_reported_together(project):
    project.replace(WS, "minutes: {min: 5, max: 15}", "minutes: {min: 5, max: fifteen}")
    project.replace(WS, "    purpose: Take final", "    purpos: Take final")
    out = assert_clean_failure(project.check(), "sections.1.minutes.max", "sections.6.purpos")
    assert "problems in the sources" in out


def test_build_fails_with_the_same_message_and_sources_untouched(project):
    project.replace(WS, "    purpose: Build on the pre-work", "    purpsoe: Build on the pre-work")
    before = {p: p.read_bytes() for p in project.file("content").rglob("*") if p.is_file()}
    result = project.build()
    assert_clean_failure(result, WS, "unknown key 'purpsoe'", "did you mean 'purpose'?")
    after = {p: p.read_bytes() for p in project.file("content").rglob("*") if p.is_file()}
    assert before == after


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://x.org/a b", 'https://x.org/")[x](y'])
def test_web_addresses_are_checked(project, url):
    line = project.line_of(WS, "url: https://wellbeingeconomycourse.org")
    project.replace(WS, "url: https://wellbeingeconomycourse.org/policy-course", f"url: '{url}'")
    assert_clean_failure(project.check(), f"{WS}, line {line}", "field prework.1.url",
                         "allowed: a web address starting https://")


def _shape(node):
    """A node tree as plain data: tag, value, style and where each node starts and ends."""
    import yaml

    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return node.tag, node.value, node.style, marks
    if isinstance(node, yaml.SequenceNode):
        return node.tag, node.flow_style, marks, [_shape(n) for n in node.value]
    return node.tag, node.flow_style, marks, [(_shape(k), _shape(v)) for k, v in node.value]


MISTAKES = ["a: [1, 2\nb: 3\n", 'title: "unclosed\nnext: 1\n', "a: 1\n\tb: 2\n", "a: &x 1\nb: *x\n", "a: b: c\n",
            "- 1\n- 2\nc: 3\n", "key: {a: 1\n", "a: 1\na: 2\n", "? [a, b]\n: 1\n", "a: |\n  x\n b: 2\n"]


def test_libyaml_and_pyyaml_read_every_source_alike_and_mistakes_are_told_in_pyyaml_words():
    """The sources are read by libyaml where it is installed (quicker), else by PyYAML's Python reader. Both give
    the same nodes with the same lines for every YAML file the project ships; a document with a mistake is told
    about in the Python reader's words whichever is installed."""
    import yaml

    from conftest import ROOT
    from iwe_pack.sources import typed_yaml

    assert yaml.__with_libyaml__, "PyYAML without libyaml: the quick reader is not tested here"
    files = sorted(ROOT.glob("content/**/*.yml")) + sorted(ROOT.glob("packs/*.yml")) + sorted(ROOT.glob("examples/**/*.yml"))
    assert len(files) >= 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _shape(yaml.compose(text, Loader=typed_yaml._QuickNoAliasLoader)) == \
            _shape(yaml.compose(text, Loader=typed_yaml._NoAliasLoader)), path
    for text in MISTAKES:
        said = []
        for compose in (typed_yaml.compose_text, lambda t: yaml.compose(t, Loader=typed_yaml._NoAliasLoader)):
            try:
                node = compose(text)
                said.append(_shape(node))
            except yaml.YAMLError as exc:
                said.append(str(exc))
        assert said[0] == said[1], text
