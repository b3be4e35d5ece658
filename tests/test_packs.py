"""Per-place packs: agenda with clock times, advice, allocation, print list, letters, and bad input."""

from __future__ import annotations

import html
import re
import textwrap

import pytest
import yaml

from conftest import ROOT, strip_ansi
from test_site import text_of

PACK = "packs/testville.yml"
BASE = textwrap.dedent("""\
    place: Testville
    convener: Testville Council
    date: 2026-06-10
    start: "09:00"
    format: in-person
    venue: Town Hall
    attendees: 12
    groups:
      - name: Red
        facilitator: Ann
      - name: Blue
        facilitator: Bo
    facilitators: [Ann, Bo]
    minutes:
      introductions: 10
      taught-section: 25
      self-assessment: 45
      vision: 45
      action-planning: 20
      wrap-up: 5
    breaks:
      - after: taught-section
        minutes: 10
    """)


def failure(result) -> str:
    out = strip_ansi(result.stdout + result.stderr)
    assert result.returncode != 0, out
    assert "Traceback" not in out, out
    return out


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def workshop_sections():
    return yaml.safe_load((ROOT / "content/workshop.yml").read_text())["sections"]


def agenda_rows(page: str) -> list[tuple[str, str, str, int]]:
    """(start, end, title, minutes) for each agenda row of a pack page."""
    table = page[page.index('id="agenda"'):]
    table = table[:table.index("</table>")]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)[1:]:
        cells = [text_of(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
        m = re.fullmatch(r"(\d\d:\d\d)–(\d\d:\d\d)", cells[0])
        if m:
            rows.append((m.group(1), m.group(2), cells[1], int(cells[2])))
    return rows


@pytest.mark.parametrize("pack_file", sorted(p.name for p in (ROOT / "packs").glob("*.yml")))
def test_every_shipped_pack_has_an_agenda_consistent_with_its_start(built, pack_file):
    """Recompute the day from the YAML alone and compare with the published agenda."""
    pack = yaml.safe_load((ROOT / "packs" / pack_file).read_text())
    slug = pack_file[:-4]
    rows = agenda_rows(built.page(f"packs/{slug}.html"))
    h, m = map(int, str(pack["start"]).split(":"))
    t = h * 60 + m
    expected = []
    for s in workshop_sections():
        minutes = pack.get("minutes", {}).get(s["id"])
        assert minutes is not None, "the shipped packs set every section's minutes"
        expected.append((clock(t), clock(t + minutes), s["title"], minutes))
        t += minutes
        for b in pack.get("breaks", []):
            if b["after"] == s["id"]:
                expected.append((clock(t), clock(t + b["minutes"]), b.get("title", "Break"), b["minutes"]))
                t += b["minutes"]
    assert [(a, b, re.sub(r"^\d+\. ", "", c), d) for a, b, c, d in rows] == expected
    page = text_of(built.page(f"packs/{slug}.html"))
    assert f"{clock(t)} Finish" in page
    assert html.escape(pack["place"]) in built.page("packs/index.html")


def test_shipped_packs_differ_in_ways_that_matter():
    packs = [yaml.safe_load(p.read_text()) for p in (ROOT / "packs").glob("*.yml")]
    assert any(p["format"] == "in-person" and int(str(p["start"])[:2]) < 12 and p["attendees"] >= 30 for p in packs)
    assert any(p["format"] == "virtual" and int(str(p["start"])[:2]) >= 12 for p in packs)
    assert any(p["attendees"] <= 12 for p in packs)


def test_default_minutes_and_unquoted_start(project):
    text = BASE.replace('start: "09:00"', "start: 10:30")
    text = re.sub(r"minutes:\n(  \w.*\n)+", "", text)
    project.write(PACK, text)
    result = project.check(str(project.file(PACK)))
    assert result.returncode == 0, result.stderr
    # 10:30 unquoted is half past ten, never 630; sections take the middle of their range, to 5 minutes
    assert "10:30–10:40  Introductions and context setting" in result.stdout
    assert "Taught section" in result.stdout and "25 min" in result.stdout
    assert "630" not in result.stdout


HOSTILE = """O'Brien & "Co" <b>x</b> {{7*7}} <script>alert(1)</script>"""


def test_hostile_text_in_every_field_is_shown_literally(project):
    q = "'" + HOSTILE.replace("'", "''") + "'"
    text = BASE
    for field in ("place", "convener", "venue"):
        text = re.sub(rf"^{field}: .*$", f"{field}: {q}", text, flags=re.M)
    text = text.replace("name: Red", f"name: {q}").replace("facilitator: Bo", f"facilitator: {q}")
    text = text.replace("    minutes: 10\n", f"    minutes: 10\n    title: {q}\n")
    text += f"contact: {q}\n"
    project.write(PACK, text)
    result = project.build_here()
    assert result.returncode == 0, result.stderr
    site = project.path / "site"
    for page in site.rglob("*.html"):
        body = page.read_text()
        assert "<script>alert(1)</script>" not in body, page
        assert "<b>x</b>" not in body, page
        for shown in re.findall(r"O(?:&#x27;|')Brien.{0,80}", body):  # {{7*7}} is never evaluated to 49
            assert "49" not in shown and "{{7*7}}" in shown, page
    page = project.page("packs/testville.html")
    escaped = "O'Brien &amp; &quot;Co&quot; &lt;b&gt;x&lt;/b&gt; {{7*7}} &lt;script&gt;alert(1)&lt;/script&gt;"
    assert page.count(escaped) >= 5, page.count(escaped)
    # the letters are plain text: the words exactly as typed, nothing evaluated
    letter = (site / "packs/testville/joining-instructions.txt").read_text()
    assert HOSTILE in letter and "{{7*7}}" in letter
    # the place name in the navigation and the page title is escaped too
    assert "<title>O&#x27;Brien &amp; &quot;Co&quot;" in page and "&amp;#x27;" not in page  # escaped once, not twice


def test_pack_over_three_hours_fails_with_totals_and_what_to_cut(project):
    project.write(PACK, BASE.replace("    minutes: 10\n", "    minutes: 40\n"))
    for result in (project.check(), project.build_here()):
        out = failure(result)
        assert f"{PACK}, line" in out and "field minutes" in out
        assert "The plan for Testville (sections and breaks) do not fit the budget of 120–180 minutes" in out
        assert "as planned they take 190 minutes, 10 more than 180" in out
        assert re.search(r"Total\s+190", out) and re.search(r"Break\s+40", out)
        assert "What to cut: take 10 minutes off in all" in out
        assert re.search(r"- Break: 40 → 3\d minutes \(line \d+\); or drop it", out)


def test_section_minutes_out_of_range_names_section_and_range(project):
    project.write(PACK, BASE.replace("  vision: 45", "  vision: 55"))
    line = project.line_of(PACK, "vision: 55")
    out = failure(project.check())
    assert f"{PACK}, line {line}, field minutes.vision: found 55 minutes; " \
           f"Developing a vision and shared purpose takes 40 to 50 minutes" in out


@pytest.mark.parametrize("old,new,needle,field", [
    ("date: 2026-06-10", "date: 2025-02-30", "there is no such day: February 2025 has 28 days", "date"),
    ("date: 2026-06-10", "date: 10/06/2026", "allowed: a date written year-month-day", "date"),
    ('start: "09:00"', "start: 25:00", "not a time of day", "start"),
    ('start: "09:00"', "start: 930", "found '930'", "start"),
    ('start: "09:00"', 'start: "22:30"', "would end after midnight", "start"),
    ("format: in-person", "format: online", "allowed: in-person, virtual", "format"),
    ("attendees: 12", "attendees: twelve", "found 'twelve'", "attendees"),
    ("venue: Town Hall", "venu: Town Hall", "unknown key 'venu' (did you mean 'venue'?)", "venu"),
    ("  vision: 45", "  visioning: 45", "unknown section 'visioning' (did you mean 'vision'?)", "minutes.visioning"),
    ("  - after: taught-section", "  - after: taught", "found 'taught' (did you mean 'taught-section'?)",
     "breaks.1.after"),
    ("  - name: Blue", "  - name: Red  # again", "found 'Red', too like the group 'Red'", "groups.2.name"),
    ("  wrap-up: 5\n", "  wrap-up: 5\n  wrap-up: 10\n", "duplicate key 'wrap-up'", "minutes.wrap-up"),
])
def test_bad_pack_input(project, old, new, needle, field):
    project.write(PACK, BASE.replace(old, new))
    target = new.splitlines()[-1].strip()
    out = failure(project.check())
    assert f"{PACK}, line {project.line_of(PACK, target)}, field {field}" in out, out
    assert needle in out


def test_virtual_needs_a_platform(project):
    project.write(PACK, BASE.replace("format: in-person", "format: virtual").replace("venue: Town Hall\n", ""))
    out = failure(project.check())
    assert f"{PACK}, line 1, field platform: is missing" in out


def advice_for(project, text: str) -> str:
    project.write(PACK, text)
    result = project.check(str(project.file(PACK)))
    assert result.returncode == 0, result.stderr
    return result.stdout.split("Advice", 1)[1]


def test_a_calm_plan_gets_no_advice(project):
    calm = BASE.replace("breaks:\n  - after: taught-section\n    minutes: 10\n", "")
    assert "breaks" not in calm
    assert "none; the plan fits" in advice_for(project, calm)


def test_each_rule_gives_one_change_that_fits(project):
    """Each rule of the planner, through iwe-pack check: the problem in words, then one change to make."""
    def advice(text: str) -> str:
        out = advice_for(project, text)
        assert out.count("What to change:") == 1, out
        return out.lower()

    def groups(n: int) -> str:
        names = "".join(f"  - name: G{i}\n    facilitator: F{i}\n" for i in range(n))
        facs = "[" + ", ".join(f"F{i}" for i in range(n)) + "]"
        return re.sub(r"groups:\n(  .*\n)+facilitators: \[Ann, Bo\]\n", f"groups:\n{names}facilitators: {facs}\n", BASE)

    out = advice(BASE.replace("attendees: 12", "attendees: 121"))
    assert "121 people are more than about 120 in one room" in out and "run the workshop twice" in out
    out = advice(groups(1))
    assert "a group has up to 12 people" in out and "use 2 groups of about 6" in out
    out = advice(groups(4) + "self_assessment: whole\n")
    assert "each group scores 8 principles" in out and "under 4 minutes a principle" in out
    online = BASE.replace("format: in-person", "format: virtual").replace("venue: Town Hall", "platform: Zoom")
    out = advice(online)
    assert "no technical host is named" in out and "name a technical host" in out
    assert "the longest stretch on screen without a break is" in out and "have breaks of" in out
    # a round of 45 people cannot fit inside the introductions' most: that is said without asking for the
    # impossible (the change is groups, whose check-in fits)
    out = advice(groups(1).replace("attendees: 12", "attendees: 45"))
    assert "can take at most 15" in out and "use " in out and "groups of about" in out


def test_advice_numbers_are_data(project):
    project.replace("content/advice.yml", "least_minutes_per_principle: 4", "least_minutes_per_principle: 6")
    out = advice_for(project, BASE + "self_assessment: whole\n")
    assert "under 6 minutes a principle" in out


def principles_by_group(page: str) -> dict[str, list[str]]:
    section = page[page.index('id="groups-and-facilitators"'):]
    table = section[:section.index("</table>")]
    out = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)[1:]:
        cells = [html.unescape(text_of(c).strip()) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
        out[cells[0]] = [t.strip() for t in cells[3].split(";")]
    return out


def test_self_assessment_shared_evenly_or_whole(built):
    matrix = yaml.safe_load((ROOT / "content/matrix.yml").read_text())
    titles = [p["title"] for p in matrix["principles"]]
    for pack_file in (ROOT / "packs").glob("*.yml"):
        pack = yaml.safe_load(pack_file.read_text())
        page = built.page(f"packs/{pack_file.stem}.html")
        groups = principles_by_group(page)
        assert list(groups) == [g["name"] for g in pack["groups"]]
        if pack.get("self_assessment", "share") == "whole":
            assert all(v == ["All"] for v in groups.values())
            assert "Every group looks at the whole maturity matrix" in page
        else:
            shares = [p for v in groups.values() for p in v]
            assert sorted(shares) == sorted(titles)  # every principle once
            sizes = [len(v) for v in groups.values()]
            assert max(sizes) - min(sizes) <= 1


def test_more_groups_than_principles_still_gives_every_group_a_principle(project):
    n = len(yaml.safe_load((ROOT / "content/matrix.yml").read_text())["principles"])
    groups = "".join(f"  - name: G{i}\n" for i in range(n + 2))
    project.write(PACK, re.sub(r"groups:\n(  .*\n)+facilitators", f"groups:\n{groups}facilitators", BASE))
    assert project.build_here().returncode == 0
    shares = principles_by_group(project.page("packs/testville.html"))
    assert all(len(v) == 1 for v in shares.values())
    assert len({v[0] for v in shares.values()}) == n


def test_print_list_copies(built):
    pack = yaml.safe_load((ROOT / "packs/kingston-upon-hull.yml").read_text())
    text = text_of(built.page("packs/kingston-upon-hull.html"))
    assert f"Check-in question card Introductions and context setting one per attendee {pack['attendees']}" in text
    assert f"Maturity matrix Self-assessment one per group {len(pack['groups'])}" in text


def test_letters_on_the_page_and_as_downloads(built):
    pack = yaml.safe_load((ROOT / "packs/north-yorkshire.yml").read_text())
    site = built.path / "site/packs/north-yorkshire"
    joining = (site / "joining-instructions.txt").read_text()
    end = 13 * 60 + 30 + sum(pack["minutes"].values()) + sum(b["minutes"] for b in pack["breaks"])
    assert f"Tuesday 21 April 2026, 13:30 to {end // 60}:{end % 60:02d}" in joining
    assert pack["joining_link"] in joining and "Microsoft Teams" in joining
    assert "https://wellbeingeconomycourse.org/policy-course" in joining
    prework = yaml.safe_load((ROOT / "content/workshop.yml").read_text())["prework"]
    least, most = sum(p["minutes"]["min"] for p in prework), sum(p["minutes"]["max"] for p in prework)
    assert f"{least} to {most} minutes" in joining
    follow = (site / "follow-up.txt").read_text()
    assert "What one thing would have made the workshop better?" in follow
    page = built.page("packs/north-yorkshire.html")
    assert html.escape(joining.splitlines()[0], quote=False) in page
    assert 'href="north-yorkshire/joining-instructions.txt"' in page and 'href="north-yorkshire/follow-up.txt"' in page
    # the letter is a code block, to which Material's copy button (the feature content.code.copy) is added
    first_line = html.escape(joining.splitlines()[0], quote=False)
    assert re.search(r"<pre[^>]*><code[^>]*>" + re.escape(first_line), page), "the letter is not in a copyable box"
    assert '"content.code.copy"' in page


def test_new_scaffolds_a_valid_pack_and_never_overwrites(project):
    from conftest import BIN, run

    result = run([str(BIN / "iwe-pack"), "--root", str(project.path), "new", "Ynys Môn"], cwd=project.path)
    assert result.returncode == 1 and "already exists; it was not changed" in result.stderr
    assert project.read("packs/ynys-mon.yml") == (ROOT / "packs/ynys-mon.yml").read_text()

    result = run([str(BIN / "iwe-pack"), "--root", str(project.path), "new", "Brighouse & Rastrick: Town", "--date",
                  "2026-09-01"], cwd=project.path)
    assert result.returncode == 0, result.stderr
    text = project.read("packs/brighouse-rastrick-town.yml")
    assert 'place: "Brighouse & Rastrick: Town"' in text
    assert text.count("\n# ") >= 10  # every field explained
    check = project.check(str(project.file("packs/brighouse-rastrick-town.yml")))
    assert check.returncode == 0, check.stderr
    assert "Brighouse & Rastrick: Town: Tuesday 1 September 2026" in check.stdout


def test_the_pack_page_lists_every_step_with_its_clock_time(built):
    from iwe_pack import load_packs, load_workshop

    for plan in load_packs(built.path, load_workshop(built.path)):
        page = text_of(built.page(f"packs/{plan.slug}.html"))
        for item in plan.agenda:
            for step in item.steps:
                assert re.search(re.escape(step.clock) + r"\s+" + re.escape(step.title) + r"\s+" + str(step.minutes),
                                 page), (plan.slug, step.title)
        if plan.pack.format == "virtual":
            assert "Send before the day" in page and "break-out rooms" in page
        assert "Sheets to print" in page
