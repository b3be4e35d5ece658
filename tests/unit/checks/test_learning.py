from iwe_pack.checks.learning import check_learning
from iwe_pack.sources.learning import LearningFile

from ..conftest import codes, load_text

LESSONS = """lessons:
  - learned: Start on time.
    places: [hull, nowhere]
    changed_in: 9.9.9
    section: intro
  - learned: Nothing yet.
    places: []
    changed_in: not yet
"""


def test_places_ids_and_versions_must_be_known(tmp_path, errors):
    learning = load_text(tmp_path, errors, "content/learning.yml", LESSONS, LearningFile)
    check_learning(learning, ["hull"], ["introductions"], ["fair"], ["1.0.0"], errors)
    assert codes(errors) == ["learning.unknown-place", "learning.unknown-id", "learning.unknown-version",
                             "learning.no-places"]
    assert [e.line for e in errors.errors] == [3, 5, 4, 7]
