"""Sharding is real: packs built in parallel shards, each into its own cache, then one build over the caches put
together, make the very site (byte for byte) that one build on one machine makes, and that last build renders
nothing. This is how the release workflow builds (its shard and release jobs)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

from conftest import BIN, ROOT, copy_project, run


def tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def kept(cache: Path) -> set[str]:
    return {p.relative_to(cache).as_posix() for p in cache.rglob("*") if p.is_file()
            and p.relative_to(cache).parts[0] in ("pdf", "pptx-made", "zip")}


def test_two_shards_put_together_make_the_site_one_build_makes(built, tmp_path):
    shards = subprocess.run([str(BIN / "iwe-pack"), "--root", str(ROOT), "shards", "2"], capture_output=True,
                            text=True, check=True).stdout.splitlines()
    assert len(shards) == 2 and all(shards) and sorted(" ".join(shards).split()) == sorted(
        p.stem for p in (ROOT / "packs").glob("*.yml"))
    merged = tmp_path / "merged"
    merged.mkdir()
    for i, packs in enumerate(shards):
        project = copy_project(tmp_path / f"shard-{i}")
        cache = tmp_path / f"cache-{i}"
        result = run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(project.path / "mkdocs.yml")],
                     cwd=project.path, IWE_PACKS=packs, IWE_PACK_CACHE=str(cache))
        assert result.returncode == 0, result.stderr[-2000:]
        shutil.copytree(cache, merged, dirs_exist_ok=True)
    before = kept(merged)
    whole = copy_project(tmp_path / "whole")
    result = run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(whole.path / "mkdocs.yml")], cwd=whole.path,
                 IWE_PACK_CACHE=str(merged))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "rendered" not in result.stderr  # no PDF made: every one came from a shard
    assert kept(merged) == before  # nor any deck or zip
    assert tree(whole.path / "site") == tree(built.path / "site")
