"""The terminal renderer: layout, highlights with and without colour, sections present only when computed,
and article text that can never inject markup or terminal codes."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from rich.color import Color
from rich.console import Console, RenderableType
from rich.style import Style

from storydiff.model import DiffOp, FactComparison, FactKind, Op, QuoteComparison, Report, Role
from storydiff.render import terminal
from storydiff.render._text import visible

from .reports import (
    INJECTIONS,
    ceasefire_pair,
    fact,
    full_report,
    hostile_report,
    issue2_report,
    only,
    pair,
    samples_report,
    source,
)

if TYPE_CHECKING:
    from conftest import Golden


def plain(renderable: RenderableType, width: int = 100) -> str:
    """What a piped console prints: no styles at all; trailing spaces dropped."""
    console = Console(width=width, color_system=None, force_terminal=False, record=True, file=io.StringIO())
    console.print(renderable)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"


def ansi(renderable: RenderableType, width: int = 100) -> str:
    """What a colour terminal receives, escape codes included."""
    out = io.StringIO()
    Console(width=width, color_system="truecolor", force_terminal=True, file=out).print(renderable)
    return out.getvalue()


def styled_runs(renderable: RenderableType, want: Style, width: int = 200) -> list[str]:
    """The runs of text whose style includes every attribute of ``want`` (colour, bold, underline)."""
    console = Console(width=width, color_system="truecolor", force_terminal=True, file=io.StringIO())
    runs: list[str] = []
    previous = False
    for seg in console.render(renderable):
        style = seg.style or Style()
        hit = (
            bool(seg.text.strip())
            and (want.color is None or style.color == want.color)
            and (want.bold is None or style.bold == want.bold)
            and (want.underline is None or style.underline == want.underline)
        )
        if hit and previous:
            runs[-1] += seg.text
        elif hit:
            runs.append(seg.text)
        previous = hit
    return [r.strip() for r in runs]


RED = Style(color=Color.parse(terminal.RED), bold=True)
GREEN = Style(color=Color.parse(terminal.GREEN), bold=True)
UNDERLINE = Style(underline=True)

CEASEFIRE = ceasefire_pair()


def test_pair_plain_exact() -> None:
    """A one-pair report without colour, at 60 columns, reads exactly like this."""
    assert plain(terminal.render(CEASEFIRE, color=False), 60) == (
        "──────────────────── storydiff  a vs b ─────────────────────\n"
        "                A · a                  B · b\n"
        "────────────────────────────────────────────────────────────\n"
        "file            a.txt (utf-8)          b.txt (utf-8)\n"
        "body sentences  1                      1\n"
        "shared          1 sentence · 100% of   1 sentence · 100% of\n"
        "                the text               the text\n"
        "only here       0 sentences            0 sentences\n"
        "\n"
        "1 shared passage: 1 same, 0 partial\n"
        "\n"
        "Shared passages · 1 ────────────────────────────────────────\n"
        "[-…-]: words only a has · {+…+}: words only b has\n"
        "¶n: paragraph n of the article's body · ⋯: sentences not\n"
        "next to each other\n"
        "#     A · a                       B · b\n"
        "────────────────────────────────────────────────────────────\n"
        "1     ¶1                          ¶1\n"
        "same  The [-truce held on the-]   The ceasefire {+line\n"
        "90%   cease-fire [-line.-]        held.+}\n"
        "                                  minor: cease-fire ~\n"
        "                                  ceasefire\n"
        "\n"
        "Only in a · 0 sentences ────────────────────────────────────\n"
        "None: every body sentence has a counterpart in the other\n"
        "source.\n"
        "\n"
        "Only in b · 0 sentences ────────────────────────────────────\n"
        "None: every body sentence has a counterpart in the other\n"
        "source.\n"
    )


def test_changes_coloured_not_bracketed_with_color() -> None:
    """With colour, A-only words are bold red, B-only words bold green, and no text markers are added."""
    r = terminal.render(CEASEFIRE)
    assert styled_runs(r, RED) == ["words only a has", "truce held on the", "line."]  # legend first
    assert styled_runs(r, GREEN) == ["words only b has", "line held."]
    assert "[-" not in plain(r) and "{+" not in plain(r)


def test_minor_variant_underlined_and_listed() -> None:
    """A spelling/hyphenation variant is underlined on both sides and named under the pair."""
    r = terminal.render(CEASEFIRE)
    assert styled_runs(r, UNDERLINE) == ["minor variant", "cease-fire", "ceasefire"]
    assert "minor: cease-fire ~ ceasefire" in plain(r, 200)


def test_punctuation_only_variant_counted_not_named() -> None:
    """A quote-glyph difference is neither underlined nor named: it is counted as punctuation."""
    r = pair(
        '"We won," she said.',
        "“We won,” she said.",
        diff=(DiffOp(Op.REPLACE, '"We won,"', "“We won,”", True),),
    )
    out = terminal.render(r)
    assert styled_runs(out, UNDERLINE) == ["minor variant"]
    assert "minor: punctuation ×1" in plain(out)
    assert '"We won," ~' not in plain(out)


def test_group_without_diff_shows_both_texts() -> None:
    """A group whose diff was not computed still shows both sentences, unmarked."""
    out = plain(terminal.render(pair("Left words.", "Right words."), color=False))
    assert re.search(r"^1\s+¶1\s+¶1\n\S+\s+Left words\.\s+Right words\.$", out, re.M)


def test_issue2_report_leaves_out_quotes_and_facts() -> None:
    """When quotes and facts were not computed, no section, row or count mentions them."""
    out = plain(terminal.render(issue2_report(), color=False))
    for absent in ("quote", "Facts", "facts", "onflict"):
        assert absent not in out
    assert "3 shared passages: 2 same, 1 partial\n" in out


def test_full_report_sections_in_order() -> None:
    """Conflicts come right after the summary; detail (passages, only-in) comes last."""
    out = plain(terminal.render(full_report(), color=False))
    headings = [
        "3 shared passages: 2 same, 1 partial · 1 shared quote · ⚠ 1 conflicting figure",
        "⚠ Conflicting figures · 1",
        "Shared quotes · 1",
        "Quotes only in river-times · 1",
        "Quoted in one, paraphrased in the other · 1",
        "Facts only one source reports",
        "Shared passages · 3",
        "Only in daily-post · 2 sentences",
        "Only in river-times · 3 sentences",
    ]
    positions = [out.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "Quotes only in daily-post" not in out  # an empty list of one-sided quotes is left out


def test_overview_rows() -> None:
    """The overview gives title, file with encoding, counts and shares of each source."""
    out = plain(terminal.render(full_report(), color=False))
    assert "title            Bridge closed after river flood           Flood shuts Elm Street bridge\n" in out
    assert "file             news/daily-post.txt (utf-8)               news/river-times.txt (cp1252)\n" in out
    assert "shared           3 sentences · 68% of the text             3 sentences · 64% of the text\n" in out
    assert "quotes           2 (1 shared, 0 only here)                 2 (1 shared, 1 only here)\n" in out


def test_converted_source_noted() -> None:
    """A source extracted from a web page says so next to its file."""
    a = source("a", ["Text."], path="page.html", converted_from="html", author="Ann Lee")
    out = plain(terminal.render(Report(a, source("b", ["Other."]), (), (0,), (0,)), color=False), 200)
    assert "page.html (utf-8, text extracted from html)" in out
    assert re.search(r"^author\s+Ann Lee\s+—$", out, re.M)


def test_conflict_panel_shows_facts_in_their_sentences() -> None:
    """A conflict shows the note, both figures in bold red, and the sentences they come from."""
    r = terminal.render(full_report())
    assert styled_runs(r, RED)[:4] == [
        "⚠ 1 conflicting figure",
        "⚠ Conflicting figures · 1",
        "48-year-old",
        "47-year-old",
    ]
    out = plain(r, 200)
    assert "│ age: 48 vs 47  48-year-old   " in out
    assert "The 48-year-old bridge carries 12,000 cars a day." in out


def test_conflict_with_stale_offsets_falls_back_to_plain_sentence() -> None:
    """A fact whose offsets do not match its sentence is still shown, with its sentence, unhighlighted."""
    base = full_report()
    assert base.facts is not None
    c = base.facts.conflicts[0]
    stale = replace(c, a=replace(c.a, start=0, end=11))
    report = replace(base, facts=replace(base.facts, conflicts=(stale,)))
    out = plain(terminal.render(report, color=False), 200)
    assert "The 48-year-old bridge carries 12,000 cars a day." in out
    underlined = styled_runs(terminal.render(report), UNDERLINE)
    assert "47-year-old" in underlined and "48-year-old" not in underlined


def test_shared_quote_row() -> None:
    """A shared quote shows the speaker, the match kind, both wordings with the difference marked."""
    out = plain(terminal.render(full_report(), color=False))
    assert (
        "Ana Ruiz         “We will not reopen it until engineers    “We will not re-open it until {+the+}"
        in out
    )
    assert re.search(r"^partial\s+sign off,”\s+engineers sign off,”$", out, re.M)
    assert re.search(r"^\s+minor: reopen ~ re-open$", out, re.M)


def test_speakers_that_differ_are_both_shown() -> None:
    """When the sources attribute a shared quote to different people, both names appear."""
    base = full_report()
    quotes = (replace(base.b.quotes[0], speaker="Tom Bell"), base.b.quotes[1])
    report = replace(base, b=replace(base.b, quotes=quotes))
    assert "Ana Ruiz / Tom Bell" in plain(terminal.render(report, color=False))


def test_one_sided_quotes_and_paraphrase() -> None:
    """Quotes only one source has carry their speaker (or 'unattributed'); a paraphrase shows both sides."""
    out = plain(terminal.render(full_report(), color=False))
    assert "• “It is a mess,” — unattributed\n" in out
    assert "daily-post: “We will ask the state for help,” —" in out
    assert "river-times: Ruiz said the city would ask the" in out


def test_facts_only_grouped_by_kind_and_counted() -> None:
    """Facts only one source reports are grouped by kind; repeats are shown once with a count."""
    base = full_report()
    assert base.facts is not None
    extra = fact(base.a, FactKind.NAME, 3, "Ana Ruiz")
    report = replace(base, facts=replace(base.facts, only_a=(*base.facts.only_a, extra), conflicts=()))
    out = plain(terminal.render(report, color=False))
    assert re.search(r"^figures\s+\$2 million\s+three meters$", out, re.M)
    assert re.search(r"^names\s+Ana Ruiz ×2\s+Oak Avenue$", out, re.M)
    assert "dates" not in out


def test_empty_sections_say_so() -> None:
    """No shared passage, no shared quote, no one-sided fact: each section says so in one line."""
    base = full_report()
    empty = replace(base, alignment=(), quotes=QuoteComparison(), facts=FactComparison())
    out = plain(terminal.render(empty, color=False))
    assert "The two sources share no passage." in out
    assert "No quote appears in both." in out
    assert "None: every figure, date and name appears in both." in out
    assert "no conflicting figures" in out
    assert "Conflicting figures ·" not in out


def test_only_sentences_of_one_paragraph_form_one_item() -> None:
    """Consecutive one-sided sentences of one paragraph are one bullet; a new paragraph starts another."""
    a = source("a", ["One.", "Two.", "Three."])
    a = replace(a, sentences=(a.sentences[0], replace(a.sentences[1], paragraph=0), a.sentences[2]))
    report = Report(a, source("b", ["Other."]), (), (0, 1, 2), (0,))
    out = plain(terminal.render(report, color=False))
    assert "• One. Two.\n• Three.\n" in out


def test_narrow_console_keeps_every_word() -> None:
    """At 60 columns nothing is cut off: every line fits, and every sentence's words are all there."""
    report = full_report()
    out = plain(terminal.render(report, color=False), 60)
    assert max(len(line) for line in out.splitlines()) <= 60
    words = set(re.findall(r"[A-Za-z0-9$]+", out))
    for src in (report.a, report.b):
        for s in src.sentences:
            if s.role is Role.BODY:
                assert set(re.findall(r"[A-Za-z0-9$]+", s.text)) <= words, s.text


def test_render_does_not_print(capsys: pytest.CaptureFixture[str]) -> None:
    """render() only builds the renderable; printing is the caller's job."""
    terminal.render(full_report())
    assert capsys.readouterr() == ("", "")


# --- injection ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(INJECTIONS))
def test_injection_shown_literally(name: str) -> None:
    """Hostile text in every field is printed as visible characters: no control code survives, and the
    payload appears in full (control characters as symbols) in labels, sentences and bullets."""
    payload = INJECTIONS[name]
    out = plain(terminal.render(hostile_report(payload), color=False), 400)
    assert re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", out) is None
    assert f"• {visible(payload)}\n" in out
    assert f"Only in {visible(payload)} · 1 sentence" in out


@pytest.mark.parametrize("name", sorted(INJECTIONS))
def test_injection_sends_no_codes_of_its_own(name: str) -> None:
    """On a colour terminal the only escape codes are rich's own SGR styles: no hyperlink, no cursor
    movement, no colour change taken from the article."""
    out = ansi(terminal.render(hostile_report(INJECTIONS[name])), 400)
    own_styles = re.compile(r"\x1b\[[0-9;]*m")
    residue = own_styles.sub("", out)
    assert re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", residue) is None
    assert "\x1b]8;" not in out


def test_ansi_colour_codes_are_not_passed_through() -> None:
    """An article's own colour code reaches the terminal as ␛[31m text, never as ESC [31m."""
    out = ansi(terminal.render(only(INJECTIONS["ansi"])), 400)
    assert "\x1b[31mfell" not in out
    assert "␛[31mfell␛[0m" in out
    assert "\\x9b2J" in out and "\\u202eend" in out


def test_rich_markup_is_not_interpreted() -> None:
    """[bold red]…[/] and [link=…] in an article stay literal text, unstyled and unlinked."""
    report = only(INJECTIONS["rich-markup"])
    out = plain(terminal.render(report), 400)
    assert "• [bold red]Breaking[/] [link=http://evil.example]click[/link] :warning: [/]\n" in out
    assert "Breaking" not in " ".join(styled_runs(terminal.render(report), RED))
    assert "\x1b]8;" not in ansi(terminal.render(report), 400)


def test_markup_in_labels_is_not_interpreted() -> None:
    """A label given on the command line is shown literally in headings and column titles too."""
    a = source("[red]x[/red]", ["One."])
    out = plain(terminal.render(Report(a, source("b", ["Two."]), (), (0,), (0,))))
    assert "storydiff  [red]x[/red] vs b" in out
    assert "A · [red]x[/red]" in out
    assert "Only in [red]x[/red] · 1 sentence" in out


# --- golden files ---------------------------------------------------------------------------------


def test_samples_golden(golden: Golden) -> None:
    """The samples, rendered without colour at 100 columns, match the reviewed golden file."""
    golden.check("samples.terminal.txt", plain(terminal.render(samples_report(), color=False), 100))


def test_full_report_golden(golden: Golden) -> None:
    """The hand-built full report, at 100 and 60 columns, matches its reviewed golden files."""
    golden.check("full-report.terminal.txt", plain(terminal.render(full_report(), color=False), 100))
    golden.check("full-report.terminal-60.txt", plain(terminal.render(full_report(), color=False), 60))


def test_groups_kept_in_report_order() -> None:
    """Passages are numbered in the report's order, whatever their indices."""
    base = issue2_report()
    groups = (base.alignment[2], base.alignment[0])
    report = replace(base, alignment=groups)
    out = plain(terminal.render(report, color=False))
    assert out.index("[-48-year-old-]") < out.index("[-The Elm Street bridge was closed-]")
    assert re.search(r"^1\s+¶\d\s+¶\d\n\S+\s+The \[-48-year-old-\]", out, re.M)
