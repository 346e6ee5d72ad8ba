"""The HTML renderer: one self-contained page, each article in full in its own column, annotated.

The page is made to be sent: inline CSS and a little inline JavaScript, nothing fetched (a
Content-Security-Policy forbids every network request and every inline event handler; the script
and the style are allowed by their hashes only), readable on a phone and in print, in light and
dark colour schemes.

Safety rests on one rule: every piece of article text, label, file name and reason reaches the
page through :func:`_esc` (element content and attribute values alike), and the data the script
reads is a JSON block whose ``<``, ``>`` and ``&`` are escaped, read with ``JSON.parse`` and put
into the page with ``textContent`` only. Article text can therefore never become markup or code.

The page is built from a neutral :class:`Page` (sources, clusters, quote clusters, conflict
marks), so that a two-source report and an N-source one are laid out by the same code; only the
adapter from the report model differs.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import pairwise

from ..model import Analysis, DiffOp, GroupKind, MultiReport, Op, Report, Role, Sentence, Source, Why
from ._text import UNRELATED, nothing_aligned, pct, plural

PALETTE = 8
"""Distinct cluster colours; clusters beyond them cycle (their number label tells them apart)."""

BAND_HEIGHT = 60
"""Vertical room, in SVG units, between two sources' bars in the alignment picture."""


# --- the neutral page model ---------------------------------------------------------------------


@dataclass(frozen=True)
class PairLink:
    """How two members of a cluster compare: their score, word diff and what linked them."""

    left: int
    right: int
    score: float
    kind: str
    diff: tuple[DiffOp, ...] = ()
    why: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cluster:
    """One shared passage: for each source that carries it, its sentence indices."""

    members: dict[int, tuple[int, ...]]
    kind: str
    score: float
    links: tuple[PairLink, ...] = ()
    differs: frozenset[int] = frozenset()
    """The sources whose wording only partly matches the others' (a distinct mark in the matrix)."""


@dataclass(frozen=True)
class QuoteCluster:
    """One utterance quoted by several sources: for each, the indices of its quotes."""

    members: dict[int, tuple[int, ...]]
    match: dict[int, str]
    """Per source, how close its wording is to the others' (exact, variant, partial)."""


@dataclass(frozen=True)
class ConflictMark:
    """A figure of one source that another states differently."""

    source: int
    start: int
    end: int
    text: str
    other_label: str
    other_text: str
    note: str


@dataclass(frozen=True)
class Page:
    """Everything the page shows, for any number of sources."""

    sources: tuple[Source, ...]
    clusters: tuple[Cluster, ...]
    only: tuple[frozenset[int], ...]
    quote_clusters: tuple[QuoteCluster, ...] = ()
    only_quotes: tuple[frozenset[int], ...] = ()
    conflicts: tuple[ConflictMark, ...] = ()
    conflict_count: int = 0
    facts_only: tuple[int, ...] = ()
    unrelated: bool = False


def _why_lines(w: Why | None) -> tuple[str, ...]:
    if w is None:
        return ()
    lines = []
    if w.names:
        lines.append("names: " + ", ".join(w.names))
    if w.figures:
        lines.append("figures: " + ", ".join(w.figures))
    if w.terms:
        lines.append("shared words: " + ", ".join(w.terms[:12]))
    if w.clause_a and w.clause_b:
        lines.append(f"clause: “{w.clause_a}” ~ “{w.clause_b}”")
    return tuple(lines)


def page_from_pair(report: Report) -> Page:
    """The page of a two-source report."""
    clusters = tuple(
        Cluster(
            members={0: g.a, 1: g.b},
            kind=g.kind.value,
            score=g.score,
            links=(PairLink(0, 1, g.score, g.kind.value, g.diff, _why_lines(g.why)),),
            differs=frozenset({0, 1}) if g.kind is GroupKind.PARTIAL else frozenset(),
        )
        for g in report.alignment
    )
    quote_clusters: list[QuoteCluster] = []
    only_quotes: tuple[frozenset[int], ...] = (frozenset(), frozenset())
    if report.quotes is not None:
        q = report.quotes
        utterances = sorted(q.utterance_links(), key=lambda links: min(m.a for m in links))
        for links in utterances:
            kinds = {m.match.value for m in links}
            kind = kinds.pop() if len(kinds) == 1 else "partial"
            members = {0: tuple(sorted({m.a for m in links})), 1: tuple(sorted({m.b for m in links}))}
            quote_clusters.append(QuoteCluster(members, {0: kind, 1: kind}))
        only_quotes = (frozenset(q.only_a), frozenset(q.only_b))
    conflicts: list[ConflictMark] = []
    if report.facts is not None:
        for c in report.facts.conflicts:
            conflicts.append(ConflictMark(0, c.a.start, c.a.end, c.a.text, report.b.label, c.b.text, c.note))
            conflicts.append(ConflictMark(1, c.b.start, c.b.end, c.b.text, report.a.label, c.a.text, c.note))
    facts_only = (len(report.facts.only_a), len(report.facts.only_b)) if report.facts is not None else ()
    return Page(
        sources=(report.a, report.b),
        clusters=clusters,
        only=(frozenset(report.only_a), frozenset(report.only_b)),
        quote_clusters=tuple(quote_clusters),
        only_quotes=only_quotes,
        conflicts=tuple(conflicts),
        conflict_count=len(report.facts.conflicts) if report.facts is not None else 0,
        facts_only=facts_only,
        unrelated=nothing_aligned(report),
    )


def page_from_multi(report: MultiReport) -> Page:
    """The page of an N-source report: its clusters, quote clusters and facts as they are."""
    clusters = []
    for c in report.clusters:
        links = tuple(
            PairLink(
                link.a.source,
                link.b.source,
                link.score if link.score is not None else 0.0,
                link.kind.value if link.kind is not None else "through a third source",
                link.diff,
                _why_lines(link.why),
            )
            for link in c.links
        )
        scores = [link.score for link in c.links if link.score is not None]
        clusters.append(
            Cluster(
                members={m.source: m.sentences for m in c.members},
                kind=c.kind.value,
                score=max(scores, default=0.0),
                links=links,
                differs=frozenset(m.source for m in c.members if not c.same_as_others(m.source)),
            )
        )
    quote_clusters = []
    for qc in report.quote_clusters:
        members: dict[int, list[int]] = {}
        for ref in qc.quotes:
            members.setdefault(ref.source, []).append(ref.quote)
        matches = {k: (m.value if (m := qc.match_of(k)) is not None else "") for k in members}
        quote_clusters.append(QuoteCluster({k: tuple(v) for k, v in members.items()}, matches))
    conflicts: list[ConflictMark] = []
    seen: set[tuple[int, int, int]] = set()
    count = 0
    for item in report.facts:
        for fc in item.conflicts:
            key = (fc.a.source, fc.a.fact, fc.b.source)
            if key in seen:
                continue
            seen.add(key)
            count += 1
            fa = report.sources[fc.a.source].facts[fc.a.fact]
            fb = report.sources[fc.b.source].facts[fc.b.fact]
            for (source, mine), (other, theirs) in (
                ((fc.a.source, fa), (fc.b.source, fb)),
                ((fc.b.source, fb), (fc.a.source, fa)),
            ):
                label = report.sources[other].label
                conflicts.append(
                    ConflictMark(source, mine.start, mine.end, mine.text, label, theirs.text, fc.note)
                )
    n = len(report.sources)
    facts_only = tuple(
        sum(1 for item in report.facts if item.sources == (k,) and not item.conflicts) for k in range(n)
    )
    return Page(
        sources=report.sources,
        clusters=tuple(clusters),
        only=tuple(frozenset(x) for x in report.only) or tuple(frozenset() for _ in range(n)),
        quote_clusters=tuple(quote_clusters),
        only_quotes=tuple(frozenset(x) for x in report.quotes_only),
        conflicts=tuple(conflicts),
        conflict_count=count,
        facts_only=facts_only if report.with_facts else (),
        unrelated=not report.clusters,
    )


def page_from_analysis(analysis: Analysis) -> Page:
    """The page of documents analysed on their own: each annotated, nothing compared."""
    n = len(analysis.sources)
    return Page(sources=analysis.sources, clusters=(), only=tuple(frozenset() for _ in range(n)))


# --- escaping -------------------------------------------------------------------------------------

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
_ESCAPE_RE = re.compile("[&<>\"']")
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""Controls and bidirectional marks: shown as escapes, since they would reorder or hide text."""


def _esc(text: str) -> str:
    """Text safe in element content and in double- or single-quoted attribute values."""
    text = _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], text)


def _json_block(data: object) -> str:
    """JSON that cannot end its ``<script type="application/json">`` element or open a comment."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _hash(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


# --- the page -------------------------------------------------------------------------------------


def render(report: Report | MultiReport | Analysis) -> str:
    """The report (two sources, any number, or documents analysed alone) as one self-contained HTML
    page, ending with a newline."""
    if isinstance(report, Report):
        return render_page(page_from_pair(report))
    if isinstance(report, MultiReport):
        return render_page(page_from_multi(report))
    return render_page(page_from_analysis(report), compared=False)


def render_page(page: Page, *, compared: bool = True) -> str:
    """A :class:`Page` as HTML (``compared`` False: documents analysed alone, no comparison parts)."""
    labels = [s.label for s in page.sources]
    title = "storydiff: " + (" vs ".join(labels) if compared else "analysis of " + ", ".join(labels))
    body = "\n".join(
        [
            f"<header><h1>{_esc(title)}</h1>",
            *(_warnings(page) if compared else ()),
            "</header>",
            '<main id="top">',
            *(_summary(page) if compared else ()),
            *(_picture(page) if compared else ()),
            *_matrix(page),
            _legend(),
            '<div class="cols">',
            *(_column(page, k) for k in range(len(page.sources))),
            "</div>",
            "</main>",
            '<aside id="detail" aria-live="polite" hidden></aside>',
            f'<script type="application/json" id="sd-data">{_json_block(_data(page))}</script>',
            f"<script>{_asset('report.js')}</script>",
        ]
    )
    csp = (
        "default-src 'none'; "
        f"style-src '{_hash(_asset('report.css'))}'; "
        f"script-src '{_hash(_asset('report.js'))}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="generator" content="storydiff">\n'
        f"<title>{_esc(title)}</title>\n<style>{_asset('report.css')}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _warnings(page: Page) -> Iterator[str]:
    if page.unrelated:
        yield (
            f'<p class="warn" role="note"><span aria-hidden="true">⚠ </span>'
            f"{UNRELATED[0].upper()}{UNRELATED[1:]}.</p>"
        )


def _summary(page: Page) -> Iterator[str]:
    n = len(page.sources)
    shared = [set[int]() for _ in range(n)]
    for c in page.clusters:
        for k, idx in c.members.items():
            shared[k].update(idx)
    quoted = [set[int]() for _ in range(n)]
    for qc in page.quote_clusters:
        for k, idx in qc.members.items():
            quoted[k].update(idx)
    conflicts = [sum(1 for c in page.conflicts if c.source == k) for k in range(n)]
    yield '<section class="summary" aria-labelledby="sum-h"><h2 id="sum-h">Summary</h2>'
    yield '<table class="sum"><thead><tr><th scope="col"></th>'
    yield "".join(f'<th scope="col">{_esc(s.label)}</th>' for s in page.sources) + "</tr></thead><tbody>"
    rows: list[tuple[str, list[str]]] = []
    if any(s.title for s in page.sources):
        rows.append(("Title", [_esc(s.title or "—") for s in page.sources]))
    rows.append(("File", [_esc(s.path or "—") for s in page.sources]))
    rows.append(("Body sentences", [str(len(s.body())) for s in page.sources]))
    rows.append(
        (
            "Shared",
            [
                f"{len(shared[k])} sentences ({pct(s.body_share(shared[k]))} of the text)"
                for k, s in enumerate(page.sources)
            ],
        )
    )
    rows.append(("Only here", [plural(len(page.only[k]), "sentence") for k in range(n)]))
    if page.quote_clusters or any(s.quotes for s in page.sources):
        rows.append(
            (
                "Quotes",
                [
                    f"{len(s.quotes)} ({len(quoted[k])} shared, "
                    f"{len(page.only_quotes[k]) if page.only_quotes else 0} only here)"
                    for k, s in enumerate(page.sources)
                ],
            )
        )
    if page.facts_only:
        rows.append(("Facts only here", [str(x) for x in page.facts_only]))
    rows.append(("Conflicting figures", [str(x) for x in conflicts]))
    for name, cells in rows:
        yield f'<tr><th scope="row">{name}</th>' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
    yield "</tbody></table>"
    same = sum(1 for c in page.clusters if c.kind == "same")
    yield (
        f"<p><strong>{plural(len(page.clusters), 'shared passage')}</strong> "
        f"({same} same, {len(page.clusters) - same} partial), "
        f"<strong>{plural(len(page.quote_clusters), 'shared quote')}</strong>, "
        + (
            f'<strong class="conflict-count">⚠ {plural(page.conflict_count, "conflicting figure")}</strong>.'
            if page.conflicts
            else "no conflicting figures."
        )
        + "</p></section>"
    )


# --- the alignment picture --------------------------------------------------------------------------


def _positions(src: Source) -> dict[int, tuple[float, float]]:
    """Each body or headline sentence's extent along its source's bar, from 0 to 1 (story order)."""
    kept = [s for s in src.sentences if s.role is not Role.BOILERPLATE]
    total = sum(s.end - s.start for s in kept) or 1
    out: dict[int, tuple[float, float]] = {}
    at = 0
    for s in kept:
        out[s.index] = (at / total, (at + s.end - s.start) / total)
        at += s.end - s.start
    return out


def _picture(page: Page) -> Iterator[str]:
    n = len(page.sources)
    width, left, right = 1000, 150, 10
    span = width - left - right
    height = BAND_HEIGHT * (n - 1) + 40
    pos = [_positions(s) for s in page.sources]
    yield '<section class="picture" aria-labelledby="pic-h"><h2 id="pic-h">Where each passage sits</h2>'
    yield (
        '<p class="hint">One bar per source, in story order; a band joins passages the two carry. '
        "Crossing bands: one outlet moved the content.</p>"
    )
    yield (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="alignment of the sources, '
        f'{len(page.clusters)} shared passages" preserveAspectRatio="none">'
    )

    def runs(k: int, idx: Sequence[int]) -> list[tuple[float, float]]:
        """Extents of the runs of adjacent sentences: a passage whose sentences sit apart is drawn
        as several bands, so that its spread is visible instead of one wide band."""
        out: list[tuple[float, float]] = []
        last = -2
        for i in sorted(i for i in idx if i in pos[k]):
            a, b = pos[k][i]
            if out and i == last + 1:
                out[-1] = (out[-1][0], b)
            else:
                out.append((a, b))
            last = i
        return [(left + span * a, left + span * b) for a, b in out]

    for k in range(n - 1):
        y0, y1 = 20 + BAND_HEIGHT * k + 8, 20 + BAND_HEIGHT * (k + 1)
        for ci, c in enumerate(page.clusters):
            if k not in c.members or k + 1 not in c.members:
                continue
            for top in runs(k, c.members[k]):
                for bottom in runs(k + 1, c.members[k + 1]):
                    yield (
                        f'<path class="band c{ci % PALETTE}" data-c="{ci}" d="M{top[0]:.1f},{y0} '
                        f'L{top[1]:.1f},{y0} L{bottom[1]:.1f},{y1} L{bottom[0]:.1f},{y1} Z">'
                        f"<title>passage P{ci + 1}: {_esc(c.kind)}, score {c.score:.2f}</title></path>"
                    )
    for k, src in enumerate(page.sources):
        y = 20 + BAND_HEIGHT * k
        yield (
            f'<text x="{left - 8}" y="{y + 7}" text-anchor="end" class="barlabel">'
            f"{_esc(_short(src.label, 18))}</text>"
        )
        yield f'<rect class="bar" x="{left}" y="{y}" width="{span}" height="8"/>'
        for i, (a, b) in pos[k].items():
            if i in page.only[k]:
                yield (
                    f'<rect class="onlybar" x="{left + span * a:.1f}" y="{y}" '
                    f'width="{max(span * (b - a), 0.5):.1f}" height="8"/>'
                )
    yield "</svg></section>"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _matrix(page: Page) -> Iterator[str]:
    """Which source carries which passage and quote, in the first carrier's story order."""
    n = len(page.sources)
    if n < 3 or not (page.clusters or page.quote_clusters):
        return  # with two sources every row would read "both": the columns say it better
    yield '<section class="matrix" aria-labelledby="mx-h"><h2 id="mx-h">Coverage</h2>'
    yield (
        '<div class="scroll"><table class="mx"><thead><tr><th scope="col">item</th>'
        + "".join(f'<th scope="col">{_esc(_short(s.label, 16))}</th>' for s in page.sources)
        + "</tr></thead><tbody>"
    )
    for ci, c in enumerate(page.clusters):
        first = min(c.members)
        text = " ".join(page.sources[first].sentences[i].text for i in c.members[first])
        cells = "".join(
            _cell(k in c.members, k in c.differs, "other wording" if k in c.differs else "carried")
            for k in range(n)
        )
        yield (
            f'<tr><th scope="row"><a href="#s{first}-{c.members[first][0]}" class="c{ci % PALETTE}">'
            f"P{ci + 1}</a> {_esc(_short(text, 90))}</th>{cells}</tr>"
        )
    for qi, qc in enumerate(page.quote_clusters):
        first = min(qc.members)
        q = page.sources[first].quotes[qc.members[first][0]]
        cells = "".join(
            _cell(k in qc.members, qc.match.get(k) == "partial", qc.match.get(k, "")) for k in range(n)
        )
        yield (
            f'<tr><th scope="row"><a href="#q{first}-{qc.members[first][0]}">Q{qi + 1}</a> '
            f"“{_esc(_short(q.text, 80))}”</th>{cells}</tr>"
        )
    yield (
        '</tbody></table></div><p class="hint">● carried · ◐ carried in other words '
        "(a partial match) · · missing</p></section>"
    )


def _cell(carried: bool, partly: bool, title: str) -> str:
    """A coverage matrix cell: ● carried, ◐ carried in other words, · missing."""
    if not carried:
        return '<td class="no">·</td>'
    return f'<td class="yes" title="{_esc(title)}">{"◐" if partly else "●"}</td>'


def _legend() -> str:
    return (
        '<p class="legend" id="legend"><span class="s c0 demo">shared passage<sup>P1</sup></span> '
        '<span class="only demo">only in this source</span> '
        '<span class="q demo">quoted words<sup>Q1</sup></span> '
        '<span class="cf demo">conflicting figure</span> '
        "· Move over or tab to a passage to see its partners and word differences.</p>"
    )


# --- the columns ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    cls: str
    label: str = ""
    title: str = ""
    anchor: str = ""


def _marks(page: Page, k: int) -> list[_Mark]:
    src = page.sources[k]
    marks: list[_Mark] = []
    quote_cluster: dict[int, int] = {}
    for qi, qc in enumerate(page.quote_clusters):
        for i in qc.members.get(k, ()):
            quote_cluster[i] = qi
    for q in src.quotes:
        found = quote_cluster.get(q.index)
        who = f"said by {q.speaker}" if q.speaker else "speaker not found"
        if found is None:
            marks.append(_Mark(q.start, q.end, "q qo", "", f"quote only here; {who}", f"q{k}-{q.index}"))
        else:
            marks.append(
                _Mark(
                    q.start,
                    q.end,
                    "q qs",
                    f"Q{found + 1}",
                    f"shared quote Q{found + 1} ({page.quote_clusters[found].match.get(k, '')}); {who}",
                    f"q{k}-{q.index}",
                )
            )
    for c in page.conflicts:
        if c.source == k:
            marks.append(
                _Mark(
                    c.start,
                    c.end,
                    "cf",
                    "⚠",
                    f"{c.other_label} says {c.other_text}: {c.note}",
                )
            )
    return marks


def _annotated(text: str, base: int, marks: Sequence[_Mark]) -> str:
    """A sentence's text with its marks as non-overlapping spans (a mark cut at the sentence's edge)."""
    end = base + len(text)
    inside = [m for m in marks if m.start < end and m.end > base]
    if not inside:
        return _esc(text)
    cuts = sorted({base, end} | {max(base, m.start) for m in inside} | {min(end, m.end) for m in inside})
    out: list[str] = []
    for lo, hi in pairwise(cuts):
        if lo >= hi:
            continue
        active = [m for m in inside if m.start <= lo and m.end >= hi]
        piece = _esc(text[lo - base : hi - base])
        if active:
            classes = " ".join(dict.fromkeys(c for m in active for c in m.cls.split()))
            titles = "; ".join(dict.fromkeys(m.title for m in active if m.title))
            anchors = [m.anchor for m in active if m.anchor and m.start == lo]
            ident = f' id="{anchors[0]}"' if anchors else ""
            piece = f'<span class="{classes}"{ident} title="{_esc(titles)}">{piece}</span>'
        out.append(piece)
        for m in inside:
            if m.label and min(end, m.end) == hi:
                out.append(f'<sup class="lbl">{_esc(m.label)}</sup>')
    return "".join(out)


def _column(page: Page, k: int) -> str:
    src = page.sources[k]
    cluster_of: dict[int, list[int]] = {}
    for ci, c in enumerate(page.clusters):
        for i in c.members.get(k, ()):
            cluster_of.setdefault(i, []).append(ci)
    marks = _marks(page, k)
    parts = [
        f'<article class="col" aria-labelledby="h{k}"><h2 id="h{k}">{_esc(src.label)}</h2>',
    ]
    if src.title and not any(s.role is Role.HEADLINE for s in src.sentences):
        parts.append(f'<p class="src-title">{_esc(src.title)}</p>')
    paragraphs: list[list[Sentence]] = []
    for s in src.sentences:
        if paragraphs and paragraphs[-1][-1].paragraph == s.paragraph:
            paragraphs[-1].append(s)
        else:
            paragraphs.append([s])
    for para in paragraphs:
        parts.append(_paragraph(page, k, para, cluster_of, marks))
    parts.append("</article>")
    return "\n".join(parts)


def _paragraph(
    page: Page, k: int, para: Sequence[Sentence], cluster_of: dict[int, list[int]], marks: Sequence[_Mark]
) -> str:
    out: list[str] = []
    run: list[Sentence] = []

    def flush() -> None:
        if not run:
            return
        reasons = ", ".join(dict.fromkeys(s.reason or "page furniture" for s in run))
        inner = " ".join(f'<span class="s" id="s{k}-{s.index}">{_esc(s.text)}</span>' for s in run)
        out.append(
            f'<details class="bp"><summary>set aside: {_esc(reasons)} '
            f"({plural(len(run), 'sentence')})</summary>{inner}</details>"
        )
        run.clear()

    for s in para:
        if s.role is Role.BOILERPLATE:
            run.append(s)
            continue
        flush()
        text = _annotated(s.text, s.start, marks)
        ident = f"s{k}-{s.index}"
        if s.index in cluster_of:
            # A sentence that merges two passages of another source belongs to both: data-c lists
            # them all (the script matches a word of it), the first gives the colour.
            ids = cluster_of[s.index]
            names = " ".join(f"P{ci + 1}" for ci in ids)
            kinds = ", ".join(dict.fromkeys(page.clusters[ci].kind for ci in ids))
            out.append(
                f'<span class="s c{ids[0] % PALETTE}" id="{ident}" data-c="{" ".join(map(str, ids))}" '
                f'tabindex="0" title="shared passage {names} ({_esc(kinds)})">{text}'
                f'<sup class="lbl">{names}</sup></span>'
            )
        elif s.index in page.only[k]:
            label = _esc(page.sources[k].label)
            out.append(f'<span class="s only" id="{ident}" title="only in {label}">{text}</span>')
        elif s.role is Role.HEADLINE:
            out.append(f'<span class="s hl-line" id="{ident}">{text}</span>')
        else:
            out.append(f'<span class="s" id="{ident}">{text}</span>')
    flush()
    tag = "h3" if para and all(s.role is Role.HEADLINE for s in para) else "p"
    return f"<{tag}>{' '.join(out)}</{tag}>"


# --- what the script reads ------------------------------------------------------------------------


def _data(page: Page) -> dict[str, object]:
    return {
        "labels": [s.label for s in page.sources],
        "clusters": [
            {
                "kind": c.kind,
                "score": round(c.score, 3),
                "members": {str(k): list(v) for k, v in c.members.items()},
                "links": [
                    {
                        "l": link.left,
                        "r": link.right,
                        "score": round(link.score, 3),
                        "kind": link.kind,
                        "why": list(link.why),
                        "diff": [
                            [d.op.value if not d.minor or d.op is Op.EQUAL else "minor", d.a, d.b]
                            for d in link.diff
                        ],
                    }
                    for link in c.links
                ],
            }
            for c in page.clusters
        ],
    }


@cache
def _asset(name: str) -> str:
    return files("storydiff.render").joinpath("assets", name).read_text(encoding="utf-8")
