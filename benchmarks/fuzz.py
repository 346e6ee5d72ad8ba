"""Fuzz storydiff for a while: random text pairs, every invariant checked, figures printed.

Each case builds two texts from pieces of news text and of everything that has broken text tools
(the pieces of ``tests/test_properties.py``, the run-on quotes, random unicode), sometimes B as
an edited copy of A, and checks:

* **crash**: comparing and rendering in every format raises nothing;
* **invariant**: the JSON validates; every visible character of each text lies in exactly one
  sentence, offsets index the text; 'only' and the groups never overlap (``check_report``);
* **determinism**: the same pair compared again gives the same JSON byte for byte; every
  ``--subprocess-every`` cases also in a fresh interpreter with another hash seed;
* **asymmetry**: B against A is A against B mirrored (``asymmetries``).

Usage: nice -n 10 python benchmarks/fuzz.py --minutes 10 [--seed 1] [--out failures.jsonl]
Failing pairs are written one JSON object a line to --out, to be replayed or turned into tests.
The bounded version of the same loop runs in the test suite (``test_fuzz_harness_bounded``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_properties import (
    PIECES,
    RUN_ON,
    asymmetries,
    check_report,
    render_all,
)

from storydiff.pipeline import compare_texts
from storydiff.render import json as json_render

_CHILD = (
    "import sys, json; from storydiff.pipeline import compare_texts; "
    "from storydiff.render import json as j; a, b = json.load(sys.stdin); "
    "sys.stdout.write(j.render(compare_texts(a, b)))"
)


def random_text(rng: random.Random) -> str:
    """A text of up to 40 pieces: news words, marks, quotes, scripts, controls, random characters."""
    out = []
    for _ in range(rng.randint(0, 40)):
        roll = rng.random()
        if roll < 0.6:
            out.append(rng.choice(PIECES))
        elif roll < 0.75:
            out.append(rng.choice(RUN_ON))
        elif roll < 0.9:
            out.append(" ")
        else:
            out.append(
                "".join(
                    chr(rng.choice([rng.randint(0, 0x2FF), rng.randint(0, 0x10FFFF)]))
                    for _ in range(rng.randint(1, 6))
                )
            )
    text = "".join(out)
    # no lone surrogates: no file decodes to one
    return (
        text.encode("utf-8", "replace").decode("utf-8")
        if any(0xD800 <= ord(c) <= 0xDFFF for c in text)
        else text
    )


def random_pair(rng: random.Random) -> tuple[str, str]:
    a = random_text(rng)
    if rng.random() < 0.5:
        return a, random_text(rng)
    cut = rng.randint(0, len(a))
    return a, a[:cut] + random_text(rng) + a[cut + rng.randint(0, 20) :]


@dataclass
class Figures:
    """What a run found."""

    comparisons: int = 0
    crashes: int = 0
    invariant_breaks: int = 0
    nondeterministic: int = 0
    asymmetries: int = 0
    subprocess_checks: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    """Failures per check (crash, invariant, determinism, determinism-process, asymmetry) and per
    field an asymmetry broke (``asymmetry:<field>``)."""
    checks: Counter[str] = field(default_factory=Counter)
    """How many times each check ran."""
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.crashes or self.invariant_breaks or self.nondeterministic or self.asymmetries)


def _record(figures: Figures, kind: str, a: str, b: str, detail: str) -> None:
    figures.kinds[kind] += 1
    if len(figures.failures) < 200:
        figures.failures.append({"kind": kind, "a": a, "b": b, "detail": detail[-2000:]})


def check_pair(a: str, b: str, figures: Figures, subprocess_check: bool = False) -> None:
    """Run every check on one pair and count what breaks."""
    figures.comparisons += 1
    figures.checks["crash"] += 1
    try:
        data = render_all(compare_texts(a, b))
        again = json_render.render(compare_texts(a, b))
    except Exception:
        figures.crashes += 1
        _record(figures, "crash", a, b, traceback.format_exc())
        return
    figures.checks["invariant"] += 1
    figures.checks["determinism"] += 1
    try:
        check_report(data, a, b)
    except AssertionError as exc:
        figures.invariant_breaks += 1
        _record(figures, "invariant", a, b, str(exc))
    if json.loads(again) != data:
        figures.nondeterministic += 1
        _record(figures, "determinism", a, b, "second run differs")
    if subprocess_check:
        figures.subprocess_checks += 1
        figures.checks["determinism-process"] += 1
        env = {**os.environ, "PYTHONHASHSEED": str(figures.comparisons)}
        child = subprocess.run(
            [sys.executable, "-c", _CHILD],
            input=json.dumps([a, b]).encode(),
            capture_output=True,
            env=env,
            check=False,
        )
        if child.returncode != 0 or json.loads(child.stdout) != data:
            figures.nondeterministic += 1
            _record(figures, "determinism-process", a, b, child.stderr.decode("utf-8", "replace"))
    figures.checks["asymmetry"] += 1
    try:
        broken = asymmetries(a, b)
    except Exception:
        figures.crashes += 1
        _record(figures, "crash", b, a, traceback.format_exc())
        return
    if broken:
        figures.asymmetries += 1
        _record(figures, "asymmetry", a, b, ", ".join(broken))
        for name in broken:
            figures.kinds[f"asymmetry:{name}"] += 1


def run(seconds: float, seed: int, max_cases: int | None = None, subprocess_every: int = 0) -> Figures:
    """Fuzz for ``seconds`` (or ``max_cases`` pairs, whichever ends first)."""
    rng = random.Random(seed)
    figures = Figures()
    end = time.monotonic() + seconds
    while time.monotonic() < end and (max_cases is None or figures.comparisons < max_cases):
        a, b = random_pair(rng)
        sub = bool(subprocess_every) and (figures.comparisons + 1) % subprocess_every == 0
        check_pair(a, b, figures, subprocess_check=sub)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--subprocess-every",
        type=int,
        default=50,
        help="every Nth pair also in a fresh interpreter with another hash seed (0: never)",
    )
    parser.add_argument("--out", type=Path, default=None, help="write failing pairs here (JSON lines)")
    args = parser.parse_args()
    started = time.monotonic()
    figures = run(args.minutes * 60, args.seed, subprocess_every=args.subprocess_every)
    took = time.monotonic() - started
    print(f"seed {args.seed}, {took / 60:.1f} minutes")
    print(f"comparisons run      {figures.comparisons} (each also reversed and repeated)")
    print(f"crashes              {figures.crashes}")
    print(f"invariant breaks     {figures.invariant_breaks}")
    print(
        f"nondeterministic     {figures.nondeterministic} "
        f"({figures.subprocess_checks} checked in a fresh process)"
    )
    print(f"asymmetries          {figures.asymmetries}")
    print("per check            runs      failed")
    for check in ("crash", "invariant", "determinism", "determinism-process", "asymmetry"):
        print(f"  {check:20} {figures.checks[check]:>6} {figures.kinds[check]:>9}")
    for kind, count in sorted(figures.kinds.items()):
        if kind.startswith("asymmetry:"):
            print(f"  {kind:20} {'':>6} {count:>9}")
    print("result               " + ("clean" if figures.clean else "FAILURES"))
    if args.out and figures.failures:
        with args.out.open("w", encoding="utf-8") as out:
            for failure in figures.failures:
                out.write(json.dumps(failure, ensure_ascii=False) + "\n")
        print(f"failing pairs written to {args.out}")
    for failure in figures.failures[:3]:
        print(
            f"- {failure['kind']}: a={failure['a'][:120]!r} b={failure['b'][:120]!r}\n"
            f"  {failure['detail'][-300:]}"
        )
    sys.exit(0 if figures.clean else 1)


if __name__ == "__main__":
    main()
