"""Language data: word lists and patterns kept as data files, one file per concept.

Each concept (person titles, reporting verbs, abbreviations, months, ...) lives once, in
``storydiff/lang/<language>/<concept>.txt``: one entry per line, ``#`` starts a comment, blank
lines are ignored. Every step that needs a concept reads it from here, so two steps can never
disagree about what, say, a reporting verb is. Lists are read once per process and cached.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

LANGUAGE = "en"


@cache
def entries(concept: str, language: str = LANGUAGE) -> tuple[str, ...]:
    """The entries of one list, in file order, comments and blank lines left out."""
    text = files(__package__).joinpath(language, f"{concept}.txt").read_text(encoding="utf-8")
    out: list[str] = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
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
    return sorted(
        p.name.removesuffix(".txt")
        for p in files(__package__).joinpath(language).iterdir()
        if p.name.endswith(".txt")
    )
