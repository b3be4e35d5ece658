"""Strict, typed YAML: from a file a person edits to a typed dataclass.

PyYAML's own loaders follow YAML 1.1, which turns an unquoted ``10:30`` into
630, ``NO`` into False and silently keeps the last of two duplicate keys. Here
YAML is only *composed* into nodes (which keep their line numbers) and each
node is converted by the type the model declares for it, so a value means what
the person who typed it meant, and every mistake is reported with its file,
line and field. Anchors and aliases are refused: the sources never need them
and they can expand without limit.

Schema types are ordinary dataclasses. A field's metadata may carry
``allowed`` (words for the error message), ``min``/``max`` for whole numbers,
and ``yaml=False`` for fields filled in after loading.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import yaml

from ..diagnostics.catalogue import CATALOGUE
from ..diagnostics.problems import Collector, did_you_mean
from .text import read_text

# How deep lists and keys may nest in a source: the deepest the sources need is 6; PyYAML's composer (and every
# reader after it) calls itself once a level, so a file nested a thousand deep would end in a RecursionError.
MAX_DEPTH = 32


class _NoAliases:
    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (&name, *name) are not allowed here; write the value out in full",
                problem_mark=event.start_mark,
            )
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(
                    problem=f"lists or keys nested more than {MAX_DEPTH} deep; allowed: at most {MAX_DEPTH} levels",
                    problem_mark=event.start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _NoAliasLoader(_NoAliases, yaml.SafeLoader):
    """PyYAML's own reader, in Python: what every mistake is reported from."""


# mypy cannot type a base chosen at run time (libyaml is optional in PyYAML)
class _QuickNoAliasLoader(_NoAliases, yaml.composer.Composer,
                          yaml.cyaml.CParser if yaml.__with_libyaml__ else object,  # type: ignore[misc]
                          yaml.resolver.Resolver):
    """The same nodes, from libyaml's reader (in C, about five times quicker; the composer is still PyYAML's).
    Only a document it reads without a problem is taken from it: otherwise the Python reader reads it again, so
    what a person is told about a mistake does not depend on which reader is installed."""

    def __init__(self, stream):
        yaml.cyaml.CParser.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        yaml.resolver.Resolver.__init__(self)

    def compose_scalar_node(self, anchor):
        node = super().compose_scalar_node(anchor)
        node.style = node.style or None  # libyaml calls a plain scalar's style "", PyYAML None
        return node


def compose_text(text: str) -> yaml.Node | None:
    """Compose one YAML document into nodes (raising PyYAML's error for a mistake)."""
    if yaml.__with_libyaml__:
        try:
            return yaml.compose(text, Loader=_QuickNoAliasLoader)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=_NoAliasLoader)


class Invalid(ValueError):
    """A value that does not parse: ``code`` names its message in the catalogue, ``details`` fill it in."""

    def __init__(self, code: str, **details):
        super().__init__(CATALOGUE[code].text.format(found="the value", hint="", **details))
        self.code = code
        self.details = details


OPENERS = {"quoted scalar": "a quote", "flow sequence": "a [ bracket", "flow mapping": "a { brace"}


class ScalarType:
    """Base for custom scalar types: subclasses implement ``parse(text)``.

    ``parse`` raises :class:`Invalid` with a message code from the catalogue.
    """

    @classmethod
    def parse(cls, text: str):  # pragma: no cover - abstract
        raise NotImplementedError


# What PyYAML's reader refuses outright (C0 and C1 controls but tab, line ends and U+0085, lone surrogates, and
# U+FFFE/U+FFFF), and the characters YAML reads as line breaks although an editor shows none (U+0085, U+2028,
# U+2029): found in the raw file, each is named with its line and field, not left to the reader's words.
RAW_UNPRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")


def _raw_unprintable(path: Path, text: str, errors: Collector) -> bool:
    """Report every raw control or line-separator character in ``text`` with its line and field; True if any."""
    found = list(RAW_UNPRINTABLE.finditer(text))
    if not found:
        return False
    try:  # the same text with each such character made a space, only to find the field it was in
        tree = compose_text(RAW_UNPRINTABLE.sub(" ", text))
    except yaml.YAMLError:
        tree = None
    for m in found:
        field = _field_at(tree, m.start()) if tree is not None else None
        errors.add(path, text.count("\n", 0, m.start()) + 1, field, "yaml.control-character",
                   found=f"U+{ord(m.group()):04X}")
    return True


def _field_at(node: yaml.Node, index: int, path: str = "") -> str | None:
    """The dotted field (as the converter names it) of the deepest value whose text holds character ``index``."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else "?"
            sub = f"{path}.{name}" if path else name
            if key.start_mark.index <= index < key.end_mark.index:
                return sub
            if value.start_mark.index <= index < max(value.end_mark.index, value.start_mark.index + 1):
                return _field_at(value, index, sub) or sub
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value, start=1):
            sub = f"{path}.{i}" if path else str(i)
            if value.start_mark.index <= index < max(value.end_mark.index, value.start_mark.index + 1):
                return _field_at(value, index, sub) or sub
    return path or None


def _unclosed_quote(text: str, error_line: int) -> tuple[int, int] | None:
    """A quoted text that runs on over lines and ends where YAML found a mistake: (line it opens on, line it
    ends on), 0-based. A quote left open is closed by the next quote in the file, lines later, and the mistake is
    found there; the person should be sent to where the quote opened."""
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if (isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
                    and token.end_mark.line > token.start_mark.line):
                last = token
    except yaml.YAMLError:
        pass
    if last is not None and error_line - 1 <= last.end_mark.line <= error_line:
        return last.start_mark.line, last.end_mark.line
    return None


def compose(path: Path, errors: Collector) -> yaml.Node | None:
    text = read_text(path, errors)
    if text is None:
        return None
    if _raw_unprintable(path, text, errors):
        return None
    try:
        node = compose_text(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "not valid YAML"
        quote = _unclosed_quote(text, mark.line) if mark and "nested more than" not in problem else None
        if quote is not None:
            errors.add(path, quote[0] + 1, _field_at_line(text, quote[0]), "yaml.syntax",
                       found=f"a quote opens on this line and is not closed on it (the text runs on to line "
                             f"{quote[1] + 1})", hint="; close the quote on the line it opens")
            return None
        if exc.context_mark and "end of stream" in problem:
            # a quote or bracket that is never closed: the mistake is where it opened, not at the end of the file
            mark = exc.context_mark
            what = next((w for key, w in OPENERS.items() if key in (exc.context or "")), "something")
            problem = f"{what} opens on this line and is never closed"
        elif exc.context and exc.context not in problem:
            problem = f"{exc.context}, {problem}"
        hint, field = "", None
        if "nested more than" in problem and mark is not None:
            field = _field_at_line(text, mark.line)
        if "'\\t'" in problem:
            problem, hint = "found a tab character", "; indent with spaces, not tabs"
        elif "mapping values are not allowed" in problem:
            hint = " (put text that contains ': ' in quotes)"
        errors.add(path, mark.line + 1 if mark else None, field, "yaml.syntax", found=problem, hint=hint)
        return None
    except yaml.YAMLError as exc:
        errors.add(path, None, None, "yaml.syntax", found=exc)
        return None
    if node is None:
        errors.add(path, 1, None, "yaml.empty-file")
    return node


def _field_at_line(text: str, line: int) -> str | None:
    """The top-level key a line belongs to (for a line whose YAML cannot be read): the last one at or above it."""
    for row in reversed(text.splitlines()[: line + 1]):
        m = re.match(r"([A-Za-z_][\w-]*)\s*:", row)
        if m:
            return m.group(1)
    return None


def load(path: Path, schema: type, errors: Collector):
    """Load ``path`` as an instance of the dataclass ``schema``, or None if it has a mistake (each is reported)."""
    node = compose(path, errors)
    if node is None:
        return None
    value = Converter(path, errors).convert(node, schema, "")
    return None if value is _FAILED else value


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a list of keys and values"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag.endswith(":null") and getattr(node, "style", None) is None:
        return "nothing"
    text = node.value if len(node.value) <= 60 else node.value[:57] + "..."
    return repr(text)


# Control characters (other than tab and line ends: C0, DEL and C1) and lone surrogates cannot be printed or saved.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


# The tags plain YAML gives values by itself (text, numbers, true/false, nothing, dates, lists, keys, and a plain
# '=' or '<<'). Any other (``!!python/object/apply:...``, ``!custom``, ``!!binary``) is written on purpose and asks
# for something the sources never mean: it is refused, not ignored.
CORE_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp",
                                                                "seq", "map", "value", "merge"))



def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.style is None and node.tag.endswith(":null")


def _field_label(path: str) -> str:
    return path or "(top level)"


def allowed_keys(schema: type) -> list[str]:
    return [f.name for f in dataclasses.fields(schema) if f.metadata.get("yaml", True)]


class Converter:
    def __init__(self, path: Path, errors: Collector):
        self.path = path
        self.errors = errors

    def fail(self, node: yaml.Node | None, path: str, code: str, **params):
        self.errors.add(self.path, line_of(node) if node is not None else None, _field_label(path), code, **params)
        return _FAILED

    def convert(self, node: yaml.Node, tp: Any, path: str, meta: typing.Mapping | None = None):
        meta = meta or {}
        if node.tag not in CORE_TAGS:
            return self.fail(node, path, "yaml.tag", found=_short_tag(node.tag))
        origin = get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if _is_null(node):
                return None
            return self.convert(node, args[0], path, meta)
        if _is_null(node):
            return self.fail(node, path, "yaml.empty", allowed=self._allowed(tp, meta))
        if dataclasses.is_dataclass(tp):
            return self.mapping(node, tp, path)
        if origin is list:
            return self.sequence(node, get_args(tp)[0], path, meta)
        if origin is dict:
            return self.table(node, get_args(tp)[1], path, meta)
        if not isinstance(node, yaml.ScalarNode):
            return self.fail(node, path, "yaml.wrong-type", found=_describe(node), allowed=self._allowed(tp, meta))
        text = node.value
        if origin is Literal:
            choices = [str(c) for c in get_args(tp)]
            if text in choices:
                return text
            hint = did_you_mean(text, choices)
            return self.fail(node, path, "yaml.not-a-choice", found=repr(text), hint=hint, allowed=", ".join(choices))
        if tp is str:
            text = text.strip()
            if not text:
                return self.fail(node, path, "yaml.empty-text")
            bad = UNPRINTABLE.search(text)
            if bad is not None:
                return self.fail(node, path, "yaml.control-character", found=f"U+{ord(bad.group()):04X}")
            return text
        if tp is bool:
            low = text.lower()
            if low in ("true", "false"):
                return low == "true"
            return self.fail(node, path, "yaml.wrong-type", found=repr(text), allowed="true or false")
        if tp is int:
            if re.fullmatch(r"[0-9]{1,9}", text.strip()):
                value = int(text)
                lo, hi = meta.get("min"), meta.get("max")
                if (lo is not None and value < lo) or (hi is not None and value > hi):
                    return self.fail(node, path, "yaml.wrong-type", found=value, allowed=self._allowed(tp, meta))
                return value
            return self.fail(node, path, "yaml.wrong-type", found=_describe(node), allowed=self._allowed(tp, meta))
        if isinstance(tp, type) and issubclass(tp, ScalarType):
            try:
                return tp.parse(text.strip())
            except Invalid as exc:
                return self.fail(node, path, exc.code, found=repr(text), **exc.details)
        raise TypeError(f"schema type {tp!r} is not supported")  # a bug in the schema, not in the source

    def _allowed(self, tp: Any, meta: typing.Mapping) -> str:
        if "allowed" in meta:
            return str(meta["allowed"])
        if tp is int:
            lo, hi = meta.get("min"), meta.get("max")
            if lo is not None and hi is not None:
                return f"a whole number from {lo} to {hi}"
            return "a whole number"
        if tp is str:
            return "some text"
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return "keys " + ", ".join(allowed_keys(tp))
        if get_origin(tp) is list:
            return "a list (one item a line, each starting with '- ')"
        if get_origin(tp) is Literal:
            return ", ".join(map(str, get_args(tp)))
        return str(getattr(tp, "description", tp.__name__))

    def sequence(self, node, item_tp, path, meta):
        if not isinstance(node, yaml.SequenceNode):
            return self.fail(node, path, "yaml.wrong-type", found=_describe(node), allowed=self._allowed(list[item_tp], meta))
        out = []
        for i, child in enumerate(node.value, start=1):
            value = self.convert(child, item_tp, f"{path}.{i}" if path else str(i), {})
            if value is not _FAILED:
                out.append(value)
        if len(out) != len(node.value):
            return _FAILED
        return out

    def table(self, node, value_tp, path, meta):
        """A mapping with keys chosen by the editor (checked by the caller)."""
        if not isinstance(node, yaml.MappingNode):
            return self.fail(node, path, "yaml.wrong-type", found=_describe(node), allowed="a list of 'name: value' lines")
        out = LineDict()
        ok = True
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            sub = f"{path}.{key}" if path else str(key)
            if not key:
                self.fail(key_node, path, "yaml.plain-key")
                ok = False
            elif key in out:
                self.fail(key_node, sub, "yaml.duplicate-key", found=repr(key), first=out.lines[key])
                ok = False
            else:
                value = self.convert(value_node, value_tp, sub, meta)
                out.lines[key] = line_of(key_node)
                if value is _FAILED:
                    ok = False
                else:
                    out[key] = value
        return out if ok else _FAILED

    def mapping(self, node, schema, path):
        if not isinstance(node, yaml.MappingNode):
            return self.fail(node, path, "yaml.wrong-type", found=_describe(node), allowed=self._allowed(schema, {}))
        fields = {f.name: f for f in dataclasses.fields(schema) if f.metadata.get("yaml", True)}
        seen: dict[str, int] = {}
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        ok = True
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, path, "yaml.plain-key")
                ok = False
                continue
            key = key_node.value
            sub = f"{path}.{key}" if path else key
            if key in seen:
                self.fail(key_node, sub, "yaml.duplicate-key", found=repr(key), first=seen[key])
                ok = False
                continue
            seen[key] = line_of(key_node)
            if key not in fields:
                hint = did_you_mean(key, list(fields))
                self.fail(key_node, sub, "yaml.unknown-key", found=repr(key), hint=hint, allowed=", ".join(fields))
                ok = False
                continue
            f = fields[key]
            value = self.convert(value_node, _hints(schema)[key], sub, f.metadata)
            lines[key] = line_of(key_node)
            if value is _FAILED:
                ok = False
            else:
                values[key] = value
        for name, f in fields.items():
            if name not in seen and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                sub = f"{path}.{name}" if path else name
                self.fail(node, sub, "yaml.missing-key", key=name, allowed=self._allowed(_hints(schema)[name], f.metadata))
                ok = False
        if not ok:
            return _FAILED
        return self.built(schema, values, node, lines, path)

    def built(self, schema, values: dict, node: yaml.Node, lines: dict, path: str):
        """A schema object made from converted ``values``, remembering where it and each key came from."""
        obj = schema(**values)
        object.__setattr__(obj, "origin", Origin(self.errors.rel(self.path), line_of(node), lines, path))
        return obj


class LineDict(dict):
    """A dict from YAML that remembers the line of each key."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict[str, int] = {}


@dataclasses.dataclass(frozen=True)
class Origin:
    """Where a loaded object came from: for messages about it after loading."""

    file: str
    line: int
    lines: dict[str, int]
    path: str

    def line_for(self, key: str) -> int:
        return self.lines.get(key, self.line)

    def field(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key


@functools.cache  # a pure function of a class: worked out once
def _hints(schema: type) -> dict:
    return typing.get_type_hints(schema)


class _Failed:
    def __repr__(self):
        return "<failed>"


_FAILED = _Failed()
