"""Publishing versions: one version everywhere, a changelog, a release workflow, subsets, reproducible builds."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from conftest import ROOT, strip_ansi
from pdfutil import needs_poppler, pages, text

VERSION = yaml.safe_load((ROOT / "content/workshop.yml").read_text())["version"]


def test_the_version_is_on_every_html_page(built):
    site = built.path / "site"
    missing = [p.relative_to(site).as_posix() for p in site.rglob("*.html")
               if f"Pack version {VERSION}" not in re.sub(r"\s+", " ", p.read_text())]
    assert missing == []


@needs_poppler
def test_the_version_is_on_every_pdf_page(built):
    found = sorted((built.path / "site/downloads").rglob("*.pdf"))
    assert len(found) > 100  # every print-off of the generic pack and the three places, not none
    for pdf in found:
        for n in range(1, pages(pdf) + 1):
            if pdf.name.endswith("-slides.pdf") and n > 1:
                continue  # slides carry it on the title slide; the rest stay clean to present
            assert f"Pack version {VERSION}" in " ".join(text(pdf, n).split()), (pdf.name, n)


def test_the_version_is_in_each_download_name(built):
    zips = {p.name for p in (built.path / "site/downloads").glob("*.zip")}
    packs = [p.stem for p in (ROOT / "packs").glob("*.yml")]
    assert {f"{slug}-pack-v{VERSION}.zip" for slug in packs} <= zips
    assert f"iwe-workshop-pack-v{VERSION}.zip" in zips and f"wellbeing-workshop-pack-offline-v{VERSION}.zip" in zips


def test_changelog_renders_as_whats_new_and_versions_lists_it(built):
    page = built.page("whats-new.html")
    assert re.search(r"<h1[^>]*>What(&#x27;|&#39;|')s new", page), "no 'What's new' heading"
    assert re.search(rf'<h2 id="[^"]*">\[?{re.escape(VERSION)}\]?', page), f"no heading for version {VERSION}"
    assert VERSION in built.page("versions.html")
    assert "Built from" in built.page("packs/ynys-mon.html") and f"pack version {VERSION}" in built.page("packs/ynys-mon.html")


def test_a_new_version_needs_a_changelog_entry(project):
    project.replace("content/workshop.yml", f"version: {VERSION}", "version: 9.9.9")
    out = strip_ansi(project.check().stderr)
    assert "CHANGELOG.md: has no entry for version 9.9.9" in out
    assert "add a section '## [9.9.9] - YYYY-MM-DD'" in out


def test_section_changed_in_must_be_a_released_version(project):
    project.replace("content/workshop.yml", "    changed: 1.0.0\n", "    changed: 1.4.0\n")
    out = strip_ansi(project.check().stderr)
    assert re.search(r"content/workshop\.yml, line \d+, field sections\.1\.changed: found 1\.4\.0; allowed: a version "
                     r"listed in CHANGELOG\.md", out), out


def test_each_section_page_says_when_it_last_changed(built):
    assert f"in pack version {VERSION}" in built.page("on-the-day/vision.html")


def test_release_workflow_tests_builds_reproducibly_and_deploys_on_tags():
    flow = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text())
    triggers = flow[True] if True in flow else flow["on"]  # YAML 1.1 reads the key "on" as true
    assert "v*.*.*" in triggers["push"]["tags"]
    steps = [s.get("run", "") + " " + s.get("uses", "") for s in flow["jobs"]["test"]["steps"]]
    assert any("make test" in s for s in steps)
    release = flow["jobs"]["release"]
    assert release["needs"] == ["test", "shard"] and "refs/tags/v" in release["if"]
    runs = " ".join(s.get("run", "") + " " + s.get("uses", "") for s in release["steps"])
    assert "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" in runs and "make build" in runs
    assert "actions/deploy-pages" in runs and "sha256sum" in runs and "gh release create" in runs


def tree_digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_clean_builds_give_identical_sites(built, rebuilt):
    """Built in two folders from two empty caches, the whole site (pages, PDFs, zips, search) is the same."""
    first = tree_digest(built.path / "site")
    assert len(first) > 100
    assert tree_digest(rebuilt.path / "site") == first


def test_building_a_subset_of_packs(project, warm_cache):
    result = project.build(IWE_PACKS="ynys-mon")
    assert result.returncode == 0, result.stderr
    downloads = project.path / "site/downloads"
    assert {p.name for p in downloads.iterdir() if p.is_dir()} == {"generic", "ynys-mon"}
    assert not (project.path / "site/packs/kingston-upon-hull.html").exists()
    bad = project.build_here(IWE_PACKS="ynys-mn")
    assert bad.returncode != 0 and "no pack called 'ynys-mn' (did you mean 'ynys-mon'?)" in strip_ansi(bad.stderr)


def test_the_workflow_audits_every_pinned_dependency_before_testing():
    """`make audit` (pip-audit over constraints.txt, npm audit over package-lock.json) runs on every push and so
    gates every release (the release job needs the test job). It needs the internet, so it runs there."""
    flow = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text())
    runs = [s.get("run", "") for s in flow["jobs"]["test"]["steps"]]
    assert runs.index("make audit") < next(i for i, r in enumerate(runs) if "make test" in r)
    assert "test" in flow["jobs"]["release"]["needs"] and flow["jobs"]["shard"]["needs"] == "test"
    target = (ROOT / "Makefile").read_text().split("\naudit:", 1)[1].split("\n\n", 1)[0]
    assert "pip-audit --strict --requirement constraints.txt --no-deps --disable-pip" in target
    assert "npm audit --package-lock-only" in target
