"""The language lists: each readable, without duplicates, and the overlaps the steps rely on."""

from __future__ import annotations

import pytest

from storydiff import lang


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
