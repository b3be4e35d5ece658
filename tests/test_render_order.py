"""The order the renderer works in: what waits only on print-offs the cache has is not held behind a render (a
place's page waits for its print-offs' pages to be counted, while the site engine writes the rest of the site)."""

from __future__ import annotations

from conftest import ROOT
from iwe_pack.outputs.pdf import render_all
from iwe_pack.views.print_jobs import PrintJob

PAGE = "<!doctype html><html lang=en><head><title>t</title></head><body><p>{}</p></body></html>"


def test_print_offs_in_the_cache_are_done_before_any_render_and_what_waits_on_them_asked_for_at_once(tmp_path):
    kept = PrintJob("downloads/a/a-agenda.pdf", "Agenda", PAGE.format("A kept sheet"))
    render_all([kept], ROOT, tmp_path, workers=1)
    fresh = [PrintJob(f"downloads/b/b-sheet-{n}.pdf", f"Sheet {n}", PAGE.format(f"Sheet {n}")) for n in range(5)]
    more = PrintJob("downloads/a/a-pack.pdf", "Pack", PAGE.format("Made once the agenda is counted"))
    asked: list[set[str]] = []

    def then(done: dict) -> list:
        asked.append(set(done))
        return [(more, tmp_path)] if kept.path in done and len(asked) == 1 else []

    made = render_all([*fresh, kept], ROOT, tmp_path, workers=1, then=then)
    assert asked[0] == {kept.path}  # before any of the five new sheets was rendered, though it was listed last
    assert set(made) == {j.path for j in [*fresh, kept, more]}
    assert all(made[j.path].is_file() for j in [*fresh, more])
