"""The small caches a build keeps beside the PDFs, each safe: what it keeps is found again only for the same input,
a changed input is worked out afresh, and a damaged cache is never trusted.

- each PDF's page count, by the PDF's name in the cache (outputs.downloads.PageCounts);
- each file's compressed bytes in a zip, by a name for its bytes (outputs.archive.write_zip with a store), and
  the offline copy made from them (outputs.downloads.write_offline_zip);
- each QR code drawn (views.qr);
- each page found to fetch nothing from elsewhere (outputs.page_checks.CleanPages);
- each page the site engine converted from Markdown (outputs.converted_pages, used by hooks/iwe.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import markdown
import pikepdf
import pytest

from conftest import ROOT
from iwe_pack.load.loader import load_project
from iwe_pack.outputs import atomic, page_checks
from iwe_pack.outputs.archive import write_zip
from iwe_pack.outputs.downloads import PageCounts, write_offline_zip
from iwe_pack.outputs.fingerprint import Fingerprints, Unknown
from iwe_pack.outputs.kept_jobs import KeptJobs
from iwe_pack.outputs.site_build import validate
from iwe_pack.sources.layout import FONTS
from iwe_pack.sources.settings import Settings
from iwe_pack.views import qr
from iwe_pack.views.whole_site import render_site

WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def pdf_of(path: Path, pages: int) -> Path:
    with pikepdf.new() as doc:
        for _ in range(pages):
            doc.add_blank_page()
        doc.save(path)
    return path


def test_a_pdfs_pages_are_counted_once_and_a_changed_pdf_is_counted_again(tmp_path):
    cache, pdfs = tmp_path / "cache", tmp_path / "pdf"
    pdfs.mkdir()
    first = pdf_of(pdfs / "aaa.pdf", 3)
    counts = PageCounts(cache)
    assert counts(first) == 3
    counts.save()
    first.unlink()  # a count kept is not read from the PDF again ...
    again = PageCounts(cache)
    assert again(pdfs / "aaa.pdf") == 3
    changed = pdf_of(pdfs / "bbb.pdf", 5)  # ... and a changed PDF (a new name in the cache) is counted from the file
    assert again(changed) == 5
    again.save()
    assert PageCounts(cache)(changed) == 5


@pytest.mark.parametrize("damage", ["{not json", '{"aaa.pdf": "three"}', '{"aaa.pdf": 0}', "[1, 2]"])
def test_a_damaged_page_count_file_is_not_trusted(tmp_path, damage):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "page-counts.json").write_text(damage)
    assert PageCounts(cache)(pdf_of(tmp_path / "aaa.pdf", 2)) == 2


CLEAN = '<html><body><img src="assets/images/logo.png" alt=""><p>Nothing from elsewhere.</p></body></html>'
FETCHES = '<html><body><img src="https://tracker.example.org/pixel.gif" alt=""></body></html>'


def test_a_page_found_clean_is_not_parsed_again_and_any_change_is(tmp_path, monkeypatch):
    parsed: list[str] = []
    real = page_checks.resources.html_resource_problems
    monkeypatch.setattr(page_checks.resources, "html_resource_problems",
                        lambda html, path: parsed.append(path) or real(html, path))
    cache = tmp_path / "cache"
    first = page_checks.CleanPages(cache)
    assert first.problems(CLEAN, "packs/hull.html") == []
    assert first.problems(FETCHES, "packs/york.html") == [("page.fetches-outside", "'https://tracker.example.org/pixel.gif'")]
    first.save()
    assert parsed == ["packs/hull.html", "packs/york.html"]
    parsed.clear()
    again = page_checks.CleanPages(cache)  # the next build
    assert again.problems(CLEAN, "packs/hull.html") == []  # kept: not parsed
    assert again.problems(FETCHES, "packs/york.html")  # a problem is never kept: found again
    assert again.problems(CLEAN, "packs/york.html") == []  # the same HTML at another path: checked
    assert again.problems(CLEAN.replace("assets/images/logo.png", "https://cdn.example.org/logo.png"), "packs/hull.html")
    assert parsed == ["packs/york.html", "packs/york.html", "packs/hull.html"]
    again.save()  # keeps what this build wrote clean, and only that
    assert page_checks.CleanPages(cache).known == again.seen and len(again.seen) == 2


def test_a_change_to_the_check_checks_every_page_again(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = page_checks.CleanPages(cache)
    first.problems(CLEAN, "index.html")
    first.save()
    monkeypatch.setattr(page_checks, "_check_digest", lambda: b"another version of the check")
    parsed: list[str] = []
    monkeypatch.setattr(page_checks.resources, "html_resource_problems", lambda html, path: parsed.append(path) or [])
    page_checks.CleanPages(cache).problems(CLEAN, "index.html")
    assert parsed == ["index.html"]


DAMAGE = {
    "its hash changed": lambda kept: kept[:31] + bytes([kept[31] ^ 1]) + kept[32:],
    "cut short": lambda kept: kept[:40],
    "grown": lambda kept: kept + b"x",
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_clean_pages_file_is_not_trusted(tmp_path, monkeypatch, damage):
    """A changed hash and a grown file leave the page's key readable: a reader that did not check the file's hash
    would trust them."""
    cache = tmp_path / "cache"
    first = page_checks.CleanPages(cache)
    first.problems(CLEAN, "index.html")
    first.save()
    (kept,) = (cache / "checks").glob(page_checks.KEY)
    kept.write_bytes(DAMAGE[damage](kept.read_bytes()))
    parsed: list[str] = []
    monkeypatch.setattr(page_checks.resources, "html_resource_problems", lambda html, path: parsed.append(path) or [])
    page_checks.CleanPages(cache).problems(CLEAN, "index.html")
    assert parsed == ["index.html"]


def members(tmp_path: Path) -> dict[str, bytes | Path]:
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(3000) + b"the same words again " * 2000)
    return {"pack/é-notes.txt": "Noted, with an accent.\n".encode() * 50, "pack/big.bin": big, "pack/empty": b""}


def test_a_zip_from_kept_compressed_bytes_is_the_zip_made_afresh(tmp_path):
    files = members(tmp_path)
    ids = {name: f"id of {name}" for name in files}
    store = tmp_path / "store"
    write_zip(tmp_path / "afresh.zip", files, WHEN)
    write_zip(tmp_path / "first.zip", files, WHEN, store=store, ids=ids)  # compressed, and the bytes kept
    kept = sorted(store.iterdir())
    assert len(kept) == 3
    write_zip(tmp_path / "second.zip", files, WHEN, store=store, ids=ids)  # from what was kept
    assert sorted(store.iterdir()) == kept
    afresh = (tmp_path / "afresh.zip").read_bytes()
    assert (tmp_path / "first.zip").read_bytes() == afresh
    assert (tmp_path / "second.zip").read_bytes() == afresh
    with zipfile.ZipFile(tmp_path / "second.zip") as z:
        assert z.testzip() is None
        assert z.read("pack/big.bin") == (tmp_path / "big.bin").read_bytes()


def test_a_changed_file_is_compressed_again_and_a_damaged_kept_one_is_not_used(tmp_path):
    files = members(tmp_path)
    ids = {name: f"id of {name}" for name in files}
    store = tmp_path / "store"
    write_zip(tmp_path / "first.zip", files, WHEN, store=store, ids=ids)
    files["pack/é-notes.txt"] = b"Changed words.\n"
    ids["pack/é-notes.txt"] = "a new id"
    for kept in store.iterdir():  # every kept one damaged: each is compressed again
        kept.write_bytes(kept.read_bytes()[:-1] + b"?")
    write_zip(tmp_path / "second.zip", files, WHEN, store=store, ids=ids)
    write_zip(tmp_path / "afresh.zip", files, WHEN)
    assert (tmp_path / "second.zip").read_bytes() == (tmp_path / "afresh.zip").read_bytes()
    assert len(list(store.iterdir())) == 4  # the three, made again in place, and the changed file's


def site_of(tmp_path: Path) -> tuple[Path, Path, dict[str, Path]]:
    """A small built site: a page, and a PDF hard-linked from the cache (as a build links them)."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / "downloads").mkdir(parents=True)
    (site / "index.html").write_text("<p>The pack</p>")
    (cache / "pdf").mkdir(parents=True)
    cached = pdf_of(cache / "pdf" / "0123.pdf", 2)
    atomic.link_or_copy(cached, site / "downloads" / "agenda.pdf")
    return site, cache, {"downloads/agenda.pdf": cached}


class Workshop:
    version = "9.9.9"


def offline(site: Path, cache: Path | None, kept: dict[str, Path]) -> bytes:
    settings = Settings(source_date_epoch=int(WHEN.timestamp()))
    return write_offline_zip(site, Workshop(), settings, cache=cache, kept_files=kept).read_bytes()


def test_the_offline_copy_from_kept_parts_is_the_one_made_afresh_and_follows_a_change(tmp_path):
    site, cache, kept = site_of(tmp_path)
    afresh = offline(site, None, kept)
    assert offline(site, cache, kept) == afresh
    assert offline(site, cache, kept) == afresh
    assert len(list((cache / "offline").glob("*.zip"))) == 1
    (site / "index.html").write_text("<p>The pack, changed</p>")  # a page (not from the cache): read and hashed
    changed = offline(site, cache, kept)
    assert changed != afresh and changed == offline(site, None, kept)
    assert len(list((cache / "offline").glob("*.zip"))) == 2


def test_a_site_file_that_is_not_the_cache_files_link_is_read_for_what_it_holds(tmp_path):
    site, cache, kept = site_of(tmp_path)
    offline(site, cache, kept)
    copy = site / "downloads" / "agenda.pdf"
    copy.unlink()
    pdf_of(copy, 4)  # no longer the cache file's link: its own bytes go in the zip, not the cache file's
    with zipfile.ZipFile(io.BytesIO(offline(site, cache, kept))) as z:
        inside = [n for n in z.namelist() if n.endswith("agenda.pdf")]
        assert z.read(inside[0]) == copy.read_bytes()


def test_a_qr_code_is_drawn_once_a_process(monkeypatch):
    drawn: list[str] = []
    real = qr._draw_svg
    monkeypatch.setattr(qr, "_draw_svg", lambda address, label: drawn.append(address) or real(address, label))
    qr.qr_svg.cache_clear()
    first = qr.qr_svg("https://forms.example.org/one", "QR code: one")
    assert qr.qr_svg("https://forms.example.org/one", "QR code: one") == first
    other = qr.qr_svg("https://forms.example.org/two", "QR code: one")
    qr.qr_svg.cache_clear()
    assert drawn == ["https://forms.example.org/one", "https://forms.example.org/two"]
    assert other != first and other == real("https://forms.example.org/two", "QR code: one")


def test_compiled_templates_are_the_builds_and_kept_between_builds(tmp_path):
    """Each build keeps its compiled templates on its own object (no module holds them), and on the cache folder's
    shelf: the next build, in a new process, loads them from there instead of compiling them again."""
    settings = Settings(cache=tmp_path / "cache", pdf=False)
    first, _ = validate(ROOT, settings)
    kept = sorted(p.name for p in (tmp_path / "cache" / "templates").iterdir())
    assert kept and first.templates.compiled.store  # compiled, kept in memory and on the shelf
    second, _ = validate(ROOT, settings)
    assert second.templates.compiled is not first.templates.compiled
    loaded = second.templates.compiled
    assert set(loaded.store) == set()  # nothing compiled again: every template came from the shelf
    assert sorted(p.name for p in (tmp_path / "cache" / "templates").iterdir()) == kept


def pages_converted(monkeypatch) -> list[str]:
    """The pages MkDocs converts from Markdown in this process (a Markdown instance with MkDocs' link check)."""
    converted: list[str] = []
    convert = markdown.Markdown.convert

    def counting(self, source):
        if "relpath" in self.treeprocessors:
            converted.append(self.treeprocessors["relpath"].file.src_uri)
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    return converted


def site_pages(project) -> dict[str, bytes]:
    site = project.path / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_a_page_is_converted_once_and_again_only_when_its_markdown_changes(project, tmp_path, monkeypatch):
    cache = str(tmp_path / "cache")
    converted = pages_converted(monkeypatch)
    assert project.build_here(IWE_PACK_CACHE=cache).returncode == 0
    assert "after-the-day.md" in converted and "packs/ynys-mon.md" in converted, converted
    afresh = site_pages(project)
    converted.clear()
    assert project.build_here(IWE_PACK_CACHE=cache).returncode == 0
    assert converted == []
    assert site_pages(project) == afresh  # the same bytes as converted afresh
    project.replace("content/after-the-day.md", "The actions.", "The actions agreed.")
    assert project.build_here(IWE_PACK_CACHE=cache).returncode == 0
    assert converted == ["after-the-day.md"]
    assert "The actions agreed." in project.page("after-the-day.html")
    converted.clear()  # a damaged entry is converted again, to the same page
    for kept in (tmp_path / "cache" / "pages").iterdir():
        kept.write_bytes(kept.read_bytes()[:-3] + b"}}}")
    assert project.build_here(IWE_PACK_CACHE=cache).returncode == 0
    assert "after-the-day.md" in converted and "packs/ynys-mon.md" in converted, converted
    assert site_pages(project)["after-the-day.html"] == project.page("after-the-day.html").encode()


def test_a_reused_page_still_has_its_links_checked(project, tmp_path):
    """A page reused from an earlier build still has its links checked against this build's pages: a link to a
    place's page that has gone, or to a heading that has, stops a strict build as it did before the cache."""
    cache = str(tmp_path / "cache")
    project.write("packs/another-place.yml", project.read("packs/ynys-mon.yml").replace("place: Ynys Môn", "place: Elsewhere"))
    project.replace("content/after-the-day.md", "The actions.", "The actions ([as elsewhere](packs/another-place.md)).")
    assert project.build_here(IWE_PACK_CACHE=cache).returncode == 0
    (project.path / "packs/another-place.yml").unlink()
    gone = project.build_here(IWE_PACK_CACHE=cache)
    assert gone.returncode != 0
    assert "'after-the-day.md' contains a link 'packs/another-place.md'" in gone.stderr, gone.stderr
    project.replace("content/after-the-day.md", " ([as elsewhere](packs/another-place.md))", "")
    assert project.build_here(IWE_PACK_CACHE=cache).returncode == 0
    project.replace("content/reference/glossary.md", "## Midpoint rule", "## The middle score")
    renamed = project.build_here(IWE_PACK_CACHE=cache)
    assert renamed.returncode != 0
    assert "'after-the-day.md' contains a link 'reference/glossary.md#midpoint-rule'" in renamed.stderr, \
        renamed.stderr


# Each edit, and the places whose print jobs it changes ("all": the generic pack's and every place's).
JOB_INPUTS = {
    "a pack field": ("packs/ynys-mon.yml", "attendees: 10", "attendees: 11", {"ynys-mon"}),
    "a record of the day": ("packs/records/ynys-mon.yml", "shared-understanding: 2.5", "shared-understanding: 3",
                            {"ynys-mon"}),
    "a handout's text": ("content/handouts/parking-space.md", "Park it here", "Park it there", "all"),
    "a section's notes": ("content/sections/introductions.md", "The check-in question:", "The check-in question now:",
                          "all"),
    "a print template": ("overrides/print/base.html", "<title>{{ title }}</title>", "<title>{{ title }} </title>", "all"),
}


def jobs_of(root: Path, cache: Path, **settings) -> tuple[KeptJobs, dict]:
    kept = KeptJobs(cache)
    _, rendered = validate(root, Settings(cache=cache, **settings), jobs=kept)
    return kept, rendered.jobs


def afresh(root: Path, **settings) -> dict:
    return render_site(load_project(root, Settings(**settings))).jobs


@pytest.mark.parametrize("edit", sorted(JOB_INPUTS))
def test_print_jobs_are_kept_and_made_again_only_for_the_places_an_input_changes(project, tmp_path, edit):
    """A build keeps each place's print jobs by what they are made from: the next build makes none, and gives the
    same jobs as made afresh; a change to one input makes again the jobs of the places it is part of, and no other."""
    cache = tmp_path / "cache"
    first, made = jobs_of(project.path, cache)
    assert (first.made, first.reused) == (4, 0)  # the blank pack and three places
    again, kept = jobs_of(project.path, cache)
    assert (again.made, again.reused) == (0, 4)
    assert kept == made == afresh(project.path)
    rel, old, new, places = JOB_INPUTS[edit]
    project.replace(rel, old, new)
    changed, after = jobs_of(project.path, cache)
    expected = set(made) if places == "all" else places
    assert {slug for slug in made if after[slug] != made[slug]} == expected
    assert (changed.made, changed.reused) == (len(expected), 4 - len(expected))
    assert after == afresh(project.path)


def test_kept_print_jobs_follow_the_date_and_the_fonts_and_a_damaged_entry_is_made_again(project, tmp_path):
    cache = tmp_path / "cache"
    jobs_of(project.path, cache, source_date_epoch=1767225600)
    dated, jobs = jobs_of(project.path, cache, source_date_epoch=1767225601)
    assert dated.made == 4 and jobs == afresh(project.path, source_date_epoch=1767225601)
    font = next((project.path / FONTS).glob("*.woff2"))
    font.write_bytes(font.read_bytes() + b"\0")
    fonts, _ = jobs_of(project.path, cache, source_date_epoch=1767225601)
    assert fonts.made == 4
    for entry in (cache / "print-jobs").iterdir():
        entry.write_bytes(entry.read_bytes()[:-4] + b"\0\0\0\0")
    damaged, jobs = jobs_of(project.path, cache, source_date_epoch=1767225601)
    assert (damaged.made, damaged.reused) == (4, 0) and jobs == afresh(project.path, source_date_epoch=1767225601)


def test_a_fingerprint_sees_every_field_and_refuses_what_it_cannot_vouch_for():
    """Fields left out of a value's repr (a section's notes, a handout's body) change its fingerprint; a function
    or an object from outside the engine is not guessed at."""
    workshop = load_project(ROOT, Settings(pdf=False)).workshop
    section = workshop.sections[0]
    handout = next(iter(workshop.handouts.values()))
    base = Fingerprints().of(workshop)
    for changed in (dataclasses.replace(section, notes_markdown=section.notes_markdown + " more"),
                    dataclasses.replace(section, steps=section.steps[:-1])):
        assert repr(changed) == repr(section)
        assert Fingerprints().of(dataclasses.replace(workshop, sections=[changed, *workshop.sections[1:]])) != base
    moved = dataclasses.replace(handout, body=handout.body + " more")
    assert Fingerprints().of(dataclasses.replace(workshop, handouts={**workshop.handouts, handout.id: moved})) != base
    assert Fingerprints().of(workshop) == base
    for unknown in (len, object(), {"a": io.BytesIO()}):
        with pytest.raises(Unknown):
            Fingerprints().of(unknown)
