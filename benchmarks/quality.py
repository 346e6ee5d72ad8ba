"""Comparison quality, as the scorer measures it, on every data set in ../shared/eval.

Runs ``../shared/eval/score.py`` through the installed ``storydiff`` command on the development
sets (full gold), the first N news-ecb pairs (event links, gold complete for a few sentences) and
the aesop-gnat fables (hand-aligned paraphrases), and prints the figures side by side. The dev
sets are what the issues' targets name; the other two show whether a change generalises.

Usage: python benchmarks/quality.py [--shared ../shared] [--ecb 500]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = [
    "align_precision",
    "align_recall",
    "align_f1",
    "only_recall",
    "only_precision",
    "quote_f1",
    "quote_only_recall",
    "speaker_accuracy",
    "fact_recall",
    "conflict_recall",
    "conflicts_reported",
    "content_lost",
    "chars_uncovered",
    "chars_twice",
    "failed",
    "mean_wall_s",
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--ecb", type=int, default=500, help="how many news-ecb pairs (0: none)")
    args = ap.parse_args()
    shared = Path(args.shared)
    score = shared / "eval" / "score.py"
    exe = Path(sys.executable).parent / "storydiff"
    cmd = f"{exe if exe.exists() else 'storydiff'} compare {{a}} {{b}} --format json"
    runs = {"dev": [*sorted(str(p) for p in (shared / "eval" / "dev").iterdir() if p.is_dir())]}
    if args.ecb:
        runs["news-ecb"] = [
            "--jsonl",
            str(shared / "eval/data/news-ecb/pairs.jsonl"),
            "--limit",
            str(args.ecb),
        ]
    runs["aesop-gnat"] = ["--jsonl", str(shared / "eval/data/aesop-gnat/pairs.jsonl")]
    results = {}
    for name, extra in runs.items():
        out = subprocess.run(
            [sys.executable, str(score), "--json", "--cmd", cmd, *extra],
            check=True,
            capture_output=True,
            text=True,
        )
        results[name] = json.loads(out.stdout)
    print(f"{'':22}" + "".join(f"{name:>12}" for name in results))
    for key in FIGURES:
        cells = []
        for figs in results.values():
            v = figs.get(key)
            cells.append(f"{'—':>12}" if v is None else f"{v:>12.3f}" if isinstance(v, float) else f"{v:>12}")
        print(f"{key:22}" + "".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
