"""The page's checks of a pack say what `iwe-pack check` says, for packs with the mistakes a person makes.

Each pack below is the "Plan your day" form with one mistake. In one Node process, pack-checks.js (the page's
own checks, fed the data the build embeds) gives each pack's problems in the page's words, and writes the pack
file as the page writes it, from what was typed, named after the place as the page names it. `iwe-pack check`
then reads each file: its problems must be the page's, word for word (the catalogue's message, without file and
line, which the page shows beside the field instead). Writing this test found three places where they differed.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess

import pytest

from conftest import ROOT, problems
from iwe_pack import load_workshop
from iwe_pack.views.planner_data import planner_data
from test_plan_page import PLANNER_JS, node

CHECKS_JS = ROOT / "overrides" / "assets" / "javascripts" / "pack-checks.js"

RUNNER = r"""
const fs = require("fs");
const [planner, checks, dataFile, packsFile, outFile] = process.argv.slice(2);
const P = require(planner), C = require(checks).make(JSON.parse(fs.readFileSync(dataFile, "utf8")), P);
// the file a person writes from what they typed: whole numbers as numbers, the rest as text
const typed = v => /^[0-9]+$/.test(v) ? Number(v) : v;
const out = JSON.parse(fs.readFileSync(packsFile, "utf8")).map(pack => {
  const r = C.check(pack), file = JSON.parse(JSON.stringify(pack));
  file.attendees = typed(file.attendees);
  Object.keys(file.minutes).forEach(k => { file.minutes[k] = typed(file.minutes[k]); });
  file.breaks.forEach(b => { b.minutes = typed(b.minutes); });
  return { said: [].concat(...Object.values(r.errors)).sort(), yaml: C.yaml(file), slug: C.slugify(pack.place) };
});
fs.writeFileSync(outFile, JSON.stringify(out));
"""


def form(**changes) -> dict:
    """The form as the page reads it: every value as typed (text), each row with its error's id."""
    pack = {
        "place": "Testville", "convener": "Testville Council", "date": "2026-06-10", "start": "09:30",
        "format": "in-person", "venue": "Town Hall", "platform": "", "joining_link": "", "technical_host": "",
        "contact": "", "attendees": "30", "facilitators": ["Ann", "Ben"], "self_assessment": "share",
        "minutes": {}, "breaks": [{"after": "taught-section", "minutes": "10", "title": "Break"}],
        "groups": [{"name": f"Group {n}", "facilitator": ""} for n in range(1, 5)],
    }
    pack.update(copy.deepcopy(changes))
    for n, g in enumerate(pack["groups"], start=1):
        g.update(_error=f"e-group-{n}", _in={"name": f"g-name-{n}", "facilitator": f"g-fac-{n}"})
    for n, b in enumerate(pack["breaks"], start=1):
        b.update(_error=f"e-break-{n}", _in={"title": f"b-title-{n}"})
    return pack


MISTAKES = {
    "no place": form(place=""),
    "no such day": form(date="2026-02-30"),
    "no such month": form(date="2026-13-01"),
    "year out of range": form(date="1890-05-01"),
    "date in words": form(date="5 May 2026"),
    "not a time": form(start="25:00"),
    "time in words": form(start="9am"),
    "attendees in words": form(attendees="ten"),
    "too many attendees": form(attendees="2000"),
    "a capacity in words": form(capacity="eighty"),
    "a capacity of none": form(capacity="0"),
    "no groups": form(groups=[]),
    "more groups than people": form(attendees="3"),
    "groups of the same name": form(groups=[{"name": "Reds", "facilitator": ""}, {"name": "reds", "facilitator": ""}]),
    "no facilitators": form(facilitators=[]),
    "minutes out of range": form(minutes={"self-assessment": "10"}),
    "minutes in words": form(minutes={"vision": "forty"}),
    "a break at the end": form(breaks=[{"after": "wrap-up", "minutes": "10", "title": "Break"}]),
    "a break of no minutes": form(breaks=[{"after": "taught-section", "minutes": "0", "title": "Break"}]),
    "a break with no title": form(breaks=[{"after": "taught-section", "minutes": "10", "title": ""}]),
    "no venue": form(venue=""),
    "online with no platform": form(format="virtual", venue="", technical_host="Sam"),
    "a joining link that is not a web address": form(format="virtual", venue="", platform="Teams",
                                                     technical_host="Sam", joining_link="ftp://example.org"),
    "a control character": form(convener="Testville\x07Council"),
    "a place called index": form(place="Index"),
    "a place name too long": form(place=("Testville " * 10).strip()),
    "a group name too long": form(groups=[{"name": "Group " * 12, "facilitator": ""}]),
}


@pytest.fixture(scope="module")
def page_said(tmp_path_factory) -> list[dict]:
    tmp = tmp_path_factory.mktemp("pack-checks")
    data = planner_data(load_workshop(ROOT))
    (tmp / "runner.js").write_text(RUNNER, encoding="utf-8")
    (tmp / "data.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp / "packs.json").write_text(json.dumps(list(MISTAKES.values())), encoding="utf-8")
    subprocess.run([node(), str(tmp / "runner.js"), str(PLANNER_JS), str(CHECKS_JS), str(tmp / "data.json"),
                    str(tmp / "packs.json"), str(tmp / "out.json")], check=True, timeout=300)
    return json.loads((tmp / "out.json").read_text(encoding="utf-8"))


def messages(report: str) -> list[str]:
    """The message of each problem `iwe-pack check` names, without its file, line and field."""
    out = []
    for p in problems(report):
        first = " ".join(p.split("\n")[0].split())
        out.append(re.sub(r"^- [^,:]+(, line \d+)?(, field [^:]+)?: ", "", first))
    return sorted(out)


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_the_page_says_what_iwe_pack_check_says(mistake, page_said, project):
    said = page_said[list(MISTAKES).index(mistake)]
    assert said["said"], f"the page finds nothing wrong with: {mistake}"
    name = f"packs/{said['slug'][:60].rstrip('-')}.yml"  # a name too long is refused for the name, whatever the file is called
    project.write(name, said["yaml"])
    result = project.check(str(project.file(name)))
    assert result.returncode != 0, f"iwe-pack check finds nothing wrong with: {mistake}\n{said['yaml']}"
    assert messages(result.stdout + result.stderr) == said["said"], said["yaml"]
