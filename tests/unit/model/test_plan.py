from iwe_pack.model import plan as pl
from iwe_pack.sources.packs import PackFile

from ..conftest import load_text, shipped


def load(tmp_path, errors, text=None):
    return load_text(tmp_path, errors, "ynys-mon.yml", text or shipped("packs/ynys-mon.yml"), PackFile)


def test_the_agenda_runs_on_the_clock_from_the_start(tmp_path, errors, workshop):
    pack = load(tmp_path, errors)
    made = pl.make_plan(pack, workshop, "ynys-mon")
    assert made.agenda[0].start == pack.start.minutes
    for before, after in zip(made.agenda, made.agenda[1:]):
        assert after.start == before.start + before.minutes
    assert [i.minutes for i in made.agenda if i.section] == [pack.minutes[s.id] for s in workshop.sections]
    assert pl.make_plan(pack, workshop, "ynys-mon").agenda == made.agenda  # the same pack, the same plan


def test_allocate_shares_principles_evenly(workshop):
    ps = list(workshop.matrix.principles)
    groups = [type("G", (), {"name": n})() for n in "ABC"]
    shared, out = pl.allocate(ps, groups, "share")
    sizes = sorted(len(v) for v in out.values())
    assert shared and sum(sizes) == len(ps) and sizes[-1] - sizes[0] <= 1
    assert pl.allocate(ps, groups, "whole") == (False, {g.name: ps for g in groups})
    many = [type("G", (), {"name": str(n)})() for n in range(len(ps) + 2)]
    assert all(len(v) == 1 for v in pl.allocate(ps, many, "share")[1].values())


def test_default_minutes_and_duration(workshop):
    for s in workshop.sections:
        m = pl.default_minutes(s)
        assert s.minutes.min <= m <= s.minutes.max
    assert pl.duration(90) != pl.duration(45)


def test_with_site_url_gives_the_evaluation_link(tmp_path, errors, workshop):
    made = pl.make_plan(load(tmp_path, errors), workshop, "ynys-mon")
    assert made.feedback.link is None
    assert pl.with_site_url(made, "https://example.org").feedback.link.startswith("https://example.org/packs/ynys-mon/")


def test_table_hosts_go_to_the_groups_no_facilitator_takes():
    from iwe_pack.model.plan import host_groups
    from iwe_pack.sources.packs import Group, PackFile

    def pack(groups, facilitators):
        return PackFile(place="T", convener="T", date=None, start=None, format="in-person", attendees=40,
                        groups=[Group(name=n, facilitator=f) for n, f in groups], facilitators=facilitators)

    named = [("A", "Ann"), ("B", "Ben"), ("C", None), ("D", None)]
    assert host_groups(pack(named, ["Ann", "Ben"])) == ["C", "D"]
    assert host_groups(pack(named, ["Ann", "Ben", "Cat"])) == ["D"]  # Cat, named for no group, takes C
    assert host_groups(pack([("A", None), ("B", None)], ["Ann", "Ben", "Cat"])) == []
    assert host_groups(pack([("A", None), ("B", None), ("C", None)], ["Ann"])) == ["B", "C"]
