"""Time (and optionally profile) the facts step alone on the 10k-sentence shapes of bench.py.

Builds bench.py's two 10,000-sentence documents (``plain``: news-ecb articles; ``edited``: issue
13's edited copy), segments them and aligns them once (the alignment is kept in ``--cache``, as
nothing in facts changes it), then times :func:`storydiff.facts.extract_facts` on both documents
and :func:`storydiff.facts.compare_facts` on the pair, best of ``--repeat`` runs. ``--profile``
prints the functions that take the most time; the digest line changes whenever any fact, key,
"only" list or conflict changes, so that a speed-up can be shown to leave the output as it was.

Usage: python benchmarks/facts_speed.py [--shape plain|edited] [--size 10000] [--repeat 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from storydiff.facts import compare_facts, extract_facts
from storydiff.model import Document, FactComparison, Source
from storydiff.pipeline import build_source

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402
from facts_conflicts import aligned  # noqa: E402


def _sources(shape: str, size: int, shared: Path) -> tuple[Source, Source]:
    with tempfile.TemporaryDirectory() as tmp:
        make = bench._edited_documents if shape == "edited" else bench._documents
        pa, pb = make(shared, size, Path(tmp))
        docs = [Document(p.read_text(encoding="utf-8"), s, str(p)) for s, p in (("a", pa), ("b", pb))]
    return build_source(docs[0]), build_source(docs[1])


def _digest(sa: Source, sb: Source, cmp: FactComparison) -> str:
    h = hashlib.sha256()
    for src in (sa, sb):
        for f in src.facts:
            h.update(f"{f.kind.value}|{f.start}|{f.end}|{f.sentence}|{f.key}\n".encode())
    for f in (*cmp.only_a, *cmp.only_b):
        h.update(f"only|{f.start}|{f.key}\n".encode())
    for c in cmp.conflicts:
        h.update(f"c|{c.a.start}|{c.b.start}|{c.note}\n".encode())
    return h.hexdigest()[:16]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shape", choices=("plain", "edited"), default="plain")
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/storydiff-facts-speed"))
    args = ap.parse_args()
    sa, sb = _sources(args.shape, args.size, args.shared)
    groups = aligned(f"{args.shape}{args.size}", sa, sb, args.cache)

    def run() -> tuple[Source, Source, FactComparison]:
        fa = replace(sa, facts=extract_facts(sa.text, sa.sentences))
        fb = replace(sb, facts=extract_facts(sb.text, sb.sentences))
        return fa, fb, compare_facts(fa, fb, groups)

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        run()
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
    best_extract = best_compare = float("inf")
    for _ in range(args.repeat):
        t0 = time.process_time()
        fa = replace(sa, facts=extract_facts(sa.text, sa.sentences))
        fb = replace(sb, facts=extract_facts(sb.text, sb.sentences))
        t1 = time.process_time()
        cmp = compare_facts(fa, fb, groups)
        t2 = time.process_time()
        best_extract, best_compare = min(best_extract, t1 - t0), min(best_compare, t2 - t1)
    print(
        f"{args.shape} {args.size}: sentences {len(sa.sentences)}/{len(sb.sentences)}  "
        f"facts {len(fa.facts)}/{len(fb.facts)}  conflicts {len(cmp.conflicts)}  "
        f"extract {best_extract:.2f} s  compare {best_compare:.2f} s CPU  digest {_digest(fa, fb, cmp)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
