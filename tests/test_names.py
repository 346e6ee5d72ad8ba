"""Tests for storydiff.names: the one recogniser of people and organisation names (case table
tests/data/names_cases.tsv) and what links its mentions within a document."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydiff.names import Tokens, find_names, title_case

DATA = Path(__file__).parent / "data"


def _table(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


_CASES = _table("names_cases.tsv")


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in _CASES], ids=[c[0] for c in _CASES])
def test_mentions(text: str, expected: str) -> None:
    """Each case: every mention's name, kind and the full name it stands for, in text order."""
    names = find_names(text.replace("\\n", "\n"))
    got = [f"{m.name}|{m.kind}|{names.full_name(m)}" for m in names.mentions]
    assert got == [e.strip() for e in expected.split(" ; ")]


def test_title_case_lines() -> None:
    assert title_case("Duncan Hunter Is Indicted, Accused of Misusing Campaign Funds")
    assert not title_case("Duncan Hunter was indicted on Tuesday in San Diego.")
    assert not title_case("Hunter Spoke")  # too short to tell


def test_offsets_point_at_the_name() -> None:
    text = "NATO Secretary-General Jens Stoltenberg said so."
    (m,) = find_names(text).mentions
    assert text[m.start : m.end] == m.name == "Jens Stoltenberg"
    assert m.titles == frozenset({"nato", "secretary-general"})


def test_one_person_within_a_document() -> None:
    """ "Churkin", "Envoy Churkin" and "Vitaly Churkin" are one person; a namesake is not."""
    names = find_names("Vitaly Churkin spoke. Envoy Churkin left. Anna Churkina stayed. Churkin returned.")
    vitaly, envoy, anna, bare = names.mentions
    assert names.same_person(vitaly, envoy) and names.same_person(envoy, bare)
    assert not names.same_person(vitaly, anna)


def test_gender_from_courtesy_title_and_given_name() -> None:
    names = find_names("Hillary Clinton met Mr. Putin. Clinton spoke.")
    assert names.gender_of("Hillary Clinton") == "she"
    assert names.gender_of("Putin") == "he"


def test_words_inside_quotes_are_not_names() -> None:
    text = "He said “Tell Bob Smith” to Jane Doe."
    start = text.index("“")
    names = find_names(text, quote_marks=[(start, text.index("”") + 1)])
    assert [m.name for m in names.mentions] == ["Jane Doe"]


def test_tokens_outside_quotes() -> None:
    text = "a “b c” d"
    toks = Tokens(text, [(2, 7)])
    assert [toks.words[i] for i in toks.outside] == ["a", "d"]
    assert toks[1].in_quote and not toks[0].in_quote
