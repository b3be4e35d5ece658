from iwe_pack.sources.text import MAX_BYTES, read_text

from ..conftest import codes


def test_reads_utf8_without_its_byte_order_mark(tmp_path, errors):
    path = tmp_path / "a.md"
    path.write_bytes("\ufeffCafé\n".encode("utf-8"))
    assert read_text(path, errors) == "Café\n" and errors.errors == []


def test_reports_missing_big_and_non_utf8_files(tmp_path, errors):
    assert read_text(tmp_path / "none.md", errors) is None
    (tmp_path / "big.md").write_bytes(b"x" * (MAX_BYTES + 1))
    assert read_text(tmp_path / "big.md", errors) is None
    (tmp_path / "latin.md").write_bytes(b"one\ntwo \xe9\n")
    assert read_text(tmp_path / "latin.md", errors) is None
    assert codes(errors) == ["file.not-found", "file.too-big", "file.not-utf8"]
    assert errors.errors[2].line == 2 and errors.errors[2].found == "0xe9"
