"""Word diffs: equal runs, substantive changes, and minor variants told apart."""

from __future__ import annotations

import pytest

from storydiff import worddiff
from storydiff.model import DiffOp, Op
from storydiff.worddiff import diff_words, is_minor, word_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("cease-fire", "ceasefire"),
        ("Ukraine,", "Ukraine"),
        ("It’s", "It's"),
        ("“nonsense”", '"nonsense"'),
        ("NATO", "Nato"),
        ("criticise", "criticize"),
        ("colour", "color"),
        ("centre", "center"),
        ("travelled", "traveled"),
        ("e-mail", "email"),
        ("cease fire", "ceasefire"),
    ],
)
def test_minor_variants(a: str, b: str) -> None:
    """Spelling, hyphenation, spacing, punctuation, quote glyph and case differences are minor."""
    assert is_minor(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("27", "28"),
        ("$5,587.75", "$5,687.75"),
        ("48-page", "47-page"),
        ("armed", "aimed"),
        ("Kiev", "Moscow"),
        ("told", "said"),
        ("condemn", "condemned"),
    ],
)
def test_substantive_changes(a: str, b: str) -> None:
    """A change of figure, word or form is a change of substance, never minor."""
    assert not is_minor(a, b)


def test_diff_marks_ceasefire_minor_and_added_sentence_substantive() -> None:
    """The samples' 'We condemn …' quote: hyphenation is minor, the added sentence is not."""
    a = '"We condemn the escalation along the cease-fire line," Stoltenberg told a news conference.'
    b = (
        "“We condemn the escalation along the ceasefire line. This comes at great human cost,” "
        "Stoltenberg said."
    )
    ops = diff_words(a, b)
    assert any(op.minor and op.a.startswith("cease-fire") and op.b.startswith("ceasefire") for op in ops)
    assert any(op.op is Op.INSERT and "great human cost" in op.b for op in ops)
    assert any(op.op is Op.REPLACE and not op.minor and op.a == "told a news conference." for op in ops)
    assert "".join(op.a for op in ops if op.op is Op.EQUAL).count("condemn") == 1


def test_diff_of_identical_text_is_one_equal_run() -> None:
    """Identical text gives a single equal run carrying the text verbatim."""
    text = "The foreign forces in Ukraine are Russian."
    assert diff_words(text, text) == (DiffOp(Op.EQUAL, text, text),)


def test_diff_keeps_original_spacing_of_runs() -> None:
    """Equal and changed runs are slices of the inputs, spacing included."""
    ops = diff_words("one  two three", "one  two four")
    assert ops[0] == DiffOp(Op.EQUAL, "one  two", "one  two")
    assert ops[1] == DiffOp(Op.REPLACE, "three", "four")


def test_diff_of_empty_side_is_insert_or_delete() -> None:
    """Against an empty text, everything is inserted (or deleted)."""
    assert diff_words("", "new words") == (DiffOp(Op.INSERT, "", "new words"),)
    assert diff_words("old words", "") == (DiffOp(Op.DELETE, "old words", ""),)


def test_word_key_unifies_glyphs_and_drops_punctuation() -> None:
    """The comparison key of a word ignores case, quote glyphs, dashes and punctuation."""
    assert word_key("“Cease-Fire,”") == word_key("ceasefire") == "ceasefire"


def _sides(ops: tuple[DiffOp, ...]) -> tuple[list[str], list[str]]:
    """The words of A and of B that a diff carries, in order."""
    a = [w for op in ops if op.op is not Op.INSERT for w in op.a.split()]
    b = [w for op in ops if op.op is not Op.DELETE for w in (op.a if op.op is Op.EQUAL else op.b).split()]
    return a, b


@pytest.mark.parametrize("limit", [0, worddiff.SEQUENCE_MATCHER_LIMIT])
def test_long_texts_diff_through_rapidfuzz(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    """Past the matcher's limit rapidfuzz aligns the words: every word kept, minor still minor."""
    monkeypatch.setattr(worddiff, "SEQUENCE_MATCHER_LIMIT", limit)
    a = "NATO said the cease-fire held in Mariupol on Monday and 30 people were killed"
    b = "Nato said the ceasefire held in Mariupol on Sunday and 30 people were killed"
    ops = diff_words(a, b)
    assert _sides(ops) == (a.split(), b.split())
    changed = [(op.a, op.b, op.minor) for op in ops if op.op is not Op.EQUAL]
    assert ("Monday", "Sunday", False) in changed
    assert ("cease-fire", "ceasefire", True) in changed


def test_unpunctuated_texts_of_thousands_of_words() -> None:
    """A "sentence" of 20,000 words (no punctuation at all) is diffed whole, every word accounted for."""
    words = ["the", "minister", "said", "Kiev", "would", "send", "troops", "to", "Mariupol", "on", "Monday"]
    a = " ".join(words[k % len(words)] for k in range(20_000))
    b = " ".join(words[(k * 7) % len(words)] for k in range(10_000))
    assert _sides(diff_words(a, b)) == (a.split(), b.split())


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param(
            "said in a statement      .",
            "said in a statement.",
            (
                DiffOp(Op.EQUAL, "said in a", "said in a"),
                DiffOp(Op.REPLACE, "statement", "statement.", minor=True),
                DiffOp(Op.DELETE, ".", "", minor=True),
            ),
            id="full-stop-left-apart-by-a-blanked-markdown-link",
        ),
        pytest.param(
            "Officials said the bridge would reopen",
            "Officials — said the bridge would reopen",
            (
                DiffOp(Op.EQUAL, "Officials", "Officials"),
                DiffOp(Op.INSERT, "", "—", minor=True),
                DiffOp(Op.EQUAL, "said the bridge would reopen", "said the bridge would reopen"),
            ),
            id="dash-between-spaces-added",
        ),
        pytest.param(
            "the bridge reopened",
            "the bridge reopened today",
            (DiffOp(Op.EQUAL, "the bridge reopened", "the bridge reopened"), DiffOp(Op.INSERT, "", "today")),
            id="a-word-added-is-not-minor",
        ),
    ],
)
def test_punctuation_alone_added_or_dropped_is_minor(a: str, b: str, expected: tuple[DiffOp, ...]) -> None:
    """A run of punctuation only, inserted or deleted, differs in no word: minor, as is_minor says."""
    assert diff_words(a, b) == expected
