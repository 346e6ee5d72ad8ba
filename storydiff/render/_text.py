"""Text helpers every human-readable renderer needs: safe one-line text, minor variants, paragraph runs."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import DiffOp, Op, Source
from ..worddiff import fold

# --- text safety ----------------------------------------------------------------------------------

_LINE_BREAKS = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]+")
_EDGE_PUNCTUATION = re.compile(r"^\W+|\W+$")
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""C0 and C1 controls, DEL, the bidirectional marks, embeddings, overrides and isolates (U+061C,
U+200E/F, U+202A-E, U+2066-9), and lone surrogates (the bytes of a file name that is not UTF-8)."""


def _show_control(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ESC becomes ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return f"\\x{code:02x}"  # C1 controls (0x9b is an 8-bit CSI)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte that is not UTF-8, kept by the file system codec
    return f"\\u{code:04x}"  # bidirectional marks and overrides, which reorder what the reader sees


def visible(text: str) -> str:
    """Text safe to print on one line: line breaks and tabs become spaces, control characters symbols.

    Terminals act on ESC, CSI (``\\x9b``), carriage returns and the like, so an article could
    otherwise recolour, move the cursor or rewrite what was printed before it; bidirectional
    overrides could make a sentence read differently from what it is.
    """
    return _UNSAFE.sub(_show_control, _LINE_BREAKS.sub(" ", text))


def minor_variants(diff: Sequence[DiffOp]) -> tuple[list[tuple[str, str]], int]:
    """The minor differences of a diff worth naming, and how many others differ in punctuation only.

    A difference of quote glyphs or of punctuation at the edge of a word (``Russian,"`` against
    ``Russian.”``) says nothing to a reader, so it is counted, not listed; ``cease-fire`` against
    ``ceasefire`` or a change of case or spelling is listed.
    """
    named: list[tuple[str, str]] = []
    punctuation = 0
    for d in diff:
        if d.op is not Op.REPLACE or not d.minor:
            continue
        if punctuation_only(d.a, d.b):
            punctuation += 1
        elif (d.a, d.b) not in named:
            named.append((d.a, d.b))
    return named, punctuation


def punctuation_only(a: str, b: str) -> bool:
    """True when two runs of words differ only in quote glyphs, dashes or punctuation at word edges."""
    return _bare_words(a) == _bare_words(b)


def _bare_words(text: str) -> list[str]:
    words = (_EDGE_PUNCTUATION.sub("", w) for w in fold(text).split())
    return [w for w in words if w]


def paragraph_runs(src: Source, indices: Sequence[int]) -> list[list[int]]:
    """Consecutive sentences of one paragraph, so that what only one source says reads as it was written."""
    runs: list[list[int]] = []
    for i in indices:
        s = src.sentences[i]
        if runs and runs[-1][-1] == i - 1 and src.sentences[i - 1].paragraph == s.paragraph:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def pct(share: float) -> str:
    """A share (0-1) as a whole percentage: 0.644 -> "64%"."""
    return f"{round(share * 100)}%"


def plural(n: int, word: str, many: str | None = None) -> str:
    """A count with its noun: "1 sentence", "5 sentences", "2 facts" ("many" for irregular plurals)."""
    return f"{n} {word if n == 1 else many or word + 's'}"
