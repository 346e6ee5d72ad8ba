"""A folded copy of a text for matching, with a map of every offset back to the text as decoded.

Offsets in a report always index the text as decoded, so the text itself is never rewritten.
But two reports of one quote must match when one source writes "Stoltenberg" with a soft hyphen
inside it ("Stol\\u00adtenberg"), a zero-width space, a stray byte-order mark, or its accents
decomposed (NFD: "e" + U+0301 instead of "é"). Steps that match words (alignment, quotes, facts)
can work on :func:`fold`'s text instead and map what they find back with
:meth:`Folded.span`, so every offset they report still indexes the original.

Folding does two things, and nothing else (case, quote glyphs, dashes are left to the steps that
have their own rules for them):

* drops invisible format characters: soft hyphen, zero-width space / non-joiner / joiner, word
  joiner, byte-order marks inside text, the bidirectional marks and embeddings (LRM, RLM, ALM,
  U+202A-U+202E, U+2066-U+2069), invisible operators, the combining grapheme joiner;
* composes to Unicode NFC, so decomposed accents become one character, as most text has them.

Letters of every script are kept as they are.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from functools import cache
from typing import NamedTuple

INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
"""Characters that show nothing (or only steer line breaking and direction) and are dropped."""


@cache
def _invisible() -> re.Pattern[str]:
    """Any invisible character (compiled on first use: start-up time counts)."""
    return re.compile("[" + "".join(sorted(INVISIBLE)) + "]")


class Folded(NamedTuple):
    """A folded text and, for each of its characters, where it came from in the original."""

    text: str
    starts: array[int] | None
    """``starts[i]``: offset in the original of the first character that folded char ``i`` came
    from. None when folding changed nothing (the common case: offsets are the same)."""
    ends: array[int] | None
    """``ends[i]``: offset in the original just past the last character char ``i`` came from."""
    original_length: int

    def start(self, i: int) -> int:
        """Offset in the original of folded offset ``i`` taken as a span's start."""
        if self.starts is None:
            return i
        return self.starts[i] if i < len(self.starts) else self.original_length

    def end(self, i: int) -> int:
        """Offset in the original of folded offset ``i`` taken as a span's end (exclusive): just
        past the character before it, so invisible characters after a span stay outside it."""
        if self.ends is None:
            return i
        return self.ends[i - 1] if i > 0 else (self.starts[0] if self.starts else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original that the folded span ``[start, end)`` came from."""
        if end <= start:
            at = self.start(start)
            return at, at
        return self.start(start), self.end(end)


def fold(text: str) -> Folded:
    """Fold ``text`` for matching (see the module docstring), keeping the map back to it.

    Linear, and nearly free for text that needs nothing: ASCII, or NFC text without invisible
    characters, comes back as it is with no map.
    """
    if text.isascii() or (unicodedata.is_normalized("NFC", text) and _invisible().search(text) is None):
        return Folded(text, None, None, len(text))
    out: list[str] = []
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    pos = 0
    # Lines that need nothing are copied as a whole; only the others are walked character by
    # character (a combining sequence never crosses a line break).
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        if line.isascii() or (unicodedata.is_normalized("NFC", line) and _invisible().search(line) is None):
            out.append(line)
            starts.extend(range(pos, end))
            ends.extend(range(pos + 1, end + 1))
        else:
            _fold_line(line, pos, out, starts, ends)
        pos = end
    return Folded("".join(out), starts, ends, len(text))


def _fold_line(line: str, base: int, out: list[str], starts: array[int], ends: array[int]) -> None:
    """Fold one line: each starter with the combining marks after it is one cluster, composed to
    NFC; every character of a cluster's NFC maps to the whole cluster. (Hangul written as separate
    jamo is left as it is: its parts are not combining marks.)"""
    i = 0
    n = len(line)
    while i < n:
        char = line[i]
        if char in INVISIBLE:
            i += 1
            continue
        j = i + 1
        while j < n and unicodedata.combining(line[j]):
            j += 1
        composed = unicodedata.normalize("NFC", line[i:j])
        for c in composed:
            out.append(c)
            starts.append(base + i)
            ends.append(base + j)
        i = j


__all__ = ["INVISIBLE", "Folded", "fold"]
