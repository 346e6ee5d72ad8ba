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
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import pairwise

from . import lang
from .model import AlignedGroup, GroupKind, Options, Role, Sentence
from .worddiff import fold

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while long comparisons run."""

STOPWORDS = lang.words("stopwords") | frozenset(
    # Reporting verbs and personal titles: in news every other sentence carries one.
    ("said", "says", "say", "saying", "told", "tell", "according", "mr", "mrs", "ms", "dr")
)

_TERM = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
_DIGIT_GROUP = re.compile(r"(?<=\d),(?=\d{3}\b)")


@lru_cache(maxsize=1 << 16)
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
    return _analyse(text)[0]


def _words(low: str) -> list[tuple[int, str]]:
    """(offset, stemmed word) for each content word of an already folded, lower-cased text."""
    out: list[tuple[int, str]] = []
    for m in _TERM.finditer(low):
        word = m.group()
        if "'" in word:
            word = word.split("'")[0]
        word = word.rstrip(".")
        if "." in word and not any(ch.isdigit() for ch in word):
            word = word.replace(".", "")  # U.S. -> us, F.E.C. -> fec
        if not word or word in STOPWORDS or (len(word) == 1 and not word.isdigit()):
            continue
        out.append((m.start(), _stem(word)))
    return out


def _with_bigrams(words: list[str]) -> frozenset[str]:
    return frozenset((*words, *(f"{x}_{y}" for x, y in pairwise(words))))


def _analyse(
    text: str,
) -> tuple[frozenset[str], tuple[frozenset[str], ...], frozenset[str], frozenset[str]]:
    """A sentence's terms, the terms of each of its clauses, its anchor terms and its quoted terms."""
    flat = _DIGIT_GROUP.sub("", fold(text))
    words = _words(flat.lower())
    whole = _with_bigrams([w for _, w in words])
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(flat)]
    by_clause: dict[int, list[str]] = defaultdict(list)
    for start, w in words:
        by_clause[bisect_right(breaks, start)].append(w)
    clauses = tuple(_with_bigrams(ws) for ws in by_clause.values() if len(ws) >= 2)
    anchors = _inside(words, _ANCHOR.finditer(flat))
    quoted = _inside(words, _QUOTED.finditer(flat))
    return whole, clauses if len(clauses) > 1 else (), anchors, quoted


def _inside(words: list[tuple[int, str]], matches: Iterable[re.Match[str]]) -> frozenset[str]:
    """The words whose start lies inside one of the (non-overlapping, ordered) matches."""
    spans = [(m.start(), m.end()) for m in matches]
    found: set[str] = set()
    k = 0
    for start, w in words:
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        if k < len(spans) and spans[k][0] <= start:
            found.add(w)
    return frozenset(found)


def normalise(text: str) -> str:
    """Text for character-level fuzzy matching: folded, lower case, hyphens and punctuation removed."""
    flat = fold(text).lower()
    flat = re.sub(r"(?<=\w)-(?=\w)", "", flat)
    return " ".join(re.findall(r"\w+", flat))


class _Unit:
    """A sentence (body or headline) prepared for matching.

    The records of this module are plain classes with ``__slots__``, not dataclasses: the module
    is imported on every run, and a dataclass compiles its generated methods at import.
    """

    __slots__ = ("anchors", "clauses", "headline", "index", "norm", "quoted", "terms")

    def __init__(
        self,
        index: int,
        terms: frozenset[str],
        norm: str,
        clauses: tuple[frozenset[str], ...],
        anchors: frozenset[str],
        quoted: frozenset[str],
        headline: bool,
    ) -> None:
        self.index = index
        """Index of the sentence in its source."""
        self.terms = terms
        self.norm = norm
        self.clauses = clauses
        """Term sets of the sentence's clauses, for links that share one clause of a long sentence."""
        self.anchors = anchors
        """Names (capitalised inside the sentence) and figures: strong evidence when shared."""
        self.quoted = quoted
        """Terms inside quote marks: both sources quoting a word is evidence of one utterance."""
        self.headline = headline


_CLAUSE_BREAK = re.compile(
    r"[,;:](?=\s)|[()\[\]\u2014\u2013\"\u201c\u201d]|\s--?\s|\b(?:and|but|while|which|who|after|before|because|when)\b"
)


def _unit(s: Sentence) -> _Unit:
    whole, clauses, anchors, quoted = _analyse(s.text)
    return _Unit(
        index=s.index,
        terms=whole,
        norm=normalise(s.text),
        clauses=clauses,
        anchors=anchors,
        quoted=quoted,
        headline=s.role is Role.HEADLINE,
    )


_QUOTED = re.compile(r'"[^"]{1,400}"')
"""A quoted span in folded text, where every double quote glyph is straight."""
_ANCHOR = re.compile(r"(?<=[\w,;:—–] )[A-Z][\w'’.-]*|\$?\d[\d,.]*")


class _Pair:
    __slots__ = ("cover_a", "cover_b", "i", "j", "score")

    def __init__(self, i: int, j: int, score: float, cover_a: float, cover_b: float) -> None:
        self.i = i
        self.j = j
        self.score = score
        self.cover_a = cover_a
        self.cover_b = cover_b


# Weights of the score components. They were chosen on the development sets and checked on
# news-ecb and aesop-gnat (benchmarks/quality.py prints all three), to which they generalise.
W_CONTAIN = 0.45
"""Overlap relative to the smaller sentence: a short sentence repeating part of a long one."""
W_DICE = 0.30
"""Overlap relative to both sentences: like-sized matches."""
W_FUZZ = 0.25
"""rapidfuzz token_set_ratio of the normalised texts: wording, not just shared terms."""
W_ANCHOR = 0.3
"""Extra weight of a shared name or figure, relative to its IDF weight."""
W_QUOTED = 1.0
"""Extra weight of a word both sources put inside quote marks."""
BIGRAM_WEIGHT = 0.5
"""Weight of a shared pair of neighbouring terms relative to a shared single term."""
W_CLAUSE = 0.6
"""Ceiling of the clause-level score: one shared clause is evidence, not proof, of a link."""
CLAUSE_MIN_WEIGHT = 5.0
"""Shared weight a clause match needs to count in full; a shared name alone is not enough."""
W_CONTEXT = 0.15
"""Pull of the best diagonal neighbour pair on a pair's score."""
NEAR_BEST = 0.5
"""A link must score at least this share of the best score of each of its two sentences."""
MIN_SHARED_WEIGHT = 2.2
"""Shared IDF weight below which two sentences have too little in common to be linked at all."""
RELATED_MIN_COVERAGE = 0.09
"""Summed link score per sentence of the shorter input below which the inputs are unrelated."""
CANDIDATE_DF_CAP = 30
"""On long inputs, terms in more sentences than this (on either side) add nothing to a pair."""
FULL_MATRIX_LIMIT = 250_000
"""Up to this many sentence pairs, every shared term counts; above it the common ones are skipped."""
FULL_WORK_LIMIT = 1_000_000
"""Shared-term counts (sentence pairs times terms they share) above which, too, the common terms
are skipped. Articles stay far below (the dev pairs need under 1,000); long sentences that repeat
the same words (text without full stops cut into 150-word pieces) reach millions before
:data:`FULL_MATRIX_LIMIT` pairs."""


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
    ua = [_unit(s) for s in _alignable(a)]
    ub = [_unit(s) for s in _alignable(b)]
    if not any(not u.headline for u in ua) or not any(not u.headline for u in ub):
        return (), tuple(u.index for u in ua if not u.headline), tuple(u.index for u in ub if not u.headline)

    idf = _idf(ua, ub)
    pairs = _score_pairs(ua, ub, idf, progress)
    pairs = _add_context(pairs)
    headlines = ({k for k, u in enumerate(ua) if u.headline}, {k for k, u in enumerate(ub) if u.headline})
    groups = _choose(pairs, options, headlines)
    if not _related(groups, ua, ub):
        groups = []

    linked_a = {i for g in groups for i in g[0]}
    linked_b = {j for g in groups for j in g[1]}
    out = [
        AlignedGroup(
            a=tuple(ua[i].index for i in sorted(ga)),
            b=tuple(ub[j].index for j in sorted(gb)),
            score=round(min(1.0, max(0.0, score)), 4),
            kind=kind,
        )
        for ga, gb, score, kind in groups
    ]
    out.sort(key=lambda g: (g.a[0], g.b[0]))
    only_a = tuple(u.index for k, u in enumerate(ua) if k not in linked_a and not u.headline)
    only_b = tuple(u.index for k, u in enumerate(ub) if k not in linked_b and not u.headline)
    return tuple(out), only_a, only_b


def _related(
    groups: list[tuple[set[int], set[int], float, GroupKind]], ua: Sequence[_Unit], ub: Sequence[_Unit]
) -> bool:
    """Whether the links found add up to two reports of one story, rather than chance overlaps.

    Two unrelated articles still share a few phrases ("in prison", "on Friday"), so a handful of
    weak links appears between any two news texts. Summed link scores per sentence of the shorter
    document separate the cases well (measured: unrelated pairs at most 0.06, related ones from
    0.14).
    """
    if not groups:
        return False
    n = min(sum(1 for u in ua if not u.headline), sum(1 for u in ub if not u.headline))
    coverage = sum(g[2] for g in groups) / max(1, n)
    return coverage >= RELATED_MIN_COVERAGE


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


def _score_pairs(
    ua: Sequence[_Unit], ub: Sequence[_Unit], idf: dict[str, float], progress: Progress | None
) -> dict[tuple[int, int], _Pair]:
    """Score every pair that shares enough weighted terms, found through an inverted index.

    The shared weight of all pairs is accumulated term by term over the postings, which touches
    only pairs that share something; on long inputs terms common on either side are skipped, so
    the work stays close to linear in the input.
    """
    from rapidfuzz import fuzz

    wa = [_weight(u.terms, idf) for u in ua]
    wb = [_weight(u.terms, idf) for u in ub]
    clauses_a = [_weighed_clauses(u, idf) for u in ua]
    clauses_b = [_weighed_clauses(u, idf) for u in ub]
    postings: dict[str, list[int]] = defaultdict(list)
    for j, u in enumerate(ub):
        for t in u.terms:
            postings[t].append(j)
    df_a: dict[str, int] = defaultdict(int)
    for u in ua:
        for t in u.terms:
            df_a[t] += 1
    cap = None
    if (
        len(ua) * len(ub) > FULL_MATRIX_LIMIT
        or sum(len(p) * df_a[t] for t, p in postings.items()) > FULL_WORK_LIMIT
    ):
        cap = CANDIDATE_DF_CAP
        postings = {t: p for t, p in postings.items() if len(p) <= cap and df_a[t] <= cap}

    # Sentences equal once normalised are a pair whatever their length: "The bridge closed." has
    # too few terms to reach MIN_SHARED_WEIGHT, but the same sentence twice is shared content.
    identical: dict[str, list[int]] = defaultdict(list)
    for j, v in enumerate(ub):
        if v.norm:
            identical[v.norm].append(j)
    # A sentence repeated many times on both sides ("Thank you." in two hearing transcripts) would
    # make every copy a pair with every other; on long inputs the k-th copy in A is paired with
    # the k-th in B only, which keeps the work linear and the order.
    repeated: set[str] = set()
    if cap is not None:
        copies_a = Counter(u.norm for u in ua if u.norm in identical)
        repeated = {norm for norm, js in identical.items() if len(js) > cap or copies_a[norm] > cap}
    seen_a: dict[str, int] = defaultdict(int)

    pairs: dict[tuple[int, int], _Pair] = {}
    step = max(1, len(ua) // 100)
    for i, u in enumerate(ua):
        if progress is not None and i % step == 0:
            progress(i, len(ua))
        shared_w: dict[int, float] = defaultdict(float)
        shared_n: dict[int, int] = defaultdict(int)
        for t in u.terms:
            post = postings.get(t)
            if post is None:
                continue
            w = idf[t]
            for j in post:
                shared_w[j] += w
                shared_n[j] += 1
        same: Sequence[int] = identical.get(u.norm, ())
        if u.norm in repeated:
            k = seen_a[u.norm]
            seen_a[u.norm] += 1
            same = same[k : k + 1]
        for j in same:
            pairs[(i, j)] = _Pair(i, j, 1.0, 1.0, 1.0)
        for j, s in shared_w.items():
            if s < MIN_SHARED_WEIGHT or shared_n[j] < 2 or (i, j) in pairs:
                continue
            v = ub[j]
            s += W_ANCHOR * _weight(u.anchors & v.anchors, idf) + W_QUOTED * _weight(u.quoted & v.quoted, idf)
            cover_a, cover_b = min(1.0, s / wa[i]), min(1.0, s / wb[j])
            dice = min(1.0, 2 * s / (wa[i] + wb[j]))
            fz = fuzz.token_set_ratio(u.norm, v.norm) / 100.0
            score = (W_CONTAIN * max(cover_a, cover_b) + W_DICE * dice + W_FUZZ * fz) / (
                W_CONTAIN + W_DICE + W_FUZZ
            )
            if score < W_CLAUSE and shared_n[j] >= 3 and clauses_a[i] and clauses_b[j]:
                score = max(score, W_CLAUSE * _clause_score(clauses_a[i], clauses_b[j], idf))
            pairs[(i, j)] = _Pair(i, j, score, cover_a, cover_b)
    if progress is not None:
        progress(len(ua), len(ua))
    return pairs


MAX_CLAUSES = 16
"""Most clauses of one sentence compared with the other's (news sentences have at most 13)."""


def _weighed_clauses(u: _Unit, idf: dict[str, float]) -> list[tuple[frozenset[str], float]]:
    """The clauses that can count in :func:`_clause_score` (three terms or more) with their weights,
    the heaviest :data:`MAX_CLAUSES` of them: every clause is compared with every clause of the
    other sentence, so a piece of text without full stops (150 words, dozens of commas) would
    otherwise cost thousands of comparisons per pair."""
    clauses = [(c, _weight(c, idf)) for c in u.clauses if len(c) >= 3]
    if len(clauses) > MAX_CLAUSES:
        clauses = sorted(clauses, key=lambda cw: -cw[1])[:MAX_CLAUSES]
    return clauses


def _clause_score(
    ca: list[tuple[frozenset[str], float]], cb: list[tuple[frozenset[str], float]], idf: dict[str, float]
) -> float:
    """Best Dice overlap between a clause of one sentence and a clause of the other."""
    best = 0.0
    for xa, wa in ca:
        for xb, wb in cb:
            shared = xa & xb
            if len(shared) < 3:
                continue
            sw = _weight(shared, idf)
            strength = min(1.0, sw / CLAUSE_MIN_WEIGHT)
            best = max(best, strength * 2 * sw / (wa + wb))
    return best


def _add_context(pairs: dict[tuple[int, int], _Pair]) -> dict[tuple[int, int], _Pair]:
    """Raise a pair's score by the support of its diagonal neighbours (stories move in blocks)."""
    out: dict[tuple[int, int], _Pair] = {}
    for (i, j), p in pairs.items():
        before, after = pairs.get((i - 1, j - 1)), pairs.get((i + 1, j + 1))
        support = max(before.score if before else 0.0, after.score if after else 0.0)
        if support > 0:
            score = max(p.score, (p.score + W_CONTEXT * support) / (1 + W_CONTEXT))
            p = _Pair(i, j, score, p.cover_a, p.cover_b)
        out[(i, j)] = p
    return out


def _choose(
    pairs: dict[tuple[int, int], _Pair],
    options: Options,
    headlines: tuple[set[int], set[int]] = (set(), set()),
) -> list[tuple[set[int], set[int], float, GroupKind]]:
    """Pick links strongest first; grow groups as stars or fully supported blocks.

    A pair is a link candidate when it reaches ``min_score`` and is near the best pair of both its
    sentences; candidates are then taken in descending score over the whole matrix (a global
    order, not sentence by sentence), each joining or founding a group while group sizes and
    shapes allow. The best score of a body sentence, which sets that bar, counts only body
    partners: a headline that resembles a lead sentence must not hide the lead's real partner.
    """
    best_a: dict[int, float] = defaultdict(float)
    best_b: dict[int, float] = defaultdict(float)
    for p in pairs.values():
        if p.j not in headlines[1]:
            best_a[p.i] = max(best_a[p.i], p.score)
        if p.i not in headlines[0]:
            best_b[p.j] = max(best_b[p.j], p.score)
    kept = [
        p
        for p in pairs.values()
        if p.score >= options.min_score
        and p.score >= NEAR_BEST * best_a[p.i]
        and p.score >= NEAR_BEST * best_b[p.j]
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
            if len(sb) < options.max_group and _fits(p.j, sa, pairs, options, side="b"):
                sb.add(p.j)
                links.append(p)
                group_of_b[p.j] = ga
        elif gb is not None and ga is None:
            sa, sb, links = groups[gb]
            if len(sa) < options.max_group and _fits(p.i, sb, pairs, options, side="a"):
                sa.add(p.i)
                links.append(p)
                group_of_a[p.i] = gb
    out: list[tuple[set[int], set[int], float, GroupKind]] = []
    for sa, sb, links in groups:
        top = max(links, key=lambda q: q.score)
        score = top.score
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
