from dataclasses import FrozenInstanceError, fields

import pytest

from iwe_pack.model import project

from ..conftest import ROOT


def test_the_project_is_a_value_and_names_real_folders():
    names = {f.name for f in fields(project.Project)}
    assert {"workshop", "plans", "templates", "texts", "pages"} <= names
    made = project.Project(ROOT, None, None, [], None, {}, {})
    with pytest.raises(FrozenInstanceError):
        made.plans = []  # type: ignore[misc]
    assert project.GUIDE in project.TEXTS
    assert all((ROOT / "content" / folder).is_dir() for folder in project.NOT_PAGES)
    assert (ROOT / project.PACKS).is_dir() and (ROOT / project.FONTS).is_dir()
