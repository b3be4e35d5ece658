"""Where things are in a project: the folders and files the engine reads, named once for every layer."""

from __future__ import annotations

PACKS = "packs"
FONTS = "overrides/assets/fonts"
GUIDE = "content/guides/matrix-scoring.md"
TEXTS = ("CHANGELOG.md", "CONTRIBUTING.md", GUIDE)  # texts that pages are made from
# content/ folders whose Markdown is read into the model, not published as pages of its own (mkdocs.yml's
# exclude_docs lists the same folders)
NOT_PAGES = ("sections", "handouts", "guides", "letters")
