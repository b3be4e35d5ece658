"""The ``iwe-pack`` command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import SourceErrors
from .load import load_workshop
from .model import Workshop


def find_root(start: Path) -> Path:
    """The project folder: the nearest folder at or above ``start`` with content/workshop.yml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "content" / "workshop.yml").is_file():
            return folder
    return start


def running_order(w: Workshop) -> str:
    width = max(len(s.title) for s in w.sections) + 2
    lines = [f"Running order: {w.title}", ""]
    lines.append(f"  #  {'Section':<{width}}{'Minutes':>8}  Format")
    for s in w.sections:
        lines.append(f"  {s.number:<2} {s.title:<{width}}{str(s.minutes):>8}  {s.format_label}")
    lines.append(f"     {'Total':<{width}}{str(w.total):>8}  (budget {w.budget.session} minutes)")
    lines.append("")
    lines.append(f"Pre-work: {w.prework_total} minutes in {len(w.prework)} items (budget {w.budget.prework} minutes)")
    return "\n".join(lines)


def cmd_check(args) -> int:
    root = find_root(Path(args.root))
    w = load_workshop(root)
    print(running_order(w))
    print(f"\nOK: {len(w.sections)} sections, {len(w.handouts)} handouts and the timings are valid.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="iwe-pack", description="Check and build the wellbeing workshop pack.")
    parser.add_argument("--version", action="version", version=f"iwe-pack {__version__}")
    parser.add_argument("--root", default=".", help="the project folder (default: the one holding content/workshop.yml, from here up)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("check", help="validate every source and print the running order with its timings")
    p.set_defaults(func=cmd_check)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except SourceErrors as exc:
        print(f"iwe-pack: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
