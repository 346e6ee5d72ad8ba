"""The terminal renderer: a rich renderable a journalist can scan, from the overview down to each sentence.

Order: the two sources and how much they share; conflicting figures (the most urgent finding); the
quotes both carry, quotes only one has and quotes one paraphrases; facts only one reports; then the
shared passages side by side with their word differences; finally what only A and only B say.

Article text never becomes markup. Everything is built from :class:`rich.text.Text` objects (never a
markup string, never a plain ``str`` that rich would parse for markup or emoji), after
:func:`~storydiff.render._text.visible` has turned escape sequences and other control characters
into visible symbols.

Styles carry the meaning where the console shows them. Piped output shows no styles at all and
``NO_COLOR`` no colours, so with ``color=False`` changed words are also marked in text:
``[-words only A has-]`` and ``{+words only B has+}``. Long reports stay fast: the side-by-side
sections use :class:`_Grid`, not rich's ``Table``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from ..model import AlignedGroup, DiffOp, Fact, FactKind, GroupKind, Op, Quote, Report, Role, Source, Why
from . import SECTIONS
from ._text import (
    JUMP,
    UNRELATED,
    aligned_indices,
    jump_chunks,
    location,
    minor_variants,
    nothing_aligned,
    paragraph_numbers,
    paragraph_runs,
    partial_reason,
    pct,
    plural,
    punctuation_only,
    quote_match_label,
    shared_note,
    visible,
)

# Colours readable on dark and light terminal themes alike: each has a contrast ratio of at least
# 4.5:1 (WCAG AA) against both black and white, and each is a colour of the xterm 256-colour cube,
# so a 256-colour terminal shows exactly it. (On a 16-colour terminal rich falls back to the
# nearest ANSI colour, whose shade is the theme's.) tests/render/test_terminal.py checks the ratios.
RED = "#af5f5f"
GREEN = "#00875f"
BLUE = "#5f5fff"

A_ONLY = f"bold {RED}"
"""Words only A has, in A's column."""
B_ONLY = f"bold {GREEN}"
"""Words only B has, in B's column."""
A_ONLY_LONG = RED
B_ONLY_LONG = GREEN
"""A long run of changed words (a whole added sentence) in colour without bold, so that a
partial passage is not a flood of bold colour and the short changes still stand out."""
LONG_RUN = 8
"""Changed runs of more words than this are shown in the lighter style."""
MINOR = "underline"
"""Words that differ between the two only in spelling, hyphenation, punctuation or case."""
LABEL = "bold"
DIM = "dim"
HEADING = f"bold {BLUE}"
ALERT = f"bold {RED}"

_KIND_TITLES = {FactKind.NUMBER: "figures", FactKind.DATE: "dates", FactKind.NAME: "names"}


def render(
    report: Report,
    *,
    color: bool = True,
    sections: Collection[str] | None = None,
    explain: bool = False,
) -> RenderableType:
    """The report as one rich renderable; printing it is the caller's business.

    ``color`` says whether the console will show colours. Pass ``False`` when it renders no
    styles (piped output: ``console.color_system is None``) or no colours (``NO_COLOR``:
    ``console.no_color``); changed words then carry ``[-…-]``/``{+…+}`` markers so that the
    differences stay visible in plain text::

        console.print(render(report, color=console.color_system is not None and not console.no_color))

    ``sections`` limits the report to those of :data:`storydiff.render.SECTIONS` (None: all);
    ``explain`` adds under each shared passage what links its sentences (``AlignedGroup.why``).
    """
    return Group(*_Renderer(report, color, sections, explain).sections())


def _text(value: str, style: str = "") -> Text:
    """Article (or user-given) text as a Text: one line, control characters made visible.

    The style goes on a span, not on the Text itself, so that it does not spread to what is
    appended to the result.
    """
    out = Text()
    out.append(visible(value), style=style)
    return out


def _heading(title: str) -> RenderableType:
    """A section title: a rule with the title on the left, a blank line above it."""
    return Padding(Rule(Text(title, style=HEADING), align="left", style=DIM), (1, 0, 0, 0))


def _label(name: str) -> Text:
    return Text(name, style=DIM)


def _note(message: str) -> Text:
    return Text(message, style=DIM)


class _Grid:
    """Cells side by side, wrapped to the width available: a lean table for thousands of rows.

    rich's ``Table`` measures every cell to size its columns and costs about a millisecond a row,
    which is seconds for a long comparison. Here the first column (when ``fixed_first``) is as wide as
    its widest line, up to ``max_first``, and the other columns share the rest equally; each cell is
    wrapped once. Lines carry no trailing padding.
    """

    def __init__(
        self,
        headers: Sequence[Text] | None = None,
        *,
        fixed_first: bool = True,
        max_first: int = 24,
        spaced: bool = False,
        gap: int = 2,
    ) -> None:
        self.headers = headers
        self.fixed_first = fixed_first
        self.max_first = max_first
        self.spaced = spaced
        self.gap = gap
        self.rows: list[Sequence[Text]] = []

    def add_row(self, *cells: Text) -> None:
        self.rows.append(cells)

    def widths(self, total: int) -> list[int]:
        columns = len(self.headers) if self.headers else len(self.rows[0]) if self.rows else 1
        first: list[int] = []
        rest = columns
        if self.fixed_first and columns > 1:
            cells = [r[0] for r in self.rows] + ([self.headers[0]] if self.headers else [])
            widest = max((cell_len(line) for c in cells for line in c.plain.split("\n")), default=1)
            first = [max(1, min(widest, self.max_first, total // 3))]
            rest -= 1
        space = max(rest * 4, total - sum(first) - self.gap * (columns - 1))
        each = [space // rest] * rest
        each[-1] += space - sum(each)
        return first + each

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self.widths(options.max_width)
        gap = Segment(" " * self.gap)
        if self.headers:
            yield from self._row(console, self.headers, widths, gap, Style(bold=True))
            yield Segment(
                ("-" if options.ascii_only else "─")
                * min(options.max_width, sum(widths) + self.gap * (len(widths) - 1)),
                Style(dim=True),
            )
            yield Segment.line()
        for n, row in enumerate(self.rows):
            if n and self.spaced:
                yield Segment.line()
            yield from self._row(console, row, widths, gap, None)

    @staticmethod
    def _row(
        console: Console, cells: Sequence[Text], widths: list[int], gap: Segment, style: Style | None
    ) -> RenderResult:
        wrapped = [cell.wrap(console, w, overflow="fold") for cell, w in zip(cells, widths, strict=True)]
        for y in range(max(len(lines) for lines in wrapped)):
            line = [lines[y] if y < len(lines) else Text() for lines in wrapped]
            for part in line:
                part.rstrip()
            last = max((x for x, part in enumerate(line) if part.plain), default=-1)
            for x in range(last + 1):
                if style is not None:
                    line[x].stylize(style)
                if x:
                    yield gap
                yield from line[x].render(console)
                if x < last:
                    yield Segment(" " * (widths[x] - line[x].cell_len))
            yield Segment.line()


class _Renderer:
    def __init__(
        self, report: Report, color: bool, sections: Collection[str] | None = None, explain: bool = False
    ) -> None:
        self.report = report
        self.color = color
        self.show = frozenset(SECTIONS if sections is None else sections)
        self.explain = explain
        self.la = visible(report.a.label)
        self.lb = visible(report.b.label)

    def sections(self) -> Iterator[RenderableType]:
        r = self.report
        show = self.show
        if nothing_aligned(r):
            yield Text(UNRELATED, style=ALERT)
        if "summary" in show:
            yield from self.overview()
        if "conflicts" in show and r.facts is not None and r.facts.conflicts:
            yield from self.conflicts()
        if "quotes" in show and r.quotes is not None:
            yield from self.quotes()
        if "facts" in show and r.facts is not None:
            yield from self.facts_only()
        if "passages" in show:
            yield from self.passages()
        if "only" in show:
            yield from self.only_sentences(r.a, r.only_a)
            yield from self.only_sentences(r.b, r.only_b)
            yield from self.set_aside()

    # --- marked-up diffs -------------------------------------------------------------------------

    def marked(self, diff: Sequence[DiffOp], side: str) -> Text:
        """One side of a word diff, the words the other lacks emphasised (and bracketed without colour)."""
        out = Text()
        style, (open_, close) = (A_ONLY, ("[-", "-]")) if side == "a" else (B_ONLY, ("{+", "+}"))
        for d in diff:
            words = d.a if side == "a" else d.b
            if not words:
                continue
            if out:
                out.append(" ")
            if d.op is Op.EQUAL:
                out.append(visible(words))
            elif d.minor:
                out.append(visible(words), style="" if punctuation_only(d.a, d.b) else MINOR)
            elif self.color:
                long = len(words.split()) > LONG_RUN
                out.append(
                    visible(words), style=(A_ONLY_LONG if side == "a" else B_ONLY_LONG) if long else style
                )
            else:
                out.append(f"{open_}{visible(words)}{close}", style=style)
        return out

    def legend(self, what: str) -> Text:
        """What the marks mean; each phrase in its own style, so it still reads right without colour."""
        if self.color:
            return Text.assemble(
                ("key: ", DIM),
                (f"words only {self.la} {what}", A_ONLY),
                (" · ", DIM),
                (f"words only {self.lb} {what}", B_ONLY),
                (" · ", DIM),
                ("minor variant", MINOR),
            )
        return _note(f"[-…-]: words only {self.la} {what} · {{+…+}}: words only {self.lb} {what}")

    @staticmethod
    def minor_note(diff: Sequence[DiffOp]) -> Text | None:
        named, punctuation = minor_variants(diff)
        if not named and not punctuation:
            return None
        out = Text.assemble(("minor: ", DIM))
        for i, (x, y) in enumerate(named):
            if i:
                out.append("; ", style=DIM)
            out.append(visible(x))
            out.append(" ~ ", style=DIM)
            out.append(visible(y))
        if punctuation:
            sep = "; " if named else ""
            out.append(f"{sep}punctuation ×{punctuation}", style=DIM)
        return out

    # --- sections --------------------------------------------------------------------------------

    def two_columns(
        self,
        first: str | None = "",
        *,
        a_title: str | None = None,
        b_title: str | None = None,
        spaced: bool = False,
        max_first: int = 24,
    ) -> _Grid:
        """A table of A beside B, each half of the width left by a narrow first column (if any)."""
        headers = [Text(a_title if a_title is not None else f"A · {self.la}")]
        headers.append(Text(b_title if b_title is not None else f"B · {self.lb}"))
        if first is not None:
            headers.insert(0, Text(first))
        return _Grid(headers, fixed_first=first is not None, spaced=spaced, max_first=max_first)

    def overview(self) -> Iterator[RenderableType]:
        r = self.report
        a, b, s = r.a, r.b, r.summary
        title = Text.assemble(("storydiff  ", "bold"), (self.la, LABEL), (" vs ", DIM), (self.lb, LABEL))
        yield Rule(title, style=DIM)
        table = self.two_columns()
        if a.title or b.title:
            table.add_row(_label("title"), _text(a.title or "—", "italic"), _text(b.title or "—", "italic"))
        table.add_row(_label("file"), self.file_note(a), self.file_note(b))
        if a.author or b.author:
            table.add_row(_label("author"), _text(a.author or "—"), _text(b.author or "—"))
        if a.date or b.date:
            table.add_row(_label("date"), _text(a.date or "—"), _text(b.date or "—"))
        table.add_row(_label("body sentences"), Text(str(s.body_a)), Text(str(s.body_b)))
        in_a, in_b = aligned_indices(r)
        table.add_row(
            _label("shared"),
            Text(f"{shared_note(a, in_a)} · {pct(s.shared_chars_a)} of the text"),
            Text(f"{shared_note(b, in_b)} · {pct(s.shared_chars_b)} of the text"),
        )
        table.add_row(
            _label("only here"), Text(plural(s.only_a, "sentence")), Text(plural(s.only_b, "sentence"))
        )
        if r.quotes is not None:
            q = r.quotes
            table.add_row(
                _label("quotes"),
                Text(f"{len(a.quotes)} ({len(q.shared)} shared, {len(q.only_a)} only here)"),
                Text(f"{len(b.quotes)} ({len(q.shared)} shared, {len(q.only_b)} only here)"),
            )
        if r.facts is not None:
            table.add_row(
                _label("facts only here"), Text(str(len(r.facts.only_a))), Text(str(len(r.facts.only_b)))
            )
        yield table
        line = Text.assemble((plural(s.groups, "shared passage"), LABEL))
        line.append(f": {s.same_groups} same, {s.partial_groups} partial")
        if s.shared_quotes is not None:
            line.append(" · ")
            line.append(plural(s.shared_quotes, "shared quote"), style=LABEL)
        if s.conflicts is not None:
            line.append(" · ")
            if s.conflicts:
                line.append(f"⚠ {plural(s.conflicts, 'conflicting figure')}", style=ALERT)
            else:
                line.append("no conflicting figures")
        yield Padding(line, (1, 0, 0, 0))

    @staticmethod
    def file_note(src: Source) -> Text:
        out = _text(src.path or "—")
        note = src.encoding + (f", text extracted from {src.converted_from}" if src.converted_from else "")
        out.append(f" ({visible(note)})", style=DIM)
        return out

    def fact_in_sentence(self, src: Source, fact: Fact) -> Text:
        """The fact in bold, then the sentence it comes from with the fact underlined."""
        out = _text(fact.text, ALERT)
        if not 0 <= fact.sentence < len(src.sentences):
            return out
        sentence = src.sentences[fact.sentence]
        out.append("\n")
        lo, hi = fact.start - sentence.start, fact.end - sentence.start
        if 0 <= lo < hi <= len(sentence.text) and sentence.text[lo:hi] == fact.text:
            out.append(visible(sentence.text[:lo]), style=DIM)
            out.append(visible(sentence.text[lo:hi]), style="underline")
            out.append(visible(sentence.text[hi:]), style=DIM)
        else:
            out.append(visible(sentence.text), style=DIM)
        return out

    def conflicts(self) -> Iterator[RenderableType]:
        assert self.report.facts is not None
        conflicts = self.report.facts.conflicts
        table = self.two_columns("conflict")
        for c in conflicts:
            what = _text(c.note, LABEL)
            what.append(f"\n{c.kind.value}", style=DIM)
            table.add_row(
                what, self.fact_in_sentence(self.report.a, c.a), self.fact_in_sentence(self.report.b, c.b)
            )
        title = Text(f"⚠ Conflicting figures · {len(conflicts)}", style=ALERT)
        yield Padding(Panel(table, title=title, title_align="left", border_style="red"), (1, 0, 0, 0))

    @staticmethod
    def quote_text(q: Quote) -> Text:
        return Text("“") + _text(q.text) + Text("”")

    @staticmethod
    def speaker(name: str | None, attribution: str | None = None) -> Text:
        out = _text(name or "unattributed", LABEL if name else "italic dim")
        if name and attribution:
            out.append(f" ({visible(attribution)})", style=DIM)
        return out

    def quotes(self) -> Iterator[RenderableType]:
        r = self.report
        assert r.quotes is not None
        q = r.quotes
        qa, qb = r.a.quotes, r.b.quotes
        yield _heading(f"Shared quotes · {len(q.shared)}")
        if q.shared:
            yield self.legend("quotes")
            table = self.two_columns("speaker · match", spaced=True, max_first=20)
            for m in q.shared:
                a, b = qa[m.a], qb[m.b]
                if a.speaker and b.speaker and a.speaker != b.speaker:
                    who = _text(a.speaker, LABEL) + Text(" / ") + _text(b.speaker, LABEL)
                else:
                    who = self.speaker(a.speaker or b.speaker)
                found = next((x.attribution for x in (a, b) if x.attribution and x.speaker), None)
                if found:
                    who.append(f"\n({visible(found)})", style=DIM)
                who.append(f"\n{quote_match_label(m)}", style=DIM)
                if m.diff:
                    wa = Text("“") + self.marked(m.diff, "a") + Text("”")
                    wb = Text("“") + self.marked(m.diff, "b") + Text("”")
                else:
                    wa, wb = self.quote_text(a), self.quote_text(b)
                note = self.minor_note(m.diff)
                if note is not None:
                    wb.append("\n")
                    wb.append_text(note)
                table.add_row(who, wa, wb)
            yield table
        else:
            yield _note("No quote appears in both.")
        for src, only in ((r.a, q.only_a), (r.b, q.only_b)):
            if not only:
                continue
            yield _heading(f"Quotes only in {visible(src.label)} · {len(only)}")
            yield self.bullets(
                self.quote_text(src.quotes[i])
                + Text(" — ", style=DIM)
                + self.speaker(src.quotes[i].speaker, src.quotes[i].attribution)
                for i in only
            )
        if q.paraphrased:
            yield _heading(f"Quoted in one, paraphrased in the other · {len(q.paraphrased)}")
            table = self.two_columns(
                None, a_title="quoted", b_title="reported without quote marks", spaced=True
            )
            for p in q.paraphrased:
                qs, ss = r.source(p.quote_side), r.source(p.sentence_side)
                quote = qs.quotes[p.quote]
                left = _text(qs.label, LABEL) + Text(": ") + self.quote_text(quote)
                left.append(" — ", style=DIM)
                left.append_text(self.speaker(quote.speaker))
                right = _text(ss.label, LABEL) + Text(": ") + _text(ss.sentences[p.sentence].text)
                table.add_row(left, right)
            yield table

    @staticmethod
    def fact_list(facts: Sequence[Fact]) -> Text:
        """Distinct fact texts in order of appearance, a count after those given more than once."""
        counts: dict[str, int] = {}
        for f in facts:
            counts[f.text] = counts.get(f.text, 0) + 1
        if not counts:
            return Text("—", style=DIM)
        out = Text()
        for i, (t, n) in enumerate(counts.items()):
            if i:
                out.append(" · ", style=DIM)
            out.append(visible(t))
            if n > 1:
                out.append(f" ×{n}", style=DIM)
        return out

    def facts_only(self) -> Iterator[RenderableType]:
        assert self.report.facts is not None
        f = self.report.facts
        yield _heading("Facts only one source reports")
        if not f.only_a and not f.only_b:
            yield _note("None: every figure, date and name appears in both.")
            return
        table = self.two_columns(a_title=f"only in {self.la}", b_title=f"only in {self.lb}")
        for kind, title in _KIND_TITLES.items():
            fa = [x for x in f.only_a if x.kind is kind]
            fb = [x for x in f.only_b if x.kind is kind]
            if fa or fb:
                table.add_row(_label(title), self.fact_list(fa), self.fact_list(fb))
        yield table

    def passages(self) -> Iterator[RenderableType]:
        r = self.report
        yield _heading(f"Shared passages · {len(r.alignment)}")
        if not r.alignment:
            yield _note("The two sources share no passage.")
            return
        yield self.legend("has")
        yield _note(f"¶n: paragraph n of the article's body · {JUMP}: sentences not next to each other")
        numbers_a, numbers_b = paragraph_numbers(r.a), paragraph_numbers(r.b)
        table = self.two_columns("#", spaced=True, max_first=14)
        for n, g in enumerate(r.alignment, 1):
            ta = _text(location(r.a, g.a, numbers_a), DIM)
            ta.append("\n")
            ta.append_text(self.side_text(g, "a"))
            tb = _text(location(r.b, g.b, numbers_b), DIM)
            tb.append("\n")
            tb.append_text(self.side_text(g, "b"))
            note = self.minor_note(g.diff)
            if note is not None:
                tb.append("\n")
                tb.append_text(note)
            if self.explain and g.why is not None:
                ta.append("\n")
                ta.append_text(self.why(g.why))
            meta = Text.assemble((str(n), "bold"))
            meta.append(f"\n{g.kind.value}", style=DIM)
            if g.kind is GroupKind.SAME:
                meta.append(f"\n{pct(g.score)}", style=DIM)
            else:
                meta.append(f"\n{partial_reason(g)}", style=DIM)
            table.add_row(meta, ta, tb)
        yield table

    def side_text(self, g: AlignedGroup, side: str) -> Text:
        """One side of a passage, its changed words marked, a ⋯ where it jumps between sentences."""
        src = self.report.a if side == "a" else self.report.b
        indices = g.a if side == "a" else g.b
        if g.diff:
            chunks = [self.marked(chunk, side) for chunk in jump_chunks(g.diff, side, src, indices)]
        else:
            chunks = [_text(src.text_of(run)) for run in _adjacent_runs(indices)]
        out = Text()
        for k, chunk in enumerate(chunks):
            if k:
                out.append(f" {JUMP} ", style=DIM)
            out.append_text(chunk)
        return out

    def why(self, why: Why) -> Text:
        """``--explain``: what links a group's sentences, as words of the texts."""
        out = Text("why: ", style=DIM)
        parts: list[tuple[str, str]] = []
        for title, items in (("names", why.names), ("figures", why.figures), ("terms", why.terms)):
            if items:
                parts.append((title, ", ".join(visible(x) for x in items)))
        if why.clause_a is not None:
            parts.append(("clause", f"“{visible(why.clause_a)}” ~ “{visible(why.clause_b or '')}”"))
        if why.signals:
            parts.append(("signals", ", ".join(f"{visible(k)} {v:.2f}" for k, v in why.signals)))
        if not parts:
            out.append("no shared evidence recorded", style=DIM)
        for k, (title, value) in enumerate(parts):
            if k:
                out.append(" · ", style=DIM)
            out.append(f"{title}: ", style=DIM)
            out.append(value)
        return out

    @staticmethod
    def bullets(items: Iterable[Text]) -> _Grid:
        grid = _Grid(gap=1)
        for item in items:
            grid.add_row(Text("•", style=DIM), item)
        return grid

    def set_aside(self) -> Iterator[RenderableType]:
        """What segmentation set aside as page furniture (bylines, captions, ...), with the rule's name."""
        for src in (self.report.a, self.report.b):
            furniture = [s for s in src.sentences if s.role is Role.BOILERPLATE]
            if not furniture:
                continue
            yield _heading(f"Set aside in {visible(src.label)} (not compared) · {len(furniture)}")
            yield self.bullets(
                _text(s.text, DIM) + (Text(f" ({visible(s.reason)})") if s.reason else Text())
                for s in furniture
            )

    def only_sentences(self, src: Source, indices: Sequence[int]) -> Iterator[RenderableType]:
        yield _heading(f"Only in {visible(src.label)} · {plural(len(indices), 'sentence')}")
        if not indices:
            yield _note("None: every body sentence has a counterpart in the other source.")
            return
        yield self.bullets(_text(src.text_of(run)) for run in paragraph_runs(src, indices))


def _adjacent_runs(indices: Sequence[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


__all__ = ["render"]
