"""Tests for storydiff.quotes: quote marks, speakers, and matching quotes across two sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydiff.model import AlignedGroup, GroupKind, Quote, QuoteMatchKind, Role, Sentence, Side, Source
from storydiff.quotes import compare_quotes, find_quotes
from storydiff.segment import segment, sentence_spans

DATA = Path(__file__).parent / "data"


def sentences(text: str, boilerplate: tuple[str, ...] = ()) -> tuple[Sentence, ...]:
    """The segmenter's sentences (the quote rules read them), all body but those holding a
    ``boilerplate`` marker."""
    out: list[Sentence] = []
    para, last_block = 0, 0
    for start, end in sentence_spans(text):
        seg = text[start:end]
        if "\n\n" in text[last_block:start].strip(" \t") or "\n\n" in text[last_block:start]:
            para += 1
        last_block = end
        role = Role.BOILERPLATE if any(b in seg for b in boilerplate) else Role.BODY
        out.append(Sentence(len(out), start, end, seg, para, role))
    return tuple(out)


def quotes_of(text: str, boilerplate: tuple[str, ...] = ()) -> tuple[Quote, ...]:
    return find_quotes(text, sentences(text, boilerplate))


def source(text: str, label: str = "x") -> Source:
    sents = sentences(text)
    return Source(label, label, text, sents, quotes=find_quotes(text, sents))


def by_text(quotes: tuple[Quote, ...], start: str) -> Quote:
    found = [q for q in quotes if q.text.startswith(start)]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


@pytest.fixture(scope="module")
def forms() -> tuple[str, tuple[Quote, ...]]:
    text = (DATA / "quotes_forms.txt").read_text(encoding="utf-8")
    return text, quotes_of(text)


# --------------------------------------------------------------------------------------------
# quote marks


def test_offsets_cover_the_quoted_words_without_marks(forms: tuple[str, tuple[Quote, ...]]) -> None:
    """Quote.start/end index the words inside the marks and Quote.text is exactly that slice."""
    text, quotes = forms
    for q in quotes:
        assert q.text == text[q.start : q.end]
        assert text[q.start] not in "\"“”'‘’"
    assert [q.index for q in quotes] == list(range(len(quotes)))


def test_straight_quotes(forms: tuple[str, tuple[Quote, ...]]) -> None:
    """Straight double marks delimit a quote; the comma before the closing mark is not part of it."""
    _, quotes = forms
    assert by_text(quotes, "We will rebuild").text == "We will rebuild the bridge"


def test_ap_style_double_apostrophes(forms: tuple[str, tuple[Quote, ...]]) -> None:
    """AP-style '' … '' marks delimit a quote like double marks."""
    _, quotes = forms
    assert by_text(quotes, "We are not giving up").text == "We are not giving up"


def test_curly_quote_over_two_sentences(forms: tuple[str, tuple[Quote, ...]]) -> None:
    """A curly quote running over two sentences is one quote, its sentence the one holding its start."""
    text, quotes = forms
    q = by_text(quotes, "The river rose")
    assert q.text.endswith("Nobody was ready for it")
    sents = sentences(text)
    assert sents[q.sentence].start <= q.start < sents[q.sentence].end


def test_one_word_quote(forms: tuple[str, tuple[Quote, ...]]) -> None:
    """A one-word quote with a speaker is an utterance."""
    _, quotes = forms
    q = by_text(quotes, "nonsense")
    assert q.text == "nonsense"
    assert q.speaker == "Jane Roe"


def test_quote_continued_across_paragraphs(forms: tuple[str, tuple[Quote, ...]]) -> None:
    """An unclosed quote whose next paragraph reopens with a mark continues there as one quote."""
    _, quotes = forms
    q = by_text(quotes, "The first phase")
    assert q.text.endswith("once the state pays")
    assert "\n" in q.text
    assert q.speaker == "Jane Roe"


def test_unclosed_quote_ends_at_paragraph_end(forms: tuple[str, tuple[Quote, ...]]) -> None:
    """A mark never closed ends its quote at the end of its paragraph, not later."""
    _, quotes = forms
    q = by_text(quotes, "a nightmare")
    assert q.text == "a nightmare, pure and simple"
    assert q.speaker == "Tom Baker"


def test_nested_single_quotes_belong_to_the_outer_quote(forms: tuple[str, tuple[Quote, ...]]) -> None:
    """Single marks inside double marks are part of the outer quote, never a quote of their own."""
    _, quotes = forms
    q = by_text(quotes, "It’s ‘the best plan")
    assert q.text == "It’s ‘the best plan we have,’ and we back it"
    assert not any(x.text.startswith("the best plan") for x in quotes)


def test_apostrophes_are_not_quote_marks(forms: tuple[str, tuple[Quote, ...]]) -> None:
    """It’s, Roe’s, Bakers’ and isn’t never open or close a quote."""
    _, quotes = forms
    assert not any("Bakers" in q.text or "office" in q.text for q in quotes)


def test_top_level_single_quotes_are_ignored_in_double_quote_text(
    forms: tuple[str, tuple[Quote, ...]],
) -> None:
    """In a text quoted with double marks, a single-quoted name outside quotes is no quote."""
    _, quotes = forms
    assert not any(q.text.startswith("Bridge to Tomorrow") for q in quotes)


def test_british_single_quote_style() -> None:
    """A text quoted with single marks (British style) has its quotes found, apostrophes kept inside."""
    text = "The minister said: 'We won't back down.' Later she added: 'It's our duty to the people.'\n"
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == ["We won't back down.", "It's our duty to the people."]


def test_labels_are_not_quotes(forms: tuple[str, tuple[Quote, ...]]) -> None:
    """Quoted lists of labels and names after ``called`` are not utterances."""
    _, quotes = forms
    texts = {q.text for q in quotes}
    assert not texts & {"campaign travel", "toy drives", "gift cards", "Smiles for Life"}


def test_partial_quote_without_a_verb_of_saying_is_a_quote() -> None:
    """A quoted piece of an utterance is a quote by its shape, even with no speech tag: its speaker is
    then the person the sentence is about (``sentence-subject``)."""
    quotes = quotes_of(
        "Sen. Ann Lee mischaracterized the tickets as “holiday gift certificates.” It went on.\n"
    )
    assert [(q.text, q.speaker, q.attribution) for q in quotes] == [
        ("holiday gift certificates.", "Ann Lee", "sentence-subject")
    ]


def test_quotes_in_boilerplate_are_skipped() -> None:
    """A quote in a boilerplate sentence (a caption, a promo line) is not reported."""
    text = 'Watch: "We will win," the coach says in our video.\n\n"We will win," the coach said.\n'
    quotes = quotes_of(text, boilerplate=("Watch:",))
    assert len(quotes) == 1
    assert quotes[0].start > text.index("\n")


def test_text_without_quotes() -> None:
    """A text with no quote marks has no quotes."""
    assert quotes_of("Nothing was said. Nobody spoke.\n") == ()


def test_quotes_read_the_segmenters_sentences() -> None:
    """The speaker rules read the sentences the segmenter cuts (a quote with its tag stays in one),
    and find_quotes given no sentences cuts them the same way."""
    text = (
        "Denis McDonough praised the evacuation.\n\n"
        '"Pat Kennedy is the greatest!!!" McDonough wrote in an email to top State officials.'
    )
    given = find_quotes(text, segment(text))
    assert [(q.speaker, q.attribution) for q in given] == [("Denis McDonough", "verb-after")]
    assert [(q.start, q.end, q.speaker) for q in find_quotes(text, ())] == [
        (q.start, q.end, q.speaker) for q in given
    ]


# --------------------------------------------------------------------------------------------
# speakers


def test_speaker_after_quote(forms: tuple[str, tuple[Quote, ...]]) -> None:
    """``"…," Roe said`` names the speaker, linked to the full name given earlier."""
    _, quotes = forms
    assert by_text(quotes, "We will rebuild").speaker == "Jane Roe"


def test_speaker_of_following_quote_is_inherited(forms: tuple[str, tuple[Quote, ...]]) -> None:
    """A quote opening the sentence after an attributed one keeps that speaker."""
    _, quotes = forms
    assert by_text(quotes, "It will take two years").speaker == "Jane Roe"


def test_inverted_tag_strips_titles(forms: tuple[str, tuple[Quote, ...]]) -> None:
    """``said Fire Chief John Smith`` gives "John Smith" and ``Smith told reporters`` links to it."""
    _, quotes = forms
    assert by_text(quotes, "We are not giving up").speaker == "John Smith"
    assert by_text(quotes, "The river rose").speaker == "John Smith"


def test_institution_speaker(forms: tuple[str, tuple[Quote, ...]]) -> None:
    """An organisation can be the speaker ("the council said")."""
    _, quotes = forms
    assert by_text(quotes, "It’s ‘the best plan").speaker == "council"


def _table(name: str) -> list[list[str]]:
    """Rows of a tab-separated case table under tests/data (``#`` lines are comments)."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


_SPEAKER_CASES = _table("quote_cases.tsv")


@pytest.mark.parametrize(
    ("text", "start", "speaker", "rule"), [c[1:] for c in _SPEAKER_CASES], ids=[c[0] for c in _SPEAKER_CASES]
)
def test_speaker_rules(text: str, start: str, speaker: str, rule: str) -> None:
    """Each rule case: the quote's speaker, and the name of the rule that found it."""
    quote = by_text(quotes_of(text.replace("\\n", "\n") + "\n"), start)
    assert (quote.speaker, quote.attribution) == (speaker, rule)


_LABEL_CASES = _table("quote_labels.tsv")


@pytest.mark.parametrize(
    ("text", "phrase", "expected"), [c[1:] for c in _LABEL_CASES], ids=[c[0] for c in _LABEL_CASES]
)
def test_labels_are_told_by_the_phrase(text: str, phrase: str, expected: str) -> None:
    """Titles, names after a naming word and list items are labels; partial utterances are quotes,
    whether or not a verb of saying names their speaker."""
    found = [q for q in quotes_of(text + "\n") if q.text.rstrip(".,!?") == phrase.rstrip(".,!?")]
    assert ("quote" if found else "label") == expected


def test_every_quote_with_a_speaker_names_its_rule(forms: tuple[str, tuple[Quote, ...]]) -> None:
    _, quotes = forms
    assert all((q.speaker is None) == (q.attribution is None) for q in quotes)


def test_pronoun_follows_the_person_being_reported() -> None:
    """``he said`` is the last person named as a subject, not a name in a prepositional phrase."""
    text = (
        "Stoltenberg dismissed claims by Russian President Vladimir Putin that troops were there.\n\n"
        "“The foreign forces in Ukraine are Russian,” he said.\n\n"
        "Alliance chief Jens Stoltenberg spoke in Brussels.\n"
    )
    assert quotes_of(text)[0].speaker == "Jens Stoltenberg"


def test_surname_links_to_the_first_person_introduced() -> None:
    """A bare surname stands for the person introduced first, not a relative named later."""
    text = (
        "Jesse Jackson Jr. pleaded guilty. His wife, Sandra Jackson, was there.\n\n"
        "“I'm sorry,” Jackson said.\n"
    )
    assert quotes_of(text)[0].speaker == "Jesse Jackson Jr."


def test_samples_speakers() -> None:
    """The sample reports: every quote has its speaker, Putin's remark included."""
    text = (DATA / "quotes_stars-and-stripes.txt").read_text(encoding="utf-8")
    quotes = quotes_of(text)
    assert by_text(quotes, "a foreign legion").speaker == "Vladimir Putin"
    assert all(q.speaker == "Jens Stoltenberg" for q in quotes if "foreign legion" not in q.text)


# --------------------------------------------------------------------------------------------
# comparing two sources


def _group(a: Source, b: Source, qa: str, qb: str) -> AlignedGroup:
    ia = by_text(a.quotes, qa).sentence
    ib = by_text(b.quotes, qb).sentence
    return AlignedGroup((ia,), (ib,), 0.8, GroupKind.PARTIAL)


def test_samples_shared_quotes() -> None:
    """The samples share Stoltenberg's four remarks; Putin's is only in Stars and Stripes."""
    a = source((DATA / "quotes_moscow-times.txt").read_text(encoding="utf-8"), "a")
    b = source((DATA / "quotes_stars-and-stripes.txt").read_text(encoding="utf-8"), "b")
    qc = compare_quotes(a, b, [])
    pairs = {(a.quotes[m.a].text[:12], b.quotes[m.b].text[:12]): m for m in qc.shared}
    assert set(pairs) == {
        ("We condemn t", "We condemn t"),
        ("nonsense", "It’s nonsens"),
        ("There is no ", "There is no "),
        ("We call on R", "We call on R"),
    }
    condemn = pairs["We condemn t", "We condemn t"]
    assert condemn.match is QuoteMatchKind.PARTIAL
    assert any(op.minor and op.a == "cease-fire" and op.b == "ceasefire" for op in condemn.diff)
    assert any(op.op.value == "insert" and "human cost" in op.b for op in condemn.diff)
    assert pairs["nonsense", "It’s nonsens"].match is QuoteMatchKind.PARTIAL
    assert pairs["There is no ", "There is no "].match is QuoteMatchKind.EXACT
    putin = by_text(b.quotes, "a foreign legion").index
    assert putin in qc.only_b
    assert all(m.b != putin for m in qc.shared)
    assert qc.only_a == ()


def test_samples_equipment_list_is_paraphrased() -> None:
    """S&S quotes the equipment list that The Moscow Times reports without quote marks."""
    a = source((DATA / "quotes_moscow-times.txt").read_text(encoding="utf-8"), "a")
    b = source((DATA / "quotes_stars-and-stripes.txt").read_text(encoding="utf-8"), "b")
    qc = compare_quotes(a, b, [])
    equipment = by_text(b.quotes, "In recent weeks").index
    para = [p for p in qc.paraphrased if p.quote == equipment]
    assert len(para) == 1
    assert para[0].quote_side is Side.B and para[0].sentence_side is Side.A
    assert "electronic warfare systems, he said" in a.sentences[para[0].sentence].text
    assert {p.quote for p in qc.paraphrased if p.quote_side is Side.B} == {equipment}


def test_exact_and_variant_matches() -> None:
    """Identical wording is exact; a spelling or glyph difference only is a variant."""
    a = source("“We back the cease-fire fully,” Roe said.\n\n“It’s done,” Roe said.\n", "a")
    b = source('"We back the ceasefire fully," Roe said.\n\n"It\'s done," Roe said.\n', "b")
    qc = compare_quotes(a, b, [])
    kinds = {a.quotes[m.a].text: m.match for m in qc.shared}
    assert kinds == {
        "We back the cease-fire fully": QuoteMatchKind.VARIANT,
        "It’s done": QuoteMatchKind.VARIANT,
    }
    same = compare_quotes(a, a, [])
    assert {m.match for m in same.shared} == {QuoteMatchKind.EXACT}


def test_partial_match_for_an_extension_and_an_ellipsis() -> None:
    """B quoting more, or skipping words with an ellipsis, is a partial match with the diff shown."""
    a = source("“We must never allow political violence to take root,” Trump said.\n", "a")
    b = source("“We must never allow … violence to take root in America,” Trump said.\n", "b")
    qc = compare_quotes(a, b, [])
    assert len(qc.shared) == 1
    assert qc.shared[0].match is QuoteMatchKind.PARTIAL
    assert any(op.op.value != "equal" and "America" in op.b for op in qc.shared[0].diff)


def test_same_words_from_different_speakers_are_not_shared() -> None:
    """The words "politically motivated" from Harrison in A and from Vega in B are not one utterance."""
    a = source("Michael Harrison said the charges were “purely politically motivated.”\n", "a")
    b = source('Gregory Vega asserted the prosecution was "politically motivated."\n', "b")
    qc = compare_quotes(a, b, [])
    assert qc.shared == ()
    assert qc.only_a == (0,) and qc.only_b == (0,)


def test_a_guessed_speaker_never_keeps_a_quote_apart() -> None:
    """A quote standing alone in a new paragraph takes the previous speaker only as a guess
    (``previous-paragraph``): it does not keep it apart from the same words named to another."""
    a = source(
        "“He has lost it,” said Jon Thompson, a Republican spokesman. "
        "“His conduct is unbecoming of a member of Congress.”\n",
        "a",
    )
    b = source(
        "Bob Etheridge apologised.\n\n"
        '"I have been spat at before," he added.\n\n'
        '"His conduct is unbecoming of a member of Congress. It goes beyond the pale."\n',
        "b",
    )
    assert [(q.speaker, q.attribution) for q in b.quotes][-1] == ("Bob Etheridge", "previous-paragraph")
    qc = compare_quotes(a, b, [])
    assert [(m.a, m.b) for m in qc.shared] == [(1, 1)]


def test_translations_match_on_speaker_and_alignment() -> None:
    """Two renderings of one remark with few shared words match when the speaker and sentence agree."""
    a = source("“We will not permit any attack on our allies,” Stoltenberg said.\n", "a")
    b = source("“No assault on our allies will be allowed by us,” Stoltenberg said.\n", "b")
    assert compare_quotes(a, b, []).shared == ()
    qc = compare_quotes(a, b, [_group(a, b, "We will", "No assault")])
    assert len(qc.shared) == 1
    assert qc.shared[0].match is QuoteMatchKind.PARTIAL


def test_one_to_one_best_pairs_first() -> None:
    """Each quote joins at most one quote of the other side, the closest first."""
    a = source("“I used money I should not have used,” Jackson said.\n", "a")
    b = source(
        "“I used money I should not have used,” Jackson said.\n\n"
        "“I used money that I should not have used for myself,” Jackson said.\n",
        "b",
    )
    qc = compare_quotes(a, b, [])
    assert [(m.a, m.b, m.match) for m in qc.shared] == [(0, 0, QuoteMatchKind.EXACT)]
    assert qc.only_b == (1,)


def test_one_span_against_two_pieces() -> None:
    """One outlet quotes as one span what the other splits in two: both pieces join the span, as
    two matches that share its index."""
    a = source("Barack Obama called the shooting an “act of terror and an act of hate.”\n", "a")
    b = source("Barack Obama called it an “act of terror” and an “act of hate.”\n", "b")
    qc = compare_quotes(a, b, [])
    assert [(m.a, m.b) for m in qc.shared] == [(0, 0), (0, 1)]
    assert qc.only_a == () and qc.only_b == ()


def test_a_phrase_quoted_from_a_longer_quote_joins_it_too() -> None:
    """A phrase one source quotes from a remark the other quotes in full is shared, even when the
    phrase already has its own match."""
    a = source(
        "“I deeply and profoundly regret my reaction,” Bob Etheridge said.\n\n"
        "Etheridge said he was “deeply and profoundly” sorry.\n",
        "a",
    )
    b = source("“I deeply and profoundly regret my reaction,” Bob Etheridge said.\n", "b")
    qc = compare_quotes(a, b, [])
    assert sorted((m.a, m.b) for m in qc.shared) == [(0, 0), (1, 0)]


def test_a_piece_joins_a_bounded_number_of_quotes() -> None:
    """A phrase that stands in many long quotes of the other side joins a few of them, not all."""
    a = source("Ann Lee called it a “clear and present danger” on Monday.\n", "a")
    long = " ".join(
        f"“Part {k}: this is a clear and present danger to us all,” Ann Lee said." for k in range(8)
    )
    b = source(long + "\n", "b")
    qc = compare_quotes(a, b, [])
    assert 1 <= len([m for m in qc.shared if m.a == 0]) <= 4


def test_same_common_words_are_one_utterance() -> None:
    """A quote of common words only ("Who are you?") pairs with the same words in the other source."""
    a = source("“Who are you!” Bob Etheridge asked.\n", "a")
    b = source("Bob Etheridge asked, “who are you?”\n", "b")
    assert [(m.a, m.b) for m in compare_quotes(a, b, []).shared] == [(0, 0)]


def test_no_quotes_no_shared_quotes() -> None:
    """Two sources without quotes report nothing shared, nothing only, nothing paraphrased."""
    a = source("The bridge fell. Nobody was hurt.\n", "a")
    b = source("A bridge collapsed on Monday.\n", "b")
    assert compare_quotes(a, b, []) == compare_quotes(a, b, [AlignedGroup((0,), (0,), 0.7, GroupKind.SAME)])
    qc = compare_quotes(a, b, [])
    assert (qc.shared, qc.only_a, qc.only_b, qc.paraphrased) == ((), (), (), ())


def test_paraphrase_needs_the_words_outside_quote_marks() -> None:
    """A sentence that quotes the same words is not a paraphrase; one that reports them plainly is."""
    quote = (
        "“Russia has supplied hundreds of pieces of advanced equipment, including rocket systems, "
        "heavy artillery and tanks,” Stoltenberg said.\n"
    )
    plain = (
        "Russia continued to provide advanced equipment, including rocket systems, heavy artillery "
        "and tanks, he said.\n"
    )
    qc = compare_quotes(source(quote, "a"), source(plain, "b"), [])
    assert [(p.quote_side, p.quote, p.sentence) for p in qc.paraphrased] == [(Side.A, 0, 0)]
    assert qc.shared == ()


def test_pronoun_speaker_skips_names_in_page_furniture() -> None:
    """A share row between a named person and "he said" is not taken for the speaker."""
    text = (
        "Mayor John Smith defended the budget on Monday.\n\n"
        "Share on Facebook Share on Twitter Share via Email\n\n"
        "“It was an accident and I paid it back,” he said."
    )
    quotes = find_quotes(text, segment(text))
    assert [q.speaker for q in quotes] == ["John Smith"]


# --------------------------------------------------------------------------------------------
# running time: counted work, never wall-clock time


def _verb_checks(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    import storydiff.quotes as q

    calls = 0
    real = q._is_verb

    def counting(toks: object, i: int) -> bool:
        nonlocal calls
        calls += 1
        return real(toks, i)  # type: ignore[arg-type]

    monkeypatch.setattr(q, "_is_verb", counting)
    find_quotes(text, sentences(text))
    return calls


def test_quote_rules_read_a_bounded_window_per_quote(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page without full stops, full of quotes, costs the speaker rules linear work, not quadratic."""
    unit = "“a ”b ‘c ’d said the man “e ”f according to "
    small = _verb_checks(monkeypatch, unit * 300)
    large = _verb_checks(monkeypatch, unit * 600)
    assert small > 0 and large <= 2.2 * small


def test_punct_before_crosses_a_run_of_marks_once() -> None:
    """Closing marks inside a long run of apostrophes do not each re-read the run back to its start."""
    from storydiff.marks import punct_before as _punct_before

    class Counting(str):
        reads = 0

        def __getitem__(self, key: object) -> str:
            Counting.reads += 1
            return str.__getitem__(self, key)  # type: ignore[index]

    text = Counting("x," + "'" * 3000)
    run = [0, 0]
    found = {_punct_before(text, pos, run) for pos in range(3, len(text))}
    assert found == {","}
    assert Counting.reads <= 4 * len(text)
    assert _punct_before("ab'' ’", 6) == "b"


def test_compare_scores_a_bounded_number_of_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many like quotes in one huge aligned group are not all scored against each other."""
    import storydiff.quotes as q

    calls = 0
    real = q._pair_score

    def counting(*args: object) -> float:
        nonlocal calls
        calls += 1
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(q, "_pair_score", counting)
    text = " ".join(f"John Smith said “the report {i} is out” and" for i in range(300))
    a, b = source(text, "a"), source(text, "b")
    assert len(a.quotes) == 300
    group = AlignedGroup(tuple(range(len(a.sentences))), tuple(range(len(b.sentences))), 0.9, GroupKind.SAME)
    qc = compare_quotes(a, b, [group])
    assert len(qc.shared) == 300
    assert calls <= 300 * (q._MAX_POSTING + 5)


def test_an_acronym_ends_the_speaker_rules_sentence() -> None:
    """ "PT" spells the abbreviation "pt." but in capitals it is an acronym: the sentence ends after
    it, so its subject ("I'm") is not read as the speaker of a quote in the next sentence."""
    text = (
        "I'm not interested in writing a new PT. "
        'All you need is a line like the "He dissolved the senate" line.'
    )
    assert [(q.text, q.speaker) for q in quotes_of(text)] == [("He dissolved the senate", None)]
