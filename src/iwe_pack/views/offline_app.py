"""The pack as an app a tablet keeps: web app manifests, the service worker, and each place's list of what to keep.

A place's pack page (``overrides/assets/javascripts/offline.js``) registers the service worker (``service-worker.js``
at the site's root, so its scope is the whole site) and asks it to keep that place's pages for use without Wi-Fi:
the list is ``packs/<slug>/offline.json``, made here from the pages the engine made for the place. The worker also
keeps what those pages load (styles, scripts, fonts, icons), which it reads from the pages themselves.

The worker's cache is named after the pack's version and a digest of everything the engine made for the site, so a
new build is a new worker: it fills a new cache and drops the old one as it takes over.

Each place has a manifest of its own (``packs/<slug>/manifest.webmanifest``: added to a home screen, the app opens
that place's pack page); every other page links the site's (``manifest.webmanifest``).
"""

from __future__ import annotations

import hashlib
import json
from typing import Callable, Mapping

from ..model.plan import Plan
from ..model.project import Project
from ..model.workshop import Workshop
from ..sources.layout import PACKS
from .paths import OFF_PLAN_PAGE
from .templates import render

WORKER = "service-worker.js"  # at the site's root: a worker's scope is the folder it is served from
WORKER_TEMPLATE = "iwe/service-worker.js.j2"
MANIFEST = "manifest.webmanifest"
LIST = "offline.json"
CACHE_PREFIX = "iwe-pack-"
NAME = "Wellbeing workshop pack"
THEME_COLOUR = "#3f51b5"  # the theme's indigo (mkdocs.yml: palette primary)
BACKGROUND = "#ffffff"
ICONS = "assets/images/icon-{size}.png"  # made once with Pillow: a round table with six people round it
ICON_SIZES = (192, 512)
SHORT_NAME_MOST = 12  # characters a home screen shows under an icon


def site_path(uri: str) -> str:
    """Where a generated page is in the built site: a Markdown page becomes .html (use_directory_urls is off)."""
    return uri[:-3] + ".html" if uri.endswith(".md") else uri


def place_pages(plan: Plan, made: Mapping[str, object], section_uri: Callable) -> list[str]:
    """The pages a place needs on the day, by their path in the site: its pack page, each of its own pages
    (run mode, the presenter, scoring, the evaluation form, the record of the day if it has one), the notes
    page of each section on its agenda, and what to do when things go off plan. Only pages the engine made are listed."""
    own = f"{PACKS}/{plan.slug}/"
    pages = [f"{PACKS}/{plan.slug}.md"]
    pages += sorted(uri for uri in made if uri.startswith(own) and uri.endswith((".md", ".html")))
    for item in plan.agenda:
        if item.section and section_uri(item.section) not in pages:
            pages.append(section_uri(item.section))
    pages.append(OFF_PLAN_PAGE)  # when things go off plan, which the sections' pages link to
    return [site_path(uri) for uri in pages if uri in made]


def offline_list(plan: Plan, made: Mapping[str, object], section_uri: Callable) -> dict:
    """What the worker keeps for a place (paths from the site's root): its pages, this list and its manifest."""
    own = f"{PACKS}/{plan.slug}/"
    return {"place": plan.pack.place,
            "urls": place_pages(plan, made, section_uri) + [own + LIST, own + MANIFEST]}


def build_digest(project: Project, made: Mapping[str, str | bytes]) -> str:
    """A short digest of what the engine made for the site and what it made it from: any change makes a new one."""
    h = hashlib.sha256()

    def add(name: str, value: str | bytes) -> None:
        data = value.encode("utf-8") if isinstance(value, str) else value
        h.update(name.encode("utf-8") + b"\0" + str(len(data)).encode() + b"\0" + data)

    for uri in sorted(made):
        if uri.endswith(".ics"):  # not kept offline; stamped with the time it was made unless SOURCE_DATE_EPOCH is set
            continue
        add(uri, made[uri])
    for name in sorted(project.pages):
        add(f"content/{name}", project.pages[name])
    for name in sorted(project.texts):
        add(name, project.texts[name])
    for template in sorted(project.templates.items, key=lambda t: t.name):
        add(template.file, template.text)
    return h.hexdigest()[:12]


def cache_name(workshop: Workshop, digest: str) -> str:
    return f"{CACHE_PREFIX}v{workshop.version}-{digest}"


def _manifest(name: str, short_name: str, start_url: str, scope: str, icons: str) -> str:
    icon_list = [{"src": icons + ICONS.format(size=size), "sizes": f"{size}x{size}", "type": "image/png"}
                 for size in ICON_SIZES]
    # the drawing keeps to the middle 80%, so a launcher may crop it to its own shape
    icon_list.append(dict(icon_list[-1], purpose="maskable"))
    manifest = {"name": name, "short_name": short_name, "lang": "en-GB", "dir": "ltr", "start_url": start_url,
                "scope": scope, "display": "standalone", "background_color": BACKGROUND,
                "theme_color": THEME_COLOUR, "icons": icon_list}
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"


def short_name(place: str) -> str:
    return place if len(place) <= SHORT_NAME_MOST else "Workshop"


def offline_files(project: Project, made: Mapping[str, str | bytes], section_uri: Callable) -> dict[str, str]:
    """The service worker, the site's manifest and, for each place, its manifest and its list of what to keep.

    ``made`` is every other page and file the engine made for the site (their digest names the worker's cache);
    ``section_uri`` gives a section's notes page."""
    workshop = project.workshop
    cache = cache_name(workshop, build_digest(project, made))
    out = {
        WORKER: render(project.templates, WORKER_TEMPLATE, cache=cache, prefix=CACHE_PREFIX,
                       version=workshop.version),
        MANIFEST: _manifest(NAME, "Workshop", "index.html", "./", ""),
    }
    for plan in project.plans:
        own = f"{PACKS}/{plan.slug}/"
        out[own + LIST] = json.dumps(offline_list(plan, made, section_uri), ensure_ascii=False, indent=1) + "\n"
        out[own + MANIFEST] = _manifest(f"Workshop: {plan.pack.place}", short_name(plan.pack.place),
                                        f"../{plan.slug}.html", "../../", "../../")
    return out

