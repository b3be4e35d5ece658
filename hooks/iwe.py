"""MkDocs adapter for iwe_pack: thin on purpose.

MkDocs events in, iwe_pack calls out. All logic (loading, checking, page
content) lives in the importable package, so another site engine can reuse it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from iwe_pack import SourceErrors, load_workshop, site
from iwe_pack.packs import PACKS, load_packs

_state: dict = {}


def on_config(config):
    root = Path(config.config_file_path).parent
    try:
        workshop = load_workshop(root)
        plans = load_packs(root, workshop)
    except SourceErrors as exc:
        raise PluginError(str(exc)) from None
    _state.update(root=root, workshop=workshop, plans=plans)
    config.nav = _expand_nav(config.nav, {
        f"{site.ON_THE_DAY}/index.md": site.nav(workshop),
        f"{PACKS}/index.md": site.packs_nav(plans),
    })
    return config


def _expand_nav(nav, expansions):
    """Replace each nav entry that points at a key of ``expansions`` with its pages."""
    if nav is None:
        return None
    out = []
    for item in nav:
        if isinstance(item, dict):
            (title, value), = item.items()
            if isinstance(value, str) and value in expansions:
                out.append({title: expansions[value]})
                continue
            if isinstance(value, list):
                out.append({title: _expand_nav(value, expansions)})
                continue
        out.append(item)
    return out


def on_files(files, config):
    root, workshop = _state["root"], _state["workshop"]
    # Our page templates live beside the theme overrides; they are not site files.
    for f in [f for f in files if f.src_uri.startswith(site.TEMPLATE_DIR + "/")]:
        files.remove(f)
    generated = site.pages(workshop, root / "overrides") | site.pack_pages(_state["plans"], workshop, root)
    for uri, content in generated.items():
        files.append(File.generated(config, uri, content=content, inclusion=InclusionLevel.INCLUDED))
    return files


def on_page_markdown(markdown, page, config, files):
    return site.expand_markers(markdown, _state["workshop"], _state["root"] / "overrides")


def on_serve(server, config, builder):
    root = _state["root"]
    for folder in ("packs", "src"):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server
