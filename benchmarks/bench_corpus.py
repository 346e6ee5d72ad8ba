"""Throughput of ``storydiff corpus`` and quality of its grouping, printed as figures (never asserted).

Throughput (issue 12): the 75 BASIL triplets (../shared/eval/data/basil-triplets, one folder an
event) and news-ecb's 495 articles grouped by topic (built from news-ecb/pairs.jsonl as a JSONL
corpus with ``event`` = topic), each run with ``--jobs 1``, ``--jobs 2`` and ``--dask local``
(2 workers); articles/s and pairs/s, the 2-job speed-up, and the per-pair cost against running
the CLI once per pair (``storydiff compare A B --format json`` on a sample of pairs). The machine
load average is printed beside: on a shared machine these figures are noisy.

Grouping (``--grouping``): the same articles with no ``event``: adjusted Rand index against
news-ecb's topics, and the share of BASIL triplets that come out as exactly one group (with and
without the articles' dates), each on the first half of the events (where the threshold was
chosen), the second half, and all.

Usage: python benchmarks/bench_corpus.py [--shared ../shared] [--limit N] [--cli-pairs 12]
       [--engines jobs1,jobs2,dask] [--sets basil,ecb] [--grouping [--gate]]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from storydiff import corpus, grouping


def load_ecb(shared: Path) -> tuple[dict[str, str], dict[str, str]]:
    """news-ecb's articles (sentences one a line) and their topics."""
    texts: dict[str, str] = {}
    topic: dict[str, str] = {}
    with (shared / "eval/data/news-ecb/pairs.jsonl").open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            for side in "ab":
                doc = r[f"{side}_doc"]
                texts[doc] = "\n".join(r[f"{side}_sentences"])
                topic[doc] = str(r["topic"])
    return texts, topic


def load_basil(shared: Path) -> list[tuple[str, str, str, str | None]]:
    """(id, event, text, date) of every BASIL triplet article."""
    out = []
    root = shared / "eval/data/basil-triplets"
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        meta = json.loads((folder / "source.json").read_text(encoding="utf-8"))
        for file in sorted(folder.glob("*.txt")):
            out.append(
                (
                    f"{folder.name}/{file.name}",
                    folder.name,
                    file.read_text(encoding="utf-8"),
                    meta.get(file.stem, {}).get("date"),
                )
            )
    return out


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def corpora(shared: Path, tmp: Path, limit: int | None, sets: list[str]) -> dict[str, Path]:
    out: dict[str, Path] = {}
    if "basil" in sets:
        rows: list[dict[str, Any]] = [
            {"id": i, "event": e, "outlet": i.rsplit("/", 1)[1], "text": t, "date": d}
            for i, e, t, d in load_basil(shared)
        ]
        events = sorted({r["event"] for r in rows})[:limit]
        path = tmp / "basil.jsonl"
        write_jsonl(path, [r for r in rows if r["event"] in set(events)])
        out["basil"] = path
    if "ecb" in sets:
        texts, topic = load_ecb(shared)
        topics = sorted(set(topic.values()), key=int)[:limit]
        path = tmp / "ecb.jsonl"
        write_jsonl(
            path,
            [
                {"id": d, "event": topic[d], "outlet": d, "text": texts[d]}
                for d in sorted(texts)
                if topic[d] in set(topics)
            ],
        )
        out["ecb"] = path
    return out


def cli_per_pair(corpus_file: Path, n: int) -> float:
    """Mean wall seconds of one ``storydiff compare A B --format json`` process, on n pairs."""
    rows = [json.loads(line) for line in corpus_file.open(encoding="utf-8")]
    by_event: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_event.setdefault(r["event"], []).append(r)
    pairs = [(ev[0], ev[1]) for ev in by_event.values() if len(ev) >= 2]
    random.Random(0).shuffle(pairs)
    exe = str(Path(sys.executable).with_name("storydiff"))
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for a, b in pairs[:n]:
            fa, fb = Path(tmp, "a.txt"), Path(tmp, "b.txt")
            fa.write_text(a["text"], encoding="utf-8")
            fb.write_text(b["text"], encoding="utf-8")
            start = time.perf_counter()
            subprocess.run(
                [exe, "compare", str(fa), str(fb), "--format", "json"], check=True, capture_output=True
            )
            times.append(time.perf_counter() - start)
    return sum(times) / len(times)


def throughput(args: argparse.Namespace) -> None:
    engines = args.engines.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        files = corpora(Path(args.shared), Path(tmp), args.limit, args.sets.split(","))
        for name, path in files.items():
            rows = [json.loads(line) for line in path.open(encoding="utf-8")]
            sizes: dict[str, int] = {}
            for r in rows:
                sizes[r["event"]] = sizes.get(r["event"], 0) + 1
            pairs = sum(n * (n - 1) // 2 for n in sizes.values())
            print(f"\n{name}: {len(rows)} articles, {len(sizes)} events, {pairs} pairs")
            walls: dict[str, float] = {}
            for run, engine in enumerate(engines):
                out = Path(tmp, f"out-{name}-{engine}-{run}")
                load = os.getloadavg()[0]
                t0 = os.times()
                start = time.perf_counter()
                if engine == "dask":
                    s = corpus.run_corpus(path, out, dask="local", jobs=2, table_format="csv")
                else:
                    s = corpus.run_corpus(
                        path, out, jobs=int(engine.removeprefix("jobs")), table_format="csv"
                    )
                wall = time.perf_counter() - start
                t1 = os.times()
                cpu = sum(t1[:4]) - sum(t0[:4])  # this process and its reaped workers
                walls[engine] = wall
                print(
                    f"  {engine:6} {wall:7.1f} s  {s.articles / wall:6.2f} articles/s"
                    f"  {s.pairs / wall:6.2f} pairs/s"
                    f"  CPU {cpu:6.1f} s ({s.failed} failed; load average {load:.1f} before)"
                )
            if "jobs1" in walls and "jobs2" in walls:
                print(f"  speed-up jobs 2 / jobs 1: {walls['jobs1'] / walls['jobs2']:.2f}x")
            if args.cli_pairs and "jobs1" in walls:
                per_cli = cli_per_pair(path, args.cli_pairs)
                per_corpus = walls["jobs1"] / pairs
                print(
                    f"  per pair: corpus --jobs 1 {per_corpus * 1000:.0f} ms (analysis included), "
                    f"CLI once per pair {per_cli * 1000:.0f} ms (mean of {args.cli_pairs}): "
                    f"ratio {per_corpus / per_cli:.2f}"
                )


def grouping_quality(args: argparse.Namespace) -> None:
    sets = args.sets.split(",")
    if "ecb" in sets:
        ecb_grouping(args)
    if "basil" in sets:
        basil_grouping(args)


def ecb_grouping(args: argparse.Namespace) -> None:
    texts, topic = load_ecb(Path(args.shared))
    ids = sorted(texts)
    topics = sorted(set(topic.values()), key=int)
    halves = {
        "first half": set(topics[: len(topics) // 2]),
        "second half": set(topics[len(topics) // 2 :]),
        "all": set(topics),
    }
    print("\nnews-ecb grouping (no event given), adjusted Rand index against the topics:")
    for label, keep in halves.items():
        sub = [d for d in ids if topic[d] in keep]
        start = time.perf_counter()
        chosen = [texts[d] for d in sub]
        groups = grouping.group(chosen, gate=grouping.relatedness_gate(chosen) if args.gate else None)
        pred = {sub[i]: k for k, g in enumerate(groups) for i in g}
        ari = grouping.adjusted_rand_index([topic[d] for d in sub], [pred[d] for d in sub])
        print(
            f"  {label:12} {len(sub)} articles, {len(keep)} topics -> {len(groups)} groups, "
            f"ARI {ari:.4f} ({time.perf_counter() - start:.1f} s)"
        )


def basil_grouping(args: argparse.Namespace) -> None:
    basil = load_basil(Path(args.shared))
    events = sorted({e for _, e, _, _ in basil})
    basil_halves = {
        "first half": set(events[: len(events) // 2]),
        "second half": set(events[len(events) // 2 :]),
        "all": set(events),
    }
    print("BASIL triplets mixed and grouped: share of triplets that come out as exactly one group")
    for dated in (True, False):
        for label, keep in basil_halves.items():
            part = [r for r in basil if r[1] in keep]
            texts = [r[2] for r in part]
            start = time.perf_counter()
            gate = grouping.relatedness_gate(texts) if args.gate else None
            groups = grouping.group(texts, [r[3] for r in part] if dated else None, gate=gate)
            seconds = time.perf_counter() - start
            sets = [frozenset(part[i][0] for i in g) for g in groups]
            truth: dict[str, set[str]] = {}
            for r in part:
                truth.setdefault(r[1], set()).add(r[0])
            exact = sum(1 for members in truth.values() if frozenset(members) in set(sets))
            pred = {part[i][0]: k for k, g in enumerate(groups) for i in g}
            together = sum(1 for members in truth.values() if len({pred[m] for m in members}) == 1)
            print(
                f"  {'with dates' if dated else 'no dates':10} {label:12} "
                f"{exact / len(truth):.3f} exactly one group, "
                f"{together / len(truth):.3f} together ({len(truth)} triplets, {len(groups)} groups; "
                f"{seconds:.1f} s)"
            )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--shared", default=str(Path(__file__).resolve().parents[1] / ".." / "shared"))
    p.add_argument("--limit", type=int, default=None, help="first N events of each set only")
    p.add_argument(
        "--cli-pairs", type=int, default=12, help="pairs run through the CLI for the per-pair cost"
    )
    p.add_argument("--engines", default="jobs1,jobs2,dask")
    p.add_argument("--sets", default="basil,ecb")
    p.add_argument("--grouping", action="store_true", help="grouping quality instead of throughput")
    p.add_argument("--gate", action="store_true", help="grouping with the aligner's relatedness gate")
    args = p.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    if args.grouping:
        grouping_quality(args)
    else:
        throughput(args)


if __name__ == "__main__":
    main()
