from dataclasses import dataclass, field
from typing import Optional

from iwe_pack.sources import typed_yaml
from iwe_pack.sources.sourced import Sourced

from ..conftest import codes


@dataclass(frozen=True)
class Item(Sourced):
    name: str
    count: int = field(default=1, metadata={"min": 1, "max": 9, "allowed": "1 to 9"})
    note: Optional[str] = None


@dataclass(frozen=True)
class Doc(Sourced):
    items: list[Item] = field(default_factory=list)


def load(tmp_path, errors, text):
    path = tmp_path / "doc.yml"
    path.write_text(text, encoding="utf-8")
    return typed_yaml.load(path, Doc, errors)


def test_load_builds_dataclasses_and_remembers_where_each_came_from(tmp_path, errors):
    doc = load(tmp_path, errors, "items:\n  - name: a\n  - name: b\n    count: 3\n")
    assert errors.errors == []
    assert [(i.name, i.count, i.note) for i in doc.items] == [("a", 1, None), ("b", 3, None)]
    second = doc.items[1].origin
    assert (second.file, second.line, second.line_for("count"), second.field("count")) == \
        ("doc.yml", 3, 4, "items.2.count")


def test_load_reports_unknown_keys_wrong_types_and_ranges(tmp_path, errors):
    assert load(tmp_path, errors, "items:\n  - name: a\n    colour: red\n  - name: [x]\n  - name: c\n    count: 12\n") \
        is None
    assert [(e.line, e.field) for e in errors.errors] == [(3, "items.1.colour"), (4, "items.2.name"),
                                                           (6, "items.3.count")]


def test_a_yaml_mistake_is_reported_with_its_line(tmp_path, errors):
    assert load(tmp_path, errors, "items:\n  - name: 'open\n") is None
    assert len(errors.errors) == 1 and errors.errors[0].line == 2


def test_aliases_and_tabs_are_refused(tmp_path, errors):
    assert load(tmp_path, errors, "items:\n  - &a {name: a}\n  - *a\n") is None
    assert load(tmp_path, errors, "items:\n\t- name: a\n") is None
    assert len(codes(errors)) == 2


def test_compose_text_and_line_of():
    node = typed_yaml.compose_text("a: 1\nb: 2\n")
    assert [typed_yaml.line_of(v) for _, v in node.value] == [1, 2]
