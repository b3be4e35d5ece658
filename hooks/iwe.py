"""MkDocs adapter for iwe_pack: MkDocs events in, engine calls out, nothing else.

All loading, checking, page content and print-offs live in the importable
package (``iwe_pack.outputs.site_build``), so another site engine can reuse
them. This module keeps no state: the build's engine object travels on the
build's own config (``config.extra["iwe_build"]``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, TypeVar

import markdown
from jinja2 import Environment
from markdown.extensions import Extension
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
    config = with_pack_markdown(config)
    config.markdown_extensions.append(ReusedConversions(build, _conversion_settings(config)))
    return config


def with_pack_markdown(config: MkDocsConfig) -> MkDocsConfig:
    """The site reads Markdown as the pack's checks and views do (sources/markdown_config.py); mkdocs.yml adds "toc"."""
    config.markdown_extensions = [*markdown_config.EXTENSIONS,
                                  *(e for e in config.markdown_extensions if e not in markdown_config.EXTENSIONS)]
    config.mdx_configs = {**markdown_config.CONFIGS, **config.mdx_configs}
    return config


def _conversion_settings(config: MkDocsConfig) -> str:
    """What converting a page depends on besides its Markdown, path and links: the extensions, their settings and
    versions, and this adapter's own code."""
    engine = MkDocsConfig.__module__.split(".")[0]
    versions = {}
    for dist in (engine, "markdown", "pymdown-extensions"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = ""
    names = [e for e in config.markdown_extensions if isinstance(e, str)]
    return json.dumps([names, config.mdx_configs, versions, hashlib.sha256(Path(__file__).read_bytes()).hexdigest()],
                      sort_keys=True, default=repr)


class ReusedConversions(Extension):
    """Each page's Markdown converted once, not in every build.

    MkDocs converts every page in every build. This asks the engine (``SiteBuild.converted_pages``) what an earlier
    build made of the very same Markdown at the same path, and uses it if the page's links still lead where they
    did: each link is checked again against this build's files by MkDocs' own check, which says again whatever it
    said then (a link whose page has gone since is still found, and an anchor still checked). Anywhere else (a
    Markdown instance that is not converting a page) it converts as usual."""

    def __init__(self, build: SiteBuild, settings: str) -> None:
        super().__init__()
        self.pages = build.converted_pages(settings)

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        convert = md.convert
        md.convert = lambda source: self._convert(md, convert, source)

    def _convert(self, md: markdown.Markdown, convert: Callable[[str], str], source: str) -> str:
        engine = _engine_logger()  # what the engine's Page.render registers on each page's Markdown instance
        try:
            links, title = md.treeprocessors["relpath"], md.treeprocessors[f"{engine}_extract_title"]
            anchors, raw = md.treeprocessors[f"{engine}_extract_anchors"], md.preprocessors[f"{engine}_raw_html"]
            file = links.file
            context = f"{file.url}\0{file.inclusion.name}"
        except (KeyError, AttributeError):
            return convert(source)
        made = self.pages.get(file.src_uri, source, context)
        if made is not None and _links_lead_where_they_did(links, made):
            md.toc_tokens = made["toc"]
            title.title = made["title"]
            anchors.present_anchor_ids = set(made["anchors"])
            raw.present_anchor_ids = set(made["raw_anchors"])
            self.pages.reused += 1
            return str(made["html"])
        links.links_to_anchors = {}  # what a check that fell through noted
        found: list[list[str]] = []
        check = links.path_to_url

        def path_to_url(url: str) -> str:
            new = check(url)
            found.append([url, new])
            return new

        links.path_to_url = path_to_url
        try:
            html = convert(source)
        finally:
            del links.path_to_url
        self.pages.converted += 1
        try:
            self.pages.put(file.src_uri, source, {
                "html": html, "toc": getattr(md, "toc_tokens", []), "title": title.title,
                "anchors": sorted(anchors.present_anchor_ids),
                "raw_anchors": sorted(raw.present_anchor_ids),
                "links": found}, context)
        except (TypeError, ValueError):  # something that does not keep as JSON: converted again next time
            pass
        return html


class _Held(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def filter(self, record: logging.LogRecord) -> bool:
        self.records.append(record)
        return False


def _links_lead_where_they_did(links: Any, made: dict[str, Any]) -> bool:
    """Check each of the page's links again, as converting it would; say what the check says only if every link
    still leads where it did (else the page is converted, and says it then)."""
    said = logging.getLogger(Page.__module__)
    held = _Held()
    said.addFilter(held)
    try:
        same = all(links.path_to_url(url) == new for url, new in made["links"])
    except (TypeError, ValueError, KeyError):
        same = False
    finally:
        said.removeFilter(held)
    if same:
        for record in held.records:
            said.handle(record)
    return same


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
