from iwe_pack.checks.resources import html_resource_problems, resource_problems


def test_markdown_resources_must_come_from_content(tmp_path):
    content = tmp_path / "content"
    (content / "img").mkdir(parents=True)
    (content / "img/a.png").write_bytes(b"png")
    page = content / "page.md"
    text = "![a](img/a.png)\n![b](https://example.org/b.png)\n![c](../secret.png)\n![d](img/none.png)\n" \
           "![e](data:image/png;base64,AAAA)\n"
    assert resource_problems(text, page, content) == [
        (2, "resource.outside-pack", "'https://example.org/b.png'"),
        (3, "resource.outside-content", "'../secret.png'"),
        (4, "resource.missing", "'img/none.png'")]


def test_rendered_pages_fetch_nothing_from_elsewhere():
    html = '<img src="a.png"><img src="https://example.org/t.gif"><a href="https://example.org">ok</a>' \
           '<div style="background: url(//cdn.example.org/x.png)"></div>'
    found = html_resource_problems(html, "packs/hull.html")
    assert [what for _, what in found] == ["'https://example.org/t.gif'", "'//cdn.example.org/x.png'"]
