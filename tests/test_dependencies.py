"""Every package the engine imports is declared in pyproject.toml, and every declared package is pinned.

A package that arrives only because another one depends on it (Pillow through WeasyPrint, lxml through
python-pptx) can be dropped by that package's next release: the engine would then fail at import on a fresh
machine. So the test reads every import in src/ and hooks/ (and the Markdown extensions the build and the
views name) and finds the distribution that provides it."""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import sys
import tomllib

import yaml

from conftest import ROOT


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {normal(re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0]) for d in project["dependencies"]}


def imported_modules() -> dict[str, set[str]]:
    """Top-level modules imported by the engine and the hook, with the files that import them."""
    found: dict[str, set[str]] = {}
    for path in sorted([*(ROOT / "src").rglob("*.py"), *(ROOT / "hooks").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(path.relative_to(ROOT).as_posix())
    return found


def markdown_extension_modules() -> set[str]:
    """The modules of the Markdown extensions named by mkdocs.yml and the print views (``pymdownx.tasklist``)."""
    from iwe_pack.views.editor_markdown import EXTENSIONS

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and the theme's tags
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)
    named = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]] + EXTENSIONS
    return {n.split(".")[0] for n in named if "." in n}  # a bare name is one of Markdown's own


def test_every_package_the_engine_imports_is_declared_and_pinned():
    providers = metadata.packages_distributions()
    ours = {"iwe_pack", "iwe"}
    modules = set(imported_modules()) | markdown_extension_modules()
    third_party = sorted(m for m in modules if m not in sys.stdlib_module_names and m not in ours)
    assert {"yaml", "jinja2", "weasyprint", "pymdownx"} <= set(third_party)  # the reading found the imports
    wanted = declared()
    missing = {m: providers.get(m) for m in third_party if not {normal(d) for d in providers.get(m, [m])} & wanted}
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"
    pinned = {normal(line.split("==")[0]) for line in (ROOT / "constraints.txt").read_text().splitlines()
              if "==" in line and not line.startswith("#")}
    assert wanted <= pinned, f"declared but not pinned in constraints.txt: {wanted - pinned}"
