"""iwe_pack: the wellbeing workshop pack, as a library.

Loading, validating and timing the workshop sources, and building the pages
and print-offs from them. Nothing here imports MkDocs; ``hooks/`` adapts it.
"""

from .errors import SourceError, SourceErrors
from .load import load_workshop
from .model import Workshop

__version__ = "0.1.0"
__all__ = ["SourceError", "SourceErrors", "Workshop", "load_workshop", "__version__"]
