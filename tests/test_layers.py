"""The package's layout is its pipeline: each layer imports only the layers below it, and no module imports
itself round a cycle. Read from the code's own import statements (every import, also those inside functions)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "iwe_pack"
HOOKS = Path(__file__).resolve().parents[1] / "hooks"
# lowest first: a layer may import itself and any layer before it
LAYERS = ["diagnostics", "sources", "checks", "model", "views", "outputs", "commands"]


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """The iwe_pack modules that ``path`` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path).split(".") if path.is_relative_to(PACKAGE) else [path.stem]
    package = here if path.name == "__init__.py" else here[:-1]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "iwe_pack"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "iwe_pack":
                continue
            names = [f"{target}.{a.name}" for a in node.names]
            known = {module_name(p) for p in PACKAGE.rglob("*.py")}
            out |= {n for n in names if n in known} or {target}
    return out


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in PACKAGE.rglob("*.py")}


def test_every_module_sits_in_a_layer():
    loose = [m for m in graph() if m not in ("iwe_pack", "iwe_pack.__main__") and layer(m) is None]
    assert loose == [], f"modules outside the layers {LAYERS}: {loose}"


def test_layers_point_one_way():
    wrong = []
    for module, targets in graph().items():
        mine = layer(module)
        if mine is None:
            continue
        for target in targets:
            theirs = layer(target)
            if theirs is None and target != "iwe_pack":
                continue
            if target == "iwe_pack" or LAYERS.index(theirs) > LAYERS.index(mine):
                wrong.append(f"{module} ({mine}) imports {target} ({theirs or 'the package face'})")
    assert wrong == [], "imports that point up the pipeline:\n" + "\n".join(wrong)


def test_no_import_cycle():
    g = graph()
    seen, stack, cycles = set(), [], []

    def visit(node):
        if node in stack:
            cycles.append(stack[stack.index(node):] + [node])
            return
        if node in seen:
            return
        seen.add(node)
        stack.append(node)
        for target in g.get(node, ()):
            if target in g:
                visit(target)
        stack.pop()

    for node in sorted(g):
        visit(node)
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_no_module_is_named_like_a_library_or_standard_module():
    import sys

    clash = sorted(p.stem for p in PACKAGE.rglob("*.py")
                   if p.stem in sys.stdlib_module_names or p.stem in {"yaml", "markdown", "jinja2", "weasyprint",
                                                                       "strictyaml", "pptx", "mkdocs"})
    assert clash == [], f"modules that shadow a library's name: {clash}"


def test_the_hook_only_adapts():
    """hooks/iwe.py keeps no module state and imports the engine's entry points, not its internals."""
    tree = ast.parse((HOOKS / "iwe.py").read_text(encoding="utf-8"))
    state = [t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
             for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
             if isinstance(t, ast.Name) and t.id not in ("log", "BUILD", "T")]
    assert state == [], f"module-level state in the hook: {state}"
    assert not any(isinstance(n, ast.Global) for n in ast.walk(tree)), "the hook uses 'global'"
    engine = imports(HOOKS / "iwe.py")
    assert engine <= {"iwe_pack.diagnostics.record", "iwe_pack.outputs.atomic", "iwe_pack.outputs.site_build",
                      "iwe_pack.sources.settings", "iwe_pack.views.print_jobs"}, engine
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    untyped = [f.name for f in functions if f.returns is None]
    assert untyped == [], f"hook functions without type hints: {untyped}"
