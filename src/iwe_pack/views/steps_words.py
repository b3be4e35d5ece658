"""Steps in words: when a step that belongs to some plans only happens."""

from __future__ import annotations


def only_words(only) -> str:
    """When a conditional step happens, in words."""
    parts = []
    if only.format:
        parts.append("online only" if only.format == "virtual" else "in person only")
    if only.introductions:
        parts.append("when the room is small enough for a round of everyone" if only.introductions == "whole-room"
                     else "when there are too many people for a round of the whole room")
    if only.self_assessment:
        parts.append("when every group scores every principle" if only.self_assessment == "whole"
                     else "when groups share the principles out")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "." if text else ""
