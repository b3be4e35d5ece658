#!/usr/bin/env python3
"""The test suite's time, measured against a baseline commit on this machine, in one run.

`make test` is run in turns in this checkout and in a checkout of the baseline (each set up first by its own
Makefile, so setting up is not timed). The machine's speed drifts through a day by a fifth or more, so one run
of each says little: the runs take turns, the order swaps each round, and the ratio is of the medians.

Prints, for each run, the seconds it took and the busy core-seconds of the whole machine in that time (from
/proc/stat: Chromium, Java and every build the tests start count too), then the medians and their ratios.

Run: .venv/bin/python benchmarks/suite_time.py [--baseline COMMIT] [--rounds N]
(a script, not a test: nothing here fails on time). Default baseline: 697461f, the suite before issue 13.
Each round takes about 10 minutes on 2 cores. The baseline needs PyPI (and npm, if it has a package.json).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "697461f"


def busy_seconds() -> float | None:
    """Core-seconds the machine has spent busy since it started (user, nice, system, irq, softirq), or None."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq = (int(x) for x in fields[1:8])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def set_up(folder: Path) -> None:
    """What the folder's own `make test` would set up before its first test: its .venv and its npm tools."""
    makefile = (folder / "Makefile").read_text(encoding="utf-8")
    targets = [".venv/.installed", *(["node_modules/.installed"] if "node_modules/.installed" in makefile else [])]
    if subprocess.run(["make", "-C", str(folder), *targets]).returncode:
        sys.exit(f"Could not set up {folder}: see the lines above.")


def timed_suite(folder: Path, label: str) -> tuple[float, float | None, str]:
    """Run `make test` in ``folder``; return (seconds, busy core-seconds or None, pytest's last line)."""
    log = Path(tempfile.gettempdir()) / f"suite-time-{label}-{os.getpid()}.log"
    busy, start = busy_seconds(), time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        code = subprocess.run(["make", "--no-print-directory", "-C", str(folder), "test"], stdout=out,
                              stderr=subprocess.STDOUT, env=dict(os.environ, NO_COLOR="1")).returncode
    seconds = time.perf_counter() - start
    used = busy_seconds() - busy if busy is not None else None
    lines = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    last = lines[-1] if lines else "(no output)"
    if code:
        print(f"  {label}: make test failed (exit {code}); its output is in {log}")
    else:
        log.unlink()
    return seconds, used, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=BASELINE, help=f"the commit to compare with (default {BASELINE})")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each (default 2)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="iwe-suite-time-"))
    baseline = work / "baseline"
    added = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(baseline), args.baseline],
                           capture_output=True, text=True)
    if added.returncode:
        sys.exit(f"Could not check out {args.baseline}: {added.stderr.strip()}")
    try:
        print(f"Setting up the baseline ({args.baseline}) in {baseline} and this checkout ({ROOT}).")
        set_up(baseline)
        set_up(ROOT)
        runs: dict[str, list[tuple[float, float | None]]] = {"baseline": [], "this checkout": []}
        folders = {"baseline": baseline, "this checkout": ROOT}
        print(f"{os.cpu_count()} cores. Each run is `make test`, set up beforehand.")
        for n in range(args.rounds):
            order = ["baseline", "this checkout"] if n % 2 == 0 else ["this checkout", "baseline"]
            for label in order:
                seconds, used, last = timed_suite(folders[label], label.replace(" ", "-"))
                runs[label].append((seconds, used))
                cores = f", {used:.0f} busy core-seconds" if used is not None else ""
                print(f"round {n + 1}, {label:<13} {seconds:7.1f} s{cores}   ({last.strip('= ')})", flush=True)
        base = statistics.median(s for s, _ in runs["baseline"])
        this = statistics.median(s for s, _ in runs["this checkout"])
        print(f"median: baseline {base:.1f} s, this checkout {this:.1f} s: {this / base:.2f} of the baseline's time")
        if all(u is not None for r in runs.values() for _, u in r):
            base_cpu = statistics.median(u for _, u in runs["baseline"])
            this_cpu = statistics.median(u for _, u in runs["this checkout"])
            print(f"median busy core-seconds: baseline {base_cpu:.0f}, this checkout {this_cpu:.0f}: "
                  f"{this_cpu / base_cpu:.2f} of the baseline's")
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(baseline)], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
