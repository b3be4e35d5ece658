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
import signal
import subprocess
import sys
import tempfile
import time
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
        return iwe_pack("--root", str(self.path), "check", *args, project=self)

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
            with _environment(**{"IWE_PDF": "0", **env}), contextlib.redirect_stderr(io.StringIO()):
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
    atexit.register(lambda: _stop_shared_builds())
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


def iwe_pack(*args: str, project: Project | None = None) -> "Outcome":
    """``iwe-pack`` with these arguments, run in this process through its public entry point (``main``), as a
    person's shell would run it, for about a tenth of the CPU of a new process (which loads every library first).
    A few tests run the installed command itself (test_print, test_packs)."""
    from iwe_pack.commands.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _environment():
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's own errors
            code = exc.code if isinstance(exc.code, int) else 1
    rest = list(args[2:] if args[:1] == ("--root",) else args)
    return Outcome(code, out.getvalue(), err.getvalue(), project, rest[0] if rest else "")


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
    os.environ.update({"NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "IWE_PACK_CACHE": str(SHARED_CACHE),
                       "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **values})
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


# The cold pair: the shipped sources built twice, each into its own folder from its own empty PDF cache.
COLD_PAIR = {"built": {}, "rebuilt": {"IWE_PACK_CACHE": str(SHARED / "rebuilt-cache")}}


def start_shared_build(name: str) -> None:
    """Start building ``name`` of the cold pair in the background, once for the whole run (the first worker to
    ask starts it; a lock file keeps the others out). It writes its log and then its exit code in its folder."""
    folder = SHARED / name
    with open(SHARED / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if folder.exists():
            return
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1", IWE_PACK_CACHE=str(SHARED_CACHE),
                   SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
        env.update(COLD_PAIR[name])
        Path(env["IWE_PACK_CACHE"]).mkdir(exist_ok=True)
        starting = SHARED / f".{name}-starting"
        shutil.rmtree(starting, ignore_errors=True)
        starting.mkdir()
        copy_project(starting / "project")
        starting.rename(folder)  # the folder exists only once its copy is whole: a worker that waits finds it so
        command = ('"$1" build --strict -f "$2" 2> "$3/log"; echo $? > "$3/returncode.part" '
                   '&& mv "$3/returncode.part" "$3/returncode"')
        try:
            proc = subprocess.Popen(["/bin/sh", "-c", command, "sh", str(BIN / "mkdocs"),
                                     str(folder / "project/mkdocs.yml"), str(folder)], cwd=folder / "project", env=env,
                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:  # the tests that wait for it fail with this, not after a long wait
            (folder / "log").write_text(f"could not start the build: {exc}", encoding="utf-8")
            (folder / "returncode").write_text("1")
            return
        (folder / "pid").write_text(str(proc.pid))


def shared_build(name: str) -> Project:
    """The cold build ``name``, waited for: a failed build fails every test that needs it, with its log."""
    start_shared_build(name)
    folder = SHARED / name
    code = folder / "returncode"
    for _ in range(18000):  # up to 30 minutes
        if code.exists():
            break
        time.sleep(0.1)
    project = Project(folder / "project")
    project.log = (folder / "log").read_text(encoding="utf-8")
    assert code.read_text().strip() == "0", project.log
    return project


def _stop_shared_builds() -> None:
    """A run that is interrupted stops the builds it started (each in its own process group)."""
    for pid in SHARED.glob("*/pid"):
        if (pid.parent / "returncode").exists():
            continue
        with contextlib.suppress(OSError, ValueError):
            os.killpg(int(pid.read_text()), signal.SIGKILL)


NICER = 5  # how much less of the CPU the tests ask for than the first cold build


UNIT = Path(__file__).resolve().parent / "unit"
BROWSER_FIXTURES = {"browser", "new_page", "_shared_context"}
BUILD_FIXTURES = {"project", "warm_cache", *COLD_PAIR}


def mark_tiers(items) -> None:
    """The rings as markers (pyproject.toml): ``unit`` for everything under tests/unit, ``browser`` for a test that
    drives Chromium, ``build`` for one that copies the project or needs a build (pytest -m unit, -m "not browser")."""
    for item in items:
        if item.path.is_relative_to(UNIT):
            item.add_marker(pytest.mark.unit)
        elif BROWSER_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.browser)
        elif BUILD_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.build)


def pytest_collection_modifyitems(config, items):
    """Mark each test's ring; start the cold pair at once if any test needs it, in the background, and run the
    tests that need it last: until then every worker has other tests to run. (Each worker sorts the same way, as
    pytest-xdist requires.)"""
    mark_tiers(items)
    needed = [name for name in COLD_PAIR if any(name in item.fixturenames for item in items)]
    if "built" in needed:
        start_shared_build("built")
    # Everything after this (the tests, and the second cold build, needed by only a few tests) yields the CPU to the
    # first cold build, which most of the tests wait for: it finishes sooner and no worker sits idle waiting.
    os.nice(NICER)
    if "rebuilt" in needed:
        start_shared_build("rebuilt")
    # A worker takes whole work units (see work_unit), in the order their first test comes: a unit waits for the
    # cold pair if any of its tests does. Of those, the units around a costly shared fixture go first, so that
    # the run does not end with one worker on the axe crawl and the other idle.
    waits = {work_unit(item.nodeid) for item in items if any(name in item.fixturenames for name in COLD_PAIR)}

    def order(item) -> tuple[bool, bool]:
        unit = work_unit(item.nodeid)
        return unit in waits, unit in waits and unit == item.nodeid

    items.sort(key=order)


# Parallel workers (pytest-xdist) take tests one by one, except where tests share a costly module fixture: those
# run in one worker, so the fixture runs once. (xdist's own --dist loadgroup reads xdist_group marks, but with
# pytest 9.2's node ids it silently stops grouping: pytest-xdist issue 1386.)
SHARED_FIXTURE_FILES = {"test_markup.py", "test_print_pages.py", "test_record_import.py"}  # the Nu checker, every
# PDF page read once, the browser's downloads
SHARED_FIXTURE_PARAMS = {"test_browser.py": ("[tablet]", "[phone]"),  # the axe crawl, at each size
                         "test_slides.py": ("[pack font]", "[fallback font]")}  # Impress, with each font


def work_unit(nodeid: str) -> str:
    """The tests that go to one worker together: a test's own id unless it shares a costly fixture."""
    file = nodeid.split("::", 1)[0].rsplit("/", 1)[-1]
    if file in SHARED_FIXTURE_FILES:
        return file
    for param in SHARED_FIXTURE_PARAMS.get(file, ()):
        if nodeid.endswith(param):
            return file + param
    return nodeid


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class SharedFixtures(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    if config.getvalue("dist") not in ("load", "loadgroup"):
        return None
    config.option.loadscopereorder = False  # keep the order pytest_collection_modifyitems gave, not biggest first
    return SharedFixtures(config, log)


@pytest.fixture(scope="session")
def built() -> Project:
    """The shipped sources, built once (cold: it fills the shared cache) for the tests that only read the site."""
    return shared_build("built")


@pytest.fixture(scope="session")
def rebuilt(built) -> Project:
    """The same sources built again from nothing (an empty cache, a new folder): the other half of the one cold
    pair, for the tests of reproducibility, the cache and releases."""
    project = shared_build("rebuilt")
    project.cache = Path(COLD_PAIR["rebuilt"]["IWE_PACK_CACHE"])
    return project


@pytest.fixture
def warm_cache(built) -> Path:
    """The shared PDF cache once it holds every PDF of the shipped sources: for a test that builds PDFs of its own
    and should render only what it changed."""
    return SHARED_CACHE


from browser import _shared_context, browser, new_page, site_url, site_url_with_search  # noqa: E402,F401  (fixtures for the browser tests)
