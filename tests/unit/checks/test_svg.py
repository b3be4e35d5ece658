from iwe_pack.checks.svg import svg_problems

SVG = '<svg xmlns="http://www.w3.org/2000/svg">\n{}\n</svg>'


def test_a_plain_drawing_is_clean():
    assert svg_problems(SVG.format('<rect width="10" height="10" fill="url(#g)"/>').encode()) == []


def test_scripts_links_and_outside_references_are_refused():
    bad = SVG.format('<script>alert(1)</script>\n<a href="https://example.org"><rect/></a>\n'
                     '<rect fill="url(https://example.org/p)"/>').encode()
    found = svg_problems(bad)
    assert [line for line, _, _ in found] == [2, 3, 4]
