from iwe_pack.diagnostics.problems import Collector
from iwe_pack.sources import typed_yaml
from iwe_pack.sources.matrix_schema import Matrix

from ..conftest import ROOT, shipped


def test_the_shipped_matrix_reads_and_a_score_out_of_range_is_refused(tmp_path):
    errors = Collector(ROOT)
    matrix = typed_yaml.load(ROOT / "content/matrix.yml", Matrix, errors)
    assert errors.errors == [] and matrix.principles and all(p.levels for p in matrix.principles)
    path = tmp_path / "matrix.yml"
    path.write_text(shipped("content/matrix.yml").replace("score: 1\n", "score: 10\n", 1), encoding="utf-8")
    errors = Collector(tmp_path)
    assert typed_yaml.load(path, Matrix, errors) is None
    assert [p.field for p in errors.errors] == ["levels.1.score"]
    assert "from 1 to 9" in str(errors.errors[0])
