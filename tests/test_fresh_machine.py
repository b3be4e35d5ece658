"""A fresh machine builds with the README alone: the Debian packages are listed once (debian-packages.txt), the
Makefile and CI install or name them, and a build on a machine without a library says so in a line, not hundreds.

The library tests hide a library the way a machine without its package would look to the build: in a private
mount namespace, the library's file is covered with /dev/null (as root, as CI runs; elsewhere they are skipped,
saying why).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, ROOT, SOURCE_DATE_EPOCH, copy_project
from iwe_pack.checks import system

LIST = ROOT / "debian-packages.txt"
SCRIPT = ROOT / ".ci/debian-packages"


def listed() -> dict[str, str]:
    """{package: what needs it} from debian-packages.txt."""
    rows = [line.split() for line in LIST.read_text().splitlines() if line.strip() and not line.startswith("#")]
    return {row[0]: row[1] for row in rows}


def test_every_library_the_build_loads_is_in_the_list_for_the_build():
    packages = listed()
    for _, package in (*system.REQUIRED, system.SUBSETTER):
        assert packages.get(package, "").startswith("build"), package


def test_the_makefile_ci_and_workflow_read_the_list():
    assert "sh .ci/debian-packages ensure build" in (ROOT / "Makefile").read_text()
    assert "sh .ci/debian-packages ensure test" in (ROOT / "Makefile").read_text()
    assert "sh .ci/debian-packages ensure test" in (ROOT / ".ci/run").read_text()
    assert "debian-packages.txt" in (ROOT / "README.md").read_text()
    listed_build = subprocess.run(["/bin/sh", str(SCRIPT), "list", "build"], capture_output=True, text=True, check=True)
    assert set(listed_build.stdout.split()) == {p for p, need in listed().items() if need.startswith("build")}


def fake_tools(tmp_path: Path, installed: set[str], uid: int = 1000) -> dict[str, str]:
    """A PATH whose dpkg-query knows only ``installed`` packages, whose ``id -u`` says ``uid``, and whose apt-get
    writes down what it was asked (nothing is installed for real)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "dpkg-query").write_text(
        "#!/bin/sh\nfor p; do :; done\ncase \" " + " ".join(sorted(installed)) + " \" in *\" $p \"*) printf installed ;; "
        "*) exit 1 ;; esac\n")
    (bin_dir / "apt-get").write_text(f"#!/bin/sh\necho \"$@\" >> {tmp_path}/apt-get.log\n")
    (bin_dir / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    return dict(os.environ, PATH=f"{bin_dir}:/usr/bin:/bin")


def ensure(need: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", str(SCRIPT), "ensure", need], env=env, capture_output=True, text=True)


def test_make_build_names_a_missing_package_and_the_command_to_install_it(tmp_path):
    everything = set(listed())
    result = ensure("build", fake_tools(tmp_path, everything - {"libpango-1.0-0", "libharfbuzz-subset0"}))
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert "sudo apt-get install libpango-1.0-0 libharfbuzz-subset0" in said and len(said.splitlines()) == 2
    assert not (tmp_path / "apt-get.log").exists()
    # the subsetter alone only makes the build quicker: the build goes on (and says once how to install it)
    result = ensure("build", fake_tools(tmp_path / "fast", everything - {"libharfbuzz-subset0"}))
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_as_root_make_test_installs_what_is_missing(tmp_path):
    result = ensure("test", fake_tools(tmp_path, set(listed()) - {"chromium", "zbar-tools"}, uid=0))
    assert result.returncode == 0, result.stdout + result.stderr
    asked = (tmp_path / "apt-get.log").read_text().splitlines()
    assert asked[-1].startswith("install -y") and asked[-1].split()[-2:] == ["chromium", "zbar-tools"]


def test_nodejs_and_npm_are_left_out_where_npm_already_runs(tmp_path):
    """NodeSource's nodejs includes npm and conflicts with Debian's npm package: where npm runs, neither is asked for."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sh", "awk", "dirname", "cat"):  # what the script uses, and no npm
        (bin_dir / tool).symlink_to(shutil.which(tool))
    env = dict(os.environ, PATH=str(bin_dir))
    without = subprocess.run(["sh", str(SCRIPT), "list", "test"], env=env, capture_output=True, text=True)
    (bin_dir / "npm").write_text("#!/bin/sh\n")
    (bin_dir / "npm").chmod(0o755)
    with_npm = subprocess.run(["sh", str(SCRIPT), "list", "test"], env=env, capture_output=True, text=True)
    assert {"nodejs", "npm"} <= set(without.stdout.split()), without.stderr
    assert "npm" not in with_npm.stdout.split() and "nodejs" not in with_npm.stdout.split()
    assert "chromium" in with_npm.stdout.split()


def library_file(soname: str) -> Path | None:
    for folder in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib"):
        path = Path(folder) / soname
        if path.exists():
            return path.resolve()
    return None


def hidden_build(project, soname: str, **env: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` on a machine where ``soname`` cannot be loaded."""
    target = library_file(soname)
    if os.geteuid() != 0 or not shutil.which("unshare") or target is None:
        pytest.skip(f"hiding {soname} needs root, unshare and the library itself")
    script = 'mount --bind /dev/null "$1" && shift && exec "$@"'
    command = ["unshare", "--mount", "sh", "-c", script, "sh", str(target), str(BIN / "mkdocs"), "build", "--strict"]
    environ = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, **env)
    return subprocess.run(command, cwd=project.path, env=environ, capture_output=True, text=True, timeout=900)


def test_without_harfbuzz_subset_the_build_makes_the_pdfs_and_says_so_once(tmp_path):
    project = copy_project(tmp_path / "project")
    result = hidden_build(project, "libharfbuzz-subset.so.0", IWE_PACKS="ynys-mon",
                          IWE_PACK_CACHE=str(tmp_path / "cache"))
    said = result.stdout + result.stderr
    assert result.returncode == 0, said[-3000:]
    assert said.count("libharfbuzz-subset0") == 1, said
    assert "fontTools instead" not in said and "DeprecationWarning" not in said and "Traceback" not in said
    other = [line for line in said.splitlines() if not re.search(r"Print-offs: \d+/\d+ rendered", line)]
    assert len(other) < 12, "\n".join(other)
    agenda = project.path / "site/downloads/ynys-mon/ynys-mon-attendee-agenda.pdf"
    fonts = subprocess.run(["pdffonts", str(agenda)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(re.match(r"[A-Z]{6}\+", row[0]) for row in rows), fonts  # every font embedded as a subset


def test_without_pango_the_build_stops_at_once_naming_the_package(tmp_path):
    project = copy_project(tmp_path / "project")
    (project.path / "site").mkdir()
    (project.path / "site/index.html").write_text("the last good site")
    result = hidden_build(project, "libpango-1.0.so.0", IWE_PACK_CACHE=str(tmp_path / "cache"))
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert len(said.splitlines()) < 40, said
    assert "cannot make PDFs without libpango-1.0.so.0" in said and "not installed here" in said
    assert "sudo apt-get install libpango-1.0-0" in said and "Traceback" not in said
    assert "WeasyPrint could not import" not in said
    assert (project.path / "site/index.html").read_text() == "the last good site"
