import pytest

from iwe_pack.checks import system
from iwe_pack.diagnostics.problems import SourceErrors


def test_this_machine_has_the_libraries_the_pdfs_need():
    assert system.missing_required() == ()
    system.require_pdf_libraries()  # does not raise
    assert system.subsetter() in ("harfbuzz", "fonttools")


def test_a_missing_library_is_named_with_its_package(monkeypatch):
    monkeypatch.setattr(system, "_loads", lambda lib: "pango" not in lib)
    system.missing_required.cache_clear()  # remembered for the process: asked again with the library gone
    try:
        with pytest.raises(SourceErrors) as caught:
            system.require_pdf_libraries()
    finally:
        monkeypatch.undo()
        system.missing_required.cache_clear()
    (problem,) = caught.value.errors
    assert problem.code == "system.missing-library" and "pango" in problem.found


def test_the_fonttools_warning_is_expected():
    assert system.expected_warning(system.FONTTOOLS_WARNING + " for subsetting")
    assert not system.expected_warning("Ignored `colour: red`")
