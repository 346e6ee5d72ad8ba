"""Quote marks: where every quotation of a text opens and closes, found once, before sentences.

One scanner for the whole package: the sentence splitter (:mod:`storydiff.segment`) reads it to keep
a quotation and its speech tag in one sentence, and :mod:`storydiff.quotes` reads it to find quotes
and their speakers.

Conventions
-----------
Quote marks are read per paragraph (a blank line separates paragraphs; a text without blank lines
has one paragraph per line). Double marks (straight ``"``, curly, AP-style ``''``, guillemets)
delimit quotes; single marks inside them are part of the outer quote. A text that uses more single
opening marks than double marks is taken to be in British style, and then single marks delimit
quotes and double ones nest. A straight or single mark between two letters (It's, Putin's) is an
apostrophe, never a quote mark. Glyphs are read from context too (a straight mark after a space
opens, before a space closes; curly marks typed the wrong way round are read by their place). A
mark never closed ends its quote at the paragraph's end, unless the next paragraph opens with a
quote mark: then the quote continues there (the newspaper convention for a quote over several
paragraphs), and it is *one* span from the first paragraph to the closing mark, the repeated
opening marks included.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["QuoteSpan", "paragraphs", "punct_before", "quote_spans"]

_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")


class QuoteSpan:
    """One quotation: the quoted words ``start:end`` (trimmed) inside its marks ``mark_start:mark_end``."""

    __slots__ = ("close_punct", "close_start", "end", "mark_end", "mark_start", "start")

    def __init__(
        self, start: int, end: int, mark_start: int, mark_end: int, close_punct: str, close_start: int = -1
    ) -> None:
        self.start = start
        self.end = end
        self.mark_start = mark_start
        self.mark_end = mark_end
        self.close_punct = close_punct
        """The character just before the closing mark ("," "." "?" …), or "" when never closed."""
        self.close_start = mark_end if close_start < 0 else close_start
        """Offset of the closing mark (``mark_end`` when the quote is never closed)."""

    @property
    def closed(self) -> bool:
        """Whether a closing mark ends the quote (an unclosed one ends at its paragraph's end)."""
        return self.close_punct != ""

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, QuoteSpan)
        return (
            self.start,
            self.end,
            self.mark_start,
            self.mark_end,
            self.close_punct,
        ) == (
            other.start,
            other.end,
            other.mark_start,
            other.mark_end,
            other.close_punct,
        )

    __hash__ = None  # type: ignore[assignment]


_DOUBLE_MARK = re.compile("''|‘‘|’’|``|[\"“”„«»]")
_SINGLE_MARK = re.compile("[‘’']")
_OPEN_PUNCT = set("([{—–-/\u2015")
_CLOSE_FOLLOW = set(".,;:!?)]}—–-/\u2015…")


def paragraphs(text: str) -> list[tuple[int, int]]:
    breaker = _PARA_BREAK if _PARA_BREAK.search(text) else _LINE_BREAK
    out, pos = [], 0
    for m in breaker.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _context(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(can open, can close) for a mark at text[start:end], judged by the characters around it."""
    prev = text[start - 1] if start > 0 else " "
    nxt = text[end] if end < len(text) else " "
    can_open = (prev.isspace() or prev in _OPEN_PUNCT or prev in "\"“‘'") and not nxt.isspace()
    can_close = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_FOLLOW or nxt in "\"”’'")
    return can_open, can_close


def _is_apostrophe(text: str, start: int) -> bool:
    prev = text[start - 1] if start > 0 else " "
    nxt = text[start + 1] if start + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():
        return True
    # ’90s, 'em, 'tis, rock 'n' roll: an apostrophe at a word's start
    return bool(re.match(r"(?:\d0s|em\b|tis\b|twas\b|n\b)", text[start + 1 : start + 5]))


def _mark_events(text: str, single: bool) -> list[tuple[int, int, str]]:
    """Quote marks as (start, end, role) with role "open", "close" or "either"."""
    events: list[tuple[int, int, str]] = []
    if single:
        for m in _SINGLE_MARK.finditer(text):
            ch = m.group()
            if ch != "‘" and _is_apostrophe(text, m.start()):
                continue
            role = "open" if ch == "‘" else "close" if ch == "’" else "either"
            events.append((m.start(), m.end(), role))
        return events
    for m in _DOUBLE_MARK.finditer(text):
        ch = m.group()
        if ch in ("“", "„", "«", "‘‘", "``"):
            role = "open"
        elif ch in ("”", "»", "’’"):
            role = "close"
        else:
            role = "either"
            if ch == '"' and m.start() > 0 and text[m.start() - 1].isdigit():
                role = "inch"
        events.append((m.start(), m.end(), role))
    return events


def _single_style(text: str) -> bool:
    """True when single marks are the outer quote marks (British style)."""
    doubles = len(_DOUBLE_MARK.findall(text))
    openers = 0
    for m in _SINGLE_MARK.finditer(text):
        if m.group() == "’" or _is_apostrophe(text, m.start()):
            continue
        can_open, _ = _context(text, m.start(), m.end())
        if can_open:
            openers += 1
    return openers > doubles


def quote_spans(text: str, paras: Sequence[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Every quotation of ``text``, in text order (see the module docstring for the conventions).

    ``paras`` are the paragraphs (start, end) a quote left open may continue across; by default
    :func:`paragraphs`. The sentence splitter passes one block as one paragraph.
    """
    single = _single_style(text)
    events = _mark_events(text, single)
    spans: list[QuoteSpan] = []
    paras = paragraphs(text) if paras is None else paras
    ev = 0
    run = [0, 0]  # punct_before's memo of a run of nested closing marks
    open_at: int | None = None  # offset of the opening mark of the quote being read
    open_end = 0
    for p, (pstart, pend) in enumerate(paras):
        para_events = []
        while ev < len(events) and events[ev][0] < pend:
            if events[ev][0] >= pstart:
                para_events.append(events[ev])
            ev += 1
        if open_at is not None:
            # A quote left open at the previous paragraph's end continues only if this one opens with a mark.
            first = para_events[0] if para_events else None
            if first is not None and text[pstart : first[0]].strip() == "" and first[2] != "close":
                para_events = para_events[1:]
            else:
                prev_end = paras[p - 1][1]
                _add_span(spans, text, open_at, open_end, prev_end, prev_end, "")
                open_at = None
        for start, end, role in para_events:
            can_open, can_close = _context(text, start, end)
            if open_at is None:
                if role == "open" or (
                    role in ("either", "close") and can_open and not (role == "close" and can_close)
                ):
                    open_at, open_end = start, end
                continue
            if role == "open" and can_open and not can_close:
                # A new opening mark while a quote is open: the previous quote lost its closing mark.
                _add_span(spans, text, open_at, open_end, start, start, "")
                open_at, open_end = start, end
                continue
            if role == "inch" and not can_close:
                continue
            _add_span(spans, text, open_at, open_end, start, end, punct_before(text, start, run), start)
            open_at = None
        if open_at is not None and p == len(paras) - 1:
            _add_span(spans, text, open_at, open_end, pend, pend, "")
            open_at = None
    return spans


_NESTED_CLOSE = frozenset("’'‘ ")


def punct_before(text: str, pos: int, run: list[int] | None = None) -> str:
    """The last character before a closing mark, looking through nested closing single marks.

    ``run`` (``[lo, hi]``, updated here) remembers a stretch ``text[lo:hi]`` known to hold only such
    marks and spaces, so that calls for ascending ``pos`` cross a long run of marks (apostrophes, each
    one a closing mark) once in all rather than once per mark.
    """
    k = pos - 1
    while k > 0 and text[k] in _NESTED_CLOSE:
        if run is not None and run[0] <= k < run[1]:
            k = max(run[0] - 1, 0)
            continue
        k -= 1
    if run is not None and k + 1 < pos:
        run[0], run[1] = k + 1, pos
    return text[k] if k >= 0 else ""


def _add_span(
    spans: list[QuoteSpan],
    text: str,
    mark_start: int,
    start: int,
    end: int,
    mark_end: int,
    punct: str,
    close_start: int = -1,
) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if start < end and any(ch.isalnum() for ch in text[start:end]):
        spans.append(QuoteSpan(start, end, mark_start, mark_end, punct, close_start))
