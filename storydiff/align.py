"""Order-free sentence alignment between two reports of one story.

News outlets reorder a story, split and merge sentences and paraphrase, so a line diff or any
monotonic alignment is wrong. Each body sentence becomes a set of content terms weighted by how
rare they are across both documents (IDF), so that names, figures and quoted words, which are
shared by few sentences, anchor a link, while words every sentence uses do not. A pair's score
blends

* the weighted overlap relative to the *smaller* sentence (containment), which finds a short
  sentence that repeats one clause of a long one,
* the overlap relative to both (Dice), which prefers like-sized matches,
* rapidfuzz's ``token_set_ratio`` on normalised text, re-scored for the best candidates only,
* support from neighbours: stories are reordered in blocks, so a pair whose neighbours also
  match is more likely right (context).

Links are then chosen globally, strongest first, each sentence joining at most ``max_group``
sentences of the other side; groups are stars (one sentence with several partners) or small
blocks whose every cross pair is itself a credible match, so that the cross product of a group
never claims a link nobody scored.

Long inputs never score every pair: candidates come from an inverted index of rare terms, which
keeps the work close to linear in the input.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .model import AlignedGroup, GroupKind, Options, Role, Sentence
from .worddiff import fold

Progress = Callable[[int, int], None]

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves said says say saying told tell
    according mr mrs ms dr one also may might must shall us upon via per among amid within without
    whether though although however yet still even ever much many well s t don
    """.split()
)

_TERM = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
_DIGIT_GROUP = re.compile(r"(?<=\d),(?=\d{3}\b)")


def _stem(word: str) -> str:
    """A deliberately light stemmer: plurals and -ed/-ing/-ly, so "charges" meets "charged"."""
    if word[0].isdigit() or len(word) <= 3:
        return word
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("edly", ""), ("ed", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + keep
    if word.endswith("es") and word[-3] in "sxz":
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    if word.endswith("e") and len(word) > 4:
        return word[:-1]
    return word


def terms(text: str) -> frozenset[str]:
    """The content terms of a text, and its pairs of neighbouring content terms.

    Unigrams are folded, lower-cased, stop words dropped and lightly stemmed. The pairs ("bigrams",
    written ``a_b``) let a shared phrase count for more than the same words scattered.
    """
    words = content_words(text)
    out = set(words)
    out.update(f"{x}_{y}" for x, y in zip(words, words[1:]))
    return frozenset(out)


def content_words(text: str) -> list[str]:
    """The content words of a text in order: folded, lower-cased, stop words dropped, stemmed."""
    flat = _DIGIT_GROUP.sub("", fold(text).lower())
    out: list[str] = []
    for m in _TERM.finditer(flat):
        word = m.group()
        if "'" in word:
            word = word.split("'")[0]
        word = word.rstrip(".")
        if word.count(".") and not any(ch.isdigit() for ch in word):
            word = word.replace(".", "")  # U.S. -> us, F.E.C. -> fec
        if not word or word in STOPWORDS or (len(word) == 1 and not word.isdigit()):
            continue
        out.append(_stem(word))
    return out


def normalise(text: str) -> str:
    """Text for character-level fuzzy matching: folded, lower case, hyphens and punctuation removed."""
    flat = fold(text).lower()
    flat = re.sub(r"(?<=\w)-(?=\w)", "", flat)
    return " ".join(re.findall(r"\w+", flat))


@dataclass(frozen=True)
class _Unit:
    """A body sentence prepared for matching."""

    index: int
    """Index of the sentence in its source."""
    pos: int
    """Position among the body sentences of its side (for neighbour support)."""
    terms: frozenset[str]
    norm: str
    clauses: tuple[frozenset[str], ...]
    """Term sets of the sentence's clauses, for links that share one clause of a long sentence."""
    anchors: frozenset[str]
    """Terms that are names (capitalised inside the sentence) or figures: strong evidence when shared."""
    headline: bool


_CLAUSE_BREAK = re.compile(
    r"[,;:](?=\s)|[()\[\]\u2014\u2013\"\u201c\u201d]|\s--?\s|\b(?:and|but|while|which|who|after|before|because|when)\b"
)


def _unit(s: Sentence, pos: int) -> _Unit:
    parts = [terms(p) for p in _CLAUSE_BREAK.split(s.text)]
    clauses = tuple(p for p in parts if len(p) >= 2)
    return _Unit(
        s.index, pos, terms(s.text), normalise(s.text), clauses if len(clauses) > 1 else (), _anchors(s.text),
        s.role is Role.HEADLINE,
    )


_ANCHOR = re.compile(r"(?<=[\w,;:—–] )[A-Z][\w'’.-]*|\$?\d[\d,.]*")


def _anchors(text: str) -> frozenset[str]:
    """Names (capitalised words after the first) and figures, as terms."""
    found: set[str] = set()
    for m in _ANCHOR.finditer(text):
        found.update(content_words(m.group()))
    return frozenset(found)


@dataclass(frozen=True)
class _Pair:
    i: int
    j: int
    score: float
    cover_a: float
    cover_b: float


# Weights of the score components; chosen on the development data and checked on news-ecb and
# aesop-gnat, to which they generalise (see benchmarks/quality.py).
W_CONTAIN = 0.45
W_DICE = 0.30
W_FUZZ = 0.25
W_CONTEXT = 0.15
BIGRAM_WEIGHT = 0.5
W_CLAUSE = 0.6
CLAUSE_MIN_WEIGHT = 5.0
"""Shared weight a clause match needs to count in full; a shared name alone is not enough."""
NEAR_BEST = 0.5
EXTEND_MIN = 0.0
MUTUAL = True
W_ANCHOR = 0.3
"""Extra weight of a shared name or figure, relative to its IDF weight."""
"""A second or third partner joins a group only from this score on: extra links need more evidence."""
"""A link must score at least this share of the best score of one of its two sentences."""
MIN_SHARED_WEIGHT = 2.2
"""Shared IDF weight below which two sentences have too little in common to be linked at all."""
CANDIDATE_DF_CAP = 60
"""Terms in more sentences than this (per side) do not generate candidates on long inputs."""
FULL_MATRIX_LIMIT = 250_000
"""Up to this many sentence pairs, every pair is a candidate; above it, the inverted index decides."""


def align(
    a: Sequence[Sentence],
    b: Sequence[Sentence],
    options: Options,
    progress: Progress | None = None,
) -> tuple[tuple[AlignedGroup, ...], tuple[int, ...], tuple[int, ...]]:
    """Align the body sentences of two sources.

    Returns the groups (without word diffs), and the body sentences of A and of B left unmatched.
    Headlines take part (outlets' headlines often match each other's or the other's lead) but are
    never reported as "only"; boilerplate is never aligned.
    """
    ua = [_unit(s, k) for k, s in enumerate(_alignable(a))]
    ub = [_unit(s, k) for k, s in enumerate(_alignable(b))]
    body_a = [u for u in ua if not u.headline]
    body_b = [u for u in ub if not u.headline]
    if not body_a or not body_b:
        return (), tuple(u.index for u in body_a), tuple(u.index for u in body_b)

    idf = _idf(ua, ub)
    pairs = _score_pairs(ua, ub, idf, progress)
    pairs = _add_context(pairs)
    groups = _choose(pairs, ua, ub, options)

    linked_a = {i for g in groups for i in g[0]}
    linked_b = {j for g in groups for j in g[1]}
    out: list[AlignedGroup] = []
    for ga, gb, score, kind in groups:
        out.append(
            AlignedGroup(
                a=tuple(ua[i].index for i in sorted(ga)),
                b=tuple(ub[j].index for j in sorted(gb)),
                score=round(min(1.0, max(0.0, score)), 4),
                kind=kind,
            )
        )
    out.sort(key=lambda g: (g.a[0], g.b[0]))
    only_a = tuple(u.index for k, u in enumerate(ua) if k not in linked_a and not u.headline)
    only_b = tuple(u.index for k, u in enumerate(ub) if k not in linked_b and not u.headline)
    return tuple(out), only_a, only_b


def _alignable(sentences: Sequence[Sentence]) -> list[Sentence]:
    return [s for s in sentences if s.role is not Role.BOILERPLATE]


def _idf(ua: Sequence[_Unit], ub: Sequence[_Unit]) -> dict[str, float]:
    df: dict[str, int] = defaultdict(int)
    for u in (*ua, *ub):
        for t in u.terms:
            df[t] += 1
    n = len(ua) + len(ub)
    return {t: math.log(1 + n / d) * (BIGRAM_WEIGHT if "_" in t else 1.0) for t, d in df.items()}


def _weight(ts: Iterable[str], idf: dict[str, float]) -> float:
    return sum(idf[t] for t in ts)


def _candidates(ua: Sequence[_Unit], ub: Sequence[_Unit]) -> Iterable[tuple[int, int]]:
    """Pairs worth scoring: all of them for short inputs, else those sharing a rare term."""
    if len(ua) * len(ub) <= FULL_MATRIX_LIMIT:
        for i in range(len(ua)):
            for j in range(len(ub)):
                if ua[i].terms & ub[j].terms:
                    yield i, j
        return
    postings_b: dict[str, list[int]] = defaultdict(list)
    for j, u in enumerate(ub):
        for t in u.terms:
            postings_b[t].append(j)
    df_a: dict[str, int] = defaultdict(int)
    for u in ua:
        for t in u.terms:
            df_a[t] += 1
    for i, u in enumerate(ua):
        seen: set[int] = set()
        for t in u.terms:
            post = postings_b.get(t)
            if post is None or len(post) > CANDIDATE_DF_CAP or df_a[t] > CANDIDATE_DF_CAP:
                continue
            seen.update(post)
        for j in sorted(seen):
            yield i, j


def _score_pairs(
    ua: Sequence[_Unit], ub: Sequence[_Unit], idf: dict[str, float], progress: Progress | None
) -> dict[tuple[int, int], _Pair]:
    from rapidfuzz import fuzz

    wa = [_weight(u.terms, idf) for u in ua]
    wb = [_weight(u.terms, idf) for u in ub]
    pairs: dict[tuple[int, int], _Pair] = {}
    total = len(ua)
    step = max(1, total // 100)
    last_i = -1
    for i, j in _candidates(ua, ub):
        if progress is not None and i != last_i and i % step == 0:
            progress(i, total)
        last_i = i
        shared = ua[i].terms & ub[j].terms
        s = _weight(shared, idf)
        if s < MIN_SHARED_WEIGHT or len(shared) < 2:
            continue
        if W_ANCHOR:
            anchored = shared & ua[i].anchors & ub[j].anchors
            s += W_ANCHOR * _weight(anchored, idf)
        cover_a, cover_b = min(1.0, s / wa[i]), min(1.0, s / wb[j])
        contain = max(cover_a, cover_b)
        dice = min(1.0, 2 * s / (wa[i] + wb[j]))
        lexical = W_CONTAIN * contain + W_DICE * dice
        fz = fuzz.token_set_ratio(ua[i].norm, ub[j].norm) / 100.0
        score = (lexical + W_FUZZ * fz) / (W_CONTAIN + W_DICE + W_FUZZ)
        if W_CLAUSE:
            score = max(score, W_CLAUSE * _clause_score(ua[i], ub[j], idf))
        pairs[(i, j)] = _Pair(i, j, score, cover_a, cover_b)
    if progress is not None:
        progress(total, total)
    return pairs


def _clause_score(x: _Unit, y: _Unit, idf: dict[str, float]) -> float:
    """Best Dice overlap between a clause of one sentence and a clause (or the whole) of the other."""
    best = 0.0
    for ca in x.clauses or (x.terms,):
        wa = _weight(ca, idf)
        for cb in y.clauses or (y.terms,):
            shared = ca & cb
            if len(shared) < 3:
                continue
            sw = _weight(shared, idf)
            strength = min(1.0, sw / CLAUSE_MIN_WEIGHT)
            best = max(best, strength * 2 * sw / (wa + _weight(cb, idf)))
    return best


def _add_context(pairs: dict[tuple[int, int], _Pair]) -> dict[tuple[int, int], _Pair]:
    """Raise a pair's score by the support of its diagonal neighbours (stories move in blocks)."""
    out: dict[tuple[int, int], _Pair] = {}
    for (i, j), p in pairs.items():
        nb = [pairs.get((i + d, j + e)) for d, e in ((-1, -1), (1, 1))]
        support = max((q.score for q in nb if q is not None), default=0.0)
        score = (p.score + W_CONTEXT * support) / (1 + W_CONTEXT * (support > 0))
        out[(i, j)] = _Pair(i, j, max(p.score, score), p.cover_a, p.cover_b)
    return out


def _choose(
    pairs: dict[tuple[int, int], _Pair],
    ua: Sequence[_Unit],
    ub: Sequence[_Unit],
    options: Options,
) -> list[tuple[set[int], set[int], float, GroupKind]]:
    """Pick links strongest first; grow groups as stars or fully supported blocks."""
    best_a: dict[int, float] = defaultdict(float)
    best_b: dict[int, float] = defaultdict(float)
    for p in pairs.values():
        best_a[p.i] = max(best_a[p.i], p.score)
        best_b[p.j] = max(best_b[p.j], p.score)
    kept = [
        p
        for p in pairs.values()
        if p.score >= options.min_score
        and (
            (p.score >= NEAR_BEST * best_a[p.i] and p.score >= NEAR_BEST * best_b[p.j])
            if MUTUAL
            else (p.score >= NEAR_BEST * best_a[p.i] or p.score >= NEAR_BEST * best_b[p.j])
        )
    ]
    kept.sort(key=lambda p: (-p.score, p.i, p.j))

    group_of_a: dict[int, int] = {}
    group_of_b: dict[int, int] = {}
    groups: list[tuple[set[int], set[int], list[_Pair]]] = []
    for p in kept:
        ga, gb = group_of_a.get(p.i), group_of_b.get(p.j)
        if ga is None and gb is None:
            group_of_a[p.i] = group_of_b[p.j] = len(groups)
            groups.append(({p.i}, {p.j}, [p]))
        elif ga is not None and gb is None:
            sa, sb, links = groups[ga]
            if p.score >= EXTEND_MIN and len(sb) < options.max_group and _fits(p.j, sa, pairs, options, side="b"):
                sb.add(p.j)
                links.append(p)
                group_of_b[p.j] = ga
        elif gb is not None and ga is None:
            sa, sb, links = groups[gb]
            if p.score >= EXTEND_MIN and len(sa) < options.max_group and _fits(p.i, sb, pairs, options, side="a"):
                sa.add(p.i)
                links.append(p)
                group_of_a[p.i] = gb
    out: list[tuple[set[int], set[int], float, GroupKind]] = []
    for sa, sb, links in groups:
        score = max(q.score for q in links)
        top = max(links, key=lambda q: q.score)
        balanced = len(sa) == len(sb) == 1 and min(top.cover_a, top.cover_b) >= 0.6
        kind = GroupKind.SAME if score >= options.same_score and balanced else GroupKind.PARTIAL
        out.append((sa, sb, score, kind))
    return out


def _fits(
    new: int, others: set[int], pairs: dict[tuple[int, int], _Pair], options: Options, side: str
) -> bool:
    """A sentence may join a group only if it credibly matches every sentence on the other side."""
    for o in others:
        key = (o, new) if side == "b" else (new, o)
        p = pairs.get(key)
        if p is None or p.score < options.min_score:
            return False
    return True
