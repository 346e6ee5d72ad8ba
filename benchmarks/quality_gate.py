"""Quality gate: run the project's scorers on the development data and fail below pinned floors.

Like trafilatura's evaluation gate, this keeps a change that makes storydiff's judgement worse
from landing unnoticed. Each *run* below is one scorer call (``../shared/eval/score.py`` for
comparisons against gold, ``../shared/eval/score_docs.py`` for one document's analysis on
third-party pages, quotes and figures); each figure it prints may carry a floor (``min``) or a
ceiling (``max``) in ``benchmarks/quality_floors.json``. Raising a floor is an ordinary commit;
lowering one needs a reason stated in the commit message.

Runs go two at a time (the machines have two cores). Large sets are capped (``limit``) so the
whole gate takes a few minutes; the caps are part of what the floors mean, so they live in the
floors file too.

Usage:
    python benchmarks/quality_gate.py [--shared ../shared] [--floors FILE] [--only RUN ...]
                                      [--write-floors MARGIN]

Exit status: 0 when every figure meets its floor, 1 when one does not, 2 when a scorer failed.
``--write-floors 0.01`` rewrites the floors file from the figures just measured (each floor
``margin`` below the figure, each ceiling at the figure) for a reviewed commit.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FLOORS = Path(__file__).resolve().parent / "quality_floors.json"


def _command(run: dict[str, Any], shared: Path, tool: str) -> list[str]:
    """The scorer command line for one run of the floors file."""
    ev = shared / "eval"
    cmd_two = f"{tool} compare {{a}} {{b}} --format json"
    cmd_one = f"{tool} compare {{a}} {{a}} --format json"
    scorer = run["scorer"]
    if scorer == "score":
        args = [sys.executable, str(ev / "score.py"), "--json", "--quiet", "--cmd", cmd_two]
        if "jsonl" in run:
            args += ["--jsonl", str(ev / run["jsonl"])]
        else:
            args += sorted(str(p) for p in (ev / "dev").iterdir() if p.is_dir())
    else:
        args = [
            sys.executable,
            str(ev / "score_docs.py"),
            run["kind"],
            str(ev / run["data"]),
            "--cmd",
            cmd_one,
        ]
        if run.get("window"):
            args.append("--window")
    if run.get("limit"):
        args += ["--limit", str(run["limit"])]
    return args


def _measure(name: str, args: list[str]) -> tuple[str, dict[str, Any] | str, float]:
    started = time.monotonic()
    out = subprocess.run(args, capture_output=True, text=True, check=False)
    took = time.monotonic() - started
    if out.returncode != 0:
        return name, (out.stderr.strip().splitlines() or ["(no message)"])[-1], took
    lines = [line for line in out.stdout.splitlines() if line.strip().startswith("{")]
    return name, json.loads(lines[-1]), took


def _check(figures: dict[str, Any], bounds: dict[str, dict[str, float]]) -> list[str]:
    """The figures that miss their floor or exceed their ceiling, as lines to print."""
    missed = []
    for key, bound in bounds.items():
        value = figures.get(key)
        if not isinstance(value, int | float):
            missed.append(f"{key}: not reported")
        elif "min" in bound and value < bound["min"]:
            missed.append(f"{key} {value:.3f} < floor {bound['min']:.3f}")
        elif "max" in bound and value > bound["max"]:
            missed.append(f"{key} {value:.3f} > ceiling {bound['max']:.3f}")
    return missed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--floors", default=str(FLOORS))
    ap.add_argument("--only", nargs="*", help="run only these runs of the floors file")
    ap.add_argument("--write-floors", type=float, metavar="MARGIN", help="rewrite floors from this run")
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "eval" / "score.py").is_file():
        print(f"quality gate: skipped, {shared}/eval not found (the gate needs ../shared beside the repo)")
        return 0
    spec = json.loads(Path(args.floors).read_text(encoding="utf-8"))
    runs: dict[str, dict[str, Any]] = spec["runs"]
    names = [n for n in runs if not args.only or n in args.only]
    exe = Path(sys.executable).parent / "storydiff"
    tool = str(exe) if exe.exists() else "storydiff"
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda n: _measure(n, _command(runs[n], shared, tool)), names))
    failed = broken = 0
    for name, figures, took in results:
        bounds = runs[name].get("bounds", {})
        if isinstance(figures, str):
            print(f"FAIL  {name}: the scorer failed: {figures}")
            broken += 1
            continue
        shown = ", ".join(
            f"{k} {figures[k]:.3f}" if isinstance(figures.get(k), float) else f"{k} {figures.get(k)}"
            for k in bounds
        )
        missed = _check(figures, bounds)
        failed += bool(missed)
        print(f"{'FAIL' if missed else 'ok  '}  {name} ({took:.0f} s): {shown}")
        for line in missed:
            print(f"        {line}")
        if args.write_floors is not None:
            for key, bound in bounds.items():
                value = figures.get(key)
                if isinstance(value, int | float):
                    if "min" in bound:
                        bound["min"] = round(max(0.0, value - args.write_floors), 3)
                    if "max" in bound:
                        bound["max"] = round(value, 3)
    if args.write_floors is not None and not broken:
        Path(args.floors).write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
        print(f"quality gate: floors rewritten in {args.floors}")
    total = time.monotonic() - started
    met = len(results) - failed - broken
    print(f"quality gate: {met} of {len(results)} runs at or above their floors ({total:.0f} s)")
    return 2 if broken else 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
