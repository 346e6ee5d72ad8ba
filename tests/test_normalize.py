"""Folding for matching: invisible characters dropped, NFC, and every offset mapped back."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storydiff.normalize import INVISIBLE, fold

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
