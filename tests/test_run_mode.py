"""Run mode and the presenter on the sizes facilitators use (a tablet either way up, a laptop, a phone), in
Debian's Chromium: the clock and the buttons never leave the screen, focus goes where the next action is,
going back keeps the true start, a step can end early; the slides fit and a swipe stays in the deck."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from PIL import Image

RUN = "packs/kingston-upon-hull/run.html"
PRESENT = "packs/kingston-upon-hull/present.html"
START = dt.datetime(2026, 3, 12, 9, 30)
TABLETS = {"portrait": (768, 1024), "landscape": (1024, 768)}


def run_page(browser, url: str, size: tuple[int, int], **options):
    """Run mode under a clock that stands still at START until the test moves it (see test_browser.run_page)."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, **options)
    page = context.new_page()
    page.clock.install(time=START - dt.timedelta(seconds=1))
    page.clock.pause_at(START)
    page.goto(url)
    return context, page


def hull_plan(built):
    from iwe_pack import load_packs, load_workshop

    return next(p for p in load_packs(built.path, load_workshop(built.path)) if p.slug == "kingston-upon-hull")


def press(page, selector: str) -> None:
    """A control worked from the keyboard, as a facilitator with a keyboard case on the iPad does."""
    page.focus(selector)
    page.keyboard.press("Enter")


# Where an element is on the screen: its box, and whether a point of it can be seen (not under something else).
SEEN = """el => {
  const r = el.getBoundingClientRect(), w = innerWidth, h = innerHeight;
  const xs = [r.left + 2, (r.left + r.right) / 2, r.right - 2], ys = [r.top + 2, (r.top + r.bottom) / 2, r.bottom - 2];
  let seen = false;
  for (const x of xs) for (const y of ys) {
    if (x < 0 || y < 0 || x >= w || y >= h) continue;
    const hit = document.elementFromPoint(x, y);
    if (hit && (hit === el || el.contains(hit))) seen = true;
  }
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, seen: seen,
          what: el.id || el.className || el.tagName};
}"""


def box(page, selector: str) -> dict:
    return page.locator(selector).evaluate(SEEN)


def inside(b: dict, size: tuple[int, int]) -> bool:
    return b["top"] >= 0 and b["left"] >= 0 and b["bottom"] <= size[1] and b["right"] <= size[0]


def assert_in_view(page, size: tuple[int, int], when: str) -> None:
    """The countdown and every button there is to press are on the screen, uncovered; so is whatever has focus."""
    for selector in ["#countdown", "#now-title"]:
        b = box(page, selector)
        assert inside(b, size) and b["seen"], f"{when}: {selector} at {b}"
    buttons = page.locator("#now-panel .controls button:visible")
    assert buttons.count() >= 4
    for n in range(buttons.count()):
        b = buttons.nth(n).evaluate(SEEN)
        assert inside(b, size) and b["seen"], f"{when}: button {b}"
    focused = page.evaluate(f"(() => {{ const el = document.activeElement; return ({SEEN})(el); }})()")
    assert focused["seen"] or focused["what"] == "BODY", f"{when}: focus on {focused}, which cannot be seen"


@pytest.mark.parametrize("size", TABLETS.values(), ids=TABLETS)
def test_moving_on_keeps_the_countdown_and_buttons_in_view(browser, site_url, size):
    """On a tablet either way up: after Next section, a second Enter, Go back, Next step and a reload, the
    countdown and the buttons are on screen, focus is on the panel's heading (not a button scrolled away), and
    the section's notes come up on screen."""
    context, page = run_page(browser, f"{site_url}/{RUN}", size)
    page.click("#start")
    assert page.evaluate("document.activeElement.id") == "advance"
    page.clock.run_for("10:00")
    press(page, "#advance")
    assert page.inner_text("#now-title") == "Taught section"
    assert page.evaluate("document.activeElement.id") == "now-title"
    assert_in_view(page, size, "after Next section")
    notes = box(page, ".item.current h3")
    assert inside(notes, size) and notes["seen"], f"the new section's notes at {notes}"
    page.keyboard.press("Enter")  # a second Enter does not skip a section
    assert page.inner_text("#now-title") == "Taught section"
    page.clock.run_for("02:00")
    press(page, "#back")
    assert page.inner_text("#now-title") == "Introductions and context setting"
    assert page.evaluate("document.activeElement.id") == "now-title"
    assert_in_view(page, size, "after Go back")
    press(page, "#advance")
    press(page, "#now-panel .next-step")
    assert page.inner_text("#step-title").startswith("Step 2 of ")
    assert_in_view(page, size, "after Next step")
    page.reload()
    assert page.inner_text("#now-title") == "Taught section"
    assert_in_view(page, size, "after a reload")
    notes = box(page, ".item.current h3")
    assert inside(notes, size) and notes["seen"], f"after a reload, the section's notes at {notes}"
    context.close()


def test_go_back_counts_from_the_true_start(browser, site_url, built, tmp_path):
    """Going back re-opens the earlier section as it really was: its countdown and the knock-on to the finish
    count from when it started, after a reload too, and the times file keeps that start."""
    plan = hull_plan(built)
    first = plan.agenda[0]
    context, page = run_page(browser, f"{site_url}/{RUN}", (768, 1024), accept_downloads=True)
    page.click("#start")
    page.clock.run_for(f"{first.minutes + 5:02d}:00")  # 5 minutes over
    page.click("#advance")
    page.clock.run_for("02:00")
    page.click("#back")  # the first section has now run for its minutes and 7 more
    planned_finish = plan.pack.start.minutes + plan.total
    for when in ("after Go back", "after a reload"):
        assert page.inner_text("#now-title") == first.title, when
        assert page.inner_text("#countdown") == "+7:00", when
        assert "red" in page.get_attribute("#now-panel", "class"), when
        assert page.inner_text("#finish") == f"Finish at {clock(planned_finish + 7)} (7 min later than planned).", when
        page.reload()
    page.clock.run_for("01:00")
    assert page.inner_text("#countdown") == "+8:00"
    page.click("text=Times for the record")  # folded in the panel until wanted
    with page.expect_download() as caught:
        page.click("#download-times")
    path = tmp_path / "times.csv"
    caught.value.save_as(path)
    context.close()
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert [r["section"] for r in rows] == [first.title]  # the section gone back from was not really run
    assert rows[0]["started"] == START.strftime("%Y-%m-%dT%H:%M")
    assert rows[0]["actual_minutes"] == str(first.minutes + 8)


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def test_next_step_moves_on_when_a_step_ends_early(browser, site_url, built):
    """Next step starts the section's next step now: its countdown from its planned minutes, the section's own
    countdown unchanged; the move is kept over a reload; on the last step there is no next step."""
    plan = hull_plan(built)
    item = next(i for i in plan.agenda if len(i.steps) >= 2)
    steps = item.steps
    context, page = run_page(browser, f"{site_url}/{RUN}", (768, 1024))
    page.click("#start")
    while page.inner_text("#now-title") != item.title:
        page.click("#advance")
    early = steps[0].minutes * 60 - 70  # the first step ends 1:10 early
    page.clock.run_for(early * 1000)
    assert page.inner_text("#step-title") == f"Step 1 of {len(steps)}: {steps[0].title}."
    press(page, "#now-panel .next-step")
    assert page.inner_text("#step-title") == f"Step 2 of {len(steps)}: {steps[1].title}."
    assert page.inner_text("#step-left") == f"{steps[1].minutes}:00 left in this step"
    assert page.inner_text("#step-do") == steps[1].do
    assert page.evaluate("document.activeElement.closest('#step-panel') !== null")
    left = item.minutes * 60 - early
    assert page.inner_text("#countdown") == f"{left // 60}:{left % 60:02d}"  # the section's time is its own
    marked = page.locator(".item.current .step.current-step")
    assert marked.count() == 1 and steps[1].title in marked.inner_text()
    page.clock.run_for("00:30")
    page.reload()
    assert page.inner_text("#step-title") == f"Step 2 of {len(steps)}: {steps[1].title}."
    assert page.inner_text("#step-left") == f"{steps[1].minutes - 1}:30 left in this step"
    for n in range(2, len(steps)):
        press(page, "#now-panel .next-step")
        assert page.inner_text("#step-title") == f"Step {n + 1} of {len(steps)}: {steps[n].title}."
    assert page.locator("#now-panel .next-step").is_disabled()
    context.close()


# --- focus: every control can be seen when it has focus, and shows it -------------------------------------

def luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def indicator_pixels(before: Image.Image, after: Image.Image, rect: dict, size) -> tuple[int, int]:
    """Pixels round and on the element that change by 3:1 or more when it takes focus (WCAG 2.2's measure of a
    focus indicator: the same pixels focused and not), and the element's perimeter, both on screen."""
    left, top = max(0, int(rect["left"]) - 8), max(0, int(rect["top"]) - 8)
    right, bottom = min(size[0], int(rect["right"]) + 8), min(size[1], int(rect["bottom"]) + 8)
    a, b = before.crop((left, top, right, bottom)).load(), after.crop((left, top, right, bottom)).load()
    changed = sum(1 for x in range(right - left) for y in range(bottom - top) if contrast(a[x, y], b[x, y]) >= 3)
    w = max(0, min(size[0], rect["right"]) - max(0, rect["left"]))
    h = max(0, min(size[1], rect["bottom"]) - max(0, rect["top"]))
    return changed, int(2 * (w + h))


FOCUS_SIZES = {"laptop": (1366, 768), "portrait": (768, 1024), "phone": (320, 640)}


@pytest.mark.parametrize("size", FOCUS_SIZES.values(), ids=FOCUS_SIZES)
def test_every_control_is_seen_with_its_focus_ring(browser, site_url, size):
    """Mid-day, Tab through the whole page: each control, as it takes focus, is at least partly on screen and
    not under the panel, and its focus ring changes pixels round it by 3:1 or more (a 2 px ring's worth).
    Then each control in the agenda is focused while it lies where the panel stays: it must come out from under."""
    context, page = run_page(browser, f"{site_url}/{RUN}", size)
    page.click("#start")
    page.clock.run_for("10:00")
    page.click("#advance")
    page_summaries = page.locator("summary").count()
    seen, problems = [], []
    for _ in range(80):
        page.keyboard.press("Tab")
        key = page.evaluate("(() => { const el = document.activeElement; if (el === document.body) return null;"
                            " return [...document.querySelectorAll('*')].indexOf(el) + ' ' + el.outerHTML.slice(0, 80); })()")
        if key is None:  # past the end: the next Tab starts again at the top
            continue
        if key in seen:
            break
        seen.append(key)
        where = page.evaluate(f"(() => ({SEEN})(document.activeElement))()")
        if not where["seen"]:
            problems.append(f"{key}: focused but not seen at {where}")
            continue
        focused = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
        page.evaluate("document.activeElement.blur()")  # Tab goes on from here (Chromium's starting point)
        unfocused = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
        changed, perimeter = indicator_pixels(unfocused, focused, where, size)
        if changed < 2 * perimeter:
            problems.append(f"{key}: focus ring changes {changed} px by 3:1, under {2 * perimeter}")
    # a control in the agenda that takes focus where the panel stays on top of it comes out from under the panel
    agenda = page.locator("#agenda summary")
    for n in range(agenda.count()):
        where = agenda.nth(n).evaluate(
            f"el => {{ window.scrollBy(0, el.getBoundingClientRect().top - 40); el.focus(); return ({SEEN})(el); }}")
        if not where["seen"]:
            problems.append(f"summary {n + 1}, focused from under the panel, not seen at {where}")
    context.close()
    assert any("advance" in k for k in seen) and any("next-step" in k for k in seen)
    assert sum("<summary" in k for k in seen) == page_summaries
    assert any("Times for the record" in k for k in seen)
    assert any("Pack page" in k or "kingston-upon-hull.html" in k for k in seen)
    assert problems == []


# --- the presenter ------------------------------------------------------------------------------------------

PRESENTER_SIZES = {"laptop": (1366, 768), "projector": (1280, 720), "portrait": (768, 1024)}


@pytest.mark.parametrize("size", PRESENTER_SIZES.values(), ids=PRESENTER_SIZES)
def test_every_slide_and_the_bar_fit_the_screen(new_page, site_url, size):
    """Moving through the deck by keys, and reloading each slide (its address is #slide-N), each slide (diagrams
    drawn, not turned into lists) and the bar sit inside the screen, and the page has nothing to scroll."""
    page = new_page(size)
    page.goto(f"{site_url}/{PRESENT}")
    count = page.locator(".slide").count()
    diagrams, off = 0, []
    for n in range(1, count + 1):
        for how in ("by keys", "reloaded"):
            assert page.inner_text("#counter") == f"Slide {n} of {count}"
            for selector in (".slide.current", "header.bar"):
                b = box(page, selector)
                if not inside(b, size):
                    off.append(f"slide {n} {how}: {selector} at {b}")
            if page.evaluate("document.documentElement.scrollHeight") > size[1]:
                off.append(f"slide {n} {how}: the page scrolls")
            if how == "by keys":
                page.reload()
        if page.locator(".slide.current .diagram").count():
            diagrams += 1
            assert page.locator(".slide.current .diagram-drawing").is_visible(), f"slide {n}: its diagram is a list"
        page.keyboard.press("ArrowRight")
    assert diagrams >= 3
    assert off == []


def touch_swipe(page, cdp, start: tuple[int, int], end: tuple[int, int]) -> None:
    """A finger put down, moved in steps and lifted (Chromium's own touch input, so touch-action applies)."""
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": start[0], "y": start[1]}]})
    for k in range(1, 11):
        x = start[0] + (end[0] - start[0]) * k / 10
        y = start[1] + (end[1] - start[1]) * k / 10
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(100)


def test_a_swipe_changes_the_slide_and_stays_in_the_deck(browser, site_url):
    """On a touch screen, opened from the pack page: a swipe left is the next slide, right the one before; from the
    first slide a swipe right stays on it; a move up or down is not a swipe. The page never goes back (Chromium
    for a touch screen takes a swipe right that the page lets through as "back": it did, before)."""
    context = browser.new_context(viewport={"width": 768, "height": 1024}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site_url}/packs/kingston-upon-hull.html")
    page.goto(f"{site_url}/{PRESENT}")  # so that going back would leave the deck
    cdp = context.new_cdp_session(page)
    count = page.locator(".slide").count()
    middle = (384, 600)
    touch_swipe(page, cdp, middle, (100, 610))
    assert page.inner_text("#counter") == f"Slide 2 of {count}"
    touch_swipe(page, cdp, middle, (100, 590))
    assert page.inner_text("#counter") == f"Slide 3 of {count}"
    touch_swipe(page, cdp, (200, 600), (700, 620))
    assert page.inner_text("#counter") == f"Slide 2 of {count}"
    touch_swipe(page, cdp, (400, 400), (420, 800))  # up and down: not a swipe
    assert page.inner_text("#counter") == f"Slide 2 of {count}"
    for _ in range(3):
        touch_swipe(page, cdp, (100, 600), (700, 600))
    assert page.inner_text("#counter") == f"Slide 1 of {count}"
    page.wait_for_timeout(500)  # time for the browser's own "back", were it to start
    assert page.url.split("#")[0] == f"{site_url}/{PRESENT}"
    assert page.inner_text("#counter") == f"Slide 1 of {count}"
    context.close()



def late_after(browser, project, plan, sa: int, late: int, on_time=None):
    """Build the project, open the plan's run mode at 768×1024 under a controlled clock from the day's start, and
    run each item to the self-assessment (index ``sa``) on time, that one ``late`` minutes over; then move on.
    ``on_time``: checked on the page once started. Returns (page, context, stop the server)."""
    from browser import serve

    result = project.build_here()
    assert result.returncode == 0, result.stderr
    url, stop = serve(project.path / "site", search=False)
    start = dt.datetime.combine(plan.pack.date.date, dt.time(*divmod(plan.pack.start.minutes, 60)))
    context = browser.new_context(viewport={"width": 768, "height": 1024})
    page = context.new_page()
    page.clock.install(time=start - dt.timedelta(seconds=1))
    page.clock.pause_at(start)
    page.goto(f"{url}/packs/{plan.slug}/run.html")
    page.click("#start")
    assert on_time is None or on_time(page)
    for n, item in enumerate(plan.agenda[:sa + 1]):
        page.clock.run_for((item.minutes + (late if n == sa else 0)) * 60_000)
        page.click("#advance")
    return page, context, stop


def test_running_late_offers_cuts_that_bring_the_finish_back_and_moves_every_later_time(browser, project):
    """15 minutes late after the self-assessment, at 768×1024 under a controlled clock: run mode lists cuts down to
    each later section's least (the engine's AgendaItem.least), with the new finish; making them brings the finish
    back to the planned time and moves every later clock time, and a reload keeps them."""
    from iwe_pack.load.loader import load_project
    from test_packs import BASE, PACK

    text = (BASE.replace("vision: 45", "vision: 50").replace("action-planning: 20", "action-planning: 25")
            .replace("wrap-up: 5", "wrap-up: 10"))
    project.write(PACK, text)
    plan = next(p for p in load_project(project.path).plans if p.slug == "testville")
    agenda = plan.agenda
    sa = next(n for n, i in enumerate(agenda) if i.section and i.section.id == "self-assessment")
    later = agenda[sa + 1:]
    assert sum(i.minutes - i.least for i in later) >= 15  # the plan has the slack to make up 15 minutes
    assert all(i.least == i.minutes for i in later if i.section is None)  # a break is never cut
    page, context, stop = late_after(browser, project, plan, sa, 15, on_time=lambda p: not p.is_visible("#catch-up"))
    try:
        finish = plan.pack.start.minutes + plan.total
        assert page.inner_text("#finish") == f"Finish at {clock(finish + 15)} (15 min later than planned)."
        assert page.inner_text("#catch-up-open") == "Running 15 min late: get back on time"
        assert_in_view(page, (768, 1024), "with the button to catch up")  # the panel keeps the clock in view
        press(page, "#catch-up-open")
        assert page.is_visible("#catch-up-dialog")
        lines = page.locator("#catch-up-list li").all_inner_texts()
        cut = 0
        for line in lines:  # "Developing a vision …: 50 to 45 min"
            title, _, minutes = line.rpartition(": ")
            item = next(i for i in later if i.title == title)
            before, after = (int(x) for x in minutes.removesuffix(" min").split(" to "))
            assert before == item.minutes and item.least <= after < before
            cut += before - after
        assert cut == 15, (lines, page.inner_text("#catch-up-finish"))
        assert page.inner_text("#catch-up-finish") == f"New finish {clock(finish)}, on time."
        page.screenshot(path=str(project.path / "catch-up.png"))
        for part in ("#catch-up-summary", "#catch-up-apply", "#catch-up-close"):
            assert inside(box(page, part), (768, 1024)) and box(page, part)["seen"], part
        page.keyboard.press("Escape")  # closed without a change, focus back on its button
        assert not page.is_visible("#catch-up-dialog")
        assert page.evaluate("document.activeElement.id") == "catch-up-open"
        assert page.inner_text("#finish") == f"Finish at {clock(finish + 15)} (15 min later than planned)."
        page.click("#catch-up-open")
        page.click("#catch-up-apply")
        assert page.inner_text("#catch-up-done").startswith("Cut 15 min from the sections left.")
        for when in ("after the cuts", "after a reload"):
            assert page.inner_text("#finish") == f"Finish at {clock(finish)} (on time).", when
            assert not page.is_visible("#catch-up"), when
            spans = page.locator(".item").evaluate_all("els => els.map(e => e.querySelector('h3 .time').textContent)")
            at = plan.pack.start.minutes + sum(i.minutes for i in agenda[:sa + 1]) + 15  # now: the vision starts
            assert spans[sa + 1].startswith(clock(at)), when
            for n in range(sa + 1, len(agenda)):  # each later item follows the one before, and the last ends on time
                begin, end = spans[n].split("–")
                assert begin == (spans[n - 1].split("–")[1] if n > sa + 1 else clock(at)), (when, n)
            assert spans[-1].split("–")[1] == clock(finish), when
            steps = page.locator(".item").nth(len(agenda) - 1).locator(".step .time").all_inner_texts()
            assert steps[0] == spans[-1].split("–")[0], when  # the steps move with their section
            page.reload()
    finally:
        context.close()
        stop()


def test_hull_running_15_late_gets_back_on_time_with_quicker_ways(browser, project):
    """Issue 23: Kingston upon Hull's plan as shipped, 15 minutes late after the self-assessment, at 768×1024 under a
    controlled clock. Cutting the sections left to their least makes up only 5 minutes; run mode also offers the
    steps' quicker ways (the engine's AgendaItem.shortest and ways), which bring the finish back to the planned time.
    Making the cuts moves every later clock time, and the steps show the way they now run, after a reload too."""
    from iwe_pack.load.loader import load_project

    plan = next(p for p in load_project(project.path).plans if p.slug == "kingston-upon-hull")
    agenda = plan.agenda
    sa = next(n for n, i in enumerate(agenda) if i.section and i.section.id == "self-assessment")
    later = agenda[sa + 1:]
    assert sum(i.minutes - i.least for i in later) < 15 <= sum(i.minutes - i.shortest for i in later)
    ways = {n: i.ways for n, i in enumerate(agenda) if n > sa and i.ways}
    assert ways
    page, context, stop = late_after(browser, project, plan, sa, 15)
    try:
        finish = plan.pack.start.minutes + plan.total
        press(page, "#catch-up-open")
        lines = page.locator("#catch-up-list li").all_inner_texts()
        cut = 0
        for line in lines:  # "Action planning: 25 to 20 min, with groups share their actions: one new action each"
            head, _, with_ways = line.partition(", with ")
            title, _, minutes = head.rpartition(": ")
            n = next(k for k, i in enumerate(agenda) if k > sa and i.title == title)
            before, after = (int(x) for x in minutes.removesuffix(" min").split(" to "))
            assert before == agenda[n].minutes and agenda[n].shortest <= after < before
            if after < agenda[n].least:  # below its least only with its quicker ways, which the line names
                assert with_ways == " and ".join(w.title[0].lower() + w.title[1:] for w in agenda[n].ways)
            cut += before - after
        assert cut == 15, lines
        assert page.inner_text("#catch-up-finish") == f"New finish {clock(finish)}, on time."
        page.click("#catch-up-apply")
        for when in ("after the cuts", "after a reload"):
            assert page.inner_text("#finish") == f"Finish at {clock(finish)} (on time).", when
            spans = page.locator(".item").evaluate_all("els => els.map(e => e.querySelector('h3 .time').textContent)")
            at = plan.pack.start.minutes + sum(i.minutes for i in agenda[:sa + 1]) + 15
            for n in range(sa + 1, len(agenda)):
                begin, _ = spans[n].split("–")
                assert begin == (spans[n - 1].split("–")[1] if n > sa + 1 else clock(at)), (when, n)
            assert spans[-1].split("–")[1] == clock(finish), when
            for n, item_ways in ways.items():
                steps = page.locator(".item").nth(n).locator("li.step").all_inner_texts()
                for w in item_ways:
                    assert w.title in steps[w.index] and w.do in " ".join(steps[w.index].split()), (when, steps)
            page.reload()
    finally:
        context.close()
        stop()
