"""The JSON renderer: valid against the shipped schema, text kept verbatim, no terminal codes raw."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import jsonschema
import pytest

from storydiff.model import Report
from storydiff.render import json as json_render

from .reports import INJECTIONS, full_report, hostile_report, issue2_report, only, samples_report

if TYPE_CHECKING:
    from conftest import Golden


@cache
def _validator() -> Any:
    """A validator for the schema shipped in the package (jsonschema has no type stubs here)."""
    schema = json.loads((files("storydiff") / "schema" / "report.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _load(report: Report) -> dict[str, Any]:
    out = json_render.render(report)
    data: dict[str, Any] = json.loads(out)
    _validator().validate(data)
    return data


def test_schema_is_draft_2020_12() -> None:
    """The shipped schema declares draft 2020-12 and is itself a valid schema."""
    assert _validator().schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_issue2_report_has_no_quotes_or_facts() -> None:
    """Without quote and fact comparison the JSON leaves both keys out (no placeholders) and validates."""
    data = _load(issue2_report())
    assert "quotes" not in data
    assert "facts" not in data
    assert "quotes" not in data["sources"][0]
    assert "shared_quotes" not in data["summary"]
    assert "conflicts" not in data["summary"]


def test_full_report_validates_and_carries_quotes_and_facts() -> None:
    """A report with every section validates, and quotes/facts carry their texts and speakers."""
    data = _load(full_report())
    shared = data["quotes"]["shared"][0]
    assert (shared["speaker"], shared["match"]) == ("Ana Ruiz", "partial")
    assert shared["b_text"] == "We will not re-open it until the engineers sign off,"
    assert data["quotes"]["only_text"]["b"] == [{"index": 1, "text": "It is a mess,", "speaker": None}]
    assert data["facts"]["conflicts"][0] == {
        "a": {"text": "48-year-old", "sentence": 4},
        "b": {"text": "47-year-old", "sentence": 3},
        "kind": "number",
        "note": "age: 48 vs 47",
    }
    assert data["summary"]["conflicts"] == 1
    assert data["summary"]["shared_quotes"] == 1


def test_schema_rejects_a_broken_report() -> None:
    """The schema is strict enough to catch a wrong role and a missing field."""
    data = json.loads(json_render.render(issue2_report()))
    data["sources"][0]["sentences"][0]["role"] = "footer"
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate(data)
    data = json.loads(json_render.render(issue2_report()))
    del data["alignment"][0]["diff"]
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate(data)


def test_non_ascii_kept_as_is_and_newline_at_end() -> None:
    """Curly quotes stay readable UTF-8 (not \\u escapes), and the document ends with a newline."""
    out = json_render.render(only("“It’s nonsense,” he said."))
    assert "“It’s nonsense,”" in out
    assert out.endswith("}\n")


@pytest.mark.parametrize("name", sorted(INJECTIONS))
def test_injection_text_verbatim(name: str) -> None:
    """Hostile text comes back from the JSON exactly as it went in, in every field that holds it."""
    payload = INJECTIONS[name]
    data = _load(hostile_report(payload))
    src = data["sources"][0]
    assert (src["label"], src["path"], src["title"]) == (payload, payload, payload)
    assert all(s["text"] == payload for s in src["sentences"])
    assert data["only_text"] == {"a": [payload], "b": [payload]}
    assert data["alignment"][0]["diff"][0] == {"op": "equal", "a": payload, "b": payload, "minor": False}
    assert data["quotes"]["shared"][0]["a_text"] == payload
    assert data["quotes"]["shared"][0]["speaker"] == payload
    assert data["facts"]["only"]["a"][0]["text"] == payload
    assert data["facts"]["conflicts"][0]["note"] == payload


def test_c0_controls_escaped() -> None:
    """ESC, BEL, BS, CR in article text are JSON-escaped, never written raw to the terminal."""
    out = json_render.render(hostile_report(INJECTIONS["ansi"] + INJECTIONS["block-syntax"]))
    assert re.search("[\x00-\x09\x0b-\x1f]", out) is None
    assert "\\u001b[31mfell" in out
    json.loads(out)  # a raw newline inside a string would make this fail


@pytest.mark.parametrize("char", ["\x9b", "\x7f", "\u202e"])
def test_c1_del_and_bidi_escaped(char: str) -> None:
    """C1 controls, DEL and bidi overrides are written as \\u escapes: JSON piped to a terminal is inert."""
    out = json_render.render(hostile_report(INJECTIONS["ansi"]))
    assert char not in out
    assert f"\\u{ord(char):04x}" in out


def test_samples_golden(golden: Golden) -> None:
    """The samples' JSON validates and matches the reviewed golden file."""
    report = samples_report()
    out = json_render.render(report)
    _validator().validate(json.loads(out))
    golden.check("samples.json", out)


def test_full_report_golden(golden: Golden) -> None:
    """The hand-built full report's JSON matches its reviewed golden file."""
    golden.check("full-report.json", json_render.render(full_report()))
