"""The test tools pinned in package-lock.json (axe-core, the Nu HTML checker), installed by `make test` (npm ci)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT

NODE_MODULES = ROOT / "node_modules"


def missing(message: str):
    """Fail on CI, where .ci/run installs everything; skip on a machine without the tool, saying how to get it."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def tool(package: str, rel: str) -> Path:
    """A file of an npm package, at the version package-lock.json pins."""
    path = NODE_MODULES / package / rel
    if not path.exists():
        missing(f"{package} is not installed: run 'make test' (it runs npm ci), or 'npm ci --ignore-scripts'.")
    return path


def pinned(package: str) -> str:
    """The exact version package-lock.json pins."""
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"][f"node_modules/{package}"]["version"]


def axe_script() -> Path:
    return tool("axe-core", "axe.min.js")


def vnu_jar() -> Path:
    jar = tool("vnu-jar", "build/dist/vnu.jar")
    if not shutil.which("java"):
        missing("Java is not installed, so the Nu HTML checker cannot run: sudo apt-get install default-jre-headless")
    return jar
