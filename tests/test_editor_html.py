"""What editors write can hold no program: HTML in Markdown is checked against an allow-list, every built page
holds only the site's own scripts, and no file from outside the project is published."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import pytest

from conftest import ROOT, assert_clean_failure, strip_ansi
from iwe_pack.checks import editor_html
from iwe_pack.checks.editor_html import markdown_problems
from iwe_pack.checks.project_files import check_project_files
from iwe_pack.diagnostics.problems import Collector, Diagnostic

MATERIAL = Path(__import__("material").__file__).parent / "templates"

# ---------------------------------------------------------------- every built page


def template_scripts() -> list[tuple[re.Pattern, re.Pattern]]:
    """Each inline <script> the site's templates (ours and the theme's) can write: (attributes, text) as patterns,
    with each Jinja expression standing for any text."""
    out = []
    for folder in (ROOT / "overrides", MATERIAL):
        for path in folder.rglob("*"):
            if path.suffix not in (".html", ".j2"):
                continue
            for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", path.read_text(), re.S | re.I):
                if "src=" not in attrs:
                    out.append((jinja_pattern(attrs), jinja_pattern(body)))
    return out


def jinja_pattern(text: str) -> re.Pattern:
    parts = re.split(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ".join(text.split()), flags=re.S)
    return re.compile(".*?".join(re.escape(p) for p in parts), re.S)


class Scan(HTMLParser):
    """Elements and attributes of a built page that can run a program or show another page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.scripts: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in ("base", "iframe", "frame", "frameset", "object", "embed", "applet"):
            self.found.append(f"<{tag}>")
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        for name, value in a.items():
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if name in ("href", "action", "formaction", "xlink:href") or (name == "src" and tag != "img"):
                url = re.sub(r"[\t\n\r]", "", value).strip().lower()
                if url.startswith(("javascript:", "vbscript:", "data:")):
                    self.found.append(f"{name}={value!r} on <{tag}>")
        if "id" in a:  # a second element with an id the page's programs look up would be found first, or instead
            if a["id"] in self.ids:
                self.found.append(f"a second id={a['id']!r}")
            self.ids.add(a["id"])
        if tag == "script" and a.get("src"):
            self.scripts.append(a["src"])

    handle_startendtag = handle_starttag


def test_every_built_page_runs_only_the_sites_own_scripts(built):
    site = built.path / "site"
    known = template_scripts()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20 and known
    inline_seen = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        scan = Scan()
        scan.feed(html)
        assert scan.found == [], f"{page.relative_to(site)}: {scan.found}"
        here = PurePosixPath(page.relative_to(site).as_posix()).parent
        for src in scan.scripts:  # a file of the site's own assets
            assert not re.match(r"[a-z][a-z0-9+.-]*:|//|\\\\", src, re.I), (page, src)
            path = src.split("?")[0]
            target = (site / path.lstrip("/") if path.startswith("/") else site / here / path).resolve()
            assert target.is_relative_to((site / "assets").resolve()) and target.is_file(), (page, src)
        for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S | re.I):
            if "src=" in attrs:
                continue
            inline_seen += 1
            attrs, body = " ".join(attrs.split()), " ".join(body.split())
            assert any(a.fullmatch(attrs) and b.fullmatch(body) for a, b in known), \
                f"{page.relative_to(site)}: an inline script no template writes: <script {attrs}>{body[:200]}"
    assert inline_seen >= len(pages)  # the theme writes at least one on each page: the scan saw them


def test_the_scan_finds_what_it_looks_for():
    scan = Scan()
    scan.feed('<a href=" java\tscript:x">a</a><img src=x onerror=y><base href="/"><p>&lt;script&gt;</p>'
              '<b id="a"></b><i id="a"></i>')
    assert len(scan.found) == 4
    assert jinja_pattern('x = "{{ a }}";').fullmatch('x = "b";') and not jinja_pattern("x = 1;").fullmatch("alert(1)")


# ---------------------------------------------------------------- hostile text, through the public commands

HOSTILE = [
    ("<script>alert(1)</script>", "found the HTML element <script>, which runs a program"),
    ("[x](javascript:alert(1))", "found the link 'javascript:alert(1)', which would run a program"),
    ('<base href="http://elsewhere/">', "found the HTML element <base>"),
    ("<img src=x onerror=alert(1)>", "found the attribute onerror= on <img>, which runs a program"),
    ('<a href="&#106;avascript:alert(2)">x</a>', "found the link 'javascript:alert(2)', which would run a program"),
    ("<svg><script>alert(1)</script></svg>", "found the HTML element <svg>"),
    ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "found the HTML element <iframe>"),
    ('<meta http-equiv="refresh" content="0; url=https://elsewhere.example/">', "found the HTML element <meta>"),
]


@pytest.mark.parametrize("where", ["content/sections/wrap-up.md", "content/handouts/two-loops.md",
                                   "content/accessibility.md", "CHANGELOG.md"])
def test_hostile_html_is_refused_by_check_and_build_alike(project, where):
    text = project.read(where).rstrip("\n") + "\n"
    lines = {}
    for markup, _ in HOSTILE:
        text += "\nSome words " + markup + " and more.\n" if markup.startswith("[") else "\n" + markup + "\n"
        lines[markup] = text.count("\n")
    project.write(where, text)
    said = [assert_clean_failure(project.check(), where), assert_clean_failure(project.build_here(), where)]
    for out in said:
        for markup, needle in HOSTILE:
            assert f"{where}, line {lines[markup]}: {needle}" in out, (markup, out)
        assert "allowed:" in out
    # the same problems in the same words, from either command
    problems = [sorted(re.findall(r"^- (.*)$", strip_ansi(out), re.M)) for out in said]
    assert problems[0] == problems[1] and len(problems[0]) >= len(HOSTILE)  # an img src=x is also missing


def test_handout_text_put_into_notes_is_checked_as_it_is_published(project):
    # each alone is harmless text; together, the notes' line becomes an attribute of the handout's image
    project.write("content/handouts/check-in-card.md", project.read("content/handouts/check-in-card.md") + '\n<img alt="x\n')
    project.replace("content/sections/introductions.md", "<!-- iwe:handout check-in-card -->",
                    '<div>\n<!-- iwe:handout check-in-card -->\n" onerror="alert(1)">\n</div>')
    line = project.line_of("content/sections/introductions.md", "iwe:handout check-in-card")
    out = assert_clean_failure(project.check(), "content/sections/introductions.md, line",
                               "found the attribute onerror= on <img>", "(with the handout text put in)")
    assert re.search(rf"introductions\.md, line ({line}|{line + 1}): found the attribute onerror", out), out


def test_a_page_title_cannot_carry_html(project):
    project.write("content/accessibility.md",
                  '---\ntitle: "Access\\x3cscript>"\n---\n' + project.read("content/accessibility.md"))
    assert_clean_failure(project.check(), "content/accessibility.md, line 2: found '<' in the page's 'title'")


# ---------------------------------------------------------------- files from outside the project


def test_links_to_files_outside_the_project_are_refused(project, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the-secret-words\n")
    (tmp_path / "elsewhere").mkdir()
    (project.file("content/leak.md")).symlink_to(secret)
    (project.file("content/media")).symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (project.file("packs/shared.yml")).symlink_to(project.file("mkdocs.yml"))
    for result in (project.check(), project.build_here()):
        out = assert_clean_failure(result, "content/leak.md: is a link to a file outside the project",
                                   "content/media: is a link to a folder outside the project",
                                   "allowed: a file kept inside content/ (copy it in instead of linking to it)",
                                   "packs/shared.yml: is a link to mkdocs.yml, outside packs/")
        assert "the-secret-words" not in out
    assert not project.file("site/leak.md").exists()


def test_a_link_inside_its_folder_is_fine(project):
    project.file("content/reference/glossary-again.md").symlink_to(project.file("content/reference/glossary.md"))
    errors = Collector(project.path)
    check_project_files(project.path, errors)
    assert errors.errors == []


# ---------------------------------------------------------------- the allow-list itself, in-process


def test_the_shipped_sources_pass():
    errors = Collector(ROOT)
    check_project_files(ROOT, errors)
    assert errors.errors == []


@pytest.mark.parametrize("markdown", [
    "| a | b |\n|:--|--:|\n| 1 | 2 |",
    '!!! tip "A tip"\n    Said in a box.',
    "- [ ] to do\n- [x] done",
    "Term\n:   Its meaning",
    "<details><summary>More</summary>\n\nHidden *words*.\n\n</details>",
    '<div class="note" markdown>\n**Bold** [link](https://example.org/a?b=c#d)\n</div>',
    "[mail](mailto:a@example.org), [phone](tel:+441234), [page](../other.md#part), [here](#here), "
    "[plain](http://example.org)",
    '![chart](images/chart.png){ width="300" } <img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">',
    '<span style="color: #333; text-align: center">x</span> <abbr title="Test and Learn">T&amp;L</abbr>',
    "A heading {: #my-part } <!-- iwe:prework --> `<script>` shown as code",
    "    <script>in an indented code block</script>",
])
def test_what_editors_may_write(markdown):
    assert markdown_problems(markdown, page=True) == []


@pytest.mark.parametrize("markdown,line,needle", [
    ("Para.\n\nSee [this][r].\n\n[r]: javascript:alert(1)\n", 5, "found the link 'javascript:alert(1)'"),
    ("x\n\n[a](<java&#x09;script:alert(1)>)", 3, "which would run a program"),
    ("x\n\n<a href=' //elsewhere.example/'>a</a>", 3, "which has no https:// in front"),
    ("x\n\n[a](data:text/html,<b>hi</b>)", 3, "which holds a whole page or program in it"),
    ("Para\n{: onclick=\"alert(1)\" }", 2, "found the attribute onclick= on <p>"),
    ("x\n\n<p id=\"__config\">{}</p>", 3, 'found id="__config" on <p>, a name the site\'s own pages use'),
    ("# Part {: #run-data }", 1, 'found id="run-data"'),
    ('x\n\n<img alt="a <b>" src="a.png">', 3, "found '<' or '>' in the value of alt= on <img>"),
    ('<span style="width: expression(alert(1))">x</span>', 1, "found 'expression(' in style= on <span>"),
    ('<span style="background: u\\72l(https://x.example/a.png)">x</span>', 1, "found '\\\\' in style= on <span>"),
    ('<img src="data:text/html,x" alt="">', 1, "which is not an image"),
    ('<a href="x" target="_blank" download>a</a>', 1, "found the attribute target= on <a>; allowed on <a>:"),
    ("<marquee>old</marquee>", 1, "found the HTML element <marquee>, which is not on the list"),
    ("<form action=\"https://x.example/\"><input name=\"q\"></form>", 1, "which is a form that sends"),
    ('x\n\n<div>\n<p title="never closed\n</div>', 4, "the text ends inside an HTML tag, a quoted value or a comment"),
    ("x\n\n<div>\n<!-- never closed\n</div>\n\nmore", 4, "the text ends inside"),
    ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", 1, "found the HTML element <noscript>"),
    ("Title: \"quoted\" <b>\n\nText", 1, "found '\"' in the page's 'title'"),
])
def test_what_is_refused_and_where(markdown, line, needle):
    problems = [(n, Diagnostic(code, "x.md", details=details).message)
                for n, code, details in markdown_problems(markdown, page=True)]
    assert any(n == line and needle in message for n, message in problems), problems
    assert all(re.search(r"; allowed( on <\w+>)?: ", message) for _, message in problems), problems


def test_the_check_renders_markdown_as_the_site_does():
    """The site's own configuration, as MkDocs loads mkdocs.yml and the hook completes it, reads Markdown with the
    extensions and settings the checks use (sources/markdown_config.py), and only "toc" besides."""
    import importlib.util

    from mkdocs.config import load_config

    spec = importlib.util.spec_from_file_location("iwe_hook", ROOT / "hooks" / "iwe.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    config = hook.with_pack_markdown(load_config(str(ROOT / "mkdocs.yml")))
    names = [e if isinstance(e, str) else next(iter(e)) for e in config.markdown_extensions]
    assert set(names) - {"toc"} == set(editor_html.MARKDOWN_EXTENSIONS) and "toc" in names
    for name, options in editor_html.MARKDOWN_CONFIG.items():
        assert config.mdx_configs[name] == options


def test_every_id_the_sites_pages_use_is_kept_from_editors():
    used = set()
    for path in (ROOT / "overrides").rglob("*"):
        if path.suffix in (".html", ".j2", ".js"):
            text = path.read_text()
            used |= set(re.findall(r'\bid="([^"{]+)"', text))
            used |= set(re.findall(r'(?:getElementById|\$)\("([^"]+)"\)', text))
    used |= set(re.findall(r'\bid="([^"{]+)"', "".join(p.read_text() for p in MATERIAL.rglob("*.html"))))
    assert {"run-data", "iwe-matrix-data", "__config"} <= used
    for name in sorted(used):
        assert markdown_problems(f'<span id="{name}">x</span>'), name


def test_the_editors_guide_lists_the_allowed_elements():
    guide = (ROOT / "CONTRIBUTING.md").read_text()
    part = guide[guide.index("## HTML in Markdown"):guide.index("Refused:")]
    listed = set(re.findall(r"`([a-z0-9]+)`", part[:part.index("- the attributes")]))
    headings = {f"h{n}" for n in range(1, 7)}
    assert listed | headings | {"input", "label"} == editor_html.ELEMENTS
