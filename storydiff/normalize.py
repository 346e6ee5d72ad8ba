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
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from array import array

    from .model import Source

INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
"""Characters that show nothing (or only steer line breaking and direction) and are dropped."""

GLYPHS = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "\u00a0": " ",
    }
)
"""The one table of typographic variants that steps comparing wording treat as their plain form:
curly, low and prime quotes and guillemets as ``'`` or ``"``, every dash and the minus sign as
``-``, the no-break space as a space. One character for one, so a folded text keeps the offsets of
the text it was made from (word diffs, figures and page-furniture patterns all read it)."""


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
    from array import array  # only text that folding changes needs the map (and every run imports this)

    out: list[str] = []
    starts: array[int] = array("q")
    ends: array[int] = array("q")

    def copy(piece: str, at: int) -> None:
        out.append(piece)
        starts.extend(range(at, at + len(piece)))
        ends.extend(range(at + 1, at + len(piece) + 1))

    # Runs between invisible characters that are already NFC are copied whole; in the others only
    # the clusters that NFC changes (a letter and its combining marks) are composed one by one.
    pos = 0
    for run in _invisible().split(text):
        if run.isascii() or unicodedata.is_normalized("NFC", run):
            copy(run, pos)
        else:
            done = 0
            for found in _unstable().finditer(run):
                # A run of marks composes with the character before it (if not taken already).
                takes_previous = found.group("marks") and not found.group("lead") and found.start() > done
                first = found.start() - 1 if takes_previous else found.start()
                if first > done:
                    copy(run[done:first], pos + done)
                composed = unicodedata.normalize("NFC", run[first : found.end()])
                out.append(composed)
                starts.extend([pos + first] * len(composed))
                ends.extend([pos + found.end()] * len(composed))
                done = found.end()
            if done < len(run):
                copy(run[done:], pos + done)
        pos += len(run) + 1  # and the invisible character that ended the run
    return Folded("".join(out), starts, ends, len(text))


@cache
def _unstable() -> re.Pattern[str]:
    """A cluster that NFC may change: a character and the marks that compose with it (combining
    marks, and the Hangul vowel and final jamo), or a character NFC replaces on its own (U+212B
    ANGSTROM SIGN). Built from the Unicode database on first use (some 50 ms), only for text that
    is not NFC."""
    marks: list[str] = []
    alone: list[str] = []
    for code in range(0x300, 0x20000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        if unicodedata.combining(char) or 0x1161 <= code <= 0x11C2:
            marks.append(char)
        elif unicodedata.normalize("NFC", char) != char:
            alone.append(char)
    mark_class = _char_class(marks)
    alone_class = _char_class(alone)
    return re.compile(f"(?P<lead>[{alone_class}])?(?P<marks>[{mark_class}]+)|[{alone_class}]")


def _char_class(chars: list[str]) -> str:
    """A regex character class body for sorted characters, consecutive ones as ranges."""
    parts: list[str] = []
    i = 0
    while i < len(chars):
        j = i
        while j + 1 < len(chars) and ord(chars[j + 1]) == ord(chars[j]) + 1:
            j += 1
        parts.append(re.escape(chars[i]) + (f"-{re.escape(chars[j])}" if j > i else ""))
        i = j + 1
    return "".join(parts)


def _reach(text: str, at: int, limit: int, step: int) -> int:
    """From a sentence's edge ``at``, the farthest invisible character towards ``limit`` (``step``
    -1: backwards, 1: forwards) reached across white space and invisible characters only."""
    best = at
    i = at if step > 0 else at - 1
    while (i < limit) if step > 0 else (i >= limit):
        char = text[i]
        if char in INVISIBLE:
            best = i + 1 if step > 0 else i
        elif not char.isspace():
            break
        i += step
    return best


def unfold_source(source: Source, folded: Folded, original: str) -> Source:
    """A source analysed on ``folded.text`` with every offset mapped back to ``original`` (the text
    ``folded`` was made from), and the text of each sentence, quote and fact taken from the
    original again, so that a report shows the input as it is and its offsets index it exactly.

    Meant for :func:`storydiff.pipeline.build_source`: segment and find quotes and facts on the
    folded text (where "Stol\u00adtenberg" and an NFD "Stoltenbérg" are plain words), then unfold.
    Speaker names stay as found (composed, without invisible characters).
    """
    if folded.starts is None:
        return replace(source, text=original)

    def span(start: int, end: int) -> tuple[int, int]:
        return folded.span(start, end)

    # A sentence takes in the invisible characters before and after it, up to its neighbours (a
    # zero-width space after a full stop), so every character but white space lies in a sentence.
    spans = [span(s.start, s.end) for s in source.sentences]
    sentences = []
    for k, s in enumerate(source.sentences):
        a, b = spans[k]
        floor = spans[k - 1][1] if k else 0
        ceiling = spans[k + 1][0] if k + 1 < len(spans) else len(original)
        a = _reach(original, a, floor, -1)
        b = _reach(original, b, ceiling, 1)
        spans[k] = (a, b)
        sentences.append(replace(s, start=a, end=b, text=original[a:b]))
    quotes = []
    for q in source.quotes:
        a, b = span(q.start, q.end)
        quotes.append(replace(q, start=a, end=b, text=original[a:b]))
    facts = []
    for f in source.facts:
        a, b = span(f.start, f.end)
        facts.append(replace(f, start=a, end=b, text=original[a:b]))
    return replace(
        source, text=original, sentences=tuple(sentences), quotes=tuple(quotes), facts=tuple(facts)
    )


__all__ = ["INVISIBLE", "Folded", "fold", "unfold_source"]
