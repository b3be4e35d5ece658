"""The print-offs' progress is said on a named logger, iwe_pack.progress, which a program (the MkDocs hook, through
the engine's logger "iwe_pack") attaches its own handlers to: no callback is threaded through the build's calls."""

from __future__ import annotations

import inspect
import logging
from types import SimpleNamespace

from iwe_pack.outputs import site_build


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.levelname} {record.getMessage()}")


def test_each_rendered_print_off_is_said_on_the_progress_logger():
    handler, logger = Lines(), logging.getLogger("iwe_pack.progress")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        site_build.say_progress(1, 3, SimpleNamespace(name="hull-agenda.pdf"), cached=True)
        site_build.say_progress(2, 3, SimpleNamespace(name="hull-matrix.pdf"), cached=False)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert handler.lines == ["iwe_pack.progress INFO Print-offs: 2/3 rendered (hull-matrix.pdf)"]
    assert logger.parent is logging.getLogger("iwe_pack")  # shown wherever the engine's log is


def test_the_build_takes_no_progress_callback():
    assert list(inspect.signature(site_build.SiteBuild.generate).parameters) == ["self"]
