from iwe_pack.diagnostics.problems import Collector
from iwe_pack.sources import typed_yaml
from iwe_pack.sources.schema import COPIES_LABELS, HandoutsFile, WorkshopFile

from ..conftest import ROOT


def test_the_shipped_workshop_and_handouts_read_into_their_schemas(tmp_path):
    errors = Collector(ROOT)
    workshop = typed_yaml.load(ROOT / "content/workshop.yml", WorkshopFile, errors)
    handouts = typed_yaml.load(ROOT / "content/handouts.yml", HandoutsFile, errors)
    assert errors.errors == []
    assert workshop.sections and workshop.budget.session.min <= workshop.budget.session.max
    assert {h.copies for h in handouts.handouts} <= set(COPIES_LABELS)


def test_a_handout_with_copies_not_allowed_is_refused_with_what_is_allowed(tmp_path):
    path = tmp_path / "handouts.yml"
    path.write_text("handouts:\n  - id: agenda\n    title: Agenda\n    what: The day\n    copies: per-table\n",
                    encoding="utf-8")
    errors = Collector(tmp_path)
    assert typed_yaml.load(path, HandoutsFile, errors) is None
    (problem,) = errors.errors
    assert problem.line == 5 and "per-table" in str(problem) and "per-attendee" in str(problem)
