"""storydiff: show how two outlets reported the same story.

The public API is loaded on first use, so that ``storydiff --help`` and ``--version`` do not pay
for importing the whole pipeline.
"""

import sys
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

PYTHON_NEEDED = (3, 11)
"""The oldest Python storydiff runs on (``requires-python`` in pyproject.toml says the same)."""

# Checked before anything else is imported: on an older Python the modules below fail on
# syntax or on names the standard library lacks (enum.StrEnum), with a traceback that does not
# say what is wrong. This file keeps to syntax Python 3.6 reads (no ``from __future__ import
# annotations``).
if sys.version_info < PYTHON_NEEDED:
    _needed = ".".join(map(str, PYTHON_NEEDED))
    _message = (
        f"storydiff needs Python {_needed} or newer; this is Python {sys.version.split()[0]}: "
        f"make the virtual environment with a newer one (python{_needed} -m venv .venv)"
    )
    if sys.argv[:1] == ["-m"]:  # ``python -m storydiff``: one line and the usage exit status
        sys.stderr.write(f"storydiff: error: {_message}\n")
        raise SystemExit(2)
    raise ImportError(_message)

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
