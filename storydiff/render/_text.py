"""Text helpers every human-readable renderer needs: safe one-line text, minor variants, paragraph runs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from ..model import AlignedGroup, DiffOp, Op, QuoteMatch, QuoteMatchKind, Report, Role, Source
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


# --- where sentences sit, and honest labels -----------------------------------------------------------

JUMP = "⋯"
"""Shown between two sentences of a passage that are not next to each other in their source."""


def paragraph_numbers(src: Source) -> dict[int, int]:
    """Paragraph index -> its number among the paragraphs holding body text (1 = the lede).

    Bylines, datelines and captions have paragraphs of their own; counting them would call the
    lede "paragraph 5".
    """
    numbers: dict[int, int] = {}
    for s in src.sentences:
        if s.role is Role.BODY and s.paragraph not in numbers:
            numbers[s.paragraph] = len(numbers) + 1
    return numbers


def location(src: Source, indices: Sequence[int], numbers: dict[int, int]) -> str:
    """Where a passage's sentences sit: "¶1", "headline, ¶1", "¶2 ⋯ ¶7" (⋯: not next to each other)."""
    out: list[str] = []
    previous: int | None = None
    last = ""
    for i in indices:
        s = src.sentences[i]
        if s.role is Role.HEADLINE:
            here = "headline"
        elif s.role is Role.BOILERPLATE:
            here = "boilerplate"
        else:
            here = f"¶{numbers.get(s.paragraph, s.paragraph + 1)}"
        jump = previous is not None and i != previous + 1
        if jump:
            out.append(f" {JUMP} {here}")
        elif here != last:
            out.append(f", {here}" if out else here)
        previous, last = i, here
    return "".join(out)


def jump_chunks(diff: Sequence[DiffOp], side: str, src: Source, indices: Sequence[int]) -> list[list[DiffOp]]:
    """One side of a word diff cut where the passage jumps between sentences not next to each other.

    A passage of sentences 1, 5 and 8 would otherwise read as one paragraph. The diff runs over
    the sentences' texts joined by spaces, so counting words finds each sentence's end; if the
    counts do not add up (they always do for diffs made by :mod:`storydiff.worddiff`), the diff
    is returned whole.
    """
    if all(j == i + 1 for i, j in pairwise(indices)):
        return [list(diff)]  # no jump: most groups
    cuts: set[int] = set()
    words = 0
    for k, i in enumerate(indices):
        words += len(src.sentences[i].text.split())
        if k + 1 < len(indices) and indices[k + 1] != i + 1:
            cuts.add(words)
    if not cuts or words != sum(len((d.a if side == "a" else d.b).split()) for d in diff):
        return [list(diff)]
    chunks: list[list[DiffOp]] = [[]]
    seen = 0
    for d in diff:
        text = d.a if side == "a" else d.b
        spans = [m.span() for m in _WORDS.finditer(text)]
        start = 0
        for n in range(len(spans)):
            if seen + n + 1 in cuts and n + 1 < len(spans):
                part = text[spans[start][0] : spans[n][1]]
                chunks[-1].append(_with_side(d, side, part))
                chunks.append([])
                start = n + 1
        if spans:
            chunks[-1].append(_with_side(d, side, text[spans[start][0] :]))
        elif not text:
            chunks[-1].append(d)
        seen += len(spans)
        if spans and seen in cuts:
            chunks.append([])
    return [c for c in chunks if any((d.a if side == "a" else d.b) for d in c)] or [list(diff)]


_WORDS = re.compile(r"\S+")


def _with_side(d: DiffOp, side: str, text: str) -> DiffOp:
    return DiffOp(d.op, text, d.b, d.minor) if side == "a" else DiffOp(d.op, d.a, text, d.minor)


def partial_reason(group: AlignedGroup, a: str = "A", b: str = "B") -> str:
    """Why a group is partial, in words that agree with what is shown.

    A similarity percentage beside "partial" contradicts itself when the matched part is identical
    (100%); what a reader needs is how the two differ: one merges sentences, one adds a clause, or
    both reword.
    """
    parts: list[str] = []
    if len(group.a) > 1 or len(group.b) > 1:
        parts.append(f"merges {len(group.a) + len(group.b)} sentences")
    only_a = only_b = 0
    for d in group.diff:
        if d.op is Op.EQUAL or d.minor:
            continue
        only_a += len(d.a.split())
        only_b += len(d.b.split())
    small, big = sorted((only_a, only_b))
    if big and small <= 3 and big >= 4 * max(small, 1):
        who = a if only_a > only_b else b
        parts.append(f"{who} adds a clause")
    elif big and not small:
        parts.append(f"{a if only_a else b} adds {plural(big, 'word')}")
    elif big:
        parts.append("reworded")
    if not parts and group.why is not None and group.why.clause_a is not None:
        parts.append("one clause matches")
    return ", ".join(parts) or "similar wording"


def quote_match_label(match: QuoteMatch) -> str:
    """The kind of a shared quote as shown: "exact" only when the words are letter for letter the same.

    The matcher calls a quote exact when its words match whatever the punctuation or quote glyphs;
    shown as "exact" beside "punctuation ×1" that reads as a contradiction.
    """
    if match.match is QuoteMatchKind.EXACT:
        return "same words" if any(d.op is not Op.EQUAL for d in match.diff) else "exact"
    if match.match is QuoteMatchKind.VARIANT:
        return "minor variant"
    return match.match.value


def body_counts(src: Source, aligned: set[int]) -> tuple[int, bool]:
    """How many body sentences of a source are aligned, and whether its headline is."""
    body = sum(1 for i in aligned if src.sentences[i].role is Role.BODY)
    headline = any(src.sentences[i].role is Role.HEADLINE for i in aligned)
    return body, headline


def aligned_indices(report: Report) -> tuple[set[int], set[int]]:
    return {i for g in report.alignment for i in g.a}, {j for g in report.alignment for j in g.b}


def shared_note(src: Source, aligned: set[int]) -> str:
    """Aligned body sentences and the headline, "7 sentences + headline": shared + only here = body."""
    body, headline = body_counts(src, aligned)
    return plural(body, "sentence") + (" + headline" if headline else "")


def nothing_aligned(report: Report) -> bool:
    """True when both sources have body sentences yet no group links them: different events."""
    return not report.alignment and bool(report.a.body()) and bool(report.b.body())


UNRELATED = "these look like reports of different events: nothing aligned"
