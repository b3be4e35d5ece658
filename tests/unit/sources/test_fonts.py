from iwe_pack.sources import fonts

from ..conftest import ROOT

FONTS = ROOT / "overrides/assets/fonts"


def test_missing_names_only_what_the_font_lacks():
    assert fonts.missing("Hello, Ynys Môn!\n", FONTS) == []
    assert fonts.missing("a \u4e2d b \u4e2d", FONTS) == ["\u4e2d"]  # once, however often it comes


def test_no_fonts_means_nothing_is_reported_missing(tmp_path):
    assert fonts.missing("\u4e2d", tmp_path) == []


def test_describe_names_code_points():
    assert fonts.describe(["é"]) == "'é' (U+00E9 latin small letter e with acute)"
    assert fonts.describe(list("abcdefg")).count("U+") == 5


def test_truetype_merges_the_subsets_into_one_font():
    data = fonts.truetype(FONTS, 400)
    assert data[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO")
