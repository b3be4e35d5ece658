import pytest

from iwe_pack.diagnostics.problems import SourceErrors
from iwe_pack.sources.settings import Settings, source_date


def test_from_mapping_reads_text_numbers_and_booleans(tmp_path):
    s = Settings.from_mapping({"packs": "hull, ynys-mon", "pdf": False, "site_url": "https://example.org/x/",
                               "source_date_epoch": "86400"})
    assert s.packs == ("hull", "ynys-mon") and s.pdf is False
    assert s.site_url == "https://example.org/x" and s.source_date.isoformat() == "1970-01-02T00:00:00+00:00"
    assert s.cache_folder(tmp_path) == tmp_path / ".cache" / "iwe-pack"
    assert not s.accessibility_contact


def test_every_bad_setting_is_reported_at_once():
    with pytest.raises(SourceErrors) as caught:
        Settings.from_mapping({"pdf": "maybe", "source_date_epoch": "soon", "accessibility_phone": "call",
                               "colour": "red"})
    assert sorted(e.code for e in caught.value.errors) == [
        "settings.bad-epoch", "settings.bad-pdf", "settings.bad-phone", "settings.unknown"]


def test_from_environment_uses_the_variables(tmp_path):
    s = Settings.from_environment({"IWE_PACK_CACHE": str(tmp_path), "IWE_ACCESSIBILITY_PHONE": "01234 567890"})
    assert s.cache_folder(tmp_path / "elsewhere") == tmp_path and s.accessibility_contact
    assert source_date(None) is None
