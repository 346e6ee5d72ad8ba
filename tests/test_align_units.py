"""The alignment's per-sentence analysis, kept across pairs: computed once, the same results."""

from __future__ import annotations

from pathlib import Path

import pytest

import storydiff.align as align_module
from storydiff.align import Units, align
from storydiff.model import Document, Options, Sentence
from storydiff.pipeline import build_source, compare_many, compare_sources

NWAY = Path(__file__).resolve().parent / "data" / "nway"
NAMES = ("nyt", "fox", "huffpost")


def _sources() -> list[list[Sentence]]:
    return [
        list(build_source(Document((NWAY / f"{n}.txt").read_text(encoding="utf-8"), n)).sentences)
        for n in NAMES
    ]


def test_a_shared_memo_changes_no_alignment() -> None:
    docs = _sources()
    units: Units = {}
    for a, b in ((0, 1), (0, 2), (1, 2), (1, 0)):
        plain = align(docs[a], docs[b], Options())
        memo = align(docs[a], docs[b], Options(), units=units)
        assert memo == plain
        assert plain[0]  # the three reports share sentences: the comparison is not vacuous


def test_each_sentence_is_analysed_once_across_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _sources()
    calls: list[int] = []
    real = align_module._unit

    def counting(s: Sentence) -> align_module._Unit:
        calls.append(id(s))
        return real(s)

    monkeypatch.setattr(align_module, "_unit", counting)
    units: Units = {}
    for a, b in ((0, 1), (0, 2), (1, 2)):
        align(docs[a], docs[b], Options(), units=units)
    assert len(calls) == len(set(calls)) == len(units)
    assert len(units) == sum(len(align_module._alignable(d)) for d in docs)


def test_compare_many_equals_its_pairs_compared_alone() -> None:
    docs = [Document((NWAY / f"{n}.txt").read_text(encoding="utf-8"), n) for n in NAMES]
    report = compare_many(docs)
    sources = report.sources
    for pair in report.pairs:
        alone = compare_sources(sources[pair.a], sources[pair.b], pair.a, pair.b, Options())
        assert alone == pair


def test_a_scored_pair_rounds_its_signals_when_read() -> None:
    pair = align_module._Pair(
        0, 1, 0.5, 0.4, 0.3, (), None, False, (("contain", "fuzz"), (0.123456, 0.98765))
    )
    assert not pair.identical
    assert pair.signals == (("contain", 0.1235), ("fuzz", 0.9877))
    same = align_module._Pair(0, 1, 1.0, 1.0, 1.0, (("identical", 1.0),))
    assert same.identical and same.signals == (("identical", 1.0),)
