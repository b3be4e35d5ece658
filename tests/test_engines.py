"""Two site engines, one site: MkDocs and ProperDocs (MkDocs 1.6's maintained fork) build the same bytes.

Material for MkDocs is at the end of its life and MkDocs 1.6 has no more releases; ProperDocs runs
hooks/iwe.py and the theme unchanged. The one difference the engines make on purpose is the page's
<meta name="generator">, which names the engine: the comparison reads it out of every page (and every page
inside the offline copy) and checks each engine named itself.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from conftest import BIN, copy_project, run

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def normalised(name: str, data: bytes, engines: set) -> bytes:
    """A file's bytes with the engine's name taken out of its generator tag (and out of each page of a zip)."""
    if name.endswith(".html"):
        found = GENERATOR.search(data)
        if found:
            engines.add(found.group(1).decode().split(",")[0])
        return GENERATOR.sub(b'<meta name="generator" content="ENGINE">', data)
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return b"".join(n.encode() + b"\0" + normalised(n, z.read(n), engines) for n in sorted(z.namelist()))
    return data


def tree(site: Path, engines: set) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): normalised(p.name, p.read_bytes(), engines)
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_mkdocs_and_properdocs_build_the_same_site(built, tmp_path):
    project = copy_project(tmp_path / "project")
    result = run([str(BIN / "properdocs"), "build", "--strict", "-f", str(project.path / "mkdocs.yml")],
                 cwd=project.path)
    assert result.returncode == 0, result.stderr
    # what the engine says as it builds reaches the person: the engine's own messages and the pack's
    assert "The new site is in" in result.stderr and "Documentation built" in result.stderr
    mkdocs_engines, properdocs_engines = set(), set()
    first = tree(built.path / "site", mkdocs_engines)
    second = tree(project.path / "site", properdocs_engines)
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert differ == []
    assert mkdocs_engines == {"mkdocs-1.6.1"}
    assert len(properdocs_engines) == 1 and next(iter(properdocs_engines)).startswith("mkdocs-ProperDocs 1.6")


def test_a_strict_properdocs_build_with_a_warning_keeps_the_last_site(tmp_path):
    """The hook listens for warnings on the engine's own logger: under ProperDocs too, a build that --strict will
    stop does not swap its site in."""
    project = copy_project(tmp_path / "project")
    (project.path / "site").mkdir()
    (project.path / "site" / "index.html").write_text("the last good site")
    project.write("content/index.md", project.read("content/index.md") + "\n[A broken link](no-such-page.md)\n")
    result = run([str(BIN / "properdocs"), "build", "--strict", "-f", str(project.path / "mkdocs.yml")],
                 cwd=project.path, IWE_PDF="0")
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr
    assert (project.path / "site" / "index.html").read_text() == "the last good site"
