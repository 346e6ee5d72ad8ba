"""Group articles that report the same event, when the corpus does not say which event each is.

Three steps, each cheap enough for tens of thousands of articles:

1. **Index.** Every article is reduced to its *distinctive terms*: content words weighted by
   TF-IDF over the corpus (log term frequency times log inverse document frequency), unit length.
   An inverted index of each article's :data:`TOP_TERMS` heaviest terms, skipping terms found in
   more than :data:`MAX_DF_SHARE` of the articles, yields the candidate pairs: two articles are
   compared only when one of them has a distinctive term the other also has, as passim's n-gram
   index compares only passages that share rare n-grams. (MinHash LSH over the same term sets was
   tried first: with two rows a band it found only 39-49 % of the same-event pairs of news-ecb,
   because two outlets share a fifth of their distinctive vocabulary, not a half; with one row a
   band it is this index with extra steps.)
2. **Score.** A candidate pair's cosine similarity of the two TF-IDF vectors; pairs of articles
   dated more than ``window`` days apart are never linked (when both have a date).
3. **Cluster.** Average linkage over the candidate graph: the two groups with the highest mean
   similarity (pairs that are not candidates count as 0) merge while that mean reaches
   ``threshold``. Average linkage, unlike linking every pair above a bar (single linkage), does
   not chain two events together through one article that mentions both.

Deterministic: ties are broken by article order, and the result does not depend on hash seeds.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from . import lang

TOP_TERMS = 40
"""Distinctive terms per article put in the candidate index."""
MAX_DF_SHARE = 0.05
"""Terms in more than this share of the articles (and at least :data:`MIN_DF_CAP`) are not indexed:
they would make every pair a candidate and tell no event from another."""
MIN_DF_CAP = 20
THRESHOLD = 0.12
"""Mean TF-IDF cosine at which two groups merge: between the pair distributions, where same-event
pairs have a median cosine of 0.34 and different-event pairs 0.01-0.04 (99th percentile 0.09-0.13),
in the middle of a flat range: 0.10, 0.12 and 0.15 give news-ecb ARI 0.974, 0.971, 0.988 and BASIL
(mixed, dated) 0.973, 0.973, 0.987 of triplets exactly one group. Looked at on both whole sets, so
not a held-out choice; benchmarks/bench_corpus.py --grouping reports each half."""
WINDOW_DAYS = 3.0
"""Articles dated further apart than this are taken for different events."""

_WORD = re.compile(r"[^\W\d_][\w'-]*")


def _stopwords() -> frozenset[str]:
    return lang.words("stopwords")


def terms(text: str, stop: frozenset[str] | None = None) -> Counter[str]:
    """Content words of a text, lower-cased, with their counts (stopwords and words of two letters
    or fewer left out)."""
    stop = _stopwords() if stop is None else stop
    return Counter(w for w in (m.lower() for m in _WORD.findall(text)) if len(w) > 2 and w not in stop)


def vectors(texts: Sequence[str]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors; terms found in one article only are left out (they link nothing)."""
    stop = _stopwords()
    counts = [terms(t, stop) for t in texts]
    df: Counter[str] = Counter(w for c in counts for w in c)
    n = len(texts)
    out = []
    for c in counts:
        v = {w: (1 + math.log(x)) * math.log(n / df[w]) for w, x in c.items() if df[w] > 1}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({w: x / norm for w, x in v.items() if x > 0})
    return out


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def candidates(vecs: Sequence[Mapping[str, float]]) -> set[tuple[int, int]]:
    """Pairs (i < j) of articles that share one of the distinctive terms of one of them."""
    n = len(vecs)
    cap = max(MIN_DF_CAP, int(MAX_DF_SHARE * n))
    df: Counter[str] = Counter(w for v in vecs for w in v)
    index: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(vecs):
        for w, _ in sorted(v.items(), key=lambda x: (-x[1], x[0]))[:TOP_TERMS]:
            if df[w] <= cap:
                index[w].append(i)
    pairs: set[tuple[int, int]] = set()
    for i, v in enumerate(vecs):
        for w in v:
            if df[w] <= cap:
                for j in index.get(w, ()):
                    if j != i:
                        pairs.add((min(i, j), max(i, j)))
    return pairs


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def average_linkage(n: int, sims: Mapping[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Clusters of ``range(n)``: merge the two clusters of highest mean similarity while it reaches
    ``threshold`` (pairs missing from ``sims`` count as 0). Each cluster is sorted; clusters are in
    the order of their first member."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    total: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), s in sims.items():
        total[a][b] = total[a].get(b, 0.0) + s
        total[b][a] = total[b].get(a, 0.0) + s
    heap = [(-s, a, b) for (a, b), s in sims.items() if s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        current = total[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(current + neg) > 1e-12:
            continue  # an entry from before one of the two grew: its up-to-date one is in the heap
        keep, gone = min(a, b), max(a, b)
        members[keep].extend(members.pop(gone))
        for c, s in total.pop(gone).items():
            del total[c][gone]
            if c != keep:
                total[keep][c] = total[keep].get(c, 0.0) + s
                total[c][keep] = total[keep][c]
        total[keep].pop(gone, None)
        for c, s in total[keep].items():
            mean = s / (len(members[keep]) * len(members[c]))
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(keep, c), max(keep, c)))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def group(
    texts: Sequence[str],
    dates: Sequence[str | None] | None = None,
    *,
    threshold: float = THRESHOLD,
    window: float | None = WINDOW_DAYS,
    gate: Callable[[int, int], bool] | None = None,
) -> list[list[int]]:
    """Group articles by event: lists of indices into ``texts``, in order of first member.

    ``dates`` (ISO dates, ``None`` where unknown) keep apart articles more than ``window`` days
    apart; ``window=None`` ignores dates. ``gate`` (for example :func:`relatedness_gate`) vetoes
    a pair that reaches ``threshold`` on its own. Measured on the 75 BASIL triplets mixed without
    dates, it brings the share found as exactly one group from 0.64 to 0.83 (first half 0.65 to
    0.95, second half 0.71 to 0.79), at the cost of analysing every article and aligning every such
    pair (47 s against 5 s here, on a loaded machine). With dates the window alone reaches 0.97 and
    the gate splits three triplets whose articles it finds unrelated (0.96), so it is off by default.
    """
    vecs = vectors(texts)
    days = [_day(d) for d in dates] if dates is not None else [None] * len(texts)
    sims: dict[tuple[int, int], float] = {}
    for i, j in sorted(candidates(vecs)):
        di, dj = days[i], days[j]
        if window is not None and di is not None and dj is not None and abs((di - dj).days) > window:
            continue
        s = cosine(vecs[i], vecs[j])
        if s >= threshold and gate is not None and not gate(i, j):
            continue  # close in vocabulary, but not two reports of one story
        if s > 0:
            sims[(i, j)] = s
    return average_linkage(len(texts), sims, threshold)


def relatedness_gate(texts: Sequence[str]) -> Callable[[int, int], bool]:
    """The aligner's document-level relatedness gate as a test of two articles (by index): whether
    aligning them finds anything (:func:`storydiff.align._related` holds). Each article is
    analysed once, when first asked about."""
    from .align import align
    from .model import Document, Options
    from .pipeline import build_source

    options = Options()
    cache: dict[int, Any] = {}

    def source(i: int) -> Any:
        if i not in cache:
            cache[i] = build_source(Document(texts[i], str(i)))
        return cache[i]

    def related(i: int, j: int) -> bool:
        groups, _, _ = align(source(i).sentences, source(j).sentences, options)
        return bool(groups)

    return related


def adjusted_rand_index(truth: Sequence[object], predicted: Sequence[object]) -> float:
    """Adjusted Rand index of two labellings of the same items (1 = identical partitions, about 0
    for chance agreement); Hubert and Arabie's formula, as scikit-learn computes it."""
    if len(truth) != len(predicted):
        raise ValueError("the two labellings must have the same length")
    n = len(truth)
    if n < 2:
        return 1.0
    both = Counter(zip(truth, predicted))
    index = sum(math.comb(v, 2) for v in both.values())
    rows = sum(math.comb(v, 2) for v in Counter(truth).values())
    cols = sum(math.comb(v, 2) for v in Counter(predicted).values())
    expected = rows * cols / math.comb(n, 2)
    best = (rows + cols) / 2
    if best == expected:
        return 1.0
    return (index - expected) / (best - expected)


__all__ = [
    "adjusted_rand_index",
    "average_linkage",
    "candidates",
    "cosine",
    "group",
    "relatedness_gate",
    "terms",
    "vectors",
]
