from iwe_pack.sources.templates import read_templates


def test_reads_engine_templates_and_letters_by_name(tmp_path, errors):
    (tmp_path / "overrides/print/parts").mkdir(parents=True)
    (tmp_path / "overrides/print/parts/head.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    (tmp_path / "overrides/print/notes.txt").write_text("not a template", encoding="utf-8")
    (tmp_path / "content/letters").mkdir(parents=True)
    (tmp_path / "content/letters/thanks.txt.j2").write_text("Thanks", encoding="utf-8")
    found = read_templates(tmp_path, errors)
    assert found.names() == ["print/parts/head.html", "letters/thanks.txt.j2"]
    assert found.get("letters/thanks.txt.j2").file == "content/letters/thanks.txt.j2"
    assert found.get("print/parts/head.html").text == "<h1>{{ title }}</h1>"
    assert found.get("print/notes.txt") is None and errors.errors == []


def test_an_unreadable_template_is_reported(tmp_path, errors):
    (tmp_path / "overrides/run").mkdir(parents=True)
    (tmp_path / "overrides/run/page.html").write_bytes(b"\xff")
    assert read_templates(tmp_path, errors).names() == []
    assert [e.code for e in errors.errors] == ["file.not-utf8"]
