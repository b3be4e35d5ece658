"""Kill-safe output: a build that fails, is aborted or is killed leaves the last good site byte for byte;
an output folder that cannot be written stops the build at once with one clear line."""

from __future__ import annotations

import hashlib
import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest

from conftest import BIN, assert_clean_failure, copy_project
from iwe_pack.outputs.site_swap import SiteSwap
from pdfutil import info, needs_poppler

PAGE = "content/before-the-day.md"


def digest(site: Path) -> dict[str, str]:
    """Every file of the site and the hash of its bytes."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """Folders a build keeps beside the site while it runs (there after a build only if it was killed)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site-"))


def good_build(project) -> dict[str, str]:
    result = project.build_here()  # pages only, in this process: quick, and enough to be the last good site
    assert result.returncode == 0, result.stderr
    site = digest(project.path / "site")
    assert len(site) > 50
    return site


@pytest.mark.parametrize("bad, said", [
    # found while pages are written: MkDocs had already emptied site/ by then
    ("![A chart](../outside.png)", ["points outside content/"]),
    # a --strict warning: MkDocs counts it only after the last build event
    ("See [the missing page](missing.md).", ["'missing.md'", "Aborted with 1 warnings in strict mode"]),
])
def test_a_failed_build_leaves_the_last_site_and_the_next_good_one_replaces_it(project, bad, said):
    first = good_build(project)
    original = project.read(PAGE)
    project.write(PAGE, f"{original}\n{bad}\n")
    if "outside" in bad:
        said = [f"{PAGE}, line {project.line_of(PAGE, bad)}", *said]
    assert_clean_failure(project.build(IWE_PDF="0"), *said)
    assert digest(project.path / "site") == first
    assert leftovers(project.path) == []
    project.write(PAGE, f"{original}\nA sentence new to this build.\n")
    assert project.build_here().returncode == 0
    assert "A sentence new to this build." in project.page("before-the-day.html")
    assert leftovers(project.path) == []


@needs_poppler
def test_a_build_killed_while_rendering_pdfs_leaves_the_last_site_and_no_broken_file(project, tmp_path):
    first = good_build(project)
    cache = tmp_path / "cache"  # empty: the PDFs must render
    scratch = tmp_path / "tmp"  # a killed process cannot remove its temporary files: keep them out of /tmp
    scratch.mkdir()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1", IWE_PACK_CACHE=str(cache), TMPDIR=str(scratch))
    proc = subprocess.Popen([str(BIN / "mkdocs"), "build", "--strict", "-f", str(project.path / "mkdocs.yml")],
                            cwd=project.path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        for line in proc.stderr:  # wait until PDFs are being written, then kill everything at once
            if (n := re.search(rb"Print-offs: (\d+)/", line)) and int(n.group(1)) >= 5:
                break
        else:
            pytest.fail("the build ended before it had rendered 5 PDFs")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert digest(project.path / "site") == first
    left = leftovers(project.path)  # the killed build's own folder, and nothing else
    assert left and all(n.startswith(f".site-building-{proc.pid}-") for n in left), left
    for pdf in cache.rglob("*.pdf"):  # what the cache kept is whole
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF"), pdf
        info(pdf)
    for z in cache.rglob("*.zip"):
        with zipfile.ZipFile(z) as archive:
            assert archive.testzip() is None
    assert project.build(IWE_PDF="0").returncode == 0  # the next build works and clears what was left
    assert leftovers(project.path) == []


def test_a_site_lost_mid_swap_is_restored_by_the_next_build(tmp_path):
    """Killed between its two renames, a build leaves no site, the old one aside and the new one beside it."""
    dead = subprocess.Popen(["true"])
    dead.wait()
    for kind, text in (("previous", "the last good site"), ("building", "a new site")):
        (tmp_path / f".site-{kind}-{dead.pid}-0a1b2c").mkdir()
        (tmp_path / f".site-{kind}-{dead.pid}-0a1b2c/index.html").write_text(text)
    (tmp_path / f".site-building-{os.getpid()}-0a1b2c").mkdir()  # a build still running: not touched
    swap = SiteSwap.begin(tmp_path / "site")
    try:
        assert (tmp_path / "site/index.html").read_text() == "the last good site"
        assert leftovers(tmp_path) == sorted([f".site-building-{os.getpid()}-0a1b2c", swap.fresh.name])
    finally:
        swap.discard()
    assert leftovers(tmp_path) == [f".site-building-{os.getpid()}-0a1b2c"]


def test_an_output_folder_that_cannot_be_written_gets_one_clear_line():
    """As root, permission bits do not stop writes: the build then runs as the unprivileged user nobody."""
    root = os.geteuid() == 0
    if root and not shutil.which("setpriv"):
        pytest.skip("setpriv (util-linux) is needed to build as an unprivileged user")
    nobody = pwd.getpwnam("nobody") if root else None
    as_builder = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"] if root else []
    if root and subprocess.run([*as_builder, str(BIN / "python"), "-c", "import mkdocs, iwe_pack"]).returncode:
        pytest.skip(f"the user nobody cannot run this checkout's Python ({BIN}): its folders are not readable")

    def writable(folder: Path, yes: bool, tree: bool = False) -> None:
        """Let the builder write in ``folder`` (and, with ``tree``, every folder in it), or not."""
        for p in [folder, *(folder.rglob("*") if tree else [])]:
            if root:
                os.chown(p, nobody.pw_uid if yes else 0, -1, follow_symlinks=False)
            elif p.is_dir():
                os.chmod(p, 0o755 if yes else 0o555)

    home = Path(tempfile.mkdtemp(prefix="iwe-pack-output-"))  # not under pytest's folder: only root may enter it
    os.chmod(home, 0o755)
    try:
        project = copy_project(home / "project")
        first = good_build(project)
        site = project.path / "site"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1", IWE_PDF="0", IWE_PACK_CACHE=str(home / "cache"))
        for parent_ok, said in ((True, f"Cannot replace the site in {site}: cannot change the folder {site} "
                                       "(permission denied)"),
                                (False, f"Cannot build the site into {site}: cannot write in the folder "
                                        f"{project.path} (permission denied)")):
            writable(project.path, parent_ok)
            writable(site, not parent_ok, tree=True)
            result = subprocess.run([*as_builder, str(BIN / "mkdocs"), "build", "--strict"], cwd=project.path,
                                    env=env, capture_output=True, text=True, timeout=120)
            out = assert_clean_failure(result, said, "Make ", "mkdocs build -d FOLDER")
            lines = [line for line in out.splitlines() if line.strip() and line != "Aborted with a BuildError!"]
            assert len(lines) == 1, out  # one line (and MkDocs' own last word)
            assert digest(site) == first
            assert leftovers(project.path) == []
    finally:
        for p in [home, *home.rglob("*")]:
            if p.is_dir() and not p.is_symlink():
                os.chmod(p, 0o755)
        shutil.rmtree(home)
