"""The sections of an N-source report computed once, as data, for the terminal and Markdown views.

The coverage matrix is a list of :class:`Row`: one per shared passage, shared quote and figure that
two sources or more state (or that a source contradicts), in story order within each block, with
one :class:`Mark` per source. Both views lay these rows out; neither decides what a mark means.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..model import FactItem, FactKind, MultiReport, Quote, QuoteCluster, QuoteMatchKind, Source


class Mark(StrEnum):
    """What one source does with one row of the matrix."""

    CARRIED = "●"
    """Carries it: the passage in the same words as another outlet, the quote word for word, the figure."""
    REWORDED = "◐"
    """Carries it in other words: a partial passage, a quote with other wording."""
    UNQUOTED = "○"
    """Reports the quote's content without quote marks."""
    DIFFERENT = "≠"
    """States a different figure for the same thing."""
    MISSING = " "


LEGEND = (
    (Mark.CARRIED, "carries it"),
    (Mark.REWORDED, "in other words"),
    (Mark.UNQUOTED, "without quote marks"),
    (Mark.DIFFERENT, "a different figure"),
)
"""The marks as the views explain them (blank: missing)."""


class RowKind(StrEnum):
    PASSAGE = "passage"
    QUOTE = "quote"
    FIGURE = "figure"


_PREFIX = {RowKind.PASSAGE: "P", RowKind.QUOTE: "Q", RowKind.FIGURE: "F"}


@dataclass(frozen=True)
class Row:
    """One line of the coverage matrix."""

    kind: RowKind
    number: int
    """1-based within its kind: P1, P2, ... Q1, ... F1, ..."""
    text: str
    """What the row is: a passage's wording (from the first source that carries it), a quote's
    speaker and words, a figure."""
    marks: tuple[Mark, ...]
    """One per source, in source order."""

    @property
    def name(self) -> str:
        return f"{_PREFIX[self.kind]}{self.number}"


def letter(k: int) -> str:
    """The short name of source ``k`` in matrices and link notes: A, B, C, ..."""
    return chr(ord("A") + k) if k < 26 else str(k + 1)


def shared_quotes(report: MultiReport) -> list[QuoteCluster]:
    """Quote clusters that two sources or more carry (quoting or paraphrasing)."""
    return [qc for qc in report.quote_clusters if len(qc.sources()) + len(qc.paraphrased_by()) > 1]


def shared_figures(report: MultiReport) -> list[FactItem]:
    """Figures (number facts) that two sources or more state, or that another source contradicts."""
    return [
        item
        for item in report.facts
        if item.kind is FactKind.NUMBER and (len(item.sources) > 1 or item.conflicts)
    ]


def quote_label(report: MultiReport, qc: QuoteCluster) -> str:
    """A quote cluster as one line: the speaker and the shortest wording."""
    quotes = [report.sources[r.source].quotes[r.quote] for r in qc.quotes]
    speaker = next((q.speaker for q in quotes if q.speaker), None)
    words = min((q.text for q in quotes), key=lambda t: (len(t), t))
    return f"{speaker or 'unattributed'}: “{words}”"


def unrelated(report: MultiReport) -> bool:
    """True when two sources or more have body sentences yet no passage links any of them."""
    return not report.clusters and not report.cross_links and sum(1 for s in report.sources if s.body()) > 1


def wordings(report: MultiReport, qc: QuoteCluster) -> list[tuple[int, Quote, int]]:
    """A quote cluster's quotes (source, quote, times), each distinct wording of a source once, with
    how many times that source gives it (an outlet quoting "profoundly" twice shows one line, ×2)."""
    out: dict[tuple[int, str, str | None], tuple[int, Quote, int]] = {}
    for ref in qc.quotes:
        q = report.sources[ref.source].quotes[ref.quote]
        key = (ref.source, q.text, q.speaker)
        _, first, count = out.get(key, (ref.source, q, 0))
        out[key] = (ref.source, first, count + 1)
    return list(out.values())


def fact_text(report: MultiReport, item: FactItem) -> str:
    first = item.mentions[0]
    return report.sources[first.source].facts[first.fact].text


def rows(report: MultiReport) -> list[Row]:
    """The coverage matrix: passages, then quotes, then figures, each block in story order."""
    n = len(report.sources)
    out: list[Row] = []
    for k, c in enumerate(report.clusters, 1):
        marks = [Mark.MISSING] * n
        for m in c.members:
            marks[m.source] = Mark.CARRIED if c.same_as_others(m.source) else Mark.REWORDED
        first = c.members[0]
        out.append(
            Row(RowKind.PASSAGE, k, report.sources[first.source].text_of(first.sentences), tuple(marks))
        )
    for k, qc in enumerate(shared_quotes(report), 1):
        marks = [Mark.MISSING] * n
        for p in qc.paraphrased_by():
            marks[p] = Mark.UNQUOTED
        for s in qc.sources():
            match = qc.match_of(s)
            marks[s] = Mark.CARRIED if match in (QuoteMatchKind.EXACT, None) else Mark.REWORDED
        out.append(Row(RowKind.QUOTE, k, quote_label(report, qc), tuple(marks)))
    for k, (text, items) in enumerate(figure_rows(report), 1):
        marks = [Mark.MISSING] * n
        for item in items:
            for s, mark in enumerate(_figure_marks(item, n)):
                if _STRENGTH[mark] > _STRENGTH[marks[s]]:
                    marks[s] = mark
        out.append(Row(RowKind.FIGURE, k, text, tuple(marks)))
    return out


_STRENGTH = {Mark.MISSING: 0, Mark.DIFFERENT: 1, Mark.REWORDED: 2, Mark.UNQUOTED: 2, Mark.CARRIED: 3}


def _figure_marks(item: FactItem, n: int) -> list[Mark]:
    """● for a source that states the figure; ≠ for one that states a different value (unless it
    also states this one in the same words); ● for one whose comparison found it in other words."""
    marks = [Mark.MISSING] * n
    for s in item.sources:
        marks[s] = Mark.CARRIED
    mentioned = {ref.source for ref in item.mentions}
    for conflict in item.conflicts:
        if conflict.b.source not in mentioned:
            marks[conflict.b.source] = Mark.DIFFERENT
    return marks


def figure_rows(report: MultiReport) -> list[tuple[str, list[FactItem]]]:
    """The shared figures as the matrix shows them: items of the same wording on one row (a figure
    stated twice with different contexts is two items, but one line to a reader)."""
    rows: dict[str, list[FactItem]] = {}
    for item in shared_figures(report):
        rows.setdefault(" ".join(fact_text(report, item).lower().split()), []).append(item)
    return [(fact_text(report, items[0]), items) for items in rows.values()]


def carried_note(report: MultiReport, sources: tuple[int, ...]) -> str:
    """ "carried by all", or "missing from X, Y" (by label)."""
    missing = [report.sources[k].label for k in range(len(report.sources)) if k not in sources]
    return "carried by all" if not missing else "missing from " + ", ".join(missing)


def only_facts(report: MultiReport, source: int) -> list[FactItem]:
    """Facts that this source alone states (no other source states them, in any words)."""
    return [item for item in report.facts if item.sources == (source,)]


def shared_sentences(report: MultiReport, source: int) -> set[int]:
    return {i for c in report.clusters for m in c.members if m.source == source for i in m.sentences}


def label_of(src: Source, k: int) -> str:
    return f"{letter(k)} · {src.label}"


__all__ = [
    "LEGEND",
    "Mark",
    "Row",
    "RowKind",
    "carried_note",
    "fact_text",
    "figure_rows",
    "label_of",
    "letter",
    "only_facts",
    "quote_label",
    "rows",
    "shared_figures",
    "shared_quotes",
    "shared_sentences",
    "unrelated",
    "wordings",
]
