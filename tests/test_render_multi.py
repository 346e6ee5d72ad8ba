"""The N-source views (terminal, Markdown, JSON) and the analysis views, on the three-source fixture."""

from __future__ import annotations

import io
import json
import re
from functools import cache
from typing import TYPE_CHECKING

from rich.console import Console, RenderableType
from test_multi import fixture_documents, fixture_report, schema2

from storydiff.model import Analysis, MultiReport
from storydiff.pipeline import analyze
from storydiff.render import json as json_render
from storydiff.render import multi_markdown, multi_terminal
from storydiff.render._multi import Mark, RowKind, rows

if TYPE_CHECKING:
    from conftest import Golden


def plain(renderable: RenderableType, width: int = 100) -> str:
    """What a piped console prints: no styles; trailing spaces dropped."""
    console = Console(width=width, color_system=None, force_terminal=False, record=True, file=io.StringIO())
    console.print(renderable)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"


def ansi(renderable: RenderableType, width: int = 100) -> str:
    out = io.StringIO()
    Console(width=width, color_system="truecolor", force_terminal=True, file=out).print(renderable)
    return out.getvalue()


@cache
def fixture_analysis() -> Analysis:
    return Analysis((analyze(fixture_documents()[0]),))


# --- golden files ----------------------------------------------------------------------------------


def test_terminal_golden(golden: Golden) -> None:
    """The three-source report, plain at 100 and 60 columns, matches its reviewed golden files."""
    report = fixture_report()
    golden.check("nway.terminal.txt", plain(multi_terminal.render(report, color=False), 100))
    golden.check("nway.terminal-60.txt", plain(multi_terminal.render(report, color=False), 60))


def test_markdown_golden(golden: Golden) -> None:
    golden.check("nway.md", multi_markdown.render(fixture_report()))


def _without_clauses(text: str) -> str:
    """JSON output with each ``why.clause`` blanked: which clause align reports for one nyt~huffpost
    group depends on the string hash seed (PYTHONHASHSEED=0 against others: an align matter, told
    to the lead), and a golden file must not."""

    def blank(value: object) -> object:
        if isinstance(value, dict):
            return {k: (None if k == "clause" else blank(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [blank(v) for v in value]
        return value

    return json.dumps(blank(json.loads(text)), ensure_ascii=False, indent=2) + "\n"


def test_json_goldens(golden: Golden) -> None:
    """Both JSON formats: storydiff/2 of the three, storydiff/1 of the first pair read out of it."""
    report = fixture_report()
    golden.check("nway.json", _without_clauses(json_render.render(report)))
    golden.check("nway-pair.json", _without_clauses(json_render.render(report.pair(0, 1))))


def test_analysis_goldens(golden: Golden) -> None:
    analysis = fixture_analysis()
    golden.check("analyze.terminal.txt", plain(multi_terminal.render_analysis(analysis), 100))
    golden.check("analyze.md", multi_markdown.render_analysis(analysis))
    golden.check("analyze.json", json_render.render(analysis))


# --- what the views promise ---------------------------------------------------------------------------


def test_every_output_validates() -> None:
    """Both storydiff/2 documents (compare, analyze) validate against the shipped schema."""
    schema2().validate(json.loads(json_render.render(fixture_report())))
    schema2().validate(json.loads(json_render.render(fixture_analysis())))


def test_matrix_rows_are_passages_then_quotes_then_figures() -> None:
    """The matrix has a row per cluster, per shared quote and per shared figure, in that order, and
    every row marks at least two outlets (or a contradicting one)."""
    report = fixture_report()
    items = rows(report)
    kinds = [r.kind for r in items]
    assert kinds == sorted(kinds, key=[RowKind.PASSAGE, RowKind.QUOTE, RowKind.FIGURE].index)
    assert kinds.count(RowKind.PASSAGE) == len(report.clusters)
    for r in items:
        assert len(r.marks) == 3
        assert sum(m is not Mark.MISSING for m in r.marks) >= 2


def test_matrix_marks_match_the_clusters() -> None:
    """A passage row marks exactly the outlets of its cluster: ● for a same-worded member, ◐ else."""
    report = fixture_report()
    passages = [r for r in rows(report) if r.kind is RowKind.PASSAGE]
    for row, cluster in zip(passages, report.clusters, strict=True):
        for k, mark in enumerate(row.marks):
            if k not in cluster.sources():
                assert mark is Mark.MISSING
            else:
                assert mark is (Mark.CARRIED if cluster.same_as_others(k) else Mark.REWORDED)


def test_matrix_fits_the_width() -> None:
    """No line of the terminal view is wider than the console, at 100, 60 and 40 columns."""
    report = fixture_report()
    for width in (100, 60, 40):
        out = plain(multi_terminal.render(report, color=False), width)
        assert max(len(line) for line in out.splitlines()) <= width


def test_matrix_names_outlets_and_legend() -> None:
    out = plain(multi_terminal.render(fixture_report(), color=False))
    assert "● carries it · ◐ in other words · ○ without quote marks · ≠ a different figure" in out
    assert re.search(r"^\s+A  B  C$", out, re.M)
    assert "carried by all" in out and "missing from nyt" in out
    for heading in ("Shared quotes", "What each outlet alone reports", "Shared passages", "Only in huffpost"):
        assert heading in out


def test_plain_when_not_colour() -> None:
    """With colour the marks are styled; without, no escape code at all."""
    report = fixture_report()
    assert "\x1b[" in ansi(multi_terminal.render(report))
    assert "\x1b" not in plain(multi_terminal.render(report, color=False))


def test_sections_pick_parts() -> None:
    """``--only quotes`` shows the quotes alone; ``summary`` the overview and the matrix."""
    report = fixture_report()
    quotes = plain(multi_terminal.render(report, color=False, sections={"quotes"}))
    assert "Shared quotes" in quotes and "Who carries what" not in quotes and "Shared passages" not in quotes
    summary = multi_markdown.render(report, sections={"summary"})
    assert "## Who carries what" in summary and "## Shared passages" not in summary


def test_markdown_matrix_table() -> None:
    """The Markdown matrix is a table with one column per outlet, centred."""
    md = multi_markdown.render(fixture_report())
    assert "|  |  | A | B | C |\n| --- | --- | :-: | :-: | :-: |" in md
    assert "| P1 |" in md and "| Q1 |" in md


def test_markdown_escapes_article_text() -> None:
    """Article text in the N-way Markdown goes through the same escaping as the two-source view."""
    docs = fixture_documents()
    from dataclasses import replace

    from storydiff.pipeline import compare_many

    hostile = replace(docs[0], text=docs[0].text + "\n\n<script>alert(1)</script> *bold* [link](x)\n")
    report: MultiReport = compare_many([hostile, *docs[1:]])
    md = multi_markdown.render(report)
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "\\*bold\\*" in md


def test_analysis_views_list_roles_quotes_and_facts() -> None:
    analysis = fixture_analysis()
    out = plain(multi_terminal.render_analysis(analysis))
    src = analysis.sources[0]
    assert f"Sentences · {len(src.sentences)}" in out
    assert f"Quotes · {len(src.quotes)}" in out
    assert "headline" in out and "Bob Etheridge" in out
    md = multi_markdown.render_analysis(analysis)
    assert "| # | Role | Text |" in md and "## Facts" in md


def test_explain_shows_why_links() -> None:
    """``--explain`` adds, under each passage, the names and terms each direct link rests on."""
    report = fixture_report()
    plain_out = plain(multi_terminal.render(report, color=False, explain=True))
    assert re.search(r"^why A–C: .*Etheridge", plain_out, re.M)
    assert "why A–" not in plain(multi_terminal.render(report, color=False))
    assert "*why A–C:*" in multi_markdown.render(report, explain=True)


def test_figure_rows_mark_a_different_value() -> None:
    """A figure two outlets state and a third contradicts: ● ● ≠ on one row, and the conflicts
    section names the row; the contradicting value, stated by one outlet only, has no row."""
    from storydiff.model import (
        Conflict,
        Fact,
        FactComparison,
        FactKind,
        Options,
        PairComparison,
        Role,
        Sentence,
        Source,
    )
    from storydiff.multi import assemble

    def src(label: str, words: str) -> tuple[Source, Fact]:
        text = f"The {words} was unsealed."
        start = text.index(words)
        fact = Fact(FactKind.NUMBER, words, 0, start, start + len(words), words.split("-")[0])
        sentence = Sentence(0, 0, len(text), text, 0, Role.BODY)
        return Source(label, f"{label}.txt", text, (sentence,), facts=(fact,)), fact

    (a, fa), (b, fb), (c, fc) = (
        src("a", "48-page indictment"),
        src("b", "48-page indictment"),
        src("c", "47-page indictment"),
    )
    note = "48-page vs 47-page indictment"
    pairs = (
        PairComparison(0, 1, (), (0,), (0,), facts=FactComparison()),
        PairComparison(
            0,
            2,
            (),
            (0,),
            (0,),
            facts=FactComparison((fa,), (fc,), (Conflict(fa, fc, FactKind.NUMBER, note),)),
        ),
        PairComparison(
            1,
            2,
            (),
            (0,),
            (0,),
            facts=FactComparison((fb,), (fc,), (Conflict(fb, fc, FactKind.NUMBER, note),)),
        ),
    )
    report = assemble((a, b, c), pairs, Options())
    figures = [r for r in rows(report) if r.kind is RowKind.FIGURE]
    assert [(r.text, r.marks) for r in figures] == [
        ("48-page indictment", (Mark.CARRIED, Mark.CARRIED, Mark.DIFFERENT))
    ]
    items = {x["text"]: x for x in report.to_dict()["facts"]["items"]}
    assert (items["48-page indictment"]["sources"], items["48-page indictment"]["different"]) == ([0, 1], [2])
    assert (items["47-page indictment"]["sources"], items["47-page indictment"]["different"]) == ([2], [])
    schema2().validate(report.to_dict())
    out = plain(multi_terminal.render(report, color=False))
    assert "F1 A a: 48-page indictment  vs  C c: 47-page indictment" in out
    assert "- F1: **A · a**: 48-page indictment — **C · c**: 47-page indictment" in multi_markdown.render(
        report
    )
