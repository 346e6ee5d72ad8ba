"""N-way quality: every pair of each dev triple scored out of ONE N-way report, against the same gold.

For each dev event this runs ``storydiff compare a.txt b.txt c.txt --format json`` once (format
storydiff/2), reads each pair's alignment, quotes and facts back out of that one report (the
direct links of its clusters and its cross links; see :func:`project`), and scores each pair with
``../shared/eval/score.py``'s own ``score_case``, exactly as the scorer scores a pair run on its
own. Then it runs each pair alone (``storydiff compare a b --format json``) and prints both, so
that the N-way figures can be held to "within 0.02 of the pair alone".

It also checks the coverage matrix against the gold: every gold shared quote (of any pair) must
be a row of the matrix that marks both outlets (``matrix quotes``), and the outlets a row marks
should be all those the gold links to that utterance (``exact outlets``).

Usage:
    python benchmarks/quality_nway.py [--shared ../shared] [--events NAME ...] [--json]

Exit status: 0 when every pair is within the tolerance and every gold shared quote that the pair's
own comparison finds is a matrix row marking both outlets, 1 otherwise, 2 when storydiff failed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from dev_split import GOLD_FILES, TUNE  # noqa: E402

TOLERANCE = 0.02
COMPARED = ("align_precision", "align_recall", "align_f1", "quote_precision", "quote_recall", "quote_f1")
"""The figures held to the tolerance: alignment and quotes (the issue's criterion)."""
SHOWN = (*COMPARED, "only_recall", "speaker_accuracy", "fact_recall", "conflict_recall")
PAIRS = {gold: (x.removesuffix(".txt"), y.removesuffix(".txt")) for gold, (x, y) in GOLD_FILES.items()}


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_SWAP = {"insert": "delete", "delete": "insert"}


def _oriented(diff: list[dict[str, Any]], swap: bool) -> list[dict[str, Any]]:
    if not swap:
        return diff
    return [{**d, "op": _SWAP.get(d["op"], d["op"]), "a": d["b"], "b": d["a"]} for d in diff]


def project(nway: dict[str, Any], i: int, j: int) -> dict[str, Any]:
    """The storydiff/1 fields the scorer reads, for sources ``i`` and ``j``, out of a storydiff/2 report.

    Alignment: the direct links between the two in the clusters, and the cross links. Only: their
    body sentences in none of those. Quotes: the quote links between the two (clusters' and cross).
    Facts: the pair's own "facts only" (``pairs[].facts_only``); conflicts between the two.
    """
    sources = nway["sources"]
    links = [x for c in nway["clusters"] for x in c["links"] if x["direct"]] + nway["cross_links"]
    alignment = []
    linked: dict[int, set[int]] = {i: set(), j: set()}
    for x in links:
        ends = {x["a"]["source"]: x["a"]["sentences"], x["b"]["source"]: x["b"]["sentences"]}
        if set(ends) != {i, j}:
            continue
        swap = x["a"]["source"] != i
        alignment.append(
            {
                "a": ends[i],
                "b": ends[j],
                "score": x["score"],
                "kind": x["kind"],
                "diff": _oriented(x["diff"], swap),
            }
        )
        linked[i].update(ends[i])
        linked[j].update(ends[j])
    only = {
        side: [
            s["index"] for s in sources[k]["sentences"] if s["role"] == "body" and s["index"] not in linked[k]
        ]
        for side, k in (("a", i), ("b", j))
    }
    out: dict[str, Any] = {
        "format": "storydiff/1",
        "sources": [sources[i], sources[j]],
        "alignment": alignment,
        "only": only,
    }
    if "quotes" in nway:
        q = nway["quotes"]
        shared = []
        for x in [y for c in q["clusters"] for y in c["links"]] + q["cross_links"]:
            ends = {x["a"]["source"]: x["a"]["index"], x["b"]["source"]: x["b"]["index"]}
            if set(ends) == {i, j}:
                shared.append({"a": ends[i], "b": ends[j]})
        used = {"a": {m["a"] for m in shared}, "b": {m["b"] for m in shared}}
        out["quotes"] = {
            "shared": shared,
            "only": {
                side: [x["index"] for x in sources[k].get("quotes", []) if x["index"] not in used[side]]
                for side, k in (("a", i), ("b", j))
            },
        }
    if "facts" in nway:
        items = nway["facts"]["items"]
        pair = next(p for p in nway["pairs"] if {p["a"], p["b"]} == {i, j})
        own = (
            pair["facts_only"]
            if pair["a"] == i
            else {"a": pair["facts_only"]["b"], "b": pair["facts_only"]["a"]}
        )
        facts_only = {side: [sources[k]["facts"][n] for n in own[side]] for side, k in (("a", i), ("b", j))}
        conflicts = []
        for item in items:
            for c in item["conflicts"]:
                ends = {c["a"]["source"]: c["a"], c["b"]["source"]: c["b"]}
                if set(ends) == {i, j}:
                    conflicts.append(
                        {"a": {"sentence": ends[i]["sentence"]}, "b": {"sentence": ends[j]["sentence"]}}
                    )
        out["facts"] = {"only": facts_only, "conflicts": conflicts}
    return out


def _run(argv: list[str]) -> tuple[dict[str, Any] | None, str, float]:
    started = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    took = time.perf_counter() - started
    if proc.returncode != 0:
        return None, proc.stderr.strip()[-300:], took
    return json.loads(proc.stdout), "", took


def _spans(quotes: list[dict[str, Any]], text: str, anchor: str) -> set[int]:
    pos = text.find(anchor)
    if pos < 0:
        return set()
    end = pos + len(anchor)
    return {q["index"] for q in quotes if q["start"] < end and q["end"] > pos}


def matrix_check(
    folder: Path, names: list[str], nway: dict[str, Any]
) -> tuple[int, int, int, int, list[str]]:
    """Gold shared quotes; those found as matrix rows marking both outlets; those whose row marks
    exactly the outlets the gold links to the utterance; those the pair's own comparison misses
    (no N-way view can show them); and notes on the misses."""
    texts = {n: (folder / f"{n}.txt").read_text(encoding="utf-8") for n in names}
    quotes = {n: nway["sources"][k].get("quotes", []) for k, n in enumerate(names)}
    rows = []
    for c in nway["quotes"]["clusters"]:
        carried = set(c["sources"]) | set(c["paraphrased_by"])
        if len(carried) > 1:
            held = {(m["source"], m["index"]) for m in c["members"]}
            rows.append((held, carried))
    # gold utterances: quotes of the gold pairs joined across the pairs that share a quote
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def root(x: tuple[int, int]) -> tuple[int, int]:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    golds: list[tuple[set[tuple[int, int]], set[tuple[int, int]], str]] = []
    for gold_name, (x, y) in PAIRS.items():
        path = folder / gold_name
        if not path.exists() or y not in names:
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        kx, ky = names.index(x), names.index(y)
        for q in gold.get("shared_quotes", []):
            qx = {(kx, n) for n in _spans(quotes[x], texts[x], q["a"])}
            qy = {(ky, n) for n in _spans(quotes[y], texts[y], q["b"])}
            golds.append((qx, qy, f"{x}~{y} {q['a'][:40]!r}"))
            for node in qx | qy:
                parent[root(node)] = root(next(iter(qx | qy)))
    found = exact = unpaired = 0
    notes = []
    for qx, qy, what in golds:
        outlets = {k for k, _ in qx | qy}
        group = {n for n in parent if root(n) == root(next(iter(qx | qy)))} if qx | qy else set()
        gold_outlets = {k for k, _ in group}
        hit = [carried for held, carried in rows if held & qx and held & qy]
        if hit:
            found += 1
            exact += any(carried == gold_outlets for carried in hit)
            if not any(carried == gold_outlets for carried in hit):
                notes.append(f"{folder.name}: {what}: outlets {sorted(hit[0])}, gold {sorted(gold_outlets)}")
        else:
            lo, hi = min(outlets), max(outlets)
            pair = project(nway, lo, hi)["quotes"]["shared"]
            alone = any((m["a"], m["b"]) in {(i, j) for _, i in qx for _, j in qy} for m in pair)
            why = "" if alone else " (the pair's own comparison misses it too)"
            unpaired += not alone
            notes.append(f"{folder.name}: {what}: not a matrix row marking {sorted(outlets)}{why}")
    return len(golds), found, exact, unpaired, notes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--events", nargs="*", help="only these dev events")
    ap.add_argument("--json", action="store_true", help="print one JSON object with every figure")
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "eval" / "score.py").is_file():
        print(f"quality nway: skipped, {shared}/eval not found")
        return 0
    score = _scorer(shared)
    exe = Path(sys.executable).parent / "storydiff"
    tool = str(exe) if exe.exists() else "storydiff"
    events = sorted(p for p in (shared / "eval" / "dev").iterdir() if p.is_dir())
    if args.events:
        events = [p for p in events if p.name in args.events]
    results: list[dict[str, Any]] = []
    matrix = [0, 0, 0, 0]
    notes: list[str] = []
    worst = 0.0
    for folder in events:
        names = [n for n in "abc" if (folder / f"{n}.txt").exists()]
        nway, err, took = _run(
            [tool, "compare", *(str(folder / f"{n}.txt") for n in names), "--format", "json2"]
        )
        if nway is None:
            print(f"FAIL  {folder.name}: storydiff failed: {err}")
            return 2
        checked = matrix_check(folder, names, nway)
        total, found, exact, unpaired, matrix_notes = checked
        for n, value in enumerate((total, found, exact, unpaired)):
            matrix[n] += value
        notes += matrix_notes
        for gold_name, (x, y) in PAIRS.items():
            if not (folder / gold_name).exists():
                continue
            i, j = names.index(x), names.index(y)
            projected = project(nway, i, j)
            real = getattr(score, "run_tool")  # noqa: B009 (a module loaded at run time)
            setattr(score, "run_tool", lambda cmd, a, b, p=projected, s=took: (p, "", s))  # noqa: B010
            try:
                tally_n, _ = score.score_case(str(folder), gold_name, f"{x}.txt", f"{y}.txt", "")
            finally:
                setattr(score, "run_tool", real)  # noqa: B010
            tally_p, _ = score.score_case(
                str(folder), gold_name, f"{x}.txt", f"{y}.txt", f"{tool} compare {{a}} {{b}} --format json"
            )
            fn, fp = score.figures(tally_n), score.figures(tally_p)
            gaps = [abs(fn[k] - fp[k]) for k in COMPARED if fn[k] is not None and fp[k] is not None]
            gap = max(gaps, default=0.0)
            worst = max(worst, gap)
            results.append(
                {
                    "event": folder.name,
                    "pair": f"{x}{y}",
                    "half": "tune" if folder.name in TUNE else "held-back",
                    "nway": {k: fn[k] for k in SHOWN},
                    "pair_alone": {k: fp[k] for k in SHOWN},
                    "max_gap": gap,
                    "nway_s": took,
                    "pair_s": fp["mean_wall_s"],
                }
            )
    summary = {
        "pairs": len(results),
        "max_gap": worst,
        "within_tolerance": sum(1 for r in results if r["max_gap"] <= TOLERANCE),
        "gold_shared_quotes": matrix[0],
        "in_matrix": matrix[1],
        "exact_outlets": matrix[2],
        "missed_by_the_pair_alone": matrix[3],
    }
    if args.json:
        print(json.dumps({"results": results, "summary": summary}))
    else:

        def fmt(v: float | None) -> str:
            return "  -  " if v is None else f"{v:.3f}"

        print(f"{'event':<32} pair  align_f1 (n-way / alone)  quote_f1 (n-way / alone)  gap")
        for r in results:
            n, p = r["nway"], r["pair_alone"]
            print(
                f"{r['event'][:32]:<32} {r['pair']}    {fmt(n['align_f1'])} / {fmt(p['align_f1'])}"
                f"          {fmt(n['quote_f1'])} / {fmt(p['quote_f1'])}         {r['max_gap']:.3f}"
            )
        for line in notes:
            print("  " + line)
        print(
            f"quality nway: {summary['within_tolerance']} of {summary['pairs']} pairs within {TOLERANCE} "
            f"(largest gap {worst:.3f}); gold shared quotes in the matrix: {matrix[1]} of {matrix[0]} "
            f"({matrix[2]} with exactly the gold's outlets; {matrix[3]} missed by the pair alone too)"
        )
    ok = summary["within_tolerance"] == summary["pairs"] and matrix[1] + matrix[3] == matrix[0]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
