import os

from iwe_pack.checks.project_files import check_project_files

from ..conftest import codes


def test_markdown_and_drawings_of_a_small_project(tmp_path, errors):
    content = tmp_path / "content"
    (content / "sections").mkdir(parents=True)
    (content / "index.md").write_text("---\ntitle: Home\n---\n\nWelcome.\n", encoding="utf-8")
    (content / "bad.md").write_text("Fine.\n\n<iframe src=\"https://example.org\"></iframe>\n", encoding="utf-8")
    # a plain outside image is said where the notes are read (model); a reference-style one only once rendered
    (content / "sections/notes.md").write_text("![x](https://example.org/x.png)\n\n![y][r]\n\n"
                                               "[r]: https://example.org/y.png\n", encoding="utf-8")
    (content / "pic.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', encoding="utf-8")
    check_project_files(tmp_path, errors)
    assert [(e.file, e.line) for e in errors.errors] == [("content/bad.md", 3), ("content/sections/notes.md", 5),
                                                         ("content/pic.svg", 1)]


def test_a_link_out_of_its_folder_is_refused(tmp_path, errors):
    (tmp_path / "content").mkdir()
    (tmp_path / "secret.md").write_text("secret\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.md", tmp_path / "content/secret.md")
    os.symlink("/etc/hostname", tmp_path / "content/host.md")
    check_project_files(tmp_path, errors)
    assert sorted(codes(errors)) == ["file.link-outside", "file.link-outside-folder"]
