"""The ``iwe-pack`` command: check the sources and packs, start a new pack."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from importlib import metadata
from pathlib import Path
from string import Template

from ..diagnostics.catalogue import guide_table
from ..diagnostics.formats import for_github
from ..diagnostics.problems import Diagnostic, SourceErrors
from ..load.loader import load_project, load_workshop
from ..model.plan import Plan, default_minutes
from ..model.workshop import Workshop
from ..outputs.site_build import validate
from ..sources.layout import PACKS
from ..sources.packs import MAX_PLACE_SLUG, PackDate, safe_file_slug, slugify
from ..sources.settings import Settings
from ..sources.typed_yaml import Invalid


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


def agenda(plan: Plan) -> str:
    p = plan.pack
    where = f"online on {p.platform}" if p.format == "virtual" else p.venue
    width = max(len(i.title) for i in plan.agenda) + 4
    lines = [f"{p.place}: {p.date.long}, {plan.start} to {plan.finish}, {where}",
             f"{p.attendees} attendees, {len(p.groups)} groups, {len(p.facilitators)} facilitators", ""]
    for item in plan.agenda:
        lines.append(f"  {item.clock}–{item.clock_end}  {item.title:<{width}}{item.minutes:>4} min")
    lines.append(f"  {plan.finish}        {'Finish':<{width}}{plan.total:>4} min in all")
    if plan.advice:
        lines += ["", "Advice:"] + [f"  - {a.message}" for a in plan.advice] + [f"  - {c}" for c in plan.cuts]
    else:
        lines += ["", "Advice: none; the plan fits the people coming."]
    return "\n".join(lines)


def cmd_check(args) -> int:
    root = find_root(Path(args.root))
    settings = Settings.from_environment()
    paths = [Path(name) for name in args.packs]
    for path in paths:
        if not path.is_file():
            print(f"iwe-pack: {path}: file not found", file=sys.stderr)
            return 1
    if args.release and not settings.accessibility_contact:  # before the slower checks: the release stops here
        raise SourceErrors([Diagnostic("settings.no-accessibility-contact", "the environment")])
    project, _ = validate(root, settings, extra_packs=paths)
    w = project.workshop
    if paths:
        chosen = [p for p in project.plans if p.source in {path.resolve() for path in paths}]
        print("\n\n".join(agenda(plan) for plan in chosen))
        return 0
    print(running_order(w))
    plans = project.plans
    print(f"\nPlace packs ({len(plans)}):")
    for plan in plans:
        advice = f"{len(plan.advice)} piece{'s' if len(plan.advice) != 1 else ''} of advice"
        print(f"  {PACKS}/{plan.slug}.yml: {plan.pack.place}, {plan.pack.date}, {plan.start}–{plan.finish}, {advice}")
    print(f"\nOK: {len(w.sections)} sections, {len(w.handouts)} handouts, {len(w.matrix.principles)} matrix "
          f"principles and {len(plans)} place packs are valid.")
    return 0


def cmd_new(args) -> int:
    root = find_root(Path(args.root))
    w = load_workshop(root)
    place = " ".join(args.place.split())
    if not place:
        print("iwe-pack: give the place's name, for example: iwe-pack new \"Kingston upon Hull\"", file=sys.stderr)
        return 1
    if args.date:
        try:
            PackDate.parse(args.date)
        except Invalid as exc:
            problem = Diagnostic(exc.code, "--date", found=repr(args.date), details=exc.details)
            print(f"iwe-pack: {problem}", file=sys.stderr)
            return 1
    slug = slugify(place)
    if len(slug) > MAX_PLACE_SLUG:
        problem = Diagnostic("pack.name-too-long", "the place", found=str(len(slug)), allowed=str(MAX_PLACE_SLUG),
                             details={"what": "place", "example": slug[:24]})
        print(f"iwe-pack: {problem}", file=sys.stderr)
        return 1
    if slug == "index":
        slug = "index-place"
    safe = safe_file_slug(slug)
    if safe != slug:
        print(f"iwe-pack: '{slug}' cannot be a file name on Windows, so the pack is called '{safe}'.")
        slug = safe
    path = root / PACKS / f"{slug}.yml"
    date = args.date or (dt.date.today() + dt.timedelta(weeks=8)).isoformat()
    minutes = "".join(
        f"  {s.id}: {default_minutes(s)}{' ' * (18 - len(s.id))}# {s.minutes.min} to {s.minutes.max}\n"
        for s in w.sections
    )
    template = Template((Path(__file__).with_name("new-pack.yml.tmpl")).read_text(encoding="utf-8"))
    text = template.substitute(place=place, place_yaml=json.dumps(place, ensure_ascii=False),
                               slug=slug, date=date, minutes=minutes)
    path.parent.mkdir(exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as f:  # never overwrite an existing pack
            f.write(text)
    except FileExistsError:
        print(f"iwe-pack: {path.relative_to(root)} already exists; it was not changed. "
              f"Edit it, or choose another name.", file=sys.stderr)
        return 1
    print(f"Created {path.relative_to(root)}. Fill it in, then run: iwe-pack check {path.relative_to(root)}")
    return 0


def cmd_cards(args) -> int:
    from ..outputs.pdf import render_pdf
    from ..sources import statements_csv as cards_mod
    from ..views.templates import render

    root = find_root(Path(args.root))
    project = load_project(root, Settings.from_environment())
    w = project.workshop
    found = cards_mod.read(Path(args.csv))
    out = Path(args.output or Path(args.csv).with_suffix(".pdf"))
    if out.resolve() == Path(args.csv).resolve() or out.is_dir() or out.suffix.lower() != ".pdf":
        print(f"iwe-pack: {out}: the output must be a new .pdf file, not the CSV or a folder", file=sys.stderr)
        return 1
    if not out.parent.is_dir():
        print(f"iwe-pack: {out}: the folder {out.parent} does not exist", file=sys.stderr)
        return 1
    title = args.title or f"Statement cards from {Path(args.csv).name}"
    html = render(project.templates, "print/cards.html", title=title, cards=found, paper="a4-portrait",
                  stamp=f"{title} · Pack version {w.version}", version=w.version, created=None, p=None)
    try:
        problems = render_pdf(html, str(root), str(out), "cards")
    except OSError as exc:
        problems = [f"cannot write {out} ({exc.strerror or exc})"]
    if problems:
        print("iwe-pack: could not make the cards: " + "; ".join(problems), file=sys.stderr)
        return 1
    counts = {t: sum(1 for c in found if c.type == t) for t in cards_mod.TYPES}
    summary = ", ".join(f"{n} {cards_mod.TYPES[t]}" for t, n in counts.items() if n)
    print(f"Wrote {out}: {len(found)} cards ({summary}).")
    for card in found:
        if card.too_long:
            print(f"  row {card.row}: {len(card.text)} characters, more than {cards_mod.ONLINE_LIMIT}: it may not fit "
                  f"a note on an online board; shorten it for a virtual workshop.")
    return 0


def cmd_shards(args) -> int:
    """The place packs split into N shards, one line each (names separated by spaces), for builds in parallel:
    each shard's build (`make build PACKS="..."`) fills a cache of PDFs, decks and zips; a last build over the
    caches put together renders nothing and makes the site a single build would (the release workflow)."""
    from ..load.loader import pack_files

    if args.count < 1:
        print("iwe-pack: the number of shards must be 1 or more", file=sys.stderr)
        return 1
    names = [p.stem for p in pack_files(find_root(Path(args.root)))]
    for i in range(args.count):
        print(" ".join(names[i::args.count]))
    return 0


def cmd_messages(args) -> int:
    print(guide_table(), end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="iwe-pack", description="Check and build the wellbeing workshop pack.")
    parser.add_argument("--version", action="version", version=f"iwe-pack {metadata.version('iwe-pack')}")
    parser.add_argument("--root", default=".",
                        help="the project folder (default: the one holding content/workshop.yml, from here up)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="how to report problems: text (default), or github to also print GitHub Actions "
                             "annotations, which show each problem on its file and line in a pull request")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("check", help="validate the sources and packs; print the running order, or a pack's agenda")
    p.add_argument("packs", nargs="*", metavar="PACK", help="pack files to check and show (default: all, briefly)")
    p.add_argument("--release", action="store_true",
                   help="also check what a published release needs: the accessibility statement's contact "
                        "(IWE_ACCESSIBILITY_EMAIL or IWE_ACCESSIBILITY_PHONE)")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("new", help="start a pack for a place: writes packs/<place>.yml (never overwrites)")
    p.add_argument("place", help='the place name, e.g. "Kingston upon Hull"')
    p.add_argument("--date", help="the workshop date, YYYY-MM-DD (default: eight weeks from today)")
    p.set_defaults(func=cmd_new)
    p = sub.add_parser("cards", help="turn collected statements (CSV: text,type,code) into cut-up card sheets (PDF)")
    p.add_argument("csv", help="the statements: columns text, type (working-well, not-working-well, "
                               "important-for-the-future) and optional code (a to h)")
    p.add_argument("-o", "--output", help="the PDF to write (default: beside the CSV, with .pdf)")
    p.add_argument("--title", help="the title printed on the sheets")
    p.set_defaults(func=cmd_cards)
    p = sub.add_parser("shards", help="split the place packs into N groups, one line each, to build in parallel")
    p.add_argument("count", type=int, help="how many shards")
    p.set_defaults(func=cmd_shards)
    p = sub.add_parser("messages", help="list every message the checks can give, with what to do (Markdown)")
    p.set_defaults(func=cmd_messages)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except SourceErrors as exc:
        print(f"iwe-pack: {exc}", file=sys.stderr)
        if args.format == "github":
            print(for_github(exc))
        return 1
    except BrokenPipeError:  # the output was piped into a program that stopped reading (such as head)
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
