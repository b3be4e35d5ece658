from dataclasses import FrozenInstanceError, fields

import pytest

from iwe_pack.model import project

from ..conftest import ROOT


def test_the_project_is_a_value():
    names = {f.name for f in fields(project.Project)}
    assert {"workshop", "plans", "templates", "texts", "pages"} <= names
    made = project.Project(ROOT, None, None, [], None, {}, {})
    with pytest.raises(FrozenInstanceError):
        made.plans = []  # type: ignore[misc]
