"""The accessibility statement says how to reach the publisher: the issue tracker the release sets, and a fallback."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT, iwe_pack
from iwe_pack.diagnostics.problems import SourceErrors
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
    assert ("the environment, field issues_url (set by the environment variable IWE_ISSUES_URL): "
            "found 'javascript:alert(1)'") in said
    assert "allowed: a web address starting https://" in said


def test_the_statement_gives_the_publishers_email_and_phone():
    page = statement({"IWE_ACCESSIBILITY_EMAIL": "access@yhadph.example", "IWE_ACCESSIBILITY_PHONE": "0113 496 0000"})
    assert "- Email [access@yhadph.example](mailto:access@yhadph.example)." in page
    assert "- Call 0113 496 0000." in page
    assert "- Or ask the person who gave you this pack" in page


@pytest.mark.parametrize("variable,value,words", [
    ("IWE_ACCESSIBILITY_EMAIL", "access@", "allowed: one email address"),
    ("IWE_ACCESSIBILITY_PHONE", "12", "allowed: a telephone number of 7 to 15 digits"),
    ("IWE_ACCESSIBILITY_PHONE", "0113 496 0000; call me", "allowed: a telephone number of 7 to 15 digits"),
])
def test_a_malformed_contact_is_refused_naming_its_variable(variable, value, words):
    with pytest.raises(SourceErrors) as caught:
        statement({variable: value})
    said = str(caught.value)
    assert f"(set by the environment variable {variable}): found {value!r}" in said and words in said


def test_a_release_check_refuses_a_build_with_no_contact(monkeypatch):
    for variable in ("IWE_ACCESSIBILITY_EMAIL", "IWE_ACCESSIBILITY_PHONE"):
        monkeypatch.delenv(variable, raising=False)
    refused = iwe_pack("--root", str(ROOT), "check", "--release")
    said = refused.stdout + refused.stderr
    assert refused.returncode == 1 and "Traceback" not in said and "OK:" not in said
    assert "a release needs an email address or telephone number" in said
    assert "set IWE_ACCESSIBILITY_EMAIL or IWE_ACCESSIBILITY_PHONE" in said
    monkeypatch.setenv("IWE_ACCESSIBILITY_PHONE", "0113 496 0000")
    assert iwe_pack("--root", str(ROOT), "check", "--release").returncode == 0


def test_the_release_workflow_checks_the_contact_before_it_builds():
    flow = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text())
    steps = flow["jobs"]["release"]["steps"]
    build = next(s for s in steps if "make build" in s.get("run", ""))
    run = build["run"]
    assert run.index("iwe-pack check --release") < run.index("make build")
    assert build["env"]["IWE_ACCESSIBILITY_EMAIL"] == "${{ vars.IWE_ACCESSIBILITY_EMAIL }}"
    assert build["env"]["IWE_ACCESSIBILITY_PHONE"] == "${{ vars.IWE_ACCESSIBILITY_PHONE }}"


def test_a_local_build_says_once_that_the_contact_is_unset(project):
    built = project.build_here(IWE_ACCESSIBILITY_EMAIL="", IWE_ACCESSIBILITY_PHONE="")
    assert built.returncode == 0
    said = project.build(IWE_PDF="0", IWE_ACCESSIBILITY_EMAIL="", IWE_ACCESSIBILITY_PHONE="")
    assert said.returncode == 0, said.stderr
    assert said.stderr.count("IWE_ACCESSIBILITY_EMAIL or IWE_ACCESSIBILITY_PHONE") == 1, said.stderr
    quiet = project.build(IWE_PDF="0", IWE_ACCESSIBILITY_EMAIL="access@yhadph.example")
    assert quiet.returncode == 0 and "IWE_ACCESSIBILITY" not in quiet.stderr
    assert "mailto:access@yhadph.example" in project.page("accessibility.html")
