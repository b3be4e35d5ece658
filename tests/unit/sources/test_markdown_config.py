import re

from iwe_pack.checks import editor_html
from iwe_pack.sources import markdown_config
from iwe_pack.views import editor_markdown

from ..conftest import ROOT


def test_one_list_for_the_checks_the_views_and_the_site():
    assert list(markdown_config.EXTENSIONS) == editor_html.MARKDOWN_EXTENSIONS == editor_markdown.EXTENSIONS
    assert editor_html.MARKDOWN_CONFIG is markdown_config.CONFIGS
    # mkdocs.yml names only what the site adds (toc); the hook adds the rest from here
    listed = re.search(r"^markdown_extensions:\n((?:  .*\n|#.*\n)+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                       re.M)
    names = re.findall(r"^  - ([\w.]+)", listed.group(1), re.M)
    assert names == ["toc"]
    hook = (ROOT / "hooks" / "iwe.py").read_text(encoding="utf-8")
    assert "markdown_config.EXTENSIONS" in hook and "markdown_config.CONFIGS" in hook


def test_a_tick_box_list_renders_with_the_shared_settings():
    html = editor_markdown.to_html("- [x] Book the room\n- [ ] Print the packs\n")
    # the print's tick boxes, in the label custom_checkbox (from CONFIGS) gives each item
    assert html.count('class="tick-box"') == 2 and html.count('class="task-list-control"') == 2
