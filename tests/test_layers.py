"""The package's layout is its pipeline: each layer imports only the layers below it, and no module imports
itself round a cycle. Read from the code's own import statements (every import, also those inside functions)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "iwe_pack"
HOOKS = Path(__file__).resolve().parents[1] / "hooks"
# lowest first: a layer may import itself and any layer before it
LAYERS = ["diagnostics", "sources", "checks", "model", "load", "views", "outputs", "commands"]


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
    assert engine <= {"iwe_pack.diagnostics.problems", "iwe_pack.outputs.atomic", "iwe_pack.outputs.site_build",
                      "iwe_pack.sources.settings", "iwe_pack.sources.markdown_config", "iwe_pack.views.print_jobs"}, engine
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    untyped = [f.name for f in functions if f.returns is None]
    assert untyped == [], f"hook functions without type hints: {untyped}"


# The model and the views take values and return values: reading files is the sources' work, and every rule the
# checks'. Calls that touch the file system, and modules that would (os, shutil, io's open).
FILE_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "iterdir", "glob", "rglob", "exists",
              "is_file", "is_dir", "mkdir", "unlink", "rename", "replace", "stat", "touch", "rmdir", "resolve"}
FILE_MODULES = {"os", "shutil", "tempfile", "glob"}  # (io is also in-memory bytes: its open is caught as a call)
# The model's loader, which still reads files (through sources/) and calls the checks: issue #28 moves the reading
# to sources/ and the rules to checks/. The list may only shrink: a module not in it that breaks the rule, or one
# in it that no longer does, fails the test below.
STILL_LOADING: set[str] = set()  # every loader now sits in load/


def file_access(path: Path) -> list[str]:
    """Where ``path`` touches files: a call such as ``p.read_text()`` or ``open(...)``, or an import of ``os``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            method = isinstance(node.func, ast.Attribute)  # p.read_text(): a bare read_text(p) is the sources' own
            name = node.func.attr if method else getattr(node.func, "id", None)
            if name in FILE_CALLS and (method or name == "open") and (name != "replace" or _path_replace(node)):
                found.append(f"line {node.lineno}: {name}()")
        elif isinstance(node, ast.Import):
            found += [f"line {node.lineno}: import {a.name}" for a in node.names if a.name.split(".")[0] in FILE_MODULES]
        elif isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").split(".")[0] in FILE_MODULES:
            found.append(f"line {node.lineno}: from {node.module} import")
    return found


def _path_replace(call: ast.Call) -> bool:
    """Whether a ``replace`` call may be Path.replace (a rename): a method given one target, not ``text.replace(a,
    b)``, ``dataclasses.replace(obj, ...)`` or a bare ``replace(obj, field=...)``."""
    func = call.func
    return (isinstance(func, ast.Attribute) and len(call.args) == 1 and not call.keywords
            and not (isinstance(func.value, ast.Name) and func.value.id == "dataclasses"))


def test_the_model_and_views_read_no_files_and_call_no_checks():
    wrong, still = [], set()
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        if layer(module) not in ("model", "views"):
            continue
        problems = [f"imports {t}" for t in sorted(imports(path)) if layer(t) == "checks"] + file_access(path)
        if problems and module in STILL_LOADING:
            still.add(module)
        elif problems:
            wrong += [f"{module}: {p}" for p in problems]
    assert wrong == [], "the model and the views take values and return values:\n" + "\n".join(wrong)
    assert still == STILL_LOADING, f"no longer loading (remove from STILL_LOADING): {sorted(STILL_LOADING - still)}"


def test_the_loader_opens_no_file_itself():
    """One loader (load/) reads through sources/ (sources/files.py finds and reads the project's files), then
    calls the checks and makes the model."""
    found = [f"{module_name(p)}: {where}" for p in sorted((PACKAGE / "load").rglob("*.py")) for where in file_access(p)]
    assert found == [], "reading files is the sources' work:\n" + "\n".join(found)


def test_file_access_finds_reads_and_leaves_string_replace_alone(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom shutil import copy\nx = 'a'.replace('a', 'b')\nPath('f').read_text()\n"
                      "open('g')\np.replace(q)\nreplace(plan, slug='x')\nread_text(p, errors)\n", encoding="utf-8")
    assert file_access(sample) == ["line 1: import os", "line 2: from shutil import", "line 4: read_text()",
                                   "line 5: open()", "line 6: replace()"]


MUTATING = {"append", "add", "update", "setdefault", "pop", "clear", "extend", "remove", "insert", "discard", "popitem"}


def module_state(path: Path) -> list[str]:
    """Where a module keeps state of its own: a 'global' statement, an object of a class of its own made at module
    level (a cache or registry others reach through the module), or a container made at module level (a list, dict
    or set) that the module changes later (item assignment, or a method such as append)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    containers = set()
    classes = {node.name for node in tree.body if isinstance(node, ast.ClassDef) and _holds_state(node)}
    for node in tree.body:
        if (isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Name) and node.value.func.id in classes):
            names = node.targets if isinstance(node, ast.Assign) else [node.target]
            found_names = ", ".join(t.id for t in names if isinstance(t, ast.Name))
            containers.add(f"line {node.lineno}: {found_names} = {node.value.func.id}()")
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            value = node.value
            mutable = isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)) or (
                isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
                and value.func.id in ("dict", "list", "set", "defaultdict", "Counter", "OrderedDict"))
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if mutable:
                containers |= {t.id for t in targets if isinstance(t, ast.Name)}
    found = sorted(c for c in containers if c.startswith("line "))  # an object of the module's own class
    containers -= set(found)
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found.append(f"line {node.lineno}: global {', '.join(node.names)}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and isinstance(node.func.value, ast.Name) and node.func.value.id in containers
              and node.func.attr in MUTATING):
            found.append(f"line {node.lineno}: {node.func.value.id}.{node.func.attr}(...)")
        elif isinstance(node, (ast.Assign, ast.AugAssign)):
            for t in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id in containers:
                    found.append(f"line {node.lineno}: {t.value.id}[...] =")
    return found


def _holds_state(cls: ast.ClassDef) -> bool:
    """Whether objects of a class can be changed: it sets attributes in a method, or is a dataclass that is not
    frozen (a frozen value, or a marker with no fields, is a constant)."""
    for deco in cls.decorator_list:
        if isinstance(deco, ast.Call) and getattr(deco.func, "id", "") == "dataclass":
            frozen = any(k.arg == "frozen" and getattr(k.value, "value", False) for k in deco.keywords)
            return not frozen and any(isinstance(n, ast.AnnAssign) for n in cls.body)
        if getattr(deco, "id", "") == "dataclass":
            return any(isinstance(n, ast.AnnAssign) for n in cls.body)
    return any(isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and any(
        isinstance(t, ast.Attribute) and getattr(t.value, "id", "") == "self"
        for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))
        for method in cls.body if isinstance(method, ast.FunctionDef) for n in ast.walk(method))


def test_the_engine_keeps_no_module_level_state():
    """Caches live on the build or in the cache folder: no module changes a container of its own, or a global."""
    found = [f"{module_name(p)} {where}" for p in sorted(PACKAGE.rglob("*.py")) for where in module_state(p)]
    assert found == [], "module-level state:\n" + "\n".join(found)


def test_module_state_finds_a_registry_and_a_global(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("SEEN = []\nCOUNTS: dict = {}\nN = 0\n\ndef f(x):\n    global N\n    SEEN.append(x)\n"
                      "    COUNTS[x] = 1\n    local = []\n    local.append(x)\n\nclass Kept:\n    def __init__(self):\n"
                      "        self.shelf = None\n\nclass Marker:\n    pass\n\nKEPT = Kept()\nNOTHING = Marker()\n"
                      "PLAIN = str(1)\n", encoding="utf-8")
    assert sorted(w.split(": ", 1)[1] for w in module_state(sample)) == [
        "COUNTS[...] =", "KEPT = Kept()", "SEEN.append(...)", "global N"]
