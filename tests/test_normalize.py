"""Folding for matching: invisible characters dropped, NFC, and every offset mapped back."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storydiff.model import Document, Source
from storydiff.normalize import INVISIBLE, fold, unfold_source
from storydiff.pipeline import build_source

NFD_NAME = unicodedata.normalize("NFD", "Jens Stoltenbérg")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        pytest.param("Plain ASCII.", "Plain ASCII.", id="ascii-unchanged"),
        pytest.param("Stol\u00adten\u00adberg", "Stoltenberg", id="soft-hyphens"),
        pytest.param("Stolten\u200bberg said", "Stoltenberg said", id="zero-width-space"),
        pytest.param("Stolten\u200cberg\u200d", "Stoltenberg", id="zero-width-non-joiner-and-joiner"),
        pytest.param("a\ufeffb", "ab", id="bom-inside-text"),
        pytest.param("\u202bRTL\u202c \u200fx\u200e \u061cy", "RTL x y", id="bidi-marks"),
        pytest.param(NFD_NAME, "Jens Stoltenbérg", id="nfd-accent-composed"),
        pytest.param("e\u0301\u0327", unicodedata.normalize("NFC", "e\u0327\u0301"), id="two-marks"),
        pytest.param("\u212b", "\u00c5", id="singleton-angstrom"),
        pytest.param("\u212b\u0301", "\u01fa", id="singleton-then-mark"),
        pytest.param("\u1100\u1161\u11a8", "\uac01", id="hangul-jamo"),
        pytest.param("“Quote” — café’s", "“Quote” — café’s", id="nfc-text-unchanged"),
        pytest.param("Москва\u00ad, ‏עברית", "Москва, עברית", id="other-scripts-kept"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    """Invisible characters are dropped, accents composed, everything else kept."""
    assert fold(text).text == folded


def test_identity_has_no_map() -> None:
    """Text that needs nothing costs nothing: no offset arrays."""
    result = fold("“Quote” — café’s plan\n")
    assert result.starts is None and result.span(3, 8) == (3, 8)


def test_span_maps_back_to_original() -> None:
    """A word found in the folded text maps to exactly its letters in the original, accents and
    soft hyphens inside it included, invisible characters around it left out."""
    text = "He met \u200bStol\u00adten" + unicodedata.normalize("NFD", "bérg") + "\u200b today."
    result = fold(text)
    start = result.text.index("Stoltenbérg")
    a, b = result.span(start, start + len("Stoltenbérg"))
    assert text[a:b] == "Stol\u00adten" + unicodedata.normalize("NFD", "bérg")
    assert result.span(0, 2) == (0, 2)
    end = len(result.text)
    assert result.span(end, end) == (len(text), len(text))


def test_lines_that_need_nothing_keep_their_offsets() -> None:
    """Only lines with something to fold are walked; the others map one to one."""
    text = "First line, plain.\nSecond\u00ad line.\nThird line.\n"
    result = fold(text)
    third = result.text.index("Third")
    assert result.span(third, third + 5) == (text.index("Third"), text.index("Third") + 5)


_TEXT = st.text(
    alphabet=st.sampled_from([*"abcé \n.’“\u0301\u0327\u212bﬁЯ", *sorted(INVISIBLE)]), max_size=60
)


@given(_TEXT)
def test_fold_properties(text: str) -> None:
    """Folded text has no invisible characters and is NFC; each folded character maps to a
    non-empty, ordered span of the original whose NFC (invisibles dropped) contains it."""
    result = fold(text)
    assert not INVISIBLE.intersection(result.text)
    assert unicodedata.is_normalized("NFC", result.text) or not unicodedata.is_normalized(
        "NFC", "".join(c for c in text if c not in INVISIBLE)
    )
    previous = 0
    for i, char in enumerate(result.text):
        a, b = result.span(i, i + 1)
        assert previous <= a < b <= len(text)
        previous = a
        source = unicodedata.normalize("NFC", "".join(c for c in text[a:b] if c not in INVISIBLE))
        assert char in source


# --- analysing folded text, reporting original offsets ---------------------------------------------


def _folded_source(text: str) -> Source:
    """What build_source gives when wired to fold: analysis on the folded text, then unfolded."""
    folded = fold(text)
    return unfold_source(build_source(Document(folded.text, "x")), folded, text)


SAMPLE = (
    "NATO chief rejects claim\n\n"
    "“It’s nonsense,” said NATO Secretary-General Jens Stoltenberg in Brussels on Monday.\n\n"
    "“There is no NATO legion,” Stoltenberg told reporters after the meeting ended.\n"
)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        pytest.param(
            "soft-hyphen", SAMPLE.replace("Stoltenberg", "Stol\u00adten\u00adberg"), id="soft-hyphen"
        ),
        pytest.param("zero-width", SAMPLE.replace("Stoltenberg", "Stolten\u200bberg"), id="zero-width-space"),
        pytest.param(
            "nfd", unicodedata.normalize("NFD", SAMPLE.replace("Stoltenberg", "Stoltenbérg")), id="nfd"
        ),
    ],
)
def test_speaker_whole_through_folding(name: str, text: str) -> None:
    """Names broken by invisible characters or decomposed accents are found whole (unfolded they
    were cut: "Jens Stol", "Jens Stoltenbe"), and every offset still indexes the original."""
    source = _folded_source(text)
    assert source.text == text
    speakers = {q.speaker for q in source.quotes}
    assert speakers == {"Jens Stoltenbérg" if name == "nfd" else "Jens Stoltenberg"}
    spans = [(x.start, x.end, x.text) for x in source.sentences]
    spans += [(x.start, x.end, x.text) for x in source.quotes]
    spans += [(x.start, x.end, x.text) for x in source.facts]
    for start, end, shown in spans:
        assert text[start:end] == shown


@given(st.text(alphabet=st.sampled_from([*"Ab c.\n“”’\u0301", "\u00ad", "\u200b", "\ufeff"]), max_size=80))
def test_unfolded_sentences_cover_the_original(text: str) -> None:
    """After unfolding, every character but white space lies in exactly one sentence, and each
    sentence's text is the original between its offsets."""
    if not fold(text).text.strip():
        return
    source = _folded_source(text)
    owner = [-1] * len(text)
    for s in source.sentences:
        assert text[s.start : s.end] == s.text
        for i in range(s.start, s.end):
            assert owner[i] == -1
            owner[i] = s.index
    assert all(owner[i] != -1 or c.isspace() for i, c in enumerate(text))
