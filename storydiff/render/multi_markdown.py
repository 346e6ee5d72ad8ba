"""The Markdown view of three or more sources, and of ``storydiff analyze``.

The same sections as :mod:`storydiff.render.multi_terminal`, in the same order; the coverage
matrix is a table with a column per outlet. Article text goes through
:func:`storydiff.render.markdown.inline`, so it renders literally.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from ..model import Analysis, FactKind, GroupKind, Link, MultiReport, Role, Source
from . import SECTIONS
from ._multi import (
    LEGEND,
    RowKind,
    carried_note,
    fact_text,
    figure_rows,
    letter,
    only_facts,
    rows,
    shared_quotes,
    shared_sentences,
    unrelated,
    wordings,
)
from ._text import UNRELATED, location, paragraph_numbers, paragraph_runs, pct, plural
from .markdown import _row, inline

MATRIX_TEXT = 90
"""Longest text of a matrix row, in characters; the full wording follows in its section."""

_KIND_TITLES = {FactKind.NUMBER: "Figures", FactKind.DATE: "Dates", FactKind.NAME: "Names"}
_BLOCK_TITLES = {RowKind.PASSAGE: "Passage", RowKind.QUOTE: "Quote", RowKind.FIGURE: "Figure"}


def render(report: MultiReport, *, sections: Collection[str] | None = None, explain: bool = False) -> str:
    """The N-source report as GitHub-flavoured Markdown, ending with a newline."""
    show = frozenset(SECTIONS if sections is None else sections)
    blocks: list[str] = []
    if unrelated(report):
        blocks.append(f"**⚠ {UNRELATED}.**")
    if "summary" in show:
        blocks.extend(_overview(report))
    if "conflicts" in show and report.with_facts:
        blocks.extend(_conflicts(report))
    if "quotes" in show and report.with_quotes:
        blocks.extend(_quotes(report))
    if "facts" in show and report.with_facts:
        blocks.extend(_facts_only(report))
    if "passages" in show:
        blocks.extend(_passages(report, explain))
    if "only" in show:
        for k in range(len(report.sources)):
            blocks.extend(_only_sentences(report, k))
    return "\n\n".join(blocks) + "\n"


def _who(report: MultiReport, k: int) -> str:
    return f"**{letter(k)} · {inline(report.sources[k].label)}**"


def _short(text: str) -> str:
    return text if len(text) <= MATRIX_TEXT else text[: MATRIX_TEXT - 1].rstrip() + "…"


def _overview(report: MultiReport) -> Iterator[str]:
    n = len(report.sources)
    yield "# storydiff: " + " · ".join(inline(s.label) for s in report.sources)
    table = [
        _row(["", "Outlet", "Title", "Body sentences", "Shared", "Only here", "Quotes"]),
        _row(["---"] * 7),
    ]
    for k, src in enumerate(report.sources):
        shared = sum(1 for i in shared_sentences(report, k) if src.sentences[i].role is Role.BODY)
        table.append(
            _row(
                [
                    letter(k),
                    inline(src.label),
                    inline(src.title or "—"),
                    str(len(src.body())),
                    str(shared),
                    str(len(report.only[k])),
                    str(len(src.quotes)) if report.with_quotes else "—",
                ]
            )
        )
    yield "\n".join(table)
    line = [
        f"**{plural(len(report.clusters), 'shared passage')}**, "
        f"{sum(1 for c in report.clusters if len(c.members) == n)} carried by all."
    ]
    if report.with_quotes:
        line.append(f"**{plural(len(shared_quotes(report)), 'shared quote')}**.")
    if report.with_facts:
        conflicts = sum(len(item.conflicts) for item in report.facts)
        line.append(
            f"**⚠ {plural(conflicts, 'conflicting figure')}**." if conflicts else "No conflicting figures."
        )
    yield " ".join(line)
    yield "## Who carries what"
    yield " · ".join(f"{mark.value} {meaning}" for mark, meaning in LEGEND) + " · blank: missing"
    items = rows(report)
    if not items:
        yield "Nothing is carried by two sources or more."
        return
    header = _row(["", "", *(letter(k) for k in range(n))])
    table = [header, _row(["---", "---", *([":-:"] * n)])]
    block: RowKind | None = None
    for row in items:
        if row.kind is not block:
            block = row.kind
            table.append(_row(["", f"*{_BLOCK_TITLES[block]}s*", *([""] * n)]))
        table.append(_row([row.name, inline(_short(row.text)), *(m.value.strip() for m in row.marks)]))
    yield "\n".join(table)


def _conflicts(report: MultiReport) -> Iterator[str]:
    found = [(item, c) for item in report.facts for c in item.conflicts]
    if not found:
        return
    figures = {id(item): k for k, (_, items) in enumerate(figure_rows(report), 1) for item in items}
    yield f"## ⚠ Conflicting figures ({len(found)})"
    lines = []
    for item, c in found:
        fa = report.sources[c.a.source].facts[c.a.fact]
        fb = report.sources[c.b.source].facts[c.b.fact]
        name = f"F{figures[id(item)]}: " if id(item) in figures else ""
        lines.append(
            f"- {name}{_who(report, c.a.source)}: {inline(fa.text)} — {_who(report, c.b.source)}: "
            f"{inline(fb.text)} *({inline(c.note)})*"
        )
    yield "\n".join(lines)


def _quotes(report: MultiReport) -> Iterator[str]:
    shared = shared_quotes(report)
    yield f"## Shared quotes ({len(shared)})"
    if not shared:
        yield "No quote appears in two sources."
    for n, qc in enumerate(shared, 1):
        lines = [f"**Q{n}.** {carried_note(report, qc.sources() + qc.paraphrased_by())}", ""]
        for source, q, times in wordings(report, qc):
            match = qc.match_of(source)
            speaker = inline(q.speaker) if q.speaker else "*unattributed*"
            lines.append(
                f"- {_who(report, source)}: “{inline(q.text)}”{f' ×{times}' if times > 1 else ''} — {speaker}"
                + (f" *({match.value})*" if match is not None else "")
            )
        for p in qc.paraphrased:
            if p.source in qc.sources():
                continue
            sentence = report.sources[p.source].sentences[p.sentence].text
            lines.append(f"- {_who(report, p.source)}, without quote marks: {inline(sentence)}")
        yield "\n".join(lines)
    for k, only in enumerate(report.quotes_only):
        if not only:
            continue
        src = report.sources[k]
        yield f"## Quotes only in {inline(src.label)} ({len(only)})"
        yield "\n".join(
            f"- “{inline(q.text)}” — {inline(q.speaker) if q.speaker else '*unattributed*'}"
            for q in (src.quotes[i] for i in only)
        )


def _facts_only(report: MultiReport) -> Iterator[str]:
    yield "## What each outlet alone reports"
    table = [_row(["", *_KIND_TITLES.values()]), _row(["---"] * (1 + len(_KIND_TITLES)))]
    for k, src in enumerate(report.sources):
        facts = only_facts(report, k)
        cells = []
        for kind in _KIND_TITLES:
            texts = dict.fromkeys(fact_text(report, f) for f in facts if f.kind is kind)
            cells.append("; ".join(inline(t) for t in texts) or "—")
        table.append(_row([inline(src.label), *cells]))
    yield "\n".join(table)


def _links_note(links: Sequence[Link]) -> str:
    parts = []
    for link in links:
        pair = f"{letter(link.a.source)}–{letter(link.b.source)}"
        if not link.direct:
            parts.append(f"{pair} through another outlet")
        elif link.kind is GroupKind.SAME and link.score is not None:
            parts.append(f"{pair} same {pct(link.score)}")
        else:
            parts.append(f"{pair} partial")
    return " · ".join(parts)


def _passages(report: MultiReport, explain: bool) -> Iterator[str]:
    yield f"## Shared passages ({len(report.clusters)})"
    if not report.clusters:
        yield "No passage appears in two sources."
        return
    numbers = [paragraph_numbers(s) for s in report.sources]
    for n, c in enumerate(report.clusters, 1):
        lines = [f"**P{n}.** {c.kind.value} · {carried_note(report, c.sources())}", ""]
        for m in c.members:
            src = report.sources[m.source]
            where = location(src, m.sentences, numbers[m.source])
            lines.append(f"- {_who(report, m.source)} ({where}): {inline(src.text_of(m.sentences))}")
        lines.append(f"- *{_links_note(c.links)}*")
        if explain:
            for link in c.links:
                if link.why is not None and (link.why.names or link.why.terms):
                    pair = f"{letter(link.a.source)}–{letter(link.b.source)}"
                    words = (*link.why.names, *link.why.terms)
                    lines.append(f"- *why {pair}:* " + ", ".join(inline(t) for t in words))
        yield "\n".join(lines)
    if report.cross_links:
        yield f"## Also linked, across passages ({len(report.cross_links)})"
        items = []
        for link in report.cross_links:
            a, b = report.sources[link.a.source], report.sources[link.b.source]
            items.append(
                f"- {_who(report, link.a.source)}: {inline(a.text_of(link.a.sentences))}\n"
                f"  - {_who(report, link.b.source)}: {inline(b.text_of(link.b.sentences))}"
            )
        yield "\n".join(items)


def _only_sentences(report: MultiReport, k: int) -> Iterator[str]:
    src = report.sources[k]
    only = report.only[k]
    yield f"## Only in {inline(src.label)} ({plural(len(only), 'sentence')})"
    if not only:
        yield "None: every body sentence is carried by another source."
        return
    yield "\n".join("- " + inline(src.text_of(run)) for run in paragraph_runs(src, only))


# --- analyze ----------------------------------------------------------------------------------------


def render_analysis(analysis: Analysis) -> str:
    """``storydiff analyze`` as Markdown: each document's sentences, quotes and facts."""
    blocks: list[str] = []
    for src in analysis.sources:
        blocks.extend(_analysis_of(src))
    return "\n\n".join(blocks) + "\n"


def _analysis_of(src: Source) -> Iterator[str]:
    yield f"# storydiff analyze: {inline(src.label)}"
    counts = {role: sum(1 for s in src.sentences if s.role is role) for role in Role}
    yield (
        f"{inline(src.path or '—')} · {plural(counts[Role.BODY], 'body sentence')} · "
        f"{counts[Role.HEADLINE]} headline · {counts[Role.BOILERPLATE]} set aside · "
        f"{plural(len(src.quotes), 'quote')} · {plural(len(src.facts), 'fact')}"
    )
    yield f"## Sentences ({len(src.sentences)})"
    numbers = paragraph_numbers(src)
    table = [_row(["#", "Role", "Text"]), _row(["---", "---", "---"])]
    for s in src.sentences:
        if s.role is Role.BODY:
            role = f"¶{numbers.get(s.paragraph, s.paragraph + 1)}"
        else:
            role = s.role.value + (f" ({inline(s.reason)})" if s.reason else "")
        table.append(_row([str(s.index), role, inline(s.text)]))
    yield "\n".join(table)
    yield f"## Quotes ({len(src.quotes)})"
    if src.quotes:
        yield "\n".join(
            f"- {inline(q.speaker) if q.speaker else '*unattributed*'}"
            + (f" *({inline(q.attribution)})*" if q.speaker and q.attribution else "")
            + f": “{inline(q.text)}” (sentence {q.sentence})"
            for q in src.quotes
        )
    else:
        yield "No direct quote found."
    yield f"## Facts ({len(src.facts)})"
    if not src.facts:
        yield "No figure, date or name found."
        return
    lines = []
    for kind, title in _KIND_TITLES.items():
        texts = dict.fromkeys(f.text for f in src.facts if f.kind is kind)
        if texts:
            lines.append(f"- **{title}:** " + "; ".join(inline(t) for t in texts))
    yield "\n".join(lines)


__all__ = ["render", "render_analysis"]
