"""A place's pack kept on a tablet for a day without Wi-Fi: the service worker, the web app manifest, the status line.

Each browser test opens a context of its own (a service worker and its cache stay in the context that made them)
and closes it, so nothing is left in the context the other tests share.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import yaml

from browser import ARGS, CHROMIUM, serve

PLACE = "kingston-upon-hull"  # a place with a record of the day: its list has one more page
READY = "Ready for offline use"
NEW_VERSION = "A new version of the pack is ready"
SIZE = {"width": 768, "height": 1024}  # a tablet upright


def plan_of(project_path: Path, slug: str):
    from iwe_pack import load_packs, load_workshop

    return next(p for p in load_packs(project_path, load_workshop(project_path)) if p.slug == slug)


def open_pack_page(context, base: str, slug: str = PLACE):
    """The place's pack page, once it says the pack is ready for offline use (or that it is not)."""
    page = context.new_page()
    page.goto(f"{base}/packs/{slug}.html")
    page.wait_for_selector("#iwe-offline[data-state]:not([data-state=getting-ready])", timeout=60000)
    return page


def status(page) -> str:
    return page.locator("#iwe-offline").inner_text()


def kept_caches(page) -> list[str]:
    return page.evaluate("caches.keys()")


def test_each_place_lists_its_pages_for_the_day_and_each_is_in_the_site(built):
    site = built.path / "site"
    for pack in sorted((built.path / "packs").glob("*.yml")):
        plan = plan_of(built.path, pack.stem)
        listed = json.loads((site / f"packs/{plan.slug}/offline.json").read_text())["urls"]
        own = f"packs/{plan.slug}"
        needed = {f"{own}.html", f"{own}/run.html", f"{own}/present.html", f"{own}/scoring.html",
                  f"{own}/evaluation/index.html"}
        needed |= {f"on-the-day/{item.section.id}.html" for item in plan.agenda if item.section}
        needed.add("on-the-day/off-plan.html")  # what to do when things go off plan, linked from those pages
        assert needed <= set(listed), (plan.slug, needed - set(listed))
        assert (f"{own}/report.html" in listed) == (plan.record is not None)
        assert [u for u in listed if not (site / u).is_file()] == []
        assert not any(u.endswith((".pdf", ".zip", ".txt")) for u in listed)  # the day's pages, not the downloads


def test_a_pack_page_keeps_the_day_on_the_device_for_use_without_wifi(browser, site_url, built):
    plan = plan_of(built.path, PLACE)
    deck = yaml.safe_load((built.path / "content/slides.yml").read_text())
    principles = yaml.safe_load((built.path / "content/matrix.yml").read_text())["principles"]
    context = browser.new_context(viewport=SIZE)
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    page = open_pack_page(context, site_url)
    assert status(page).startswith(f"{READY}: this pack now works without Wi-Fi on this device")
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    (name,) = kept_caches(page)
    version = yaml.safe_load((built.path / "content/workshop.yml").read_text())["version"]
    assert name.startswith(f"iwe-pack-v{version}-")  # named after the pack's version (and this build)

    context.set_offline(True)
    base = f"{site_url}/packs/{PLACE}"
    # run mode: the countdown runs
    page.goto(f"{base}/run.html")
    page.click("#start")
    assert page.locator("#now-title").inner_text() == plan.agenda[0].title
    assert re.fullmatch(r"\d+:\d\d", page.locator("#countdown").inner_text())
    assert page.evaluate("document.fonts.check('16px \"Atkinson Hyperlegible Next\"')")  # the font was kept too
    # the presenter: the slides move
    page.goto(f"{base}/present.html")
    assert page.locator(".slide.current h2").inner_text() == deck["title"]
    page.keyboard.press("ArrowRight")
    assert page.locator("#counter").inner_text() == f"Slide 2 of {len(deck['slides'])}"
    # scoring: the tool is built, a set of scores for each principle
    page.goto(f"{base}/scoring.html")
    assert plan.pack.place in page.locator("h1").inner_text()
    assert page.locator("#iwe-scoring fieldset").count() == len(principles)
    # the evaluation form: keeps a draft through a reload
    page.goto(f"{base}/evaluation/")
    field = page.get_by_label(re.compile("^How could we"))
    field.fill("Shorter breaks")
    page.reload()
    assert page.get_by_label(re.compile("^How could we")).input_value() == "Shorter breaks"
    # the notes of each section on the agenda
    for item in [i for i in plan.agenda if i.section]:
        page.goto(f"{site_url}/on-the-day/{item.section.id}.html")
        assert page.locator("h1").first.inner_text().rstrip("¶") == item.section.title
    # the pack page itself, which still says it is ready
    page.goto(f"{site_url}/packs/{PLACE}.html")
    page.wait_for_selector("#iwe-offline[data-state=ready]", timeout=30000)
    # a page that was not kept says so, in place of the browser's own error
    page.goto(f"{site_url}/versions.html")
    assert page.locator("h1").inner_text() == "This page is not kept on this device"
    context.close()
    assert requests and all(u.startswith((site_url, "data:", "blob:")) for u in requests)


def test_a_new_build_replaces_the_kept_pack_and_says_so_once(browser, project, tmp_path):
    version = yaml.safe_load(project.read("content/workshop.yml"))["version"]
    assert project.build_here().returncode == 0
    first = tmp_path / "first"
    shutil.copytree(project.path / "site", first)
    section = next(i.section for i in plan_of(project.path, PLACE).agenda if i.section)
    notes = f"content/sections/{section.id}.md"
    project.write(notes, project.read(notes) + "\nKeep the room's phones on silent.\n")
    assert project.build_here().returncode == 0
    served = tmp_path / "served"
    served.symlink_to(first, target_is_directory=True)
    url, stop = serve(served, search=False)
    context = browser.new_context(viewport=SIZE)
    try:
        page = open_pack_page(context, url)
        assert status(page).startswith(READY) and NEW_VERSION not in status(page)
        (old,) = kept_caches(page)
        assert old.startswith(f"iwe-pack-v{version}-")
        run = f"{url}/packs/{PLACE}/run.html"
        kept_run = "async (u) => { const r = await caches.match(u); return r ? r.text() : null; }"
        assert "phones on silent" not in page.evaluate(kept_run, run)

        swap = tmp_path / "swap"
        swap.symlink_to(project.path / "site", target_is_directory=True)
        os.replace(swap, served)  # the new build is published
        page.reload()
        page.wait_for_selector("#iwe-offline[data-state=new-version]", timeout=60000)
        assert status(page).startswith(READY) and NEW_VERSION in status(page)
        (new,) = kept_caches(page)  # the old cache is gone
        assert new != old and new.startswith(f"iwe-pack-v{version}-")
        assert "phones on silent" in page.evaluate(kept_run, run)  # what is kept is the new build's
        page.reload()  # said once
        page.wait_for_selector("#iwe-offline[data-state=ready]", timeout=60000)
        assert NEW_VERSION not in status(page) and kept_caches(page) == [new]
    finally:
        context.close()
        stop()


def test_chromium_can_install_a_place_as_an_app_that_opens_its_pack_page(browser, site_url, tmp_path):
    """Chromium's own check (in a profile on disk: it installs nothing from a private window)."""
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    context = browser.browser_type.launch_persistent_context(str(tmp_path / "profile"), executable_path=executable,
                                                             args=ARGS, headless=True, viewport=SIZE)
    try:
        page = open_pack_page(context, site_url)
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == []
        app = manifest["manifest"]
        assert app["startUrl"] == f"{site_url}/packs/{PLACE}.html" and app["scope"] == f"{site_url}/"
        assert "Kingston upon Hull" in app["name"]
        # the other pages can be added too, and each names an icon for an iPad's home screen
        for rel in ["index.html", f"packs/{PLACE}/run.html"]:
            page.goto(f"{site_url}/{rel}")
            assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == [], rel
            icon = page.locator("link[rel=apple-touch-icon]").evaluate("l => l.href")
            answer = page.request.get(icon)
            assert answer.ok and answer.headers["content-type"] == "image/png"
            assert page.locator("meta[name=apple-mobile-web-app-capable]").get_attribute("content") == "yes"
        cdp.detach()
    finally:
        context.close()


def test_from_a_downloaded_folder_the_pack_page_registers_nothing(browser, built):
    """The offline zip's way: file://, where a service worker cannot run; the status line stays hidden."""
    context = browser.new_context(offline=True, viewport=SIZE)
    outside = []
    context.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    context.add_init_script("""window.__registered = 0;
      if (navigator.serviceWorker) navigator.serviceWorker.register = function () {
        window.__registered += 1; return Promise.reject(new Error("counted")); };""")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((built.path / f"site/packs/{PLACE}.html").as_uri(), wait_until="load")
    assert page.locator("#iwe-offline").is_hidden()
    assert page.get_by_text("Add to Home Screen").is_visible()
    assert page.evaluate("window.__registered") == 0
    context.close()
    assert errors == [] and outside == []
