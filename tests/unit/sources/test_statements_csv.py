import pytest

from iwe_pack.diagnostics.problems import SourceErrors
from iwe_pack.sources.statements_csv import ONLINE_LIMIT, read


def write(tmp_path, text):
    path = tmp_path / "statements.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_cards_with_short_or_long_types(tmp_path):
    cards = read(write(tmp_path, "Text,Type,Code\n  Hello   world ,ww,A\n\nSecond,important-for-the-future,\n"))
    assert [(c.row, c.text, c.type, c.code, c.suffix) for c in cards] == [
        (2, "Hello world", "working-well", "a", "ww"), (4, "Second", "important-for-the-future", None, "iff")]
    assert not cards[0].too_long
    assert read(write(tmp_path, f"text,type\n{'x' * (ONLINE_LIMIT + 1)},nww\n"))[0].too_long


def test_every_bad_row_is_reported(tmp_path):
    with pytest.raises(SourceErrors) as caught:
        read(write(tmp_path, "text,type,code\nHello,good,a\n ,ww,\nHi,ww,zz\nOne,ww,a,extra\n"))
    assert [(e.code, e.line) for e in caught.value.errors] == [
        ("csv.bad-type", 2), ("csv.empty-text", 3), ("csv.bad-code", 4), ("csv.cell-count", 5)]


def test_a_missing_column_or_no_statements_is_refused(tmp_path):
    with pytest.raises(SourceErrors) as caught:
        read(write(tmp_path, "words,type\nHello,ww\n"))
    assert {e.code for e in caught.value.errors} == {"csv.unknown-column", "csv.missing-column"}
    with pytest.raises(SourceErrors) as caught:
        read(write(tmp_path, "text,type\n"))
    assert [e.code for e in caught.value.errors] == ["csv.no-statements"]
