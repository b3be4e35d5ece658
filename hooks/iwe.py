"""MkDocs adapter for iwe_pack: thin on purpose.

MkDocs events in, iwe_pack calls out. All logic (loading, checking, page
content, print-offs) lives in the importable package, so another site engine
can reuse it.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from iwe_pack import SourceError, SourceErrors, atomic, load_workshop, printing, publish, site
from iwe_pack.safety import html_resource_problems, resource_problems
from iwe_pack.packs import PACKS, load_packs

log = logging.getLogger("mkdocs.hooks.iwe")
_state: dict = {"command": "build"}


class PrintFile(File):
    """A rendered PDF or zip: copied into the site atomically, and skipped while still rendering (serve)."""

    def copy_file(self, dirty: bool = False) -> None:
        if not os.path.exists(self.abs_src_path):
            return
        if dirty and not self.is_modified():
            return
        atomic.copy(Path(self.abs_src_path), Path(self.abs_dest_path))


def on_startup(command, dirty):
    _state["command"] = command


def on_config(config):
    root = Path(config.config_file_path).parent
    only = [p for p in os.environ.get("IWE_PACKS", "").replace(",", " ").split() if p]
    try:
        workshop = load_workshop(root)
        plans = load_packs(root, workshop, only=only or None)
    except SourceErrors as exc:
        raise PluginError(str(exc)) from None
    _state.update(root=root, workshop=workshop, plans=plans)
    config.extra["pack_version"] = workshop.version
    config.nav = _expand_nav(config.nav, {
        f"{site.ON_THE_DAY}/index.md": site.nav(workshop),
        f"{PACKS}/index.md": site.packs_nav(plans),
        f"{site.PRINT_OFFS}/index.md": site.print_offs_nav(workshop),
        f"{site.MATRIX}/index.md": site.matrix_nav(),
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


def _progress(done, total, job, cached):
    if not cached:
        log.info(f"Print-offs: {done}/{total} rendered ({job.name})")


def on_files(files, config):
    root, workshop, plans = _state["root"], _state["workshop"], _state["plans"]
    # Our page and print templates live beside the theme overrides; they are not site files.
    for f in [f for f in files if f.src_uri.split("/", 1)[0] in (site.TEMPLATE_DIR, printing.PRINT)]:
        files.remove(f)
    serving = _state["command"] == "serve"
    try:
        if os.environ.get("IWE_PDF") == "0":  # pages only: for benchmarks and quick previews
            downloads = publish.none(plans)
        else:
            downloads = publish.downloads(workshop, plans, root, render=not serving, progress=_progress)
    except SourceErrors as exc:
        raise PluginError(str(exc)) from None
    _state["downloads"] = downloads
    try:
        generated = site.all_pages(workshop, plans, root, downloads.by_place,
                                   os.environ.get("IWE_RELEASES_URL") or config.extra.get("releases_url"))
    except SourceErrors as exc:
        raise PluginError(str(exc)) from None
    for uri, content in generated.items():
        files.append(File.generated(config, uri, content=content, inclusion=InclusionLevel.INCLUDED))
    for job in downloads.pending:  # serve: link now, render in the background
        downloads.files[job.path] = printing.cache_dir(root) / "pending" / job.name
    for uri, path in downloads.files.items():
        files.append(PrintFile.generated(config, uri, abs_src_path=str(path), inclusion=InclusionLevel.INCLUDED))
    # The offline copy of the whole site is made after the build (on_post_build); listed now so links to it check.
    files.append(PrintFile.generated(config, publish.offline_zip_name(workshop), inclusion=InclusionLevel.INCLUDED,
                                     abs_src_path=str(printing.cache_dir(root).parent / "made-after-build")))
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.abs_src_path:  # a page an editor wrote (generated pages are checked in iwe_pack)
        root, content = _state["root"], Path(config.docs_dir)
        source = Path(page.file.abs_src_path)
        problems = resource_problems(source.read_text(encoding="utf-8"), source, content)
        if problems:
            rel = Path(page.file.abs_src_path).resolve().relative_to(root.resolve()).as_posix()
            raise PluginError(str(SourceErrors([SourceError(rel, n, None, p) for n, p in problems])))
    return site.expand_markers(markdown, _state["workshop"], _state["root"] / "overrides")


def on_page_content(html, page, config, files):
    problems = html_resource_problems(html, page.file.dest_uri)
    if problems:
        where = f"content/{page.file.src_uri}" if page.file.abs_src_path else f"the page {page.file.dest_uri}"
        raise PluginError(str(SourceErrors([SourceError(where, None, None, p) for p in problems])))
    return site.label_tasks(html)


def on_post_build(config):
    if _state["command"] != "serve" and os.environ.get("IWE_PDF") != "0":
        publish.write_offline_zip(Path(config.site_dir), _state["workshop"])
    pending = _state["downloads"].pending
    if pending:
        log.info(f"Print-offs: rendering {len(pending)} PDFs in the background; "
                 "they appear in the site as they are ready (run 'make build' for zips).")
        threading.Thread(target=_render_later, args=(pending, _state["root"], config.site_dir), daemon=True).start()


def _render_later(jobs, root, site_dir):
    try:
        done = printing.render_all(jobs, root)
    except SourceErrors as exc:
        log.warning(str(exc))
        return
    for path, cached in done.items():
        atomic.copy(cached, Path(site_dir) / path)


def on_serve(server, config, builder):
    root = _state["root"]
    for folder in ("packs", "src"):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server
