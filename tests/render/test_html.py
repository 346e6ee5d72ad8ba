"""The HTML renderer: a self-contained, safe, accessible page (browser behaviour: test_html_browser.py)."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest

from storydiff.model import GroupKind, Role
from storydiff.render import html
from storydiff.render.html import Cluster, Page

from .reports import INJECTIONS, full_report, hostile_report, only, samples_report, source

if TYPE_CHECKING:
    from conftest import Golden


class _Page(HTMLParser):
    """The tags, attributes, scripts and visible text of a page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(attrs)))
        if tag in ("script", "style"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)
        else:
            self.text.append(data)


def _shape(page: _Page) -> list[tuple[str, tuple[str, ...]]]:
    """Tags with their attribute names: what markup exists, whatever the text."""
    return [(tag, tuple(name for name, _ in attrs)) for tag, attrs in page.tags]


def test_samples_golden(golden: Golden) -> None:
    """The samples' page, byte for byte (refresh with --update-golden and review the diff)."""
    golden.check("samples.html", html.render(samples_report()))


def test_self_contained_and_locked_down() -> None:
    """No reference leaves the page; the CSP forbids the network and allows only the page's own
    script and style, by hash."""
    out = html.render(full_report())
    page = _Page(out)
    for tag, attrs in page.tags:
        for name, value in attrs:
            assert not name.startswith("on"), f"inline event handler on <{tag}>"
            if name in ("src", "href", "action", "srcset", "poster", "data"):
                assert tag == "a" and name == "href" and (value or "").startswith("#"), (tag, name, value)
    assert [t for t, _ in page.tags].count("script") == 2  # the JSON data block and the script
    (csp,) = [dict(a)["content"] for t, a in page.tags if t == "meta" and dict(a).get("http-equiv")]
    assert csp is not None
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    (script,) = [s for s in page.scripts if "JSON.parse" in s]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    style_digest = base64.b64encode(hashlib.sha256(page.styles[0].encode()).digest()).decode()
    assert f"style-src 'sha256-{style_digest}'" in csp
    assert not re.search(r"\bstyle=", out), "style attributes would be blocked by the CSP"


@pytest.mark.parametrize("name", sorted(INJECTIONS))
def test_injection_stays_text(name: str) -> None:
    """Article text, labels, paths, speakers and notes full of markup change no tag of the page and
    show literally."""
    payload = INJECTIONS[name]
    hostile = _Page(html.render(hostile_report(payload)))
    benign = _Page(html.render(hostile_report("harmless words")))
    assert _shape(hostile) == _shape(benign)
    text = re.sub(r"\s+", " ", "".join(hostile.text))
    shown = re.sub(r"\s+", " ", html._UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", payload)).strip()
    assert shown in text


def test_json_block_cannot_close_its_script() -> None:
    """A ``</script>`` in a word diff stays inside the JSON data block."""
    out = html.render(hostile_report("</script><script>alert(1)</script><!--"))
    block = out.split('<script type="application/json" id="sd-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block


def test_bidi_marks_escaped() -> None:
    """Marks that reorder text (U+202E, U+2066, U+061C) are shown as escapes, never raw."""
    out = html.render(hostile_report("abc\u202edcba \u2066x\u2069 \u061c"))
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u061c]", out)
    assert "\\u202e" in out


def test_every_sentence_shown_once_in_order() -> None:
    """Each column holds its article's sentences in order (boilerplate collapsed, not dropped)."""
    report = full_report()
    page = _Page(re.sub(r'<sup class="lbl">[^<]*</sup>', "", html.render(report)))
    text = re.sub(r"\s+", " ", "".join(page.text))
    for src in (report.a, report.b):
        at = 0
        for s in src.sentences:
            found = text.find(re.sub(r"\s+", " ", s.text), at)
            assert found >= 0, s.text
            at = found


def test_marks_are_not_colour_only() -> None:
    """Shared passages carry a P label, shared quotes a Q label, only-here sentences a class whose
    marker is text (◆), conflicts a ⚠ and a title naming the other value."""
    out = html.render(full_report())
    assert re.search(r'<sup class="lbl">P1</sup>', out)
    assert re.search(r'<sup class="lbl">Q1</sup>', out)
    assert 'class="s only"' in out
    assert re.search(r'class="cf"[^>]*title="[^"]*says', out)
    assert '<sup class="lbl">⚠</sup>' in out


def test_boilerplate_collapsed_with_reason() -> None:
    """A set-aside sentence sits in a closed <details> that names the rule."""
    report = full_report()
    bp = [s for s in report.a.sentences if s.role is Role.BOILERPLATE]
    assert bp
    out = html.render(report)
    assert re.search(r'<details class="bp"><summary>set aside: ', out)


def test_unrelated_warning() -> None:
    """Nothing aligned: the page says so at the top."""
    out = html.render(only("A dog barked at the postman on Tuesday."))
    assert "different events" in out


def test_three_sources_get_a_matrix_and_bands() -> None:
    """A page of three sources shows the coverage matrix (a dot where a source lacks a passage) and
    bands between neighbouring bars."""
    a = source("A", ["The dam broke at dawn.", "Ten people died."])
    b = source("B", ["Ten people died.", "The dam broke early."])
    c = source("C", ["The dam broke at dawn.", "Rain fell."])
    page = Page(
        sources=(a, b, c),
        clusters=(
            Cluster({0: (0,), 1: (1,), 2: (0,)}, GroupKind.PARTIAL.value, 0.7),
            Cluster({0: (1,), 1: (0,)}, GroupKind.SAME.value, 1.0),
        ),
        only=(frozenset(), frozenset(), frozenset({1})),
    )
    out = html.render_page(page)
    assert '<table class="mx">' in out
    matrix = out.split('<table class="mx">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", matrix)
    assert len(rows) == 2
    assert rows[1].count('class="yes"') == 2 and rows[1].count('class="no"') == 1
    assert out.count('<path class="band') == 3  # A-B twice, B-C once


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(x: str, y: str) -> float:
    hi, lo = sorted((_luminance(x), _luminance(y)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _schemes() -> list[dict[str, str]]:
    css = html._asset("report.css")
    blocks = re.findall(r":root\{([^}]*)\}", css)
    return [dict(re.findall(r"--([\w-]+):(#[0-9a-f]{6})", b)) for b in blocks]


@pytest.mark.parametrize("scheme", [0, 1], ids=["light", "dark"])
def test_contrast_at_least_4_5(scheme: int) -> None:
    """Every text colour keeps 4.5:1 (WCAG AA) on the backgrounds it is drawn on, in both schemes."""
    v = _schemes()[scheme]
    pairs = [("fg", "bg"), ("muted", "bg"), ("bp", "bg"), ("q", "bg"), ("cf", "cfbg"), ("ins", "insbg")]
    pairs += [("del", "delbg"), ("fg", "only"), ("only-edge", "only"), ("muted", "only")]
    pairs += [("fg", f"c{i}") for i in range(html.PALETTE)] + [
        ("muted", f"c{i}") for i in range(html.PALETTE)
    ]
    for fg, bg in pairs:
        assert _contrast(v[fg], v[bg]) >= 4.5, (fg, bg, round(_contrast(v[fg], v[bg]), 2))
