"""Time of the alignment step, lexical and with the semantic scorer, printed as figures.

Prints, in one run and with the runs interleaved (the machine is shared, so load falls on every
variant alike), the median time of ``align`` on

  * the two sample reports (about 25 sentences a side), and
  * two documents of about 2,000 sentences a side built like ``benchmarks/bench.py`` builds them,

for each variant: ``lexical`` (the default), ``semantic`` (``Options(semantic=True)``, when the
``storydiff[semantic]`` extra is installed; its sentence vectors are computed once per process and
cached, so the first run is reported apart), and with ``--baseline DIR`` the lexical alignment of
another checkout (e.g. the main branch) for the ratio this one / baseline.

With ``--cross-events`` it instead checks the relatedness gate: every pair of development articles
on different events (``../shared/eval/dev/*/[abc].txt``, 465 pairs) must get no alignment at all;
it prints how many did, and the relatedness of the closest different-event pair and of the
loosest same-event comparison (the gate, ``RELATED_MIN``, must lie between).

Usage: python benchmarks/bench_align.py [--shared ../shared] [--size 2000] [--repeat 5]
       [--baseline /path/to/other/checkout] [--cross-events [--semantic]]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CHILD = r"""
import json, sys, time
from storydiff.align import align
from storydiff.model import Options
from storydiff.segment import segment
paths, semantic, repeat = sys.argv[1:-2], sys.argv[-2] == "1", int(sys.argv[-1])
out = {}
for label, a, b in zip(paths[0::3], paths[1::3], paths[2::3]):
    sa = segment(open(a, encoding="utf-8").read())
    sb = segment(open(b, encoding="utf-8").read())
    times = []
    for _ in range(repeat + semantic):
        t0 = time.perf_counter()
        align(sa, sb, Options(semantic=semantic))
        times.append(time.perf_counter() - t0)
    out[label] = times
print(json.dumps(out))
"""


def _child(
    root: Path, cases: list[tuple[str, Path, Path]], semantic: bool, repeat: int
) -> dict[str, list[float]]:
    args = [str(x) for case in cases for x in case]
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, *args, "1" if semantic else "0", str(repeat)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict[str, list[float]] = json.loads(proc.stdout)
    return result


def cross_events(shared: Path, semantic: bool) -> int:
    """Align every pair of dev articles; those on different events must get no group."""
    from itertools import combinations

    from storydiff import align as A
    from storydiff import pipeline
    from storydiff.model import Document, Options

    articles = []
    for folder in sorted(p for p in (shared / "eval" / "dev").iterdir() if p.is_dir()):
        for name in ("a.txt", "b.txt", "c.txt"):
            if (folder / name).exists():
                text = (folder / name).read_text(encoding="utf-8")
                articles.append((folder.name, name, pipeline.build_source(Document(text, name))))
    options = Options(semantic=semantic)
    gate = A.SEMANTIC_RELATED_MIN if semantic else A.RELATED_MIN
    aligned: list[str] = []
    closest_other, loosest_same = 0.0, float("inf")
    for (ea, na, sa), (eb, nb, sb) in combinations(articles, 2):
        groups, _, _ = A.align(sa.sentences, sb.sentences, options)
        relatedness = A.relatedness(sa.sentences, sb.sentences, options)
        if ea == eb:
            loosest_same = min(loosest_same, relatedness)
            continue
        closest_other = max(closest_other, relatedness)
        if groups:
            aligned.append(f"{ea}/{na} ~ {eb}/{nb}: {len(groups)} groups")
    pairs = sum(1 for (ea, _, _), (eb, _, _) in combinations(articles, 2) if ea != eb)
    print(f"different-event pairs: {pairs}, aligned: {len(aligned)}")
    print("\n".join(aligned))
    print(
        f"relatedness: different events at most {closest_other:.3f}, same event at least {loosest_same:.3f}"
    )
    print(f"gate: {gate}")
    return 1 if aligned else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3, help="child processes per variant, interleaved")
    parser.add_argument("--baseline", type=Path, default=None)
    parser.add_argument("--cross-events", action="store_true", help="check the relatedness gate instead")
    parser.add_argument("--semantic", action="store_true", help="with --cross-events: the semantic mode")
    args = parser.parse_args()
    if args.cross_events:
        sys.path.insert(0, str(ROOT))
        return cross_events(args.shared, args.semantic)

    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(ROOT))
    from bench import _documents

    from storydiff import semantic

    samples = ROOT / "storydiff" / "samples"
    with tempfile.TemporaryDirectory() as tmp:
        a, b = _documents(args.shared, args.size, Path(tmp))
        cases = [
            ("samples", samples / "moscow-times.txt", samples / "stars-and-stripes.txt"),
            (f"{args.size} sentences", a, b),
        ]
        variants: list[tuple[str, Path, bool]] = [("lexical", ROOT, False)]
        if args.baseline is not None:
            variants.append(("baseline lexical", args.baseline, False))
        if semantic.available():
            variants.append(("semantic", ROOT, True))
        else:
            print("semantic extra not installed: lexical only")
        times: dict[str, dict[str, list[float]]] = {name: {} for name, _, _ in variants}
        first: dict[str, list[float]] = {}
        for _ in range(args.rounds):
            for name, root, sem in variants:
                got = _child(root, cases, sem, args.repeat)
                for label, ts in got.items():
                    if sem:
                        first.setdefault(label, []).append(ts[0])
                        ts = ts[1:]
                    times[name].setdefault(label, []).extend(ts)
    for label, _, _ in cases:
        lexical = statistics.median(times["lexical"][label])
        line = f"{label:>16}: lexical {lexical * 1000:8.1f} ms"
        if "baseline lexical" in times:
            base = statistics.median(times["baseline lexical"][label])
            line += f" | baseline {base * 1000:8.1f} ms (ratio {lexical / base:.2f})"
        if "semantic" in times:
            sem_t = statistics.median(times["semantic"][label])
            line += (
                f" | semantic {sem_t * 1000:8.1f} ms cached (x{sem_t / lexical:.1f}),"
                f" first run {statistics.median(first[label]) * 1000:8.1f} ms"
            )
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
