"""storydiff.grouping: articles grouped by event when the corpus names none."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydiff import grouping

EVENTS = Path(__file__).parent / "data" / "corpus" / "events"


def fixture_articles() -> tuple[list[str], list[str]]:
    files = sorted(p for p in EVENTS.glob("*/*") if p.suffix == ".txt")
    return [p.read_text(encoding="utf-8") for p in files], [p.parent.name for p in files]


# Each case: id, truth, predicted, adjusted Rand index (values as scikit-learn's
# adjusted_rand_score gives them).
ARI_CASES = [
    ("identical", [0, 0, 1, 1], [0, 0, 1, 1], 1.0),
    ("renamed", [0, 0, 1, 1], [5, 5, 3, 3], 1.0),
    ("one split", [0, 0, 1, 1], [0, 0, 1, 2], 0.5714285714285715),
    ("all apart vs pairs", [0, 0, 1, 1], [0, 1, 2, 3], 0.0),
    ("crossed", [0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2], 0.24242424242424246),
    ("opposed", [0, 0, 1, 1], [0, 1, 0, 1], -0.5),
]


@pytest.mark.parametrize(
    ("truth", "pred", "expected"), [c[1:] for c in ARI_CASES], ids=[c[0] for c in ARI_CASES]
)
def test_adjusted_rand_index(truth: list[int], pred: list[int], expected: float) -> None:
    assert grouping.adjusted_rand_index(truth, pred) == pytest.approx(expected)


def test_adjusted_rand_index_needs_equal_lengths() -> None:
    with pytest.raises(ValueError):
        grouping.adjusted_rand_index([0, 1], [0])


def test_average_linkage_does_not_chain_through_one_bridge() -> None:
    # 0-1-2 close together, 3-4 close together; 2-3 close, but 3 is far from 0 and 1: average
    # linkage keeps two groups where single linkage would make one
    sims = {(0, 1): 0.9, (0, 2): 0.8, (1, 2): 0.85, (3, 4): 0.9, (2, 3): 0.5}
    assert grouping.average_linkage(5, sims, 0.3) == [[0, 1, 2], [3, 4]]
    assert grouping.average_linkage(5, sims, 0.95) == [[0], [1], [2], [3], [4]]
    assert grouping.average_linkage(5, sims, 0.05) == [[0, 1, 2, 3, 4]]


def test_fixture_events_are_found_without_their_names() -> None:
    texts, events = fixture_articles()
    groups = grouping.group(texts)
    found = sorted(sorted(events[i] for i in g) for g in groups)
    assert found == [["climber", "climber"], ["flood", "flood", "flood"], ["nato", "nato"]]


def test_dates_far_apart_keep_one_story_apart() -> None:
    texts, events = fixture_articles()
    flood = [i for i, e in enumerate(events) if e == "flood"]
    dates: list[str | None] = [None] * len(texts)
    dates[flood[0]] = "2024-03-05"
    dates[flood[1]] = "2024-03-06"
    dates[flood[2]] = "2024-05-20"  # two months later: another flood
    groups = grouping.group(texts, dates)
    assert [flood[0], flood[1]] in groups and [flood[2]] in groups
    assert [flood] == [g for g in grouping.group(texts, dates, window=None) if flood[0] in g]


def test_candidates_only_pairs_that_share_a_distinctive_term() -> None:
    texts, events = fixture_articles()
    vecs = grouping.vectors(texts)
    pairs = grouping.candidates(vecs)
    same = {(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts)) if events[i] == events[j]}
    assert same <= pairs
    assert all(i < j for i, j in pairs)


def test_grouping_is_deterministic_and_order_free_up_to_indices() -> None:
    texts, _ = fixture_articles()
    first = grouping.group(texts)
    assert grouping.group(texts) == first
    order = list(reversed(range(len(texts))))
    again = grouping.group([texts[i] for i in order])
    assert sorted(sorted(order[i] for i in g) for g in again) == sorted(first)


def test_a_gate_vetoes_pairs_that_reach_the_threshold() -> None:
    texts, _ = fixture_articles()
    assert grouping.group(texts, gate=lambda i, j: False) == [[i] for i in range(len(texts))]
    assert grouping.group(texts, gate=lambda i, j: True) == grouping.group(texts)


def test_relatedness_gate_is_the_aligners() -> None:
    texts, events = fixture_articles()
    related = grouping.relatedness_gate(texts)
    flood = [i for i, e in enumerate(events) if e == "flood"]
    nato = [i for i, e in enumerate(events) if e == "nato"]
    assert related(flood[0], flood[1])
    assert not related(flood[0], nato[0])
    assert grouping.group(texts, gate=related) == grouping.group(texts)
