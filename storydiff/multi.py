"""Many sources: the pairwise comparisons joined into shared passages, quotes and facts.

Alignment stays pairwise (every pair of sources is compared exactly as two sources are); this
module only joins the results. A *cluster* is built from pairwise groups, best score first, as a
connected set, with one rule that keeps it honest: a cluster holds the sentences of a source that
one of its pairwise groups merges, never two sentences of one source that no group puts
together. (A's sentence 3 matches B's 5, B's 5 matches C's 8, and C's 8 matches A's sentence 9:
joining all four would say that A's 3 and 9 are one passage, which no comparison found.) A group
that would break the rule is kept as a *cross link*, so no pairwise finding is lost: every pair's
alignment can be read back out of the clusters and cross links. Quotes are joined the same way;
facts by their normalised key, with each source's pairwise coverage and conflicts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Generic, TypeVar

from .model import (
    Cluster,
    Fact,
    FactConflict,
    FactItem,
    FactKind,
    FactRef,
    Link,
    Member,
    MultiReport,
    Options,
    PairComparison,
    ParaphraseRef,
    QuoteCluster,
    QuoteLink,
    QuoteRef,
    Role,
    Side,
    Source,
)
from .worddiff import diff_words

T = TypeVar("T", bound=Hashable)
_WORD = re.compile(r"\w+")
_Getter = Callable[[PairComparison], Iterable[int]]


class _Sets(Generic[T]):
    """Disjoint sets (union-find) with path halving; the smaller item of two roots stays the root,
    so that the result never depends on the order of unions."""

    def __init__(self) -> None:
        self.parent: dict[T, T] = {}

    def find(self, x: T) -> T:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: T, y: T) -> T:
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return rx
        keep, drop = (rx, ry) if _order(rx) <= _order(ry) else (ry, rx)
        self.parent[drop] = keep
        return keep


def _order(x: Hashable) -> tuple[int, ...]:
    assert isinstance(x, tuple)
    return tuple(x)


Node = tuple[int, int]
"""(source index, sentence or quote index)."""


class _Joiner:
    """Greedy consistent joining of pairwise links into clusters (see the module docstring).

    ``merges`` are the sets of one source's items that some pairwise link puts on one side
    together; they enter a cluster as a unit. A link joins the clusters of its two ends unless
    both clusters already hold a (different) merge of the same source.
    """

    def __init__(self) -> None:
        self.merge: _Sets[Node] = _Sets()
        self.cluster: _Sets[Node] = _Sets()
        self.sources: dict[Node, frozenset[int]] = {}

    def merge_side(self, nodes: Sequence[Node]) -> None:
        for x in nodes[1:]:
            self.merge.union(nodes[0], x)

    def _cluster_of(self, node: Node) -> Node:
        root = self.cluster.find(self.merge.find(node))
        self.sources.setdefault(root, frozenset({node[0]}))
        return root

    def join(self, x: Node, y: Node) -> bool:
        """Join the clusters of ``x`` and ``y``; False when that would break the rule."""
        cx, cy = self._cluster_of(x), self._cluster_of(y)
        if cx == cy:
            return True
        if self.sources[cx] & self.sources[cy]:
            return False
        joined = self.sources[cx] | self.sources[cy]
        self.sources[self.cluster.union(cx, cy)] = joined
        return True

    def root(self, node: Node) -> Node:
        return self._cluster_of(node)


def assemble(sources: Sequence[Source], pairs: Sequence[PairComparison], options: Options) -> MultiReport:
    """The N-source report from the sources and the comparison of every pair of them."""
    clusters, cross = _passages(sources, pairs)
    with_quotes = all(p.quotes is not None for p in pairs)
    with_facts = all(p.facts is not None for p in pairs)
    quote_clusters: tuple[QuoteCluster, ...] = ()
    quote_cross: tuple[QuoteLink, ...] = ()
    quotes_only: tuple[tuple[int, ...], ...] = ()
    if with_quotes:
        quote_clusters, quote_cross = _quotes(sources, pairs)
        quotes_only = _only_everywhere(
            len(sources),
            pairs,
            lambda p: p.quotes.only_a if p.quotes else (),
            lambda p: p.quotes.only_b if p.quotes else (),
            [range(len(s.quotes)) for s in sources],
        )
    return MultiReport(
        sources=tuple(sources),
        pairs=tuple(pairs),
        clusters=clusters,
        cross_links=cross,
        only=_only_everywhere(
            len(sources),
            pairs,
            lambda p: p.only_a,
            lambda p: p.only_b,
            [[s.index for s in src.sentences if s.role is Role.BODY] for src in sources],
        ),
        quote_clusters=quote_clusters,
        quote_cross_links=quote_cross,
        quotes_only=quotes_only,
        facts=_facts(sources, pairs) if with_facts else (),
        options=options,
        with_quotes=with_quotes,
        with_facts=with_facts,
    )


def _only_everywhere(
    n: int,
    pairs: Sequence[PairComparison],
    only_a: _Getter,
    only_b: _Getter,
    every: Sequence[Iterable[int]],
) -> tuple[tuple[int, ...], ...]:
    """Per source, the items that every pairwise comparison it takes part in left unmatched."""
    left = [set(items) for items in every]
    for p in pairs:
        left[p.a] &= set(only_a(p))
        left[p.b] &= set(only_b(p))
    return tuple(tuple(sorted(items)) for items in left[:n])


# --- passages -------------------------------------------------------------------------------------


def _positions(src: Source) -> dict[int, float]:
    """Each compared sentence's place in its story, from 0 (the headline) to 1 (the last sentence)."""
    compared = [s.index for s in src.sentences if s.role is not Role.BOILERPLATE]
    last = max(1, len(compared) - 1)
    return {i: k / last for k, i in enumerate(compared)}


def _passages(
    sources: Sequence[Source], pairs: Sequence[PairComparison]
) -> tuple[tuple[Cluster, ...], tuple[Link, ...]]:
    joiner = _Joiner()
    links: list[tuple[float, int, Link]] = []
    for p in pairs:
        for g in p.alignment:
            joiner.merge_side([(p.a, i) for i in g.a])
            joiner.merge_side([(p.b, j) for j in g.b])
            link = Link(Member(p.a, g.a), Member(p.b, g.b), True, g.score, g.kind, g.diff, g.why)
            links.append((-g.score, len(links), link))
    links.sort(key=lambda t: (t[0], t[1]))
    kept: list[Link] = []
    rejected: list[Link] = []
    for _, _, link in links:
        (kept if joiner.join(_end(link.a), _end(link.b)) else rejected).append(link)
    clusters = _grouped(sources, joiner, kept)
    # A rejected group one of whose sentences no cluster holds yet is a passage of its own, which
    # may share the sentence of its other end with a first-pass cluster: that sentence merges the
    # two passages (it says what two sentences of the other source say), the one case in which a
    # sentence may sit in two clusters. Joined among themselves under the same rule.
    placed = {(m.source, i) for c in clusters for m in c.members for i in m.sentences}
    second = _Joiner()
    candidates = [x for x in rejected if not all(n in placed for n in _nodes(x))]
    for link in candidates:
        second.merge_side([(link.a.source, i) for i in link.a.sentences])
        second.merge_side([(link.b.source, j) for j in link.b.sentences])
    kept2 = [x for x in candidates if second.join(_end(x.a), _end(x.b))]
    clusters += _grouped(sources, second, kept2)
    taken = {id(x) for x in kept2}
    cross = [x for x in rejected if id(x) not in taken]
    positions = [_positions(src) for src in sources]
    clusters.sort(key=lambda c: (_place(c, positions), c.members[0].source, c.members[0].sentences))
    cross.sort(key=lambda x: (x.a.source, x.b.source, x.a.sentences, x.b.sentences))
    return tuple(clusters), tuple(cross)


def _end(m: Member) -> Node:
    return m.source, m.sentences[0]


def _nodes(link: Link) -> list[Node]:
    return [(link.a.source, i) for i in link.a.sentences] + [(link.b.source, j) for j in link.b.sentences]


def _grouped(sources: Sequence[Source], joiner: _Joiner, kept: Sequence[Link]) -> list[Cluster]:
    """The clusters the kept links form (grouped by their final root: roots move as clusters join)."""
    merged: dict[Node, list[Link]] = defaultdict(list)
    for link in kept:
        merged[joiner.root(_end(link.a))].append(link)
    return [_cluster(sources, group) for group in merged.values()]


def _place(c: Cluster, positions: Sequence[dict[int, float]]) -> float:
    """Where a passage sits in the story: the mean of its place in each source that carries it."""
    places = [positions[m.source].get(m.sentences[0], 1.0) for m in c.members]
    return round(sum(places) / len(places), 6)


def _cluster(sources: Sequence[Source], group: list[Link]) -> Cluster:
    sentences: dict[int, set[int]] = defaultdict(set)
    for link in group:
        sentences[link.a.source].update(link.a.sentences)
        sentences[link.b.source].update(link.b.sentences)
    members = tuple(Member(k, tuple(sorted(sentences[k]))) for k in sorted(sentences))
    direct = sorted(group, key=lambda x: (x.a.source, x.b.source, x.a.sentences, x.b.sentences))
    linked = {(x.a.source, x.b.source) for x in direct}
    indirect = []
    for i, mi in enumerate(members):
        for mj in members[i + 1 :]:
            if (mi.source, mj.source) in linked:
                continue
            diff = diff_words(
                sources[mi.source].text_of(mi.sentences), sources[mj.source].text_of(mj.sentences)
            )
            indirect.append(Link(mi, mj, False, None, None, diff))
    return Cluster(members, tuple(direct) + tuple(indirect))


# --- quotes ---------------------------------------------------------------------------------------


def _quotes(
    sources: Sequence[Source], pairs: Sequence[PairComparison]
) -> tuple[tuple[QuoteCluster, ...], tuple[QuoteLink, ...]]:
    joiner = _Joiner()
    # A source that quotes the same words twice quotes one utterance twice: one unit in a cluster.
    for k, src in enumerate(sources):
        same_words: dict[tuple[str, ...], list[Node]] = defaultdict(list)
        for n, q in enumerate(src.quotes):
            same_words[tuple(_WORD.findall(q.text.lower()))].append((k, n))
        for nodes in same_words.values():
            joiner.merge_side(nodes)
    links: list[tuple[float, int, QuoteLink]] = []
    for p in pairs:
        assert p.quotes is not None
        # one quote of a side linked with several of the other: those several are one utterance split
        by_a: dict[int, list[int]] = defaultdict(list)
        by_b: dict[int, list[int]] = defaultdict(list)
        for m in p.quotes.shared:
            by_a[m.a].append(m.b)
            by_b[m.b].append(m.a)
            links.append(
                (
                    -m.score,
                    len(links),
                    QuoteLink(QuoteRef(p.a, m.a), QuoteRef(p.b, m.b), m.score, m.match, m.diff),
                )
            )
        for js in by_a.values():
            joiner.merge_side([(p.b, j) for j in js])
        for is_ in by_b.values():
            joiner.merge_side([(p.a, i) for i in is_])
    links.sort(key=lambda t: (t[0], t[1]))
    kept: list[QuoteLink] = []
    rejected: list[QuoteLink] = []
    for _, _, link in links:
        (kept if joiner.join(_qnode(link.a), _qnode(link.b)) else rejected).append(link)
    groups = _quote_groups(joiner, kept)
    # As for passages: a rejected link one of whose quotes no cluster holds yet forms a cluster of
    # its own, sharing the other quote (part of two utterances: "act of hate" is one, and a piece
    # of "an act of terror and an act of hate").
    placed = {node for nodes, _ in groups for node in nodes}
    second = _Joiner()
    candidates = [x for x in rejected if _qnode(x.a) not in placed or _qnode(x.b) not in placed]
    kept2 = [x for x in candidates if second.join(_qnode(x.a), _qnode(x.b))]
    groups += _quote_groups(second, kept2)
    taken = {id(x) for x in kept2}
    cross = [x for x in rejected if id(x) not in taken]
    home: dict[Node, int] = {}
    for g, (members, _found) in enumerate(groups):
        for node in members:
            home.setdefault(node, g)
    paraphrases: dict[int, list[ParaphraseRef]] = defaultdict(list)
    for p in pairs:
        assert p.quotes is not None
        side_source = {Side.A: p.a, Side.B: p.b}
        for para in p.quotes.paraphrased:
            quoted = (side_source[para.quote_side], para.quote)
            if quoted not in home:
                home[quoted] = len(groups)
                groups.append(({quoted}, []))
            paraphrases[home[quoted]].append(
                ParaphraseRef(QuoteRef(*quoted), side_source[para.sentence_side], para.sentence, para.score)
            )
    clusters = [
        QuoteCluster(
            quotes=tuple(QuoteRef(k, q) for k, q in sorted(nodes)),
            links=tuple(sorted(found, key=_quote_link_order)),
            paraphrased=tuple(
                sorted(paraphrases.get(g, []), key=lambda x: (x.quote.source, x.quote.quote, x.source))
            ),
        )
        for g, (nodes, found) in enumerate(groups)
    ]
    positions = [_positions(src) for src in sources]

    def place(qc: QuoteCluster) -> tuple[float, int, int]:
        first: dict[int, int] = {}
        for ref in qc.quotes:
            first.setdefault(ref.source, sources[ref.source].quotes[ref.quote].sentence)
        spots = [positions[k].get(s, 1.0) for k, s in first.items()]
        return round(sum(spots) / len(spots), 6), qc.quotes[0].source, qc.quotes[0].quote

    clusters.sort(key=place)
    cross.sort(key=_quote_link_order)
    return tuple(clusters), tuple(cross)


def _qnode(ref: QuoteRef) -> Node:
    return ref.source, ref.quote


def _quote_groups(joiner: _Joiner, kept: Sequence[QuoteLink]) -> list[tuple[set[Node], list[QuoteLink]]]:
    """The quotes and links of each cluster the kept links form, in the order clusters first appear."""
    grouped: dict[Node, tuple[set[Node], list[QuoteLink]]] = {}
    for link in kept:
        nodes, found = grouped.setdefault(joiner.root(_qnode(link.a)), (set(), []))
        nodes.update({_qnode(link.a), _qnode(link.b)})
        found.append(link)
    return list(grouped.values())


def _quote_link_order(x: QuoteLink) -> tuple[int, int, int, int]:
    return (x.a.source, x.b.source, x.a.quote, x.b.quote)


# --- facts ----------------------------------------------------------------------------------------


def _fact_key(f: Fact) -> tuple[FactKind, str]:
    return f.kind, f.key or " ".join(f.text.lower().split())


def _facts(sources: Sequence[Source], pairs: Sequence[PairComparison]) -> tuple[FactItem, ...]:
    """One item per distinct fact (kind and normalised key) over all sources."""
    index: list[dict[Fact, int]] = [{} for _ in sources]
    for k, src in enumerate(sources):
        for n, f in enumerate(src.facts):
            index[k].setdefault(f, n)
    mentions: dict[tuple[FactKind, str], list[FactRef]] = defaultdict(list)
    for k, src in enumerate(sources):
        for n, f in enumerate(src.facts):
            mentions[_fact_key(f)].append(FactRef(k, n))
    # keys a source states that the other source of a pair does not (pairwise "only")
    uncovered: dict[tuple[int, int], set[tuple[FactKind, str]]] = {}
    conflicts: dict[tuple[FactKind, str], list[FactConflict]] = defaultdict(list)
    for p in pairs:
        assert p.facts is not None
        uncovered[(p.a, p.b)] = {_fact_key(f) for f in p.facts.only_a}
        uncovered[(p.b, p.a)] = {_fact_key(f) for f in p.facts.only_b}
        for c in p.facts.conflicts:
            na, nb = index[p.a].get(c.a), index[p.b].get(c.b)
            if na is None or nb is None:
                continue  # a fact not among the source's own list: nothing to point at
            conflicts[_fact_key(c.a)].append(FactConflict(FactRef(p.a, na), FactRef(p.b, nb), c.kind, c.note))
    positions = [_positions(src) for src in sources]
    items: list[tuple[float, int, int, FactItem]] = []
    n = len(sources)
    for key, refs in mentions.items():
        stating = {r.source for r in refs}
        covered = {
            other for k in stating for other in range(n) if other != k and key not in uncovered[(k, other)]
        }
        item = FactItem(
            kind=key[0],
            mentions=tuple(refs),
            sources=tuple(sorted(stating | covered)),
            conflicts=tuple(conflicts.get(key, ())),
        )
        first: dict[int, int] = {}
        for r in refs:
            first.setdefault(r.source, sources[r.source].facts[r.fact].sentence)
        spots = [positions[k].get(s, 1.0) for k, s in first.items()]
        items.append((round(sum(spots) / len(spots), 6), refs[0].source, refs[0].fact, item))
    items.sort(key=lambda t: t[:3])
    return tuple(t[3] for t in items)


__all__ = ["assemble"]
