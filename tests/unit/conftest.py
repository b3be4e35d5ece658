"""The unit ring: each module of sources/, checks/ and model/ tested in-process on small inputs written here
(no project copy, no build, no browser). Everything under tests/unit is marked ``unit`` (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from iwe_pack.diagnostics.problems import Collector

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def errors(tmp_path: Path) -> Collector:
    """A collector whose file names are relative to ``tmp_path``."""
    return Collector(tmp_path)


def codes(errors: Collector) -> list[str]:
    return [e.code for e in errors.errors]


@pytest.fixture(scope="session")
def workshop():
    """The shipped workshop, read (not copied) once: for the model's functions that take a whole workshop."""
    from iwe_pack.load.loader import load_workshop

    return load_workshop(ROOT)


def load_text(tmp_path: Path, errors: Collector, name: str, text: str, schema: type):
    """``text`` written to ``tmp_path/name`` and loaded as ``schema`` (None, with problems, if it does not load)."""
    from iwe_pack.sources import typed_yaml

    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return typed_yaml.load(path, schema, errors)


def shipped(rel: str) -> str:
    """A shipped source's text, to load (changed or not) from a test's own folder."""
    return (ROOT / rel).read_text(encoding="utf-8")
