"""A value's fingerprint: a hash of everything in it, so a build can keep what a pure view made of the same values.

:class:`Fingerprints` walks a model value: every field of every dataclass (those left out of its ``repr`` too, such
as a section's notes), every item of a tuple, list, dict or set, and the text, numbers, dates and paths at the leaves.
Two values with the same fingerprint hold the same things, so a view of them (a pure function) makes the same output.
A value it does not know how to walk (a function, a compiled template, anything from outside the engine that is not
plain data) raises :class:`Unknown`: the caller makes the output again rather than guess.

A value met again in the same build (a section, shared by every place's plan) is walked once: the fingerprint of each
dataclass is remembered for as long as the :class:`Fingerprints` lives, with the value itself, so its ``id`` cannot be
taken by another. Model values are frozen and never change in a build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any

ENGINE = "iwe_pack."  # plain classes of the engine's own (ClockTime, PackDate) are walked by their attributes


class Unknown(Exception):
    """A value of a kind the fingerprint cannot vouch for."""


def _name(cls: type) -> bytes:
    return f"{cls.__module__}.{cls.__qualname__}".encode()


class Fingerprints:
    def __init__(self) -> None:
        self._known: dict[int, tuple[Any, bytes]] = {}
        self._fields: dict[type, tuple[str, ...]] = {}

    def of(self, value: Any) -> bytes:
        """The fingerprint of ``value`` (32 bytes); raises :class:`Unknown`."""
        h = hashlib.sha256()
        self._feed(h, value)
        return h.digest()

    def _object(self, value: Any) -> bytes:
        known = self._known.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        kind = type(value)
        names = self._fields.get(kind)
        if names is None:
            names = self._fields[kind] = tuple(f.name for f in dataclasses.fields(kind))
        h = hashlib.sha256(_name(kind))
        for name in names:
            self._feed(h, getattr(value, name))
        digest = h.digest()
        self._known[id(value)] = (value, digest)
        return digest

    def _feed(self, h: Any, value: Any) -> None:
        kind = type(value)
        if kind is str:
            data = value.encode("utf-8", "surrogatepass")
            h.update(b"s%d:" % len(data))
            h.update(data)
        elif value is None or kind in (bool, int, float):
            h.update(b"p" + repr(value).encode() + b";")
        elif kind in (tuple, list):
            h.update(b"l%d:" % len(value))
            for item in value:
                self._feed(h, item)
        elif kind is dict:  # in order: a view may show a dict's items in the order they came
            h.update(b"d%d:" % len(value))
            for key, item in value.items():
                self._feed(h, key)
                self._feed(h, item)
        elif dataclasses.is_dataclass(kind):
            h.update(b"o" + self._object(value))
        elif kind in (set, frozenset):
            h.update(b"S%d:" % len(value))
            for digest in sorted(self.of(item) for item in value):
                h.update(digest)
        elif isinstance(value, PurePath):
            h.update(b"P")
            self._feed(h, str(value))
        elif isinstance(value, (dt.date, dt.time, dt.timedelta)):  # a datetime is a date
            h.update(b"t" + _name(kind) + repr(value).encode() + b";")
        elif isinstance(value, enum.Enum):
            h.update(b"e" + _name(kind))
            self._feed(h, value.value)
        elif kind is bytes:
            h.update(b"b%d:" % len(value))
            h.update(value)
        elif kind.__module__.startswith(ENGINE) and hasattr(value, "__dict__") and not callable(value):
            h.update(b"v" + _name(kind))
            self._feed(h, dict(sorted(vars(value).items())))
        else:
            raise Unknown(_name(kind).decode())


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The engine's code (every module of the package: views, and the model whose properties views read) and the
    versions of the libraries that turn its values into HTML: a change to any makes every kept view again."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256()
    for library in ("jinja2", "markupsafe", "markdown", "pymdown-extensions", "segno", "fonttools"):
        try:
            h.update(f"{library} {version(library)}\0".encode())
        except PackageNotFoundError:
            h.update(f"{library} -\0".encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".tmpl"):
            h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()
