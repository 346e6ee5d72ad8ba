"""Make docs/report.png, the README's picture of the HTML report of the samples.

Usage: python docs/screenshot.py [--chromium /usr/bin/chromium] [--out docs/report.png]

Needs Playwright for Python (in the test extra) and a Chromium (Debian: apt-get install chromium).
The page is rendered from the bundled samples by the installed storydiff, opened from disk,
the first shared passage focused (so its partner is highlighted and its word diff shown), and the
top of the page captured at 1280 x 1500.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from storydiff.model import Document
from storydiff.pipeline import compare
from storydiff.render import html

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    args = parser.parse_args()
    samples = ROOT / "storydiff" / "samples"
    docs = [
        Document(p.read_text(encoding="utf-8"), p.stem, f"samples/{p.name}")
        for p in (samples / "moscow-times.txt", samples / "stars-and-stripes.txt")
    ]
    report = compare(*docs)
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "samples.html"
        page_path.write_text(html.render(report), encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            tab = browser.new_page(viewport={"width": 1280, "height": 1500})
            tab.goto(page_path.as_uri())
            tab.locator(".col .s[data-c]").nth(1).focus()
            tab.evaluate("window.scrollTo(0, 0)")
            tab.screenshot(path=str(args.out))
            browser.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
