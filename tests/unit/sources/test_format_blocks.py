from iwe_pack.sources import format_blocks as fb

TEXT = """Everyone.
<!-- iwe:only online -->
Use the chat.
<!-- iwe:end -->
After."""


def test_parts_cuts_blocks_with_their_lines():
    parts, problems = fb.parts(TEXT)
    assert problems == []
    assert [(p.kinds, p.line, p.text) for p in parts] == [
        ((), 1, "Everyone."), (("online",), 2, "Use the chat."), ((), 5, "After.")]


def test_parts_reports_nesting_unknown_kinds_and_unclosed_blocks():
    _, problems = fb.parts("<!-- iwe:only online -->\n<!-- iwe:only in-person -->\nx")
    assert [(n, code) for n, code, _ in problems] == [(2, "notes.block-nested"), (1, "notes.block-open")]
    _, problems = fb.parts("<!-- iwe:only moon -->\nx\n<!-- iwe:end -->\n<!-- iwe:end -->")
    assert [code for _, code, _ in problems] == ["notes.block-kind", "notes.block-end-alone"]


def test_pick_keeps_the_blocks_for_the_day():
    assert fb.pick(TEXT, "virtual") == "Everyone.\nUse the chat.\nAfter."
    assert fb.pick(TEXT, "in-person") == "Everyone.\nAfter."
    assert fb.pick("no markers", "in-person") == "no markers"


def test_labelled_says_who_a_block_is_for():
    assert "*Only online:*\n\nUse the chat." in fb.labelled(TEXT)


def test_contains_ignores_case_and_line_breaks():
    assert fb.contains("Use the\n  CHAT now", "use the chat")
    assert not fb.contains("Use the chat", "the room")


def test_block_problems_finds_missing_and_misplaced_phrases():
    out = fb.block_problems(TEXT, room_only=["Use the chat", "Not there"], online_only=["Use the chat"])
    assert out == [("room_only", 1, "phrase.outside-block", "'Use the chat' (line 3)"),
                   ("room_only", 2, "phrase.not-found", "'Not there'")]


def test_page_markers_name_what_goes_there():
    text = "Before <!-- iwe:prework --> and <!--iwe:contact-->, not <!-- iwe:only online -->."
    assert [m.group(1) for m in fb.MARKERS.finditer(text)] == ["prework", "contact"]
