"""The HTML page in a real browser (headless Chromium driven by Playwright).

Skipped when Playwright or a Chromium is missing, unless STORYDIFF_REQUIRE_BROWSER=1 (set by
``.ci/run``, which installs both), where a missing browser fails instead: CI must never pass these
by skipping them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from storydiff.model import Document
from storydiff.pipeline import compare
from storydiff.render import html

from .reports import samples_report

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page

CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def _chromium() -> str | None:
    for path in (os.environ.get("STORYDIFF_CHROMIUM"), *CHROMIUM_PATHS):
        if path and Path(path).exists():
            return path
    return shutil.which("chromium")


def _unavailable(reason: str) -> None:
    if os.environ.get("STORYDIFF_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    executable = _chromium()
    if executable is None:
        _unavailable("no Chromium found (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield b
        b.close()


class _Watched:
    """A page opened from disk, with every request, dialog and console error it causes recorded."""

    def __init__(self, browser: Browser, path: Path, **context: Any) -> None:
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page: Page = browser.new_page(**context)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.url = path.as_uri()
        self.page.goto(self.url)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if u != self.url]


FLOOD_A = (
    "Flood in Valencia\n\nThirty people were killed when the river burst its banks on Saturday, "
    'officials said.\n\n"We have never seen water like this," said mayor Ana Ruiz. Rescue teams '
    "searched the old town overnight."
)
FLOOD_B = (
    "Valencia floods\n\nThe river burst its banks on Saturday, killing 34 people, officials said.\n\n"
    '"We have never seen water like this," mayor Ana Ruiz told reporters. The army sent 200 soldiers.'
)


def test_samples_page(browser: Browser, tmp_path: Path) -> None:
    """The samples' page: no request leaves it, every shared quote is highlighted with its Q label,
    hovering a passage highlights its partner in the other column, and a screenshot is saved."""
    report = samples_report()
    assert report.quotes is not None and report.quotes.shared
    path = tmp_path / "samples.html"
    path.write_text(html.render(report), encoding="utf-8")
    w = _Watched(browser, path, viewport={"width": 1280, "height": 900})
    columns = [" ".join(w.page.locator(f"#h{k} ~ *").all_inner_texts()) for k in (0, 1)]
    for m in report.quotes.shared:
        for k, q in ((0, report.a.quotes[m.a]), (1, report.b.quotes[m.b])):
            node = w.page.locator(f"#q{k}-{q.index}")
            assert node.count() == 1, q.text
            assert "qs" in (node.get_attribute("class") or "").split()
            assert q.text[:20] in columns[k]
    first = report.alignment[0]
    a_node = w.page.locator(f"#s0-{first.a[0]}")
    a_node.hover()
    b_node = w.page.locator(f"#s1-{first.b[0]}")
    assert "on" in (b_node.get_attribute("class") or "").split()
    assert w.page.locator("#detail").is_visible()
    assert "Passage P1" in w.page.locator("#detail").inner_text()
    # Keyboard: Tab reaches a passage, and focusing one highlights its partners.
    w.page.keyboard.press("Escape")
    for _ in range(40):
        w.page.keyboard.press("Tab")
        if w.page.evaluate("document.activeElement.hasAttribute('data-c')"):
            break
    focused = w.page.evaluate("document.activeElement.getAttribute('data-c')")
    assert focused is not None
    assert w.page.locator(f'.on[data-c~="{focused.split()[0]}"]').count() >= 2
    w.page.screenshot(path=str(tmp_path / "samples.png"), full_page=True)
    assert (tmp_path / "samples.png").stat().st_size > 10_000
    assert w.outside_requests() == [] and w.dialogs == [] and w.errors == []


def test_conflict_marked_on_both_sides(browser: Browser, tmp_path: Path) -> None:
    """A conflicting figure is marked in both columns, each naming the other source's value."""
    report = compare(Document(FLOOD_A, "a", "a.txt"), Document(FLOOD_B, "b", "b.txt"))
    assert report.facts is not None and len(report.facts.conflicts) == 1
    path = tmp_path / "flood.html"
    path.write_text(html.render(report), encoding="utf-8")
    w = _Watched(browser, path)
    marks = w.page.locator(".col .cf")
    assert marks.count() == 2
    titles = [marks.nth(i).get_attribute("title") or "" for i in range(2)]
    assert "34 people" in titles[0] and "Thirty people" in titles[1]
    assert w.outside_requests() == [] and w.errors == []


INJECTION = (
    "Attack <script>alert('script')</script> in town <img src=x onerror=alert('img')> today. "
    "<a href=\"javascript:alert('link')\">click here</a> said officials. "
    "<iframe src=https://evil.example/></iframe> <svg onload=alert('svg')></svg> "
    "<style>body{display:none}</style> <link rel=stylesheet href=https://evil.example/x.css> "
    "<meta http-equiv=refresh content=0;url=https://evil.example/>"
)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_injection_executes_nothing(browser: Browser, tmp_path: Path, dark: bool) -> None:
    """Article text and labels full of HTML/JS: no dialog, no request, the text visible literally."""
    text_a = f"{INJECTION}\n\n{FLOOD_A}"
    text_b = f"{INJECTION}\n\n{FLOOD_B}"
    report = compare(
        Document(text_a, "<img src=x onerror=alert('label')>", "<b>a</b>.txt"),
        Document(text_b, "b\"'><script>alert(1)</script>", "b.txt"),
    )
    path = tmp_path / "hostile.html"
    path.write_text(html.render(report), encoding="utf-8")
    w = _Watched(browser, path, color_scheme="dark" if dark else "light")
    for node in w.page.locator(".s[data-c]").all():
        node.focus()  # shows each passage's panel, which puts the hostile diff text on the page
    assert w.page.locator("#detail").is_visible()
    body = w.page.locator("body").inner_text()
    assert "<script>alert('script')</script>" in body
    assert "<img src=x onerror=alert('label')>" in body
    assert w.page.locator("img, iframe, link, a[href^=javascript], body svg [onload]").count() == 0
    assert w.dialogs == [] and w.outside_requests() == []
    assert w.page.evaluate("getComputedStyle(document.body).display") != "none"


def test_three_sources_page(browser: Browser, tmp_path: Path) -> None:
    """A three-outlet event: every quote cluster is highlighted in each column that quotes it,
    focusing a passage highlights its members in every column that carries it, no request leaves."""
    from storydiff.pipeline import compare_many

    data = Path(__file__).resolve().parents[1] / "data" / "nway"
    docs = [
        Document((data / f"{n}.txt").read_text(encoding="utf-8"), n, f"{n}.txt")
        for n in ("nyt", "fox", "huffpost")
    ]
    report = compare_many(docs)
    assert report.quote_clusters and report.clusters
    path = tmp_path / "three.html"
    path.write_text(html.render(report), encoding="utf-8")
    w = _Watched(browser, path, viewport={"width": 1400, "height": 900})
    for qc in report.quote_clusters:
        for ref in qc.quotes:
            node = w.page.locator(f"#q{ref.source}-{ref.quote}")
            assert node.count() == 1
            assert "qs" in (node.get_attribute("class") or "").split()
    widest = max(range(len(report.clusters)), key=lambda i: len(report.clusters[i].members))
    cluster = report.clusters[widest]
    first = cluster.members[0]
    w.page.locator(f"#s{first.source}-{first.sentences[0]}").focus()
    for m in cluster.members:
        for i in m.sentences:
            assert "on" in (w.page.locator(f"#s{m.source}-{i}").get_attribute("class") or "").split()
    w.page.screenshot(path=str(tmp_path / "three.png"), full_page=True)
    assert w.outside_requests() == [] and w.errors == []


def test_readable_on_a_phone_and_in_print(browser: Browser, tmp_path: Path) -> None:
    """At a phone's width the columns stack and nothing is wider than the screen; printed, the
    detail panel and the collapsed furniture are left out."""
    path = tmp_path / "samples.html"
    path.write_text(html.render(samples_report()), encoding="utf-8")
    w = _Watched(browser, path, viewport={"width": 390, "height": 844}, is_mobile=True)
    assert w.page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    first, second = w.page.locator("article.col").all()[:2]
    a, b = first.bounding_box(), second.bounding_box()
    assert a is not None and b is not None and b["y"] >= a["y"] + a["height"] - 1  # stacked
    w.page.emulate_media(media="print")
    assert w.page.evaluate("getComputedStyle(document.getElementById('detail')).display") == "none"
    pdf = tmp_path / "samples.pdf"
    w.page.pdf(path=str(pdf))
    assert pdf.stat().st_size > 10_000
