"""Drawings (``.svg`` files) an editor puts in ``content/``: checked by an allow-list, as editor HTML is.

MkDocs publishes every file under ``content/`` as it is. An SVG file is a document of its own: opened from the
site (or shown by a page with ``<object>``), a ``<script>`` in it, an ``onload=`` attribute, an ``<a
href="javascript:...">``, an animation that sets such a link, or an XHTML element inside it runs a program in the
reader's browser, and an ``<image href="https://...">`` or a style's ``url()`` fetches from another server. So a
drawing may hold only drawing elements, and may point only inside itself (``#name``). What a drawing editor such as
Inkscape adds in its own namespaces is kept: browsers do nothing with it.
"""

from __future__ import annotations

import re
from typing import Iterator

from .editor_html import BAD_CSS

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Namespaces drawing programs write their own notes in; a browser does nothing with an element in them.
INERT_NS = frozenset({
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
})
ELEMENTS = frozenset("""
    svg g defs symbol use title desc metadata style switch
    path rect circle ellipse line polyline polygon text tspan textPath
    clipPath mask pattern marker linearGradient radialGradient stop
    filter feGaussianBlur feOffset feBlend feFlood feComposite feMerge feMergeNode feColorMatrix feMorphology
    feDropShadow
""".split())
REASONS = {
    "script": "runs a program in the reader's browser",
    "foreignObject": "holds a web page inside the drawing, which can run a program",
    "a": "is a link, which can run a program",
    "image": "loads another file into the drawing",
    "feImage": "loads another file into the drawing",
    "animate": "can change a link into a program", "set": "can change a link into a program",
    "animateTransform": "is an animation", "animateMotion": "is an animation",
    "iframe": "shows another page inside the drawing", "embed": "runs a plug-in", "object": "runs a plug-in",
}
ALLOWED = "drawing elements (" + ", ".join(sorted(ELEMENTS, key=str.lower)) + ") that point only inside the drawing"
URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)


def svg_problems(data: bytes) -> list[tuple[int | None, str, dict]]:
    """(line, message code, details) for each thing in an SVG file that is not on the allow-list."""
    from xml.parsers import expat

    found: list[tuple[int | None, str, dict]] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    style_text: list[str] = []
    in_style: list[int] = []

    def start(tag: str, attrs: dict) -> None:
        line = parser.CurrentLineNumber
        ns, _, name = tag.rpartition(" ")
        if ns in INERT_NS:
            return
        if ns != SVG_NS or name not in ELEMENTS:
            reason = REASONS.get(name) or ("is not a drawing element" if ns in (SVG_NS, "") else
                                           f"is from another kind of document ({ns or 'no namespace'})")
            found.append((line, "svg.element", {"name": name, "reason": reason, "allowed": ALLOWED}))
            return
        if name == "style":
            in_style.append(line)
            style_text.clear()
        for key, value in attrs.items():
            attr_ns, _, attr = key.rpartition(" ")
            if attr_ns in INERT_NS:
                continue
            if attr.lower().startswith("on"):
                found.append((line, "svg.attribute", {"name": name, "attr": attr, "found": _short(value),
                                                      "why": "runs a program"}))
            elif attr == "href" and not value.strip().startswith("#"):
                found.append((line, "svg.attribute", {"name": name, "attr": attr, "found": _short(value),
                                                      "why": "points outside the drawing"}))
            else:
                for why in _css_problems(value):
                    found.append((line, "svg.attribute", {"name": name, "attr": attr, "found": _short(value),
                                                          "why": why}))

    def end(tag: str) -> None:
        if tag == f"{SVG_NS} style" and in_style:
            line = in_style.pop()
            text = "".join(style_text)
            if "@import" in text.lower():
                found.append((line, "svg.attribute", {"name": "style", "attr": "text", "found": "'@import'",
                                                      "why": "loads another file"}))
            for why in _css_problems(text):
                found.append((line, "svg.attribute", {"name": "style", "attr": "text", "found": _short(text),
                                                      "why": why}))

    def text(data: str) -> None:
        if in_style:
            style_text.append(data)

    def doctype(*args) -> None:
        found.append((parser.CurrentLineNumber, "svg.doctype", {}))

    def instruction(target: str, data: str) -> None:
        found.append((parser.CurrentLineNumber, "svg.element", {"name": f"?{target}", "allowed": ALLOWED,
                                                                "reason": "asks the browser to load or run something"}))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.ProcessingInstructionHandler = instruction
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        found.append((exc.lineno, "svg.not-xml", {"found": expat.ErrorString(exc.code)}))
    return found


def _css_problems(css: str) -> Iterator[str]:
    for m in URL.finditer(css):
        if not m.group(1).startswith("#"):
            yield "points outside the drawing"
    if BAD_CSS.search(css):
        yield "can run a program or hide where it points"


def _short(value: str) -> str:
    value = " ".join(value.split())
    return repr(value if len(value) <= 60 else value[:57] + "...")
