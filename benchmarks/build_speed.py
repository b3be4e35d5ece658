#!/usr/bin/env python3
"""Build speed, measured in one run, as ratios against a plain MkDocs build of the same pages.

Prints (seconds and ratio to the plain build):
  plain      MkDocs build of the same pages with no PDFs (IWE_PDF=0)
  cold       full build with an empty PDF cache
  no-change  the same build again
  one-pack   a build after changing one place's pack
and the time per PDF of our renderer against WeasyPrint alone on the same HTML.

Run: .venv/bin/python benchmarks/build_speed.py   (a script, not a test: nothing here fails on time)
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
COPY = ["mkdocs.yml", "content", "overrides", "hooks", "packs", "CHANGELOG.md", "CONTRIBUTING.md"]


def timed_build(project: Path, cache: Path, **env) -> float:
    run_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", IWE_PACK_CACHE=str(cache), **env)
    start = time.perf_counter()
    subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q", "-f", str(project / "mkdocs.yml")],
                   cwd=project, env=run_env, check=True)
    return time.perf_counter() - start


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="iwe-bench-"))
    try:
        project = work / "project"
        project.mkdir()
        for name in COPY:
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
        cache = work / "cache"
        plain = statistics.median(timed_build(project, cache, IWE_PDF="0") for _ in range(3))
        cold = timed_build(project, cache)
        no_change = statistics.median(timed_build(project, cache) for _ in range(3))
        pack = sorted((project / "packs").glob("*.yml"))[0]
        text = pack.read_text(encoding="utf-8")
        pack.write_text(re.sub(r"^attendees: (\d+)", lambda m: f"attendees: {int(m.group(1)) + 1}", text, flags=re.M),
                        encoding="utf-8")
        one_pack = timed_build(project, cache)
        pdf_count = len(list((project / "site" / "downloads").rglob("*.pdf")))

        print(f"Build of {pdf_count} PDFs and the site, on {os.cpu_count()} cores")
        print(f"{'build':<12}{'seconds':>9}{'x plain':>9}")
        for label, secs in [("plain", plain), ("cold", cold), ("no-change", no_change), ("one-pack", one_pack)]:
            print(f"{label:<12}{secs:>9.2f}{secs / plain:>9.1f}")
        print(f"cold / no-change: {cold / no_change:.1f}x")
        per_pdf(project)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def per_pdf(project: Path) -> None:
    """Our render (safe fetcher, PDF/UA, atomic write) against WeasyPrint alone, same HTML, one process."""
    sys.path.insert(0, str(ROOT / "src"))
    import weasyprint

    from iwe_pack import load_packs, load_workshop
    from iwe_pack.outputs import pdf
    from iwe_pack.views import paths, print_jobs

    w = load_workshop(project)
    plan = load_packs(project, w)[0]
    jobs = print_jobs.jobs(w, plan, project)[:8]
    out = Path(tempfile.mkdtemp(prefix="iwe-bench-pdf-"))
    base = (project / "overrides" / paths.PRINT).as_uri() + "/"
    try:
        ours, alone = [], []
        for job in jobs:
            start = time.perf_counter()
            pdf.render_pdf(job.html, str(project), str(out / "ours.pdf"), "bench")
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            weasyprint.HTML(string=job.html, base_url=base).write_pdf(out / "alone.pdf")
            alone.append(time.perf_counter() - start)
        o, a = statistics.mean(ours), statistics.mean(alone)
        print(f"per PDF ({len(jobs)} PDFs, one process): ours {o:.2f} s, WeasyPrint alone {a:.2f} s, ratio {o / a:.2f}")
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
