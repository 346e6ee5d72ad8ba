"""Language data: word lists and patterns kept as data files, one file per concept.

Each concept (person titles, reporting verbs, abbreviations, months, ...) lives once, in
``storydiff/lang/<language>/<concept>.txt``: one entry per line, ``#`` starts a comment, blank
lines are ignored. Every step that needs a concept reads it from here, so two steps can never
disagree about what, say, a reporting verb is. Lists are read once per process and cached.

Every run reads some sixty lists while the pipeline's modules load, so reading is kept cheap:
a plain ``open`` beside this module, each file read once however many of :func:`entries`,
:func:`words` and :func:`mapping` ask for it. ``importlib.resources`` (which resolves the package
anew on each call, some 0.2 ms a list) is used only when the package is not a directory on disk
(imported from a zip file).
"""

from __future__ import annotations

import os
from functools import cache

LANGUAGE = "en"

_HERE = os.path.dirname(os.path.abspath(__file__))
_ON_DISK = os.path.isdir(os.path.join(_HERE, LANGUAGE))


def _read(language: str, name: str) -> str:
    """The text of one data file of ``language``."""
    if _ON_DISK:
        with open(os.path.join(_HERE, language, name), encoding="utf-8") as fh:
            return fh.read()
    from importlib.resources import files

    return files(__package__).joinpath(language, name).read_text(encoding="utf-8")


@cache
def entries(concept: str, language: str = LANGUAGE) -> tuple[str, ...]:
    """The entries of one list, in file order, comments and blank lines left out."""
    out: list[str] = []
    for line in _read(language, f"{concept}.txt").splitlines():
        if "#" in line:
            line = line.split("#", 1)[0]
        entry = line.strip()
        if entry:
            out.append(entry)
    return tuple(out)


@cache
def words(concept: str, language: str = LANGUAGE) -> frozenset[str]:
    """The entries of one list as a set, lower-cased (for membership tests on folded words)."""
    return frozenset(e.lower() for e in entries(concept, language))


@cache
def mapping(concept: str, language: str = LANGUAGE) -> dict[str, str]:
    """A two-column list (``key<TAB or spaces>value``) as a dict, keys lower-cased."""
    out: dict[str, str] = {}
    for e in entries(concept, language):
        key, _, value = e.partition("\t") if "\t" in e else e.partition(" ")
        out[key.strip().lower()] = value.strip()
    return out


def concepts(language: str = LANGUAGE) -> list[str]:
    """Names of every list shipped for a language."""
    if _ON_DISK:
        names = os.listdir(os.path.join(_HERE, language))
    else:
        from importlib.resources import files

        names = [p.name for p in files(__package__).joinpath(language).iterdir()]
    return sorted(n.removesuffix(".txt") for n in names if n.endswith(".txt"))
