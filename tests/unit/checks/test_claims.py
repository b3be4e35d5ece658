from iwe_pack.checks import claims

from ..conftest import codes


def test_timings_leave_vague_amounts_out():
    assert claims.timings("Allow 10 to 20 minutes, then a few minutes for tea.") == ["10 to 20 minutes"]
    assert claims.timings("No times here.") == []


def test_markdown_units_are_paragraphs_and_items_with_their_lines():
    units = claims.markdown_units("# Title\n\nOne line\ngoes on.\n\n- item one\n- item two\n")
    assert units == [(1, "# Title"), (3, "One line goes on."), (6, "- item one"), (7, "- item two")]


def test_own_mark_finds_the_words_that_mark_advice_as_ours():
    assert claims.own_mark("Take 10 minutes (our own estimate).") == "our own estimate"
    assert claims.own_mark("Take 10 minutes.") == ""


def test_check_claims_reports_each_unmarked_timing(tmp_path, errors):
    (tmp_path / "content").mkdir()
    (tmp_path / "content/page.md").write_text("Intro.\n\nAllow 15 minutes for this.\n\n"
                                              "Allow 5 minutes (our estimate).\n", encoding="utf-8")
    found = claims.find_claims(tmp_path)
    assert [(c.line, c.status) for c in found if c.kind == "timing"] == [(3, "unmarked"), (5, "marked")]
    claims.check_claims(tmp_path, errors)
    assert codes(errors) == ["claims.unmarked"] and errors.errors[0].line == 3
