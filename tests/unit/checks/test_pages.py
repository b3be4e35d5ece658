from iwe_pack.checks.pages import check_markers


def test_only_known_markers_are_allowed(errors):
    check_markers("<!-- iwe:prework -->\n<!-- iwe:agenda -->\n<!--iwe:nonsense-->\n", "content/p.md", {"agenda"},
                  errors)
    assert [(e.code, e.line, e.found) for e in errors.errors] == [("page.unknown-marker", 3,
                                                                   "'<!--iwe:nonsense-->'")]
