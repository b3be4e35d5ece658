"""What the machine must have before a PDF is made: the system libraries WeasyPrint loads.

WeasyPrint needs Pango (with its FreeType part, HarfBuzz, fontconfig and GObject) to lay out text, and uses
HarfBuzz's subsetter, if it is there, to embed only the letters a PDF uses. Without a required library, importing
WeasyPrint prints a page of advice and fails; without the subsetter, it warns once per font per PDF (about 330
warnings in one build) and subsets with fontTools instead, which gives correct PDFs, more slowly.

So before rendering, each library is loaded here as WeasyPrint would load it (by its file name on Linux):

* a required library missing stops the build at once, in one line naming the Debian packages and the command
  that installs them;
* the subsetter missing does not stop it: the PDFs are made, the build says so once, with the package to
  install, and WeasyPrint's warnings about it are not counted as problems. A person on a machine they cannot
  install on still gets their pack, and the cache keeps PDFs made either way apart (:func:`subsetter`).

The Debian packages named here are listed, with every other package the project needs, in
``debian-packages.txt`` (the README shows it; the Makefile and CI read it; a test keeps the two in step).
"""

from __future__ import annotations

import ctypes
import functools
import logging
import warnings
from functools import lru_cache

from ..diagnostics.problems import Diagnostic, SourceErrors

log = logging.getLogger("iwe_pack")

# (the file WeasyPrint loads on Linux, the Debian package that has it)
REQUIRED = (
    ("libgobject-2.0.so.0", "libglib2.0-0"),
    ("libpango-1.0.so.0", "libpango-1.0-0"),
    ("libharfbuzz.so.0", "libharfbuzz0b"),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libpangoft2-1.0.so.0", "libpangoft2-1.0-0"),
)
SUBSETTER = ("libharfbuzz-subset.so.0", "libharfbuzz-subset0")
# What WeasyPrint says, once per font of each PDF, when it subsets with fontTools: known, and said once instead.
FONTTOOLS_WARNING = "Using fontTools instead of HarfBuzz-Subset"

# Importing WeasyPrint without the subsetter warns that future versions will need it; the build says so in its
# own words (``note_subsetter``), once. Set here, before any import of WeasyPrint, and inherited by the processes
# that render PDFs.
warnings.filterwarnings("ignore", message="HarfBuzz-Subset will be required", category=DeprecationWarning)


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


@lru_cache(maxsize=1)
def missing_required() -> tuple[tuple[str, str], ...]:
    """The required libraries that cannot be loaded, with their packages."""
    return tuple((lib, package) for lib, package in REQUIRED if not _loads(lib))


@lru_cache(maxsize=1)
def has_subsetter() -> bool:
    return _loads(SUBSETTER[0])


def subsetter() -> str:
    """How fonts are subset on this machine, for the PDF cache's key: PDFs made either way differ in their bytes."""
    return "harfbuzz" if has_subsetter() else "fonttools"


def require_pdf_libraries() -> None:
    """Stop, in one line, if WeasyPrint cannot load a library it needs; say once if fonts are subset slowly."""
    missing = missing_required()
    if missing:
        packages = " ".join(dict.fromkeys(package for _, package in missing))
        raise SourceErrors([Diagnostic("system.missing-library", "this machine", None, None,
                                        found=", ".join(lib for lib, _ in missing), allowed=packages)])
    note_subsetter()


@functools.cache  # said once a process: a second build in it does not say it again
def note_subsetter() -> None:
    """Say, once per process, that fonts are subset by fontTools, and how to make it quicker."""
    if not has_subsetter():
        log.info(f"PDFs: {SUBSETTER[0]} is not installed, so fonts are subset by fontTools (the PDFs are the same "
                 f"to read, and take longer to make). To make them quicker: sudo apt-get install {SUBSETTER[1]}")


def expected_warning(message: str) -> bool:
    """A WeasyPrint warning the build has already accounted for (see :func:`note_subsetter`)."""
    return message.startswith(FONTTOOLS_WARNING)
