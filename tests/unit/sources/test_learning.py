from iwe_pack.sources import typed_yaml
from iwe_pack.sources.learning import LearningFile


def test_a_lesson_file_loads_with_its_defaults(tmp_path, errors):
    path = tmp_path / "learning.yml"
    path.write_text("lessons:\n  - learned: Start on time.\n    places: [hull]\n    changed_in: not yet\n",
                    encoding="utf-8")
    loaded = typed_yaml.load(path, LearningFile, errors)
    lesson = loaded.lessons[0]
    assert (lesson.learned, lesson.places, lesson.changed_in, lesson.section, lesson.illustrative) == \
        ("Start on time.", ["hull"], "not yet", None, False)


def test_a_lesson_needs_what_was_learned(tmp_path, errors):
    path = tmp_path / "learning.yml"
    path.write_text("lessons:\n  - places: [hull]\n    changed_in: 1.0.0\n", encoding="utf-8")
    assert typed_yaml.load(path, LearningFile, errors) is None
    assert [e.line for e in errors.errors] == [2]
