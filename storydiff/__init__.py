"""storydiff: show how two outlets reported the same story.

The public API is loaded on first use, so that ``storydiff --help`` and ``--version`` do not pay
for importing the whole pipeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .model import Document, Options, Report
    from .pipeline import compare, compare_texts

_LAZY = {
    "compare": "storydiff.pipeline",
    "compare_texts": "storydiff.pipeline",
    "Document": "storydiff.model",
    "Options": "storydiff.model",
    "Report": "storydiff.model",
}

__all__ = ["Document", "Options", "Report", "__version__", "compare", "compare_texts"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'storydiff' has no attribute {name!r}")
