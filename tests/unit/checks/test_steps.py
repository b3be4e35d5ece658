from iwe_pack.checks.steps import check_steps, check_text_blocks
from iwe_pack.sources.steps_schema import StepsFile

from ..conftest import codes, load_text

STEP = """steps:
  - title: Welcome
    minutes: {{fixed: 3}}
    do: Say hello.
    handouts: [{handouts}]
"""


def steps(tmp_path, errors, handouts="attendee-agenda"):
    loaded = load_text(tmp_path, errors, "content/sections/introductions.yml", STEP.format(handouts=handouts),
                       StepsFile)
    assert loaded is not None, errors.errors
    return loaded


def test_handouts_must_exist_and_belong_to_the_section(tmp_path, errors, workshop):
    section = workshop.section("introductions")
    other = next(h for h in workshop.handouts if h not in section.handouts)
    check_steps(section, steps(tmp_path, errors, f"attendee-agenda, no-such-sheet, {other}"), workshop.handouts,
                errors)
    found = codes(errors)
    assert found[:2] == ["step.unknown-handout", "step.handout-not-in-section"]
    # every handout of the section that no step uses is said too
    assert found[2:] == ["step.unused-handout"] * (len(section.handouts) - 1)


def test_text_blocks_are_well_formed_and_hold_their_phrases(tmp_path, errors, workshop):
    origin = steps(tmp_path, errors).steps[0].origin
    text = "Hello.\n<!-- iwe:only online -->\nUse the chat.\n"
    check_text_blocks(text, "content/sections/introductions.md", ["Use the chat"], [], origin, errors)
    assert codes(errors) == ["notes.block-open", "phrase.outside-block"]
