"""Sentence alignment: order-free, many-to-one, and silent on unrelated texts."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

import storydiff.align as align_module
from storydiff.align import align, normalise, terms
from storydiff.model import GroupKind, Options, Role, Sentence

DATA = Path(__file__).resolve().parent / "data"


def sentences(*texts: str, role: Role = Role.BODY) -> list[Sentence]:
    """One sentence per string, offsets as if joined by newlines."""
    out, pos = [], 0
    for k, t in enumerate(texts):
        out.append(Sentence(k, pos, pos + len(t), t, k, role))
        pos += len(t) + 1
    return out


A = sentences(
    "The storm killed 12 people in the coastal town of Port Maris on Tuesday, officials said.",
    "Governor Alan Reyes declared a state of emergency across the province.",
    "Rescue teams searched collapsed buildings through the night.",
    "Power was cut to more than 40,000 homes as the river burst its banks.",
)
B = sentences(
    "Power lines came down and more than 40,000 homes were left without electricity after the river "
    "burst its banks.",
    "Rescue teams searched the collapsed buildings through the night, using dogs.",
    "Twelve people died in Port Maris when the storm struck on Tuesday, officials said, and 12 more "
    "are missing.",
    "Governor Alan Reyes declared a province-wide state of emergency.",
)


def links(result: tuple[object, ...]) -> set[tuple[int, int]]:
    groups = result[0]
    return {(i, j) for g in groups for i in g.a for j in g.b}  # type: ignore[attr-defined]


def test_reordered_sentences_are_matched() -> None:
    """News reorders a story: the same four facts in a different order are all found."""
    result = align(A, B, Options())
    assert {(0, 2), (1, 3), (2, 1), (3, 0)} <= links(result)
    assert result[1] == () and result[2] == ()


def test_split_sentence_joins_both_halves() -> None:
    """One sentence split into two by the other outlet forms one group with both halves."""
    a = sentences(
        "The minister resigned on Friday after the audit found that 2.3 million euros had been "
        "paid to a consultancy owned by her brother-in-law.",
        "Parliament will debate the audit report next week.",
    )
    b = sentences(
        "The minister resigned on Friday.",
        "The audit found that 2.3 million euros had been paid to a consultancy owned by her brother-in-law.",
        "Opposition leaders welcomed the decision.",
    )
    groups, only_a, only_b = align(a, b, Options())
    assert any(g.a == (0,) and set(g.b) == {0, 1} for g in groups)
    assert only_a == (1,) and only_b == (2,)


def test_merged_sentences_join_one_group() -> None:
    """Two sentences merged into one by the other outlet form one group."""
    a = sentences(
        "Police arrested a 34-year-old man in Leeds on Sunday.",
        "He is charged with setting fire to the Greenway community library.",
    )
    b = sentences(
        "A 34-year-old man was arrested in Leeds on Sunday and charged with setting fire to the "
        "Greenway community library, police said.",
    )
    groups, only_a, only_b = align(a, b, Options())
    assert len(groups) == 1 and set(groups[0].a) == {0, 1} and groups[0].b == (0,)
    assert groups[0].kind is GroupKind.PARTIAL
    assert only_a == () and only_b == ()


def test_unrelated_texts_give_no_alignment() -> None:
    """Two articles about different events share phrases by chance, never an alignment."""
    a = sentences(
        "The central bank raised interest rates by half a point on Thursday.",
        "Inflation reached 7.5 percent in March, the highest in three decades.",
        "Analysts expect two more increases before the end of the year.",
        "Mortgage costs will rise for millions of households, the bank said.",
    )
    b = sentences(
        "The striker scored twice as City beat United 3-1 on Saturday.",
        "The win lifts City to second place in the table, two points behind the leaders.",
        "United's manager said his team had been poor in the second half.",
        "About 54,000 fans watched the match on a cold afternoon.",
    )
    groups, only_a, only_b = align(a, b, Options())
    assert groups == ()
    assert only_a == (0, 1, 2, 3) and only_b == (0, 1, 2, 3)


def test_identical_texts_align_one_to_one_as_same() -> None:
    """The same text twice is shared entirely, sentence by sentence, as ``same``."""
    groups, _, _ = align(A, A, Options())
    assert [(g.a, g.b) for g in groups] == [((k,), (k,)) for k in range(len(A))]
    assert all(g.kind is GroupKind.SAME and g.score == 1.0 for g in groups)


def test_boilerplate_is_never_aligned_and_headlines_never_only() -> None:
    """Boilerplate takes no part; an unmatched headline is neither aligned nor 'only'."""
    a = [
        *sentences("Storm hits coast", role=Role.HEADLINE),
        Sentence(1, 20, 40, "Sign up for our newsletter", 1, Role.BOILERPLATE),
        *[Sentence(k + 2, s.start + 50, s.end + 50, s.text, 2, s.role) for k, s in enumerate(A)],
    ]
    b = [Sentence(0, 0, 26, "Sign up for our newsletter", 0, Role.BOILERPLATE)] + [
        Sentence(k + 1, s.start + 30, s.end + 30, s.text, 1, s.role) for k, s in enumerate(B)
    ]
    groups, only_a, only_b = align(a, b, Options())
    aligned_a = {i for g in groups for i in g.a}
    aligned_b = {j for g in groups for j in g.b}
    assert 1 not in aligned_a and 0 not in aligned_b
    assert 0 not in only_a and 1 not in only_a and 0 not in only_b


def test_group_size_is_bounded() -> None:
    """No sentence joins more than ``max_group`` sentences of the other side."""
    a = sentences(
        "The council approved the budget, raised parking fees, closed two libraries and cut the "
        "mayor's salary by ten percent on Monday night.",
    )
    b = sentences(
        "The council approved the budget on Monday night.",
        "It raised parking fees.",
        "Two libraries will be closed by the council.",
        "The mayor's salary was cut by ten percent.",
    )
    groups, _, _ = align(a, b, Options(max_group=2))
    assert all(len(g.b) <= 2 for g in groups)


def test_scores_lie_between_zero_and_one() -> None:
    """Every group score is a similarity in [0, 1]."""
    groups, _, _ = align(A, B, Options())
    assert groups and all(0.0 <= g.score <= 1.0 for g in groups)


def test_normalise_folds_glyphs_hyphens_and_case() -> None:
    """cease-fire and ceasefire, curly and straight quotes, compare equal after normalising."""
    assert normalise("The “Cease-Fire” held.") == normalise('the "ceasefire" held')


def test_terms_drop_stop_words_and_keep_figures() -> None:
    """Content terms keep names and figures ($250,000 -> 250000) and drop function words."""
    t = terms("He spent $250,000 of the campaign's funds.")
    assert {"250000", "spent", "campaign", "fund"} <= t
    assert "the" not in t and "of" not in t


def test_repeated_sentences_pair_in_order_on_long_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long inputs: copies of one repeated sentence pair k-th with k-th, not every copy with every one."""
    monkeypatch.setattr(align_module, "FULL_MATRIX_LIMIT", 10)  # take the long-input path
    monkeypatch.setattr(align_module, "CANDIDATE_DF_CAP", 2)
    story = [
        "Senator Mara Quinn opened the hearing on the flooded subway tunnels.",
        "Thank you.",
        "The transit chief said pumps in three stations failed during the storm.",
        "Thank you.",
        "Repairs to the signal system will take until the spring, he said.",
        "Thank you.",
        "Thank you.",
    ]
    a = sentences(*story)
    b = sentences(*story[:6])
    result = align(a, b, Options())
    thanks_a = [k for k, t in enumerate(story) if t == "Thank you."]
    thanks_b = thanks_a[:3]
    thank_links = sorted((i, j) for i, j in links(result) if i in thanks_a)
    assert thank_links == list(zip(thanks_a[:3], thanks_b, strict=True))
    assert result[1] == (thanks_a[3],)  # the fourth copy has no partner left


def test_clauses_compared_are_bounded() -> None:
    """Only clauses of three words or more are compared, at most MAX_CLAUSES of them, the heaviest."""
    text = ", ".join(f"{k} brave soldiers marched" for k in range(40)) + "."
    unit = align_module._unit(sentences(text)[0])
    idf = {t: 1.0 + len(t) / 10 for c in unit.clauses for t in c}
    kept = align_module._weighed_clauses(unit, idf)
    assert len(kept) == align_module.MAX_CLAUSES
    assert all(len(c) >= 3 for _, c, _ in kept)
    everything = sorted(
        w
        for c, w in ((c, math.fsum(idf[t] for t in c)) for c in unit.clauses)
        if sum(1 for t in c if "_" not in t) >= align_module.CLAUSE_MIN_WORDS
    )
    assert sorted(w for _, _, w in kept) == everything[-align_module.MAX_CLAUSES :]


def test_much_shared_wording_takes_the_indexed_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long sentences repeating the same words cost millions of term counts: common terms are then
    skipped, as for long inputs, instead of every pair being scored on them."""
    line = "Brave soldiers number {k} marched {way} with brave soldiers of unit {k}."
    a = sentences(*(line.format(k=k, way="north") for k in range(30)))
    b = sentences(*(line.format(k=k, way="south") for k in range(30)))
    calls: list[int] = []

    class CountingPair(align_module._Pair):
        __slots__ = ()

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            calls.append(1)  # one candidate pair scored
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(align_module, "_Pair", CountingPair)
    align(a, b, Options())
    full = len(calls)
    calls.clear()
    monkeypatch.setattr(align_module, "FULL_WORK_LIMIT", 100)
    monkeypatch.setattr(align_module, "CANDIDATE_DF_CAP", 2)
    result = align(a, b, Options())
    assert len(calls) < full / 10
    assert {(i, i) for i in range(30)} <= links(result)  # the numbered pairs still found


TERM_CASES = json.loads((DATA / "align_terms_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", TERM_CASES, ids=[c["id"] for c in TERM_CASES])
def test_term_normalisation(case: dict[str, Any]) -> None:
    """Plural and singular, U.S./US/United States, % and percent, number words meet as one term."""
    ta, tb = terms(case["a"]), terms(case["b"])
    for t in case.get("shared", ()):
        assert t in ta and t in tb, (t, sorted(ta), sorted(tb))
    for t in case.get("apart", ()):
        assert not (t in ta and t in tb), (t, sorted(ta), sorted(tb))


def test_every_group_says_why() -> None:
    """Each group carries its evidence: shared words, names, figures and the signals of its score."""
    groups, _, _ = align(A, B, Options())
    assert groups and all(g.why is not None and g.why.signals for g in groups)
    storm = next(g for g in groups if g.a == (0,))
    assert storm.why is not None
    assert "Port" in storm.why.names or "Maris" in storm.why.names
    assert "12" in storm.why.figures
    assert {name for name, _ in storm.why.signals} >= set(align_module.SIGNALS)


def test_why_names_the_clause_that_carried_a_link() -> None:
    """A short sentence that repeats one clause of a long one is explained by that clause."""
    a = sentences(
        "Officials said the bridge over the Selwyn river, which opened in 1932, will close for "
        "repairs in March, while a ferry service will carry commuters across the estuary.",
    )
    b = sentences(
        "A ferry service will carry commuters across the estuary.",
        "The mayor thanked residents for their patience.",
    )
    groups, _, _ = align(a, b, Options())
    assert len(groups) == 1 and groups[0].b == (0,)
    why = groups[0].why
    assert why is not None and why.clause_a is not None and "ferry" in why.clause_a


def test_mutual_best_pair_links_below_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two short sentences stating one fact in other words, each the other's closest match, link
    although their score is under ``min_score`` (competitive linking)."""
    a = sentences(
        "Officials in Kestrel county reported that the river flooded 40 homes on Sunday night.",
        "Russia denies being the driving force behind the rebellion.",
        "The regional governor will visit the flooded villages on Tuesday morning.",
    )
    b = sentences(
        "Russia has repeatedly denied such claims.",
        "The river flooded 40 homes in Kestrel county on Sunday night, officials reported.",
        "On Tuesday morning the regional governor will visit the flooded villages.",
    )
    groups, _, _ = align(a, b, Options())
    denial = [g for g in groups if g.a == (1,)]
    assert [g.b for g in denial] == [(0,)]
    # A threshold above the pair's score, but within MUTUAL_BEST_FACTOR of it: still linked ...
    above = Options(min_score=denial[0].score / ((1 + align_module.MUTUAL_BEST_FACTOR) / 2))
    assert any(g.a == (1,) and g.b == (0,) for g in align(a, b, above)[0])
    # ... and only thanks to the mutual-best rule.
    monkeypatch.setattr(align_module, "MUTUAL_BEST_FACTOR", 1.0)
    assert all(g.a != (1,) for g in align(a, b, above)[0])


def test_two_groups_merge_into_one_when_every_cross_pair_links() -> None:
    """Groups stay disjoint: a sentence whose partner already sits in another group makes the two
    groups one when every cross pair is itself a link, never two groups sharing a sentence."""
    a = sentences(
        "The minister resigned on Friday after the audit.",
        "The audit found 2.3 million euros paid to her brother-in-law's consultancy.",
    )
    b = sentences(
        "The minister resigned on Friday after an audit found 2.3 million euros had been paid to "
        "her brother-in-law's consultancy.",
    )
    groups, _, _ = align(a, b, Options())
    seen_a = [i for g in groups for i in g.a]
    seen_b = [j for g in groups for j in g.b]
    assert len(seen_a) == len(set(seen_a)) and len(seen_b) == len(set(seen_b))
    assert any(set(g.a) == {0, 1} and g.b == (0,) for g in groups)


def test_unrelated_articles_sharing_generic_names_get_no_alignment() -> None:
    """Two reports of different events share words ("Congress", "Republican", "on Tuesday") but
    not the people they are about: the relatedness gate drops every link."""
    a = sentences(
        "Representative Tom Alder, a Republican from Ohio, resigned from Congress on Tuesday.",
        "Alder said he would spend more time with his family in Dayton.",
        "The House Ethics Committee had opened an inquiry into his travel expenses.",
        "Republican leaders in Congress said they were surprised by the decision.",
        "Alder was first elected in 2010 after two terms in the Ohio state senate.",
        "A special election for his seat will be held in the autumn, the governor said.",
        "His office did not respond to requests for comment on Wednesday.",
        "The inquiry concerned trips to Florida paid for by a lobbying firm.",
    )
    b = sentences(
        "Senator Maria Quintero, a Democrat from Nevada, introduced a water bill on Tuesday.",
        "Quintero said the drought had cost farmers in Elko county millions.",
        "Republican leaders promised a vote in Congress next month.",
        "The bill would fund new reservoirs near Reno and Carson City.",
        "Quintero, who chairs the energy subcommittee, has pushed for water funding since 2019.",
        "Ranchers near Winnemucca said wells had run dry for the first time in decades.",
        "The state engineer warned that Lake Mead could fall to record lows by August.",
        "A similar bill failed in the Senate last year by four votes.",
    )
    groups, only_a, only_b = align(a, b, Options())
    assert groups == ()
    assert only_a == tuple(range(8)) and only_b == tuple(range(8))


def test_semantic_signal_joins_only_when_asked_for_and_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``Options(semantic=True)`` the semantic similarity of each lexical candidate is blended
    in (and named in the explanation); without the extra the lexical scorer runs alone."""
    from storydiff import semantic

    asked: list[int] = []

    def fake_similarities(pairs: Any) -> list[float]:
        asked.append(len(pairs))
        return [1.0 for _ in pairs]

    monkeypatch.setattr(semantic, "available", lambda: False)
    monkeypatch.setattr(semantic, "similarities", fake_similarities)
    lexical = align(A, B, Options())
    fallback = align(A, B, Options(semantic=True))
    assert links(fallback) == links(lexical) and not asked
    assert all("semantic" not in dict(g.why.signals) for g in fallback[0] if g.why is not None)

    monkeypatch.setattr(semantic, "available", lambda: True)
    blended = align(A, B, Options(semantic=True))
    assert len(asked) == 1 and 0 < asked[0] < len(A) * len(B) + 1
    assert {(0, 2), (1, 3), (2, 1), (3, 0)} <= links(blended)
    assert any(dict(g.why.signals).get("semantic") == 1.0 for g in blended[0] if g.why is not None)


def test_overlapping_link_keeps_a_pair_the_disjoint_groups_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sentence stating the facts of two sentences of the other side, one of which is also merged
    with another sentence, joins a second group when the overlap bar is set (as in semantic mode);
    without it, the disjoint groups drop that link and call the sentence of B only."""
    a = sentences(
        "The minister resigned on Friday after the audit found that 2.3 million euros had been paid "
        "to a consultancy owned by her brother-in-law.",
        "The audit found that 2.3 million euros had been paid to a consultancy owned by her "
        "brother-in-law, prosecutors said.",
        "Parliament will debate the audit report next week.",
    )
    b = sentences(
        "The audit found that 2.3 million euros had been paid to a consultancy owned by her brother-in-law.",
        "The minister resigned on Friday, hours after the report was published.",
        "Opposition leaders welcomed the decision.",
    )
    monkeypatch.setattr(align_module, "OVERLAP_MIN", None)
    groups, _, only_b = align(a, b, Options())
    assert (0, 1) not in links((groups,)) and only_b == (1, 2)
    monkeypatch.setattr(align_module, "OVERLAP_MIN", 0.5)
    groups, only_a, only_b = align(a, b, Options())
    assert {(0, 0), (1, 0), (0, 1)} == links((groups,))
    assert sum(0 in g.a for g in groups) == 2 and only_a == (2,) and only_b == (2,)
    assert all(g.why is not None and g.why.signals for g in groups)


def test_overlapping_links_never_touch_a_sentence_repeated_word_for_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A text compared with itself stays one group per sentence whatever the overlap bar."""
    monkeypatch.setattr(align_module, "OVERLAP_MIN", 0.1)
    groups, _, _ = align(A, A, Options())
    assert sorted((g.a, g.b) for g in groups) == [((k,), (k,)) for k in range(len(A))]
