"""Tests for storydiff.marks: the one quote-mark scanner (case table tests/data/quotes_marks.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydiff.marks import paragraphs, quote_spans

DATA = Path(__file__).parent / "data"


def _cases() -> list[tuple[str, str, list[str], list[bool]]]:
    out = []
    for line in (DATA / "quotes_marks.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cid, text, found, closed = [*line.split("\t"), "", ""][:4]
        words = [w.replace("\\n", "\n") for w in found.split(" | ")] if found else []
        flags = [f == "y" for f in closed.split(" | ")] if closed else []
        out.append((cid, text.replace("\\n", "\n"), words, flags))
    return out


CASES = _cases()


@pytest.mark.parametrize(("cid", "text", "words", "closed"), CASES, ids=[c[0] for c in CASES])
def test_convention(cid: str, text: str, words: list[str], closed: list[bool]) -> None:
    spans = quote_spans(text)
    assert [text[q.start : q.end] for q in spans] == words, cid
    assert [q.closed for q in spans] == closed, cid
    for q in spans:
        assert q.mark_start <= q.start < q.end <= q.close_start <= q.mark_end


def test_case_ids_are_unique() -> None:
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids))


def test_given_paragraphs_bound_an_unclosed_quote() -> None:
    """The splitter reads a block as one paragraph: a line break inside it does not end a quote."""
    text = "“We followed him\nfor ten miles,” Cole said."
    assert [text[q.start : q.end] for q in quote_spans(text)] == ["We followed him"]
    whole = quote_spans(text, ((0, len(text)),))
    assert [text[q.start : q.end] for q in whole] == ["We followed him\nfor ten miles"]
    assert paragraphs("a\n\nb") == [(0, 1), (3, 4)]
