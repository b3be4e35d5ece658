"""A place's evaluation: the form page on a phone (offline, from file://), its prepared email, its QR code read back
by another decoder (zbarimg) from the pages, PDFs and slides, and run mode's export of the day's actual times."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from iwe_pack.model.feedback import QUESTIONS
from iwe_pack.sources.record_email import email_format

MARKERS = email_format()  # the lines the record of the day reads back (one contract with the page)

needs_zbar = pytest.mark.skipif(not shutil.which("zbarimg"), reason="zbarimg (Debian zbar-tools) is not installed")

ANSWERS = {"useful": "4", "run_well": "5", "confident": "3",
           "resonated": "A lot, =SUM(A1)\nespecially the matrix",  # a new line: one line in the email
           "improve": "More time for action planning", "learning": "Anchor institutions, and what they buy",
           "name": ""}  # left blank: not in the email


def offline_page(browser, path, size=(320, 640)):
    """A page from file:// with every other request aborted and counted."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    blocked = []

    def block(route):
        blocked.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!file:|data:|blob:)"), block)
    # the email link is caught before the browser hands it to a mail program
    context.add_init_script("""window.__mailto = [];
      document.addEventListener("click", function (e) {
        var a = e.target.closest && e.target.closest("a[href^='mailto:']");
        if (a) { window.__mailto.push(a.href); e.preventDefault(); }
      }, true);""")
    page = context.new_page()
    page.goto(path.as_uri())
    return context, page, blocked


def fill(page):
    for q in QUESTIONS:
        value = ANSWERS[q.id]
        if q.kind == "rating":
            page.get_by_role("group", name=q.words).get_by_label(value, exact=True).check()
        elif value:
            page.get_by_label(re.compile("^" + re.escape(q.words))).fill(value)


def test_the_evaluation_page_prepares_an_email_offline_on_a_phone(browser, built, tmp_path):
    from iwe_pack import load_packs, load_workshop

    (zipped,) = (built.path / "site/downloads").glob("wellbeing-workshop-pack-offline-*.zip")
    with zipfile.ZipFile(zipped) as z:
        z.extractall(tmp_path)
    (form,) = tmp_path.glob("*/packs/north-yorkshire/evaluation/index.html")
    plan = next(p for p in load_packs(built.path, load_workshop(built.path)) if p.slug == "north-yorkshire")
    context, page, blocked = offline_page(browser, form)
    fill(page)
    page.get_by_role("button", name="Send by email").click()
    sent = page.evaluate("window.__mailto")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # the draft is kept on this device: the answers are back after a reload
    page.reload()
    assert page.get_by_label(re.compile("^How could we")).input_value() == ANSWERS["improve"]
    context.close()
    assert blocked == []
    (link,) = sent
    url = urlparse(link)
    assert url.scheme == "mailto" and unquote(url.path) == "sam.whitaker@example.org"  # from the pack's contact
    query = parse_qs(url.query)
    assert query["subject"] == [f"Workshop evaluation: North Yorkshire, {plan.pack.date.long}"]
    body = query["body"][0]
    # between the start and end lines, each answer given (on one line) under its question's id and own words;
    # a blank answer (the name) is left out
    expected = [MARKERS["start"]]
    for q in QUESTIONS:
        if ANSWERS[q.id]:
            expected += [""] * (len(expected) > 1) + [
                f"Q [{q.id}]: {q.words}" + (" (1 to 5)" if q.kind == "rating" else ""),
                f"A: {' '.join(ANSWERS[q.id].split())}"]
    assert body.split("\r\n") == expected + [MARKERS["end"], ""]


def test_without_an_address_the_page_offers_print_only(browser, project):
    project.replace("packs/ynys-mon.yml", "contact: Rhian Parry, rhian.parry@example.org", "contact: Rhian Parry")
    assert project.build_here(IWE_PACKS="ynys-mon").returncode == 0
    context, page, blocked = offline_page(browser, project.path / "site/packs/ynys-mon/evaluation/index.html",
                                          (768, 1024))
    assert page.get_by_role("button", name="Send by email").count() == 0
    assert page.get_by_role("button", name="Print this form").is_visible()
    assert "hand it to the facilitator" in page.inner_text("main")
    context.close()
    assert blocked == []
    assert "<svg" not in project.page("packs/ynys-mon.html").split('id="evaluation"')[1].split("<h2")[0]


def test_without_javascript_the_page_says_to_print_or_use_the_paper_form(browser, built):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto((built.path / "site/packs/north-yorkshire/evaluation/index.html").as_uri())
    text = page.inner_text("main")
    assert "print this page" in text and "paper form" in text
    assert page.get_by_role("radio").count() == 15 and not page.get_by_role("button", name="Send by email").is_visible()
    context.close()


def zbar(png: bytes, tmp_path) -> list[str]:
    path = tmp_path / "code.png"
    path.write_bytes(png)
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, text=True)
    return out.stdout.split()


def pdf_page_png(pdf, page: int, tmp_path) -> bytes:
    stem = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
                   check=True)
    return (tmp_path / "page.png").read_bytes()


@needs_zbar
def test_the_qr_codes_read_back_as_the_evaluation_address(new_page, built, tmp_path):
    """The pack's evaluation_link, read by zbar from the pack page, the printed form and the last slide (PDF and
    .pptx picture), and in the follow-up letter as text."""
    import yaml
    from pptx import Presentation

    from conftest import ROOT

    link = yaml.safe_load((ROOT / "packs/north-yorkshire.yml").read_text())["evaluation_link"]
    site = built.path / "site"
    page = new_page((768, 1024))
    page.goto((site / "packs/north-yorkshire.html").as_uri())
    figure = page.locator(".iwe-qr")
    assert link in figure.inner_text() and figure.locator("svg[role=img] title").count() == 1
    assert zbar(figure.locator("svg").screenshot(), tmp_path) == [link]
    downloads = site / "downloads/north-yorkshire"
    assert zbar(pdf_page_png(downloads / "north-yorkshire-evaluation-form.pdf", 1, tmp_path), tmp_path) == [link]
    slides = downloads / "north-yorkshire-slides.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(slides)], capture_output=True,
                                                            text=True).stdout).group(1))
    assert zbar(pdf_page_png(slides, pages, tmp_path), tmp_path) == [link]
    last = list(Presentation(str(downloads / "north-yorkshire-slides.pptx")).slides)[-1]
    (picture,) = [s for s in last.shapes if s.shape_type == 13]  # a picture
    assert link in picture._element.nvPicPr.cNvPr.get("descr")
    assert zbar(picture.image.blob, tmp_path) == [link]
    assert link in (site / "packs/north-yorkshire/follow-up.txt").read_text()
    # a place without an evaluation_link, on a site with no address of its own: no code anywhere
    assert "iwe-qr" not in (site / "packs/kingston-upon-hull.html").read_text()
    assert "ask-slide" not in (site / "packs/kingston-upon-hull/present.html").read_text()


@needs_zbar
def test_a_published_site_points_each_place_at_its_own_form(new_page, project, tmp_path):
    """With site_url set, a place without evaluation_link gets <site_url>/packs/<slug>/evaluation/."""
    built = project.build_here(IWE_PACKS="kingston-upon-hull", IWE_SITE_URL="https://pack.example.org/iwe/")
    assert built.returncode == 0, built.stderr
    expected = "https://pack.example.org/iwe/packs/kingston-upon-hull/evaluation/"
    page = new_page((768, 1024))
    page.goto((project.path / "site/packs/kingston-upon-hull.html").as_uri())
    assert zbar(page.locator(".iwe-qr svg").screenshot(), tmp_path) == [expected]
    page.goto((project.path / "site/packs/kingston-upon-hull/present.html").as_uri())
    page.keyboard.press("End")
    assert page.locator(".slide.current h2").inner_text() == "Tell us what you thought"
    assert zbar(page.locator(".slide.current svg").screenshot(), tmp_path) == [expected]
    assert expected in project.page("packs/kingston-upon-hull/follow-up.txt")


def test_a_bad_evaluation_email_is_named_with_its_line(project):
    from conftest import assert_clean_failure

    project.replace("packs/ynys-mon.yml", "contact:", "evaluation_email: Rhian at example.org\ncontact:")
    line = project.line_of("packs/ynys-mon.yml", "evaluation_email")
    assert_clean_failure(project.check(), f"packs/ynys-mon.yml, line {line}, field evaluation_email",
                         "found 'Rhian at example.org'", "allowed: one email address")


def test_run_mode_downloads_the_actual_times(browser, built, tmp_path):
    """Start the day, run each item for set minutes (going back once), and download the times as CSV."""
    from iwe_pack import load_packs, load_workshop

    plan = next(p for p in load_packs(built.path, load_workshop(built.path)) if p.slug == "north-yorkshire")
    agenda = plan.agenda
    context = browser.new_context(viewport={"width": 768, "height": 1024}, accept_downloads=True)
    page = context.new_page()
    start = dt.datetime(2026, 4, 21, 13, 31)
    page.clock.install(time=start)
    page.goto((built.path / "site/packs/north-yorkshire/run.html").as_uri())
    assert page.locator("#download-times").is_disabled()
    page.click("#start")
    run = [7, 23, 4]  # minutes for the first items
    page.clock.fast_forward(f"{run[0]:02d}:00")
    page.click("#advance")
    page.clock.fast_forward("02:00")
    page.click("#back")  # re-opens the first item: it ends when the day moves on again
    page.clock.fast_forward(f"{run[1] - 2:02d}:00")
    run[0] += run[1]  # the first item ran on after going back
    page.click("#advance")
    page.clock.fast_forward(f"{run[2]:02d}:20")
    page.click("#advance")
    page.clock.fast_forward("00:40")  # the third item is running when the times are downloaded
    page.click("text=Times for the record")  # folded in the panel until wanted
    with page.expect_download() as caught:
        page.click("#download-times")
    download = caught.value
    assert download.suggested_filename == "run-times-north-yorkshire.csv"
    raw = (tmp_path / "times.csv")
    download.save_as(raw)
    data = raw.read_bytes()
    context.close()
    assert data.count(b"\r\n") == 4 and b"\n" not in data.replace(b"\r\n", b"")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[0] == ["section_id", "section", "planned_minutes", "actual_minutes", "started", "ended"]
    body = rows[1:]
    assert [r[0] for r in body] == [(i.section.id if i.section else "") for i in agenda[:3]]
    assert [r[1] for r in body] == [i.title for i in agenda[:3]]
    assert [int(r[2]) for r in body] == [i.minutes for i in agenda[:3]]
    assert [int(r[3]) for r in body] == [run[0] - 0, run[2], 1]  # 4:20 rounds to 4, 0:40 to 1
    fmt = "%Y-%m-%dT%H:%M"
    ends = [start + dt.timedelta(minutes=run[0]), start + dt.timedelta(minutes=run[0] + run[2], seconds=20),
            start + dt.timedelta(minutes=run[0] + run[2] + 1)]
    starts = [start, ends[0], ends[1]]
    assert [r[4] for r in body] == [t.strftime(fmt) for t in starts]
    assert [r[5] for r in body] == [t.strftime(fmt) for t in ends]


def test_every_places_printed_evaluation_form_is_one_a4_page_with_every_question(built):
    """The paper form is one sheet for every place (with its QR code where it has one) and for the blank pack,
    and still asks each question the evaluation page asks."""
    from pdfutil import info, text

    downloads = built.path / "site/downloads"
    forms = sorted(downloads.glob("*/*-evaluation-form.pdf"))
    places = sorted(p.stem for p in (built.path / "packs").glob("*.yml"))
    assert sorted(f.parent.name for f in forms) == sorted(places + ["generic"])
    for form in forms:
        found = info(form)
        assert found["Pages"] == "1" and found["Page size"].endswith("(A4)"), (form.name, found)
        words = " ".join(text(form).split())
        assert all(q.words in words for q in QUESTIONS), form.name


# --- after Send: the answers, Copy and the other ways; the email read back into the record of the day -------------


def mail_blocked_page(browser, url, size=(320, 640), clipboard=True):
    """A tab where a mailto: link opens nothing (as on a phone with no mail app): the link is caught and kept.
    With ``clipboard=False`` the browser has no clipboard to write to (as over plain http, or an old browser)."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]},
                                  permissions=["clipboard-read", "clipboard-write"] if clipboard else [])
    context.add_init_script("""window.__mailto = [];
      document.addEventListener("click", function (e) {
        var a = e.target.closest && e.target.closest("a[href^='mailto:']");
        if (a) { window.__mailto.push(a.href); e.preventDefault(); }
      }, true);""" + ("" if clipboard else "Object.defineProperty(navigator, 'clipboard', {value: undefined});"))
    page = context.new_page()
    page.goto(url)
    return context, page


def body_of(link: str) -> str:
    return parse_qs(urlparse(link).query)["body"][0]


def test_after_send_with_no_mail_app_the_page_shows_the_answers_copy_and_other_ways(browser, site_url):
    url = f"{site_url}/packs/north-yorkshire/evaluation/"
    context, page = mail_blocked_page(browser, url)
    fill(page)
    assert not page.locator("#handin").is_visible()
    page.get_by_role("button", name="Send by email").click()
    panel = page.locator("#handin")
    assert panel.is_visible()
    assert page.evaluate("document.activeElement.id") == "handin-title"  # a screen reader hears it next
    text = " ".join(panel.inner_text().split())
    assert "Nothing has been sent yet" in text and "sent only when you press send" in text
    assert "paper evaluation form" in text and "facilitator" in text and "sam.whitaker@example.org" in text
    # each question in its own words, with the answer given, or "Not answered"
    terms = panel.locator("dt").all_inner_texts()
    values = panel.locator("dd").all_inner_texts()
    assert terms == [q.words for q in QUESTIONS]
    for q, value in zip(QUESTIONS, values):
        given = " ".join(ANSWERS[q.id].split())
        assert value == (f"{given} out of 5" if q.kind == "rating" else given) if given else value == "Not answered"
    (link,) = page.evaluate("window.__mailto")
    body = body_of(link)
    assert all(q.words in body for q in QUESTIONS if ANSWERS[q.id])
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # Copy puts the email's text on the clipboard: pasted into an email, it reads back as the prepared one did
    page.get_by_role("button", name="Copy my answers").click()
    expect_text(page, "#copied", "Your answers are copied")
    assert page.evaluate("navigator.clipboard.readText()") == body.replace("\r\n", "\n")  # as a text box keeps them
    context.close()


def expect_text(page, selector: str, words: str) -> None:
    page.wait_for_function("([s, w]) => document.querySelector(s).textContent.includes(w)", arg=[selector, words],
                           timeout=5000)


def test_without_a_clipboard_copy_selects_the_answers_and_long_answers_are_not_put_in_a_link(browser, site_url):
    context, page = mail_blocked_page(browser, f"{site_url}/packs/north-yorkshire/evaluation/", clipboard=False)
    fill(page)
    page.get_by_role("button", name="Send by email").click()
    (link,) = page.evaluate("window.__mailto")
    assert len(link) <= 1800
    page.get_by_role("button", name="Copy my answers").click()
    box = page.get_by_label("Your answers, ready to copy")
    assert box.is_visible() and page.evaluate("document.activeElement.id") == "answers-text"
    selected = page.evaluate("(t => t.value.slice(t.selectionStart, t.selectionEnd))(document.activeElement)")
    assert selected == body_of(link).replace("\r\n", "\n")  # a text box keeps each new line as one character
    assert page.locator("#copied").inner_text()  # says what happened: copied, or how to copy
    # answers too long for a mailto: link (which some mail apps cut or refuse): no link; the page says so
    page.get_by_label(re.compile("^How could we")).fill("More time to talk in the groups. " * 60)
    page.get_by_role("button", name="Send by email").click()
    assert len(page.evaluate("window.__mailto")) == 1
    long = page.locator("#handin-long")
    assert long.is_visible() and "too long" in long.inner_text() and not page.locator("#handin-email").is_visible()
    assert ("More time to talk in the groups. " * 60).strip() in page.locator("#answers-text").input_value()
    context.close()


def emailed(browser, form, answers: dict[str, str]) -> str:
    """The body of the email the page prepares for these answers (the page from file://, mail blocked)."""
    context, page = mail_blocked_page(browser, form.as_uri(), (768, 1024), clipboard=False)
    for q in QUESTIONS:
        value = answers.get(q.id, "")
        if q.kind == "rating" and value:
            page.get_by_role("group", name=q.words).get_by_label(value, exact=True).check()
        elif value:
            page.get_by_label(re.compile("^" + re.escape(q.words))).fill(value)
    page.get_by_role("button", name="Send by email").click()
    (link,) = page.evaluate("window.__mailto")
    context.close()
    return body_of(link)


def test_emails_the_page_prepares_pasted_into_a_text_file_import_into_the_record(browser, project):
    """Two people's emails, as received (headers, a greeting) and one forwarded (each line quoted with >), pasted
    into one .txt file that the record names: the check passes and the model holds what they typed."""
    from iwe_pack.load.loader import load_project

    assert project.build_here(IWE_PACKS="ynys-mon").returncode == 0
    form = project.path / "site/packs/ynys-mon/evaluation/index.html"
    first = {"useful": "5", "confident": "2", "improve": "Longer breaks,\nand =1+1 tea", "name": "Ann Example"}
    second = {"run_well": "3", "resonated": "Q [useful]: not a question", "learning": "Anchor institutions"}
    one, two = emailed(browser, form, first), emailed(browser, form, second)
    quoted = "".join(f"> {line}\n" for line in two.split("\r\n")[:-1])
    project.write("packs/records/ynys-mon-emails.txt",
                  f"From: Ann <ann@example.org>\nSubject: Workshop evaluation\n\nHello,\n\n{one}\nThanks, Ann\n\n"
                  f"---------- Forwarded message ---------\n{quoted}\n")
    project.replace(YM_RECORD, "evaluation: {from: ynys-mon-evaluation.csv}", "evaluation: {from: ynys-mon-emails.txt}")
    checked = project.check()
    assert checked.returncode == 0, checked.stderr
    summary = next(p for p in load_project(project.path).plans if p.slug == "ynys-mon").record.evaluation
    assert summary.responses == 2 and summary.names == ("Ann Example",)
    for q in QUESTIONS:
        given = [" ".join(a[q.id].split()) for a in (first, second) if a.get(q.id)]
        if q.kind == "rating":
            rating = summary.rating(q.id)
            assert (rating.question, rating.count) == (q.words, len(given))
            assert rating.counts == tuple(sum(int(g) == n for g in given) for n in range(1, 6))
        elif q.kind == "text":
            assert [a.text for a in summary.text(q.id).answers] == given
            assert all(a.origin.file == "packs/records/ynys-mon-emails.txt" and a.origin.line for a in
                       summary.text(q.id).answers)
    assert "ann@example.org" not in repr(summary)  # the sender's address, outside the answers, is not read


YM_RECORD = "packs/records/ynys-mon.yml"


def test_the_privacy_notice_names_the_convener_on_the_page_and_the_sign_in_sheet(built, new_page):
    import yaml

    from conftest import ROOT
    from pdfutil import text

    pack = yaml.safe_load((ROOT / "packs/north-yorkshire.yml").read_text())
    page = new_page((320, 640))
    page.goto((built.path / "site/packs/north-yorkshire/evaluation/index.html").as_uri())
    notice = " ".join(page.locator("#privacy-notice").inner_text().split())
    assert page.get_by_role("heading", name="What happens to your answers").is_visible()
    assert notice.startswith(f"{pack['convener']} gets your answers") and pack["contact"] in notice
    assert "deleted" in notice and "no longer than a year" in notice
    sheet = " ".join(text(built.path / "site/downloads/north-yorkshire/north-yorkshire-sign-in-sheet.pdf").split())
    assert f"{pack['convener']} keeps this sheet" in sheet and pack["contact"] in sheet and "deleted" in sheet


def test_a_packs_own_privacy_words_are_used_and_a_mistake_in_them_is_refused(project):
    from conftest import assert_clean_failure

    project.replace("packs/ynys-mon.yml", "contact:", "privacy_kept_for: for six months\n"
                    "privacy_contact: Data Protection Officer, dpo@example.org\ncontact:")
    assert project.build_here(IWE_PACKS="ynys-mon").returncode == 0
    page = project.page("packs/ynys-mon/evaluation/index.html")
    assert "They keep your answers for six months." in page
    assert "contact Data Protection Officer, dpo@example.org." in page
    project.replace("packs/ynys-mon.yml", "privacy_kept_for: for six months", "privacy_kept_for: [six, months]")
    line = project.line_of("packs/ynys-mon.yml", "privacy_kept_for")
    assert_clean_failure(project.check(), f"packs/ynys-mon.yml, line {line}, field privacy_kept_for: found")


# Where the focused control is, the share of it on the screen, and its focus ring's contrast against what is
# behind it (the backgrounds of its ancestors painted over white).
FOCUSED = r"""() => {
  const e = document.activeElement;
  const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3]));
  const layers = [];
  for (let a = e.parentElement; a; a = a.parentElement) { const c = parse(getComputedStyle(a).backgroundColor); if (c && c[3] > 0) layers.push(c); }
  let behind = [255, 255, 255];
  layers.reverse().forEach(c => { behind = over(c, behind); });
  // a choice drawn as its label (a rating's number) shows its focus on the label
  const hidden = el => { const b = el.getBoundingClientRect(), c = getComputedStyle(el);
    return b.width <= 2 || b.height <= 2 || parseFloat(c.opacity) === 0 || c.clipPath !== "none" && c.clipPath !== ""; };
  const shown = (e.labels && e.labels.length && hidden(e)) ? e.labels[0] : e;
  const cs = getComputedStyle(shown);
  let ring = null;
  if (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2) ring = parse(cs.outlineColor);
  else if (cs.boxShadow !== "none") ring = parse(cs.boxShadow);
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const contrast = ring ? (() => { const a = lum(over(ring, behind)), b = lum(behind); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); })() : 0;
  const r = shown.getBoundingClientRect();
  const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0)), h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
  return {what: e.id || e.tagName.toLowerCase() + (e.name ? "." + e.name : ""), body: e === document.body,
          onScreen: r.width * r.height ? (w * h) / (r.width * r.height) : 0, contrast,
          ring: ring && cs.outlineStyle + " " + cs.outlineWidth + " " + cs.outlineColor};
}"""


@pytest.mark.parametrize("size", [(1366, 768), (768, 1024), (320, 640)])
def test_every_control_of_the_evaluation_page_in_focus_is_seen(browser, site_url, size):
    """Tab through the form, then through the hand-in panel after Send: each control is on the screen when it
    has focus, with a focus ring of at least 3:1 against what is behind it (WCAG 2.2 2.4.7 and 2.4.11)."""
    context, page = mail_blocked_page(browser, f"{site_url}/packs/north-yorkshire/evaluation/", size)
    fill(page)
    page.get_by_role("button", name="Send by email").click()
    # start from the top of the page, as a keyboard user coming to it does (the skip link first)
    page.evaluate("""() => { const top = document.createElement('span'); top.tabIndex = -1;
      document.body.prepend(top); top.focus(); top.remove(); }""")
    seen, problems = [], []
    for _ in range(120):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUSED)
        if state["body"] or (seen and state["what"] == seen[0]):
            break
        seen.append(state["what"])
        if state["onScreen"] <= 0:
            problems.append((state["what"], "off screen"))
        if state["contrast"] < 3:
            problems.append((state["what"], "focus not seen", state["ring"], round(state["contrast"], 2)))
    assert {"copy", "send"} <= set(seen) and len(seen) >= 10, seen
    assert not problems, problems
    context.close()
