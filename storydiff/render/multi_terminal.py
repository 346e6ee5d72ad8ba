"""The terminal view of three or more sources, and of ``storydiff analyze``.

Order: the sources; the coverage matrix (rows: shared passages, quotes and figures in story order;
columns: the outlets, by letter); conflicting figures; each shared quote with every outlet's
wording; what each outlet alone reports (facts); each shared passage with every outlet's wording,
"carried by all" or "missing from X"; then the sentences each outlet alone has.

As in :mod:`storydiff.render.terminal` (whose building blocks this reuses), article text only ever
enters a :class:`rich.text.Text` through :func:`~storydiff.render._text.visible`, and the marks of
the matrix are characters, so the view reads the same piped or with ``NO_COLOR``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.rule import Rule
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from ..model import Analysis, FactKind, GroupKind, Link, MultiReport, Role, Source
from . import SECTIONS
from ._multi import (
    LEGEND,
    Mark,
    Row,
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
from ._text import UNRELATED, location, paragraph_numbers, paragraph_runs, pct, plural, visible
from .terminal import ALERT, DIM, GREEN, LABEL, RED, _Grid, _heading, _label, _note, _text

MARK_STYLES = {
    Mark.CARRIED: f"bold {GREEN}",
    Mark.REWORDED: "bold #af8700",
    Mark.UNQUOTED: "bold #5f87af",
    Mark.DIFFERENT: f"bold {RED}",
    Mark.MISSING: "",
}
_BLOCK_TITLES = {RowKind.PASSAGE: "passages", RowKind.QUOTE: "quotes", RowKind.FIGURE: "figures"}
_KIND_TITLES = {FactKind.NUMBER: "figures", FactKind.DATE: "dates", FactKind.NAME: "names"}


def render(
    report: MultiReport,
    *,
    color: bool = True,
    sections: Collection[str] | None = None,
    explain: bool = False,
) -> RenderableType:
    """The N-source report as one rich renderable (``color``, ``sections``, ``explain`` as in
    :func:`storydiff.render.terminal.render`)."""
    return Group(*_Renderer(report, color, sections, explain).sections())


class _Matrix:
    """The coverage matrix, as wide as the console: a mark column of three cells per source, the
    rest for what each row is (cut with … where it does not fit)."""

    def __init__(self, report: MultiReport, items: Sequence[Row]) -> None:
        self.report = report
        self.items = items

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        n = len(self.report.sources)
        width = options.max_width
        name_w = max((len(r.name) for r in self.items), default=2)
        text_w = max(8, width - name_w - 1 - 3 * n - 1)
        header = Text(" " * (name_w + 1 + text_w + 1))
        for k in range(n):
            header.append(f" {letter(k):<2}", style="bold")
        header.rstrip()
        yield from header.render(console)
        yield Segment.line()
        block: RowKind | None = None
        for row in self.items:
            if row.kind is not block:
                block = row.kind
                title = Text(" " * (name_w + 1)) + Text(_BLOCK_TITLES[block], style=DIM)
                yield from title.render(console)
                yield Segment.line()
            line = Text(f"{row.name:>{name_w}} ", style=DIM)
            what = visible(row.text)
            if cell_len(what) > text_w:
                what = _cut(what, text_w)
            line.append(what)
            line.append(" " * (text_w - cell_len(what) + 1))
            for mark in row.marks:
                line.append(" ")
                line.append(mark.value, style=MARK_STYLES[mark])
                line.append(" ")
            line.rstrip()
            yield from line.render(console)
            yield Segment.line()


def _cut(text: str, width: int) -> str:
    """Text cut to ``width`` cells, ending with an ellipsis."""
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out.rstrip() + "…"


class _Renderer:
    def __init__(
        self, report: MultiReport, color: bool, sections: Collection[str] | None = None, explain: bool = False
    ) -> None:
        self.report = report
        self.color = color
        self.show = frozenset(SECTIONS if sections is None else sections)
        self.explain = explain
        self.labels = [visible(s.label) for s in report.sources]
        self.numbers = [paragraph_numbers(s) for s in report.sources]

    def sections(self) -> Iterator[RenderableType]:
        show = self.show
        if unrelated(self.report):
            yield Text(UNRELATED, style=ALERT)
        if "summary" in show:
            yield from self.overview()
        if "conflicts" in show and self.report.with_facts:
            yield from self.conflicts()
        if "quotes" in show and self.report.with_quotes:
            yield from self.quotes()
        if "facts" in show and self.report.with_facts:
            yield from self.facts_only()
        if "passages" in show:
            yield from self.passages()
        if "only" in show:
            for k in range(len(self.report.sources)):
                yield from self.only_sentences(k)

    def who(self, k: int) -> Text:
        return Text.assemble((f"{letter(k)} ", DIM), (self.labels[k], LABEL))

    def overview(self) -> Iterator[RenderableType]:
        r = self.report
        title = Text("storydiff  ", style="bold")
        for k, label in enumerate(self.labels):
            if k:
                title.append(" · ", style=DIM)
            title.append(label, style=LABEL)
        yield Rule(title, style=DIM)
        grid = _Grid([Text("outlet"), Text("title"), Text("sentences")], max_first=24)
        for k, src in enumerate(r.sources):
            shared = shared_sentences(r, k)
            body = len(src.body())
            in_body = sum(1 for i in shared if src.sentences[i].role is Role.BODY)
            counts = Text(f"{body} body · {in_body} shared · {len(r.only[k])} only here")
            if r.with_quotes:
                counts.append(f" · {plural(len(src.quotes), 'quote')}")
            grid.add_row(
                Text(f"{letter(k)} ", style="bold") + _text(src.label, LABEL),
                _text(src.title or "—", "italic"),
                counts,
            )
        yield grid
        n = len(r.sources)
        line = Text.assemble((plural(len(r.clusters), "shared passage"), LABEL))
        line.append(f", {sum(1 for c in r.clusters if len(c.members) == n)} carried by all")
        if r.with_quotes:
            line.append(" · ")
            line.append(plural(len(shared_quotes(r)), "shared quote"), style=LABEL)
        if r.with_facts:
            conflicts = sum(len(item.conflicts) for item in r.facts)
            line.append(" · ")
            if conflicts:
                line.append(f"⚠ {plural(conflicts, 'conflicting figure')}", style=ALERT)
            else:
                line.append("no conflicting figures")
        yield Padding(line, (1, 0, 0, 0))
        items = rows(r)
        yield _heading("Who carries what")
        legend = Text()
        for i, (mark, meaning) in enumerate(LEGEND):
            if i:
                legend.append(" · ", style=DIM)
            legend.append(mark.value, style=MARK_STYLES[mark])
            legend.append(f" {meaning}", style=DIM)
        legend.append(" · blank: missing", style=DIM)
        yield legend
        if not items:
            yield _note("Nothing is carried by two sources or more.")
            return
        yield _Matrix(r, items)

    def conflicts(self) -> Iterator[RenderableType]:
        r = self.report
        found = [(item, c) for item in r.facts for c in item.conflicts]
        if not found:
            return
        yield _heading(f"⚠ Conflicting figures · {len(found)}")
        figures = {id(item): k for k, (_, items) in enumerate(figure_rows(r), 1) for item in items}
        grid = _Grid(gap=1, max_first=6)
        for item, c in found:
            fa = r.sources[c.a.source].facts[c.a.fact]
            fb = r.sources[c.b.source].facts[c.b.fact]
            line = Text()
            line.append_text(self.who(c.a.source))
            line.append(": ")
            line.append(visible(fa.text), style=ALERT)
            line.append("  vs  ", style=DIM)
            line.append_text(self.who(c.b.source))
            line.append(": ")
            line.append(visible(fb.text), style=ALERT)
            line.append(f"\n{visible(c.note)}", style=DIM)
            name = f"F{figures[id(item)]}" if id(item) in figures else "·"
            grid.add_row(Text(name, style=DIM), line)
        yield grid

    def quotes(self) -> Iterator[RenderableType]:
        r = self.report
        shared = shared_quotes(r)
        yield _heading(f"Shared quotes · {len(shared)}")
        if not shared:
            yield _note("No quote appears in two sources.")
        for n, qc in enumerate(shared, 1):
            lines = Text()
            lines.append(f"Q{n} ", style="bold")
            lines.append(carried_note(r, qc.sources() + qc.paraphrased_by()), style=DIM)
            for source, q, times in wordings(r, qc):
                match = qc.match_of(source)
                lines.append("\n")
                lines.append_text(self.who(source))
                lines.append(": “")
                lines.append(visible(q.text))
                lines.append("”" + (f" ×{times}" if times > 1 else "") + " — ")
                lines.append(visible(q.speaker or "unattributed"), style=LABEL if q.speaker else "italic dim")
                if match is not None:
                    lines.append(f" ({match.value})", style=DIM)
            for p in qc.paraphrased:
                if p.source in qc.sources():
                    continue
                lines.append("\n")
                lines.append_text(self.who(p.source))
                lines.append(", without quote marks: ", style=DIM)
                lines.append(visible(r.sources[p.source].sentences[p.sentence].text))
            yield Padding(lines, (1, 0, 0, 0))
        for k, only in enumerate(r.quotes_only):
            if not only:
                continue
            src = r.sources[k]
            yield _heading(f"Quotes only in {self.labels[k]} · {len(only)}")
            grid = _Grid(gap=1)
            for i in only:
                q = src.quotes[i]
                item = Text("“") + _text(q.text) + Text("” — ", style=DIM)
                item.append(visible(q.speaker or "unattributed"), style=LABEL if q.speaker else "italic dim")
                grid.add_row(Text("•", style=DIM), item)
            yield grid

    def facts_only(self) -> Iterator[RenderableType]:
        r = self.report
        yield _heading("What each outlet alone reports")
        any_only = False
        for k in range(len(r.sources)):
            facts = only_facts(r, k)
            if not facts:
                continue
            any_only = True
            grid = _Grid(max_first=10)
            for kind, title in _KIND_TITLES.items():
                texts = list(dict.fromkeys(fact_text(r, f) for f in facts if f.kind is kind))
                if texts:
                    grid.add_row(_label(title), Text(" · ".join(visible(t) for t in texts)))
            yield Padding(self.who(k), (1, 0, 0, 0))
            yield grid
        if not any_only:
            yield _note("None: every figure, date and name appears in two sources or more.")

    def passages(self) -> Iterator[RenderableType]:
        r = self.report
        yield _heading(f"Shared passages · {len(r.clusters)}")
        if not r.clusters:
            yield _note("No passage appears in two sources.")
            return
        for n, c in enumerate(r.clusters, 1):
            head = Text.assemble((f"P{n} ", "bold"), (c.kind.value, DIM), (" · ", DIM))
            head.append(carried_note(r, c.sources()), style=DIM)
            lines = [head]
            for m in c.members:
                src = r.sources[m.source]
                line = self.who(m.source)
                line.append(f" ({location(src, m.sentences, self.numbers[m.source])})", style=DIM)
                line.append(": ")
                line.append(visible(src.text_of(m.sentences)))
                lines.append(line)
            lines.append(_note(self.links_note(c.links)))
            if self.explain:
                for link in c.links:
                    if link.why is not None and (link.why.names or link.why.terms):
                        why = Text(f"why {letter(link.a.source)}–{letter(link.b.source)}: ", style=DIM)
                        why.append(", ".join(visible(t) for t in (*link.why.names, *link.why.terms)))
                        lines.append(why)
            yield Padding(Group(*lines), (1, 0, 0, 0))
        if r.cross_links:
            yield _heading(f"Also linked, across passages · {len(r.cross_links)}")
            grid = _Grid(gap=1)
            for link in r.cross_links:
                a, b = r.sources[link.a.source], r.sources[link.b.source]
                item = self.who(link.a.source) + Text(f": {visible(a.text_of(link.a.sentences))}\n")
                item.append_text(self.who(link.b.source))
                item.append(f": {visible(b.text_of(link.b.sentences))}")
                grid.add_row(Text("•", style=DIM), item)
            yield grid

    def links_note(self, links: Sequence[Link]) -> str:
        """How each pair of outlets compares on a passage: "A–B same 91% · A–C partial · B–C via others"."""
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

    def only_sentences(self, k: int) -> Iterator[RenderableType]:
        src = self.report.sources[k]
        only = self.report.only[k]
        yield _heading(f"Only in {self.labels[k]} · {plural(len(only), 'sentence')}")
        if not only:
            yield _note("None: every body sentence is carried by another source.")
            return
        grid = _Grid(gap=1)
        for run in paragraph_runs(src, only):
            grid.add_row(Text("•", style=DIM), _text(src.text_of(run)))
        yield grid


# --- analyze ----------------------------------------------------------------------------------------


def render_analysis(analysis: Analysis, *, color: bool = True) -> RenderableType:
    """``storydiff analyze``: each document's sentences with roles, its quotes and its facts."""
    del color  # the marks are words; nothing depends on colour
    parts: list[RenderableType] = []
    for src in analysis.sources:
        parts.extend(_analysis_of(src))
    return Group(*parts)


def _analysis_of(src: Source) -> Iterator[RenderableType]:
    title = Text.assemble(("storydiff analyze  ", "bold"), (visible(src.label), LABEL))
    yield Rule(title, style=DIM)
    counts = {role: sum(1 for s in src.sentences if s.role is role) for role in Role}
    summary = Text(
        f"{visible(src.path or '—')} · {plural(counts[Role.BODY], 'body sentence')}"
        f" · {counts[Role.HEADLINE]} headline · {counts[Role.BOILERPLATE]} set aside"
        f" · {plural(len(src.quotes), 'quote')} · {plural(len(src.facts), 'fact')}",
        style=DIM,
    )
    yield summary
    if src.title:
        yield _text(src.title, "italic")
    yield _heading(f"Sentences · {len(src.sentences)}")
    numbers = paragraph_numbers(src)
    grid = _Grid([Text("#"), Text("role"), Text("text")], max_first=5)
    for s in src.sentences:
        role = s.role.value
        if s.role is Role.BODY:
            role = f"¶{numbers.get(s.paragraph, s.paragraph + 1)}"
        elif s.reason:
            role += f" ({s.reason})"
        grid.add_row(
            Text(str(s.index), style=DIM),
            Text(visible(role), style=DIM),
            _text(s.text, "" if s.role is Role.BODY else DIM),
        )
    widest = max((cell_len(row[1].plain) for row in grid.rows), default=4)
    yield _Fixed(grid, min(22, max(4, widest)))
    yield _heading(f"Quotes · {len(src.quotes)}")
    if not src.quotes:
        yield _note("No direct quote found.")
    else:
        qgrid = _Grid([Text("speaker"), Text("quote")], max_first=24)
        for q in src.quotes:
            who = _text(q.speaker or "unattributed", LABEL if q.speaker else "italic dim")
            if q.speaker and q.attribution:
                who.append(f"\n({visible(q.attribution)})", style=DIM)
            qgrid.add_row(who, Text("“") + _text(q.text) + Text(f"” (sentence {q.sentence})", style=DIM))
        yield qgrid
    yield _heading(f"Facts · {len(src.facts)}")
    if not src.facts:
        yield _note("No figure, date or name found.")
        return
    fgrid = _Grid(max_first=10)
    for kind, name in _KIND_TITLES.items():
        texts = list(dict.fromkeys(f.text for f in src.facts if f.kind is kind))
        if texts:
            fgrid.add_row(_label(name), Text(" · ".join(visible(t) for t in texts)))
    yield fgrid


class _Fixed:
    """A grid whose second column is ``width`` cells at most (the role column of the sentence list)."""

    def __init__(self, grid: _Grid, width: int) -> None:
        self.grid = grid
        self.width = width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self.grid.widths(options.max_width)
        if len(widths) == 3 and widths[1] > self.width:
            widths[2] += widths[1] - self.width
            widths[1] = self.width
        gap = Segment(" " * self.grid.gap)
        if self.grid.headers:
            yield from _Grid._row(console, self.grid.headers, widths, gap, Style(bold=True))
        for row in self.grid.rows:
            yield from _Grid._row(console, row, widths, gap, None)


__all__ = ["render", "render_analysis"]
