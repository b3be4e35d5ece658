"""Reuse is safe: a build keeps every output (PDFs, decks, zips, the offline copy) by a hash of what it is made from,
so changing one input makes again exactly what uses it, and nothing else.

Each case copies the shipped sources and the warm cache (the cold build's), builds once (all reused), changes one
input, builds again, and compares: which files of the site changed, and which outputs the cache had to make.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import BIN, copy_project, run

KEPT = ("pdf", "pptx-made", "zip", "offline")  # the cache's folders of made outputs


def site_digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def made(cache: Path) -> dict[str, set[str]]:
    return {kind: {p.name for p in (cache / kind).glob("*") if p.is_file() and not p.name.startswith(".")}
            for kind in KEPT}


def build(project, cache: Path, **env):
    result = run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(project.path / "mkdocs.yml")],
                 cwd=project.path, IWE_PACK_CACHE=str(cache), **env)
    assert result.returncode == 0, result.stderr[-3000:]
    return site_digests(project.path / "site"), made(cache)


@pytest.fixture
def warm_copy(warm_cache, tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(warm_cache, cache, ignore=shutil.ignore_patterns(".tmp-*", "*.lock"))
    project = copy_project(tmp_path / "project")
    return project, cache


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def new(before: dict[str, set[str]], after: dict[str, set[str]]) -> dict[str, int]:
    return {kind: len(after[kind] - before[kind]) for kind in KEPT}


def test_a_build_with_nothing_changed_makes_nothing(warm_copy):
    project, cache = warm_copy
    first_site, first_made = build(project, cache)
    second_site, second_made = build(project, cache)
    assert second_site == first_site
    assert new(first_made, second_made) == {kind: 0 for kind in KEPT}


def test_a_pack_field_remakes_that_place_alone(warm_copy):
    project, cache = warm_copy
    site, kept = build(project, cache)
    project.replace("packs/ynys-mon.yml", "venue: Llangefni Town Hall", "venue: Neuadd y Dref, Llangefni")
    after, kept_after = build(project, cache)
    differ = changed(site, after)
    place = {n for n in differ if n.startswith(("downloads/ynys-mon/", "packs/ynys-mon"))}
    assert place, "the place's own outputs did not change"
    others = differ - place - {"downloads/ynys-mon-pack-v1.0.0.zip", "downloads/wellbeing-workshop-pack-offline-v1.0.0.zip",
                               "search/search_index.json", "search/search_index.js",
                               "service-worker.js"}  # its list of files carries their digest, so tablets fetch the new pages
    assert others == set()
    made_now = new(kept, kept_after)
    changed_pdfs = {n for n in place if n.endswith(".pdf")}
    assert made_now["pdf"] == len(changed_pdfs) and made_now["pdf"] > 0
    assert made_now["zip"] == 1 and made_now["offline"] == 1  # the place's zip, and the offline copy
    deck = "downloads/ynys-mon/ynys-mon-slides.pptx"
    assert made_now["pptx-made"] == (1 if deck in differ else 0)


def test_a_slide_remakes_the_decks_and_slide_pdfs_alone(warm_copy):
    project, cache = warm_copy
    site, kept = build(project, cache)
    project.replace("content/slides.yml", "  - title: What is an inclusive wellbeing economy?",
                    "  - title: What is an inclusive wellbeing economy, and why now?")
    after, kept_after = build(project, cache)
    differ = changed(site, after)
    decks = {n for n in site if n.endswith(".pptx")}
    assert decks <= differ and len(decks) == 4  # the generic deck and each place's
    assert new(kept, kept_after)["pptx-made"] == 4
    pdfs = {n for n in differ if n.endswith(".pdf")}
    assert pdfs and all("slides" in n for n in pdfs), sorted(pdfs)
    assert new(kept, kept_after)["pdf"] == len(pdfs)


def test_the_print_style_remakes_every_pdf_and_no_deck(warm_copy):
    project, cache = warm_copy
    only = {"IWE_PACKS": "ynys-mon"}  # the generic pack and one place: every PDF of theirs is made again
    site, kept = build(project, cache, **only)
    css = "overrides/print/print.css"
    project.write(css, project.read(css) + "\n/* a change */\n.iwe-reuse-test { color: black; }\n")
    after, kept_after = build(project, cache, **only)
    pdfs = {n for n in site if n.endswith(".pdf")}
    assert new(kept, kept_after)["pdf"] == len(pdfs)
    assert new(kept, kept_after)["pptx-made"] == 0


def test_a_facilitator_pack_made_ahead_from_the_last_pages_is_never_the_one_shipped_when_they_changed(warm_copy, tmp_path):
    """A changed place's facilitator pack is rendered ahead from the pages its print-offs had last time. When a
    print-off's pages did change (the sign-in sheet of ten times the people), the site is the one a build that
    guesses nothing makes, and the pack made ahead is left in the cache, not in the site."""
    project, cache = warm_copy
    only = {"IWE_PACKS": "ynys-mon"}
    build(project, cache, **only)
    project.replace("packs/ynys-mon.yml", "attendees: 10", "attendees: 100")
    unguessed = tmp_path / "cache-unguessed"
    shutil.copytree(cache, unguessed)
    (unguessed / "page-counts.json").unlink()  # no pages known from the last build: nothing is made ahead
    guessed_site, guessed_made = build(project, cache, **only)
    plain_site, plain_made = build(project, unguessed, **only)
    assert guessed_site == plain_site
    assert len(guessed_made["pdf"]) == len(plain_made["pdf"]) + 1  # the facilitator pack made ahead, not used
    pack = "downloads/ynys-mon/ynys-mon-facilitator-pack.pdf"
    assert pack in guessed_site


def test_a_new_place_has_its_facilitator_pack_made_ahead_by_the_pages_model_and_each_pdf_made_once(warm_copy, tmp_path):
    """A place never built has no pages from a last build: its facilitator pack is made ahead from the pages model
    (what the browser's planner shows, from the other places' pages). For a place like the others (here an example's
    pack under another name) the model is right: no PDF is made twice, and the site is the one a build that
    guesses nothing makes."""
    project, cache = warm_copy
    build(project, cache, IWE_PACKS="ynys-mon")
    only = {"IWE_PACKS": "ynys-mon new-place"}
    project.write("packs/new-place.yml", project.read("packs/ynys-mon.yml").replace("place: Ynys Môn", "place: New Place"))
    unguessed = tmp_path / "cache-unguessed"
    shutil.copytree(cache, unguessed)
    (unguessed / "page-counts.json").unlink()  # no pages known from the last build: nothing is made ahead
    result = run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(project.path / "mkdocs.yml")],
                 cwd=project.path, IWE_PACK_CACHE=str(cache), **only)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "new-place-facilitator-pack.pdf#guessed" in result.stderr  # said as it is rendered
    guessed_site, guessed_made = site_digests(project.path / "site"), made(cache)
    plain_site, plain_made = build(project, unguessed, **only)
    assert guessed_site == plain_site
    assert len(guessed_made["pdf"]) == len(plain_made["pdf"])  # nothing made twice, or made and not used
    assert "downloads/new-place/new-place-facilitator-pack.pdf" in guessed_site


def test_the_version_remakes_every_output_that_shows_it(warm_copy):
    """Every print-off, deck and zip names the pack's version: a new version makes each again, none is reused."""
    project, cache = warm_copy
    only = {"IWE_PACKS": "ynys-mon"}
    site, kept = build(project, cache, **only)
    project.replace("content/workshop.yml", "version: 1.0.0", "version: 1.0.1")
    project.replace("CHANGELOG.md", "## [1.0.0] - 2026-11-22", "## [1.0.1] - 2026-12-01\n\n### Fixed\n\n- A typo.\n\n"
                    "## [1.0.0] - 2026-11-22")
    after, kept_after = build(project, cache, **only)
    made_now = new(kept, kept_after)
    pdfs = {n for n in after if n.endswith(".pdf")}
    assert made_now["pdf"] == len(pdfs)  # each print-off and print run of the site, made again
    assert made_now["pptx-made"] == 2  # the blank pack's deck and the place's
    assert {n for n in after if n.endswith(".zip")} == {n.replace("1.0.0", "1.0.1") for n in site if n.endswith(".zip")}
    assert made_now["zip"] == len({n for n in after if n.endswith(".zip") and "offline" not in n})
    assert not any("1.0.0" in n for n in after)
