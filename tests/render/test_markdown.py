"""The Markdown renderer: exact output for small reports, and article text that renders literally."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest
from markdown_it import MarkdownIt

from storydiff.model import DiffOp, Op, QuoteComparison
from storydiff.render import markdown
from storydiff.render._text import minor_variants, visible
from storydiff.render.markdown import inline

from .reports import (
    INJECTIONS,
    ceasefire_pair,
    full_report,
    hostile_report,
    issue2_report,
    only,
    samples_report,
)

if TYPE_CHECKING:
    from conftest import Golden

# CommonMark with GitHub's tables and strikethrough; raw HTML is passed through, as GitHub would
# (after sanitising), so any HTML that leaks from article text shows up in the output.
_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.tags.append("/" + tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append("!--")


def _html(md: str) -> _Html:
    parser = _Html()
    parser.feed(_MD.render(md))
    return parser


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words, 3.5 percent (or so)!", "plain words, 3.5 percent (or so)!"),
        ("a | b", "a \\| b"),
        ("# Heading", "\\# Heading"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("12. item", "12\\. item"),
        ("3) item", "3\\) item"),
        ("`code`", "\\`code\\`"),
        ("**bold** _it_ ~~gone~~", "\\*\\*bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~"),
        ("[link](http://e.example)", "\\[link\\](http\\://e\\.example)"),
        ("<!-- hidden -->", "&lt;!-- hidden --&gt;"),
        ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
        ("AT&T &amp;", "AT&amp;T &amp;amp;"),
        ("$5 and $6", "\\$5 and \\$6"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines\r\n\tand tab", "two lines and tab"),
        ("\x1b[31mred\x1b[0m", "␛\\[31mred␛\\[0m"),
        ("bell\x07 csi\x9b bidi\u202e", "bell␇ csi\\\\x9b bidi\\\\u202e"),
        ("  padded  ", "padded"),
    ],
)
def test_inline_escaping(text: str, expected: str) -> None:
    """Each Markdown, HTML or control construct in article text is escaped exactly so."""
    assert inline(text) == expected


def test_visible_makes_controls_symbols() -> None:
    """Control characters become visible symbols or escapes; line breaks and tabs become spaces."""
    assert visible("a\x1bb\x00c\x7fd\x85e\u2028f\x9bg\u2066h\ti\r\nj") == "a␛b␀c␡d e f\\x9bg\\u2066h i j"


def test_minor_variants_name_spellings_and_count_punctuation() -> None:
    """Hyphenation and case variants are named; quote-glyph and edge-punctuation variants only counted."""
    diff = (
        DiffOp(Op.REPLACE, "cease-fire", "ceasefire", True),
        DiffOp(Op.REPLACE, '"We', "“We", True),
        DiffOp(Op.REPLACE, "Russian,", "Russian.", True),
        DiffOp(Op.REPLACE, "Kiev", "Kyiv"),
        DiffOp(Op.REPLACE, "cease-fire", "ceasefire", True),
    )
    assert minor_variants(diff) == ([("cease-fire", "ceasefire")], 2)


def test_pair_exact() -> None:
    """A one-pair report renders exactly like this."""
    report = ceasefire_pair()
    assert markdown.render(report) == (
        "# storydiff: a vs b\n"
        "\n"
        "|  | A: a | B: b |\n"
        "| --- | --- | --- |\n"
        "| File | a\\.txt · utf-8 | b\\.txt · utf-8 |\n"
        "| Body sentences | 1 | 1 |\n"
        "| Shared with the other | 1 sentence (100% of the text) | 1 sentence (100% of the text) |\n"
        "| Only here | 0 sentences | 0 sentences |\n"
        "\n"
        "**1 shared passage**: 1 same, 0 partial.\n"
        "\n"
        "## Shared passages (1)\n"
        "\n"
        "~~Struck~~: words only a has. **Bold**: words only b has. ¶n: paragraph n of the article's body; "
        "⋯: sentences not next to each other.\n"
        "\n"
        "**1.** same · 90%\n"
        "\n"
        "- **a** (¶1): The ~~truce held on the~~ cease-fire ~~line.~~\n"
        "- **b** (¶1): The ceasefire **line held.**\n"
        "- *minor: cease-fire \\~ ceasefire*\n"
        "\n"
        "## Only in a (0 sentences)\n"
        "\n"
        "None: every body sentence has a counterpart in the other source.\n"
        "\n"
        "## Only in b (0 sentences)\n"
        "\n"
        "None: every body sentence has a counterpart in the other source.\n"
    )


def test_issue2_report_leaves_out_quotes_and_facts() -> None:
    """When quotes and facts were not computed, no section, row or count mentions them."""
    out = markdown.render(issue2_report())
    for absent in ("uote", "Facts", "onflict"):
        assert absent not in out


def test_full_report_sections() -> None:
    """Every section is there, conflicts first, in the order a reader needs them."""
    out = markdown.render(full_report())
    headings = re.findall(r"^## (.*)$", out, re.M)
    assert headings == [
        "⚠ Conflicting figures (1)",
        "Shared quotes (1)",
        "Quotes only in daily-post (0)",
        "Quotes only in river-times (1)",
        "Quoted in one, paraphrased in the other (1)",
        "Facts only one source reports",
        "Shared passages (3)",
        "Only in daily-post (2 sentences)",
        "Only in river-times (3 sentences)",
        "Set aside in daily-post, not compared (1)",
    ]
    assert "| number | The **48-year-old** bridge carries 12,000 cars a day. |" in out
    assert "| Ana Ruiz | “We will not reopen it until engineers sign off,” |" in out
    assert "| partial<br>*minor: reopen \\~ re-open* |" in out
    assert "- “It is a mess,” — *unattributed*" in out
    assert "| Figures | \\$2 million | three meters |" in out


def test_no_shared_quote_says_so() -> None:
    """An empty quote comparison says there is no shared quote rather than printing an empty table."""
    out = markdown.render(replace(full_report(), quotes=QuoteComparison()))
    assert "## Shared quotes (0)\n\nNo quote appears in both.\n" in out
    assert "paraphrased" not in out


def test_renders_to_the_expected_html() -> None:
    """On a CommonMark+GFM renderer the report has its headings, tables and marks, nothing more."""
    html = _html(markdown.render(full_report()))
    assert html.tags.count("h1") == 1
    assert html.tags.count("h2") == 10
    assert html.tags.count("table") == 4
    assert html.tags.count("s") == 6  # two legends, four changed runs on A's side
    assert "a" not in html.tags and "code" not in html.tags


# --- injection ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(INJECTIONS))
def test_injection_renders_literally(name: str) -> None:
    """Hostile text in every field gives exactly the HTML structure a harmless text gives, and its
    characters all appear as text (control characters as visible symbols)."""
    payload = INJECTIONS[name]
    hostile = _html(markdown.render(hostile_report(payload)))
    benign = _html(markdown.render(hostile_report("harmless words")))
    assert hostile.tags == benign.tags
    text = re.sub(r"\s+", " ", "".join(hostile.text)).replace("\u2060", "")
    assert re.sub(r"\s+", " ", visible(payload)).strip() in text


@pytest.mark.parametrize("name", sorted(INJECTIONS))
def test_injection_leaves_no_control_characters(name: str) -> None:
    """The Markdown file holds no control character that a terminal `cat` would act on."""
    out = markdown.render(hostile_report(INJECTIONS[name]))
    assert re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", out) is None


def test_html_and_comments_do_not_survive() -> None:
    """<script>, <img onerror> and <!-- --> in article text never reach the HTML as markup."""
    rendered = _MD.render(markdown.render(only(INJECTIONS["html"] + " " + INJECTIONS["markdown"])))
    assert "<script" not in rendered and "<img" not in rendered and "<!--" not in rendered
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in rendered


def test_pipes_stay_inside_their_table_cell() -> None:
    """A pipe in a fact or a quote does not add a column to the table holding it."""
    html = _html(markdown.render(hostile_report("a | b | c")))
    benign = _html(markdown.render(hostile_report("a b c")))
    assert html.tags.count("td") == benign.tags.count("td")


# --- golden files ---------------------------------------------------------------------------------


def test_samples_golden(golden: Golden) -> None:
    """The samples' Markdown report matches the reviewed golden file."""
    golden.check("samples.md", markdown.render(samples_report()))


def test_full_report_golden(golden: Golden) -> None:
    """The hand-built full report's Markdown matches its reviewed golden file."""
    golden.check("full-report.md", markdown.render(full_report()))
