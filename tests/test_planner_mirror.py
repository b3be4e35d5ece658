"""The browser's planner is a mirror a reader can check against the engine, one JavaScript file per model module.

Each function of a mirror file (overrides/assets/javascripts/planner-*.js and planner.js) is the Python function of
the same name in camelCase, in the module the file mirrors ("_" helpers without their underscore); the few whose
twin has another name (a property, a method) are listed here with it, and the twin must exist. The other way
round, each function of those modules has a twin in the browser, or is listed below with why it has none (most
because the engine exports what it computes, so the browser does not work it out again). The behaviour is held by
the agreement tests (tests/test_plan_page.py, test_big_room.py): this test holds the shape a reader follows.
"""

from __future__ import annotations

import inspect
import re

import pytest

from conftest import ROOT
from iwe_pack.model import advice, plan, planner, steps

JS = ROOT / "overrides" / "assets" / "javascripts"

MIRRORS = {"planner-steps.js": steps, "planner.js": planner, "planner-advice.js": advice, "planner-plan.js": plan}

# JavaScript names whose Python twin has another name: a property or method, or a helper named for the reader
OTHER_NAMES = {
    "planner-steps.js": {"groupSize": "Shape.group_size"},
    "planner.js": {"shapeOf": "_shape", "people": "_people", "times": "_times", "roomLimit": "Setup.room_limit"},
    "planner-plan.js": {"itemLeast": "AgendaItem.least", "parseClock": "sources.packs.ClockTime.parse"},
}

# The shared helpers, and the piece of Python each stands for (planner-base.js)
BASE = {"ceil": "math.ceil", "clock": "sources.packs.format_clock", "nWord": "planner._n", "fill": "str.format",
        "stableSort": "sorted", "sectionById": "planner._section", "copySetup": "dataclasses.replace",
        "minutesOf": "Setup.minutes_for", "total": "Setup.total"}

# Functions of the model with no twin in the browser, and why
ENGINE_ONLY = {
    steps: {"quicker_ways": "run mode reads each section's quicker ways from the data the engine exports"},
    planner: {"most_groups": "exported as data.most_groups", "_group_work": "inlined in evaluate",
              "_changes": "the page applies the new setup itself (apply)", "_n": "planner-base.js nWord",
              "_section": "planner-base.js sectionById"},
    advice: {},
    plan: {"duration": "the page prints minutes, not durations", "build_agenda": "inlined in makePlan",
           "with_site_url": "a published pack only",
           "generic_print_list": "the blank pack's list is built, not planned", "counted": "print-counts.js",
           "with_pages": "print-counts.js"},
}


def js_functions(name: str) -> list[str]:
    return re.findall(r"^  function (\w+)\(", (JS / name).read_text(encoding="utf-8"), re.M)


def snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def twin(module, dotted: str):
    """The object a dotted name stands for, in ``module`` (or from ``iwe_pack``'s top for sources.…)."""
    import importlib

    if dotted.startswith("sources."):
        module, dotted = importlib.import_module("iwe_pack.sources." + dotted.split(".")[1]), ".".join(dotted.split(".")[2:])
    obj = module
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


@pytest.mark.parametrize("js_file", sorted(MIRRORS))
def test_each_function_of_a_mirror_is_its_modules_function_of_that_name(js_file):
    module = MIRRORS[js_file]
    found = js_functions(js_file)
    assert found
    missing = []
    for name in found:
        other = OTHER_NAMES.get(js_file, {}).get(name)
        if other:
            twin(module, other)  # raises if the twin is gone
            continue
        if not any(inspect.isfunction(getattr(module, n, None)) for n in (snake(name), "_" + snake(name))):
            missing.append(f"{name} (no {snake(name)} in {module.__name__})")
    assert not missing, missing


@pytest.mark.parametrize("js_file", sorted(MIRRORS))
def test_each_function_of_a_model_module_has_its_mirror_or_a_reason(js_file):
    module = MIRRORS[js_file]
    mirrored = {snake(n) for n in js_functions(js_file)} | set(OTHER_NAMES.get(js_file, {}).values())
    mirrored |= {"_" + n for n in mirrored}
    own = [n for n, f in vars(module).items() if inspect.isfunction(f) and f.__module__ == module.__name__]
    unmirrored = [n for n in own if n not in mirrored and n not in ENGINE_ONLY[module]
                  and n.lstrip("_") not in ENGINE_ONLY[module]]
    assert not unmirrored, f"{module.__name__}: {unmirrored} have no twin in {js_file} and no reason above"
    stale = [n for n in ENGINE_ONLY[module] if n not in own or n in mirrored]  # gone, or mirrored after all
    assert not stale, stale


def test_the_shared_helpers_are_only_the_listed_ones():
    assert sorted(js_functions("planner-base.js")) == sorted(BASE)
    for name in ("nWord", "sectionById"):
        twin(planner, BASE[name].split(".", 1)[1])
    assert callable(twin(planner, "Setup.minutes_for")) and isinstance(twin(planner, "Setup.total"), property)


def test_a_function_added_to_a_mirror_without_a_twin_is_caught(tmp_path, monkeypatch):
    """The first test can fail: a JavaScript function with no Python twin is named."""
    fake = tmp_path / "planner-steps.js"
    fake.write_text((JS / "planner-steps.js").read_text(encoding="utf-8") + "\n  function guessMinutes(x) {}\n")
    monkeypatch.setattr(__import__(__name__), "JS", tmp_path)
    with pytest.raises(AssertionError, match="guessMinutes"):
        test_each_function_of_a_mirror_is_its_modules_function_of_that_name("planner-steps.js")
