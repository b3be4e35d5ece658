"""Fixtures: a copy of the project to change, and the two public entry points
(the ``iwe-pack`` command and ``mkdocs build``) run as a person runs them."""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import io
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
COPY = ["mkdocs.yml", "content", "overrides", "hooks", "packs", "CHANGELOG.md", "CONTRIBUTING.md"]


class Project:
    def __init__(self, path: Path):
        self.path = path

    def file(self, rel: str) -> Path:
        return self.path / rel

    def read(self, rel: str) -> str:
        return self.file(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        self.file(rel).parent.mkdir(parents=True, exist_ok=True)
        self.file(rel).write_text(text, encoding="utf-8")

    def replace(self, rel: str, old: str, new: str, count: int = 1) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, count))

    def line_of(self, rel: str, needle: str) -> int:
        for n, line in enumerate(self.read(rel).splitlines(), start=1):
            if needle in line:
                return n
        raise AssertionError(f"{needle!r} not in {rel}")

    def check(self, *args: str) -> "Outcome":
        """``iwe-pack check`` on this project, run in this process (its public entry point, ``main``)."""
        from iwe_pack.commands.cli import main

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _environment():
            code = main(["--root", str(self.path), "check", *args])
        return Outcome(code, out.getvalue(), err.getvalue(), self, "check")

    def build(self, **env: str) -> subprocess.CompletedProcess:
        """``mkdocs build --strict`` as a person runs it, in a new process."""
        return run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(self.path / "mkdocs.yml")], cwd=self.path,
                   **env)

    def build_here(self, **env: str) -> "Outcome":
        """``mkdocs build --strict`` in this process: quick where the build stops early or makes pages only."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import Abort

        log = io.StringIO()
        handler = logging.StreamHandler(log)
        handler.setLevel(logging.WARNING)
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        code = 0
        try:
            with _environment(IWE_PDF="0", **env), contextlib.redirect_stderr(io.StringIO()):
                build(load_config(config_file=str(self.path / "mkdocs.yml"), strict=True))
        except Abort as exc:
            code = 1
            log.write(f"{exc}\n")
        finally:
            logger.removeHandler(handler)
        return Outcome(code, "", log.getvalue(), self, "build")

    def page(self, rel: str) -> str:
        return (self.path / "site" / rel).read_text(encoding="utf-8")


# The suite runs in parallel workers (pytest-xdist, one per core). Whatever is built once for the whole run
# lives in one folder shared by every worker: the first process to load this file makes it and removes it at
# exit; the workers it starts inherit its name.
if not os.environ.get("IWE_TEST_SHARED"):
    os.environ["IWE_TEST_SHARED"] = tempfile.mkdtemp(prefix="iwe-pack-test-")
    atexit.register(shutil.rmtree, os.environ["IWE_TEST_SHARED"], True)
SHARED = Path(os.environ["IWE_TEST_SHARED"])
# Rendered PDFs are cached by content hash, so tests share one cache: only what a
# test changes is rendered again. Every build is dated (as a release is), so the
# one cold build of the shipped sources (``built``) fills the cache for all.
SHARED_CACHE = SHARED / "cache"
SHARED_CACHE.mkdir(exist_ok=True)
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01, written into every PDF and zip the tests make


def run(cmd: list[str], cwd: Path, **env_extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1", IWE_PACK_CACHE=str(SHARED_CACHE),
               SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    env.update(env_extra)
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def copy_project(dest: Path) -> Project:
    dest.mkdir()
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return Project(dest)


@dataclass
class Outcome:
    """What a command run in this process returned and printed."""

    returncode: int
    stdout: str
    stderr: str
    project: "Project"
    command: str


def problems(text: str) -> list[str]:
    """The problem lines of a failure report (each '- file, line ...: message' with its continuation)."""
    out, current = [], None
    for line in strip_ansi(text).splitlines():
        if line.startswith("- "):
            current = line
            out.append(current)
        elif current is not None and line.startswith("  "):
            out[-1] += "\n" + line
        else:
            current = None
    return out


def assert_clean_failure(result, *needles) -> str:
    """The command failed, said each of ``needles``, and showed no Python traceback; return what it said.

    A failed ``iwe-pack check`` must also fail ``mkdocs build --strict`` of the same sources with the very
    same problems: the check runs the build's own validation, so this holds for every source-error test.
    """
    out = strip_ansi(result.stdout + result.stderr)
    assert result.returncode != 0, out
    assert "Traceback" not in out, out
    for needle in needles:
        assert needle in out, f"{needle!r} not in:\n{out}"
    if isinstance(result, Outcome) and result.command == "check":
        built = result.project.build_here()
        said = strip_ansi(built.stderr)
        assert built.returncode != 0, f"the check failed but the build did not:\n{out}"
        assert "Traceback" not in said, said
        assert problems(said) == problems(out), f"the build said:\n{said}\nthe check said:\n{out}"
    return out


@contextlib.contextmanager
def _environment(**values: str):
    """The variables a person's shell would set (and the tests' shared PDF cache), for a run in this process."""
    saved = dict(os.environ)
    os.environ.update(NO_MKDOCS_2_WARNING="1", NO_COLOR="1", IWE_PACK_CACHE=str(SHARED_CACHE),
                      SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, **values)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


@pytest.fixture
def project(tmp_path) -> Project:
    """A fresh copy of the shipped sources, to change and build."""
    return copy_project(tmp_path / "project")


def shared_build(name: str, **env: str) -> Project:
    """The shipped sources built once for the whole run, whichever worker asks first; the others wait for it
    (a lock file) and read the same site. A failed build fails every test that needs it, with its log."""
    folder = SHARED / name
    with open(SHARED / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        log, code = folder / "log", folder / "returncode"
        if not code.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            project = copy_project(folder / "project")
            result = project.build(**env)
            log.write_text(result.stderr, encoding="utf-8")
            code.write_text(str(result.returncode))
    project = Project(folder / "project")
    project.log = log.read_text(encoding="utf-8")
    assert code.read_text() == "0", project.log
    return project


@pytest.fixture(scope="session")
def built() -> Project:
    """The shipped sources, built once (cold: it fills the shared cache) for the tests that only read the site."""
    return shared_build("built")


@pytest.fixture(scope="session")
def rebuilt(built) -> Project:
    """The same sources built again from nothing (an empty cache, a new folder): the other half of the one cold
    pair, for the tests of reproducibility, the cache and releases."""
    cache = SHARED / "rebuilt-cache"
    cache.mkdir(exist_ok=True)
    project = shared_build("rebuilt", IWE_PACK_CACHE=str(cache))
    project.cache = cache
    return project


from browser import browser, site_url  # noqa: E402,F401  (fixtures for the browser tests)
