"""The report model: frozen records that every step of the pipeline produces and every renderer reads.

Nothing here does any text processing. ``Report.to_dict()`` is the one serialiser; the JSON
renderer and the tests use it, so the JSON contract is defined in exactly one place.
"""

from __future__ import annotations

from collections.abc import Iterable
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
        """How many utterances both sources quote: the linked quotes in connected sets (a quote of
        A split in two by B is one utterance, not two links)."""
        parent: dict[tuple[str, int], tuple[str, int]] = {}

        def root(x: tuple[str, int]) -> tuple[str, int]:
            while parent.setdefault(x, x) != x:
                x = parent[x]
            return x

        for m in self.shared:
            parent[root(("a", m.a))] = root(("b", m.b))
        return len({root(x) for x in list(parent)})


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
        def body_chars(src: Source, idx: set[int] | None = None) -> int:
            return sum(
                s.end - s.start
                for s in src.sentences
                if s.role is Role.BODY and (idx is None or s.index in idx)
            )

        in_a = {i for g in self.alignment for i in g.a}
        in_b = {j for g in self.alignment for j in g.b}
        total_a, total_b = body_chars(self.a), body_chars(self.b)
        same = sum(1 for g in self.alignment if g.kind is GroupKind.SAME)
        return Summary(
            body_a=len(self.a.body()),
            body_b=len(self.b.body()),
            aligned_a=len(in_a),
            aligned_b=len(in_b),
            only_a=len(self.only_a),
            only_b=len(self.only_b),
            shared_chars_a=body_chars(self.a, in_a) / total_a if total_a else 0.0,
            shared_chars_b=body_chars(self.b, in_b) / total_b if total_b else 0.0,
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
