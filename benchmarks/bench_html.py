"""Size and browser render time of the HTML report, printed as figures (never asserted).

Issue 11's target: the page for two 2,000-sentence documents under 5 MB and rendered by the browser
in under 3 s. The documents are built from real articles as in ``bench.py`` (news-ecb: A from the
first article of each pair, B from the second), so the two share coverage as real documents do.

Prints, in one run: the time to compare and to write the page, the file's size, and the time
headless Chromium takes from navigation to the load event and to the first passage highlighted
(median of ``--repeat`` loads), for the samples and for the large pair.

Usage: python benchmarks/bench_html.py [--shared ../shared] [--sentences 2000] [--repeat 5]
       [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import _documents  # noqa: E402

from storydiff.model import Document  # noqa: E402
from storydiff.pipeline import compare  # noqa: E402
from storydiff.render import html  # noqa: E402


def _page(a: Path, b: Path, out: Path) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    report = compare(
        Document(a.read_text(encoding="utf-8"), a.stem, str(a)),
        Document(b.read_text(encoding="utf-8"), b.stem, str(b)),
    )
    t1 = time.perf_counter()
    out.write_text(html.render(report), encoding="utf-8")
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, out.stat().st_size


def _browser_times(chromium: str, page: Path, repeat: int) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    loads, firsts = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(repeat):
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            t0 = time.perf_counter()
            tab.goto(page.as_uri(), wait_until="load")
            t1 = time.perf_counter()
            first = tab.locator(".s[data-c]").first
            if first.count():
                first.focus()
                tab.locator("#detail:not([hidden])").wait_for()
            t2 = time.perf_counter()
            loads.append(t1 - t0)
            firsts.append(t2 - t0)
            tab.close()
        browser.close()
    return statistics.median(loads), statistics.median(firsts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    samples = HERE.parent / "storydiff" / "samples"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [("samples", samples / "moscow-times.txt", samples / "stars-and-stripes.txt")]
        if (args.shared / "eval").is_dir():
            a, b = _documents(args.shared, args.sentences, folder)
            cases.append((f"{args.sentences} x {args.sentences} sentences", a, b))
        else:
            print(f"(no {args.shared}/eval: only the samples are measured)")
        print(f"{'case':<28} {'compare s':>9} {'write s':>8} {'size MB':>8} {'load s':>7} {'first hl s':>10}")
        for name, a, b in cases:
            out = folder / f"{name.split()[0]}.html"
            t_cmp, t_write, size = _page(a, b, out)
            if Path(args.chromium).exists():
                load, first = _browser_times(args.chromium, out, args.repeat)
                shown = f"{load:7.2f} {first:10.2f}"
            else:
                shown = f"{'-':>7} {'-':>10}  (no {args.chromium})"
            print(f"{name:<28} {t_cmp:9.2f} {t_write:8.2f} {size / 1e6:8.2f} {shown}")
    print("targets (issue 11): 2,000 x 2,000 sentences under 5 MB and rendered in under 3 s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
