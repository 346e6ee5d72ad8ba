"""Speed and memory of storydiff, printed as figures (never asserted: machines here are shared).

Prints, in one run:
  * the samples compared end to end by the CLI (a whole process, JSON output) beside a bare
    ``python -c "import typer"``, and their ratio;
  * the time and peak memory of comparing two documents of 1k, 2k, 4k, 5k and 10k sentences a side,
    built from real articles, each used once per document (news-ecb: A from the first article of
    each pair, B from the second, so the two share coverage as real documents do; then the MSRP
    news paraphrase pairs and the dev articles);
  * the time ratio 10k/5k (≤ 2.5 means the alignment grows close to linearly);
  * the "edited copy" shape of issue 13 at 5k and 10k sentences: B holds half of A's sentences,
    reordered and each lightly edited (a word replaced, dropped or added, a figure changed), plus
    as many new sentences from other articles; time, peak memory and t(10k)/t(5k) (targets: 10k
    within 8 s and 1 GiB, ratio ≤ 2.2);
  * the time of odd inputs at two sizes (runs of marks, repeated sentences, text without spaces or
    full stops, unbalanced quote marks): a ratio near 2 when the size doubles means linear.

Usage: python benchmarks/bench.py [--shared ../shared] [--sizes 1000,2000,4000,5000,10000] [--repeat 15]
       [--edited-sizes 5000,10000] [--odd-size 50000] [--startup-only] [--startup-detail N]

The start-up ratio is the median of interleaved runs (issue 13's target: ≤ 1.5), the best of the
runs shown beside it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from storydiff.pipeline import compare
from storydiff.model import Document
a, b = sys.argv[1], sys.argv[2]
da = Document(Path(a).read_text(encoding="utf-8"), "a", a)
db = Document(Path(b).read_text(encoding="utf-8"), "b", b)
t1 = time.perf_counter()
report = compare(da, db)
t2 = time.perf_counter()
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"compare_s": t2 - t1, "total_s": t2 - t0, "peak_mib": peak_kib / 1024,
                  "groups": len(report.alignment),
                  "sentences": [len(report.a.sentences), len(report.b.sentences)]}))
"""


STARTUP_CHILD = r"""
import gc, json, sys, time
gc.disable()  # as the program itself runs (storydiff.cli)
clock = time.process_time
marks = [("python and site", clock())]
def mark(name):
    marks.append((name, clock()))
import typer
mark("import typer")
import storydiff.cli as cli
mark("import storydiff.cli (model, load)")
import typer.main
typer.main.get_command(cli.app)
mark("typer: build the commands")
da = cli._read(sys.argv[1], "a", 1 << 30)
db = cli._read(sys.argv[2], "b", 1 << 30)
mark("read the inputs")
from storydiff import pipeline
from storydiff.segment import segment
from storydiff.quotes import find_quotes
from storydiff.facts import extract_facts
mark("import the pipeline (segment, quotes, facts, align)")
texts = [pipeline.fold(d.text).text for d in (da, db)]
sents = [segment(t) for t in texts]
mark("first run: segment")
for t, ss in zip(texts, sents):
    find_quotes(t, ss)
mark("first run: quotes")
for t, ss in zip(texts, sents):
    extract_facts(t, ss)
mark("first run: facts")
sa, sb = pipeline.build_source(da), pipeline.build_source(db)
mark("segment, quotes and facts again (warm)")
pipeline.compare_sources(sa, sb, 0, 1, cli.Options())
mark("first run: align, word diffs, quotes and facts compared")
from storydiff.render import json as render_json
render_json.render(pipeline.compare(da, db))
mark("the whole comparison again (warm) and render json")
print(json.dumps([(name, t) for name, t in marks]))
"""
"""A child that times (CPU) each stage of a comparison of the samples, in the order the program
goes through them. The first runs of segment, quotes and facts include the patterns and lists
they load on first use, and align's its own and rapidfuzz; the warm runs after them are the work
proper."""


def _startup_breakdown(py: str, samples: list[str], repeat: int) -> None:
    runs: list[list[tuple[str, float]]] = []
    for _ in range(repeat):
        out = subprocess.run([py, "-c", STARTUP_CHILD, *samples], check=True, capture_output=True, text=True)
        runs.append(json.loads(out.stdout))
    print(f"\nwhere the samples' CPU time goes (best of {repeat} runs, ms)")
    names = [name for name, _ in runs[0]]
    print(f"  {names[0]:60} {min(run[0][1] for run in runs) * 1000:7.1f}")
    for k, name in enumerate(names[1:], start=1):
        best = min(run[k][1] - run[k - 1][1] for run in runs)
        print(f"  {name:60} {best * 1000:7.1f}")


def _run_times(commands: list[list[str]], repeat: int) -> tuple[list[list[float]], list[list[float]]]:
    """Wall times and CPU times (user + system) of each command, the runs interleaved so that load
    on a shared machine falls on all of them alike. CPU time is shown beside the wall clock: on a
    machine shared with other work it moves much less, since waiting for a core is not counted."""
    times: list[list[float]] = [[] for _ in commands]
    cpu: list[list[float]] = [[] for _ in commands]
    for _ in range(repeat):
        for argv, acc, cpu_acc in zip(commands, times, cpu):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            acc.append(time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu_acc.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return times, cpu


def _corpus(shared: Path) -> tuple[list[str], list[str]]:
    """Paragraphs of real news for documents A and B, each article used once per document.

    news-ecb pairs articles on one event with each other, so the same article is the first of
    several pairs: taken pair after pair it would repeat, and segmentation rightly reads a repeated
    paragraph as page furniture. Each distinct article goes in once (A from the first articles of
    the pairs, B from the second, so the documents share coverage as real ones do), then the MSRP
    paraphrase pairs (sentence 1 to A, 2 to B), then the dev articles.
    """
    a: list[str] = []
    b: list[str] = []
    seen: tuple[set[tuple[str, ...]], set[tuple[str, ...]]] = (set(), set())
    with (shared / "eval" / "data" / "news-ecb" / "pairs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            for key, out, done in (("a_sentences", a, seen[0]), ("b_sentences", b, seen[1])):
                article = tuple(doc[key])
                if article not in done:
                    done.add(article)
                    out.extend(article)
    with (shared / "eval" / "data" / "msrp" / "test.tsv").open(encoding="utf-8") as fh:
        for row in list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]:
            a.append(row[3])
            b.append(row[4])
    for folder in sorted((shared / "eval" / "dev").iterdir()):
        a.append((folder / "a.txt").read_text(encoding="utf-8"))
        for name in ("b.txt", "c.txt"):
            if (folder / name).exists():
                b.append((folder / name).read_text(encoding="utf-8"))
    return a, b


def _documents(shared: Path, n: int, folder: Path) -> tuple[Path, Path]:
    """Two documents of about ``n`` sentences each (paragraphs of :func:`_corpus` until ``n``)."""
    from storydiff.segment import segment

    paths = []
    for side, paragraphs in zip("ab", _corpus(shared), strict=True):
        taken: list[str] = []
        count = 0
        for paragraph in paragraphs:
            if count >= n:
                break
            taken.append(paragraph)
            count += len(segment(paragraph))
        path = folder / f"{side}{n}.txt"
        path.write_text("\n\n".join(taken) + "\n", encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


_FILLERS = ("reportedly", "also", "officially", "again", "on Monday", "late")


def _edit(sentence: str, rng: random.Random) -> str:
    """One light edit, as a second outlet makes: a figure changed, a word dropped, one added, or
    two words swapped."""
    words = sentence.split()
    if len(words) < 4:
        return sentence
    digits = [i for i, w in enumerate(words) if any(ch.isdigit() for ch in w)]
    choice = rng.randrange(4)
    if choice == 0 and digits:
        i = rng.choice(digits)
        words[i] = "".join(str((int(ch) + 1) % 10) if ch.isdigit() else ch for ch in words[i])
    elif choice == 1:
        del words[rng.randrange(1, len(words) - 1)]
    elif choice == 2:
        words.insert(rng.randrange(1, len(words)), rng.choice(_FILLERS))
    else:
        i = rng.randrange(1, len(words) - 2)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def _edited_documents(shared: Path, n: int, folder: Path, seed: int = 13) -> tuple[Path, Path]:
    """A: about ``n`` sentences of news; B: half of A's sentences in a shuffled order, each lightly
    edited, plus as many sentences A does not have, three sentences to a paragraph."""
    from storydiff.segment import segment

    paragraphs_a, paragraphs_b = _corpus(shared)

    def sentences(paragraphs: list[str], want: int) -> tuple[list[str], list[str]]:
        taken: list[str] = []
        out: list[str] = []
        for paragraph in paragraphs:
            if len(out) >= want:
                break
            taken.append(paragraph)
            out.extend(s.text for s in segment(paragraph))
        return taken, out

    taken_a, sents_a = sentences(paragraphs_a, n)
    _, new = sentences(paragraphs_b, n // 2)
    rng = random.Random(seed)
    kept = rng.sample(sents_a, len(sents_a) // 2)  # a random half, in a random order
    mixed = [_edit(s, rng) for s in kept] + new[: len(sents_a) // 2]
    rng.shuffle(mixed)
    text_b = "\n\n".join(" ".join(mixed[i : i + 3]) for i in range(0, len(mixed), 3))
    pa, pb = folder / f"edited-a{n}.txt", folder / f"edited-b{n}.txt"
    pa.write_text("\n\n".join(taken_a) + "\n", encoding="utf-8")
    pb.write_text(text_b + "\n", encoding="utf-8")
    return pa, pb


def _measure(py: str, pa: Path, pb: Path, repeat: int) -> dict[str, Any]:
    """The best of ``repeat`` runs of the pipeline in a fresh process."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [py, "-c", CHILD, str(pa), str(pb)],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        runs.append(json.loads(out.stdout))
    return min(runs, key=lambda x: x["compare_s"])


ODD_CHILD = r"""
import json, sys, time
from storydiff.pipeline import compare_texts
text = sys.stdin.read()
t0 = time.perf_counter()
compare_texts(text, text[: len(text) // 2] + " The end.")
print(json.dumps({"s": time.perf_counter() - t0}))
"""

ODD_INPUTS: dict[str, Callable[[int], str]] = {
    "a run of dots after a word": lambda n: "Contents" + "." * n + "x",
    "one sentence, repeated": lambda n: " ".join(['"Yes," said John Smith.'] * (n // 24)),
    "a token without spaces": lambda n: "x" * n,
    "prose without full stops": lambda n: " ".join(
        ["the", "minister", "said", "Kiev", "would", "send", "30", "troops", "to", "Mariupol"] * (n // 50)
    ),
    "unbalanced quote marks": lambda n: '"He said ' * (n // 9),
    "curly marks and apostrophes": lambda n: "“a ”b ‘c ’d " * (n // 12),
    "figures, no full stops": lambda n: " ".join(["$1,000.00"] * (n // 10)),
}
"""Generators of odd texts of about ``n`` characters; each once made some step quadratic."""


def _odd_inputs(py: str, size: int) -> None:
    print(f"\nodd inputs: compared with their own first half, {size:,} and {2 * size:,} characters")
    print(f"  {'input':30} {'s':>7} {'s (2x)':>7} {'ratio':>6}")
    for name, make in ODD_INPUTS.items():
        times = []
        for n in (size, 2 * size):
            out = subprocess.run(
                [py, "-c", ODD_CHILD], input=make(n), check=True, capture_output=True, text=True
            )
            times.append(json.loads(out.stdout)["s"])
        print(f"  {name:30} {times[0]:7.2f} {times[1]:7.2f} {times[1] / max(times[0], 1e-9):6.2f}")


def _edited_shape(py: str, shared: Path, sizes: list[int], repeat: int) -> None:
    print(
        "\nedited copy: B = half of A's sentences reordered and lightly edited, plus new ones "
        f"(best of {repeat})"
    )
    print(f"  {'N':>6} {'B sents':>8} {'compare s':>10} {'process s':>10} {'peak MiB':>9} {'groups':>7}")
    results: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            r = _measure(py, *_edited_documents(shared, n, Path(tmp)), repeat)
            results[n] = r
            sents = r["sentences"]
            print(
                f"  {sents[0]:>6} {sents[1]:>8} {r['compare_s']:>10.2f} {r['total_s']:>10.2f} "
                f"{r['peak_mib']:>9.0f} {r['groups']:>7}"
            )
    if len(sizes) >= 2:
        lo, hi = sorted(sizes)[-2:]
        ratio = results[hi]["compare_s"] / results[lo]["compare_s"]
        print(f"\n  time ratio {hi}/{lo}: {ratio:.2f}   (target <= 2.2 for 10k/5k)")
        print(
            f"  {hi}: {results[hi]['compare_s']:.2f} s (target <= 8), "
            f"{results[hi]['peak_mib']:.0f} MiB peak (target <= 1024)"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--sizes", default="1000,2000,4000,5000,10000")
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--scale-repeat", type=int, default=3, help="runs per size; the best is shown")
    ap.add_argument("--edited-sizes", default="5000,10000", help="sizes of the edited-copy shape ('': skip)")
    ap.add_argument("--odd-size", type=int, default=50_000, help="characters of the odd inputs (0: skip)")
    ap.add_argument("--startup-only", action="store_true", help="measure start-up only (no ../shared needed)")
    ap.add_argument(
        "--startup-detail",
        type=int,
        default=0,
        metavar="N",
        help="also time each stage of the samples' run (N runs)",
    )
    args = ap.parse_args()
    shared = Path(args.shared)
    py = sys.executable
    storydiff = [py, "-m", "storydiff"]
    exe = Path(py).parent / "storydiff"
    if exe.exists():
        storydiff = [str(exe)]

    # A pip-installed package is byte-compiled, as typer is; an editable checkout in an environment
    # with PYTHONDONTWRITEBYTECODE set would recompile every module on every run instead.
    subprocess.run([py, "-m", "compileall", "-q", str(ROOT / "storydiff")], check=True)
    samples = [str(ROOT / "samples" / "moscow-times.txt"), str(ROOT / "samples" / "stars-and-stripes.txt")]
    (typer_runs, sample_runs), (typer_cpu, sample_cpu) = _run_times(
        [[py, "-c", "import typer"], [*storydiff, "compare", *samples, "--format", "json"]], args.repeat
    )
    # As timeit's documentation advises, the best of several runs is the figure to compare: slower
    # runs come from other processes on the machine, not from the code (medians shown too).
    best_typer, best_samples = min(typer_runs), min(sample_runs)
    med_typer, med_samples = statistics.median(typer_runs), statistics.median(sample_runs)
    cpu_typer, cpu_samples = statistics.median(typer_cpu), statistics.median(sample_cpu)
    print(f"start-up and the samples ({args.repeat} interleaved runs each, whole processes)")
    print(f"  {'':35} {'median':>8} {'best':>8} {'CPU median':>11}")
    print(
        f"  python -c 'import typer'           {med_typer * 1000:6.0f} ms {best_typer * 1000:6.0f} ms "
        f"{cpu_typer * 1000:8.0f} ms"
    )
    print(
        f"  storydiff compare samples (json)   {med_samples * 1000:6.0f} ms {best_samples * 1000:6.0f} ms "
        f"{cpu_samples * 1000:8.0f} ms"
    )
    print(
        f"  ratio samples / bare typer import  {med_samples / med_typer:8.2f} "
        f"{best_samples / best_typer:8.2f} {cpu_samples / cpu_typer:11.2f}   "
        "(target <= 1.5, median of interleaved runs)"
    )
    # Each run beside the typer run just before it: load that changes during the measurement
    # falls on both alike.
    paired = statistics.median(s / t for s, t in zip(sample_runs, typer_runs, strict=True))
    print(f"  median of the {args.repeat} paired ratios        {paired:8.2f}")
    if args.startup_detail:
        _startup_breakdown(py, samples, args.startup_detail)
    if args.startup_only:
        return 0

    print(
        "\nscale: two documents of N sentences a side, from distinct news articles "
        f"(best of {args.scale_repeat})"
    )
    print(f"  {'N':>6} {'compare s':>10} {'process s':>10} {'peak MiB':>9} {'groups':>7}")
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            pa, pb = _documents(shared, n, Path(tmp))
            runs = []
            for _ in range(args.scale_repeat):
                out = subprocess.run(
                    [py, "-c", CHILD, str(pa), str(pb)],
                    check=True,
                    capture_output=True,
                    text=True,
                    env={**os.environ, "PYTHONHASHSEED": "0"},
                )
                runs.append(json.loads(out.stdout))
            r = min(runs, key=lambda x: x["compare_s"])  # best of the runs, as for start-up
            results[n] = r
            print(
                f"  {n:>6} {r['compare_s']:>10.2f} {r['total_s']:>10.2f} "
                f"{r['peak_mib']:>9.0f} {r['groups']:>7}"
            )
    if 5000 in results and 10000 in results:
        ratio = results[10000]["compare_s"] / results[5000]["compare_s"]
        print(f"\n  time ratio 10k/5k: {ratio:.2f}   (target <= 2.5)")
        print(
            f"  10k x 10k: {results[10000]['compare_s']:.2f} s (target <= 10), "
            f"{results[10000]['peak_mib']:.0f} MiB peak (target <= 1024)"
        )
    if args.edited_sizes:
        _edited_shape(py, shared, [int(x) for x in args.edited_sizes.split(",")], args.scale_repeat)
    if args.odd_size:
        _odd_inputs(py, args.odd_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
