"""How well a pair score ranks the dev gold sentence pairs: lexical, semantic, and blends of the two.

For every dev comparison (``../shared/eval/dev/*/gold*.json``: 29 with full gold) the two
articles are segmented with storydiff; every pair of non-boilerplate sentences is a candidate.
A pair is positive when a ``same`` or ``partial`` gold link joins the two sentences, left out
when only a ``related`` link does (the gold lets those go either way), negative otherwise. The
figures are average precision (AP) of each score over the pooled candidates and the best F1 with
the threshold reaching it, on the TUNE half, the HELD-BACK half and all comparisons (the split
of the helpers' brief). The blend weight and its threshold are chosen on the tune half only; the
held-back line then shows F1 at the tune threshold.

Speed: the model's load time, and per comparison the time to score all its candidate pairs from
a cold vector cache (an upper bound: align scores only the pairs its lexical index proposes).

Usage: python benchmarks/semantic_eval.py [--dev ../shared/eval/dev] [--limit N]
    [--msrp ../shared/eval/data/msrp/test.tsv [--msrp-limit N]]
(without ``storydiff[semantic]`` installed only the lexical lines are printed)
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from dev_split import GOLD_FILES, TUNE
from numpy.typing import NDArray
from rapidfuzz import fuzz, utils

from storydiff import semantic
from storydiff.model import Sentence
from storydiff.segment import segment

WEIGHTS = [round(0.1 * k, 1) for k in range(11)]
"""Lexical weight w of the blend w * lexical + (1 - w) * semantic."""

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class Comparison:
    case: str
    gold: str
    half: str
    pairs: list[tuple[str, str]]
    labels: NDArray[np.bool_]


def comparisons(dev: Path) -> list[Comparison]:
    out = []
    for folder in sorted(p for p in dev.iterdir() if p.is_dir()):
        for gold_name, (left, right) in GOLD_FILES.items():
            path = folder / gold_name
            if not path.exists():
                continue
            gold = json.loads(path.read_text(encoding="utf-8"))
            texts = [(folder / f).read_text(encoding="utf-8") for f in (left, right)]
            sents = [[s for s in segment(t) if s.role != "boilerplate"] for t in texts]

            positive: set[tuple[int, int]] = set()
            related: set[tuple[int, int]] = set()
            for p in gold["pairs"]:
                ga, gb = anchor(texts[0], sents[0], p["a"]), anchor(texts[1], sents[1], p["b"])
                links = {(i, j) for i in ga for j in gb}
                (positive if p.get("kind", "same") in ("same", "partial") else related).update(links)
            pairs, labels = [], []
            for i, sa in enumerate(sents[0]):
                for j, sb in enumerate(sents[1]):
                    if (i, j) in related and (i, j) not in positive:
                        continue
                    pairs.append((sa.text, sb.text))
                    labels.append((i, j) in positive)
            half = "tune" if folder.name in TUNE else "held"
            out.append(Comparison(folder.name, gold_name, half, pairs, np.array(labels, dtype=bool)))
    return out


def anchor(text: str, sentences: Sequence[Sentence], sub: str) -> set[int]:
    """Indices of the sentences that overlap the gold anchor ``sub``."""
    pos = text.find(sub)
    if pos < 0:
        return set()
    return {i for i, s in enumerate(sentences) if s.start < pos + len(sub) and pos < s.end}


def average_precision(scores: Floats, labels: NDArray[np.bool_]) -> float:
    order = np.argsort(-scores, kind="stable")
    hit = labels[order].astype(np.float64)
    precision = np.cumsum(hit) / np.arange(1, len(hit) + 1)
    return float((precision * hit).sum() / max(1.0, hit.sum()))


def best_f1(scores: Floats, labels: NDArray[np.bool_]) -> tuple[float, float]:
    """The best F1 over thresholds, and the threshold (a pair links when its score >= it)."""
    order = np.argsort(-scores, kind="stable")
    s, hit = scores[order], labels[order]
    tp = np.cumsum(hit)
    precision = tp / np.arange(1, len(hit) + 1)
    recall = tp / max(1, int(hit.sum()))
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    k = int(np.argmax(f1))
    return float(f1[k]), float(s[k])


def f1_at(scores: Floats, labels: NDArray[np.bool_], threshold: float) -> float:
    pred = scores >= threshold
    tp = float((pred & labels).sum())
    p, r = tp / max(1, int(pred.sum())), tp / max(1, int(labels.sum()))
    return 2 * p * r / (p + r) if p + r else 0.0


def lexical(pairs: Sequence[tuple[str, str]]) -> list[float]:
    return [fuzz.token_set_ratio(a, b, processor=utils.default_process) / 100.0 for a, b in pairs]


def report(name: str, comps: list[Comparison], score: Callable[[int], Floats]) -> tuple[float, float]:
    """Print one line; return (AP, best-F1 threshold) on the tune half."""
    parts, tune = [], (0.0, 0.0)
    threshold = 0.0
    for half in ("tune", "held", "all"):
        idx = [k for k, c in enumerate(comps) if half in ("all", c.half)]
        if not idx:
            continue
        s = np.concatenate([score(k) for k in idx])
        lab = np.concatenate([comps[k].labels for k in idx])
        ap = average_precision(s, lab)
        f1, at = best_f1(s, lab)
        if half == "tune":
            tune, threshold = (ap, at), at
            parts.append(f"tune AP {ap:.3f} F1 {f1:.3f} at >= {at:.3f}")
        else:
            parts.append(
                f"{half} AP {ap:.3f} F1 {f1:.3f}, at the tune threshold {f1_at(s, lab, threshold):.3f}"
            )
    print(f"{name:<34} " + " | ".join(parts))
    return tune


def installed_mb(dist: str) -> float:
    files = importlib.metadata.distribution(dist).files or []
    return sum(Path(str(f.locate())).stat().st_size for f in files if Path(str(f.locate())).exists()) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=Path("../shared/eval/dev"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N comparisons")
    parser.add_argument("--msrp", type=Path, default=None, help="also score this MSRP test.tsv")
    parser.add_argument("--msrp-limit", type=int, default=None, help="only its first N pairs")
    args = parser.parse_args()
    comps = comparisons(args.dev)[: args.limit]
    n_pairs = sum(len(c.pairs) for c in comps)
    n_pos = sum(int(c.labels.sum()) for c in comps)
    print(f"{len(comps)} comparisons, {n_pairs} candidate pairs, {n_pos} gold pairs")
    tune_n = sum(c.half == "tune" for c in comps)
    print(f"tune half: {tune_n} comparisons, held-back half: {len(comps) - tune_n}\n")

    t0 = time.perf_counter()
    lex = [np.array(lexical(c.pairs)) for c in comps]
    lex_s = (time.perf_counter() - t0) / len(comps)
    report("lexical token_set_ratio", comps, lambda k: lex[k])
    if not semantic.available():
        print("\nstorydiff[semantic] is not installed: no semantic figures")
        return 0

    t0 = time.perf_counter()
    semantic._model()
    load_s = time.perf_counter() - t0
    sem, times, sentences = [], [], 0
    cpu0 = time.process_time()
    for c in comps:
        semantic.clear_cache()
        t0 = time.perf_counter()
        sem.append(np.array(semantic.similarities(c.pairs)))
        times.append(time.perf_counter() - t0)
        sentences += len({a for a, _ in c.pairs}) + len({b for _, b in c.pairs})
    cpu = time.process_time() - cpu0
    report(f"semantic {semantic.MODEL_NAME}", comps, lambda k: sem[k])
    print()
    best: tuple[float, float, float] = (-1.0, 0.0, 0.0)
    for w in WEIGHTS[1:-1]:
        blend = [w * x + (1 - w) * y for x, y in zip(lex, sem, strict=True)]
        ap, at = report(f"blend {w:.1f} lexical + {1 - w:.1f} semantic", comps, blend.__getitem__)
        if ap > best[0]:
            best = (ap, w, at)
    print(
        f"\nchosen on the tune half: {best[1]:.1f} * lexical + {1 - best[1]:.1f} * semantic, "
        f"tune AP {best[0]:.3f}, best-F1 threshold {best[2]:.3f}"
    )
    size = installed_mb(semantic.MODEL_PACKAGE)
    print(
        f"\nspeed (this machine): model load {load_s:.2f} s; {sentences / cpu:.0f} sentences per CPU-second, "
        f"{sentences / sum(times):.0f} per second of wall time"
    )
    print(
        f"a comparison, all its {n_pairs / len(comps):.0f} candidate pairs (mean) from a cold cache: "
        f"mean {np.mean(times):.2f} s, max {max(times):.2f} s wall (lexical: {lex_s * 1000:.0f} ms)"
    )
    print(f"installed size of {semantic.MODEL_PACKAGE}: {size:.0f} MB (needs only numpy besides)")
    if args.msrp:
        msrp(args.msrp, args.msrp_limit, best[1])
    return 0


def msrp(path: Path, limit: int | None, w: float) -> None:
    """A direct test of the pair score on another corpus: MSRP test pairs (paraphrase or not),
    with the blend weight chosen on the dev tune half."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]][:limit]
    pairs = [(r[3], r[4]) for r in rows if len(r) == 5]
    labels = np.array([r[0] == "1" for r in rows if len(r) == 5])
    lex = np.array(lexical(pairs))
    sem = np.array(semantic.similarities(pairs))
    print(f"\nMSRP: {len(pairs)} pairs, {labels.mean():.0%} paraphrases (AP of a random score = that share)")
    for name, score in (("lexical", lex), ("semantic", sem), (f"blend {w:.1f}", w * lex + (1 - w) * sem)):
        f1, at = best_f1(score, labels)
        print(f"  {name:<12} AP {average_precision(score, labels):.3f}  best F1 {f1:.3f} at >= {at:.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
