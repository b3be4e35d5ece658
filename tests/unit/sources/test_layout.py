import re

from iwe_pack.sources import layout

from ..conftest import ROOT


def test_the_layout_names_real_folders_and_files():
    assert layout.GUIDE in layout.TEXTS and all((ROOT / text).is_file() for text in layout.TEXTS)
    assert all((ROOT / "content" / folder).is_dir() for folder in layout.NOT_PAGES)
    assert (ROOT / layout.PACKS).is_dir() and (ROOT / layout.FONTS).is_dir()


def test_mkdocs_leaves_out_the_same_folders():
    excluded = re.search(r"^exclude_docs: \|\n((?:  .*\n)+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert excluded, "mkdocs.yml has no exclude_docs block"
    listed = {line.strip().strip("/") for line in excluded.group(1).splitlines()}
    assert {folder for folder in layout.NOT_PAGES} <= listed
