"""Property tests: for arbitrary text pairs the comparison never raises and the JSON invariants hold.

Bounded (60 examples a property, no deadline) so that CI stays fast. Texts are built from pieces
that stress the pipeline: abbreviations, quotes of every glyph, \\r and \\r\\n, lone punctuation,
URLs, figures, non-Latin scripts, control and zero-width characters, plus arbitrary unicode.
"""

from __future__ import annotations

import io
import json
from functools import cache
from importlib.resources import files
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from storydiff.model import Report
from storydiff.pipeline import compare_texts
from storydiff.render import json as json_render
from storydiff.render import markdown, terminal

PIECES = [
    "NATO",
    "said",
    "the",
    "Jens Stoltenberg",
    "Mr.",
    "Jan. 26",
    "U.S.",
    "St. Petersburg",
    "No. 3",
    "3.5",
    "1,200",
    "p.m.",
    "...",
    "…",
    ".",
    "!",
    "?",
    ",",
    ";",
    ":",
    "-",
    "—",
    "–",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "(",
    ")",
    "[bold red]",
    "`",
    "|",
    "#",
    "<!-- x -->",
    "<b>",
    "\x1b[31m",
    "\u200b",
    "\ufeff",
    "\u00a0",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "\r\n\r\n",
    "http://x.example/a?b=1",
    "Share this article",
    "By Staff Reporter",
    "cease-fire",
    "ceasefire",
    "Мост закрыт",
    "東京",
    "שלום",
    "🙂",
]
"""Pieces of news text and of everything that has broken text tools before."""

texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=8)),
    max_size=40,
).map("".join)

BOUNDED = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def _validator() -> Any:
    schema = json.loads((files("storydiff") / "schema" / "report.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def check_source(source: dict[str, Any], text: str) -> None:
    """Every non-whitespace character in exactly one sentence; offsets valid; text == text[start:end]."""
    owner = [-1] * len(text)
    for position, s in enumerate(source["sentences"]):
        assert s["index"] == position
        assert 0 <= s["start"] < s["end"] <= len(text), s
        assert text[s["start"] : s["end"]] == s["text"]
        assert s["role"] in {"headline", "body", "boilerplate"}
        for i in range(s["start"], s["end"]):
            assert owner[i] == -1, f"character {i} ({text[i]!r}) in sentences {owner[i]} and {position}"
            owner[i] = position
    uncovered = [(i, ch) for i, ch in enumerate(text) if owner[i] == -1 and not ch.isspace()]
    assert not uncovered, f"characters in no sentence: {uncovered[:5]}"


def check_report(data: dict[str, Any], a: str, b: str) -> None:
    """The JSON contract's invariants over sources, alignment and 'only'."""
    _validator().validate(data)
    sources = data["sources"]
    check_source(sources[0], a)
    check_source(sources[1], b)
    roles = [{s["index"]: s["role"] for s in src["sentences"]} for src in sources]
    for side, key in enumerate("ab"):
        grouped = [i for g in data["alignment"] for i in g[key]]
        only = data["only"][key]
        assert len(grouped) == len(set(grouped)), f"a sentence of {key} in two groups"
        assert not set(grouped) & set(only), f"a sentence of {key} both aligned and 'only'"
        assert len(only) == len(set(only))
        assert all(roles[side].get(i) == "body" for i in only), "'only' holds a non-body sentence"
        assert all(roles[side].get(i) in {"body", "headline"} for i in grouped), "boilerplate aligned"
    for g in data["alignment"]:
        assert g["a"] and g["b"]
        assert 0.0 <= g["score"] <= 1.0
        assert g["kind"] in {"same", "partial"}


def render_all(report: Report) -> dict[str, Any]:
    """Render the report in every format (terminal at two widths, with and without colour)."""
    for color, width in ((True, 100), (False, 40)):
        console = Console(file=io.StringIO(), width=width, color_system="truecolor" if color else None)
        console.print(terminal.render(report, color=color))
    assert isinstance(markdown.render(report), str)
    data: dict[str, Any] = json.loads(json_render.render(report))
    return data


@BOUNDED
@given(texts, texts)
def test_arbitrary_pairs(a: str, b: str) -> None:
    """Any two texts compare without raising, render in every format, and keep the JSON invariants."""
    check_report(render_all(compare_texts(a, b)), a, b)


@BOUNDED
@given(texts, st.data())
def test_shared_text(a: str, data: st.DataObject) -> None:
    """A text compared with an edited copy of itself (the common case) keeps the invariants."""
    cut = data.draw(st.integers(min_value=0, max_value=len(a)))
    insert = data.draw(texts)
    b = a[:cut] + insert + a[cut:]
    check_report(render_all(compare_texts(a, b)), a, b)


@BOUNDED
@given(texts)
def test_same_text_all_shared(a: str) -> None:
    """A text compared with itself has nothing 'only' in either source."""
    data = render_all(compare_texts(a, a))
    check_report(data, a, a)
    assert data["only"]["a"] == data["only"]["b"] == []
