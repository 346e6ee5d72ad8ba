"""The N-way comparison: every pair compared once, joined into consistent clusters, nothing lost."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from functools import cache
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff.load import read_input
from storydiff.model import (
    AlignedGroup,
    Document,
    GroupKind,
    MultiReport,
    Options,
    PairComparison,
    Role,
    Sentence,
    Source,
)
from storydiff.multi import assemble
from storydiff.pipeline import compare, compare_many

DATA = Path(__file__).parent / "data" / "nway"
NAMES = ("nyt", "fox", "huffpost")


def fixture_documents() -> list[Document]:
    """The three-source fixture, with paths as a user in tests/data/nway would give them."""
    return [replace(read_input(str(DATA / f"{n}.txt"), n).document, path=f"{n}.txt") for n in NAMES]


@cache
def fixture_report() -> MultiReport:
    return compare_many(fixture_documents())


@cache
def schema2() -> jsonschema.protocols.Validator:
    text = files("storydiff").joinpath("schema", "report2.schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_every_pair_is_the_pair_compared_alone() -> None:
    """Each pair read out of the N-way report is exactly what comparing the two alone gives."""
    docs = fixture_documents()
    report = fixture_report()
    assert [(p.a, p.b) for p in report.pairs] == [(0, 1), (0, 2), (1, 2)]
    for p in report.pairs:
        assert report.pair(p.a, p.b).to_dict() == compare(docs[p.a], docs[p.b]).to_dict()


def test_pair_in_reverse_order_swaps_sides() -> None:
    """``pair(2, 0)`` is ``pair(0, 2)`` with A and B exchanged, inserts and deletes swapped."""
    report = fixture_report()
    forward, backward = report.pair(0, 2), report.pair(2, 0)
    assert backward.a is forward.b and backward.b is forward.a
    assert {(g.b, g.a) for g in backward.alignment} == {(g.a, g.b) for g in forward.alignment}
    assert backward.only_a == forward.only_b
    assert forward.quotes is not None and backward.quotes is not None
    assert {(m.b, m.a) for m in backward.quotes.shared} == {(m.a, m.b) for m in forward.quotes.shared}
    ops = {(d.op.value, d.a, d.b) for g in forward.alignment for d in g.diff}
    swapped = {"insert": "delete", "delete": "insert"}
    back = {(swapped.get(d.op.value, d.op.value), d.b, d.a) for g in backward.alignment for d in g.diff}
    assert ops == back
    with pytest.raises(KeyError):
        report.pair(0, 5)


def _direct_links(report: MultiReport) -> list[tuple[int, tuple[int, ...], int, tuple[int, ...]]]:
    found = [
        (x.a.source, x.a.sentences, x.b.source, x.b.sentences)
        for c in report.clusters
        for x in c.links
        if x.direct
    ]
    return found + [(x.a.source, x.a.sentences, x.b.source, x.b.sentences) for x in report.cross_links]


def test_no_pairwise_group_is_lost_or_doubled() -> None:
    """Every pairwise group is once a direct link of a cluster or a cross link, never both."""
    report = fixture_report()
    groups = sorted((p.a, g.a, p.b, g.b) for p in report.pairs for g in p.alignment)
    assert sorted(_direct_links(report)) == groups


def _merged(report: MultiReport) -> dict[int, dict[int, int]]:
    """Per source, each sentence's set of sentences merged with it by some pairwise group."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def root(x: tuple[int, int]) -> tuple[int, int]:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for p in report.pairs:
        for g in p.alignment:
            for k, side in ((p.a, g.a), (p.b, g.b)):
                for i in side[1:]:
                    parent[root((k, i))] = root((k, side[0]))
    out: dict[int, dict[int, int]] = defaultdict(dict)
    for k, i in list(parent):
        out[k][i] = hash(root((k, i)))
    return out


@pytest.mark.parametrize("which", ["fixture", "duplicated"])
def test_clusters_are_consistent(which: str) -> None:
    """A cluster never holds two sentences of one source that no pairwise group merges, every
    cluster has two sources or more, and a sentence in two clusters has a direct link in each."""
    report = fixture_report() if which == "fixture" else compare_many(fixture_documents() * 2)
    merged = _merged(report)
    homes: dict[tuple[int, int], list[int]] = defaultdict(list)
    for n, c in enumerate(report.clusters):
        assert len(c.members) >= 2
        assert [m.source for m in c.members] == sorted({m.source for m in c.members})
        for m in c.members:
            classes = {merged[m.source].get(i, i) for i in m.sentences}
            assert len(classes) == 1, (n, m)
            for i in m.sentences:
                homes[(m.source, i)].append(n)
    for (k, i), clusters in homes.items():
        for n in clusters:
            assert any(
                (x.a.source == k and i in x.a.sentences) or (x.b.source == k and i in x.b.sentences)
                for x in report.clusters[n].links
                if x.direct
            )


def test_links_cover_every_pair_of_members() -> None:
    """Each cluster compares every pair of its members: directly, or through a word diff."""
    for c in fixture_report().clusters:
        pairs = {(x.a.source, x.b.source) for x in c.links}
        sources = [m.source for m in c.members]
        assert pairs == {(s, t) for s in sources for t in sources if s < t}
        for x in c.links:
            assert x.direct == (x.score is not None) == (x.kind is not None)
            assert x.diff


def test_only_is_what_no_pair_links() -> None:
    """A source's "only" sentences are those every one of its pairwise comparisons left alone."""
    report = fixture_report()
    for k, only in enumerate(report.only):
        expected = {s.index for s in report.sources[k].sentences if s.role is Role.BODY}
        for p in report.pairs:
            if k == p.a:
                expected &= set(p.only_a)
            elif k == p.b:
                expected &= set(p.only_b)
        assert set(only) == expected
        shared = {i for c in report.clusters for m in c.members if m.source == k for i in m.sentences}
        assert not shared & set(only)


def test_quote_links_kept_and_clusters_hold_their_quotes() -> None:
    """Every pairwise shared quote is a link of one quote cluster or a quote cross link; each
    cluster's links join quotes it holds."""
    report = fixture_report()
    expected = sorted(
        (p.a, m.a, p.b, m.b) for p in report.pairs if p.quotes is not None for m in p.quotes.shared
    )
    links = [x for qc in report.quote_clusters for x in qc.links] + list(report.quote_cross_links)
    assert sorted((x.a.source, x.a.quote, x.b.source, x.b.quote) for x in links) == expected
    for qc in report.quote_clusters:
        held = set(qc.quotes)
        assert qc.quotes
        for x in qc.links:
            assert x.a in held and x.b in held


def test_facts_mentions_cover_every_fact_once() -> None:
    """Every fact of every source is a mention of exactly one fact item; an item's sources include
    every source that mentions it."""
    report = fixture_report()
    seen = [ref for item in report.facts for ref in item.mentions]
    assert sorted((r.source, r.fact) for r in seen) == sorted(
        (k, n) for k, src in enumerate(report.sources) for n in range(len(src.facts))
    )
    for item in report.facts:
        assert {r.source for r in item.mentions} <= set(item.sources)


def test_story_order_and_determinism() -> None:
    """Clusters come in story order and the report is the same on every run."""
    again = compare_many(fixture_documents())
    assert again.to_dict() == fixture_report().to_dict()


def test_twelve_sources() -> None:
    """Twelve sources work: 66 pairs, every output valid against the schema."""
    docs = fixture_documents() * 4
    docs = [replace(d, label=f"{d.label}-{k}") for k, d in enumerate(docs)]
    report = compare_many(docs)
    assert len(report.pairs) == 66
    out = report.to_dict()
    schema2().validate(out)
    assert out["summary"]["sources"] == 12
    # the copies of one article share everything: every cluster of nyt's copies holds all four
    nyt = {0, 3, 6, 9}
    assert any(nyt <= set(c.sources()) for c in report.clusters)


def test_needs_two_documents() -> None:
    with pytest.raises(ValueError, match="at least two"):
        compare_many(fixture_documents()[:1])


def test_json_valid_against_schema() -> None:
    """The storydiff/2 object of three sources, and of two, validate against the shipped schema."""
    schema2().validate(fixture_report().to_dict())
    schema2().validate(compare_many(fixture_documents()[:2]).to_dict())


# --- clusters built by hand ----------------------------------------------------------------------------


def _source(label: str, n: int) -> Source:
    sentences = tuple(Sentence(i, i * 10, i * 10 + 9, f"{label} s{i}.", i, Role.BODY) for i in range(n))
    text = "\n".join(s.text.ljust(9) for s in sentences)
    return Source(label, f"{label}.txt", text, sentences)


def _group(a: tuple[int, ...], b: tuple[int, ...], score: float) -> AlignedGroup:
    return AlignedGroup(a, b, score, GroupKind.SAME if score >= 0.6 else GroupKind.PARTIAL)


def test_triangle_that_would_join_two_sentences_of_one_source() -> None:
    """A's 0 ~ B's 0 ~ C's 0 ~ A's 1: joining all would make A's 0 and 1 one passage, which no
    group says. The weakest link is left out of the first cluster; A's 1, which no cluster holds,
    forms a second one with C's 0 (C's 0 merges the two passages)."""
    a, b, c = _source("a", 2), _source("b", 1), _source("c", 1)
    pairs = (
        PairComparison(0, 1, (_group((0,), (0,), 0.9),), (1,), ()),
        PairComparison(0, 2, (_group((1,), (0,), 0.5),), (0,), ()),
        PairComparison(1, 2, (_group((0,), (0,), 0.8),), (), ()),
    )
    report = assemble((a, b, c), pairs, Options())
    assert [[(m.source, m.sentences) for m in cl.members] for cl in report.clusters] == [
        [(0, (0,)), (1, (0,)), (2, (0,))],
        [(0, (1,)), (2, (0,))],
    ]
    assert report.cross_links == ()
    assert report.only == ((), (), ())
    assert not report.with_quotes and not report.with_facts


def test_merge_lets_a_cluster_hold_two_sentences_of_one_source() -> None:
    """When B merges A's 0 and 1 in one group, a cluster may hold both (C links to each)."""
    a, b, c = _source("a", 2), _source("b", 1), _source("c", 2)
    pairs = (
        PairComparison(0, 1, (_group((0, 1), (0,), 0.9),), (), ()),
        PairComparison(0, 2, (_group((0,), (0,), 0.8), _group((1,), (1,), 0.7)), (), ()),
        PairComparison(1, 2, (_group((0,), (0, 1), 0.8),), (), ()),
    )
    report = assemble((a, b, c), pairs, Options())
    assert len(report.clusters) == 1
    assert [(m.source, m.sentences) for m in report.clusters[0].members] == [
        (0, (0, 1)),
        (1, (0,)),
        (2, (0, 1)),
    ]
    assert report.cross_links == ()


def test_two_unrelated_sentences_never_share_a_cluster() -> None:
    """A's 0 ~ B's 0, A's 1 ~ C's 0, B's 0 ~ C's 0, all strong, A's 0 and 1 never merged: one of the
    links becomes a cross link, and A's two sentences never meet in a cluster."""
    a, b, c = _source("a", 2), _source("b", 1), _source("c", 1)
    pairs = (
        PairComparison(0, 1, (_group((0,), (0,), 0.9),), (1,), ()),
        PairComparison(0, 2, (_group((1,), (0,), 0.85),), (0,), ()),
        PairComparison(1, 2, (_group((0,), (0,), 0.95),), (), ()),
    )
    report = assemble((a, b, c), pairs, Options())
    for cl in report.clusters:
        member = cl.member(0)
        assert member is None or len(member.sentences) == 1
    assert sorted(_direct_links(report)) == sorted((p.a, g.a, p.b, g.b) for p in pairs for g in p.alignment)


def test_progress_counts_pairs() -> None:
    """``compare_many``'s progress callback hears of each pair as it is compared."""
    seen: list[tuple[int, int]] = []
    compare_many(fixture_documents(), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


@st.composite
def _pairwise(draw: st.DrawFn) -> tuple[tuple[Source, ...], tuple[PairComparison, ...]]:
    """Random sources and, for every pair, groups in which each sentence takes part at most once."""
    n = draw(st.integers(2, 4))
    sizes = [draw(st.integers(1, 5)) for _ in range(n)]
    sources = tuple(_source(chr(97 + k), sizes[k]) for k in range(n))
    pairs = []
    for i in range(n):
        for j in range(i + 1, n):
            free_a, free_b = list(range(sizes[i])), list(range(sizes[j]))
            groups = []
            for _ in range(draw(st.integers(0, 4))):
                if not free_a or not free_b:
                    break
                ga = sorted(draw(st.sets(st.sampled_from(free_a), min_size=1, max_size=2)))
                gb = sorted(draw(st.sets(st.sampled_from(free_b), min_size=1, max_size=2)))
                free_a = [x for x in free_a if x not in ga]
                free_b = [y for y in free_b if y not in gb]
                groups.append(_group(tuple(ga), tuple(gb), draw(st.sampled_from([0.3, 0.5, 0.7, 0.9]))))
            only_a = tuple(x for x in range(sizes[i]) if x in free_a)
            only_b = tuple(y for y in range(sizes[j]) if y in free_b)
            pairs.append(PairComparison(i, j, tuple(groups), only_a, only_b))
    return sources, tuple(pairs)


@settings(max_examples=200, deadline=None)
@given(_pairwise())
def test_assemble_invariants(case: tuple[tuple[Source, ...], tuple[PairComparison, ...]]) -> None:
    """For any pairwise groups: none is lost or doubled; no cluster holds two sentences of one
    source that no group merges; a sentence in two clusters has a direct link in each; the result
    does not depend on anything but its input."""
    sources, pairs = case
    report = assemble(sources, pairs, Options())
    assert sorted(_direct_links(report)) == sorted((p.a, g.a, p.b, g.b) for p in pairs for g in p.alignment)
    merged = _merged(report)
    for c in report.clusters:
        assert len(c.members) >= 2
        for m in c.members:
            assert len({merged[m.source].get(i, i) for i in m.sentences}) == 1
            for i in m.sentences:
                assert any(
                    (x.a.source == m.source and i in x.a.sentences)
                    or (x.b.source == m.source and i in x.b.sentences)
                    for x in c.links
                    if x.direct
                )
    assert assemble(sources, pairs, Options()) == report
