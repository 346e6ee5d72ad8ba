"""Errors the library raises for bad input; the CLI turns each into a one-line message and exit 2."""

from __future__ import annotations


class StorydiffError(Exception):
    """Base class: the message is a complete sentence for the user, naming what is wrong and what to do."""


class InputError(StorydiffError):
    """An input file cannot be read, decoded or compared (missing, a directory, binary, empty, ...)."""


class UsageError(StorydiffError):
    """The options or arguments do not fit together (both inputs from stdin, output onto an input, ...)."""


class MissingExtraError(StorydiffError):
    """An optional dependency is needed for this input (for example trafilatura for HTML)."""
