"""The word lists facts reads: each concept once, and the overlaps its rules rely on."""

from __future__ import annotations

import pytest

from storydiff import facts, lang
from storydiff.segment import segment


@pytest.mark.parametrize(
    ("concept", "others"),
    [
        ("facts-function-words", ("stopwords", "relative_days", "prepositions")),
        ("facts-name-particles", ("furniture-name-particles",)),
    ],
)
def test_a_facts_list_repeats_no_shared_list(concept: str, others: tuple[str, ...]) -> None:
    """Lists read together with a shared one add to it and repeat none of its entries: each word
    of a concept has one home."""
    for other in others:
        assert not lang.words(concept) & lang.words(other), other


@pytest.mark.parametrize(
    ("concept", "whole"),
    [
        ("facts-title-homographs", {"titles"}),  # titles that facts leaves inside names
        ("facts-passive-aux", {"auxiliaries"}),  # the forms of "be" among the auxiliaries
        ("facts-one-leads", {"prepositions", "stopwords"}),
        ("facts-month-leads", {"prepositions", "stopwords", "facts-function-words"}),
    ],
)
def test_a_facts_list_is_part_of_its_class(concept: str, whole: set[str]) -> None:
    """Lists that pick out part of a word class hold words of that class only."""
    known = frozenset().union(*(lang.words(w) for w in whole))
    assert sorted(lang.words(concept) - known) in ([], ["early", "late", "mid"])


def test_numbers_and_times_are_known_units_and_numbers() -> None:
    """Times words have values; durations are units; month abbreviations are months."""
    assert lang.words("facts-times-words") <= set(lang.mapping("number_words"))
    assert set(lang.mapping("units").values()) >= facts._DURATIONS
    assert {"day", "week", "year"} <= facts._DURATIONS
    assert lang.words("months") >= facts._MONTH_ABBR_ONLY
    assert (facts._WEEKDAYS["monday"], facts._WEEKDAYS["sunday"]) == (1, 7)


_PERSON_TITLE_ABBREVIATIONS = sorted(
    a for a, kind in lang.mapping("abbreviations").items() if kind == "title" and a in facts._TITLES
)


@pytest.mark.parametrize("abbreviation", _PERSON_TITLE_ABBREVIATIONS)
def test_title_abbreviation_is_dropped_from_the_name(abbreviation: str) -> None:
    """ "Gen. John Smith said it." names John Smith, for every person title that is an abbreviation:
    facts keeps the stop with the word (an abbreviation) and drops the word (a title)."""
    text = f"{abbreviation.capitalize()}. John Smith said it on Monday."
    found = facts.extract_facts(text, segment(text))
    assert [f.text for f in found if f.kind.value == "name"] == ["John Smith"]
