from iwe_pack.checks import editor_html as eh


def codes(found):
    return [(line, code) for line, code, _ in found]


def test_plain_markdown_is_allowed():
    assert eh.markdown_problems("# Title\n\nSome *text* and a [link](https://example.org).\n\n- [x] done\n") == []


def test_scripts_and_javascript_links_are_refused_at_their_line():
    found = eh.markdown_problems("Fine.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n")
    assert [line for line, _, _ in found] == [3, 5]


def test_front_matter_is_checked_on_pages_only():
    text = '---\ntitle: "A <b>title</b>"\n---\n\nBody.\n'
    assert eh.markdown_problems(text) == []
    assert codes(eh.markdown_problems(text, page=True)) == [(2, "html.front-matter")]


def test_too_deep_nesting_is_refused_before_rendering():
    deep = "> " * 200 + "x\n"
    assert eh.too_deep(deep) is not None and eh.too_deep("> x\n") is None
    assert [code for _, code, _ in eh.markdown_problems(deep)] == ["markdown.too-deep"]
