"""A place's evaluation: the questions every attendee is asked, and where the answers go.

The questions' ids are a contract: the evaluation page writes each question, with its id and its own words, and
the answer into the email it prepares (the format :mod:`..sources.record_email` reads back), and the record of the
day imports a table of answers, or a file of such emails, by the same ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..sources.packs import PackFile
from ..sources.sourced import EmailAddress

PAGE = "evaluation"  # a place's evaluation page: packs/<slug>/evaluation/


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # "rating" (1 to 5), "text" or "optional" (text that may be left blank)
    words: str
    low: str = ""  # what 1 means, for a rating
    high: str = ""  # what 5 means


QUESTIONS = (
    Question("useful", "rating", "How useful was the workshop for you?", "Not useful", "Very useful"),
    Question("run_well", "rating", "How well was the day run?", "Not well", "Very well"),
    Question("confident", "rating", "How confident do you feel about the next steps?", "Not confident",
             "Very confident"),
    Question("resonated", "text", "How far did the ideas and material speak to you and your work?"),
    Question("improve", "text", "How could we make the workshop better?"),
    Question("learning", "text", "What is the main thing you learned that you would like to share?"),
    Question("name", "optional", "Your name and organisation"),
)

_EMAIL_IN_TEXT = re.compile(EmailAddress.pattern)  # an address written in the pack's contact, as a pack field allows


@dataclass(frozen=True)
class Feedback:
    """Where a place's evaluation answers go: an email address (or none: the paper form, handed in), and the web
    address of the form (or none: no QR code)."""

    email: str | None
    link: str | None


def feedback(pack: PackFile, slug: str, site_url: str = "") -> Feedback:
    """The pack's ``evaluation_email``, else the first email address in its ``contact``; its ``evaluation_link``,
    else the place's evaluation page on the published site (``site_url``), else none."""
    email: str | None = pack.evaluation_email
    if not email and pack.contact:
        found = _EMAIL_IN_TEXT.search(pack.contact)
        email = found.group(0) if found else None
    link = pack.evaluation_link or (f"{site_url.rstrip('/')}/packs/{slug}/{PAGE}/" if site_url else None)
    return Feedback(str(email) if email else None, str(link) if link else None)
