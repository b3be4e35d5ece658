"""The suite's scheduler leans on one private method of pytest-xdist (conftest.py pytest_xdist_make_scheduler):
LoadScopeScheduling._split_scope(nodeid), which names the unit of tests one worker takes together. xdist's public
way (--dist loadgroup with xdist_group marks) stops grouping with pytest 9.2's node ids (pytest-xdist issue
1386). If xdist renames or reshapes the method, this fails, rather than the suite quietly running every costly
shared fixture once per worker."""

from __future__ import annotations

import inspect

from conftest import work_unit


def test_xdist_still_splits_scopes_by_node_id():
    from xdist.scheduler import LoadScopeScheduling

    method = LoadScopeScheduling.__dict__.get("_split_scope")
    assert method is not None, "pytest-xdist no longer has LoadScopeScheduling._split_scope"
    assert list(inspect.signature(method).parameters) == ["self", "nodeid"]


def test_tests_that_share_a_costly_fixture_go_to_one_worker():
    assert work_unit("tests/test_markup.py::test_a") == work_unit("tests/test_markup.py::test_b") == "test_markup.py"
    assert work_unit("tests/test_browser.py::test_x[tablet]") == work_unit("tests/test_browser.py::test_y[tablet]")
    assert work_unit("tests/test_browser.py::test_x[tablet]") != work_unit("tests/test_browser.py::test_x[phone]")
    assert work_unit("tests/test_planner.py::test_a") != work_unit("tests/test_planner.py::test_b")
