"""Alignment of text in scripts other than Latin: Cyrillic, Arabic, Hebrew, Chinese.

Terms are words of any script (combining marks kept inside the word and dropped from its term);
scripts written without spaces are cut into overlapping character pairs. The English stemmer and
stop words do not apply there, so these cases are reorderings with light rewording.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storydiff.align import align, terms
from storydiff.model import Options, Role, Sentence

DATA = Path(__file__).resolve().parent / "data"
CASES = json.loads((DATA / "align_scripts.json").read_text(encoding="utf-8"))["cases"]


def sentences(texts: list[str]) -> list[Sentence]:
    out, pos = [], 0
    for k, t in enumerate(texts):
        out.append(Sentence(k, pos, pos + len(t), t, k, Role.BODY))
        pos += len(t) + 1
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_reordered_reports_align(case: dict[str, Any]) -> None:
    """The reworded sentences are linked across the reordering; the sentence on something else
    stays only in its source."""
    groups, only_a, only_b = align(sentences(case["a"]), sentences(case["b"]), Options())
    found = {(i, j) for g in groups for i in g.a for j in g.b}
    assert found == {tuple(x) for x in case["links"]}
    assert list(only_a) == case["only_a"] and list(only_b) == case["only_b"]
    assert all(g.why is not None and (g.why.terms or g.why.names) for g in groups)


def test_reports_in_two_scripts_do_not_align() -> None:
    """Two texts sharing no script share no term: no alignment."""
    by_id = {c["id"]: c for c in CASES}
    groups, _, _ = align(sentences(by_id["russian"]["a"]), sentences(by_id["arabic"]["b"]), Options())
    assert groups == ()


@pytest.mark.parametrize(
    ("a", "b", "shared"),
    [
        ("Путин заявил", "Путин заявил", "путин_заявил"),
        (
            "\u0645\u064e\u062f\u0652\u0631\u064e\u0633\u064e\u0629\u064c",
            "\u0645\u062f\u0631\u0633\u0629",
            "\u0645\u062f\u0631\u0633\u0629",
        ),
        (
            "\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd",
            "\u05e9\u05dc\u05d5\u05dd",
            "\u05e9\u05dc\u05d5\u05dd",
        ),
        ("北京市政府", "北京的天气", "北京"),
        ("Apple的iPhone手机", "iPhone手机", "iphon"),
        ("Les élections", "les élections", "élection"),
    ],
    ids=[
        "cyrillic-bigram",
        "arabic-vowel-signs",
        "hebrew-points",
        "chinese-character-pair",
        "mixed-latin-chinese",
        "latin-accents",
    ],
)
def test_terms_of_any_script(a: str, b: str, shared: str) -> None:
    """Words of every script give terms: vowel signs and points do not split or change a word, a
    run of Chinese gives its character pairs, a Latin word inside it is stemmed as usual."""
    assert shared in terms(a) and shared in terms(b), (sorted(terms(a)), sorted(terms(b)))
