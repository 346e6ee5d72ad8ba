"""Refit the logistic weights of the alignment's pair score (``storydiff.align.COEFFICIENTS``).

The pair score combines named signals (``storydiff.align.SIGNALS``) logistically. This script
rebuilds the training table and fits the coefficients by maximum likelihood (Newton's method, a
small L2 penalty), so that the shipped numbers can be reproduced and refitted:

* candidates are exactly the pairs ``align`` scores (its inverted index), before the diagonal
  context is added; pairs equal once normalised are left out (they are always linked);
* ``--train tune`` (default): the dev TUNE half of the helpers' brief; a pair is positive when a
  ``same``, ``partial`` or ``related`` gold link joins its two sentences (``complete: true``, so
  every other pair is negative); pairs touching a headline anchor are left out (unjudged);
* ``--train ecb``: news-ecb pairs from ``--ecb-from`` on (the first 500 are the evaluation slice
  and never used), positives the gold links, negatives the other pairs of the annotated sentences;
* ``--train both``: the two tables together, each weighted to the same total.

It prints the fitted coefficients, the intercept and, for the old and the new weights, the average
precision of the pair score on the tune half, the held-back half, the news-ecb evaluation slice
and aesop-gnat (never trained on), so a refit is judged on data it was not fitted to.

Usage: python benchmarks/align_fit.py [--shared ../shared] [--train tune|ecb|both]
       [--ecb-from 500] [--ecb-count 1000] [--l2 1.0] [--semantic]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from dev_split import GOLD_FILES, HELD, TUNE  # noqa: E402

from storydiff import align as A  # noqa: E402
from storydiff import pipeline  # noqa: E402
from storydiff.model import (  # noqa: E402
    Document,
    Sentence,
    Source,
)

Floats = NDArray[np.float64]
Table = tuple[Floats, Floats]
"""Signal values (one row a pair) and labels (1 linked, 0 not)."""


def _overlapping(sentences: Iterable[Sentence], start: int, end: int) -> set[int]:
    return {s.index for s in sentences if s.start < end and s.end > start}


def _signals(sa: Source, sb: Source, semantic: bool) -> dict[tuple[int, int], tuple[float, ...]]:
    """The signal values of every candidate pair, keyed by the two sentences' indices."""
    ua = [A._unit(s) for s in A._alignable(sa.sentences)]
    ub = [A._unit(s) for s in A._alignable(sb.sentences)]
    if not ua or not ub:
        return {}
    pairs = A._score_pairs(ua, ub, A._idf(ua, ub), None, use_semantic=semantic)
    return {
        (ua[p.i].index, ub[p.j].index): tuple(v for _, v in p.signals)
        for p in pairs.values()
        if not p.identical
    }


def _dev(shared: Path, sets: Sequence[str], semantic: bool) -> Table:
    rows: list[tuple[float, ...]] = []
    labels: list[float] = []
    for name in sets:
        folder = shared / "eval" / "dev" / name
        for gold_name, (left, right) in GOLD_FILES.items():
            if not (folder / gold_name).exists():
                continue
            gold: dict[str, Any] = json.loads((folder / gold_name).read_text(encoding="utf-8"))
            ta = (folder / left).read_text(encoding="utf-8")
            tb = (folder / right).read_text(encoding="utf-8")
            sa = pipeline.build_source(Document(ta, left))
            sb = pipeline.build_source(Document(tb, right))

            def anchor(text: str, src: Source, sub: str) -> set[int]:
                at = text.find(sub)
                return _overlapping(src.sentences, at, at + len(sub)) if at >= 0 else set()

            linked = set()
            for p in gold["pairs"]:
                linked |= {(i, j) for i in anchor(ta, sa, p["a"]) for j in anchor(tb, sb, p["b"])}
            head_a = set().union(*(anchor(ta, sa, h) for h in gold.get("headline_a", [])))
            head_b = set().union(*(anchor(tb, sb, h) for h in gold.get("headline_b", [])))
            for (i, j), values in _signals(sa, sb, semantic).items():
                if i in head_a or j in head_b:
                    continue
                rows.append(values)
                labels.append(1.0 if (i, j) in linked else 0.0)
    return np.array(rows, dtype=float), np.array(labels, dtype=float)


def _jsonl(path: Path, first: int, count: int | None, semantic: bool) -> Table:
    rows: list[tuple[float, ...]] = []
    labels: list[float] = []
    with path.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    for doc in docs[first : None if count is None else first + count]:
        sources, to_sys = [], []
        for side in "ab":
            text, spans = "", []
            for sent in doc[f"{side}_sentences"]:
                spans.append((len(text), len(text) + len(sent)))
                text += sent + "\n\n"
            src = pipeline.build_source(Document(text, side))
            sources.append(src)
            to_sys.append([_overlapping(src.sentences, x, y) for x, y in spans])
        linked = {(i, j) for g in doc["gold_pairs"] for i in to_sys[0][g[0]] for j in to_sys[1][g[1]]}
        scope = [
            set().union(*(to_sys[k][n] for n in doc.get(f"annotated_{side}", range(len(to_sys[k])))))
            for k, side in enumerate("ab")
        ]
        for (i, j), values in _signals(sources[0], sources[1], semantic).items():
            if (i, j) in linked or (i in scope[0] and j in scope[1]):
                rows.append(values)
                labels.append(1.0 if (i, j) in linked else 0.0)
    return np.array(rows, dtype=float), np.array(labels, dtype=float)


def fit(x: Floats, y: Floats, weights: Floats, l2: float) -> tuple[Floats, float]:
    """Weighted L2-penalised logistic regression by Newton's method: (coefficients, intercept)."""
    z = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(z.shape[1])
    penalty = l2 * np.diag(np.r_[0.0, np.ones(z.shape[1] - 1)])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-z @ w))
        grad = z.T @ (weights * (p - y)) + penalty @ w
        hess = (z * (weights * p * (1 - p))[:, None]).T @ z + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[1:], float(w[0])


def average_precision(scores: Floats, y: Floats) -> float:
    order = np.argsort(-scores, kind="stable")
    hits = y[order]
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision * hits).sum() / max(1.0, hits.sum()))


def _score(x: Floats, coefficients: Iterable[float], intercept: float) -> Floats:
    c = np.array(list(coefficients), dtype=float)
    result: Floats = 1.0 / (1.0 + np.exp(-(intercept + x @ c)))
    return result


def _tables(args: argparse.Namespace) -> Iterator[tuple[str, Table]]:
    shared = Path(args.shared)
    yield "tune", _dev(shared, TUNE, args.semantic)
    yield "held", _dev(shared, HELD, args.semantic)
    ecb = shared / "eval" / "data" / "news-ecb" / "pairs.jsonl"
    yield "ecb 0-500", _jsonl(ecb, 0, 500, args.semantic)
    yield "aesop", _jsonl(shared / "eval" / "data" / "aesop-gnat" / "pairs.jsonl", 0, None, args.semantic)
    if args.train in ("ecb", "both"):
        yield "ecb train", _jsonl(ecb, args.ecb_from, args.ecb_count, args.semantic)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--train", choices=("tune", "ecb", "both"), default="tune")
    parser.add_argument("--ecb-from", type=int, default=500)
    parser.add_argument("--ecb-count", type=int, default=1000)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--semantic", action="store_true", help="fit SEMANTIC_COEFFICIENTS (needs the extra)")
    args = parser.parse_args()
    tables = dict(_tables(args))
    parts = {"tune": ["tune"], "ecb": ["ecb train"], "both": ["tune", "ecb train"]}[args.train]
    x = np.vstack([tables[p][0] for p in parts])
    y = np.concatenate([tables[p][1] for p in parts])
    w = np.concatenate([np.full(len(tables[p][1]), len(y) / (len(parts) * len(tables[p][1]))) for p in parts])
    coefficients, intercept = fit(x, y, w, args.l2)
    names = (*A.SIGNALS, "semantic") if args.semantic else A.SIGNALS
    old_c = A.SEMANTIC_COEFFICIENTS if args.semantic else A.COEFFICIENTS
    old_i = A.SEMANTIC_INTERCEPT if args.semantic else A.INTERCEPT
    print(f"trained on {args.train}: {len(y)} pairs, {int(y.sum())} linked")
    print("coefficients:", ", ".join(f"{n} {c:.2f}" for n, c in zip(names, coefficients, strict=True)))
    print(f"intercept: {intercept:.2f}")
    print(f"{'set':>10} {'pairs':>7} {'linked':>7} {'AP old':>7} {'AP new':>7}")
    for name, (xs, ys) in tables.items():
        old = average_precision(_score(xs, old_c, old_i), ys)
        new = average_precision(_score(xs, coefficients, intercept), ys)
        print(f"{name:>10} {len(ys):>7} {int(ys.sum()):>7} {old:>7.3f} {new:>7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
