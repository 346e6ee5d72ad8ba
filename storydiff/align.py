"""Order-free sentence alignment between two reports of one story.

News outlets reorder a story, split and merge sentences and paraphrase, so a line diff or any
monotonic alignment is wrong. Each sentence becomes a set of content terms weighted by how rare
they are across both documents (IDF), so that names, figures and quoted words, which are shared
by few sentences, anchor a link, while words every sentence uses do not. Terms are normalised
consistently: folded, mapped through the ``equivalents`` list (U.S./US/United States, % and
percent, number words), stop words dropped, lightly stemmed (plural and singular meet), and
paired with their neighbours (bigrams). A pair's score is a logistic combination of named
signals (:data:`SIGNALS`, weights fitted on the tune half of the development sets):

* containment (overlap relative to the smaller sentence) and coverage of the larger one,
* rapidfuzz's ``token_set_ratio`` on normalised text,
* the best clause of either sentence found in the other (a fact stated in a side clause),
* shared word families (morphological keys: "identified", "identity"),
* optionally, a sentence-embedding similarity (:mod:`storydiff.semantic`, ``Options.semantic``),
  computed only for the candidate pairs the lexical index proposes,

raised by the support of diagonal neighbours (stories move in blocks).

Links are then chosen globally: pairs quoting one utterance first, then all others strongest
first, each near the best of both its sentences (or the best of both: competitive linking).
Groups are many-to-many but disjoint (a sentence sits in one group per side): a link whose
sentences already sit in two groups merges them when every cross pair is itself a link, and a
sentence joins a group only if it has evidence with every sentence on the other side, so the
cross product of a group never claims a link nobody scored. With the semantic signal, a pair
strong enough on its own that the disjoint groups left out is added as a one-to-one group of
its own (:data:`SEMANTIC_OVERLAP_MIN`), so there a sentence may sit in two groups. Each group
carries its explanation (:class:`~storydiff.model.Why`). A relatedness gate drops every link
between reports of different events.

Long inputs never score every pair: candidates come from an inverted index of rare terms, which
keeps the work close to linear in the input.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, MutableMapping, Sequence
from functools import lru_cache
from itertools import pairwise
from operator import mul

from . import lang
from .model import AlignedGroup, GroupKind, Options, Role, Sentence, Why
from .worddiff import fold

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while long comparisons run."""

STOPWORDS = lang.words("stopwords") | frozenset(
    # Reporting verbs and personal titles: in news every other sentence carries one.
    ("said", "says", "say", "saying", "told", "tell", "according", "mr", "mrs", "ms", "dr")
)

_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
)
"""Combining marks written inside words: accents left decomposed, Hebrew points, Arabic vowel
signs. They belong to the word (``\\w`` alone would cut the word at each of them) and are
dropped from its term, so that a pointed and an unpointed spelling meet."""
_TERM = re.compile(rf"[\w{_MARKS}]+(?:[.'][\w{_MARKS}]+)*\.?|%")
"""A word of any script: letters and digits (with inner dots and apostrophes: U.S., don't), or %.
The underscore that ``\\w`` lets in is dropped from the term (it marks bigrams); a class with it
is a third faster than one without it, and this pattern runs over every character compared."""
_MARK = re.compile(rf"[{_MARKS}\u0640_]")
"""Marks, the Arabic stretching letter (tatweel) and the underscore, dropped from a term."""
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
)
"""Runs of scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao,
Khmer, Burmese): such a run is one long \"word\" to :data:`_TERM`, so its terms are its
overlapping character pairs (a single character alone is its own term)."""
LATIN_END = "\u0250"
"""Words whose every letter lies below this code point (Latin with its accents) are stemmed; the
English suffix rules mean nothing in other scripts."""
_DIGIT_GROUP = re.compile(r"(?<=\d),(?=\d{3}\b)")
_INITIALISM = re.compile(r"(?:[a-z]\.){2,}", re.IGNORECASE)
"""Dotted initialisms ("U.S.", "F.B.I."): never the stop word their letters may spell."""


def _equivalents() -> tuple[dict[str, str], dict[tuple[str, ...], str], int]:
    """The equivalents list split into single words and phrases (as word tuples), longest phrase."""
    table = lang.mapping("equivalents")
    single = {k: v for k, v in table.items() if " " not in k}
    phrases = {tuple(k.split()): v for k, v in table.items() if " " in k}
    return single, phrases, max((len(k) for k in phrases), default=1)


_SINGLE, _PHRASES, _LONGEST_PHRASE = _equivalents()
_PHRASE_STARTS = frozenset(k[0] for k in _PHRASES)


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A deliberately light stemmer: plurals, -ed/-ing/-ly and a final -e, applied in that order,
    so that "charges", "charged", "charging" and "charge" all meet at "charg", and "iphones"
    and "iphone" at "iphon"."""
    if word[0].isdigit() or len(word) <= 3 or max(word) >= LATIN_END:
        return word
    for suffix, keep in (
        ("ies", "y"),
        ("ied", "y"),
        ("sses", "ss"),
        ("ing", ""),
        ("edly", ""),
        ("ed", ""),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + keep
    if word.endswith("es") and word[-3] in "sxz" and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("e") and len(word) > 4:
        return word[:-1]
    return word


def terms(text: str) -> frozenset[str]:
    """The content terms of a text, and its pairs of neighbouring content terms.

    Unigrams are words of any script, folded, lower-cased, mapped through the equivalents list
    (``U.S.``, ``US`` and ``United States`` are one term; ``%`` and ``percent`` too), stop words
    dropped and (Latin words only) lightly stemmed; a run of Chinese, Japanese or Thai, written
    without spaces, gives its overlapping character pairs. The pairs of neighbouring terms
    ("bigrams", written ``a_b``) let a shared phrase count for more than the same words scattered.
    """
    return _analyse(text).terms


def _words(flat: str) -> list[tuple[int, str]]:
    """(offset, stemmed word) for each content word of an already folded text."""
    raw: list[tuple[int, str, bool]] = []  # offset, lower-cased word, kept whatever it is
    for m in _TERM.finditer(flat):
        word = m.group()
        if not word.isascii():
            if _UNSPACED.search(word):
                raw.extend(_unspaced_terms(m.start(), word))
                continue
            word = _MARK.sub("", word)
        raw.append((m.start(), *_word_form(word)))
    out: list[tuple[int, str]] = []
    k = 0
    n_raw = len(raw)
    while k < n_raw:
        start, word, keep = raw[k]
        if word in _PHRASE_STARTS:
            canonical = None
            for n in range(min(_LONGEST_PHRASE, n_raw - k), 1, -1):
                canonical = _PHRASES.get(tuple(w for _, w, _ in raw[k : k + n]))
                if canonical is not None:
                    out.append((start, canonical))
                    k += n
                    break
            if canonical is not None:
                continue
        k += 1
        if not word or (not keep and (word in STOPWORDS or (len(word) == 1 and not word.isdigit()))):
            continue
        out.append((start, _stem(_SINGLE.get(word, word))))
    return out


@lru_cache(maxsize=1 << 16)
def _word_form(word: str) -> tuple[str, bool]:
    """A word as written (marks already dropped) -> its lower-cased form, and whether it is a dotted
    initialism (kept whatever it spells). Cached: a text repeats its words."""
    if "_" in word:
        word = word.replace("_", "")
    initialism = False
    if "." in word:
        initialism = bool(_INITIALISM.fullmatch(word))
        word = word.rstrip(".")
        if "." in word and not any(ch.isdigit() for ch in word):
            word = word.replace(".", "")  # U.S. -> us, F.E.C. -> fec
    elif word == "US":
        initialism = True
    word = word.lower()
    if "'" in word:
        word = word.split("'")[0]
    return ("pct" if word == "%" else word), initialism


def _unspaced_terms(start: int, word: str) -> Iterable[tuple[int, str, bool]]:
    """The terms of a word holding runs of a script written without spaces: each run gives its
    overlapping character pairs (or its one character), every other part is a word of its own."""
    at = 0
    for m in _UNSPACED.finditer(word):
        if m.start() > at:
            yield start + at, _MARK.sub("", word[at : m.start()]).lower().strip(".'"), False
        run = m.group()
        if len(run) == 1:
            yield start + m.start(), run, True
        for k in range(len(run) - 1):
            yield start + m.start() + k, run[k : k + 2], True
        at = m.end()
    if at < len(word):
        yield start + at, _MARK.sub("", word[at:]).lower().strip(".'"), False


def _with_bigrams(words: list[str]) -> frozenset[str]:
    return frozenset((*words, *(f"{x}_{y}" for x, y in pairwise(words))))


def _morph(words: Iterable[str]) -> frozenset[str]:
    """Morphological keys: the first letters of each long word, so that "identified", "identity"
    and "identify", or "apology" and "apologized", share a key the stemmer does not give them."""
    return frozenset("~" + w[:MORPH_PREFIX] for w in words if len(w) > MORPH_PREFIX and w.isalpha())


class _Analysis:
    __slots__ = ("anchors", "clause_spans", "clauses", "morph", "quoted", "source", "terms")

    def __init__(
        self,
        terms: frozenset[str],
        clauses: tuple[frozenset[str], ...],
        clause_spans: tuple[tuple[int, int], ...],
        anchors: frozenset[str],
        quoted: frozenset[str],
        morph: frozenset[str],
        source: tuple[str, list[tuple[int, str]]],
    ) -> None:
        self.terms = terms
        self.clauses = clauses
        self.clause_spans = clause_spans
        self.anchors = anchors
        self.quoted = quoted
        self.morph = morph
        self.source = source
        """The folded text and its (offset, term) words, to show terms as written (explanations)."""


def _analyse(text: str, folded: str | None = None) -> _Analysis:
    """A sentence's terms, the terms (and text) of each of its clauses, its anchor terms, its quoted
    terms, its morphological keys, and its folded text and words (for explanations). ``folded`` is
    ``fold(text)`` when the caller has it already."""
    flat = _DIGIT_GROUP.sub("", fold(text) if folded is None else folded)
    words = _words(flat)
    stems = [w for _, w in words]
    whole = _with_bigrams(stems)
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(flat)]
    by_clause: dict[int, list[str]] = defaultdict(list)
    for start, w in words:
        by_clause[bisect_right(breaks, start)].append(w)
    bounds = [0, *breaks, len(flat)]
    kept = [(k, ws) for k, ws in by_clause.items() if len(ws) >= 2]
    clauses = tuple(_with_bigrams(ws) for _, ws in kept)
    clause_spans = tuple((bounds[k], bounds[k + 1]) for k, _ in kept)
    anchors = _inside(words, _ANCHOR.finditer(flat))
    quoted = _inside(words, _QUOTED.finditer(flat))
    if len(clauses) <= 1:
        clauses, clause_spans = (), ()
    return _Analysis(whole, clauses, clause_spans, anchors, quoted, _morph(stems), (flat, words))


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


def normalise(text: str, folded: str | None = None) -> str:
    """Text for character-level fuzzy matching: folded, lower case, hyphens and punctuation removed.
    ``folded`` is ``fold(text)`` when the caller has it already."""
    flat = (fold(text) if folded is None else folded).lower()
    flat = re.sub(r"(?<=\w)-(?=\w)", "", flat)
    return " ".join(re.findall(r"\w+", flat))


class _Unit:
    """A sentence (body or headline) prepared for matching.

    The records of this module are plain classes with ``__slots__``, not dataclasses: the module
    is imported on every run, and a dataclass compiles its generated methods at import.
    """

    __slots__ = (
        "anchors",
        "clause_spans",
        "clauses",
        "headline",
        "index",
        "morph",
        "norm",
        "quoted",
        "source",
        "terms",
        "text",
    )

    def __init__(
        self, index: int, text: str, analysis: _Analysis, headline: bool, norm: str | None = None
    ) -> None:
        self.index = index
        """Index of the sentence in its source."""
        self.text = text
        self.terms = analysis.terms
        self.norm = normalise(text) if norm is None else norm
        self.clauses = analysis.clauses
        """Term sets of the sentence's clauses, for links that share one clause of a long sentence."""
        self.clause_spans = analysis.clause_spans
        self.anchors = analysis.anchors
        """Names (capitalised inside the sentence) and figures: strong evidence when shared."""
        self.quoted = analysis.quoted
        """Terms inside quote marks: both sources quoting a word is evidence of one utterance."""
        self.morph = analysis.morph
        """Morphological keys (see :func:`_morph`): a weak signal for words of one family."""
        self.source = analysis.source
        self.headline = headline

    def written(self, term: str) -> str | None:
        """The first word of the sentence that gives ``term``, as written (folded)."""
        flat, words = self.source
        for start, w in words:
            if w == term:
                if _UNSPACED.match(flat, start):
                    return w  # a character pair of a text without spaces
                m = _TERM.match(flat, start)
                return m.group().rstrip(".") if m else w
        return None

    def clause_text(self, k: int) -> str:
        """The text of clause ``k`` (folded), without the punctuation around it."""
        start, end = self.clause_spans[k]
        return self.source[0][start:end].strip(' ,;:-"()[]')


_CLAUSE_BREAK = re.compile(
    r"[,;:](?=\s)|[()\[\]\u2014\u2013\"\u201c\u201d]|\s--?\s|\b(?:and|but|while|which|who|after|before|because|when)\b"
)


def _unit(s: Sentence) -> _Unit:
    folded = fold(s.text)  # once for both the terms and the fuzzy-matching text
    return _Unit(
        s.index, s.text, _analyse(s.text, folded), s.role is Role.HEADLINE, normalise(s.text, folded)
    )


Units = MutableMapping[Sentence, _Unit]
"""Sentences already prepared for matching (see :func:`align`'s ``units``), keyed by the sentence.
A unit depends only on its sentence's index, text and role, so two equal sentences (even of two
sources) may share one."""


def _units(sentences: Sequence[Sentence], memo: Units | None) -> list[_Unit]:
    """The alignable sentences prepared for matching, each taken from ``memo`` when it is there and
    put there when it is not. A unit depends on its sentence alone (its index, text and role),
    never on the other document: what depends on both (idf, candidates) is computed per pair."""
    if memo is None:
        return [_unit(s) for s in _alignable(sentences)]
    out = []
    for s in _alignable(sentences):
        u = memo.get(s)
        if u is None:
            u = memo[s] = _unit(s)
        out.append(u)
    return out


_QUOTED = re.compile(r'"[^"]{1,400}"')
"""A quoted span in folded text, where every double quote glyph is straight."""
_ANCHOR = re.compile(r"(?<=[\w,;:—–] )[A-Z][\w'’.-]*|\$?\d[\d,.]*%?")


class _Pair:
    __slots__ = (
        "_names",
        "_signals",
        "_values",
        "clause",
        "cover_a",
        "cover_b",
        "i",
        "identical",
        "j",
        "quoted",
        "score",
    )

    def __init__(
        self,
        i: int,
        j: int,
        score: float,
        cover_a: float,
        cover_b: float,
        signals: tuple[tuple[str, float], ...] = (),
        clause: tuple[int, int] | None = None,
        quoted: bool = False,
        raw: tuple[tuple[str, ...], tuple[float, ...]] | None = None,
    ) -> None:
        self.i = i
        self.j = j
        self.score = score
        self.cover_a = cover_a
        self.cover_b = cover_b
        self._signals: tuple[tuple[str, float], ...] | None = signals if raw is None else None
        self._names, self._values = raw if raw is not None else ((), ())
        self.clause = clause
        """(side, clause index) of the clause that carried the match (side 0 = A), if one did."""
        self.quoted = quoted
        """Whether the quoted words of one sentence are all quoted by the other too: one utterance
        quoted by both (whole or in part), the strongest evidence of a link there is."""
        self.identical = raw is None and bool(signals) and signals[0][0] == "identical"
        """The two sentences are equal once normalised."""

    @property
    def signals(self) -> tuple[tuple[str, float], ...]:
        """The named components of the score with their values (rounded), for the explanation.

        Given as ``raw`` (names and unrounded values), they are rounded the first time they are
        read: only the pairs an explanation shows are ever read, a few of the hundreds of
        thousands scored on long inputs."""
        if self._signals is None:
            self._signals = tuple(zip(self._names, [round(value, 4) for value in self._values]))
        return self._signals


# ---------------------------------------------------------------------------------------------
# Every weight and threshold of the alignment, in one place. The score of a pair is a logistic
# combination of named signals, each in [0, 1]; the coefficients were fitted (maximum likelihood)
# on the TUNE half of the development comparisons only, with required gold links as positives
# and pairs the gold does not link as negatives, then checked on the held-back half, news-ecb and
# aesop-gnat. Thresholds were chosen on the same tune half.
# ---------------------------------------------------------------------------------------------
SIGNALS = ("contain", "cover_min", "fuzz", "clause", "morph")
"""Names of the pair signals, in the order of :data:`COEFFICIENTS`.

* ``contain``: shared IDF weight relative to the *smaller* sentence (a short sentence repeating
  part of a long one), shared names, figures and quoted words counting extra;
* ``cover_min``: the same relative to the larger sentence (like-sized matches);
* ``fuzz``: rapidfuzz ``token_set_ratio`` of the normalised texts (wording, not just terms);
* ``clause``: the best share of one clause of either sentence found in the other sentence,
  scaled by how much weight that is (a fact stated in a side clause);
* ``morph``: shared morphological keys relative to both sentences (word families).

A separate signal for shared names and figures was tried: it added nothing beyond their extra
weight in ``contain`` (its fitted coefficient was slightly negative), so it is not used.
"""
COEFFICIENTS = (7.29, 9.46, 5.15, 1.49, 2.48)
"""Logistic coefficients of :data:`SIGNALS`."""
INTERCEPT = -6.94
"""Logistic intercept: the score of a pair sharing nothing. The fitted value (-7.58) is shifted by
+0.64 so that the default ``min_score`` (0.25) falls where the fitted probability's best
threshold on the tune half lay (0.15); the score is a similarity, not a calibrated probability."""
SEMANTIC_COEFFICIENTS = (8.11, 3.05, 2.25, 0.9, 0.98, 8.93)
"""Logistic coefficients of :data:`SIGNALS` and then ``semantic`` (the optional sentence-embedding
similarity of :mod:`storydiff.semantic`), used when ``Options.semantic`` is on and the extra is
installed; fitted like :data:`COEFFICIENTS`."""
SEMANTIC_INTERCEPT = -7.08
"""Logistic intercept with the semantic signal: fitted -7.47, shifted by +0.39 for the same reason
as :data:`INTERCEPT` (best threshold on the tune half 0.18 in the fitted scale)."""
SEMANTIC_NEAR_BEST = 0.6
""":data:`NEAR_BEST` when the semantic signal is on (its scores crowd less near the top)."""
SEMANTIC_MIN_SHARED = 1.0
"""Shared IDF weight that makes a pair a candidate when the semantic scorer is on (one term
suffices then: the embedding judges paraphrases that share few words)."""
W_ANCHOR = 0.3
"""Extra weight of a shared name or figure, relative to its IDF weight (in ``contain``)."""
W_QUOTED = 1.0
"""Extra weight of a word both sources put inside quote marks (in ``contain``)."""
BIGRAM_WEIGHT = 0.5
"""Weight of a shared pair of neighbouring terms relative to a shared single term."""
MORPH_PREFIX = 5
"""Letters of a long word that make its morphological key."""
MORPH_WEIGHT = 0.5
"""Weight of a shared morphological key relative to a shared term, when finding candidates."""
COVER_SMOOTHING = 3.0
"""IDF weight added to a sentence's own weight when measuring how much of it is shared, so that a
very short sentence ("Tell me who you are, Mr. Etheridge said.") is not wholly "contained" in
any other sentence naming Etheridge."""
CLAUSE_MIN_WORDS = 3
"""Content words a clause needs to be scored on its own."""
CLAUSE_MIN_WEIGHT = 5.0
"""Shared weight a clause match needs to count in full; a shared name alone is not enough."""
W_CONTEXT = 0.15
"""Pull of the best diagonal neighbour pair on a pair's score."""
NEAR_BEST = 0.5
"""A link must score at least this share of the best score of each of its two sentences."""
MUTUAL_BEST_FACTOR = 0.7
"""A pair that is the best of both its sentences (each the other's closest match: competitive
linking) needs only this share of ``min_score``; two short sentences stating one fact in other
words ("Russia denies being the driving force behind the rebellion", "Russia has repeatedly
denied such claims") share little, but nothing else in the other text is closer."""
FIT_FLOOR = 0.1
"""Every cross pair of a group of several sentences a side must score at least this much, so that
the cross product of a group never claims a link with no evidence."""
SEMANTIC_RELATED_MIN = 0.215
""":data:`RELATED_MIN` with the semantic signal, which links more: measured the same way,
different events reach at most 0.20, same-event comparisons at least 0.24."""
NAME_PRIOR = 2.0
"""Names counted as shared, and as named, before the names of two texts are compared (see
:func:`_relatedness`)."""
MERGE_FLOOR = 1.0
"""Share of ``min_score`` every cross pair must reach for two existing groups to merge into one:
merging claims more than adding one sentence, so it needs links, not just some evidence."""
MIN_SHARED_WEIGHT = 2.2
"""Shared IDF weight below which two sentences have too little in common to be linked at all."""
RELATED_MIN = 0.21
"""Relatedness (see :func:`_relatedness`) below which two inputs are taken for reports of different
events and get no alignment. Measured on the 32 development articles (tune and held-back alike:
the gate must hold for every pair): the 465 pairs of articles on different events reach at most
0.19, the 29 same-event comparisons at least 0.24 (name share smoothed by :data:`NAME_PRIOR`);
the bar sits between."""
CANDIDATE_DF_CAP = 30
"""On long inputs, terms in more sentences than this (on either side) add nothing to a pair."""
FULL_MATRIX_LIMIT = 250_000
"""Up to this many sentence pairs, every shared term counts; above it the common ones are skipped."""
FULL_WORK_LIMIT = 1_000_000
"""Shared-term counts (sentence pairs times terms they share) above which, too, the common terms
are skipped. Articles stay far below (the dev pairs need under 1,000); long sentences that repeat
the same words (text without full stops cut into 150-word pieces) reach millions before
:data:`FULL_MATRIX_LIMIT` pairs."""
OVERLAP_MIN: float | None = None
"""Score from which a pair the disjoint groups left out is kept as a group of its own (see
:func:`_overlapping_links`), so that a sentence may sit in several groups; None: never. Off in
the lexical default: measured with a bar of 0.5 it gains nothing on the tune half (F1 .624 ->
.623, held-back .600 -> .599; news-ecb first 500 .604 -> .638, aesop .463 -> .457), lower bars
add more wrong links than right ones on the tune half (0.35: .612), and every extra group makes
the report longer (the samples: 7 groups -> 12)."""
SEMANTIC_OVERLAP_MIN: float | None = 0.5
""":data:`OVERLAP_MIN` with the semantic signal, whose high scores are reliable enough on their
own: tune half F1 .649 -> .672, held-back .621 -> .639 (0.4: .651 and .645; 0.3: .637 and .642)."""
MAX_CLAUSES = 16
"""Most clauses of one sentence compared with the other sentence (news sentences have at most 13)."""
WHY_TERMS = 8
"""Most shared terms an explanation lists."""


Groups = list[tuple[set[int], set[int], float, GroupKind]]


def align(
    a: Sequence[Sentence],
    b: Sequence[Sentence],
    options: Options,
    progress: Progress | None = None,
    units: Units | None = None,
) -> tuple[tuple[AlignedGroup, ...], tuple[int, ...], tuple[int, ...]]:
    """Align the body sentences of two sources.

    Returns the groups (without word diffs), and the body sentences of A and of B left unmatched.
    Headlines take part (outlets' headlines often match each other's or the other's lead) but are
    never reported as "only"; boilerplate is never aligned.

    ``units``, a mapping shared by several calls, keeps each sentence's analysis (terms, clauses,
    names, normalised text) so that a source compared with several others is analysed once
    (:func:`storydiff.pipeline.compare_many`); the result is the same with or without it.
    """
    ua = _units(a, units)
    ub = _units(b, units)
    if not any(not u.headline for u in ua) or not any(not u.headline for u in ub):
        return (), tuple(u.index for u in ua if not u.headline), tuple(u.index for u in ub if not u.headline)

    idf = _idf(ua, ub)
    chosen, pairs, use_semantic = _links(ua, ub, idf, options, progress)
    gate = SEMANTIC_RELATED_MIN if use_semantic else RELATED_MIN
    if _relatedness([(g[0], g[1], g[2], g[3]) for g in chosen], ua, ub) < gate:
        chosen = []
    chosen += _overlapping_links(chosen, pairs, SEMANTIC_OVERLAP_MIN if use_semantic else OVERLAP_MIN)

    linked_a = {i for g in chosen for i in g[0]}
    linked_b = {j for g in chosen for j in g[1]}
    out = [
        AlignedGroup(
            a=tuple(ua[i].index for i in sorted(ga)),
            b=tuple(ub[j].index for j in sorted(gb)),
            score=round(min(1.0, max(0.0, score)), 4),
            kind=kind,
            why=_why(ga, gb, top, ua, ub, idf),
        )
        for ga, gb, score, kind, top in chosen
    ]
    out.sort(key=lambda g: (g.a[0], g.b[0]))
    only_a = tuple(u.index for k, u in enumerate(ua) if k not in linked_a and not u.headline)
    only_b = tuple(u.index for k, u in enumerate(ub) if k not in linked_b and not u.headline)
    return tuple(out), only_a, only_b


Chosen = list[tuple[set[int], set[int], float, GroupKind, "_Pair"]]


def _links(
    ua: Sequence[_Unit],
    ub: Sequence[_Unit],
    idf: dict[str, float],
    options: Options,
    progress: Progress | None,
) -> tuple[Chosen, dict[tuple[int, int], _Pair], bool]:
    """The groups chosen before the relatedness gate, the scored pairs, and whether the semantic
    signal was used."""
    use_semantic = options.semantic and _semantic_available()
    pairs = _score_pairs(ua, ub, idf, progress, use_semantic=use_semantic)
    pairs = _add_context(pairs)
    headlines = ({k for k, u in enumerate(ua) if u.headline}, {k for k, u in enumerate(ub) if u.headline})
    near_best = SEMANTIC_NEAR_BEST if use_semantic else NEAR_BEST
    return _choose(pairs, options, headlines, near_best), pairs, use_semantic


def _overlapping_links(chosen: Chosen, pairs: dict[tuple[int, int], _Pair], floor: float | None) -> Chosen:
    """Strong pairs the disjoint groups left out, each as a group of its own (one sentence a side).

    The groups of :func:`_choose` are disjoint, so a sentence that states the facts of two
    sentences of the other side which the other side keeps in two groups can link with only one
    of them, and a pair whose sentences each sit in a group with a closer partner is dropped. A
    pair scoring at least ``floor`` is evidence enough on its own: it is kept as a one-to-one
    group beside the others, so that such a sentence is in two groups. Only when the comparison
    has groups at all (the relatedness gate passed), and never for a sentence repeated word for
    word on the other side (its group is settled)."""
    if not chosen or floor is None:
        return []
    covered = {(i, j) for ga, gb, *_ in chosen for i in ga for j in gb}
    settled_a = {i for ga, _, _, _, top in chosen if top.identical for i in ga}
    settled_b = {j for _, gb, _, _, top in chosen if top.identical for j in gb}
    return [
        ({p.i}, {p.j}, p.score, GroupKind.PARTIAL, p)
        for key, p in sorted(pairs.items())
        if p.score >= floor and key not in covered and p.i not in settled_a and p.j not in settled_b
    ]


def relatedness(a: Sequence[Sentence], b: Sequence[Sentence], options: Options) -> float:
    """How much two texts look like reports of one story (see :func:`_relatedness`); :func:`align`
    drops every link when this is below :data:`RELATED_MIN` (:data:`SEMANTIC_RELATED_MIN`).
    For measuring the gate (``benchmarks/bench_align.py --cross-events``)."""
    ua = [_unit(s) for s in _alignable(a)]
    ub = [_unit(s) for s in _alignable(b)]
    if not any(not u.headline for u in ua) or not any(not u.headline for u in ub):
        return 0.0
    chosen, _, _ = _links(ua, ub, _idf(ua, ub), options, None)
    return _relatedness([(g[0], g[1], g[2], g[3]) for g in chosen], ua, ub)


def _semantic_available() -> bool:
    from . import semantic

    return semantic.available()


def _why(
    ga: set[int], gb: set[int], top: _Pair, ua: Sequence[_Unit], ub: Sequence[_Unit], idf: dict[str, float]
) -> Why:
    """The evidence of a group: shared words (rarest first, as written in A), names, figures, the
    clause that carried the best link, and the named signals of that link."""
    ta = set().union(*(ua[i].terms for i in ga))
    tb = set().union(*(ub[j].terms for j in gb))
    shared = sorted((t for t in ta & tb if "_" not in t), key=lambda t: (-idf.get(t, 0.0), t))
    anchors = set().union(*(ua[i].anchors for i in ga)) & set().union(*(ub[j].anchors for j in gb))

    def written(t: str) -> str:
        for i in sorted(ga):
            found = ua[i].written(t)
            if found is not None:
                return found
        return t

    names = tuple(written(t) for t in shared if t in anchors and not t[0].isdigit())
    figures = tuple(written(t) for t in shared if t in anchors and t[0].isdigit())
    terms_ = tuple(written(t) for t in shared if t not in anchors)[:WHY_TERMS]
    clause_a = clause_b = None
    if top.clause is not None:
        side, k = top.clause
        if side == 0:
            clause_a = ua[top.i].clause_text(k)
        else:
            clause_b = ub[top.j].clause_text(k)
    return Why(
        terms=terms_,
        names=names,
        figures=figures,
        clause_a=clause_a,
        clause_b=clause_b,
        signals=top.signals,
    )


def _relatedness(groups: Groups, ua: Sequence[_Unit], ub: Sequence[_Unit]) -> float:
    """How far the links found add up to two reports of one story, rather than chance overlaps.

    Two unrelated articles still share a few phrases ("in prison", "on Friday") and a few generic
    names ("Congress", "Republican"), so a handful of weak links appears between any two news
    texts. Two measures separate the cases together, neither alone: the summed link score per
    sentence of the shorter document (coverage), and the share of the names of the document with
    fewer names that the other also mentions (two reports of one story name the same people).
    Their geometric mean is compared with :data:`RELATED_MIN`. The name share is smoothed by
    :data:`NAME_PRIOR`, so that a short text naming one or two people is judged mostly on coverage.
    """
    if not groups:
        return 0.0
    n = min(sum(1 for u in ua if not u.headline), sum(1 for u in ub if not u.headline))
    coverage = sum(g[2] for g in groups) / max(1, n)
    names_a = {t for u in ua for t in u.anchors if not t[0].isdigit()}
    names_b = {t for u in ub for t in u.anchors if not t[0].isdigit()}
    fewer = min(len(names_a), len(names_b))
    name_share = (len(names_a & names_b) + NAME_PRIOR) / (fewer + NAME_PRIOR)
    return math.sqrt(coverage * name_share)


def _alignable(sentences: Sequence[Sentence]) -> list[Sentence]:
    return [s for s in sentences if s.role is not Role.BOILERPLATE]


def _document_frequencies(units: Iterable[_Unit]) -> Counter[str]:
    """How many of the units have each term and morphological key (counted in C by ``Counter``)."""
    df: Counter[str] = Counter()
    for u in units:
        df.update(u.terms)
        df.update(u.morph)
    return df


def _idf(ua: Sequence[_Unit], ub: Sequence[_Unit]) -> dict[str, float]:
    df = _document_frequencies((*ua, *ub))
    n = len(ua) + len(ub)
    return {
        t: math.log(1 + n / d) * (BIGRAM_WEIGHT if "_" in t else MORPH_WEIGHT if t[0] == "~" else 1.0)
        for t, d in df.items()
    }


def _weight(ts: Collection[str], idf: dict[str, float]) -> float:
    """The idf mass of a set of terms. ``fsum`` is exact, so the result never depends on the order a
    set is iterated in (which changes with the hash seed): the report stays byte for byte the same.
    (An empty set, the common case of a pair's shared names or quoted words, costs no call.)"""
    return math.fsum([idf[t] for t in ts]) if ts else 0.0


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _combine(
    signals: Sequence[float], coefficients: Sequence[float] = COEFFICIENTS, intercept: float = INTERCEPT
) -> float:
    """The score of a pair from its signal values (see :data:`SIGNALS`)."""
    return _sigmoid(intercept + sum(c * v for c, v in zip(coefficients, signals, strict=True)))


def _signals(
    u: _Unit,
    v: _Unit,
    shared: float,
    wu: float,
    wv: float,
    cu: list[tuple[int, frozenset[str], float]],
    cv: list[tuple[int, frozenset[str], float]],
    idf: dict[str, float],
    morph_weights: tuple[float, float],
    common: frozenset[str] | None = None,
    morph_shared: float | None = None,
) -> tuple[tuple[float, ...], float, float, tuple[int, int] | None]:
    """The signal values of a pair, its two coverages, and the clause that carried it (if any).

    ``common`` (the terms the two sentences share) and ``morph_shared`` (the weight of their shared
    morphological keys) may be given when the caller has them already: the same values, not
    computed twice."""
    from rapidfuzz.fuzz import token_set_ratio

    anchors = u.anchors & v.anchors
    quoted = u.quoted & v.quoted
    s = shared
    if anchors or quoted:  # mostly neither: the sum stays ``shared`` exactly (x + 0.0 == x)
        s = shared + W_ANCHOR * _weight(anchors, idf) + W_QUOTED * _weight(quoted, idf)
    # min() and max() written as comparisons (the same values; the builtins cost a call each)
    cover_a, cover_b = s / (wu + COVER_SMOOTHING), s / (wv + COVER_SMOOTHING)
    cover_a = cover_a if cover_a < 1.0 else 1.0
    cover_b = cover_b if cover_b < 1.0 else 1.0
    high, low = (cover_b, cover_a) if cover_b > cover_a else (cover_a, cover_b)
    fz = token_set_ratio(u.norm, v.norm) / 100.0
    clause = 0.0
    carried: tuple[int, int] | None = None
    if cu or cv:
        if common is None:
            common = u.terms & v.terms  # a clause's terms found in the other sentence are among these
        for side, clauses in ((0, cu), (1, cv)):
            for k, c, w in clauses:
                found = c & common
                if not found:
                    continue  # weight 0: never above the best so far
                sw = math.fsum([idf[t] for t in found])  # _weight(found, idf)
                value = min(1.0, sw / CLAUSE_MIN_WEIGHT) * sw / w
                if value > clause:
                    clause, carried = value, (side, k)
    mu, mv = morph_weights
    morph = 0.0
    if mu and mv:
        if morph_shared is None:
            morph_shared = _weight(u.morph & v.morph, idf)
        morph = 2 * morph_shared / (mu + mv)
    values = (high, low, fz, clause, morph)
    if carried is not None and clause <= high:
        carried = None  # the whole sentence matched at least as well as any one clause
    return values, cover_a, cover_b, carried


def _score_pairs(
    ua: Sequence[_Unit],
    ub: Sequence[_Unit],
    idf: dict[str, float],
    progress: Progress | None,
    use_semantic: bool = False,
) -> dict[tuple[int, int], _Pair]:
    """Score every pair that shares enough weighted terms, found through an inverted index.

    With ``use_semantic`` the bar for a candidate is lower (paraphrases share few words) and the
    semantic scorer's similarity of each candidate joins the signals; it never sees other pairs.

    The shared weight of all pairs is accumulated term by term over the postings, which touches
    only pairs that share something; on long inputs terms common on either side are skipped, so
    the work stays close to linear in the input.
    """
    wa = [_weight(u.terms, idf) for u in ua]
    wb = [_weight(u.terms, idf) for u in ub]
    ma = [_weight(u.morph, idf) for u in ua]
    mb = [_weight(u.morph, idf) for u in ub]
    clauses_a = [_weighed_clauses(u, idf) for u in ua]
    clauses_b = [_weighed_clauses(u, idf) for u in ub]
    postings: dict[str, list[int]] = defaultdict(list)
    for j, u in enumerate(ub):
        for t in u.terms:
            postings[t].append(j)
        for t in u.morph:
            postings[t].append(j)
    df_a = _document_frequencies(ua)
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
    candidates: list[tuple[int, int, tuple[float, ...], float, float, tuple[int, int] | None]] = []
    min_shared, min_terms = (SEMANTIC_MIN_SHARED, 1) if use_semantic else (MIN_SHARED_WEIGHT, 2)
    step = max(1, len(ua) // 100)
    # The shared weight of the pairs of sentence i is summed in a list indexed by j, term by term in
    # the order of i's terms (the order the sums always had), and reset after use; which j were
    # touched, how often and in which order (first touch first) is counted by ``Counter`` in C.
    acc = [0.0] * len(ub)
    for i, u in enumerate(ua):
        if progress is not None and i % step == 0:
            progress(i, len(ua))
        hits: list[int] = []
        for t in (*u.terms, *u.morph):
            post = postings.get(t)
            if post is None:
                continue
            w = idf[t]
            hits += post
            for j in post:
                acc[j] += w
        same: Sequence[int] = identical.get(u.norm, ())
        if u.norm in repeated:
            k = seen_a[u.norm]
            seen_a[u.norm] += 1
            same = same[k : k + 1]
        for j in same:
            pairs[(i, j)] = _Pair(i, j, 1.0, 1.0, 1.0, (("identical", 1.0),))
        wu, cu, mu = wa[i], clauses_a[i], ma[i]
        for j, n in Counter(hits).items():
            s = acc[j]
            acc[j] = 0.0
            if s < min_shared or n < min_terms or j in same:
                continue
            v = ub[j]
            if cap is None:
                common = u.terms & v.terms
                values, cover_a, cover_b, carried = _signals(
                    u, v, _weight(common, idf), wu, wb[j], cu, clauses_b[j], idf, (mu, mb[j]), common=common
                )
            else:
                morph_w = _weight(u.morph & v.morph, idf)
                values, cover_a, cover_b, carried = _signals(
                    u, v, s - morph_w, wu, wb[j], cu, clauses_b[j], idf, (mu, mb[j]), morph_shared=morph_w
                )
            candidates.append((i, j, values, cover_a, cover_b, carried))
    if progress is not None:
        progress(len(ua), len(ua))
    names: tuple[str, ...] = SIGNALS
    coefficients: tuple[float, ...] = COEFFICIENTS
    intercept = INTERCEPT
    if use_semantic:
        from . import semantic

        names, coefficients, intercept = (*SIGNALS, "semantic"), SEMANTIC_COEFFICIENTS, SEMANTIC_INTERCEPT
        sims = semantic.similarities([(ua[c[0]].text, ub[c[1]].text) for c in candidates])
        candidates = [
            (i, j, (*values, sim), ca, cb, cl)
            for (i, j, values, ca, cb, cl), sim in zip(candidates, sims, strict=True)
        ]
    for i, j, values, cover_a, cover_b, carried in candidates:
        # _combine written out: the same sums in the same order
        score = 1.0 / (1.0 + math.exp(-(intercept + sum(map(mul, coefficients, values)))))
        qa, qb = ua[i].quoted, ub[j].quoted
        quoted = bool(qa) and bool(qb) and (qa <= qb or qb <= qa)
        pairs[(i, j)] = _Pair(i, j, score, cover_a, cover_b, (), carried, quoted, (names, values))
    return pairs


def _weighed_clauses(u: _Unit, idf: dict[str, float]) -> list[tuple[int, frozenset[str], float]]:
    """The clauses that can count in the ``clause`` signal (three terms or more) with their index
    and weight, the heaviest :data:`MAX_CLAUSES` of them: a piece of text without full stops
    (150 words, dozens of commas) would otherwise cost hundreds of comparisons per pair."""
    clauses = [
        (k, c, _weight(c, idf))
        for k, c in enumerate(u.clauses)
        if sum(1 for t in c if "_" not in t) >= CLAUSE_MIN_WORDS
    ]
    if len(clauses) > MAX_CLAUSES:
        clauses = sorted(clauses, key=lambda cw: -cw[2])[:MAX_CLAUSES]
    return clauses


def _add_context(pairs: dict[tuple[int, int], _Pair]) -> dict[tuple[int, int], _Pair]:
    """Raise a pair's score by the support of its diagonal neighbours (stories move in blocks)."""
    out: dict[tuple[int, int], _Pair] = {}
    for (i, j), p in pairs.items():
        before, after = pairs.get((i - 1, j - 1)), pairs.get((i + 1, j + 1))
        lower, upper = before.score if before else 0.0, after.score if after else 0.0
        support = upper if upper > lower else lower  # max(), without the call
        if support > 0:
            pulled = (p.score + W_CONTEXT * support) / (1 + W_CONTEXT)
            score = pulled if pulled > p.score else p.score
            if score > p.score:
                signals = (*p.signals, ("context", round(support, 4)))
                p = _Pair(i, j, score, p.cover_a, p.cover_b, signals, p.clause, p.quoted)
        out[(i, j)] = p
    return out


def _choose(
    pairs: dict[tuple[int, int], _Pair],
    options: Options,
    headlines: tuple[set[int], set[int]] = (set(), set()),
    near_best: float = NEAR_BEST,
) -> list[tuple[set[int], set[int], float, GroupKind, _Pair]]:
    """Choose links by a global order and grow disjoint many-to-many groups.

    A pair is a link candidate when it reaches ``min_score`` and is near the best pair of both its
    sentences, or quotes what the other quotes (an outlet that splits one utterance over two
    sentences links both with the sentence of the other that quotes it). Pairs quoting one
    utterance are taken first (after sentences repeated word for word, which form closed groups
    of their own), then all others in descending score over the whole matrix (a global order,
    not sentence by sentence). A candidate whose sentences are both free founds a group; one whose
    sentence on one side is grouped joins that group; one linking two groups merges them. Joining
    and merging are allowed while no side of the group exceeds ``max_group`` sentences and every
    cross pair of the result scores at least :data:`FIT_FLOOR`, so the cross product of a group
    (which is what a reader, and the JSON, take it to claim) never pairs sentences with no
    evidence. The best score of a body sentence, which sets the "near best" bar, counts only body
    partners: a headline that resembles a lead sentence must not hide the lead's real partner.
    """
    best_a: dict[int, float] = defaultdict(float)
    best_b: dict[int, float] = defaultdict(float)
    for p in pairs.values():
        if p.j not in headlines[1] and p.score > best_a[p.i]:
            best_a[p.i] = p.score
        if p.i not in headlines[0] and p.score > best_b[p.j]:
            best_b[p.j] = p.score
    mutual_floor = options.min_score * MUTUAL_BEST_FACTOR
    kept = [
        p
        for p in pairs.values()
        if (
            (p.score >= near_best * best_a[p.i] and p.score >= near_best * best_b[p.j])
            or (p.score >= options.min_score and p.quoted)
        )
        and (
            p.score >= options.min_score
            or (p.score >= mutual_floor and p.score == best_a[p.i] and p.score == best_b[p.j])
        )
    ]
    kept.sort(key=lambda p: (not p.identical, not p.quoted, -p.score, p.i, p.j))

    group_of_a: dict[int, int] = {}
    group_of_b: dict[int, int] = {}
    groups: dict[int, tuple[set[int], set[int], list[_Pair]]] = {}
    for p in kept:
        ga, gb = group_of_a.get(p.i), group_of_b.get(p.j)
        if ga is None and gb is None:
            key = len(groups) + 1 + max(groups, default=0)
            groups[key] = ({p.i}, {p.j}, [p])
            group_of_a[p.i] = group_of_b[p.j] = key
            continue
        if ga == gb:
            if ga is not None:
                groups[ga][2].append(p)
            continue
        if any(g is not None and groups[g][2][0].identical for g in (ga, gb)):
            continue  # a sentence repeated word for word is settled: nothing else joins it
        sa = groups[ga][0] if ga is not None else {p.i}
        sb = groups[ga][1] if ga is not None else set()
        ta = groups[gb][0] if gb is not None else set()
        tb = groups[gb][1] if gb is not None else {p.j}
        new_a, new_b = sa | ta, sb | tb
        if len(new_a) > options.max_group or len(new_b) > options.max_group:
            continue
        floor = options.min_score * MERGE_FLOOR if ga is not None and gb is not None else FIT_FLOOR
        if not _fits(sa, tb, pairs, floor) or not _fits(ta, sb, pairs, floor):
            continue
        links = [p, *(groups[ga][2] if ga is not None else ()), *(groups[gb][2] if gb is not None else ())]
        for g in (ga, gb):
            if g is not None:
                del groups[g]
        key = 1 + max(groups, default=0) + len(kept)
        groups[key] = (new_a, new_b, links)
        for i in new_a:
            group_of_a[i] = key
        for j in new_b:
            group_of_b[j] = key
    out: list[tuple[set[int], set[int], float, GroupKind, _Pair]] = []
    for sa, sb, links in groups.values():
        top = max(links, key=lambda q: q.score)
        score = top.score
        balanced = len(sa) == len(sb) == 1 and min(top.cover_a, top.cover_b) >= 0.6
        kind = GroupKind.SAME if score >= options.same_score and balanced else GroupKind.PARTIAL
        out.append((sa, sb, score, kind, top))
    return out


def _fits(xs: set[int], ys: set[int], pairs: dict[tuple[int, int], _Pair], floor: float) -> bool:
    """Whether every sentence of ``xs`` (side A) has evidence of a link with every one of ``ys``."""
    for i in xs:
        for j in ys:
            p = pairs.get((i, j))
            if p is None or p.score < floor:
                return False
    return True
