"""The print-offs' progress is said on a named logger, iwe_pack.progress, which a program (the MkDocs hook, through
the engine's logger "iwe_pack") attaches its own handlers to: no callback is threaded through the build's calls."""

from __future__ import annotations

import inspect
import logging

from conftest import ROOT
from iwe_pack.outputs import site_build
from iwe_pack.outputs.pdf import render_all
from iwe_pack.views.print_jobs import PrintJob


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.levelname} {record.getMessage()}")


def test_each_rendered_print_off_is_said_on_the_progress_logger(tmp_path):
    """Rendered through the renderer itself: a print-off made is said; taken from the cache, it is not."""
    handler, logger = Lines(), logging.getLogger("iwe_pack.progress")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    page = "<!doctype html><html lang=en><head><title>t</title></head><body><p>A sheet</p></body></html>"
    jobs = [PrintJob("downloads/x/x-agenda.pdf", "Agenda", page), PrintJob("downloads/x/x-matrix.pdf", "Matrix",
                                                                           page.replace("A sheet", "Another"))]
    try:
        render_all(jobs[:1], ROOT, tmp_path, workers=1)  # the agenda, made once
        handler.lines.clear()
        render_all(jobs, ROOT, tmp_path, workers=1)  # the agenda from the cache, the matrix made
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert handler.lines == ["iwe_pack.progress INFO Print-offs: 2/2 rendered (x-matrix.pdf)"]
    assert logger.parent is logging.getLogger("iwe_pack")  # shown wherever the engine's log is


def test_the_build_takes_no_progress_callback():
    from iwe_pack.outputs.downloads import downloads

    assert list(inspect.signature(site_build.SiteBuild.generate).parameters) == ["self"]
    assert "progress" not in inspect.signature(render_all).parameters
    assert "progress" not in inspect.signature(downloads).parameters
