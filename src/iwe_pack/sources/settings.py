"""The build's settings: read in one place, from ``mkdocs.yml`` (``extra: iwe:``) or the environment.

Each setting has one name, the environment variable that sets it, and a check.
``mkdocs.yml`` reads the same variables with ``!ENV``, so the command line and
the site build see the same values:

========================  ======================  ==========================================================
setting                   environment variable    meaning
========================  ======================  ==========================================================
``packs``                 ``IWE_PACKS``           build only these place packs (names, spaces or commas)
``pdf``                   ``IWE_PDF``             ``0`` builds pages only: no PDFs, zips or slides files
``releases_url``          ``IWE_RELEASES_URL``    where each release's zips are kept (linked from Versions)
``issues_url``            ``IWE_ISSUES_URL``      where readers report a problem (the accessibility statement)
``accessibility_email``   ``IWE_ACCESSIBILITY_    the publisher's email address for accessibility requests and
                          EMAIL``                 complaints, shown in the accessibility statement
``accessibility_phone``   ``IWE_ACCESSIBILITY_    the publisher's telephone number for the same (a release needs
                          PHONE``                 one of the two: ``iwe-pack check --release``)
``site_url``              ``IWE_SITE_URL``        where the site is published: each place's evaluation form is
                                                  then at <site_url>/packs/<slug>/evaluation/ (its QR code)
``cache``                 ``IWE_PACK_CACHE``      a folder for rendered PDFs (default ``.cache/iwe-pack``)
``source_date_epoch``     ``SOURCE_DATE_EPOCH``   the date written into PDFs and zips (reproducible builds)
========================  ======================  ==========================================================
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from ..diagnostics.problems import Diagnostic, SourceErrors
from .sourced import EmailAddress, WebAddress
from .typed_yaml import Invalid

ENVIRONMENT = {
    "packs": "IWE_PACKS",
    "pdf": "IWE_PDF",
    "releases_url": "IWE_RELEASES_URL",
    "issues_url": "IWE_ISSUES_URL",
    "accessibility_email": "IWE_ACCESSIBILITY_EMAIL",
    "accessibility_phone": "IWE_ACCESSIBILITY_PHONE",
    "site_url": "IWE_SITE_URL",
    "cache": "IWE_PACK_CACHE",
    "source_date_epoch": "SOURCE_DATE_EPOCH",
}


# A telephone number as people write it: digits with spaces, hyphens, brackets and a leading + (7 to 15 digits).
PHONE = re.compile(r"\+?[0-9][0-9 ()-]*[0-9]")


@dataclass(frozen=True)
class Settings:
    packs: tuple[str, ...] = ()
    pdf: bool = True
    releases_url: str = ""
    issues_url: str = ""
    accessibility_email: str = ""
    accessibility_phone: str = ""
    site_url: str = ""
    cache: Path | None = None
    source_date_epoch: int | None = None

    @classmethod
    def from_mapping(cls, values: Mapping[str, object] | None, where: str = "mkdocs.yml, extra.iwe") -> "Settings":
        """Settings from ``mkdocs.yml``'s ``extra: iwe:`` (values may be text, numbers or booleans)."""
        values = dict(values or {})
        problems = []
        for key in values:
            if key not in ENVIRONMENT:
                problems.append(Diagnostic("settings.unknown", where, None, key, found=repr(key),
                                            allowed=", ".join(ENVIRONMENT)))

        def field(key: str) -> str:
            """A setting's name, and the variable a person sets it with (mkdocs.yml reads each with !ENV)."""
            return f"{key} (set by the environment variable {ENVIRONMENT[key]})"

        def text(key: str) -> str:
            value = values.get(key)
            return "" if value is None or value is False else str(value).strip()

        packs = tuple(p for p in text("packs").replace(",", " ").split() if p)
        pdf_text = text("pdf").lower() if values.get("pdf") is not False else "0"
        if pdf_text not in ("", "1", "0", "true", "false", "yes", "no"):
            problems.append(Diagnostic("settings.bad-pdf", where, None, field("pdf"), found=repr(pdf_text),
                                        details={"variable": ENVIRONMENT["pdf"]}))
        epoch_text = text("source_date_epoch")
        epoch = None
        if epoch_text:
            if epoch_text.isdigit():
                epoch = int(epoch_text)
            else:
                problems.append(Diagnostic("settings.bad-epoch", where, None, field("source_date_epoch"),
                                            found=repr(epoch_text), details={"variable": ENVIRONMENT["source_date_epoch"]}))
        releases_url, issues_url, site_url = text("releases_url"), text("issues_url"), text("site_url")
        for key, value in (("releases_url", releases_url), ("issues_url", issues_url), ("site_url", site_url)):
            if value:
                try:
                    WebAddress.parse(value)
                except Invalid as exc:
                    problems.append(Diagnostic(exc.code, where, None, field(key), found=repr(value),
                                                details=exc.details))
        email, phone = text("accessibility_email"), text("accessibility_phone")
        if email:
            try:
                EmailAddress.parse(email)
            except Invalid as exc:
                problems.append(Diagnostic(exc.code, where, None, field("accessibility_email"), found=repr(email),
                                            details=exc.details))
        if phone and not (PHONE.fullmatch(phone) and 7 <= sum(c.isdigit() for c in phone) <= 15):
            problems.append(Diagnostic("settings.bad-phone", where, None, field("accessibility_phone"),
                                        found=repr(phone)))
        if problems:
            raise SourceErrors(problems)
        cache = text("cache")
        return cls(packs=packs, pdf=pdf_text not in ("0", "false", "no"), releases_url=releases_url,
                   issues_url=issues_url, accessibility_email=email, accessibility_phone=phone,
                   site_url=site_url.rstrip("/"),
                   cache=Path(cache) if cache else None, source_date_epoch=epoch)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """Settings from the environment variables, for the command line."""
        environ = os.environ if environ is None else environ
        return cls.from_mapping({key: environ.get(var) for key, var in ENVIRONMENT.items() if environ.get(var)},
                                where="the environment")

    @property
    def accessibility_contact(self) -> bool:
        """Whether the accessibility statement can name a way to reach the publisher (a release must)."""
        return bool(self.accessibility_email or self.accessibility_phone)

    def cache_folder(self, root: Path) -> Path:
        """Where builds keep what later builds can reuse: the ``cache`` setting, or ``.cache/iwe-pack`` in the
        project. Everything in it is named by a hash of what it was made from, so it may be shared or deleted."""
        return self.cache or Path(root) / ".cache" / "iwe-pack"

    @property
    def source_date(self) -> dt.datetime | None:
        """The fixed date for outputs, or None to leave dates out."""
        return source_date(self.source_date_epoch)


def source_date(epoch: int | None) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc) if epoch is not None else None
