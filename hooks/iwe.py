"""MkDocs adapter for iwe_pack: MkDocs events in, engine calls out, nothing else.

All loading, checking, page content and print-offs live in the importable
package (``iwe_pack.outputs.site_build``), so another site engine can reuse
them. This module keeps no state: the build's engine object travels on the
build's own config (``config.extra["iwe_build"]``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Callable, TypeVar

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from iwe_pack.diagnostics.problems import SourceErrors
from iwe_pack.outputs import atomic
from iwe_pack.outputs.site_build import OutputError, SiteBuild
from iwe_pack.sources import markdown_config
from iwe_pack.sources.settings import Settings

log = logging.getLogger(f"{MkDocsConfig.__module__.split('.')[0]}.hooks.iwe")


def _engine_logger() -> str:
    """The site engine's own logger: "mkdocs", or "properdocs" where ProperDocs (a fork that answers imports of
    mkdocs) runs this hook. What is said on it is shown, and its warnings stop a --strict build."""
    return MkDocsConfig.__module__.split(".")[0]
BUILD = "iwe_build"
T = TypeVar("T")


class PrintFile(File):
    """A rendered PDF, deck or zip from the cache: linked (or copied) into the site atomically, and skipped while
    still rendering (serve)."""

    def copy_file(self, dirty: bool = False) -> None:
        src = self.abs_src_path
        if src is None or not os.path.exists(src):
            return
        if dirty and not self.is_modified():
            return
        atomic.link_or_copy(Path(src), Path(self.abs_dest_path))


def _show_engine_log() -> None:
    """What the engine says as it builds (its logger, ``iwe_pack``) is shown, and counted, as the site engine's own."""
    engine = logging.getLogger("iwe_pack")
    for handler in logging.getLogger(_engine_logger()).handlers:
        if handler not in engine.handlers:
            engine.addHandler(handler)
    engine.setLevel(logging.getLogger(_engine_logger()).getEffectiveLevel())  # -q and -v as the person chose
    engine.propagate = False


def _build(config: MkDocsConfig) -> SiteBuild:
    return config.extra[BUILD]


def _serving(config: MkDocsConfig) -> bool:
    """``mkdocs serve`` points site_url at its own address before the build starts."""
    host, port = config.dev_addr
    site_url = config.site_url
    return bool(site_url) and site_url is not None and site_url.startswith(f"http://{host}:{port}/")


def _engine(call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run an engine call; a problem in the sources or the output folder stops the build with its message."""
    try:
        return call(*args, **kwargs)
    except (SourceErrors, OutputError) as exc:
        raise PluginError(str(exc)) from None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    _show_engine_log()
    settings = _engine(Settings.from_mapping, config.extra.get("iwe"))
    # Not serving: build into a fresh folder beside site_dir, swapped in by on_post_build only if the build
    # is clean (a --strict build stops on any warning on the 'mkdocs' logger, counted after on_post_build).
    build = _engine(SiteBuild.start, root, settings, serving=_serving(config), site_dir=Path(config.site_dir),
                    strict_logger=_engine_logger() if config.strict else None)
    if build.site_dir:
        config.site_dir = str(build.site_dir)
    config.extra[BUILD] = build
    config.extra["pack_version"] = build.version
    config.nav = _expand_nav(config.nav, build.nav_expansions())
    return with_pack_markdown(config)


def with_pack_markdown(config: MkDocsConfig) -> MkDocsConfig:
    """The site reads Markdown as the pack's checks and views do (sources/markdown_config.py); mkdocs.yml adds "toc"."""
    config.markdown_extensions = [*markdown_config.EXTENSIONS,
                                  *(e for e in config.markdown_extensions if e not in markdown_config.EXTENSIONS)]
    config.mdx_configs = {**markdown_config.CONFIGS, **config.mdx_configs}
    return config


def _expand_nav(nav: list | None, expansions: dict[str, list]) -> list | None:
    """Replace each nav entry that points at a key of ``expansions`` with its pages."""
    return None if nav is None else _expand_entries(nav, expansions)


def _expand_entries(nav: list, expansions: dict[str, list]) -> list:
    out = []
    for item in nav:
        if isinstance(item, dict):
            (title, value), = item.items()
            if isinstance(value, str) and value in expansions:
                out.append({title: expansions[value]})
                continue
            if isinstance(value, list):
                out.append({title: _expand_entries(value, expansions)})
                continue
        out.append(item)
    return out


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _build(config)
    for f in [f for f in files if f.src_uri.split("/", 1)[0] in build.template_folders()]:
        files.remove(f)
    generated, copies = _engine(build.generate)  # its progress is said on iwe_pack.progress (_show_engine_log)
    for uri, content in generated.items():
        inclusion = InclusionLevel.INCLUDED if build.in_nav(uri) else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, uri, content=content, inclusion=inclusion))
    for uri, path in copies.items():
        files.append(PrintFile.generated(config, uri, abs_src_path=str(path), inclusion=InclusionLevel.INCLUDED))
    # The offline copy of the whole site is made after the build (on_post_build); listed now so links to it check.
    uri, placeholder = build.offline_zip()
    files.append(PrintFile.generated(config, uri, abs_src_path=str(placeholder), inclusion=InclusionLevel.INCLUDED))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = _build(config).compiled_templates  # the theme's templates, compiled once, kept
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.file.abs_src_path:  # generated pages were made from the model (some wait for print-offs' counts)
        return _engine(_build(config).page, page.file.src_uri, markdown)
    return _build(config).editor_page(markdown)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri if page.file.abs_src_path else None
    return _engine(_build(config).rendered_page, html, page.file.dest_uri, src)


# Last of all (the offline plugin runs at -100): the offline copy must hold the finished site,
# search/search_index.js included, which the search and offline plugins write in their on_post_build.
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    published = _engine(_build(config).finish, Path(config.site_dir))
    if published:  # site_dir back to where the site now is (for what runs after the build, e.g. gh-deploy)
        config.site_dir = str(published)
        log.info(f"The new site is in {published}")


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
    root = Path(config.config_file_path).parent
    for folder in ("packs", "src"):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server
