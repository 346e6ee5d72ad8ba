"""Speed of the N-way comparison: one pair against three, five and twelve sources (printed, not asserted).

Issue 10's target: five sources of about 500 words compare in under three times the time of one
pair. That holds only if each document is analysed once (segmentation, quotes, facts: most of the
time of a short comparison) and only the pairwise alignment, word diffs, quote and fact matching
run per pair. This prints, for real dev articles of 400-550 words:

  * in the library (median of ``--repeat`` runs): one pair with ``compare``; three, five and twelve
    sources with ``compare_many``; and the ratio to the pair;
  * end to end through the command (a whole process, JSON output), the same counts.

The five sources are two articles of the Duncan Hunter indictment, two of Jesse Jackson Jr.'s plea
and one of Anthony Weiner's denial (the dev sets have three outlets an event, so five of one event
do not exist); the pair is the first two. The twelve are the three outlets of four dev events.

Usage: python benchmarks/bench_nway.py [--shared ../shared] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from storydiff.load import read_input
from storydiff.model import Document
from storydiff.pipeline import compare, compare_many

ROOT = Path(__file__).resolve().parent.parent
FIVE = [
    ("duncan-hunter-indictment", "b"),
    ("duncan-hunter-indictment", "c"),
    ("jackson-jr-guilty-plea", "c"),
    ("jackson-jr-guilty-plea", "b"),
    ("2011-06-01-weiner-denies-sending-photo", "c"),
]
TWELVE_EVENTS = [
    "2010-06-14-rep-etheridge-apologizes-grabbing-young-man",
    "2012-08-21-romney-urges-akin-drop-out-senate",
    "duncan-hunter-indictment",
    "jackson-jr-guilty-plea",
]


def _median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _process(tool: str, paths: Sequence[Path], repeat: int) -> float:
    argv = [tool, "compare", *map(str, paths), "--format", "json"]
    return _median(lambda: subprocess.run(argv, capture_output=True, check=True), repeat)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    dev = Path(args.shared) / "eval" / "dev"
    if not dev.is_dir():
        print(f"bench nway: skipped, {dev} not found")
        return 0
    five = [dev / event / f"{x}.txt" for event, x in FIVE]
    twelve = [dev / event / f"{x}.txt" for event in TWELVE_EVENTS for x in "abc"]
    three = [dev / FIVE[0][0] / f"{x}.txt" for x in "abc"]

    def docs(paths: Sequence[Path]) -> list[Document]:
        return [read_input(str(p), f"{p.parent.name[:12]}/{p.stem}", max_size=10**8).document for p in paths]

    words = [len(p.read_text(encoding="utf-8").split()) for p in five]
    print(f"five sources of {min(words)}-{max(words)} words (mean {statistics.mean(words):.0f})")
    d5, d3, d12 = docs(five), docs(three), docs(twelve)
    compare(d5[0], d5[1])  # warm up: word lists, compiled patterns
    pair = _median(lambda: compare(d5[0], d5[1]), args.repeat)
    rows = [("pair (2 sources, 1 pair)", pair)]
    rows.append(("3 sources (3 pairs)", _median(lambda: compare_many(d3), args.repeat)))
    rows.append(("5 sources (10 pairs)", _median(lambda: compare_many(d5), args.repeat)))
    rows.append(("12 sources (66 pairs)", _median(lambda: compare_many(d12), max(1, args.repeat // 2))))
    print("in the library (median):")
    for name, took in rows:
        print(f"  {name:<24} {took * 1000:8.0f} ms   {took / pair:5.2f}x the pair")
    exe = Path(sys.executable).parent / "storydiff"
    tool = str(exe) if exe.exists() else "storydiff"
    print("end to end, one process each (median):")
    cli_pair = _process(tool, five[:2], args.repeat)
    for name, paths in (
        ("pair", five[:2]),
        ("3 sources", three),
        ("5 sources", five),
        ("12 sources", twelve),
    ):
        took = cli_pair if name == "pair" else _process(tool, paths, max(1, args.repeat // 2))
        print(f"  {name:<24} {took * 1000:8.0f} ms   {took / cli_pair:5.2f}x the pair")
    return 0


if __name__ == "__main__":
    sys.exit(main())
