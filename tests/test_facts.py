"""Facts: extraction of figures, dates and names; what only one source reports; conflicting figures."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from storydiff.facts import _Num, compare_facts, extract_facts
from storydiff.model import AlignedGroup, Fact, FactKind, GroupKind, Role, Sentence, Source
from storydiff.pipeline import compare_texts


def _sentences(parts: Sequence[str | tuple[str, Role]]) -> tuple[str, tuple[Sentence, ...]]:
    """Join sentences into one text, one paragraph each, and give their offsets."""
    text = ""
    out = []
    for k, part in enumerate(parts):
        body, role = (part, Role.BODY) if isinstance(part, str) else part
        if text:
            text += "\n\n"
        out.append(Sentence(k, len(text), len(text) + len(body), body, k, role))
        text += body
    return text, tuple(out)


def _source(*parts: str | tuple[str, Role], label: str = "x") -> Source:
    text, sents = _sentences(parts)
    return Source(label, label, text, sents, facts=extract_facts(text, sents))


def _texts(facts: Sequence[Fact], kind: FactKind | None = None) -> list[str]:
    return [f.text for f in facts if kind is None or f.kind is kind]


def _facts(*parts: str) -> tuple[Fact, ...]:
    text, sents = _sentences(parts)
    return extract_facts(text, sents)


# --- extraction: numbers


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "A port city where 30 civilians were killed and 100 more injured on Saturday.",
            "30 civilians were killed",
        ),
        ("A port city where 30 civilians were killed and 100 more injured on Saturday.", "100 more injured"),
        ("They spent $250,000 on the house.", "$250,000"),
        ("They bought a $5,587.75 vacation at a retreat.", "$5,587.75 vacation"),
        ("The bookmakers gave odds of 5,000-1 against it.", "5,000-1"),
        ("She held a seven-point lead in the polls.", "seven-point lead"),
        ("Prosecutors filed a 48-page indictment in court.", "48-page indictment"),
        ("Russia has supplied hundreds of pieces of equipment.", "hundreds of pieces"),
        ("He won 48 percent of the vote.", "48 percent"),
        ("It expands from seven to eight the field of seats.", "from seven to eight"),
        ("They paid for almost a dozen relatives.", "almost a dozen relatives"),
        ("There was a two-year investigation.", "two-year investigation"),
        ("He faces 46 to 57 months in prison.", "46 to 57 months"),
        ("He was 5-foot-11 and weighed a lot.", "5-foot-11"),
        ("They hurt tens of thousands of people.", "tens of thousands of people"),
    ],
)
def test_numbers_with_what_they_count(sentence: str, expected: str) -> None:
    """A figure is reported together with its unit or counted noun, as the source words it."""
    assert expected in _texts(_facts(sentence), FactKind.NUMBER)


def test_age_after_a_name_is_an_age_of_that_person() -> None:
    """ "Mr. Hunter, 41," is Hunter's age, keyed by surname so that another source's age can be compared."""
    facts = _facts(
        "Representative Duncan Hunter spoke.", "Mr. Hunter, 41, becomes the second to be indicted."
    )
    ages = [f for f in facts if f.kind is FactKind.NUMBER]
    assert [f.text for f in ages] == ["Hunter, 41"]
    assert ages[0].key == "num|age|41|41|||hunter||"


def test_qualifier_is_part_of_the_figure() -> None:
    """ "more than $250,000" keeps its qualifier, which later tells imprecision from conflict."""
    (fact,) = _facts("They converted more than $250,000 in campaign funds.")
    assert fact.text == "more than $250,000"
    assert fact.key.split("|")[4] == "min"


def test_number_word_counting_nothing_is_not_a_fact() -> None:
    """ "The two were ..." has no counted noun, so it is not listed (the list must not flood)."""
    assert _texts(_facts("The two were the earliest supporters.")) == []


# --- extraction: dates


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The meeting of the commission on Jan. 26, 2015, was short.", "Jan. 26, 2015"),
        ("It was first reported in January 2017 by a newspaper.", "January 2017"),
        ("The letter was sent on Aug. 6 to the deputy.", "Aug. 6"),
        ("The ambassadors met on Monday in Brussels.", "Monday"),
        ("They are due in court on Thursday morning.", "Thursday morning"),
        ("The instances began in 2009 and lasted years.", "2009"),
        ("She filed false returns for 2006 through 2011 as well.", "2006 through 2011"),
        ("It seized the peninsula in March after a vote.", "March"),
        (
            "According to a 2012 bankruptcy petition filed in Miami, he lived with her.",
            "2012 bankruptcy petition",
        ),
    ],
)
def test_dates_and_days(sentence: str, expected: str) -> None:
    """Dates, months with years, weekdays (with the part of the day), years and year ranges are facts."""
    assert expected in _texts(_facts(sentence), FactKind.DATE)


def test_may_as_a_verb_is_not_a_month() -> None:
    """The modal "may" never becomes a date."""
    assert _texts(_facts("Investigators may find more packages."), FactKind.DATE) == []


# --- extraction: names


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ukraine's Ambassador to NATO Ihor Dolhov said nothing more.", "Ihor Dolhov"),
        ("He was investigated by the House Ethics Committee last year.", "House Ethics Committee"),
        ("It was reported by a newspaper, The Press-Enterprise, in a story.", "The Press-Enterprise"),
        ("He told The San Diego Union-Tribune that he wanted it.", "The San Diego Union-Tribune"),
        ("His opponent, Ammar Campa-Najjar, took only 17 percent.", "Ammar Campa-Najjar"),
        ("They went to see the Irish dance show Riverdance at a theater.", "Riverdance"),
        ("He called for a solution in full conformity with the Minsk agreements.", "Minsk agreements"),
        ("Reince Priebus leads the Republican National Committee now.", "Republican National Committee"),
        ("He taught economics at American University for years.", "American University"),
        ("The site BigGovernment.com posted the photo first.", "BigGovernment.com"),
        (
            "A record from the Florida Department of Law Enforcement shows it.",
            "Florida Department of Law Enforcement",
        ),
        ("He held memorabilia of Martin Luther King Jr. and others.", "Martin Luther King Jr."),
        (
            "They stayed at the Martha's Vineyard Holistic Retreat for days.",
            "Martha's Vineyard Holistic Retreat",
        ),
    ],
)
def test_names_of_people_places_and_organisations(sentence: str, expected: str) -> None:
    """Capitalised multi-word names, hyphenated names and treaty names are found whole, titles dropped."""
    assert expected in _texts(_facts(sentence), FactKind.NAME)


def test_titles_are_not_part_of_the_name_key() -> None:
    """ "FBI Director Chris Wray" yields the agency and the person, not one long name."""
    names = _texts(_facts("The arrest was confirmed by FBI Director Chris Wray on Friday."), FactKind.NAME)
    assert names == ["FBI", "Chris Wray"]


def test_sentence_initial_capitals_are_names_only_when_used_as_names_elsewhere() -> None:
    """A word capitalised only because it starts a sentence is not a name; a known name still is."""
    facts = _facts(
        "Diplomats said the meeting was useful.",
        "Kiev had asked for the meeting.",
        "NATO stepped up cooperation with Kiev last year.",
    )
    names = _texts(facts, FactKind.NAME)
    assert "Diplomats" not in names
    assert names.count("Kiev") == 2


def test_title_case_headline_keeps_only_known_names() -> None:
    """In a title-case headline, "Indicted" or "Campaign" are not names but "Duncan Hunter" is."""
    text, sents = _sentences(
        [
            ("Representative Duncan Hunter Is Indicted, Accused of Misusing Campaign Funds", Role.HEADLINE),
            "Representative Duncan Hunter was indicted over his campaign funds.",
        ]
    )
    headline = [f.text for f in extract_facts(text, sents) if f.sentence == 0]
    assert headline == ["Duncan Hunter"]


def test_boilerplate_gives_no_facts() -> None:
    """Bylines, captions and sign-up lines never produce facts."""
    text, sents = _sentences(
        [("Sign up for Daily Headlines from Stars and Stripes on Jan. 26", Role.BOILERPLATE)]
    )
    assert extract_facts(text, sents) == ()


def test_fact_offsets_point_at_the_fact_text() -> None:
    """Every fact's start/end index its text in the source."""
    text, sents = _sentences(["Mr. Jackson, 47, spent $5,150 on fur capes in Chicago on Friday."])
    facts = extract_facts(text, sents)
    assert facts
    assert all(text[f.start : f.end] == f.text for f in facts)


# --- only in one source


def _compare(
    a: Source, b: Source, groups: Sequence[AlignedGroup] = ()
) -> tuple[list[str], list[str], list[str]]:
    fc = compare_facts(a, b, groups)
    return _texts(fc.only_a), _texts(fc.only_b), [c.note for c in fc.conflicts]


def test_only_in_one_is_about_the_whole_other_document() -> None:
    """A fact the other source gives in any sentence, aligned or not, is not reported as only-in-one."""
    a = _source(
        "The NATO chief Jens Stoltenberg met officials in Mariupol on Monday.", "Crimea was seized in March."
    )
    b = _source("NATO officials met on Monday.", "Later, talk turned to Mariupol and to Crimea.")
    only_a, only_b, _ = _compare(a, b)
    assert only_a == ["Jens Stoltenberg", "March"]
    assert only_b == []


def test_fact_inside_aligned_sentence_missing_from_counterpart_is_reported() -> None:
    """An aligned sentence may still hold a figure its counterpart lacks: "30 civilians were killed"."""
    a = _source("Ukrainian leaders met to discuss the violence in the port city.")
    b = _source(
        "Ukrainian leaders met to discuss the violence in the port city, where 30 civilians were killed."
    )
    group = AlignedGroup((0,), (0,), 0.8, GroupKind.PARTIAL)
    _, only_b, _ = _compare(a, b, [group])
    assert only_b == ["30 civilians were killed"]


def test_surname_matches_the_full_name_and_facts_are_listed_once() -> None:
    """ "Hunter" ~ "Duncan Hunter"; a name only one source has is listed once, at its first mention."""
    a = _source(
        "Representative Duncan Hunter was indicted.", "Chris Collins was too.", "Mr. Collins resigned."
    )
    b = _source("Mr. Hunter was indicted on Tuesday.", "Hunter denies it.")
    only_a, only_b, _ = _compare(a, b)
    assert only_a == ["Chris Collins"]
    assert only_b == ["Tuesday"]


def test_same_surname_of_another_person_is_not_a_match() -> None:
    """ "Michael Jackson" is not covered by another source's "Jackson" who is Jesse Jackson."""
    a = _source("Jesse Jackson Jr. bought a fedora of Michael Jackson.")
    b = _source("Former Rep. Jesse Jackson Jr. pleaded guilty.", "Jackson cried.")
    only_a, _, _ = _compare(a, b)
    assert only_a == ["Michael Jackson"]


def test_aliases_match_across_sources() -> None:
    """ "Kiev" and "Kyiv", "U.S." and "United States" are the same place."""
    a = _source("NATO backs Kiev and the U.S. agrees.")
    b = _source("NATO supports Kyiv, and the United States agrees.")
    assert _compare(a, b)[:2] == ([], [])


def test_imprecise_figure_covers_the_precise_one_in_the_same_context() -> None:
    """ "over $10,000 at Best Buy" covers "$10,977.74 worth of televisions at Best Buy"."""
    a = _source("Mr. Jackson bought $10,977.74 worth of televisions at Best Buy.")
    b = _source("Expenses included over $10,000 at Best Buy.")
    group = AlignedGroup((0,), (0,), 0.6, GroupKind.PARTIAL)
    fc = compare_facts(a, b, [group])
    assert _texts(fc.only_a, FactKind.NUMBER) == _texts(fc.only_b, FactKind.NUMBER) == []


def test_same_value_counting_different_things_is_not_covered() -> None:
    """ "five of the bombs" and "five federal crimes" are different facts."""
    a = _source("Five of the bombs were sent this week.")
    b = _source("He has been charged with five federal crimes.")
    only_a, only_b, _ = _compare(a, b)
    assert "Five of the bombs" in only_a
    assert "five federal crimes" in only_b


# --- conflicts


def test_conflicting_figures_in_aligned_sentences() -> None:
    """$5,587.75 vs $5,687.75 for the same retreat is a conflict with a plain-words note."""
    a = _source("He spent a $5,587.75 vacation at the Martha's Vineyard Holistic Retreat in 2008.")
    b = _source("Expenses included $5,687.75 on Martha's Vineyard Holistic Retreat.")
    group = AlignedGroup((0,), (0,), 0.6, GroupKind.PARTIAL)
    fc = compare_facts(a, b, [group])
    assert len(fc.conflicts) == 1
    c = fc.conflicts[0]
    assert (c.a.text, c.b.text, c.kind) == ("$5,587.75 vacation", "$5,687.75", FactKind.NUMBER)
    assert c.note == "Martha's Vineyard Holistic Retreat: $5,587.75 vacation vs $5,687.75"


def test_conflict_found_without_alignment_by_the_same_counted_thing() -> None:
    """A 48-page vs a 47-page indictment conflicts even when the two sentences are not aligned."""
    a = _source("In a 48-page indictment released by the department, the couple is charged.")
    b = _source("The goal was to enrich themselves, the 47-page indictment says.")
    _, _, notes = _compare(a, b)
    assert notes == ["48-page vs 47-page indictment"]


def test_different_ages_of_the_same_person_conflict() -> None:
    """An age of 27 vs 28 for the same person is a conflict."""
    a = _source("John Smith, 27, was arrested.")
    b = _source("Police arrested John Smith, 28, on Friday.")
    _, _, notes = _compare(a, b)
    assert notes == ["age of John Smith: John Smith, 27 vs John Smith, 28"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "They converted $250,000 in campaign funds.",
            "They converted more than $250,000 in campaign funds.",
        ),
        ("He spent $10,977.74 at Best Buy.", "He spent over $10,000 at Best Buy."),
        ("Officials found 12 packages with bombs.", "Officials found at least a dozen packages with bombs."),
        ("Officials found 12 packages with bombs.", "Officials found more than 10 packages with bombs."),
        ("He bought a $43,350 Rolex watch.", "He bought a $43,000 Rolex watch."),
    ],
)
def test_imprecision_is_not_a_conflict(a: str, b: str) -> None:
    """A rounded or qualified figure that allows the other's value is never reported as a conflict."""
    group = AlignedGroup((0,), (0,), 0.9, GroupKind.SAME)
    assert compare_facts(_source(a), _source(b), [group]).conflicts == ()


def test_aligned_figures_of_different_things_do_not_conflict() -> None:
    """Two amounts in aligned sentences with nothing in common around them are not compared."""
    a = _source("He bought televisions for $10,977.74 from a store.")
    b = _source("Expenses included $4,272.78 on a cruise.")
    group = AlignedGroup((0,), (0,), 0.6, GroupKind.PARTIAL)
    assert compare_facts(a, b, [group]).conflicts == ()


def test_same_figure_placed_at_different_times_conflicts() -> None:
    """ "about $60,000" repaid by March 2017 vs "more than $60,000" repaid earlier this year."""
    a = _source(
        "By March 2017, the committee was investigating him. His lawyer said then that he had already repaid "
        "about $60,000 to his campaign."
    )
    b = _source("He repaid his campaign more than $60,000 earlier this year for improper expenses.")
    _, _, notes = _compare(a, b)
    assert len(notes) == 1
    assert notes[0].endswith("repaid: about $60,000 (March 2017) vs more than $60,000 (earlier this year)")


def test_same_figure_with_the_same_time_does_not_conflict() -> None:
    """ "about $60,000" in 2017 in both sources agrees."""
    a = _source("By March 2017, he had already repaid about $60,000 to his campaign.")
    b = _source("His lawyers said in 2017 that he repaid the campaign about $60,000.")
    assert _compare(a, b)[2] == []


def test_compare_extracts_facts_when_the_source_has_none() -> None:
    """compare_facts works on sources whose facts were not filled in yet."""
    text_a, sents_a = _sentences(["Ihor Dolhov spoke."])
    text_b, sents_b = _sentences(["Nobody spoke."])
    fc = compare_facts(Source("a", "a", text_a, sents_a), Source("b", "b", text_b, sents_b), ())
    assert _texts(fc.only_a) == ["Ihor Dolhov"]


# --- linear time on text without sentence ends (operation counts, never wall-clock time)


def _giant_pair(n: int) -> tuple[Source, Source, tuple[AlignedGroup, ...]]:
    """One unpunctuated sentence of ``n`` distinct figures a side, the two sentences aligned."""
    a = _source(" ".join(f"{k} troops went to Mariupol" for k in range(n)), label="a")
    b = _source(" ".join(f"{k + 1} troops went to Mariupol" for k in range(n)), label="b")
    return a, b, (AlignedGroup((0,), (0,), 0.9, GroupKind.PARTIAL),)


def test_figure_pairs_in_a_giant_aligned_group_grow_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each figure of a giant aligned sentence is weighed against a bounded band, not all others."""
    from storydiff import facts

    calls = {"n": 0}
    real = facts._conflict

    def counting(*args: object, **kwargs: object) -> str:
        calls["n"] += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(facts, "_conflict", counting)
    counts = []
    for n in (200, 400):
        calls["n"] = 0
        compare_facts(*_giant_pair(n))
        counts.append(calls["n"])
    assert counts[1] <= 2 * (2 * facts._GROUP_BAND + 1) * 400  # all pairs would be 160,000
    assert counts[1] <= 2.5 * counts[0]


def test_small_aligned_groups_still_pair_every_figure() -> None:
    """The band only applies to giant groups: real aligned sentences pair all their figures."""
    from storydiff.facts import _GROUP_ALL_PAIRS, _band

    assert _band(0, _GROUP_ALL_PAIRS, _GROUP_ALL_PAIRS) == range(_GROUP_ALL_PAIRS)
    assert _band(3, 5, 30) == range(30)
    assert len(_band(500, 1000, 1000)) < 1000


def test_context_windows_read_a_bounded_stretch_of_a_giant_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    """The words next to a figure are read near it, not from the start of its sentence every time."""
    from storydiff import facts

    seen = {"n": 0}
    real = facts._WINDOW_WORD

    class Counting:
        def finditer(self, text: str, pos: int, endpos: int) -> object:
            for m in real.finditer(text, pos, endpos):
                seen["n"] += 1
                yield m

    monkeypatch.setattr(facts, "_WINDOW_WORD", Counting())
    a, b, groups = _giant_pair(1000)
    compare_facts(a, b, groups)
    words = len(a.text.split()) + len(b.text.split())
    assert seen["n"] <= 4 * words  # the whole sentence per figure would be ~5,000,000


def test_context_window_matches_a_scan_from_the_sentence_start() -> None:
    """Reading backwards in chunks finds the same words as a scan of the whole sentence."""
    from storydiff.facts import _WINDOW_WORD, _words_before

    text = "x" * 300 + " a, b 12,5 " + "c" * 200 + ' "d" ' + "e f " * 100 + "$3.5"
    expected = [m.span() for m in _WINDOW_WORD.finditer(text, 2, len(text) - 1)][::-1]
    assert [m.span() for m in _words_before(text, 2, len(text) - 1, chunk=8)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "mail a@b.com now",
        "R-Ca Fo1x@b.c x",  # a party tag ending inside a token, an address right after it
        "x@y@z.com and @.@ and a@b.c-d@e.f",
        "(R-Calif.)(R-Calif.)x@y.org http://a.b/c www.d.e (D-N.Y.)",
        "@" * 50 + "." + "x@" * 50,
    ],
)
def test_masking_matches_the_plain_address_pattern(text: str) -> None:
    """Addresses and party tags are blanked exactly where the plain (quadratic) pattern blanks them."""
    import re

    from storydiff.facts import _mask

    plain = re.compile(
        r"https?://\S+|www\.\S+|\S+@\S+\.\w+"
        r"|\(?\b(?:[DRI]|Dem|Rep|Ind)-[A-Z][A-Za-z.]*(?:\s?[A-Z][A-Za-z.]*)?\)?"
    )
    assert _mask(text) == plain.sub(lambda m: " " * len(m.group()), text)


def test_glued_party_tags_read_their_token_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many matches ending inside one long token do not each re-read the rest of the token."""
    from storydiff import facts

    reads = {"n": 0}
    real = facts._VALID_DOT

    class Counting:
        def finditer(self, text: str, pos: int, endpos: int) -> object:
            reads["n"] += 1
            return real.finditer(text, pos, endpos)

    monkeypatch.setattr(facts, "_VALID_DOT", Counting())
    text = "(R-Calif.)" * 2000 + "x@y"
    assert facts._mask(text) == " " * 20000 + "x@y"
    assert reads["n"] == 1


def test_date_coverage_equals_leaving_fields_out() -> None:
    """A date is covered exactly when it is one of the other side's dates with fields left out."""
    import itertools

    from storydiff.facts import _says_date, _Side, _variants

    dates = [("2015", "1", "26", "", "", ""), ("2014", "", "", "", "2016", ""), ("", "", "", "4", "", "")]
    side = _Side(_source("x"), [], set(), {}, "", set())
    for d in dates:
        side.dates.update(dict.fromkeys(_variants(d)))
    said = {
        tuple("" if mask >> k & 1 else v for k, v in enumerate(d)) for d in side.dates for mask in range(64)
    }
    values = [("", "2015", "2016"), ("", "1"), ("", "26"), ("", "4"), ("", "2016"), ("",)]
    for q in itertools.product(*values):
        assert _says_date(side, q) == (q in said), q


def test_hundreds_of_digits_are_not_a_figure() -> None:
    """A run of digits too long for a float is skipped instead of failing the whole extraction."""
    assert _texts(_facts("Code " + "1" * 400 + " and 30 civilians were killed.")) == [
        "30 civilians were killed"
    ]


# --- rule tables (tests/data/facts_*.tsv): one case a line, each with an id

_DATA = Path(__file__).parent / "data"


def _table(name: str, columns: int) -> list[Any]:
    """The cases of one rule table as pytest params with their ids."""
    cases = []
    for line in (_DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        assert len(cells) == columns, f"{name}: {cells[0]} has {len(cells)} columns"
        cases.append(pytest.param(*cells[1:], id=cells[0]))
    return cases


@pytest.mark.parametrize(
    ("sentence", "text", "unit", "low", "high", "qual", "thing", "event"),
    _table("facts_quantities.tsv", 9),
)
def test_quantity_model(
    sentence: str, text: str, unit: str, low: str, high: str, qual: str, thing: str, event: str
) -> None:
    """A figure's value, bounds, unit, counted thing (either side of it) and event."""
    facts = [f for f in _facts(sentence) if f.kind is FactKind.NUMBER]
    if text == "-":  # no figure here: "one of his loyalists", "he once ran"
        assert not facts, [f.text for f in facts]
        return
    found = [f for f in facts if f.text == text]
    assert found, f"no number fact {text!r} in {[f.text for f in facts]}"
    n = _Num.parse(found[0].key)
    assert n is not None
    want = [x if x != "-" else "" for x in (unit, qual, thing, event)]
    assert [n.unit, n.qual, n.noun, n.event] == want
    assert (n.lo, n.hi) == pytest.approx((float(low), float(high)))


@pytest.mark.parametrize(("expect", "a", "b"), _table("facts_conflicts.tsv", 4))
def test_conflict_rules(expect: str, a: str, b: str) -> None:
    """A conflict only for the same quantity of the same thing at the same time, with a note."""
    report = compare_texts(a.replace(" || ", "\n\n"), b.replace(" || ", "\n\n"))
    assert report.facts is not None
    conflicts = report.facts.conflicts
    if expect == "conflict":
        assert len(conflicts) == 1, "no conflict found"
        assert conflicts[0].note
    else:
        assert expect == "none"
        assert not conflicts, [c.note for c in conflicts]


def test_a_lone_capital_letter_gives_no_empty_name() -> None:
    """ "THE S" compared with itself once ended in an assertion: the plural-family rule cut "s" to ""."""
    report = compare_texts("THE S", "THE S")
    assert report.facts is not None
    assert all(f.key != "name|" for f in report.a.facts)
    assert not report.facts.only_a and not report.facts.conflicts


def test_figures_in_page_fragments_do_not_conflict() -> None:
    """ "Watch: 3 minute video" / "Watch: 5 minute video" kept as body by mistake: furniture, not a
    disputed fact (each is the only "minute video" of its source, which would otherwise link them)."""
    a = _source("Watch: 3 minute video", "The Senate passed the bill on Friday.")
    b = _source("Watch: 5 minute video", "The Senate passed the bill on Friday.")
    assert not compare_facts(a, b, ()).conflicts
