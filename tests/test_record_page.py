"""The "Record your day" page: the browser's checks of a record agree with the engine's, and the page works in Chromium.

The agreement test makes 600 varied records (good ones, and ones with the mistakes a person or a file can hold),
with the files they name, checks each with the Python engine (``read_record``) and with the page's scripts in
one Node process (record-model.js, fed the data the build puts in the page), and compares the problems: the same
codes at the same fields, in the same words. The YAML each record is read from is the one the page's writer
(record-schema.js ``toYaml``) makes, so the writer is tested too. The browser tests fill in Hull's page from the
offline copy, download the record, and check it with ``iwe-pack check`` and a build.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from iwe_pack.diagnostics.problems import Collector
from iwe_pack.load.loader import load_project, read_record
from iwe_pack.sources.layout import FONTS
from iwe_pack.views.record_page import record_data

JS = ROOT / "overrides" / "assets" / "javascripts"
SLUG = "kingston-upon-hull"
RECORDS = 600

NODE_RUNNER = r"""
const fs = require("fs");
const [dir, dataFile, casesFile, outFile] = process.argv.slice(2);
const S = require(dir + "/record-schema.js"), M = require(dir + "/record-model.js");
const data = JSON.parse(fs.readFileSync(dataFile, "utf8"));
const cases = JSON.parse(fs.readFileSync(casesFile, "utf8"));
const out = cases.map(c => {
  const problems = new S.Problems(data);
  const files = {};
  for (const [k, v] of Object.entries(c.files)) files[k] = v.bytes ? Uint8Array.from(Buffer.from(v.bytes, "base64")) : v;
  const read = M.readRecord(data, c.rec, files, c.file, problems);
  return {yaml: S.toYaml(data, c.rec, ["A record written for the test"]), ok: read !== null,
          problems: problems.list.map(p => [p.code, p.file ? p.file.split("/").pop() : null, p.field, p.message])};
});
fs.writeFileSync(outFile, JSON.stringify(out));
"""


def node() -> str:
    found = shutil.which("node")
    if not found:
        pytest.fail("Node.js is not installed: apt-get install nodejs (the project's .ci/run installs it).")
    return found


@pytest.fixture(scope="module")
def hull():
    project = load_project(ROOT)
    plan = next(p for p in project.plans if p.slug == SLUG)
    return project, plan


# --- records as a person and their files may write them -----------------------------------------------------------

def pick(rng, good, bad, p_bad):
    return rng.choice(bad) if rng.random() < p_bad else rng.choice(good)


TEXTS = ["Make wellbeing the first test of our plans.", "Tîm Lles: \"north\" and south", "Spend more locally, not less",
         "  Leading and trailing spaces  ", "A line\nand another", "50% of spend: by 2030 # not a comment"]
BAD_TEXTS = ["", "   ", "Bell \x07 here", "Smile \U0001F600", "Greek \u03a9 omega", "\u0085 next line", "Line\u2028sep"]
DATES_GOOD = ["2026-03-12", "2026-04-23", "2026-9-30", "2027-01-31", "2026-12-31"]
DATES_BAD = ["2026-02-30", "2026-13-01", "12/03/2026", "1800-01-01", "2026-03-11", "2025-12-31", "", "2026-00-10"]
SCORES_GOOD = ["1", "1.5", "2", "2.5", "3", "3.5", "4", "4.0", " 2 "]
SCORES_BAD = ["5", "0", "2.3", "abc", "0.5", "4.5", "", "1e1", "100"]
MINUTES_GOOD = ["0", "12", "25", "600", " 45 "]
MINUTES_BAD = ["601", "x", "-3", "2.5", "", "1234567890", "a" * 70]


def csv_line(cells, sep=","):
    out = []
    for c in cells:
        c = str(c)
        out.append('"' + c.replace('"', '""') + '"' if any(ch in c for ch in (sep, '"', "\n", "\r")) else c)
    return sep.join(out)


def scores_csv(rng, ids, p_bad):
    groups = ["Group A", "Group B", "Group C"][: rng.randint(1, 3)]
    header = ["principle_id", "principle", *groups, "midpoint", "agreed"]
    sep = ";" if rng.random() < 0.1 else ","
    if rng.random() < p_bad / 3:
        header = rng.choice([[h for h in header if h != "agreed"], ["principle id", *header[1:]], header + ["agreed"]])
    rows = []
    for pid in rng.sample(ids, rng.randint(0 if rng.random() < 0.05 else 1, len(ids))):
        agreed = pick(rng, SCORES_GOOD + [""], SCORES_BAD + ["'=1", "2,5"], p_bad / 4)
        if sep == ";" and agreed == "2.5" and rng.random() < 0.5:
            agreed = "2,5"
        pid = pick(rng, [pid], [pid + "s", "wellbeing", "'" + pid, ""], p_bad / 6)
        rows.append([pid, "A principle, named", *[rng.choice(["", "2", "3"]) for _ in groups], "2", agreed])
    if rows and rng.random() < p_bad / 6:
        rows.append(list(rows[0]))
    if rows and rng.random() < p_bad / 8:
        rows[0] = rows[0][:-1]
    lines = [csv_line(header, sep)] + [csv_line(r, sep) for r in rows]
    if rng.random() < 0.2:
        lines.insert(rng.randint(1, len(lines)), "")
    end = rng.choice(["\n", "\r\n"])
    text = end.join(lines) + (end if rng.random() < 0.8 else "")
    if rng.random() < 0.1:
        text = "\ufeff" + text
    if rng.random() < p_bad / 12:
        text = rng.choice(["", "principle_id;principle\tagreed\nx;y\t2\n", "principle_id,agreed\n"])
    return text


def times_csv(rng, ids, day, p_bad):
    header = ["section_id", "section", "planned_minutes", "actual_minutes", "started", "ended"]
    if rng.random() < p_bad / 4:
        header = rng.choice([header[::-1], header[:-1], header + ["note"], ["section", *header[1:]]])
    rows, clock = [], 9 * 60
    for sid in ids:
        if rng.random() < 0.15:
            rows.append(["", "Coffee break", "10", "12", "", ""])
        actual = pick(rng, ["10", "25", "", "0"], ["x", "700", "-1", "2.5"], p_bad / 5)
        start = f"{day}T{clock // 60:02d}:{clock % 60:02d}"
        clock += 20
        end = f"{day}T{clock // 60:02d}:{clock % 60:02d}"
        start = pick(rng, [start, ""], ["2026-03-11T09:00", "09:30", "2026-03-12 09:30", "2026-02-30T09:00", "2026-03-12T24:00"],
                     p_bad / 6)
        if rng.random() < p_bad / 8:
            start, end = end, start
        sid = pick(rng, [sid], [sid + "x", "lunch"], p_bad / 8)
        rows.append([sid, "A section", "20", actual, start, end])
    if rng.random() < p_bad / 8:
        rows.append(list(rows[-1]))
    return "\n".join([csv_line(header)] + [csv_line(r) for r in rows]) + "\n"


def survey_csv(rng, attendees, p_bad):
    header = ["ID", "Email", "Name", "How useful?", "How well run?", "How confident?", "What resonated?", "Improve?"]
    rows = []
    for n in range(rng.randint(1, 6) if rng.random() > p_bad / 10 else 4 * attendees + 21):
        def rating():
            return pick(rng, ["1", "3", "5", "4 - Good", ""], ["six", "0", "4.5", "10"], p_bad / 8)
        text = pick(rng, ["Good", "More time, please", ""], ["x" * 4001], p_bad / 20)
        rows.append([str(n + 1), "a@example.org", rng.choice(["Sam", "anonymous", ""]), rating(), rating(), rating(), text,
                     "Less talk"])
    columns = {"useful": "How useful?", "run_well": "How well run?", "confident": "How confident?",
               "resonated": "What resonated?"}
    if rng.random() < 0.3:
        columns["name"] = "Name"
    if rng.random() < p_bad / 5:
        columns["improve"] = rng.choice(["How useful?", "how well run?", "Improve"])
    return "\n".join([csv_line(header)] + [csv_line(r) for r in rows]) + "\n", columns


def random_case(rng, ids, sections, day, attendees) -> dict:
    p_bad = 0 if rng.random() < 0.45 else rng.choice([0.15, 0.3, 0.6])
    rec, files = {}, {}
    if rng.random() < 0.3:
        rec["held"] = pick(rng, [day, "2026-3-12"], ["2026-02-31", "yesterday"], p_bad)
    r = rng.random()
    if r < 0.4:
        rec["scores"] = {"from": "scores.csv"}
        files["scores.csv"] = scores_csv(rng, ids, p_bad)
        if rng.random() < 0.05:
            files["scores.csv"] = {"bytes": "cHJpbmNpcGxlX2lkLGFncmVlZAr/Cg=="}  # not UTF-8
    elif r < 0.8:
        chosen = rng.sample(ids, rng.randint(0, len(ids)))
        rec["scores"] = {pick(rng, [i], [i + "-x", "from-here"], p_bad / 3): pick(rng, SCORES_GOOD, SCORES_BAD, p_bad / 3)
                         for i in chosen}
    if rng.random() < 0.7:
        rec["vision"] = pick(rng, TEXTS, BAD_TEXTS, p_bad / 2)
    if rng.random() < 0.6:
        rec["purpose"] = [pick(rng, TEXTS, BAD_TEXTS, p_bad / 3) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.8:
        actions = []
        for _ in range(rng.randint(1, 3)):
            a = {"what": pick(rng, TEXTS, BAD_TEXTS, p_bad / 3), "by": pick(rng, DATES_GOOD, DATES_BAD, p_bad / 2),
                 "smart": rng.random() < 0.6}
            if rng.random() > p_bad / 2:
                a["who"] = pick(rng, ["Head of Policy", "Public Health Lead"], BAD_TEXTS[2:], p_bad / 4)
            if rng.random() < 0.5:
                a["principle"] = pick(rng, ids, ["wellbeing-priority", "nothing"], p_bad / 2)
            for key in ("what", "by"):
                if rng.random() < p_bad / 8:
                    del a[key]
            actions.append(a)
        rec["actions"] = actions
    if rng.random() < 0.6:
        g = {"group": pick(rng, TEXTS, BAD_TEXTS, p_bad / 4), "meets": "Every six weeks"}
        if rng.random() < 0.5:
            g["lead"] = "Director of Public Health"
        if rng.random() < p_bad / 4:
            del g[rng.choice(["group", "meets"])]
        rec["governance"] = g
    if rng.random() < 0.6:
        rec["next_meeting"] = pick(rng, DATES_GOOD, DATES_BAD, p_bad / 2)
    if rng.random() < 0.4:
        rec["next_meeting_note"] = pick(rng, TEXTS, BAD_TEXTS, p_bad / 4)
    if rng.random() < 0.4:
        rec["not_now"] = [{"what": pick(rng, TEXTS, BAD_TEXTS, p_bad / 4), "why": "Not yet"}
                          for _ in range(rng.randint(1, 2))]
    r = rng.random()
    if r < 0.4:
        rec["minutes"] = {"from": "times.csv"}
        files["times.csv"] = times_csv(rng, sections, rec.get("held", day) if rng.random() < 0.9 else "2026-03-13", p_bad)
    elif r < 0.7:
        rec["minutes"] = {pick(rng, [s], [s + "s"], p_bad / 4): pick(rng, MINUTES_GOOD, MINUTES_BAD, p_bad / 3)
                          for s in rng.sample(sections, rng.randint(0, len(sections)))}
    if rng.random() < 0.3:
        text, columns = survey_csv(rng, attendees, p_bad)
        rec["evaluation"] = {"from": "answers.csv", "columns": columns}
        files["answers.csv"] = text
    return {"rec": rec, "files": files, "file": f"packs/records/{SLUG}.yml"}


def python_problems(case, hull, tmp: Path) -> tuple[bool, list]:
    project, plan = hull
    folder = tmp / "packs" / "records"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / f"{SLUG}.yml").write_text(case["yaml"], encoding="utf-8")
    import base64

    for name, value in case["files"].items():
        data = base64.b64decode(value["bytes"]) if isinstance(value, dict) else value.encode("utf-8")
        (folder / name).write_bytes(data)
    errors = Collector(tmp)
    planned = [(i.section, i.minutes) for i in plan.agenda if i.section is not None]
    got = read_record(folder / f"{SLUG}.yml", plan.pack, project.workshop.matrix, planned, ROOT / FONTS, errors)
    return got is not None, [[e.code, e.file.split("/")[-1], e.field, e.message] for e in errors.errors]


def run_js(cases: list[dict], data: dict, tmp: Path) -> list[dict]:
    (tmp / "runner.js").write_text(NODE_RUNNER, encoding="utf-8")
    (tmp / "data.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    subprocess.run([node(), str(tmp / "runner.js"), str(JS), str(tmp / "data.json"), str(tmp / "cases.json"),
                    str(tmp / "out.json")], check=True, timeout=600)
    return json.loads((tmp / "out.json").read_text(encoding="utf-8"))


# The words the browser cannot give as the engine does: a character's Unicode name (the browser does not know it),
# and the line of the record a column is first mapped on (the page writes no columns: it keeps only the answers).
LOOSE = {"pack.font-cannot-print", "record.column-mapped-twice"}


def compared(problems: list) -> set:
    return {(code, file, field, None if code in LOOSE else message) for code, file, field, message in problems}


def cases_and_results(hull, tmp_path, n, seed, data=None):
    project, plan = hull
    rng = random.Random(seed)
    ids = [p.id for p in project.workshop.matrix.principles]
    sections = [i.section.id for i in plan.agenda if i.section is not None]
    cases = [random_case(rng, ids, sections, str(plan.pack.date), plan.pack.attendees) for _ in range(n)]
    data = data or record_data(project.workshop, plan, ROOT / FONTS)
    got = run_js(cases, data, tmp_path)
    expected = []
    for case, js in zip(cases, got):
        expected.append(python_problems({**case, "yaml": js["yaml"]}, hull, tmp_path / "project"))
    return cases, got, expected


def test_the_browser_checks_a_record_as_the_engine_does_on_600_records(hull, tmp_path):
    cases, got, expected = cases_and_results(hull, tmp_path, RECORDS, 20261127)
    # the sample covers what it should: good records and bad, each kind of mistake, from the YAML and the files
    good = sum(ok for ok, _ in expected)
    assert 150 < good < RECORDS - 150, good
    codes = {p[0] for _, problems in expected for p in problems}
    for code in ("record.bad-score", "record.unknown-principle", "record.no-owner", "value.no-such-day", "value.date-format",
                 "record.before-the-day", "record.csv-missing-columns", "record.csv-separator", "record.csv-bad-score",
                 "record.csv-unknown-principle", "record.csv-bad-time", "record.csv-not-on-the-day", "yaml.empty-text",
                 "yaml.control-character", "pack.font-cannot-print", "yaml.missing-key", "yaml.wrong-type",
                 "record.csv-bad-rating", "record.column-not-in-file", "record.unknown-section", "file.not-utf8",
                 "record.csv-duplicate-row", "record.csv-column-order", "record.csv-ends-before-start"):
        assert code in codes, code
    mismatched = [(i, cases[i], e, g) for i, (e, g) in enumerate(zip(expected, got))
                  if e[0] != g["ok"] or compared(e[1]) != compared(g["problems"])]
    assert not mismatched, "first of {} disagreements:\ncase {}\nyaml {}\npython {}\njs     {}".format(
        len(mismatched), json.dumps(mismatched[0][1]), mismatched[0][3]["yaml"], json.dumps(mismatched[0][2]),
        json.dumps(mismatched[0][3]["problems"]))


def test_the_agreement_test_can_fail(hull, tmp_path):
    """Checks fed one changed number find other problems: the comparison above sees the numbers."""
    project, plan = hull
    data = record_data(project.workshop, plan, ROOT / FONTS)
    data["score_range"] = [1, 3]
    data["fields"]["minutes"]["max"] = 500
    cases, got, expected = cases_and_results(hull, tmp_path, 60, 5, data)
    assert any(e[0] != g["ok"] or compared(e[1]) != compared(g["problems"]) for e, g in zip(expected, got))


# --- the page in Chromium ---------------------------------------------------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SIZES = {"tablet": (768, 1024), "phone": (320, 640)}
EXAMPLES = ROOT / "packs" / "records"
ACTION = {"what": "Add a wellbeing check to every new council plan", "who": "Head of Policy and Strategy",
          "by": "2026-09-30"}


def pick_files(page) -> None:
    """Pick Hull's example scoring and times files with the page's file pickers."""
    for kind in ("scores", "times"):
        page.set_input_files(f"#iwe-rec-file-{kind}", str(EXAMPLES / f"{SLUG}-{kind}.csv"))
        page.wait_for_function(f"document.getElementById('iwe-rec-s-{kind}').textContent.startsWith('Read')")


def fill_action(page, action=ACTION, smart=True) -> None:
    page.fill("#iwe-rec-what-1", action["what"])
    page.fill("#iwe-rec-who-1", action["who"])
    page.fill("#iwe-rec-by-1", action["by"])
    page.select_option("#iwe-rec-principle-1", "wellbeing-priorities")
    if smart:
        page.check("#iwe-rec-smart-1")


def test_a_record_made_offline_from_the_days_files_passes_the_check_and_makes_the_same_report(browser, built, tmp_path,
                                                                                            project):
    with zipfile.ZipFile(next((built.path / "site" / "downloads").glob("*offline*.zip"))) as z:
        z.extractall(tmp_path / "offline")
    url = next((tmp_path / "offline").glob(f"*/packs/{SLUG}/record.html")).as_uri()
    context = browser.new_context(viewport={"width": 768, "height": 1024}, accept_downloads=True)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    pick_files(page)
    fill_action(page)
    assert page.get_attribute("#iwe-rec-download", "aria-disabled") == "false"
    with page.expect_download() as info:
        page.click("#iwe-rec-download")
    assert info.value.suggested_filename == f"{SLUG}.yml"
    text = Path(info.value.path()).read_text(encoding="utf-8")
    context.close()
    assert errors == []
    assert requests and all(u.startswith(("file:", "data:", "blob:")) for u in requests), requests
    # one file: the imported scores and minutes are written into it
    assert "from" not in text
    project.write(f"packs/records/{SLUG}.yml", text)
    out = project.check(str(project.file(f"packs/{SLUG}.yml")))
    assert out.returncode == 0, out.stdout + out.stderr
    # the report made from it has the example files' scores and minutes, and the action
    example = load_project(ROOT)
    was = next(p for p in example.plans if p.slug == SLUG).record
    now = next(p for p in load_project(project.path).plans if p.slug == SLUG).record
    assert [(s.principle.id, s.score) for s in now.scores] == [(s.principle.id, s.score) for s in was.scores]
    assert [(t.section.id, t.actual) for t in now.times] == [(t.section.id, t.actual) for t in was.times]
    assert [(a.what, a.who, str(a.by), a.smart, a.principle.id) for a in now.actions] == [
        (ACTION["what"], ACTION["who"], ACTION["by"], True, "wellbeing-priorities")]
    built_here = project.build_here()
    assert built_here.returncode == 0, built_here.stderr
    report = (project.path / "site" / "packs" / SLUG / "report.html").read_text(encoding="utf-8")
    assert ACTION["what"] in report and ACTION["who"] in report and "Wednesday 30 September 2026" in report
    for s in was.scores:
        assert f"<td>{s.label}</td>" in report.split(s.principle.title, 1)[1][:200], s.principle.id
    for t in was.times:
        row = report.split(f"{t.section.number}. {t.section.title}</th>", 1)[1][:120]
        assert f"<td>{t.planned}</td><td>{t.actual}</td>" in row, t.section.id


def open_record(new_page, url: str, size=(768, 1024), requests: list | None = None):
    page = new_page(size)
    if requests is not None:
        page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{url}/packs/{SLUG}/record.html", wait_until="load")
    return page


def test_bad_values_show_the_engines_words_beside_the_field(new_page, site_url, built, project):
    page = open_record(new_page, site_url)
    fill_action(page, dict(ACTION, by="2026-02-30"))
    said_date = page.inner_text("#iwe-rec-actions .iwe-error")
    assert page.get_attribute("#iwe-rec-by-1", "aria-invalid") == "true"
    page.fill("#iwe-rec-by-1", "2026-03-01")  # before the day
    page.fill("#iwe-rec-who-1", "")
    page.fill("#iwe-rec-score-using-evidence", "5")
    said_owner, said_before = page.inner_text("#iwe-rec-actions .iwe-error").split("\n")
    said_score = page.inner_text("#iwe-rec-e-score-using-evidence")
    # a file saved by Excel with semicolons and tabs both splitting its header
    bad = project.path / "odd.csv"
    bad.write_text("principle_id;principle\tagreed\nusing-evidence;x\t2\n", encoding="utf-8")
    page.set_input_files("#iwe-rec-file-scores", str(bad))
    page.wait_for_function("document.getElementById('iwe-rec-e-scores').textContent.length > 0")
    said_file = page.inner_text("#iwe-rec-e-scores")
    assert page.get_attribute("#iwe-rec-download", "aria-disabled") == "true"
    # the same mistakes in a record file: `iwe-pack check` says the same words
    def check(record: str) -> str:
        project.write(f"packs/records/{SLUG}.yml", record)
        out = project.check(str(project.file(f"packs/{SLUG}.yml")))
        assert out.returncode != 0
        return out.stdout + out.stderr

    action = f'actions:\n  - what: "{ACTION["what"]}"\n    by: {{by}}\n    smart: true\n'
    assert said_date and said_date in check(action.format(by="2026-02-30"))
    said = check(action.format(by="2026-03-01") + "scores:\n  using-evidence: 5\n")
    assert said_owner in said and said_before in said and said_score in said
    (project.path / "packs" / "records" / "odd.csv").write_bytes(bad.read_bytes())
    said = check("scores: {from: odd.csv}\n")
    assert said_file.startswith("odd.csv, line 1: ") and said_file.removeprefix("odd.csv, line 1: ") in said
    from iwe_pack.diagnostics.catalogue import CATALOGUE

    assert said_owner == CATALOGUE["record.no-owner"].text
    assert said_date == CATALOGUE["value.no-such-day"].text.format(found="'2026-02-30'", month="February 2026", days=28)


def test_the_record_is_kept_in_this_browser_until_forgotten(new_page, site_url, built):
    page = open_record(new_page, site_url)
    pick_files(page)
    page.fill("#iwe-rec-vision", "A fair chance of a good life")
    page.reload()
    assert page.input_value("#iwe-rec-vision") == "A fair chance of a good life"
    assert page.input_value("#iwe-rec-score-working-together") == "3"
    assert page.inner_text("#iwe-rec-clear-scores")  # the file is kept too
    page.click("#iwe-rec-forget")
    assert page.evaluate(f"localStorage.getItem('iwe-record-v1-{SLUG}')") is None
    page.reload()
    assert page.input_value("#iwe-rec-vision") == "" and page.input_value("#iwe-rec-score-working-together") == ""


def axe_violations(page) -> list:
    from npm_tools import axe_script

    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=axe_script())
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))", AXE_TAGS)


@pytest.mark.parametrize("size", SIZES)
def test_the_page_has_no_axe_violations(new_page, site_url, built, size):
    requests: list[str] = []
    page = open_record(new_page, site_url, SIZES[size], requests)
    pick_files(page)
    page.set_input_files("#iwe-rec-file-answers", str(EXAMPLES / f"{SLUG}-evaluation.csv"))
    page.wait_for_function("document.getElementById('iwe-rec-s-answers').textContent.startsWith('Read')")
    fill_action(page, dict(ACTION, who=""))  # an error beside a field, and in the list above the preview
    assert page.inner_text("#iwe-rec-actions .iwe-error")
    assert axe_violations(page) == []
    assert all(u.startswith((site_url, "data:", "blob:")) for u in requests)
