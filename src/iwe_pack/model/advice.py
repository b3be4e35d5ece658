"""What a place's page says about its plan: nothing when it fits, else why not and the one change to make."""

from __future__ import annotations

from dataclasses import dataclass

from .planner import WORDS, Evaluation, Recommendation

# The heading each output puts over the advice, by its rule: first on the pack page, the facilitator pack and run mode.
TITLES = {
    "recommendation": "This plan does not fit the people coming yet",
    "does-not-fit": "This plan does not fit the people coming",
}


@dataclass(frozen=True)
class Advice:
    rule: str
    message: str
    source: str


def advise(evaluation: Evaluation, recommendation: Recommendation | None) -> list[Advice]:
    """At most one piece of advice: the problems found, and the one change that makes the plan fit."""
    if not evaluation.problems:
        return []
    why = " ".join(p.message for p in evaluation.problems)
    # each source without its own full stop, joined, then one full stop: "A (online); B."
    sources = "; ".join(dict.fromkeys(p.source.rstrip(". ") for p in evaluation.problems)) + "."
    if recommendation is None:
        return [Advice("does-not-fit", f"{why} {WORDS['does-not-fit']}", sources)]
    return [Advice("recommendation", f"{why} What to change: {recommendation.message}", sources)]
