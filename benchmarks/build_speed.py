#!/usr/bin/env python3
"""Build speed at a council's scale, measured in one run, as ratios against a plain MkDocs build of the same pages.

A copy of the project gets N generated place packs beside the three examples (each a copy of an example under
another place's name). For the examples alone and then with the N packs, it times:

  plain      MkDocs build of the same pages with no PDFs (IWE_PDF=0): what the site engine itself costs
  cold       the full build with an empty cache
  no-change  the same build again
  edited     after changing one place's pack (its attendees)
  added      after adding one more place's pack

and prints each in seconds and as a ratio to plain, the cost of each place (the difference between the two
sizes, divided by N), and each kind of build worked out for 400 places. CPU seconds (this process's children)
are printed beside wall seconds: the machine's speed drifts, the work done does not.

Plain is the median of three builds (with a cache of its own, as a pages-only build keeps). Then, in each of three
rounds, a plain build is followed by a no-change build ("paired: no-change × plain"), and a no-change build by an edit
(a different one each round), and another by an addition (another place each round): edited and added are the
medians of their three, no-change of its six, and "× no-change" is the median of each round's ratio to the
no-change build just before it, so a drift in the machine's speed between rounds does not count.

Run: .venv/bin/python benchmarks/build_speed.py [--packs 30]   (a script, not a test: nothing fails on time)
"""

from __future__ import annotations

import argparse
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
EXAMPLES = ["kingston-upon-hull", "north-yorkshire", "ynys-mon"]
KINDS = ["plain", "cold", "no-change", "edited", "added"]
ROUNDS = 3


def timed_build(project: Path, cache: Path, **env) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `mkdocs build --strict` of ``project``."""
    run_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", IWE_PACK_CACHE=str(cache), SOURCE_DATE_EPOCH="1767225600",
                   **env)
    before = os.times()
    start = time.perf_counter()
    subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q", "-f", str(project / "mkdocs.yml")],
                   cwd=project, env=run_env, check=True)
    wall = time.perf_counter() - start
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def make_pack(project: Path, number: int) -> Path:
    """A place's pack: an example's, under the name 'Benchmark place <number>'."""
    example = EXAMPLES[number % len(EXAMPLES)]
    text = (project / "packs" / f"{example}.yml").read_text(encoding="utf-8")
    text = re.sub(r"^place: .*$", f"place: Benchmark place {number}", text, count=1, flags=re.M)
    path = project / "packs" / f"benchmark-place-{number}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def measure(work: Path, extra: int) -> dict:
    project = work / f"project-{extra}"
    project.mkdir()
    for name in COPY:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    for number in range(1, extra + 1):
        make_pack(project, number)
    cache = work / f"cache-{extra}"
    plain_cache = work / f"cache-plain-{extra}"  # its own: a pages-only build's converted pages are not a full build's
    out: dict = {"plain": median([timed_build(project, plain_cache, IWE_PDF="0") for _ in range(3)])}
    out["cold"] = timed_build(project, cache)
    edited = project / "packs" / f"{EXAMPLES[0]}.yml"
    text = edited.read_text(encoding="utf-8")
    runs: dict[str, list[tuple[float, float]]] = {"no-change": [], "edited": [], "added": []}
    ratios: dict[str, list[float]] = {"edited": [], "added": [], "plain": []}
    for round_ in range(1, ROUNDS + 1):
        plain = timed_build(project, plain_cache, IWE_PDF="0")  # no change against plain, back to back
        ratios["plain"].append(timed_build(project, cache)[0] / plain[0])
        for kind in ("edited", "added"):
            before = timed_build(project, cache)
            if kind == "edited":  # a new number of attendees each round: print-offs the cache has never seen
                edited.write_text(re.sub(r"^attendees: (\d+)", lambda m, more=round_: f"attendees: {int(m.group(1)) + more}",
                                         text, count=1, flags=re.M), encoding="utf-8")
            else:
                make_pack(project, extra + round_)
            after = timed_build(project, cache)
            runs["no-change"].append(before)
            runs[kind].append(after)
            ratios[kind].append(after[0] / before[0])
    out.update({kind: median(found) for kind, found in runs.items()})
    out["ratios"] = {kind: statistics.median(found) for kind, found in ratios.items()}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packs", type=int, default=30, help="place packs to generate beside the examples")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="iwe-bench-"))
    try:
        small = measure(work, 0)
        large = measure(work, args.packs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    n_small, n_large = len(EXAMPLES), len(EXAMPLES) + args.packs
    print(f"Builds of {n_small} and {n_large} place packs, on {os.cpu_count()} cores "
          f"(wall seconds, CPU seconds, wall / plain)")
    print(f"{'build':<11}{n_small:>6} packs{'':>12}{n_large:>6} packs{'':>12}{'per pack':>10}{'at 400 packs':>14}")
    for kind in KINDS:
        (ws, cs), (wl, cl) = small[kind], large[kind]
        per = (wl - ws) / args.packs
        at_400 = wl + per * (400 - n_large)
        print(f"{kind:<11}{ws:>8.1f} s {cs:>6.1f} cpu {ws / small['plain'][0]:>4.2f}x"
              f"{wl:>8.1f} s {cl:>6.1f} cpu {wl / large['plain'][0]:>4.2f}x{per:>9.2f} s{at_400 / 60:>10.1f} min")
    nc, paired = large["no-change"][0], large["ratios"]
    print(f"\nWith {n_large} packs: no-change {nc / large['plain'][0]:.2f}x plain; edited "
          f"{paired['edited']:.2f}x no-change; added {paired['added']:.2f}x no-change "
          f"(medians of {ROUNDS} rounds, each against the no-change build just before it)")
    print(f"Paired: no-change {paired['plain']:.2f}x plain (median of {ROUNDS} rounds, each a plain build and a "
          f"no-change build back to back)")


if __name__ == "__main__":
    main()
