from iwe_pack.sources import record_email as re_
from iwe_pack.sources.record_schema import load_record

from ..conftest import codes


def source(tmp_path, errors, extra=""):
    (tmp_path / "hull.yml").write_text(f"evaluation:\n  from: answers.txt\n{extra}", encoding="utf-8")
    return load_record(tmp_path / "hull.yml", errors).evaluation


def email(useful: str, improve: str) -> str:
    q = re_.QUESTION
    return (f"Hello\n{re_.START}\n{q.format(id='useful')}How useful?\n{re_.ANSWER}{useful}\n"
            f"{q.format(id='improve')}Better?\n{re_.ANSWER}{improve}\n{re_.END}\n")


def test_reads_each_email_between_its_markers(tmp_path, errors):
    path = tmp_path / "answers.txt"
    path.write_text(email("5", "More time") + "\n> " + email("3", "Less talk").replace("\n", "\n> "),
                    encoding="utf-8")
    answers = re_.read_emails(path, source(tmp_path, errors), 10, errors)
    assert errors.errors == []
    assert [(r.ratings["useful"][0], r.texts["improve"][0]) for r in answers.responses] == \
        [(5, "More time"), (3, "Less talk")]


def test_no_answers_and_columns_are_reported(tmp_path, errors):
    path = tmp_path / "answers.txt"
    path.write_text("Just a note, no answers.\n", encoding="utf-8")
    assert re_.read_emails(path, source(tmp_path, errors, "  columns:\n    useful: U\n"), 10, errors) is None
    assert "record.email-columns" in codes(errors)


def test_is_emails_and_the_format_the_page_writes(tmp_path):
    assert re_.is_emails(tmp_path) and re_.is_emails(tmp_path / "a.EML") and not re_.is_emails(tmp_path / "a.csv")
    assert re_.email_format()["start"] == re_.START
