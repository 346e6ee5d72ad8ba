"""The language lists: each readable, without duplicates, and the overlaps the steps rely on."""

from __future__ import annotations

import pytest

from storydiff import lang
from storydiff.quotes import find_quotes
from storydiff.segment import segment


@pytest.mark.parametrize("concept", lang.concepts())
def test_list_is_clean(concept: str) -> None:
    """Every list loads, has entries, and names no entry twice (case-insensitively)."""
    found = lang.entries(concept)
    assert found, f"{concept} is empty"
    folded = [e.lower() for e in found]
    dupes = sorted({e for e in folded if folded.count(e) > 1})
    assert not dupes, f"{concept} lists {dupes} twice"


def test_months_are_known() -> None:
    assert {"january", "sept", "dec"} <= lang.words("months")


# --------------------------------------------------------------------------------------------------
# Required overlaps: what one step knows, the others must know too.
# --------------------------------------------------------------------------------------------------

_RULES = lang.mapping("abbreviations")
_TITLE_ABBREVIATIONS = sorted(a for a, rule in _RULES.items() if rule == "title")
_VERBS = lang.entries("reporting_verbs")


def test_abbreviation_rules_are_known() -> None:
    """Every abbreviation has one of the rules segment.py reads."""
    rules = {"title", "number", "month", "ambiguous", "state", "place"}
    assert {a: r for a, r in _RULES.items() if r not in rules} == {}


@pytest.mark.parametrize("abbreviation", _TITLE_ABBREVIATIONS)
def test_title_abbreviation_never_ends_a_sentence(abbreviation: str) -> None:
    """ "Gen. Smith said it." stays one sentence for every title abbreviation."""
    head = f"{abbreviation.capitalize()}. Smith said it."
    text = f"{head} Then he left."
    assert [s.text for s in segment(text)] == [head, "Then he left."]


@pytest.mark.parametrize("verb", _VERBS)
def test_reporting_verb_keeps_the_attribution_in_the_sentence(verb: str) -> None:
    """A quote ending in "?" and then "Smith VERB." is one sentence, and the next one starts after it."""
    head = f'"Why would we ever do that?" Smith {verb}.'
    text = f"{head} Then he left."
    assert [s.text for s in segment(text)] == [head, "Then he left."]


@pytest.mark.parametrize("verb", _VERBS)
def test_reporting_verb_names_the_speaker(verb: str) -> None:
    """`"…," Smith VERB.` gives the quote to Smith, for every form of every reporting verb."""
    text = f'"We will win this race," Smith {verb}. Then he left.'
    found = find_quotes(text, segment(text))
    assert [(q.text, q.speaker) for q in found] == [("We will win this race", "Smith")]


@pytest.mark.parametrize(
    "verb", [v for v in _VERBS if not v.endswith("ing") and v not in lang.words("naming_verbs")]
)
def test_finite_reporting_verb_names_the_speaker_after_a_question(verb: str) -> None:
    """`"…?" Smith VERB.` gives the quote to Smith too ("-ing" forms and naming verbs aside: "Smith
    saying." is no clause, and "Smith called." may introduce a name)."""
    text = f'"Why would we ever do that?" Smith {verb}. Then he left.'
    found = find_quotes(text, segment(text))
    assert [q.speaker for q in found] == ["Smith"]


def test_determiner_makes_a_reporting_verb_a_noun() -> None:
    """ "Her notes," after a question is a noun phrase, not an attribution: the sentence ends."""
    text = '"Is it true?" Her notes, it seems, were lost.'
    assert [s.text for s in segment(text)] == ['"Is it true?"', "Her notes, it seems, were lost."]


def test_months_agree_with_abbreviations() -> None:
    """Every month abbreviation is a month, and every short month form is listed as one."""
    short = {a for a, rule in _RULES.items() if rule == "month"}
    months = lang.words("months")
    assert short <= months
    assert {m for m in months if m not in short and len(m) <= 4 and m not in {"may", "june", "july"}} == set()


def test_title_data_is_about_titles() -> None:
    """Gendered titles and the titles a job noun stands for are person titles."""
    titles = lang.words("titles")
    assert set(lang.mapping("title_genders")) <= titles
    assert set(lang.mapping("title_genders").values()) <= {
        p for p, k in lang.mapping("pronouns").items() if k == "person"
    }
    for noun, named in lang.mapping("title_synonyms").items():
        assert set(named.split()) <= titles, noun


def test_closed_classes_overlap_as_expected() -> None:
    """Determiners and pronouns are stop words; suffixes that take a
    stop are abbreviations."""
    stop = lang.words("stopwords")
    assert lang.words("determiners") <= stop
    assert set(lang.mapping("pronouns")) <= stop
    dotted = {s for s in lang.words("name_suffixes") if s in {"jr", "sr"}}
    assert dotted <= set(_RULES)


def test_numerals_are_number_words() -> None:
    """The numerals among the quantifiers ("one voter", "two residents") are number words."""
    numerals = {w for w in lang.words("quantifiers") if w in {"one", "two", "three"}}
    assert numerals <= set(lang.mapping("number_words"))  # two columns: word, value


@pytest.mark.parametrize(
    ("concept", "others"),
    [
        ("furniture-date-words", ("months", "weekdays", "time_zones")),
        ("furniture-byline-words", ("furniture-name-particles",)),
        ("pre_verb_words", ("reporting_verbs",)),
        ("furniture-nav-words", ("furniture-nav-tail",)),
    ],
)
def test_a_concept_lives_in_one_file(concept: str, others: tuple[str, ...]) -> None:
    """Lists that a step reads together with others do not repeat them (each concept once)."""
    for other in others:
        assert not lang.words(concept) & lang.words(other), other
