"""The report model: frozen records that every step of the pipeline produces and every renderer reads.

Nothing here does any text processing. ``Report.to_dict()`` is the one serialiser; the JSON
renderer and the tests use it, so the JSON contract is defined in exactly one place.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

FORMAT_VERSION = "storydiff/1"


class _Record:
    """Equality, hashing and repr of the records below, written once for all of them.

    ``@dataclass`` writes these three methods anew for every class and compiles each with
    ``exec``; for the fifteen records here that is about 3 ms, a third of importing this module,
    which every run of the command pays. These behave as the generated ones do: records are equal
    when of the same class with equal fields, hash as the tuple of their fields, and show as
    ``Name(field=value, ...)``. The records still are frozen dataclasses (``dataclasses.replace``,
    ``fields`` and ``FrozenInstanceError`` work as usual).
    """

    __slots__ = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in _field_names(type(self))[0]])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _field_names(type(self))[1])
        return f"{self.__class__.__qualname__}({shown})"


def _field_names(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A record class's fields that take part in comparison, and those its repr shows (as
    ``@dataclass`` decides: ``field(compare=False)`` or ``repr=False`` leave one out)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        found = fields(cls)
        names = _FIELD_NAMES[cls] = (
            tuple(f.name for f in found if f.compare),
            tuple(f.name for f in found if f.repr),
        )
    return names


_FIELD_NAMES: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}


class Role(StrEnum):
    """What a sentence is, as far as the comparison is concerned."""

    HEADLINE = "headline"
    BODY = "body"
    BOILERPLATE = "boilerplate"
    """Page furniture: bylines, datelines, captions, share/sign-up lines, URLs. Labelled, never deleted."""


class Op(StrEnum):
    """A word-level edit operation, as in ``difflib`` opcodes."""

    EQUAL = "equal"
    REPLACE = "replace"
    DELETE = "delete"
    INSERT = "insert"


class GroupKind(StrEnum):
    """How close an aligned group is."""

    SAME = "same"
    """The sentences say the same thing, perhaps in other words."""
    PARTIAL = "partial"
    """They share a clause or a fact, but each says more than the other."""


class QuoteMatchKind(StrEnum):
    """How a quote shared by both sources differs between them."""

    EXACT = "exact"
    VARIANT = "variant"
    """Minor differences only: quote glyphs, spelling, hyphenation, case, punctuation."""
    PARTIAL = "partial"
    """One quotes a sub-span or an extension of the other, or the wording changed in substance."""


class FactKind(StrEnum):
    NUMBER = "number"
    NAME = "name"
    DATE = "date"


class Side(StrEnum):
    A = "a"
    B = "b"


@dataclass(frozen=True, eq=False, repr=False)
class Sentence(_Record):
    """One sentence (or headline, or line of boilerplate) of a source."""

    index: int
    start: int
    """Character offset into the source text as decoded, newlines untranslated."""
    end: int
    """End offset, exclusive."""
    text: str
    paragraph: int
    role: Role
    reason: str | None = None
    """For a boilerplate sentence, the name of the rule that set it aside (``byline``, ``caption``,
    ``related-links``, ``nav``, ``share``, ...); None for headline and body sentences."""


@dataclass(frozen=True, eq=False, repr=False)
class Quote(_Record):
    """A direct quote in one source."""

    index: int
    start: int
    """Offset of the quoted words (marks excluded) in the source text."""
    end: int
    text: str
    """The quoted words, without the quote marks."""
    sentence: int
    """Index of the sentence that holds the quote's start."""
    speaker: str | None
    """Who said it, as fully named as the source allows ("Jens Stoltenberg"), or None."""
    attribution: str | None = None
    """How the speaker was found: the name of the rule that fired (``verb-after``, ``verb-before``,
    ``pronoun``, ``according-to``, ``nearest-name``, ...); None when there is no speaker."""


@dataclass(frozen=True, eq=False, repr=False)
class Fact(_Record):
    """A checkable detail of one source: a figure with what it counts, a date, or a name."""

    kind: FactKind
    text: str
    """The words as the source gives them ("30 civilians were killed", "Jan. 26", "Ihor Dolhov")."""
    sentence: int
    start: int
    end: int
    key: str = ""
    """A normalised form used to find the same fact in the other source (digits, lower case)."""


@dataclass(frozen=True, eq=False, repr=False)
class Document(_Record):
    """One input as loaded: decoded text and what is known about it, before any segmentation."""

    text: str
    label: str
    path: str = ""
    encoding: str = "utf-8"
    converted_from: str | None = None
    title: str | None = None
    """A title given by the input's metadata (HTML); otherwise the headline found by segmentation."""
    author: str | None = None
    date: str | None = None


@dataclass(frozen=True, eq=False, repr=False)
class Source(_Record):
    """One input article, segmented."""

    label: str
    path: str
    """As given on the command line; "-" for stdin."""
    text: str
    """The text all offsets refer to (for HTML input: the extracted article text)."""
    sentences: tuple[Sentence, ...]
    title: str | None = None
    encoding: str = "utf-8"
    converted_from: str | None = None
    """"html" when the text was extracted from a web page; None for plain text."""
    author: str | None = None
    date: str | None = None
    quotes: tuple[Quote, ...] = ()
    facts: tuple[Fact, ...] = ()

    def body(self) -> list[Sentence]:
        return [s for s in self.sentences if s.role is Role.BODY]

    def body_share(self, indices: Collection[int]) -> float:
        """The share of the body text (in characters) that the given sentences hold: how much of
        an article another source carries."""
        total = part = 0
        for s in self.sentences:
            if s.role is Role.BODY:
                total += s.end - s.start
                if s.index in indices:
                    part += s.end - s.start
        return part / total if total else 0.0

    def text_of(self, indices: Iterable[int]) -> str:
        """The text of the given sentences, joined by single spaces (a group, a paragraph run)."""
        return " ".join(self.sentences[i].text for i in indices)


@dataclass(frozen=True, eq=False, repr=False)
class DiffOp(_Record):
    """One run of words, equal on both sides or changed."""

    op: Op
    a: str
    b: str
    minor: bool = False
    """True when the two sides differ only in spelling, hyphenation, punctuation, quote glyph or case."""


@dataclass(frozen=True, eq=False, repr=False)
class Why(_Record):
    """Why sentences were linked: the evidence the similarity score rests on, as words of the texts."""

    terms: tuple[str, ...] = ()
    """Content words both sides share (as written on side A), rarest first."""
    names: tuple[str, ...] = ()
    """Names of people, places and organisations both sides mention."""
    figures: tuple[str, ...] = ()
    """Figures both sides state."""
    clause_a: str | None = None
    """When one clause of a longer sentence carried the match: that clause on side A, and on side B."""
    clause_b: str | None = None
    signals: tuple[tuple[str, float], ...] = ()
    """The named score components that produced the group's score, each with its value."""


@dataclass(frozen=True, eq=False, repr=False)
class AlignedGroup(_Record):
    """Sentences of A matched with sentences of B (one to one, one to many, or many to many)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    """Similarity in [0, 1]."""
    kind: GroupKind
    diff: tuple[DiffOp, ...] = ()
    why: Why | None = None
    """What links the group's sentences (shared terms, names, figures, the clause that matched)."""


@dataclass(frozen=True, eq=False, repr=False)
class QuoteMatch(_Record):
    """The same utterance quoted by both sources."""

    a: int
    b: int
    score: float
    match: QuoteMatchKind
    diff: tuple[DiffOp, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class Paraphrase(_Record):
    """A quote of one source whose content the other source reports without quote marks."""

    quote_side: Side
    quote: int
    sentence_side: Side
    sentence: int
    score: float


@dataclass(frozen=True, eq=False, repr=False)
class QuoteComparison(_Record):
    shared: tuple[QuoteMatch, ...] = ()
    """Links between a quote of A and a quote of B. One outlet may quote as one span what the other
    splits in two, so a quote can take part in several links."""
    only_a: tuple[int, ...] = ()
    only_b: tuple[int, ...] = ()
    paraphrased: tuple[Paraphrase, ...] = ()

    def utterances(self) -> int:
        """How many utterances both sources quote (see :meth:`utterance_links`)."""
        return len(self.utterance_links())

    def utterance_links(self) -> list[tuple[QuoteMatch, ...]]:
        """The shared-quote links grouped by utterance: links connected through a quote are one
        utterance (a quote of A split in two by B is one utterance, not two links). In the order of
        each utterance's first link."""
        parent: dict[tuple[str, int], tuple[str, int]] = {}

        def root(x: tuple[str, int]) -> tuple[str, int]:
            while parent.setdefault(x, x) != x:
                x = parent[x]
            return x

        for m in self.shared:
            parent[root(("a", m.a))] = root(("b", m.b))
        groups: dict[tuple[str, int], list[QuoteMatch]] = {}
        for m in self.shared:
            groups.setdefault(root(("a", m.a)), []).append(m)
        return [tuple(links) for links in groups.values()]


@dataclass(frozen=True, eq=False, repr=False)
class Conflict(_Record):
    """The same fact reported with different figures in aligned sentences."""

    a: Fact
    b: Fact
    kind: FactKind
    note: str


@dataclass(frozen=True, eq=False, repr=False)
class FactComparison(_Record):
    only_a: tuple[Fact, ...] = ()
    only_b: tuple[Fact, ...] = ()
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class Options(_Record):
    """Tunable thresholds of the comparison. The defaults are what the documentation describes."""

    min_score: float = 0.25
    """Smallest similarity (0-1) for two sentences to be aligned at all."""
    same_score: float = 0.6
    """Similarity from which an aligned group counts as ``same`` rather than ``partial``."""
    max_group: int = 3
    """Most sentences of one side that may join one sentence of the other."""
    semantic: bool = False
    """Blend a sentence-embedding similarity into the lexical score (needs ``storydiff[semantic]``)."""


@dataclass(frozen=True, eq=False, repr=False)
class Summary(_Record):
    """How much each source shares with the other."""

    body_a: int
    body_b: int
    aligned_a: int
    aligned_b: int
    only_a: int
    only_b: int
    shared_chars_a: float
    """Share (0-1) of A's body characters that lie in aligned sentences."""
    shared_chars_b: float
    groups: int
    same_groups: int
    partial_groups: int
    shared_quotes: int | None = None
    conflicts: int | None = None


@dataclass(frozen=True, eq=False, repr=False)
class Report(_Record):
    """Everything one comparison found. Renderers read this and nothing else."""

    a: Source
    b: Source
    alignment: tuple[AlignedGroup, ...]
    only_a: tuple[int, ...]
    only_b: tuple[int, ...]
    options: Options = field(default_factory=Options)
    quotes: QuoteComparison | None = None
    facts: FactComparison | None = None

    def source(self, side: Side | str) -> Source:
        return self.a if Side(side) is Side.A else self.b

    @property
    def summary(self) -> Summary:
        in_a = {i for g in self.alignment for i in g.a}
        in_b = {j for g in self.alignment for j in g.b}
        same = sum(1 for g in self.alignment if g.kind is GroupKind.SAME)
        return Summary(
            body_a=len(self.a.body()),
            body_b=len(self.b.body()),
            aligned_a=len(in_a),
            aligned_b=len(in_b),
            only_a=len(self.only_a),
            only_b=len(self.only_b),
            shared_chars_a=self.a.body_share(in_a),
            shared_chars_b=self.b.body_share(in_b),
            groups=len(self.alignment),
            same_groups=same,
            partial_groups=len(self.alignment) - same,
            shared_quotes=None if self.quotes is None else self.quotes.utterances(),
            conflicts=None if self.facts is None else len(self.facts.conflicts),
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``../shared/json-contract.md`` (format ``storydiff/1``)."""
        return _report_dict(self)


def _diff_dict(ops: tuple[DiffOp, ...]) -> list[dict[str, Any]]:
    return [{"op": d.op.value, "a": d.a, "b": d.b, "minor": d.minor} for d in ops]


def _why_dict(w: Why) -> dict[str, Any]:
    return {
        "terms": list(w.terms),
        "names": list(w.names),
        "figures": list(w.figures),
        "clause": None if w.clause_a is None else {"a": w.clause_a, "b": w.clause_b},
        "signals": {name: round(value, 4) for name, value in w.signals},
    }


def _source_dict(src: Source) -> dict[str, Any]:
    out: dict[str, Any] = {
        "label": src.label,
        "path": src.path,
        "title": src.title,
        "encoding": src.encoding,
        "converted_from": src.converted_from,
        "author": src.author,
        "date": src.date,
    }
    if src.converted_from is not None:
        out["text"] = src.text
    out["sentences"] = [
        {
            "index": s.index,
            "start": s.start,
            "end": s.end,
            "text": s.text,
            "paragraph": s.paragraph,
            "role": s.role.value,
            **({"reason": s.reason} if s.reason is not None else {}),
        }
        for s in src.sentences
    ]
    return out


def _quote_dict(q: Quote) -> dict[str, Any]:
    return {
        "index": q.index,
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "sentence": q.sentence,
        "speaker": q.speaker,
        **({"attribution": q.attribution} if q.attribution is not None else {}),
    }


def _fact_dict(f: Fact) -> dict[str, Any]:
    return {"kind": f.kind.value, "text": f.text, "sentence": f.sentence, "start": f.start, "end": f.end}


def _report_dict(r: Report) -> dict[str, Any]:
    sources = [_source_dict(r.a), _source_dict(r.b)]
    if r.quotes is not None:
        for d, src in zip(sources, (r.a, r.b)):
            d["quotes"] = [_quote_dict(q) for q in src.quotes]
    if r.facts is not None:
        for d, src in zip(sources, (r.a, r.b)):
            d["facts"] = [_fact_dict(f) for f in src.facts]
    text = {
        "a": {s.index: s.text for s in r.a.sentences},
        "b": {s.index: s.text for s in r.b.sentences},
    }
    out: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "sources": sources,
        "alignment": [
            {
                "a": list(g.a),
                "b": list(g.b),
                "score": round(g.score, 4),
                "kind": g.kind.value,
                "a_text": r.a.text_of(g.a),
                "b_text": r.b.text_of(g.b),
                "diff": _diff_dict(g.diff),
                **({"why": _why_dict(g.why)} if g.why is not None else {}),
            }
            for g in r.alignment
        ],
        "only": {"a": list(r.only_a), "b": list(r.only_b)},
        "only_text": {
            "a": [text["a"][i] for i in r.only_a],
            "b": [text["b"][j] for j in r.only_b],
        },
    }
    if r.quotes is not None:
        qa, qb = r.a.quotes, r.b.quotes
        out["quotes"] = {
            "shared": [
                {
                    "a": m.a,
                    "b": m.b,
                    "score": round(m.score, 4),
                    "match": m.match.value,
                    "speaker": qa[m.a].speaker or qb[m.b].speaker,
                    "a_speaker": qa[m.a].speaker,
                    "b_speaker": qb[m.b].speaker,
                    "a_text": qa[m.a].text,
                    "b_text": qb[m.b].text,
                    "diff": _diff_dict(m.diff),
                }
                for m in r.quotes.shared
            ],
            "only": {"a": list(r.quotes.only_a), "b": list(r.quotes.only_b)},
            "only_text": {
                "a": [{"index": i, "text": qa[i].text, "speaker": qa[i].speaker} for i in r.quotes.only_a],
                "b": [{"index": i, "text": qb[i].text, "speaker": qb[i].speaker} for i in r.quotes.only_b],
            },
            "paraphrased": [
                {
                    "quote": {
                        "source": p.quote_side.value,
                        "index": p.quote,
                        "text": r.source(p.quote_side).quotes[p.quote].text,
                        "speaker": r.source(p.quote_side).quotes[p.quote].speaker,
                    },
                    "sentence": {
                        "source": p.sentence_side.value,
                        "index": p.sentence,
                        "text": text[p.sentence_side.value][p.sentence],
                    },
                    "score": round(p.score, 4),
                }
                for p in r.quotes.paraphrased
            ],
        }
    if r.facts is not None:
        out["facts"] = {
            "only": {
                "a": [_fact_dict(f) for f in r.facts.only_a],
                "b": [_fact_dict(f) for f in r.facts.only_b],
            },
            "conflicts": [
                {
                    "a": {"text": c.a.text, "sentence": c.a.sentence},
                    "b": {"text": c.b.text, "sentence": c.b.sentence},
                    "kind": c.kind.value,
                    "note": c.note,
                }
                for c in r.facts.conflicts
            ],
        }
    s = r.summary
    out["summary"] = {
        "body_sentences": {"a": s.body_a, "b": s.body_b},
        "aligned_sentences": {"a": s.aligned_a, "b": s.aligned_b},
        "only_sentences": {"a": s.only_a, "b": s.only_b},
        "shared_share": {"a": round(s.shared_chars_a, 4), "b": round(s.shared_chars_b, 4)},
        "groups": {"total": s.groups, "same": s.same_groups, "partial": s.partial_groups},
    }
    if s.shared_quotes is not None:
        out["summary"]["shared_quotes"] = s.shared_quotes
    if s.conflicts is not None:
        out["summary"]["conflicts"] = s.conflicts
    return out


# --- any number of sources (format storydiff/2) ----------------------------------------------------

FORMAT_VERSION_2 = "storydiff/2"


@dataclass(frozen=True, eq=False, repr=False)
class PairComparison(_Record):
    """Two of the sources compared exactly as :func:`storydiff.pipeline.compare` compares two.

    The N-way report is built from one of these for every pair of sources; ``a`` < ``b`` always.
    """

    a: int
    """Index of the first source in :attr:`MultiReport.sources`."""
    b: int
    alignment: tuple[AlignedGroup, ...]
    only_a: tuple[int, ...]
    only_b: tuple[int, ...]
    quotes: QuoteComparison | None = None
    facts: FactComparison | None = None


@dataclass(frozen=True, eq=False, repr=False)
class Member(_Record):
    """The sentences of one source that carry a shared passage."""

    source: int
    sentences: tuple[int, ...]


@dataclass(frozen=True, eq=False, repr=False)
class Link(_Record):
    """Two sources' sentences of one passage, compared.

    A *direct* link is a group of the pairwise alignment of the two sources, with its score, kind
    and reasons. An indirect link joins two members of a cluster that their pairwise alignment did
    not link to each other (each was linked to a third source): its word diff is computed, its
    score and kind are None.
    """

    a: Member
    b: Member
    """``a.source`` < ``b.source``."""
    direct: bool
    score: float | None
    kind: GroupKind | None
    diff: tuple[DiffOp, ...] = ()
    why: Why | None = None


@dataclass(frozen=True, eq=False, repr=False)
class Cluster(_Record):
    """One shared passage: the sentences of every source that carries it, and how each pair compares.

    Built from the pairwise alignments so that a source's sentences in a cluster are always ones
    its pairwise groups merge (no two unrelated sentences of one source in one passage), and no
    sentence is in two clusters.
    """

    members: tuple[Member, ...]
    """One per source that carries the passage, in source order."""
    links: tuple[Link, ...]
    """Every direct link between members, then an indirect one for each pair of members that no
    direct link joins."""

    def sources(self) -> tuple[int, ...]:
        return tuple(m.source for m in self.members)

    def member(self, source: int) -> Member | None:
        return next((m for m in self.members if m.source == source), None)

    @property
    def kind(self) -> GroupKind:
        """``same`` when every direct link is; ``partial`` otherwise."""
        kinds = {link.kind for link in self.links if link.direct}
        return GroupKind.SAME if kinds == {GroupKind.SAME} else GroupKind.PARTIAL

    def same_as_others(self, source: int) -> bool:
        """True when this source's wording is the same as at least one other member's (a direct
        ``same`` link); False when it only ever matches partially."""
        return any(
            link.direct and link.kind is GroupKind.SAME and source in (link.a.source, link.b.source)
            for link in self.links
        )


@dataclass(frozen=True, eq=False, repr=False)
class QuoteRef(_Record):
    """One quote of one source."""

    source: int
    quote: int


@dataclass(frozen=True, eq=False, repr=False)
class QuoteLink(_Record):
    """A pairwise shared-quote link (``quotes.shared`` of the two sources' comparison)."""

    a: QuoteRef
    b: QuoteRef
    score: float
    match: QuoteMatchKind
    diff: tuple[DiffOp, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class ParaphraseRef(_Record):
    """A sentence of one source that reports a quote of another without quote marks."""

    quote: QuoteRef
    source: int
    sentence: int
    score: float


@dataclass(frozen=True, eq=False, repr=False)
class QuoteCluster(_Record):
    """One utterance: the quotes of it in every source that quotes it, and the sources that report
    it without quote marks."""

    quotes: tuple[QuoteRef, ...]
    """In source order, then quote order (an outlet may split the utterance in two quotes)."""
    links: tuple[QuoteLink, ...]
    paraphrased: tuple[ParaphraseRef, ...] = ()

    def sources(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(q.source for q in self.quotes))

    def paraphrased_by(self) -> tuple[int, ...]:
        quoting = set(self.sources())
        return tuple(sorted({p.source for p in self.paraphrased} - quoting))

    def match_of(self, source: int) -> QuoteMatchKind | None:
        """How close this source's wording is to the others': its closest direct link's kind."""
        order = (QuoteMatchKind.EXACT, QuoteMatchKind.VARIANT, QuoteMatchKind.PARTIAL)
        kinds = [link.match for link in self.links if source in (link.a.source, link.b.source)]
        return min(kinds, key=order.index) if kinds else None


@dataclass(frozen=True, eq=False, repr=False)
class FactRef(_Record):
    """One fact of one source (an index into that source's ``facts``)."""

    source: int
    fact: int


@dataclass(frozen=True, eq=False, repr=False)
class FactConflict(_Record):
    """Two sources that give the same fact different values (a pairwise conflict)."""

    a: FactRef
    b: FactRef
    kind: FactKind
    note: str


@dataclass(frozen=True, eq=False, repr=False)
class FactItem(_Record):
    """One fact, with every source that states it and those that state a different value."""

    kind: FactKind
    mentions: tuple[FactRef, ...]
    """The facts of that wording (same normalised key) in every source, in source order."""
    sources: tuple[int, ...]
    """The sources that state it: those with a mention, and those whose pairwise comparison found
    it in other words (a shorter name, another date format)."""
    conflicts: tuple[FactConflict, ...] = ()
    """Pairwise conflicts one of whose sides is a mention of this fact."""


@dataclass(frozen=True, eq=False, repr=False)
class MultiReport(_Record):
    """Everything a comparison of any number of sources found. The N-source renderers read this."""

    sources: tuple[Source, ...]
    pairs: tuple[PairComparison, ...]
    """Every pair of sources, (0, 1), (0, 2), ... (1, 2), ..., as compared on their own."""
    clusters: tuple[Cluster, ...]
    """Shared passages in story order."""
    cross_links: tuple[Link, ...] = ()
    """Pairwise groups no cluster could hold without joining two sentences of one source that no
    group merges (A's sentence matches B's, which a third source matches with another of A's)."""
    only: tuple[tuple[int, ...], ...] = ()
    """Per source, the body sentences no other source carries."""
    quote_clusters: tuple[QuoteCluster, ...] = ()
    quote_cross_links: tuple[QuoteLink, ...] = ()
    quotes_only: tuple[tuple[int, ...], ...] = ()
    """Per source, the quotes no other source quotes."""
    facts: tuple[FactItem, ...] = ()
    options: Options = field(default_factory=Options)
    with_quotes: bool = True
    with_facts: bool = True

    def pair(self, a: int, b: int) -> Report:
        """The two-source report of sources ``a`` and ``b`` (in that order), as ``compare`` gives it."""
        swap = a > b
        lo, hi = (b, a) if swap else (a, b)
        found = next((p for p in self.pairs if p.a == lo and p.b == hi), None)
        if found is None:
            raise KeyError(f"no comparison of sources {a} and {b}")
        report = Report(
            a=self.sources[lo],
            b=self.sources[hi],
            alignment=found.alignment,
            only_a=found.only_a,
            only_b=found.only_b,
            options=self.options,
            quotes=found.quotes,
            facts=found.facts,
        )
        return _swapped(report) if swap else report

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of format ``storydiff/2``."""
        return _multi_dict(self)


@dataclass(frozen=True, eq=False, repr=False)
class Analysis(_Record):
    """Documents analysed on their own (``storydiff analyze``): sentences with roles, quotes, facts."""

    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        """A ``storydiff/2`` document of ``command`` ``analyze``: the sources and nothing compared."""
        return {
            "format": FORMAT_VERSION_2,
            "command": "analyze",
            "sources": [
                {
                    **_source_dict(src),
                    "quotes": [_quote_dict(q) for q in src.quotes],
                    "facts": [_fact_dict(f) for f in src.facts],
                }
                for src in self.sources
            ],
        }


def _swapped(r: Report) -> Report:
    """A two-source report with A and B exchanged."""
    flip = {Side.A: Side.B, Side.B: Side.A}
    swap_op = {Op.DELETE: Op.INSERT, Op.INSERT: Op.DELETE}

    def diff(ops: tuple[DiffOp, ...]) -> tuple[DiffOp, ...]:
        return tuple(DiffOp(swap_op.get(d.op, d.op), d.b, d.a, d.minor) for d in ops)

    groups = tuple(
        sorted(
            (AlignedGroup(g.b, g.a, g.score, g.kind, diff(g.diff), g.why) for g in r.alignment),
            key=lambda g: (g.a[0], g.b[0]),
        )
    )
    quotes = None
    if r.quotes is not None:
        q = r.quotes
        quotes = QuoteComparison(
            shared=tuple(
                sorted(
                    (QuoteMatch(m.b, m.a, m.score, m.match, diff(m.diff)) for m in q.shared),
                    key=lambda m: (m.a, m.b),
                )
            ),
            only_a=q.only_b,
            only_b=q.only_a,
            paraphrased=tuple(
                Paraphrase(flip[p.quote_side], p.quote, flip[p.sentence_side], p.sentence, p.score)
                for p in q.paraphrased
            ),
        )
    facts = None
    if r.facts is not None:
        f = r.facts
        facts = FactComparison(
            only_a=f.only_b,
            only_b=f.only_a,
            conflicts=tuple(Conflict(c.b, c.a, c.kind, c.note) for c in f.conflicts),
        )
    return Report(r.b, r.a, groups, r.only_b, r.only_a, r.options, quotes, facts)


def _member_dict(src: Source, m: Member) -> dict[str, Any]:
    return {"source": m.source, "sentences": list(m.sentences), "text": src.text_of(m.sentences)}


def _link_dict(r: MultiReport, link: Link) -> dict[str, Any]:
    return {
        "a": {"source": link.a.source, "sentences": list(link.a.sentences)},
        "b": {"source": link.b.source, "sentences": list(link.b.sentences)},
        "direct": link.direct,
        "score": None if link.score is None else round(link.score, 4),
        "kind": None if link.kind is None else link.kind.value,
        "diff": _diff_dict(link.diff),
        **({"why": _why_dict(link.why)} if link.why is not None else {}),
    }


def _quote_ref_dict(r: MultiReport, ref: QuoteRef) -> dict[str, Any]:
    q = r.sources[ref.source].quotes[ref.quote]
    return {"source": ref.source, "index": ref.quote, "text": q.text, "speaker": q.speaker}


def _fact_ref_dict(r: MultiReport, ref: FactRef) -> dict[str, Any]:
    f = r.sources[ref.source].facts[ref.fact]
    return {"source": ref.source, "fact": ref.fact, "text": f.text, "sentence": f.sentence}


def _multi_dict(r: MultiReport) -> dict[str, Any]:
    n = len(r.sources)
    everyone = set(range(n))
    sources = []
    for src in r.sources:
        d = _source_dict(src)
        if r.with_quotes:
            d["quotes"] = [_quote_dict(q) for q in src.quotes]
        if r.with_facts:
            d["facts"] = [_fact_dict(f) for f in src.facts]
        sources.append(d)
    cluster_of: dict[tuple[int, int], int] = {}
    for k, c in enumerate(r.clusters):
        for m in c.members:
            for i in m.sentences:
                cluster_of[(m.source, i)] = k
    out: dict[str, Any] = {
        "format": FORMAT_VERSION_2,
        "command": "compare",
        "sources": sources,
        "clusters": [
            {
                "id": k,
                "sources": list(c.sources()),
                "missing_from": sorted(everyone - set(c.sources())),
                "kind": c.kind.value,
                "members": [
                    {**_member_dict(r.sources[m.source], m), "same": c.same_as_others(m.source)}
                    for m in c.members
                ],
                "links": [_link_dict(r, link) for link in c.links],
            }
            for k, c in enumerate(r.clusters)
        ],
        "cross_links": [
            {
                **_link_dict(r, link),
                "clusters": [
                    cluster_of.get((link.a.source, link.a.sentences[0])),
                    cluster_of.get((link.b.source, link.b.sentences[0])),
                ],
            }
            for link in r.cross_links
        ],
        "only": [
            {
                "source": k,
                "sentences": list(only),
                "text": [r.sources[k].sentences[i].text for i in only],
            }
            for k, only in enumerate(r.only)
        ],
    }
    if r.with_quotes:
        out["quotes"] = {
            "clusters": [
                {
                    "id": k,
                    "sources": list(qc.sources()),
                    "paraphrased_by": list(qc.paraphrased_by()),
                    "missing_from": sorted(everyone - set(qc.sources()) - set(qc.paraphrased_by())),
                    "speaker": next(
                        (
                            r.sources[ref.source].quotes[ref.quote].speaker
                            for ref in qc.quotes
                            if r.sources[ref.source].quotes[ref.quote].speaker
                        ),
                        None,
                    ),
                    "members": [
                        {
                            **_quote_ref_dict(r, ref),
                            "match": _value(qc.match_of(ref.source)),
                        }
                        for ref in qc.quotes
                    ],
                    "links": [_quote_link_dict(r, link) for link in qc.links],
                    "paraphrased": [
                        {
                            "quote": {"source": p.quote.source, "index": p.quote.quote},
                            "sentence": {
                                "source": p.source,
                                "index": p.sentence,
                                "text": r.sources[p.source].sentences[p.sentence].text,
                            },
                            "score": round(p.score, 4),
                        }
                        for p in qc.paraphrased
                    ],
                }
                for k, qc in enumerate(r.quote_clusters)
            ],
            "cross_links": [_quote_link_dict(r, link) for link in r.quote_cross_links],
            "only": [
                {
                    "source": k,
                    "quotes": list(only),
                    "text": [r.sources[k].quotes[i].text for i in only],
                }
                for k, only in enumerate(r.quotes_only)
            ],
        }
    if r.with_facts:
        out["facts"] = {
            "items": [
                {
                    "id": k,
                    "kind": item.kind.value,
                    "text": r.sources[item.mentions[0].source].facts[item.mentions[0].fact].text,
                    "sources": list(item.sources),
                    "different": sorted(
                        {c.b.source for c in item.conflicts} - {ref.source for ref in item.mentions}
                    ),
                    "missing_from": sorted(everyone - set(item.sources)),
                    "mentions": [_fact_ref_dict(r, ref) for ref in item.mentions],
                    "conflicts": [
                        {
                            "a": _fact_ref_dict(r, c.a),
                            "b": _fact_ref_dict(r, c.b),
                            "kind": c.kind.value,
                            "note": c.note,
                        }
                        for c in item.conflicts
                    ],
                }
                for k, item in enumerate(r.facts)
            ],
        }
    out["pairs"] = [_pair_summary(r, p) for p in r.pairs]
    out["summary"] = _multi_summary(r)
    return out


def _value(kind: QuoteMatchKind | None) -> str | None:
    return None if kind is None else kind.value


def _quote_link_dict(r: MultiReport, link: QuoteLink) -> dict[str, Any]:
    return {
        "a": _quote_ref_dict(r, link.a),
        "b": _quote_ref_dict(r, link.b),
        "score": round(link.score, 4),
        "match": link.match.value,
        "diff": _diff_dict(link.diff),
    }


def _pair_summary(r: MultiReport, p: PairComparison) -> dict[str, Any]:
    s = r.pair(p.a, p.b).summary
    out: dict[str, Any] = {
        "a": p.a,
        "b": p.b,
        "groups": {"total": s.groups, "same": s.same_groups, "partial": s.partial_groups},
        "shared_share": {"a": round(s.shared_chars_a, 4), "b": round(s.shared_chars_b, 4)},
    }
    if s.shared_quotes is not None:
        out["shared_quotes"] = s.shared_quotes
    if s.conflicts is not None:
        out["conflicts"] = s.conflicts
    if p.facts is not None:
        # the pair's own "facts only one reports", as indices into each source's facts: the
        # fact items above join facts by wording over all sources, which is not quite the same
        out["facts_only"] = {
            "a": _fact_indices(r.sources[p.a], p.facts.only_a),
            "b": _fact_indices(r.sources[p.b], p.facts.only_b),
        }
    return out


def _fact_indices(src: Source, facts: tuple[Fact, ...]) -> list[int]:
    where: dict[Fact, int] = {}
    for n, f in enumerate(src.facts):
        where.setdefault(f, n)
    return [where[f] for f in facts if f in where]


def _multi_summary(r: MultiReport) -> dict[str, Any]:
    n = len(r.sources)
    shared = [set[int]() for _ in range(n)]
    for c in r.clusters:
        for m in c.members:
            shared[m.source].update(m.sentences)
    out: dict[str, Any] = {
        "sources": n,
        "clusters": len(r.clusters),
        "carried_by_all": sum(1 for c in r.clusters if len(c.members) == n),
        "body_sentences": [len(src.body()) for src in r.sources],
        "shared_sentences": [
            sum(1 for i in shared[k] if r.sources[k].sentences[i].role is Role.BODY) for k in range(n)
        ],
        "only_sentences": [len(o) for o in r.only],
    }
    if r.with_quotes:
        out["shared_quotes"] = sum(1 for qc in r.quote_clusters if len(qc.sources()) > 1)
    if r.with_facts:
        out["conflicts"] = sum(len(item.conflicts) for item in r.facts)
    return out
