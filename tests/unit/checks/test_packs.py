from iwe_pack.checks.packs import check_name_length, check_pack
from iwe_pack.sources.packs import PackFile

from ..conftest import ROOT, codes, load_text, shipped

FONTS = ROOT / "overrides/assets/fonts"
YNYS_MON = shipped("packs/ynys-mon.yml")


def check(tmp_path, errors, workshop, text, name="ynys-mon.yml"):
    pack = load_text(tmp_path, errors, name, text, PackFile)
    assert pack is not None, errors.errors
    return check_pack(pack, tmp_path / name, workshop.sections, FONTS, errors)


def test_a_good_pack_chooses_its_minutes(tmp_path, errors, workshop):
    chosen = check(tmp_path, errors, workshop, YNYS_MON)
    assert errors.errors == []
    assert chosen["self-assessment"] == 50 and set(chosen) == {s.id for s in workshop.sections}


def test_venue_groups_and_name_problems_are_each_reported(tmp_path, errors, workshop):
    text = YNYS_MON.replace("venue: Llangefni Town Hall, Bulkeley Square, Llangefni LL77 7LR\n", "") \
        .replace("name: Tîm Dau", "name: Tîm  Un").replace("place: Ynys Môn", "place: Ynys Môn \u4e2d")
    check(tmp_path, errors, workshop, text, name="Ynys_Mon.yml")
    assert sorted(set(codes(errors))) == ["pack.bad-file-name", "pack.font-cannot-print", "pack.group-names-clash",
                                          "pack.venue-missing"]


def test_a_minute_outside_the_section_range_is_refused(tmp_path, errors, workshop):
    check(tmp_path, errors, workshop, YNYS_MON.replace("  wrap-up: 5\n", "  wrap-up: 500\n"))
    assert codes(errors) == ["pack.minutes-out-of-range"]
    assert errors.errors[0].field == "minutes.wrap-up"


def test_check_name_length(errors):
    check_name_length("a" * 10, "place", "p.yml", 1, "place", 10, errors)
    assert errors.errors == []
    check_name_length("a" * 11, "place", "p.yml", 1, "place", 10, errors)
    assert codes(errors) == ["pack.name-too-long"]
