"""The day's two exports come into the record of the day without retyping, end to end in Chromium.

A place's scoring page and its run mode are used in a real browser on a pages-only build of the shipped
sources: the room's scores are entered and the day is run under a controlled clock (a break, a section that
overruns, one that finishes early). The two files the buttons download are saved into ``packs/records/`` beside
a record that names them with ``from:``; the check passes and the model holds what was entered and the minutes
spent. A changed header in the scoring file gets a clear error instead.

Both tests share the downloads (one build, one browser context for each tool), so they run in one worker.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from zoneinfo import ZoneInfo

import pytest

from browser import serve
from conftest import assert_clean_failure, copy_project, problems, strip_ansi

SLUG = "ynys-mon"  # two groups that both score the whole matrix (so midpoints can be half steps), and a break
RECORDS = "packs/records"
ZONE = "Europe/London"  # the browser's time zone: run mode writes local times
START = dt.datetime(2026, 5, 7, 10, 0)  # the day starts, local time


def plan_of(root):
    from iwe_pack.load.loader import load_project

    return next(p for p in load_project(root).plans if p.slug == SLUG)


def chosen_scores(principles, groups: int) -> tuple[dict, dict]:
    """What the room enters: each group's score for each principle (None: not scored), and the scores agreed
    otherwise than the midpoint. The last principle is not scored; the one before it by the first group only;
    groups agree on some, and differ by one level (a half-step midpoint) or two on others."""
    entered, agreed = {}, {}
    for i, p in enumerate(principles):
        if i == len(principles) - 1:
            entered[p.id] = [None] * groups
        elif i == len(principles) - 2:
            entered[p.id] = [2] + [None] * (groups - 1)
        else:
            entered[p.id] = [1 + (i + g * (i % 3)) % 4 for g in range(groups)]
    agreed[principles[1].id] = 4  # the room agrees a score that is not the midpoint
    return entered, agreed


def spent_minutes(agenda) -> list[int]:
    """Minutes spent on each agenda item: the first section and the break overrun, the rest vary about the plan."""
    change = [4, -2, 6, -5, 0, 1, -1, 2]
    return [item.minutes + (3 if item.section is None else change[n % len(change)])
            for n, item in enumerate(agenda)]


@pytest.fixture(scope="module")
def day(tmp_path_factory, browser):
    """The shipped sources built (pages only) and served; the place's scores entered and its day run in Chromium.
    Returns the two downloaded files, what was entered and the minutes spent on each item."""
    shipped = copy_project(tmp_path_factory.mktemp("record-import") / "project")
    built = shipped.build_here()
    assert built.returncode == 0, built.stderr
    plan = plan_of(shipped.path)
    principles = [p.id for p in [*plan.allocation.values()][0]]  # everyone scores the whole matrix here
    assert all([p.id for p in ps] == principles for ps in plan.allocation.values())
    groups = len(plan.pack.groups)
    entered, agreed = chosen_scores([*plan.allocation.values()][0], groups)
    spent = spent_minutes(plan.agenda)
    folder = tmp_path_factory.mktemp("downloads")
    url, stop = serve(shipped.path / "site")
    try:
        # (a) the scoring page: each group's scores, and the room's own agreed score for one principle
        context = browser.new_context(viewport={"width": 768, "height": 1024}, accept_downloads=True)
        page = context.new_page()
        page.goto(f"{url}/packs/{SLUG}/scoring.html")
        for pid, scores in entered.items():
            for g, score in enumerate(scores):
                if score is not None:
                    page.select_option(f"#s-{pid}-{g}", str(score))
        for pid, score in agreed.items():
            page.select_option(f"#s-{pid}-agreed", str(score))
        with page.expect_download() as info:
            page.get_by_role("button", name="Download CSV").click()
        scores_file = folder / info.value.suggested_filename
        info.value.save_as(scores_file)
        context.close()

        # (b) run mode under a controlled clock: start the day, spend the chosen minutes in each item, finish
        context = browser.new_context(viewport={"width": 768, "height": 1024}, accept_downloads=True,
                                      timezone_id=ZONE)
        page = context.new_page()
        page.clock.install(time=START.replace(tzinfo=ZoneInfo(ZONE)))
        page.goto(f"{url}/packs/{SLUG}/run.html")
        page.click("#start")
        for item, minutes in zip(plan.agenda, spent):
            assert page.locator("#now-title").inner_text() == item.title
            page.clock.fast_forward(minutes * 60_000)
            page.click("#advance")
        assert page.locator("#now-title").inner_text() == "Finished"
        assert page.locator("#times").evaluate("d => d.open")  # folded all day, open once the day is over
        with page.expect_download() as info:
            page.get_by_role("button", name="Download times (CSV)").click()
        times_file = folder / info.value.suggested_filename
        info.value.save_as(times_file)
        context.close()
    finally:
        stop()
    return {"scores_file": scores_file, "times_file": times_file, "entered": entered, "agreed": agreed,
            "spent": spent}


def record_yaml(scores: str, times: str) -> str:
    return f"""\
held: {START:%Y-%m-%d}
scores: {{from: {scores}}}
vision: Everyone on the island can live well, now and later.
purpose:
  - Agree one picture of wellbeing for the island.
actions:
  - what: Share the agreed scores with every team.
    who: Head of Policy
    by: 2026-06-30
    smart: true
governance:
  group: Wellbeing Group
  meets: Every month
minutes: {{from: {times}}}
"""


def with_downloads(project, day) -> None:
    """The two downloads saved beside the place's record, and the record written to name them."""
    for name in ("scores_file", "times_file"):
        shutil.copy(day[name], project.file(f"{RECORDS}/{day[name].name}"))
    project.write(f"{RECORDS}/{SLUG}.yml", record_yaml(day["scores_file"].name, day["times_file"].name))


def test_the_days_exports_import_into_the_record_without_retyping(project, day):
    assert day["scores_file"].name.endswith(f"-{SLUG}.csv") and day["times_file"].name.endswith(f"-{SLUG}.csv")
    with_downloads(project, day)
    checked = project.check()
    assert checked.returncode == 0, strip_ansi(checked.stdout + checked.stderr)

    plan = plan_of(project.path)
    record = plan.record
    assert record is not None and not record.illustrative
    # the scores: agreed where the room set one, the groups' midpoint otherwise, none where nobody scored
    expected = {}
    for pid, scores in day["entered"].items():
        given = [s for s in scores if s is not None]
        expected[pid] = day["agreed"].get(pid, (min(given) + max(given)) / 2 if given else None)
    assert {s.principle.id: s.score for s in record.scores} == expected
    assert any(s % 1 for s in expected.values() if s) and None in expected.values()  # the test covers both
    for entry in record.scores:
        if entry.scored:
            assert entry.origin.file == f"{RECORDS}/{day['scores_file'].name}" and entry.origin.field == "agreed"
    # the times: the minutes spent in each section, planned from the place's plan; the break is left out
    spent = {item.section.id: (item.minutes, m) for item, m in zip(plan.agenda, day["spent"]) if item.section}
    assert [(t.section.id, t.planned, t.actual) for t in record.times] == [(sid, p, a) for sid, (p, a) in spent.items()]
    assert record.overran() and any(t.difference < 0 for t in record.times)
    assert all(t.origin.file == f"{RECORDS}/{day['times_file'].name}" for t in record.times)
    first = record.times[0]
    assert (first.started, first.ended) == (START, START + dt.timedelta(minutes=first.actual))
    # the break was run and exported too, with the minutes spent in it
    rows = list(csv.DictReader(io.StringIO(day["times_file"].read_text(encoding="utf-8"))))
    breaks = [(item.title, m) for item, m in zip(plan.agenda, day["spent"]) if item.section is None]
    assert breaks and [(r["section"], int(r["actual_minutes"])) for r in rows if not r["section_id"]] == breaks

    built = project.build_here()
    assert built.returncode == 0, built.stderr


def test_a_changed_header_in_the_scoring_file_is_a_clear_error(project, day):
    with_downloads(project, day)
    rel = f"{RECORDS}/{day['scores_file'].name}"
    text = project.read(rel)
    header = text.splitlines()[0]
    assert header.endswith(",agreed")
    project.write(rel, text.replace(header, header[: -len("agreed")] + "agreed score", 1))
    out = assert_clean_failure(project.check(), rel)
    [problem] = problems(out)
    assert f"{rel}, line 1" in problem, problem
    assert "lacks 'agreed'" in problem and "'agreed score'" in problem, problem  # what is missing, what was found
    assert "allowed: principle_id,principle, a column for each group, then midpoint,agreed" in problem, problem
    assert project.read(rel) == text.replace(header, header[: -len("agreed")] + "agreed score", 1)  # never changed
