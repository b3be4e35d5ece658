"""The accessibility statement says how to reach the publisher: the issue tracker the release sets, and a fallback."""

from __future__ import annotations

import pytest

from conftest import ROOT
from iwe_pack.diagnostics.record import SourceErrors
from iwe_pack.outputs.site_build import SiteBuild
from iwe_pack.sources.settings import Settings

STATEMENT = ROOT / "content/accessibility.md"


def statement(environ: dict[str, str]) -> str:
    build = SiteBuild.start(ROOT, Settings.from_environment(environ))
    return build.editor_page(STATEMENT.read_text(encoding="utf-8"))


def test_the_statement_links_the_issue_tracker_the_release_names():
    page = statement({"IWE_ISSUES_URL": "https://example.org/yhadph/pack/issues/"})
    assert "[issue tracker](https://example.org/yhadph/pack/issues)" in page
    assert "<!-- iwe:contact -->" not in page


def test_without_a_tracker_the_statement_still_says_who_to_ask():
    page = statement({})
    assert "issue tracker" not in page
    assert "- Ask the person who gave you this pack" in page


def test_a_malformed_tracker_address_is_refused_with_its_setting():
    with pytest.raises(SourceErrors) as caught:
        statement({"IWE_ISSUES_URL": "javascript:alert(1)"})
    said = str(caught.value)
    assert "the environment, field issues_url: found 'javascript:alert(1)'" in said
    assert "allowed: a web address starting https://" in said
