"""The whole comparison on the sample reports: what a journalist must see."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from storydiff import pipeline
from storydiff.model import Document, GroupKind, QuoteMatchKind, Report, Role, Source
from storydiff.pipeline import compare, compare_texts

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def report() -> Report:
    mt = (SAMPLES / "moscow-times.txt").read_text(encoding="utf-8")
    ss = (SAMPLES / "stars-and-stripes.txt").read_text(encoding="utf-8")
    return compare(Document(mt, "moscow-times"), Document(ss, "stars-and-stripes"))


def sentence_with(report: Report, side: str, needle: str) -> int:
    src = report.source(side)
    hits = [s.index for s in src.sentences if needle in s.text]
    assert len(hits) == 1, f"{needle!r} is in {len(hits)} sentences of {side}"
    return hits[0]


def aligned_together(report: Report, i: int, j: int) -> bool:
    return any(i in g.a and j in g.b for g in report.alignment)


@pytest.mark.parametrize(
    ("a_needle", "b_needle"),
    [
        ("We condemn the sharp escalation", "We condemn the sharp escalation"),
        ('dismissed as "nonsense"', "It’s nonsense"),
        ("There is no NATO legion", "There is no NATO legion"),
        ("We call on Russia to stop", "We call on Russia to stop"),
    ],
)
def test_stoltenbergs_shared_quotes_sit_in_aligned_groups(
    report: Report, a_needle: str, b_needle: str
) -> None:
    """Each quote both outlets carry is aligned with its counterpart, although the order differs."""
    assert aligned_together(
        report, sentence_with(report, "a", a_needle), sentence_with(report, "b", b_needle)
    )


def test_ceasefire_spelling_is_a_minor_difference(report: Report) -> None:
    """cease-fire / ceasefire is a spelling variant, not a change of substance."""
    i = sentence_with(report, "a", "We condemn")
    group = next(g for g in report.alignment if i in g.a)
    assert any(d.minor and "cease-fire" in d.a and "ceasefire" in d.b for d in group.diff)
    assert not any(not d.minor and "cease-fire" in d.a for d in group.diff)


@pytest.mark.parametrize(
    ("side", "needle"),
    [
        ("b", "where 30 civilians were killed and 100 more injured"),
        ("b", "When it began its invasion of Crimea"),
        ("a", "Kiev had asked for the meeting"),
        ("a", "Ihor Dolhov"),
    ],
)
def test_facts_only_one_outlet_reports(report: Report, side: str, needle: str) -> None:
    """Mariupol casualties and Crimea only in Stars and Stripes; Kiev's request and Dolhov only in MT."""
    k = sentence_with(report, side, needle)
    assert k in (report.only_a if side == "a" else report.only_b)


@pytest.mark.parametrize(
    ("side", "needle"),
    [
        ("a", "By The Moscow Times"),
        ("a", "Original url:"),
        ("a", "https://www.themoscowtimes.com/"),
        ("a", "in Pristina Jan. 23, 2015"),
        ("b", "Support our mission"),
        ("b", "(NATO)"),
        ("b", "Sign Up for Daily Headlines"),
        ("b", "Sign-up to receive a daily email"),
    ],
)
def test_page_furniture_is_boilerplate(report: Report, side: str, needle: str) -> None:
    """Captions, byline, 'Original url:', 'Support our mission' and sign-up lines are boilerplate."""
    src = report.source(side)
    hits = [s for s in src.sentences if needle in s.text]
    assert hits and all(s.role is Role.BOILERPLATE for s in hits)


def test_shared_quotes_with_speaker_and_kinds(report: Report) -> None:
    """The four shared quotes are Stoltenberg's; the two identical ones are exact."""
    assert report.quotes is not None
    shared = report.quotes.shared
    assert len(shared) == 4
    for m in shared:
        assert "Stoltenberg" in (report.a.quotes[m.a].speaker or "")
        assert "Stoltenberg" in (report.b.quotes[m.b].speaker or "")
    kinds = {" ".join(report.a.quotes[m.a].text.split()[:3]): m.match for m in shared}
    assert kinds == {
        "We condemn the": QuoteMatchKind.PARTIAL,  # Stars and Stripes adds a sentence
        "nonsense": QuoteMatchKind.PARTIAL,  # "It's nonsense"
        "There is no": QuoteMatchKind.EXACT,
        "We call on": QuoteMatchKind.EXACT,
    }


def test_putins_foreign_legion_is_quoted_only_by_stars_and_stripes(report: Report) -> None:
    """Putin's remark is a quote only Stars and Stripes carries, attributed to Putin."""
    assert report.quotes is not None
    only_b = [report.b.quotes[k] for k in report.quotes.only_b]
    putin = [q for q in only_b if "foreign NATO legion" in q.text]
    assert len(putin) == 1 and "Putin" in (putin[0].speaker or "")


def test_every_character_is_in_exactly_one_sentence(report: Report) -> None:
    """Nothing is dropped: every non-space character of each input lies in exactly one sentence."""
    for src in (report.a, report.b):
        owner = [0] * len(src.text)
        for s in src.sentences:
            assert src.text[s.start : s.end] == s.text
            for k in range(s.start, s.end):
                owner[k] += 1
        assert all(owner[k] == 1 for k, ch in enumerate(src.text) if not ch.isspace())


def test_no_sentence_is_both_aligned_and_only(report: Report) -> None:
    """A sentence is in one group per side, or in 'only', never both."""
    for side, only in (("a", report.only_a), ("b", report.only_b)):
        aligned = [k for g in report.alignment for k in (g.a if side == "a" else g.b)]
        assert len(aligned) == len(set(aligned))
        assert not set(aligned) & set(only)


def test_same_text_twice_is_entirely_shared() -> None:
    """A report compared with itself has every body sentence aligned, as 'same'."""
    text = (SAMPLES / "moscow-times.txt").read_text(encoding="utf-8")
    r = compare_texts(text, text)
    assert r.only_a == () and r.only_b == ()
    assert all(g.kind is GroupKind.SAME for g in r.alignment)
    assert r.facts is None or (r.facts.only_a == () and r.facts.only_b == () and r.facts.conflicts == ())


@pytest.mark.parametrize(
    ("side", "needles"),
    [
        ("b", ["30 civilians", "100 more injured", "Crimea", "Minsk agreements", "Mariupol"]),
        ("a", ["Ihor Dolhov"]),
    ],
)
def test_facts_reported_by_one_outlet_only(report: Report, side: str, needles: list[str]) -> None:
    """The casualty figures, Crimea and Minsk only in Stars and Stripes; Dolhov only in MT."""
    assert report.facts is not None
    only = report.facts.only_a if side == "a" else report.facts.only_b
    texts = " | ".join(f.text for f in only)
    for needle in needles:
        assert needle in texts


def test_no_conflicting_figures_in_the_samples(report: Report) -> None:
    """The two sample reports agree on every figure they share."""
    assert report.facts is not None and report.facts.conflicts == ()


@pytest.mark.parametrize("enabled", [True, False])
def test_collector_paused_during_compare_and_restored(monkeypatch: pytest.MonkeyPatch, enabled: bool) -> None:
    """compare() holds off the cyclic GC while it runs and leaves it as it found it."""
    seen: list[bool] = []
    real = pipeline.build_source

    def spy(doc: Document) -> Source:
        seen.append(gc.isenabled())
        return real(doc)

    monkeypatch.setattr(pipeline, "build_source", spy)
    (gc.enable if enabled else gc.disable)()
    try:
        compare_texts("The bridge closed on Monday.", "The bridge closed on Monday, officials said.")
        assert seen == [False, False]
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
