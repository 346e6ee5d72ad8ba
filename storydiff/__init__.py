"""storydiff: show how two outlets reported the same story."""

from __future__ import annotations

from .compare import compare, compare_texts
from .model import Document, Options, Report

__version__ = "0.1.0"

__all__ = ["Document", "Options", "Report", "__version__", "compare", "compare_texts"]
