"""The report model: one serialiser, the contract's fields, and a summary that adds up."""

from __future__ import annotations

import dataclasses
import json
from importlib.resources import files

import jsonschema
import pytest

from storydiff import model
from storydiff.model import (
    FORMAT_VERSION,
    AlignedGroup,
    Conflict,
    DiffOp,
    Fact,
    FactComparison,
    FactKind,
    GroupKind,
    Op,
    Paraphrase,
    Quote,
    QuoteComparison,
    QuoteMatch,
    QuoteMatchKind,
    Report,
    Role,
    Sentence,
    Side,
    Source,
    Why,
)


def source(label: str, texts: list[tuple[str, Role]], quotes: tuple[Quote, ...] = ()) -> Source:
    sentences, pos = [], 0
    for k, (t, role) in enumerate(texts):
        sentences.append(Sentence(k, pos, pos + len(t), t, k, role))
        pos += len(t) + 2
    return Source(label, f"{label}.txt", "\n\n".join(t for t, _ in texts), tuple(sentences), quotes=quotes)


A = source(
    "a",
    [
        ("Storm hits coast", Role.HEADLINE),
        ("The storm killed 12 people.", Role.BODY),
        ("Sign up for our newsletter", Role.BOILERPLATE),
        ("The mayor called it a tragedy.", Role.BODY),
    ],
    quotes=(Quote(0, 70, 78, "tragedy", 3, "Jane Roe"),),
)
B = source(
    "b",
    [("Twelve people died in the storm.", Role.BODY), ("“A tragedy,” said Mayor Jane Roe.", Role.BODY)],
    quotes=(Quote(0, 35, 44, "A tragedy", 1, "Jane Roe"),),
)
GROUP = AlignedGroup((1,), (0,), 0.62, GroupKind.PARTIAL, (DiffOp(Op.REPLACE, "12", "Twelve"),))


def full_report() -> Report:
    return Report(
        a=A,
        b=B,
        alignment=(GROUP,),
        only_a=(3,),
        only_b=(1,),
        quotes=QuoteComparison(
            shared=(QuoteMatch(0, 0, 0.8, QuoteMatchKind.PARTIAL),),
            paraphrased=(Paraphrase(Side.B, 0, Side.A, 3, 0.5),),
        ),
        facts=FactComparison(
            only_a=(Fact(FactKind.NUMBER, "12 people", 1, 40, 49),),
            conflicts=(
                Conflict(
                    Fact(FactKind.NUMBER, "12", 1, 0, 2),
                    Fact(FactKind.NUMBER, "13", 0, 0, 2),
                    FactKind.NUMBER,
                    "12 vs 13",
                ),
            ),
        ),
    )


def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(
        files("storydiff").joinpath("schema", "report.schema.json").read_text(encoding="utf-8")
    )
    return jsonschema.Draft202012Validator(schema)


def test_contract_fields_and_texts() -> None:
    """to_dict gives the contract's fields, with texts beside indices so jq needs no joins."""
    d = full_report().to_dict()
    assert d["format"] == FORMAT_VERSION == "storydiff/1"
    assert [s["label"] for s in d["sources"]] == ["a", "b"]
    assert d["alignment"] == [
        {
            "a": [1],
            "b": [0],
            "score": 0.62,
            "kind": "partial",
            "a_text": "The storm killed 12 people.",
            "b_text": "Twelve people died in the storm.",
            "diff": [{"op": "replace", "a": "12", "b": "Twelve", "minor": False}],
        }
    ]
    assert d["only"] == {"a": [3], "b": [1]}
    assert d["quotes"]["shared"][0]["speaker"] == "Jane Roe"
    assert d["quotes"]["shared"][0]["a_text"] == "tragedy"
    assert d["quotes"]["paraphrased"][0]["sentence"] == {
        "source": "a",
        "index": 3,
        "text": "The mayor called it a tragedy.",
    }
    assert d["facts"]["conflicts"][0] == {
        "a": {"text": "12", "sentence": 1},
        "b": {"text": "13", "sentence": 0},
        "kind": "number",
        "note": "12 vs 13",
    }
    validator().validate(d)


def test_quotes_and_facts_left_out_until_computed() -> None:
    """A report without quote or fact analysis has no such keys: never placeholders."""
    d = Report(a=A, b=B, alignment=(GROUP,), only_a=(3,), only_b=(1,)).to_dict()
    assert "quotes" not in d and "facts" not in d
    assert all("quotes" not in s for s in d["sources"])
    assert "shared_quotes" not in d["summary"] and "conflicts" not in d["summary"]
    validator().validate(d)


def test_summary_counts_body_sentences_only() -> None:
    """The summary counts body sentences and the share of body text that is aligned."""
    s = full_report().summary
    assert (s.body_a, s.body_b, s.aligned_a, s.aligned_b, s.only_a, s.only_b) == (2, 2, 1, 1, 1, 1)
    body_a = len("The storm killed 12 people.") + len("The mayor called it a tragedy.")
    assert s.shared_chars_a == pytest.approx(len("The storm killed 12 people.") / body_a)
    assert (s.groups, s.same_groups, s.partial_groups, s.shared_quotes, s.conflicts) == (1, 0, 1, 1, 1)


def test_converted_text_is_included_only_for_html() -> None:
    """Offsets of an HTML input refer to the extracted text, which the JSON then carries."""
    html = dataclasses.replace(A, converted_from="html")
    d = Report(a=html, b=B, alignment=(), only_a=(), only_b=()).to_dict()
    assert d["sources"][0]["text"] == A.text
    assert "text" not in d["sources"][1]


def test_records_are_frozen() -> None:
    """The model is immutable: renderers cannot change what they are given."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        GROUP.score = 1.0  # type: ignore[misc]


def test_records_compare_hash_and_show_like_dataclasses() -> None:
    """Records share eq/hash/repr (not generated per class) yet behave as dataclasses' own would."""

    @dataclasses.dataclass(frozen=True)
    class Plain:  # what @dataclass would have generated, field for field
        a: tuple[int, ...]
        b: tuple[int, ...]
        score: float
        kind: GroupKind
        diff: tuple[DiffOp, ...] = ()
        why: Why | None = None

    same = AlignedGroup((0,), (1,), 0.5, GroupKind.SAME)
    plain = Plain((0,), (1,), 0.5, GroupKind.SAME)
    assert same == AlignedGroup((0,), (1,), 0.5, GroupKind.SAME)
    assert same != AlignedGroup((0,), (2,), 0.5, GroupKind.SAME)
    assert same != plain  # another class with the same fields is not equal
    assert hash(same) == hash(plain) == hash(((0,), (1,), 0.5, GroupKind.SAME, (), None))
    assert len({same, AlignedGroup((0,), (1,), 0.5, GroupKind.SAME)}) == 1
    assert repr(same) == repr(plain).replace(Plain.__qualname__, "AlignedGroup")
    assert dataclasses.replace(same, score=0.9).score == 0.9
    assert [f.name for f in dataclasses.fields(same)] == ["a", "b", "score", "kind", "diff", "why"]


def test_record_equality_respects_compare_and_repr_flags() -> None:
    """A field declared compare=False or repr=False is left out as @dataclass would leave it out."""

    @dataclasses.dataclass(frozen=True, eq=False, repr=False)
    class Tagged(model._Record):
        value: int
        note: str = dataclasses.field(default="", compare=False, repr=False)

    assert Tagged(1, "x") == Tagged(1, "y")
    assert hash(Tagged(1, "x")) == hash(Tagged(1, "y"))
    assert repr(Tagged(1, "x")).endswith("Tagged(value=1)")


def test_shared_quotes_count_utterances_not_links() -> None:
    """One outlet's single span matched to the other's two pieces is one shared utterance."""
    m = QuoteMatchKind.PARTIAL
    links = (QuoteMatch(0, 0, 0.9, m), QuoteMatch(0, 1, 0.8, m), QuoteMatch(2, 3, 1.0, QuoteMatchKind.EXACT))
    assert QuoteComparison(shared=links).utterances() == 2
    assert QuoteComparison().utterances() == 0
