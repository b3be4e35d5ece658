from pathlib import Path

from iwe_pack.diagnostics.problems import Collector
from iwe_pack.sources import files


def test_hand_written_pages_leave_out_what_the_model_reads(tmp_path):
    content = tmp_path / "content"
    for name in ("index.md", "about/privacy.md", "sections/welcome.md", "handouts/agenda.md", "notes.txt"):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(f"# {name}\n", encoding="utf-8")
    found = files.hand_written_pages(content, Collector(tmp_path))
    assert list(found) == ["about/privacy.md", "index.md"]
    assert found["index.md"] == (content / "index.md", "# index.md\n")


def test_an_optional_file_that_is_not_there_reads_as_nothing(tmp_path):
    errors = Collector(tmp_path)
    assert files.read_optional(tmp_path / "CHANGELOG.md", errors) == "" and not errors.errors
    (tmp_path / "CHANGELOG.md").write_text("## 1.0.0\n", encoding="utf-8")
    assert files.read_optional(tmp_path / "CHANGELOG.md", errors) == "## 1.0.0\n"
    assert files.present(tmp_path / "CHANGELOG.md") and not files.present(tmp_path / "missing.md")


def test_a_named_file_outside_content_is_said_to_be_outside(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    assert files.inside(content, "sections/a.md") == ((content / "sections/a.md").resolve(), True)
    path, within = files.inside(content, "../mkdocs.yml")
    assert path == (tmp_path / "mkdocs.yml").resolve() and not within


def test_packs_the_files_beside_them_and_the_records(tmp_path):
    packs = tmp_path / "packs"
    (packs / "records" / "old").mkdir(parents=True)
    for name in ("hull.yml", "leeds.yaml", ".DS_Store", "york.yml.txt", "records/hull.yml", "records/york.YAML",
                 "records/old/leeds.yml", "records/hull-scores.csv"):
        (packs / name).write_text("", encoding="utf-8")
    assert files.pack_files(tmp_path) == [packs / "hull.yml"]
    assert files.other_files_in_packs(tmp_path) == [packs / "leeds.yaml", packs / "york.yml.txt"]
    read, every = files.record_files(tmp_path)
    assert read == [packs / "records/hull.yml"]
    assert every == [packs / "records/hull.yml", packs / "records/old/leeds.yml", packs / "records/york.YAML"]


def test_a_project_with_no_packs_folder_has_no_packs(tmp_path):
    assert files.pack_files(tmp_path) == [] and files.other_files_in_packs(tmp_path) == []
    assert files.record_files(Path(tmp_path)) == ([], [])
