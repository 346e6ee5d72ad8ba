"""Honest figures and the new model fields in the human-readable renderers.

A group's kind and what is shown beside it agree; "exact" means letter for letter; the header's
counts add up; passages say where their sentences sit and mark jumps; boilerplate reasons, quote
attributions and (with --explain) each group's evidence are shown; unrelated inputs get one line;
colours read on light and dark themes; Markdown makes no links of article text; bidi marks are
escaped everywhere.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from rich.color import Color
from rich.console import Console
from rich.style import Style

from storydiff.model import AlignedGroup, DiffOp, GroupKind, Op, QuoteMatch, QuoteMatchKind, Report, Role
from storydiff.render import json as json_render
from storydiff.render import markdown, terminal
from storydiff.render._text import (
    UNRELATED,
    aligned_indices,
    body_counts,
    location,
    paragraph_numbers,
    partial_reason,
    quote_match_label,
)

from .reports import explained_report, full_report, pair, samples_report, source
from .test_terminal import plain, styled_runs

if TYPE_CHECKING:
    from conftest import Golden


def _group(a: tuple[int, ...], b: tuple[int, ...], *diff: DiffOp) -> AlignedGroup:
    return AlignedGroup(a, b, 1.0, GroupKind.PARTIAL, diff)


EQ = DiffOp(Op.EQUAL, "the bridge was closed", "the bridge was closed")

PARTIAL_REASONS = [
    pytest.param(
        _group((0,), (0,), EQ, DiffOp(Op.INSERT, "", "after the river rose three meters")),
        "B adds a clause",
        id="b-clause",
    ),
    pytest.param(_group((0,), (0,), DiffOp(Op.DELETE, "on Tuesday", ""), EQ), "A adds 2 words", id="a-words"),
    pytest.param(_group((0, 1), (0,), EQ), "merges 3 sentences", id="merge"),
    pytest.param(
        _group((0,), (0, 2), DiffOp(Op.REPLACE, "shut on Tuesday by city", "closed after a long flood")),
        "merges 3 sentences, reworded",
        id="merge-reworded",
    ),
    pytest.param(
        _group((0,), (0,), EQ, DiffOp(Op.REPLACE, "he", "the mayor said on Tuesday night")),
        "B adds a clause",
        id="mostly-b",
    ),
    pytest.param(
        _group((0,), (0,), EQ, DiffOp(Op.REPLACE, "cease-fire", "ceasefire", True)),
        "similar wording",
        id="minor-only",
    ),
]


@pytest.mark.parametrize(("group", "expected"), PARTIAL_REASONS)
def test_partial_reason(group: AlignedGroup, expected: str) -> None:
    assert partial_reason(group) == expected


def test_partial_group_shows_reason_not_score() -> None:
    """A partial group scored 100% reads "partial · B adds a clause", never "partial · 100%"."""
    report = pair(
        "The bridge was closed.",
        "The bridge was closed after the river rose three meters.",
        diff=(
            DiffOp(Op.EQUAL, "The bridge was", "The bridge was"),
            DiffOp(Op.REPLACE, "closed.", "closed after the river rose three meters."),
        ),
        kind=GroupKind.PARTIAL,
    )
    report = replace(report, alignment=(replace(report.alignment[0], score=1.0),))
    term = plain(terminal.render(report, color=False))
    md = markdown.render(report)
    passages = term.split("Shared passages")[1]
    assert "100%" not in passages
    assert re.search(r"^partial\s.*\nB adds a\s.*\nclause", passages, re.M)  # the narrow first column
    assert "**1.** partial · B adds a clause" in md


@pytest.mark.parametrize(
    ("kind", "diff", "label"),
    [
        (QuoteMatchKind.EXACT, (DiffOp(Op.EQUAL, "We won", "We won"),), "exact"),
        (
            QuoteMatchKind.EXACT,
            (DiffOp(Op.EQUAL, "We", "We"), DiffOp(Op.REPLACE, "won.", "won", True)),
            "same words",
        ),
        (QuoteMatchKind.VARIANT, (DiffOp(Op.REPLACE, "reopen", "re-open", True),), "minor variant"),
        (QuoteMatchKind.PARTIAL, (), "partial"),
    ],
)
def test_quote_match_label(kind: QuoteMatchKind, diff: tuple[DiffOp, ...], label: str) -> None:
    """ "exact" is shown only when the quote is the same letter for letter."""
    assert quote_match_label(QuoteMatch(0, 0, 1.0, kind, diff)) == label


@pytest.mark.parametrize(
    "make", [full_report, samples_report, explained_report], ids=["full", "samples", "explained"]
)
def test_header_counts_add_up(make: object) -> None:
    """Shared body sentences + sentences only here = body sentences; the headline is counted apart."""
    report: Report = make()  # type: ignore[operator]
    s = report.summary
    in_a, in_b = aligned_indices(report)
    for src, aligned, only, body in (
        (report.a, in_a, s.only_a, s.body_a),
        (report.b, in_b, s.only_b, s.body_b),
    ):
        shared, _ = body_counts(src, aligned)
        assert shared + only == body


def test_samples_header_names_the_headline() -> None:
    """An aligned headline is named apart from the body sentences it is shared with."""
    report = samples_report()
    in_a, _ = aligned_indices(report)
    headline = next(s.index for s in report.a.sentences if s.role is Role.HEADLINE)
    assert headline in in_a
    shared, _ = body_counts(report.a, in_a)
    out = plain(terminal.render(report, color=False), 120)
    assert re.search(rf"shared\s+{shared} sentences \+ headline", out)


def test_location_and_jump_marker() -> None:
    """Sentences' paragraph numbers count body paragraphs only; non-adjacent sentences show ⋯."""
    src = source(
        "a",
        [
            ("Headline", Role.HEADLINE),
            ("By Jane Roe", Role.BOILERPLATE),
            "First.",
            "Second.",
            "Third.",
            "Fourth.",
        ],
    )
    numbers = paragraph_numbers(src)
    assert location(src, (0, 2), numbers) == "headline ⋯ ¶1"
    assert location(src, (2, 3), numbers) == "¶1, ¶2"
    assert location(src, (2, 5), numbers) == "¶1 ⋯ ¶4"


@pytest.mark.parametrize("render", ["terminal", "markdown"])
def test_jump_marked_inside_the_passage(render: str) -> None:
    """B's sentences 1 and 5 joined in one passage read "…officials said. ⋯ Ruiz said…"."""
    report = explained_report()
    if render == "terminal":
        out = plain(terminal.render(report, color=False), 200)
        flat = terminal._Renderer(report, False).side_text(report.alignment[3], "b").plain
    else:
        out = markdown.render(report)
        flat = " ".join(out.split())
    assert "¶1 ⋯ ¶5" in out
    assert re.search(r"meters\.(\+\}|\*\*)? ⋯ (\{\+|\*\*)?Ruiz said", flat), flat


def test_new_fields_shown() -> None:
    """Boilerplate reasons, quote attributions; the groups' why only with explain."""
    report = explained_report()
    term = plain(terminal.render(report, color=False), 200)
    md = markdown.render(report)
    assert "• By Jane Roe (byline)" in term and "- By Jane Roe *(byline)*" in md
    assert "(verb-after)" in term and "*(verb-after)*" in md
    assert "why:" not in term and "why:" not in md
    term_x = plain(terminal.render(report, color=False, explain=True), 400)
    md_x = markdown.render(report, explain=True)
    assert (
        "why: names: Elm Street · figures: 3 meters · terms: bridge, river, Tuesday · signals: lexical 0.84"
        in term_x
    )
    assert (
        "- *why:* names: Elm Street · figures: 3 meters · terms: bridge, river, Tuesday · "
        "signals: lexical 0.84" in md_x
    )
    assert "clause: “bridge carries 12,000 cars a day” ~" in term_x


def test_explained_report_golden(golden: Golden) -> None:
    report = explained_report()
    golden.check(
        "explained-report.terminal.txt", plain(terminal.render(report, color=False, explain=True), 100)
    )
    golden.check("explained-report.md", markdown.render(report, explain=True))


def test_unrelated_inputs_get_one_line() -> None:
    """Both have body sentences, nothing aligned: one line says so before anything else."""
    base = full_report()
    unrelated = replace(base, alignment=(), only_a=(2, 3, 4, 5, 6), only_b=(1, 2, 3, 4, 5, 6))
    term = plain(terminal.render(unrelated, color=False))
    md = markdown.render(unrelated)
    assert term.startswith(UNRELATED + "\n")
    assert md.startswith(f"**⚠ {UNRELATED}.**\n")
    assert UNRELATED not in plain(terminal.render(base, color=False)) and UNRELATED not in markdown.render(
        base
    )


# --- colours -------------------------------------------------------------------------------------


def _luminance(color: str) -> float:
    triplet = Color.parse(color).get_truecolor()

    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(triplet.red) + 0.7152 * channel(triplet.green) + 0.0722 * channel(triplet.blue)


@pytest.mark.parametrize("color", [terminal.RED, terminal.GREEN, terminal.BLUE])
def test_colours_readable_on_light_and_dark(color: str) -> None:
    """Each colour has at least 4.5:1 contrast (WCAG AA) on a white and on a black background."""
    lum = _luminance(color)
    assert (1.0 + 0.05) / (lum + 0.05) >= 4.5
    assert (lum + 0.05) / (0.0 + 0.05) >= 4.5
    assert (
        Color.parse(color).downgrade(Color.parse("color(29)").system).get_truecolor()
        == Color.parse(color).get_truecolor()
    )


def test_long_changes_not_flooded_in_bold() -> None:
    """A short change is bold colour; a whole added sentence is colour without bold."""
    long_words = "the river rose three meters overnight and the city closed every road nearby"
    report = pair(
        "The bridge closed.",
        f"The bridge closed. {long_words}.",
        diff=(
            DiffOp(Op.EQUAL, "The bridge", "The bridge"),
            DiffOp(Op.REPLACE, "closed.", "shut."),
            DiffOp(Op.INSERT, "", long_words + "."),
        ),
        kind=GroupKind.PARTIAL,
    )
    r = terminal.render(report)
    bold_green = styled_runs(r, Style(color=Color.parse(terminal.GREEN), bold=True))
    assert "shut." in bold_green and not any("overnight" in run for run in bold_green)
    console = Console(width=200, color_system="truecolor", force_terminal=True, file=io.StringIO())
    green = Color.parse(terminal.GREEN)
    plain_green = " ".join(
        seg.text for seg in console.render(r) if seg.style and seg.style.color == green and not seg.style.bold
    )
    assert "overnight" in plain_green


# --- Markdown autolinks and bidi marks -------------------------------------------------------------

AUTOLINKS = {
    "url": "Read https://evil.com/path?q=1 now",
    "www": "Visit www.evil.com today",
    "email": "Write to press@evil.com please",
    "mention": "Thanks @octocat and @github-team",
    "emoji": "Great :tada: news :+1:",
}


@pytest.mark.parametrize("name", sorted(AUTOLINKS))
def test_markdown_autolinks_neutralised(name: str) -> None:
    """Rendered with markdown-it-py's GFM preset and linkify (which links even more than GitHub's
    autolinks: bare host names too), article text makes no link; no @mention or :emoji: pattern
    survives in the HTML text; the text reads the same once the invisible word joiners are dropped."""
    pytest.importorskip("linkify_it", reason="the GFM linkify test needs linkify-it-py")
    from markdown_it import MarkdownIt

    md = MarkdownIt("gfm-like", {"linkify": True})
    text = AUTOLINKS[name]
    html = md.render(markdown.render(pair(text, text)))
    assert "<a " not in html
    visible_text = re.sub(r"<[^>]+>", "", html)
    assert not re.search(r"@[A-Za-z0-9]", visible_text)
    assert not re.search(r":[a-z0-9_+-]+:", visible_text)
    assert text in visible_text.replace("\u2060", "")
    # Without the breakers the same renderer would have linked it (the test can fail).
    if name in {"url", "www", "email"}:
        assert "<a " in md.render(text)


BIDI = ["\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]


@pytest.mark.parametrize("mark", BIDI, ids=[f"U+{ord(c):04X}" for c in BIDI])
def test_bidi_marks_escaped(mark: str) -> None:
    """Bidi marks from text, labels or paths never reach a report raw: escaped as \\uXXXX."""
    text = f"Ruiz{mark} said the bridge{mark} closed."
    report = pair(text, text)
    report = replace(report, a=replace(report.a, label=f"a{mark}", path=f"a{mark}.txt"))
    escape = f"\\u{ord(mark):04x}"
    term = io.StringIO()
    Console(file=term, width=120, color_system="truecolor", force_terminal=True).print(
        terminal.render(report)
    )
    for out in (term.getvalue(), markdown.render(report), json_render.render(report)):
        assert mark not in out
        assert escape in out
    data = json.loads(json_render.render(report))
    assert data["sources"][0]["label"] == f"a{mark}"  # JSON escapes read back as the text itself
