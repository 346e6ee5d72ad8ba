"""Property tests: for arbitrary text pairs the comparison never raises and the JSON invariants hold.

Bounded (60 examples a property, no deadline) so that CI stays fast. Texts are built from pieces
that stress the pipeline: abbreviations, quotes of every glyph, \\r and \\r\\n, lone punctuation,
URLs, figures, non-Latin scripts, control and zero-width characters, plus arbitrary unicode.
"""

from __future__ import annotations

import io
import json
import sys
from functools import cache
from importlib.resources import files
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from storydiff.model import Report
from storydiff.normalize import INVISIBLE
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
    """Every visible character in exactly one sentence; offsets valid; text == text[start:end]."""
    owner = [-1] * len(text)
    for position, s in enumerate(source["sentences"]):
        assert s["index"] == position
        assert 0 <= s["start"] < s["end"] <= len(text), s
        assert text[s["start"] : s["end"]] == s["text"]
        assert s["role"] in {"headline", "body", "boilerplate"}
        for i in range(s["start"], s["end"]):
            assert owner[i] == -1, f"character {i} ({text[i]!r}) in sentences {owner[i]} and {position}"
            owner[i] = position
    # Invisible characters (soft hyphen, zero-width space, BOM, ...) show nothing: like whitespace,
    # they may stand between sentences (a text of nothing else has no sentence and is refused).
    uncovered = [
        (i, ch) for i, ch in enumerate(text) if owner[i] == -1 and not ch.isspace() and ch not in INVISIBLE
    ]
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


# --- symmetry: B against A is A against B mirrored ---------------------------------------------------


def _swap(side: str) -> str:
    return {"a": "b", "b": "a"}[side]


def mirrored(data: dict[str, Any]) -> dict[str, Any]:
    """What the report of B against A must be, built from the report of A against B.

    Everything that names a side is swapped: the alignment's groups, 'only' lists, shared quotes
    (with their speakers), one-sided and paraphrased quotes, facts only one source states,
    conflicts and the summary's counts. Lists whose order follows A are sorted, since order is
    not part of the promise; scores are rounded to the precision the JSON carries.
    """
    q = data["quotes"]
    f = data["facts"]
    s = data["summary"]
    out: dict[str, Any] = {
        "alignment": sorted(
            (tuple(g["b"]), tuple(g["a"]), g["kind"], round(g["score"], 4)) for g in data["alignment"]
        ),
        "only": (data["only"]["b"], data["only"]["a"]),
    }
    if q is not None:
        out["quotes.shared"] = sorted(
            (x["b"], x["a"], x["match"], x["b_speaker"], x["a_speaker"], x["b_text"], x["a_text"])
            for x in q["shared"]
        )
        out["quotes.only"] = (q["only"]["b"], q["only"]["a"])
        out["quotes.paraphrased"] = sorted(
            (
                _swap(p["quote"]["source"]),
                p["quote"]["index"],
                _swap(p["sentence"]["source"]),
                p["sentence"]["index"],
            )
            for p in q["paraphrased"]
        )
    if f is not None:
        out["facts.only"] = (f["only"]["b"], f["only"]["a"])
        out["facts.conflicts"] = sorted(
            (c["kind"], c["b"]["text"], c["b"]["sentence"], c["a"]["text"], c["a"]["sentence"])
            for c in f["conflicts"]
        )
    out["summary"] = {
        k: ({"a": v["b"], "b": v["a"]} if isinstance(v, dict) and set(v) == {"a", "b"} else v)
        for k, v in s.items()
    }
    return out


def as_is(data: dict[str, Any]) -> dict[str, Any]:
    """The same fields as :func:`mirrored`, unswapped, for comparing with it."""
    twice = mirrored(data)
    q = data["quotes"]
    f = data["facts"]
    out: dict[str, Any] = {
        "alignment": sorted(
            (tuple(g["a"]), tuple(g["b"]), g["kind"], round(g["score"], 4)) for g in data["alignment"]
        ),
        "only": (data["only"]["a"], data["only"]["b"]),
    }
    if q is not None:
        out["quotes.shared"] = sorted(
            (x["a"], x["b"], x["match"], x["a_speaker"], x["b_speaker"], x["a_text"], x["b_text"])
            for x in q["shared"]
        )
        out["quotes.only"] = (q["only"]["a"], q["only"]["b"])
        out["quotes.paraphrased"] = sorted(
            (p["quote"]["source"], p["quote"]["index"], p["sentence"]["source"], p["sentence"]["index"])
            for p in q["paraphrased"]
        )
    if f is not None:
        out["facts.only"] = (f["only"]["a"], f["only"]["b"])
        out["facts.conflicts"] = sorted(
            (c["kind"], c["a"]["text"], c["a"]["sentence"], c["b"]["text"], c["b"]["sentence"])
            for c in f["conflicts"]
        )
    out["summary"] = data["summary"]
    assert set(out) == set(twice)
    return out


def asymmetries(a: str, b: str) -> list[str]:
    """The fields in which comparing B with A is not comparing A with B mirrored (empty: symmetric)."""
    ab = json.loads(json_render.render(compare_texts(a, b)))
    ba = json.loads(json_render.render(compare_texts(b, a)))
    want, got = mirrored(ab), as_is(ba)
    return [key for key in want if want[key] != got[key]]


RUN_ON = [
    "He said “We will not retreat from the border.”The talks ended late at night.",
    "“We will not retreat from the border,” the minister said.The talks ended late at night.",
    "“We will not retreat from the border.”The minister said so on Monday.",
    'Stoltenberg said: "It is nonsense."Officials agreed.',
    "“It’s nonsense,” said Jens Stoltenberg.",
    "The minister spoke on Monday.",
    "Officials agreed to meet again on Friday, with 30 people.",
    "Officials agreed to meet again on Friday, with 40 people.",
]
"""Sentences around the known asymmetry: a quote run on into the next sentence without a space."""

quote_texts = st.lists(
    st.one_of(st.sampled_from(RUN_ON), st.sampled_from(PIECES)), min_size=1, max_size=12
).map(" ".join)


def test_run_on_quote_is_symmetric() -> None:
    """The case the issue names: the number of shared quotes must not depend on which file is A."""
    a = f"The minister spoke on Monday. {RUN_ON[0]} Officials agreed to meet again on Friday."
    b = f"{RUN_ON[1]} {RUN_ON[4]}"
    assert asymmetries(a, b) == []


@pytest.mark.parametrize(
    ("quote", "times"),
    [(RUN_ON[0], 5), ('Stoltenberg said: "It is nonsense."Officials agreed.', 2)],
    ids=["long-quote-5-times", "one-word-quote-twice"],
)
def test_repeated_quote_is_symmetric(quote: str, times: int) -> None:
    """One quote in A, the same quote repeated in B: as many shared quotes either way round (the
    repeat is the piece of a one-to-many link whichever side it is on)."""
    assert asymmetries(quote, " ".join([quote] * times)) == []


@BOUNDED
@given(quote_texts, quote_texts)
def test_swapping_a_and_b_mirrors_everything(a: str, b: str) -> None:
    """A against B and B against A: the same groups, 'only' lists, quotes, facts and conflicts, mirrored."""
    assert asymmetries(a, b) == []


@BOUNDED
@given(texts, texts)
def test_swapping_arbitrary_texts_mirrors_everything(a: str, b: str) -> None:
    """The same for arbitrary texts built from the stress pieces."""
    assert asymmetries(a, b) == []


def test_fuzz_harness_bounded() -> None:
    """benchmarks/fuzz.py's loop, bounded (40 pairs, one also in a fresh process): nothing breaks."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "fuzz.py"
    spec = importlib.util.spec_from_file_location("storydiff_fuzz", path)
    assert spec is not None and spec.loader is not None
    fuzz = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = fuzz  # dataclasses look their module up there
    spec.loader.exec_module(fuzz)
    figures = fuzz.run(seconds=120, seed=7, max_cases=40, subprocess_every=40)
    assert figures.comparisons == 40 and figures.subprocess_checks == 1
    # every check ran on every pair (the summary's per-check counts)
    assert dict(figures.checks) == {
        "crash": 40,
        "invariant": 40,
        "determinism": 40,
        "determinism-process": 1,
        "asymmetry": 40,
    }
    assert figures.clean, figures.failures[:2]
