"""Print-offs: the PDFs a build writes, read with poppler as a person's tools read them."""

from __future__ import annotations

import hashlib
import html
import http.server
import os
import re
import signal
import subprocess
import threading
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import BIN, ROOT, assert_clean_failure, strip_ansi
from pdfutil import fonts, info, needs_poppler, pages, poppler, text

pytestmark = needs_poppler

VERSION = yaml.safe_load((ROOT / "content/workshop.yml").read_text())["version"]
PACKS = {p.stem: yaml.safe_load(p.read_text()) for p in (ROOT / "packs").glob("*.yml")}
HANDOUTS = yaml.safe_load((ROOT / "content/handouts.yml").read_text())["handouts"]


def pdfs(site: Path, folder: str) -> list[Path]:
    found = sorted((site / "downloads" / folder).glob("*.pdf"))
    assert found, folder
    return found


@pytest.mark.parametrize("folder", ["generic", *sorted(PACKS)])
def test_every_pdf_is_a4_or_a3_tagged_titled_with_fonts_embedded(built, folder):
    site = built.path / "site"
    names = {p.name for p in pdfs(site, folder)}
    stem = "iwe-workshop" if folder == "generic" else folder
    assert f"{stem}-facilitator-pack.pdf" in names
    from iwe_pack import load_packs, load_workshop

    plan = next((p for p in load_packs(built.path, load_workshop(built.path)) if p.slug == folder), None)
    for h in HANDOUTS:
        # a place's PDFs: not the sheets that are not about one day, nor a brief for table hosts it does not have
        if plan and (h.get("in_place_packs") is False or (h["copies"] == "per-table-host" and not plan.hosts)):
            assert not any(n.startswith(f"{stem}-{h['id']}") for n in names), h["id"]
            continue
        assert any(n.startswith(f"{stem}-{h['id']}") for n in names), h["id"]
    for pdf in pdfs(site, folder):
        meta = info(pdf)
        if pdf.name.endswith("-slides.pdf"):  # the slide deck: 16:9, tested with the slides
            width, height = map(float, re.findall(r"[\d.]+", meta["Page size"])[:2])
            assert abs(width / height - 16 / 9) < 0.01
        else:  # a print run is on the paper it is named after
            paper = "A3 landscape" if pdf.stem.endswith("-print-run-a3") else "A4 portrait" if "-print-run-" in \
                pdf.stem else next((h.get("paper", "A4 portrait") for h in sorted(HANDOUTS, key=lambda h: -len(h["id"]))
                                    if pdf.stem.endswith(h["id"]) or f"-{h['id']}-" in pdf.stem), "A4 portrait")
            width, height = map(float, re.findall(r"[\d.]+", meta["Page size"])[:2])
            assert meta["Page size"].endswith(f"({paper.split()[0]})"), (pdf.name, meta["Page size"], paper)
            assert (width > height) == paper.endswith("landscape"), (pdf.name, paper)
        assert meta["Tagged"] == "yes", pdf.name
        assert meta.get("Title"), pdf.name
        used = fonts(pdf)
        assert used and all(f["emb"] == "yes" for f in used), (pdf.name, used)
        assert all(f["name"].split("+")[-1].replace("-", "").startswith("AtkinsonHyperlegibleNext") for f in used), used


@pytest.mark.parametrize("slug", sorted(PACKS))
def test_place_and_version_on_every_page_of_every_place_pdf(built, slug):
    place = PACKS[slug]["place"]
    for pdf in pdfs(built.path / "site", slug):
        run = "-print-run-" in pdf.name  # print-offs one after another: each page numbered in its own print-off
        for n in range(1, pages(pdf) + 1):
            page = " ".join(text(pdf, n).split())
            assert place in page, (pdf.name, n)
            assert f"Pack version {VERSION}" in page, (pdf.name, n)
            if run:
                assert re.search(r"Page \d+ of \d+|Print room sheet: not for handing out", page), (pdf.name, n)
            else:
                assert f"Page {n} of {pages(pdf)}" in page


def test_generic_pack_has_write_in_lines_not_a_place(built):
    agenda = " ".join(text(built.path / "site/downloads/generic/iwe-workshop-attendee-agenda.pdf").split())
    assert "Place: ____" in agenda and "Date: ____" in agenda
    for place in (p["place"] for p in PACKS.values()):
        assert place not in agenda


def test_facilitator_pack_has_cover_agenda_advice_notes_and_print_list(built):
    pdf = built.path / "site/downloads/kingston-upon-hull/kingston-upon-hull-facilitator-pack.pdf"
    body = " ".join(text(pdf).split())
    pack = PACKS["kingston-upon-hull"]
    assert body.index("Facilitator pack") < body.index(pack["place"]) < body.index("Agenda")
    assert "09:30–09:45 Introductions and context setting 15" in body
    assert "Does the plan fit? Yes: every step has the time it needs for 36 people in 5 groups" in body
    # every step of every section, with the clock time it starts
    from iwe_pack import load_packs, load_workshop

    plan = next(p for p in load_packs(built.path, load_workshop(built.path)) if p.slug == "kingston-upon-hull")
    steps = [step for item in plan.agenda for step in item.steps]
    assert len(steps) > 15
    for step in steps:  # in the steps table: the start time, then the step's name (which may wrap in its cell)
        assert re.search(re.escape(step.clock) + r"\s+" + re.escape(step.title.split()[0]), body), step.title
    assert "What to print" in body and "Room set-up checklist" in body
    sections = yaml.safe_load((ROOT / "content/workshop.yml").read_text())["sections"]
    positions = [body.index(f"{i}. {s['title']}") for i, s in enumerate(sections, start=1)]
    assert positions == sorted(positions)
    assert "Step by step" in body


@pytest.mark.parametrize("slug", sorted(PACKS))
def test_facilitator_pack_names_each_group_and_every_reference_can_be_followed_on_paper(built, slug):
    """The one document a facilitator carries: every group with its facilitator and principles, and no "See …"
    that points at a page the PDF lacks: a reference is a page of this PDF that holds it, or a printed address."""
    from iwe_pack import load_packs, load_workshop

    pdf = built.path / f"site/downloads/{slug}/{slug}-facilitator-pack.pdf"
    body = " ".join(poppler("pdftotext", str(pdf), "-").split())  # in reading order: a table's cells one by one
    plan = next(p for p in load_packs(built.path, load_workshop(built.path)) if p.slug == slug)
    groups = body[body.index("Groups and the matrix"):body.index("What to print")]
    for g in plan.pack.groups:
        who = g.facilitator or ("a table host from the group" if g.name in plan.hosts else "roaming facilitator")
        assert g.name in groups and who in groups
        for principle in (plan.allocation[g.name] if plan.shared else []):
            assert " ".join(principle.title.split()[:3]) in groups, (g.name, principle.title)
    refs = re.findall(r"See ([^.()]{2,60}?)(\.|\()", body)
    assert refs, "the notes refer to other pages"
    bare = [what for what, after in refs if after == "."]
    assert not bare, f"references to pages the PDF lacks, with no address: {bare}"
    assert "(on the pack's website: reference/sources/)" in body
    n = pages(pdf)
    plan_sections = load_workshop(built.path).sections
    found = re.findall(r"([A-Za-z ]{3,40}) \(page (\d+)\)", body)
    assert found, "a reference to a section of this pack has its page"
    for what, page in found:
        assert 1 <= int(page) <= n
        on_page = " ".join(text(pdf, int(page)).split()).lower()
        named = {w for w in what.lower().split() if len(w) > 4}
        # the page holds the section the reference names: its heading, with a word of the reference
        targets = [(f"{i}. {s.title}", s.title) for i, s in enumerate(plan_sections, start=1)]
        targets.append(("Agenda", "running order agenda"))  # the running order is the agenda at the front
        assert any(heading.lower() in on_page and named & set(words.lower().split())
                   for heading, words in targets), (what, page)


def test_check_in_cards_have_cut_lines_and_large_text(built):
    pdf = built.path / "site/downloads/generic/iwe-workshop-check-in-card.pdf"
    assert pages(pdf) == 1
    assert " ".join(text(pdf).split()).count("What led to that feeling?") == 6


def test_zip_holds_what_is_printed_for_the_day_and_nothing_else(built):
    """A place's zip: its print runs, the facilitator pack and each print-off of its print list (per group files
    too); the record of the day, the slides, the letters and sheets no step uses are beside it, not in it."""
    site = built.path / "site/downloads"
    for slug in PACKS:
        with zipfile.ZipFile(site / f"{slug}-pack-v{VERSION}.zip") as z:
            assert z.testzip() is None
            names = set(z.namelist())
        on_page = built.page(f"packs/{slug}.html")
        listed = on_page[on_page.index('id="what-to-print"'):on_page.index('id="letters-for-the-day"')]
        assert f"{slug}-print-run-a4.pdf" in names and f"{slug}-facilitator-pack.pdf" in names
        for h in HANDOUTS:
            printed = html.escape(h["title"], quote=False) in listed  # in the table, or sent as a PDF
            files = {n for n in names if n == f"{slug}-{h['id']}.pdf" or n.startswith(f"{slug}-{h['id']}-")
                     and not n.startswith(f"{slug}-{h['id']}-reference")}
            assert bool(files) == printed, (slug, h["id"], files)
        for beside in ("record-of-the-day.pdf", "slides.pdf", "slides-handout.pdf", "slides.pptx",
                       "joining-instructions.txt", "follow-up.txt", "investment-grid.pdf"):
            assert f"{slug}-{beside}" not in names, (slug, beside)
            assert (site / slug / f"{slug}-{beside}").is_file() or beside.endswith(".txt") or \
                beside == "record-of-the-day.pdf", (slug, beside)  # still on the place's page
        assert not any(n.endswith("-sheets.pdf") for n in names)
    kit = {f"iwe-workshop-{h['id']}.pdf" for h in HANDOUTS if h.get("group") == "wtfc"}
    with zipfile.ZipFile(site / f"iwe-workshop-pack-v{VERSION}.zip") as z:
        names = set(z.namelist())
    assert {"iwe-workshop-print-run-a4.pdf", "iwe-workshop-print-run-a3.pdf", "iwe-workshop-facilitator-pack.pdf",
            "iwe-workshop-maturity-matrix.pdf", "iwe-workshop-maturity-matrix-reference.pdf"} <= names
    assert not names & (kit | {"iwe-workshop-slides.pdf", "iwe-workshop-slides.pptx"})
    # the Working Together for Change printouts are an optional kit, in a zip of their own
    with zipfile.ZipFile(site / f"wtfc-kit-v{VERSION}.zip") as z:
        assert set(z.namelist()) == kit and len(kit) == 12


def test_every_print_off_has_a_page_and_the_pack_page_links_its_downloads(built):
    for h in HANDOUTS:
        page = built.page(f"print-offs/{h['id']}.html")
        assert h["title"] in page
        assert re.search(r'href="\.\./downloads/generic/iwe-workshop-' + h["id"], page), h["id"]
    pack_page = built.page("packs/kingston-upon-hull.html")
    links = re.findall(r'href="(\.\./downloads/[^"]+)"', pack_page)
    assert len(links) >= len([h for h in HANDOUTS if h.get("in_place_packs", True)]) + 2
    for link in links:
        assert (built.path / "site/packs" / link).resolve().is_file(), link


def _fresh_build(project, cache: Path, **env) -> subprocess.CompletedProcess:
    result = project.build(IWE_PACK_CACHE=str(cache), **env)
    assert result.returncode == 0, result.stderr
    return result


def rendered(result) -> int:
    """How many PDFs a build rendered (not taken from the cache), from what it logged."""
    return len(re.findall(r"Print-offs: \d+/\d+ rendered", getattr(result, "log", None) or result.stderr))


def test_cache_renders_only_what_changed(project, rebuilt, built):
    """``rebuilt`` rendered every PDF into an empty cache; a build of the same sources from it renders none,
    and after one pack changes, only that pack's. What else the cache keeps for later builds (compiled
    templates, the slides' font) is made again where damaged, and the build comes out the same."""
    from iwe_pack.outputs.atomic import Shelf

    total = rendered(rebuilt)
    assert total >= 40
    cache = rebuilt.cache
    kept = sorted((cache / "templates").iterdir()) + sorted((cache / "fonts").iterdir())
    assert len(kept) > 20 and [p.suffix for p in kept].count(".ttf") == 2
    for path in kept:  # cut short, as by a full disk or a copy that stopped
        path.write_bytes(path.read_bytes()[:-100])
    first = _fresh_build(project, cache)
    assert rendered(first) == 0  # no change, nothing rendered
    # what this build read (the theme's templates and the font; the project's own templates are kept by where
    # they are, which differs from rebuilt's) was refused and made again, whole
    remade = [path for path in kept if Shelf(path.parent).get(path.name) is not None]
    assert len(remade) > 20 and [p.suffix for p in remade].count(".ttf") == 2
    for pptx in (built.path / "site/downloads").rglob("*.pptx"):
        assert project.file(f"site/downloads/{pptx.relative_to(built.path / 'site/downloads')}").read_bytes() \
            == pptx.read_bytes(), pptx.name
    project.replace("packs/ynys-mon.yml", "attendees: 10", "attendees: 11")
    again = _fresh_build(project, cache)
    names = re.findall(r"rendered \(([^)]+)\)", again.stderr)
    assert names and all(n.startswith("ynys-mon-") for n in names), names
    assert len(names) < total / 3


def test_the_cache_key_covers_the_stylesheets_print_css_imports_and_nothing_else(project):
    """A PDF is rendered again when anything it is drawn with changes: fonts.css (imported by print.css from the
    site's stylesheets) included; a change to the site's own stylesheet renders nothing again."""
    from iwe_pack.checks.styles import print_digest, print_files

    first = print_digest(project.path)
    assert project.file("overrides/assets/stylesheets/fonts.css").resolve() in print_files(project.path)
    project.write("overrides/assets/stylesheets/site.css", project.read("overrides/assets/stylesheets/site.css")
                  + "\n.unused { color: red; }\n")
    assert print_digest(project.path) == first
    project.write("overrides/assets/stylesheets/fonts.css", project.read("overrides/assets/stylesheets/fonts.css")
                  + "\n/* a change */\n")
    assert print_digest(project.path) != first


def test_a_print_style_weasyprint_would_ignore_is_named_and_only_clean_styles_are_not_read_again(project, tmp_path,
                                                                                                  monkeypatch):
    """The check reads the print stylesheets as WeasyPrint will and names what it would ignore. Stylesheets it has
    read clean are not read again, in this process or (through the cache folder) in the next, which then does not
    load WeasyPrint at all; any change to them, and only that, has them read again."""
    import weasyprint

    from iwe_pack.diagnostics.catalogue import CATALOGUE

    read = []
    parse = weasyprint.CSS
    monkeypatch.setattr(weasyprint, "CSS", lambda *a, **k: read.append(k.get("base_url")) or parse(*a, **k))
    assert project.check().returncode == 0
    clean = read[:]
    assert project.check().returncode == 0 and read == clean  # remembered
    project.replace("overrides/print/print.css", "html {", "html {\n  colour: navy;")
    line = project.line_of("overrides/print/print.css", "colour: navy")
    assert_clean_failure(project.check(), f"overrides/print/print.css, line {line}: Ignored `colour: navy`, unknown "
                         f"property; {CATALOGUE['css.ignored'].text.split('; ', 1)[1]}")
    assert len(read) > len(clean)
    for _ in range(2):  # a failure is never remembered
        before = len(read)
        assert project.check().returncode != 0 and len(read) > before
    project.replace("overrides/print/print.css", "html {\n  colour: navy;", "html {")
    assert project.check().returncode == 0
    # a later process: the cache folder the check used remembers the clean stylesheets
    from conftest import SHARED_CACHE as cache

    code = ("import sys; from iwe_pack.commands.cli import main; "
            f"code = main(['--root', {str(project.path)!r}, 'check']); print(code, 'weasyprint' in sys.modules)")
    ran = subprocess.run([str(BIN / "python"), "-c", code], capture_output=True, text=True,
                         env=dict(os.environ, IWE_PACK_CACHE=str(cache)))
    assert ran.stdout.split()[-2:] == ["0", "False"], ran.stdout + ran.stderr
    ran = subprocess.run([str(BIN / "python"), "-c", code], capture_output=True, text=True,
                         env=dict(os.environ, IWE_PACK_CACHE=str(tmp_path / "empty")))
    assert ran.stdout.split()[-2:] == ["0", "True"], ran.stdout + ran.stderr


def test_print_css_is_the_only_stylesheet_of_the_print_offs():
    """Each PDF is drawn with print.css parsed once per process and given to WeasyPrint as its stylesheet
    (outputs/pdf.py), which makes it a "user" stylesheet. That draws the same as before only while no print
    template brings a stylesheet of its own and print.css (with what it imports) says nothing is !important."""
    from iwe_pack.checks.styles import print_files

    files = print_files(ROOT)
    templates = [p for p in files if p.suffix == ".html"]
    styles = [p for p in files if p.suffix == ".css"]
    assert len(templates) > 10 and {p.name for p in styles} == {"print.css", "fonts.css"}
    for path in templates:
        assert not re.search(r"<style\b|<link\b[^>]*stylesheet", path.read_text(encoding="utf-8"), re.I), path
    for path in styles:
        assert "!important" not in path.read_text(encoding="utf-8").replace(" ", "").lower(), path


def test_rendering_leaves_no_temporary_folder_behind(tmp_path, monkeypatch):
    """WeasyPrint copies the print fonts into a temporary folder; each process that rendered removes it as it
    ends: the build's worker processes, and a command that renders in its own process (``iwe-pack cards``)."""
    import tempfile

    from iwe_pack.load.loader import load_project
    from iwe_pack.outputs.pdf import render_all
    from iwe_pack.views.whole_site import render_site

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # the worker processes start from this one
    generic = render_site(load_project(ROOT)).jobs[None]  # the print-offs of the pack for any place
    jobs = sorted(generic, key=lambda j: len(j.html))[:2]  # its two smallest
    done = render_all(jobs, ROOT, tmp_path / "cache", workers=2)
    assert len(done) == 2 and all(p.read_bytes().startswith(b"%PDF") for p in done.values())
    assert sorted(scratch.iterdir()) == []

    src = tmp_path / "statements.csv"
    src.write_text("text,type\nI can get to the GP by bus now.,working-well\n", encoding="utf-8")
    result = subprocess.run([str(BIN / "iwe-pack"), "--root", str(ROOT), "cards", str(src), "-o",
                             str(tmp_path / "cards.pdf")], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "TMPDIR": str(scratch)}, timeout=300)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert (tmp_path / "cards.pdf").is_file() and sorted(scratch.iterdir()) == []


def test_same_source_date_epoch_gives_identical_pdfs_and_zips(built, rebuilt):
    """Two builds of the same sources, each from an empty cache, make the same bytes; the date is the one given."""
    def digest_tree(site: Path) -> dict[str, str]:
        return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted((site / "downloads").rglob("*")) if p.is_file()}

    first = digest_tree(built.path / "site")
    assert len(first) > 100
    assert digest_tree(rebuilt.path / "site") == first
    pdf = built.path / "site/downloads/generic/iwe-workshop-two-loops.pdf"
    assert info(pdf)["CreationDate"].startswith("Thu Jan  1 00:00:00 2026")


class Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        Recorder.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"x")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    Recorder.hits = []
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.mark.parametrize("ref", ["file:///etc/passwd", "http://169.254.169.254/latest/meta-data/", "../../outside.png",
                                 "SERVER/track.png"])
def test_sources_that_reach_outside_fail_and_fetch_nothing(project, server, ref):
    ref = ref.replace("SERVER", server)
    notes = "content/sections/vision.md"
    project.replace(notes, "\n## ", f"\n![A chart]({ref})\n\n## ")
    line = project.line_of(notes, ref)
    for result in (project.check(), project.build_here(IWE_PDF="1")):
        out = strip_ansi(result.stdout + result.stderr)
        assert result.returncode != 0 and "Traceback" not in out
        assert f"{notes}, line {line}: found " in out and repr(ref) in out, out
        assert "allowed: an image file inside content/" in out
    assert Recorder.hits == []
    assert not (project.path / "site/downloads").exists()


@pytest.mark.parametrize("ref", ["file:///etc/passwd", "SERVER/style.css"])
def test_print_stylesheet_that_reaches_outside_fails_and_fetches_nothing(project, server, ref, tmp_path):
    ref = ref.replace("SERVER", server)
    first = project.read("overrides/print/print.css").split("\n@import", 1)[1].split("\n", 1)[0]
    project.replace("overrides/print/print.css", f"\n@import{first}", f"\n@import{first}\n@import \"{ref}\";")
    line = project.line_of("overrides/print/print.css", ref)
    assert_clean_failure(project.check(), f"overrides/print/print.css, line {line}: found {ref!r}",
                         "only files inside the project and data: URLs may be used")
    assert Recorder.hits == []


def test_a_missing_image_fails_the_build_naming_the_file(project):
    project.replace("overrides/print/print.css", "html {", 'body { background: url("missing.png"); }\nhtml {')
    line = project.line_of("overrides/print/print.css", "missing.png")
    assert_clean_failure(project.check(), f"overrides/print/print.css, line {line}: found 'missing.png'",
                         "no such file in the project")


def test_mkdocs_serve_does_not_wait_for_pdfs(project, built):
    """The preview is up before the PDFs are rendered; they arrive in the background.

    The shared cache holds every shipped PDF (``built``); one place changes, so its PDFs must render."""
    import os
    import socket
    import urllib.error
    import urllib.request

    from conftest import SHARED_CACHE, SOURCE_DATE_EPOCH

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    project.replace("packs/ynys-mon.yml", "attendees: 10", "attendees: 11")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", IWE_PACK_CACHE=str(SHARED_CACHE),
               SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--no-livereload", "-a", f"127.0.0.1:{port}",
                             "-f", str(project.path / "mkdocs.yml")], cwd=project.path, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def get(path: str) -> int:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as r:
                return r.status
        except (urllib.error.URLError, ConnectionError, OSError):
            return 0

    try:
        for _ in range(600):  # up to a minute for the pages
            if get("packs/ynys-mon.html") == 200:
                break
            time.sleep(0.1)
        else:
            pytest.fail("mkdocs serve did not serve the pages")
        # the pages did not wait for the changed place's PDFs
        assert get("downloads/ynys-mon/ynys-mon-facilitator-pack.pdf") != 200
        for _ in range(1800):  # and the PDFs arrive (up to three minutes)
            if get("downloads/ynys-mon/ynys-mon-facilitator-pack.pdf") == 200:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the facilitator pack PDF never appeared in the preview")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
