from iwe_pack.sources import changelog

from ..conftest import codes

TEXT = """# Changelog

## [Unreleased]

## [1.2.0] - 2026-03-01

## [v1.1] - 2026-02-01

## [1.0.0] - 2026-13-01
"""


def test_releases_reads_each_heading_and_reports_bad_ones(tmp_path, errors):
    path = tmp_path / "CHANGELOG.md"
    path.write_text(TEXT, encoding="utf-8")
    found = changelog.releases(path, errors)
    assert [(r.version, r.line) for r in found] == [("Unreleased", 3), ("1.2.0", 5)]
    assert found[1].date.isoformat() == "2026-03-01" and found[0].date is None
    assert codes(errors) == ["changelog.bad-version", "changelog.bad-date"]
    assert [e.line for e in errors.errors] == [7, 9]


def test_a_missing_changelog_is_reported(tmp_path, errors):
    assert changelog.releases(tmp_path / "CHANGELOG.md", errors) is None
    assert codes(errors) == ["changelog.missing"]


def test_anchor_and_with_anchors():
    assert changelog.anchor("1.2.0") == "iwe-version-1-2-0"
    assert changelog.anchor("Unreleased") == "iwe-version-unreleased"
    out = changelog.with_anchors("## [1.2.0] - 2026-03-01\ntext\n")
    assert out.splitlines()[0] == "## [1.2.0] - 2026-03-01 { #iwe-version-1-2-0 }"


def test_check_version_needs_an_entry(tmp_path, errors):
    found = [changelog.Release("1.2.0", None, 5)]
    assert changelog.check_version("1.2.0", found, tmp_path / "C.md", errors) is found[0]
    assert changelog.check_version("2.0.0", found, tmp_path / "C.md", errors) is None
    assert codes(errors) == ["changelog.no-entry"]
