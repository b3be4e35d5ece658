import pytest

from iwe_pack.diagnostics.problems import SourceErrors
from iwe_pack.load import loader as project

from ..conftest import ROOT, shipped


def test_the_shipped_workshop_loads_whole(workshop):
    assert [s.id for s in workshop.sections][0] == "introductions"
    assert workshop.version and workshop.released is not None and workshop.off_plan is not None
    assert all(h in workshop.handouts for s in workshop.sections for h in s.handouts)


def test_pack_files_and_strays(tmp_path):
    packs = tmp_path / "packs"
    (packs / "records").mkdir(parents=True)
    for name in ("hull.yml", "leeds.yaml", ".DS_Store", "york.yml.txt"):
        (packs / name).write_text("", encoding="utf-8")
    assert project.pack_files(tmp_path) == [packs / "hull.yml"]
    assert sorted(e.file for e in project.stray_pack_files(tmp_path)) == ["packs/leeds.yaml", "packs/york.yml.txt"]


def test_orphan_records_are_named(tmp_path):
    records = tmp_path / "packs/records"
    (records / "old").mkdir(parents=True)
    for name in ("hull.yml", "gone.yml", "leeds.yaml", "old/york.yml", "hull-scores.csv"):
        (records / name).write_text("", encoding="utf-8")
    found = {(e.file, e.code) for e in project.orphan_records(tmp_path, ["hull", "leeds"])}
    assert found == {("packs/records/gone.yml", "record.orphan"), ("packs/records/leeds.yaml", "record.not-yml"),
                     ("packs/records/old/york.yml", "record.in-folder")}


def test_load_pack_plans_a_pack_and_refuses_a_bad_one(tmp_path, workshop):
    (tmp_path / "ynys-mon.yml").write_text(shipped("packs/ynys-mon.yml"), encoding="utf-8")
    plan = project.load_pack(tmp_path / "ynys-mon.yml", workshop, ROOT)
    assert plan.slug == "ynys-mon" and plan.record is None and plan.agenda
    (tmp_path / "bad.yml").write_text(shipped("packs/ynys-mon.yml").replace("attendees: 10", "attendees: 1"),
                                      encoding="utf-8")
    with pytest.raises(SourceErrors) as caught:
        project.load_pack(tmp_path / "bad.yml", workshop, ROOT)
    assert "pack.more-groups-than-people" in [e.code for e in caught.value.errors]
