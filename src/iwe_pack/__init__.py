"""iwe_pack: the wellbeing workshop pack, as a library.

The package is laid out as its pipeline, each layer importing only those below it:

    diagnostics  problems found in the sources, as records with their words
    sources      reading files into typed values that remember where they came from
    checks       rules across values
    model        the workshop and each place's plan: what every output is made from
    views        pages, print HTML, slides and letters: pure functions of the model
    outputs      PDFs and their cache, zips, atomic writes
    commands     the ``iwe-pack`` command line

Nothing here imports MkDocs; ``hooks/`` adapts it.
"""

from .diagnostics.problems import Diagnostic, SourceErrors
from .load.loader import load_pack, load_packs, load_workshop
from .model.workshop import Workshop

__version__ = "0.1.0"
__all__ = ["Diagnostic", "SourceErrors", "Workshop", "load_pack", "load_packs", "load_workshop", "__version__"]
