from iwe_pack.diagnostics.problems import Collector
from iwe_pack.sources import typed_yaml
from iwe_pack.sources.advice_schema import AdviceRules

from ..conftest import ROOT, shipped


def test_the_shipped_advice_reads_and_a_room_of_none_is_refused(tmp_path):
    errors = Collector(ROOT)
    rules = typed_yaml.load(ROOT / "content/advice.yml", AdviceRules, errors)
    assert errors.errors == [] and rules.room_size.in_person > rules.room_size.virtual > 0
    path = tmp_path / "advice.yml"
    text = shipped("content/advice.yml")
    path.write_text(text.replace(f"in_person: {rules.room_size.in_person}", "in_person: 0", 1), encoding="utf-8")
    errors = Collector(tmp_path)
    assert typed_yaml.load(path, AdviceRules, errors) is None
    assert [p.field for p in errors.errors] == ["room_size.in_person"]
