from iwe_pack.checks import styles

from ..conftest import codes


def test_a_stylesheet_weasyprint_would_partly_ignore_is_reported(tmp_path, errors):
    folder = tmp_path / "overrides/print"
    folder.mkdir(parents=True)
    (folder / "print.css").write_text("body { color: red; }\np { colr: blue; }\n"
                                      "h1 { background: url(https://example.org/x.png); }\n"
                                      "h2 { background: url(none.png); }\n", encoding="utf-8")
    styles.check_print_styles(tmp_path, errors)
    assert sorted((e.code, e.line) for e in errors.errors) == [("css.ignored", 2), ("css.missing", 4),
                                                              ("css.outside", 3)]


def test_the_digest_follows_the_files(tmp_path):
    folder = tmp_path / "overrides/print"
    folder.mkdir(parents=True)
    (folder / "print.css").write_text("body { color: red; }\n", encoding="utf-8")
    before = styles.print_digest(tmp_path)
    assert styles.print_digest(tmp_path) == before
    (folder / "print.css").write_text("body { color: blue; }\n", encoding="utf-8")
    assert styles.print_digest(tmp_path) != before


def test_a_clean_stylesheet_is_remembered_as_clean(tmp_path, errors):
    folder = tmp_path / "overrides/print"
    folder.mkdir(parents=True)
    (folder / "print.css").write_text("body { color: green; }\n", encoding="utf-8")
    styles.check_print_styles(tmp_path, errors, known_clean=tmp_path / "cache")
    assert codes(errors) == [] and len(list((tmp_path / "cache").glob("*.clean"))) == 1
