"""What every source's schema is built on: the base that remembers where a value was read from, and the scalar
types a value is checked against as it is read (sources/typed_yaml.py reads a file into these)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .typed_yaml import Invalid, Origin, ScalarType

MINUTES = {"min": 1, "max": 600, "allowed": "a whole number of minutes from 1 to 600"}
NOT_YAML = {"yaml": False}


class PatternText(str, ScalarType):
    """Text that must match ``pattern`` in full; ``allowed`` says what is allowed when it does not."""

    pattern = ""
    allowed = ""

    @classmethod
    def parse(cls, text: str):
        if not re.fullmatch(cls.pattern, text):
            raise Invalid("value.pattern", allowed=cls.allowed)
        return cls(text)


class WebAddress(PatternText):
    """A web address starting https:// (or http://), with nothing that could break out of a link or hide where it
    goes: the site's name comes straight after ``//`` (no ``name@`` before it, which a QR code or browser would
    skip, and never empty), in plain letters, digits, dots and hyphens; no control or right-to-left characters
    anywhere. The planner page checks typed links with this same pattern."""

    description = "a web address starting https://"
    _label = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    pattern = (rf"https?://{_label}(?:\.{_label})*\.?(?::[0-9]{{1,5}})?"
               r"(?:[/?#][^\s<>()\[\]\"'`\\\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]*)?")
    allowed = ("a web address starting https:// and then the site's name (letters, digits, dots and hyphens, no '@'), "
               "with no spaces, quotes, brackets or invisible characters")


class EmailAddress(str, ScalarType):
    """An email address, such as evaluation@example.org: something@somewhere.domain, with nothing that could
    break out of a mailto: link."""

    description = "an email address such as evaluation@example.org"
    pattern = r"[A-Za-z0-9._+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+"

    @classmethod
    def parse(cls, text: str) -> "EmailAddress":
        if not re.fullmatch(cls.pattern, text):
            raise Invalid("value.email")
        return cls(text)


class Version(PatternText):
    """A semantic version number: major.minor.patch, such as 1.2.0."""

    description = "a version number such as 1.2.0"
    pattern = r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
    allowed = "a version number of three whole numbers, such as 1.2.0"


@dataclass(frozen=True)
class Sourced:
    """Base: remembers the file and lines an object was loaded from."""

    origin: Optional[Origin] = field(default=None, compare=False, repr=False, kw_only=True, metadata=NOT_YAML)


@dataclass(frozen=True)
class MinuteRange(Sourced):
    min: int = field(metadata=MINUTES)
    max: int = field(metadata=MINUTES)

    def __str__(self) -> str:
        return f"{self.min}–{self.max}"

    @property
    def slack(self) -> int:
        return self.max - self.min
