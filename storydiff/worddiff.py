"""Word-level differences between two aligned texts, telling spelling variants from changes of substance.

Two words are compared by a *key*: case folded, quote glyphs and dashes unified, and every character
that is not a letter or digit dropped. So "cease-fire" and "ceasefire", "Ukraine," and "Ukraine",
"It’s" and "It's" have one key, and a run whose keys agree but whose letters differ is a ``minor``
difference, as is a run of punctuation alone added or dropped. A few regular spelling
alternations (British/American -ise/-ize, -our/-or, -re/-er, doubled l) count as minor too; a
change of any digit never does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import cache, lru_cache

from .model import DiffOp, Op
from .normalize import GLYPHS

_WORD = re.compile(r"\S+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@cache
def _spelling() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Regular British/American alternations, applied to a key to get its canonical spelling.
    Compiled on first use: every run imports this module, and only changed words need them."""
    return tuple(
        (re.compile(pattern), repl)
        for pattern, repl in (
            (r"is(e|es|ed|ing|ation|ations)$", r"iz\1"),
            (r"ys(e|es|ed|ing)$", r"yz\1"),
            (r"our(s|ed|ing|ite|ites|able)?$", r"or\1"),
            (r"([^aeiou])re(s|d)?$", r"\1er\2"),
            (r"ll(ed|ing|er|ers)$", r"l\1"),
            (r"ogue(s)?$", r"og\1"),
            (r"ae", "e"),
            (r"oe", "e"),
        )
    )


def fold(text: str) -> str:
    """Unify quote glyphs, dashes and compatibility characters; keep case and everything else."""
    return unicodedata.normalize("NFKC", text).translate(GLYPHS)


@lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """The comparison key of one word: lower case, letters and digits only."""
    if word.isascii():  # fold changes no ASCII character
        return _NOT_ALNUM.sub("", word.lower())
    return _NOT_ALNUM.sub("", fold(word).lower())


def _canonical_spelling(key: str) -> str:
    if any(ch.isdigit() for ch in key) or len(key) < 5:
        return key
    for pattern, repl in _spelling():
        key = pattern.sub(repl, key)
    return key


def is_minor(a: str, b: str) -> bool:
    """True when two runs of words differ only in spelling, hyphenation, spacing, punctuation, glyph, case."""
    ka = [word_key(w) for w in _WORD.findall(a)]
    kb = [word_key(w) for w in _WORD.findall(b)]
    if "".join(ka) == "".join(kb):
        return True
    ka = [k for k in ka if k]
    kb = [k for k in kb if k]
    return len(ka) == len(kb) and all(
        _canonical_spelling(x) == _canonical_spelling(y) for x, y in zip(ka, kb)
    )


class _Tokens:
    """The words of a text: where each starts and ends, and its key (three parallel lists, not an
    object per word: diffing the aligned groups of two long documents makes hundreds of thousands
    of words)."""

    __slots__ = ("ends", "keys", "starts")

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.keys: list[str] = []
        for m in _WORD.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.keys.append(word_key(m.group()))

    def span(self, text: str, i: int, j: int) -> str:
        """The text of words ``i`` to ``j`` (exclusive), as written; "" when there are none."""
        return text[self.starts[i] : self.ends[j - 1]] if j > i else ""

    def word(self, text: str, i: int) -> str:
        return text[self.starts[i] : self.ends[i]]


def diff_words(a: str, b: str) -> tuple[DiffOp, ...]:
    """Word operations turning ``a`` into ``b``; equal runs keep A's wording, changed runs carry both.

    Words are matched on their keys, so a run that is equal by key but not letter for letter comes
    out as a ``replace`` marked ``minor``.
    """
    ta, tb = _Tokens(a), _Tokens(b)
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in _opcodes(ta.keys, tb.keys):
        if tag == "equal":
            _split_equal(a, b, ta, tb, i1, i2, j1, ops)
            continue
        sa, sb = ta.span(a, i1, i2), tb.span(b, j1, j2)
        op = Op(tag)
        # Minor as :func:`is_minor` defines it, whatever the operation: a run of punctuation only
        # added or dropped ("statement ." against "statement." once a Markdown link's address is
        # blanked; a dash one outlet sets between spaces) differs in no word.
        ops.append(DiffOp(op, sa, sb, minor=is_minor(sa, sb)))
    return _merge(ops)


SEQUENCE_MATCHER_LIMIT = 250_000
"""Word pairs (words of A times words of B) up to which difflib's matcher diffs two texts.

Aligned groups of news sentences stay far below (three sentences of 90 words a side make 73,000);
past it are texts without sentence punctuation, single "sentences" of thousands of words, on which
difflib's matcher takes time quadratic in their length (and worse on repeated words)."""


def _opcodes(a: list[str], b: list[str]) -> Sequence[tuple[str, int, int, int, int]]:
    """Edit operations turning the word keys ``a`` into ``b``, as difflib's ``get_opcodes``.

    difflib's matcher finds the longest common runs first, which reads naturally; past
    :data:`SEQUENCE_MATCHER_LIMIT` rapidfuzz's bit-parallel Levenshtein alignment (in C, near-linear
    memory) takes over.
    """
    if a == b:  # what the matcher finds, without building its index (most aligned pairs)
        return [("equal", 0, len(a), 0, len(b))] if a else []
    if len(a) * len(b) <= SEQUENCE_MATCHER_LIMIT:
        return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    from rapidfuzz.distance import Levenshtein

    return [
        (op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end) for op in Levenshtein.opcodes(a, b)
    ]


def _split_equal(
    a: str, b: str, ta: _Tokens, tb: _Tokens, i1: int, i2: int, j1: int, ops: list[DiffOp]
) -> None:
    """Break a key-equal run into letter-equal runs and minor replacements."""
    shift = j1 - i1
    if a[ta.starts[i1] : ta.ends[i2 - 1]] == b[tb.starts[j1] : tb.ends[i2 - 1 + shift]]:
        # The common case, one comparison: the run is equal letter for letter (and its spacing
        # too; a run that differs only in spacing goes through the word-by-word loop below).
        ops.append(DiffOp(Op.EQUAL, ta.span(a, i1, i2), tb.span(b, j1, i2 + shift)))
        return
    run_start = i1
    k = i1
    while k < i2:
        if ta.word(a, k) != tb.word(b, k + shift):
            if k > run_start:
                ops.append(
                    DiffOp(Op.EQUAL, ta.span(a, run_start, k), tb.span(b, run_start + shift, k + shift))
                )
            m = k
            while m < i2 and ta.word(a, m) != tb.word(b, m + shift):
                m += 1
            ops.append(DiffOp(Op.REPLACE, ta.span(a, k, m), tb.span(b, k + shift, m + shift), minor=True))
            run_start = k = m
        else:
            k += 1
    if i2 > run_start:
        ops.append(DiffOp(Op.EQUAL, ta.span(a, run_start, i2), tb.span(b, run_start + shift, i2 + shift)))


def _merge(ops: list[DiffOp]) -> tuple[DiffOp, ...]:
    """Join neighbouring operations of the same kind (and minor flag) into one run."""
    out: list[DiffOp] = []
    for op in ops:
        if out and out[-1].op is op.op and out[-1].minor == op.minor and op.op is not Op.EQUAL:
            prev = out.pop()
            out.append(DiffOp(op.op, _join(prev.a, op.a), _join(prev.b, op.b), op.minor))
        else:
            out.append(op)
    return tuple(out)


def _join(x: str, y: str) -> str:
    return f"{x} {y}" if x and y else x or y
