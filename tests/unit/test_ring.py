"""The unit ring covers every module of sources/, checks/, model/ and load/: each has tests/unit/<layer>/test_<module>.py."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "iwe_pack"
HERE = Path(__file__).resolve().parent
LAYERS = ("sources", "checks", "model", "load")
# Modules with no logic to test on their own (nothing but a docstring).
EXEMPT = {"__init__"}


def has_logic(path: Path) -> bool:
    """Whether a module defines a function, a class or a value (more than a docstring)."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return any(not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)) for node in body)


def modules() -> list[tuple[str, str]]:
    return [(layer, p.stem) for layer in LAYERS for p in sorted((PACKAGE / layer).glob("*.py"))]


def test_every_module_with_logic_has_a_unit_test_file():
    found = modules()
    assert len(found) > 30  # the layers were found
    missing = [f"tests/unit/{layer}/test_{name}.py" for layer, name in found
               if name not in EXEMPT and not (HERE / layer / f"test_{name}.py").is_file()]
    assert missing == [], "modules with no unit test file:\n" + "\n".join(missing)


def test_the_exemptions_have_no_logic():
    logic = [f"{layer}/{name}.py" for layer, name in modules()
             if name in EXEMPT and has_logic(PACKAGE / layer / f"{name}.py")]
    assert logic == [], f"exempt from the unit ring but with logic (give them a test file): {logic}"


def test_every_unit_test_file_follows_a_module():
    names = {(layer, f"test_{name}.py") for layer, name in modules()}
    strays = [p.relative_to(HERE).as_posix() for layer in LAYERS for p in sorted((HERE / layer).glob("test_*.py"))
              if (layer, p.name) not in names]
    assert strays == [], f"unit test files for no module (renamed or removed?): {strays}"
