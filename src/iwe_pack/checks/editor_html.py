"""Checks on the HTML that editors' Markdown becomes: an allow-list, so no text an editor writes can run a program.

Section notes, handout text, hand-written pages, guides, CHANGELOG.md and
CONTRIBUTING.md are published as they are, on the site, in run mode and in
PDFs. Markdown lets an editor write HTML, so without a check a line such as
``<script>``, ``[x](javascript:...)`` or ``<base href="http://elsewhere/">``
would run a program, or load one from another server, in every facilitator's
browser. Nothing is changed silently: what is not on the allow-list is
refused, with its line and what is allowed instead.

The check reads the Markdown *as rendered*: python-markdown with the site's
extensions turns it into HTML, and a parser that follows the HTML standard
(tinyhtml5, the one WeasyPrint uses) reads that HTML as a browser would, so
entities (``&#106;avascript:``), reference-style links, raw HTML blocks and
attribute lists are all seen as the browser sees them. Each problem is then
traced back to the first line of the source whose rendering shows it.

Where a page fetches files from (images, ``url()`` in styles) is checked by
:mod:`.resources`; this module refuses what can run or hide a program.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from functools import lru_cache
from typing import Callable, Iterator

from ..sources import markdown_config
from ..sources.packs import PackFile
from ..sources.record_csv import EVALUATION_FIELDS
from ..sources.typed_yaml import allowed_keys

# The site's Markdown (sources/markdown_config.py), less "toc": that only adds ids and links to headings.
MARKDOWN_EXTENSIONS = list(markdown_config.EXTENSIONS)
MARKDOWN_CONFIG = markdown_config.CONFIGS

HTML_NS = "{http://www.w3.org/1999/xhtml}"

# Elements for text, lists, tables, links and images; "input" and "label" for tick-box lists (- [ ] item).
ELEMENTS = frozenset("""
    a abbr b bdi bdo br cite code data del dfn em i ins kbd mark q s samp small span strong sub sup time u var wbr
    address article aside blockquote dd details div dl dt figcaption figure footer header hr li ol p pre section
    summary ul h1 h2 h3 h4 h5 h6
    caption col colgroup table tbody td tfoot th thead tr
    img input label
""".split())
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role", "style"})  # and aria-*
ATTRIBUTES = {
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "td": {"colspan", "rowspan", "align", "headers"}, "th": {"colspan", "rowspan", "align", "headers", "scope", "abbr"},
    "col": {"span"}, "colgroup": {"span"}, "time": {"datetime"}, "data": {"value"},
    "q": {"cite"}, "blockquote": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "details": {"open"}, "input": {"type", "checked", "disabled"},
}
LINK_SCHEMES = ("https", "http", "mailto", "tel")
REL_VALUES = frozenset({"noopener", "noreferrer", "nofollow", "external"})

# Why an element is refused, for the message (anything else not in ELEMENTS: "is not on the list").
REASONS = {
    "script": "runs a program in the reader's browser",
    "noscript": "is read in two ways (with programs on, and off), which can hide a program",
    "style": "restyles the whole site and can load files from other servers",
    "base": "changes where every link and program on the page is loaded from",
    "meta": "can send the reader to another page or change how the page behaves",
    "link": "loads a file from another place into the page",
    "iframe": "shows another page, or a program, inside this one",
    "frame": "shows another page inside this one",
    "frameset": "shows other pages inside this one",
    "object": "runs a plug-in or shows another page inside this one",
    "embed": "runs a plug-in or shows another page inside this one",
    "applet": "runs a plug-in",
    "portal": "shows another page inside this one",
    "form": "is a form that sends what people type to another place",
    "button": "is a form control",
    "select": "is a form control",
    "textarea": "is a form control",
    "template": "holds hidden markup for programs",
    "svg": "is a drawing that can hold a program; save the drawing as an .svg file in content/ and show it as an image",
    "math": "is a formula that can hold a program",
    "audio": "plays a file; link to it instead",
    "video": "plays a file; link to it instead",
}
EVENT = re.compile(r"^on", re.IGNORECASE)
# CSS that runs a program (old browsers) or hides a web address from the check of what pages fetch.
BAD_CSS = re.compile(r"\\|expression\s*\(|behaviou?r\s*:|-moz-binding|javascript:|vbscript:|"
                     r"(?:-webkit-)?image-set\s*\(|\bimage\s*\(|cross-fade\s*\(|element\s*\(|\bsrc\s*\(", re.IGNORECASE)
# A number in CSS that no page can be laid out with: written with an exponent (1e9px: WeasyPrint stops with a
# division by zero) or six digits or more before any point. Not a colour (#1e3e5f) or part of a word.
CSS_BAD_NUMBER = re.compile(r"(?<![\w#.-])[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)e[+-]?[0-9]+[a-z%]*|(?<![\w#.-])[0-9]{6,}",
                            re.IGNORECASE)
# Ids the theme (its own start with "__") and the pack's own pages look up: a second element with one of them
# would be found by the page's program instead of the real one (so the site's settings could be replaced).
RESERVED_ID_PREFIXES = ("_", "md-", "iwe-", "slide-")
RESERVED_IDS = frozenset("""
    advance agenda agenda-title back catch-up catch-up-apply catch-up-close catch-up-dialog catch-up-done catch-up-finish
    catch-up-list catch-up-open catch-up-summary clock countdown counter extend finish next notes-toggle now-panel now-title
    prev reset run-data slides start status step-do step-left step-panel step-title
    action-status add-break add-group break-rows copy-letter download download-invitation forget group-rows
    groups-field items
    no-plan notes-data planned print print-stamp print-stamp-style run run-place
    plan-advice plan-agenda plan-groups plan-letter plan-print plan-steps plan-summary plan-title
    print-agenda print-buttons-label print-doc-style print-pack print-scoring print-sign-in
    evaluation questions send-title send sent privacy-title clear download-times times times-what
    answers-list answers-text copied copy copy-box handin handin-email handin-long handin-title privacy-notice
    off-plan off-plan-close off-plan-open off-plan-title
    apply format-note plan-changed plan-stale plan-stale-list plan-stale-text plan-stale-title print-status
""".split()) | {
    # the evaluation page's questions: each answer's field, its hint and, for a rating, each of its five choices
    f"{field}{end}" for field in EVALUATION_FIELDS for end in ("", "-hint", "-1", "-2", "-3", "-4", "-5")} | {
    # the plan page's fields, their labels and their error boxes: f-, l- and e- and a pack file's key
    f"{kind}-{key}" for kind in "fle" for key in (*allowed_keys(PackFile), "mode")}
END = "data-iwe-end"  # marks the end of the rendered text (editors cannot write data-* attributes)

ALLOWED_ELEMENTS = ("Markdown, and these HTML elements: " + ", ".join(sorted(ELEMENTS))
                    + " (see 'HTML in Markdown' in CONTRIBUTING.md)")
ALLOWED_HTML = ("Markdown, and plain HTML for text, lists, tables, links and images (listed under 'HTML in Markdown' "
                "in CONTRIBUTING.md)")
ALLOWED_LINKS = "a web address starting https://, a mailto: or tel: address, a relative path or a #anchor"


def markdown_to_html(text: str, md=None) -> str:
    """Editor Markdown as the site renders it (without heading ids); ``md`` a converter to use again.

    Without ``md`` the result is remembered for the life of the process: the same text is checked for
    HTML and for what it fetches, and ``mkdocs serve`` checks unchanged files again on every rebuild."""
    if md is None:
        return _remembered_html(text)
    return md.reset().convert(text)


@lru_cache(maxsize=1024)
def _remembered_html(text: str) -> str:
    return _converter().convert(text)


def _converter():
    import markdown

    return markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG, output_format="html")


def markdown_problems(text: str, page: bool = False, made_from: str | None = None
                      ) -> list[tuple[int | None, str, dict]]:
    """(line, message code, its details) for each thing in editor Markdown that is not on the allow-list.

    ``page``: the file is a page of its own, so its front matter (title, description) is checked too.
    ``made_from``: ``text`` was made from this source (handout text put into notes): lines are given in it.
    """
    problems = front_matter_problems(text) if page else []
    deep = too_deep(text)
    if deep is not None:  # not rendered at all: Markdown's reader calls itself once a level, without a limit
        return _out([*problems, (deep[0], _p("markdown.too-deep", found=str(deep[1]), allowed=str(MAX_NESTING)))])
    found = html_problems(markdown_to_html(text))
    if not found:
        return _out(problems)
    md = _converter()
    lines = text.splitlines(keepends=True)
    counts: dict[int, Counter] = {}

    def shown(n: int) -> Counter:
        if n not in counts:
            counts[n] = Counter(html_problems(markdown_to_html("".join(lines[:n]), md)))
        return counts[n]

    nth: Counter = Counter()
    for message in found:
        nth[message] += 1
        lo, hi = 1, max(1, len(lines))
        while lo < hi:  # the first line whose rendering shows this problem (the nth time)
            mid = (lo + hi) // 2
            if shown(mid)[message] >= nth[message]:
                hi = mid
            else:
                lo = mid + 1
        problems.append((lo, message))
    if made_from is not None:
        problems = [(_source_line(made_from, text, n) if n else n, m) for n, m in problems]
    return _out(sorted(set(problems), key=lambda p: (p[0] or 0, p[1])))


# How deep lists and quotes may nest in editor Markdown. Notes need 3 or 4 levels; python-markdown reads each level
# by calling itself, so a list nested a thousand deep ended the build in a RecursionError.
MAX_NESTING = 12
_LEVEL = re.compile(r"[ ]{0,3}(?:>|[-*+](?=\s)|[0-9]{1,9}[.)](?=\s))[ \t]*")


def too_deep(text: str) -> tuple[int, int] | None:
    """(line, depth) of the first line nested deeper than :data:`MAX_NESTING` (list items and quotes started on the
    line, and every 4 spaces of indent before them), or None."""
    for n, line in enumerate(text.splitlines(), start=1):
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" "))
        depth, rest = indent // 4, expanded[indent - indent % 4:] if indent else expanded
        while (m := _LEVEL.match(rest)) and m.end() > 0:
            depth += 1
            rest = rest[m.end():]
        if depth > MAX_NESTING:
            return n, depth
    return None


def _p(code: str, **details: str) -> tuple:
    """A finding: its message code and details, hashable so the same finding can be counted."""
    return code, tuple(sorted(details.items()))


def _out(problems: list[tuple]) -> list[tuple[int | None, str, dict]]:
    return [(line, code, dict(details)) for line, (code, details) in problems]


def _source_line(source: str, made: str, line: int) -> int:
    """The line of ``source`` that line ``line`` of ``made`` came from (text put in: the line it replaced)."""
    matcher = difflib.SequenceMatcher(None, source.splitlines(), made.splitlines(), autojunk=False)
    for tag, i1, _i2, j1, j2 in matcher.get_opcodes():
        if j1 < line <= j2:
            return i1 + (line - j1) if tag == "equal" else i1 + 1
    return len(source.splitlines()) or 1


def html_problems(html: str) -> list[tuple]:
    """A finding (see :func:`_p`) for each element, attribute or address in ``html`` (a piece of a page) not on the allow-list."""
    return list(_html_problems(html))


@lru_cache(maxsize=1024)
def _html_problems(html: str) -> tuple:
    """:func:`html_problems`, remembered for the life of the process (a rebuild checks unchanged files again)."""
    return tuple(_find_html_problems(html))


def _find_html_problems(html: str) -> list[tuple]:
    from tinyhtml5.parser import HTMLParser

    # Parse as a browser does, inside the page (a <div>), with a marker after it: if the marker is not an element
    # of its own, the text ended inside a tag, a quote or a comment, and the page after it would be swallowed.
    def parse(text: str):
        return HTMLParser().parse_fragment(text, container="div", scripting=True)

    found: list[tuple] = []
    ended = False

    def walk(el) -> None:
        nonlocal ended
        for child in el:
            if not isinstance(child.tag, str):
                continue  # a comment
            attrs = {str(k): str(v) for k, v in child.attrib.items()}
            if child.tag == HTML_NS + "b" and attrs == {END: ""}:
                ended = True
                continue
            problems = list(_element_problems(child.tag, attrs))
            found.extend(problems)
            if not (problems and not child.tag.startswith(HTML_NS)):  # one message for a whole drawing or formula
                walk(child)

    walk(parse(f'{html}<b {END}=""></b>'))
    if not ended:  # what the marker became is not the editor's doing: read the text alone
        found.clear()
        walk(parse(html))
        found.append(_p("html.unclosed"))
    return found


def _element_problems(tag: str, attrs: dict[str, str]) -> Iterator[tuple]:
    name = tag.removeprefix(HTML_NS)
    if name.startswith("{") or name not in ELEMENTS:
        name = name.rsplit("}", 1)[-1]
        reason = REASONS.get(name.lower())
        if reason:
            yield _p("html.element-refused", name=name, reason=reason, allowed=ALLOWED_HTML)
        else:
            yield _p("html.element-unknown", name=name, allowed=ALLOWED_ELEMENTS)
        return
    allowed = GLOBAL_ATTRIBUTES | ATTRIBUTES.get(name, set())
    if name == "input" and "type" not in attrs:
        yield from _input(name, "")
    for attr, value in attrs.items():
        attr = attr.rsplit("}", 1)[-1]
        if EVENT.match(attr):
            yield _p("html.event-attribute", attr=attr, name=name, allowed=_names(allowed))
            continue
        if attr not in allowed and not attr.startswith("aria-"):
            yield _p("html.attribute", attr=attr, name=name, allowed=_names(allowed))
            continue
        check = VALUE_CHECKS.get((name, attr)) or VALUE_CHECKS.get(("*", attr))
        problems = list(check(name, value)) if check else []
        if not problems and ("<" in value or ">" in value):
            # print and run mode edit the HTML as text: markup inside a value could come out as markup
            problems = [_p("html.markup-in-value", attr=attr, name=name, found=_short(value))]
        yield from problems


def _names(allowed) -> str:
    return ", ".join(sorted(allowed)) + ", aria-*"


def _short(value: str) -> str:
    value = " ".join(value.split())
    return repr(value if len(value) <= 60 else value[:57] + "...")


def _scheme(url: str) -> str | None:
    """The scheme a browser reads in ``url`` (it ignores tabs and newlines, and spaces at the ends)."""
    url = re.sub(r"[\t\n\r]", "", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12"
                                                "\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    m = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    if m:
        return m.group(1).lower()
    if re.match(r"[/\\]{2}", url):
        return "//"
    return None


def _link(name: str, value: str) -> Iterator[tuple]:
    scheme = _scheme(value)
    if scheme == "//":
        yield _p("html.link-no-scheme", found=_short(value), allowed=ALLOWED_LINKS)
    elif scheme in ("javascript", "vbscript"):
        yield _p("html.link-runs", found=_short(value), allowed=ALLOWED_LINKS)
    elif scheme == "data":
        yield _p("html.link-data", found=_short(value), allowed=ALLOWED_LINKS)
    elif scheme and scheme not in LINK_SCHEMES:
        yield _p("html.link-scheme", found=_short(value), scheme=scheme, allowed=ALLOWED_LINKS)


def _image(name: str, value: str) -> Iterator[tuple]:
    """Only what an image address can run: where images are fetched from is checked in resources.py."""
    scheme = _scheme(value)
    if scheme == "data" and not re.match(r"\s*data:image/", value, re.IGNORECASE):
        yield _p("html.image-not-image", found=_short(value))
    elif scheme not in (None, "//", "data", "http", "https"):
        yield _p("html.image-scheme", found=_short(value), scheme=scheme)


def _srcset(name: str, value: str) -> Iterator[tuple]:
    for candidate in value.split(","):
        if candidate.split():
            yield from _image(name, candidate.split()[0])


def _rel(name: str, value: str) -> Iterator[tuple]:
    other = [v for v in value.lower().split() if v not in REL_VALUES]
    if other:
        yield _p("html.rel", found=value, why=" (it would put a file into the PDF)" if "attachment" in other else "",
                 allowed=", ".join(sorted(REL_VALUES)))


def _id(name: str, value: str) -> Iterator[tuple]:
    if value.lower().startswith(RESERVED_ID_PREFIXES) or value.lower() in RESERVED_IDS:
        yield _p("html.reserved-id", found=value, name=name, allowed=", ".join(RESERVED_ID_PREFIXES))


def _style(name: str, value: str) -> Iterator[tuple]:
    m = BAD_CSS.search(value)
    if m:
        yield _p("html.style", found=repr(m.group(0).strip()), name=name)
    m = CSS_BAD_NUMBER.search(value)
    if m:
        yield _p("html.style-number", found=repr(m.group(0)), name=name)


def _input(name: str, value: str) -> Iterator[tuple]:
    if value.strip().lower() != "checkbox":
        found = f'<input type="{value}">' if value else "<input>"
        yield _p("html.form-field", found=found)


VALUE_CHECKS: dict[tuple[str, str], Callable[[str, str], Iterator[tuple]]] = {
    ("a", "href"): _link, ("*", "cite"): _link, ("img", "src"): _image, ("img", "srcset"): _srcset,
    ("a", "rel"): _rel, ("*", "id"): _id, ("*", "style"): _style, ("input", "type"): _input,
}


# Front matter: MkDocs puts a page's title and description into the page as they are (no escaping).
MMD_META = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)")
MMD_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(.*)")
FRONT_BAD = re.compile(r"[<>\"]")


def front_matter_problems(text: str) -> list[tuple[int | None, tuple]]:
    """Values in a page's front matter (YAML between '---' lines, or 'key: value' lines) with < > or "."""
    return [(line, _p("html.front-matter", found=repr(bad.group(0)), key=repr(key), value=_short(value)))
            for key, value, line in _front_matter(text) if (bad := FRONT_BAD.search(value))]


def _front_matter(text: str) -> Iterator[tuple[str, str, int]]:
    """(key, text value, line) as MkDocs reads a page's meta-data (mkdocs.utils.meta.get_data)."""
    import yaml

    text = text.replace("\r\n", "\n")
    m = markdown_config.YAML_FRONT.match(text)
    if m:
        try:
            node = yaml.compose(m.group(1), Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            return
        yield from _scalars(node, "", 1)
        return
    key = None
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            return
        if m1 := MMD_META.match(line):
            key = m1.group(1).lower()
            yield key, m1.group(2), n
        elif (m2 := MMD_MORE.match(line)) and key:
            yield key, m2.group(3), n
        else:
            return


def _scalars(node, key: str, offset: int) -> Iterator[tuple[str, str, int]]:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        yield key, str(node.value), node.start_mark.line + 1 + offset
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item, key, offset)
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            yield from _scalars(k, str(k.value), offset)
            yield from _scalars(v, str(getattr(k, "value", key)), offset)
