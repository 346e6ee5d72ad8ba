"""The Markdown renderer: a report that reads well on GitHub and in a plain text editor.

Article text is never trusted. Every piece of it goes through :func:`inline`, which turns control
characters into visible symbols, escapes HTML (``<script>``, ``<!-- -->``) and backslash-escapes the
characters Markdown would interpret (emphasis, links, code, tables, headings, math), so that whatever
an article contains is shown literally and cannot change the structure of the report.

What is common to every text format (making text visible, naming minor variants, grouping
sentences into paragraph runs) lives in :mod:`storydiff.render._text`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence

from ..model import AlignedGroup, DiffOp, Fact, FactKind, GroupKind, Op, Quote, Report, Role, Source, Why
from . import SECTIONS
from ._text import (
    JUMP,
    UNRELATED,
    aligned_indices,
    jump_chunks,
    location,
    minor_variants,
    nothing_aligned,
    paragraph_numbers,
    paragraph_runs,
    partial_reason,
    pct,
    plural,
    quote_match_label,
    shared_note,
    visible,
)

# --- Markdown escaping -----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~$])")
_WJ = "\u2060"
"""WORD JOINER: invisible, and no character of a user name or an emoji code."""
_LINKISH = re.compile(r"(?<=[0-9A-Za-z])\.(?=[A-Za-z]{2})|:(?=//)|@(?=\w)?")
"""The dot of a host name (www.example.com, example.com), the colon of ``scheme://`` and the at
sign of an e-mail address or @mention: where GitHub (cmark-gfm's autolinks) or a linkifying
renderer would turn article text into a link."""
_EMOJI = re.compile(r"(?<=:)(?=[\w+-]+:)")
_LINK_HINT = re.compile(r"[0-9A-Za-z]\.[A-Za-z]{2}|[:@]")


def _unlink(m: re.Match[str]) -> str:
    """A backslash escape splits the text where the autolinkers look (they read one run of text);
    GitHub finds @mentions and :emoji: codes in the rendered text, so those also get a word joiner."""
    ch = m.group()
    return "\\@" + _WJ if ch == "@" else "\\" + ch


_LEADING_BLOCK = re.compile(r"^([-+=])")
_LEADING_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])")


def inline(text: str) -> str:
    """Article text as Markdown that renders literally, on one line, also inside a table cell.

    ``&``, ``<`` and ``>`` become entities (no HTML, no comments, no autolinks); ``\\ ` * _ [ ] # |
    ~ $`` are backslash-escaped (emphasis, code, links, headings, table cells, strikethrough, math);
    a leading ``-``, ``+``, ``=`` or ``1.`` is escaped so that it starts no list or heading; URLs,
    host names, e-mail addresses, ``@mentions`` and ``:emoji:`` codes are broken up (escapes and
    an invisible word joiner, U+2060) so that GitHub and linkifying renderers make no link of them.
    """
    out = visible(text).strip()
    out = out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = _MD_SPECIAL.sub(r"\\\1", out)
    out = _LEADING_BLOCK.sub(r"\\\1", out)
    out = _LEADING_LIST_NUMBER.sub(r"\1\\\2", out)
    if _LINK_HINT.search(out) is None:  # most sentences: one scan instead of two substitutions
        return out
    out = _LINKISH.sub(_unlink, out)
    return _EMOJI.sub(_WJ, out)


# --- the report ------------------------------------------------------------------------------------

_KIND_TITLES = {FactKind.NUMBER: "Figures", FactKind.DATE: "Dates", FactKind.NAME: "Names"}


def render(report: Report, *, sections: Collection[str] | None = None, explain: bool = False) -> str:
    """The report as GitHub-flavoured Markdown, ending with a newline.

    ``sections`` limits it to those of :data:`storydiff.render.SECTIONS` (None: all); ``explain``
    adds under each shared passage what links its sentences (``AlignedGroup.why``).
    """
    show = frozenset(SECTIONS if sections is None else sections)
    blocks: list[str] = []
    if nothing_aligned(report):
        blocks.append(f"**⚠ {UNRELATED}.**")
    if "summary" in show:
        blocks.extend(_overview(report))
    if "conflicts" in show and report.facts is not None:
        blocks.extend(_conflicts(report))
    if "quotes" in show and report.quotes is not None:
        blocks.extend(_quotes(report))
    if "facts" in show and report.facts is not None:
        blocks.extend(_facts_only(report))
    if "passages" in show:
        blocks.extend(_passages(report, explain))
    if "only" in show:
        blocks.extend(_only_sentences(report.a, report.only_a))
        blocks.extend(_only_sentences(report.b, report.only_b))
        blocks.extend(_set_aside(report))
    return "\n\n".join(blocks) + "\n"


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _file_note(src: Source) -> str:
    parts = [inline(src.path) if src.path else "—", inline(src.encoding)]
    if src.converted_from:
        parts.append("text extracted from " + inline(src.converted_from))
    return " · ".join(parts)


def _overview(report: Report) -> Iterator[str]:
    a, b = report.a, report.b
    s = report.summary
    yield f"# storydiff: {inline(a.label)} vs {inline(b.label)}"
    rows = [
        _row(["", f"A: {inline(a.label)}", f"B: {inline(b.label)}"]),
        _row(["---", "---", "---"]),
    ]
    if a.title or b.title:
        rows.append(_row(["Title", inline(a.title or "—"), inline(b.title or "—")]))
    rows.append(_row(["File", _file_note(a), _file_note(b)]))
    if a.author or b.author:
        rows.append(_row(["Author", inline(a.author or "—"), inline(b.author or "—")]))
    if a.date or b.date:
        rows.append(_row(["Date", inline(a.date or "—"), inline(b.date or "—")]))
    in_a, in_b = aligned_indices(report)
    rows += [
        _row(["Body sentences", str(s.body_a), str(s.body_b)]),
        _row(
            [
                "Shared with the other",
                f"{shared_note(a, in_a)} ({pct(s.shared_chars_a)} of the text)",
                f"{shared_note(b, in_b)} ({pct(s.shared_chars_b)} of the text)",
            ]
        ),
        _row(["Only here", plural(s.only_a, "sentence"), plural(s.only_b, "sentence")]),
    ]
    if report.quotes is not None:
        q = report.quotes
        rows.append(
            _row(
                [
                    "Quotes",
                    f"{len(a.quotes)} ({len(q.shared)} shared, {len(q.only_a)} only here)",
                    f"{len(b.quotes)} ({len(q.shared)} shared, {len(q.only_b)} only here)",
                ]
            )
        )
    if report.facts is not None:
        f = report.facts
        rows.append(_row(["Facts only here", str(len(f.only_a)), str(len(f.only_b))]))
    yield "\n".join(rows)
    line = [f"**{plural(s.groups, 'shared passage')}**: {s.same_groups} same, {s.partial_groups} partial."]
    if s.shared_quotes is not None:
        line.append(f"**{plural(s.shared_quotes, 'shared quote')}**.")
    if s.conflicts is not None:
        line.append(
            f"**⚠ {plural(s.conflicts, 'conflicting figure')}**."
            if s.conflicts
            else "No conflicting figures."
        )
    yield " ".join(line)


def _fact_in_sentence(src: Source, fact: Fact) -> str:
    """The sentence that holds a fact, the fact in bold."""
    sentence = src.sentences[fact.sentence] if 0 <= fact.sentence < len(src.sentences) else None
    if sentence is None:
        return f"**{inline(fact.text)}**"
    lo, hi = fact.start - sentence.start, fact.end - sentence.start
    if not (0 <= lo < hi <= len(sentence.text)) or sentence.text[lo:hi] != fact.text:
        return f"**{inline(fact.text)}** — {inline(sentence.text)}"
    before, middle, after = sentence.text[:lo], sentence.text[lo:hi], sentence.text[hi:]
    return " ".join(p for p in (inline(before), f"**{inline(middle)}**", inline(after)) if p)


def _conflicts(report: Report) -> Iterator[str]:
    assert report.facts is not None
    conflicts = report.facts.conflicts
    if not conflicts:
        return
    yield f"## ⚠ Conflicting figures ({len(conflicts)})"
    rows = [
        _row(["Kind", inline(report.a.label), inline(report.b.label), "Note"]),
        _row(["---", "---", "---", "---"]),
    ]
    for c in conflicts:
        rows.append(
            _row(
                [
                    c.kind.value,
                    _fact_in_sentence(report.a, c.a),
                    _fact_in_sentence(report.b, c.b),
                    inline(c.note),
                ]
            )
        )
    yield "\n".join(rows)


def _marked(diff: Sequence[DiffOp], side: str) -> str:
    """One side of a word diff, its own changed words struck through (A) or in bold (B)."""
    parts: list[str] = []
    for d in diff:
        text = d.a if side == "a" else d.b
        if not text:
            continue
        if d.op is Op.EQUAL or d.minor:
            parts.append(inline(text))
        elif side == "a":
            parts.append(f"~~{inline(text)}~~")
        else:
            parts.append(f"**{inline(text)}**")
    return " ".join(parts)


def _minor_note(diff: Sequence[DiffOp]) -> str | None:
    named, punctuation = minor_variants(diff)
    items = [f"{inline(x)} \\~ {inline(y)}" for x, y in named]
    if punctuation:
        items.append(f"punctuation ×{punctuation}")
    return f"*minor: {'; '.join(items)}*" if items else None


def _quote_text(q: Quote) -> str:
    return f"“{inline(q.text)}”"


def _speaker(name: str | None, attribution: str | None = None) -> str:
    if not name:
        return "*unattributed*"
    return inline(name) + (f" *({inline(attribution)})*" if attribution else "")


def _quotes(report: Report) -> Iterator[str]:
    assert report.quotes is not None
    q = report.quotes
    qa, qb = report.a.quotes, report.b.quotes
    la, lb = inline(report.a.label), inline(report.b.label)
    yield f"## Shared quotes ({len(q.shared)})"
    if q.shared:
        yield f"~~Struck~~: words only {la} quotes. **Bold**: words only {lb} quotes."
        rows = [_row(["Speaker", la, lb, "Match"]), _row(["---", "---", "---", "---"])]
        for m in q.shared:
            a, b = qa[m.a], qb[m.b]
            if a.speaker and b.speaker and a.speaker != b.speaker:
                speaker = f"{inline(a.speaker)} ({la}) / {inline(b.speaker)} ({lb})"
            else:
                first = a if a.speaker else b
                speaker = _speaker(first.speaker, first.attribution)
            if m.diff:
                wa, wb = f"“{_marked(m.diff, 'a')}”", f"“{_marked(m.diff, 'b')}”"
            else:
                wa, wb = _quote_text(a), _quote_text(b)
            match = quote_match_label(m)
            note = _minor_note(m.diff)
            if note:
                match += f"<br>{note}"
            rows.append(_row([speaker, wa, wb, match]))
        yield "\n".join(rows)
    else:
        yield "No quote appears in both."
    for src, only in ((report.a, q.only_a), (report.b, q.only_b)):
        yield f"## Quotes only in {inline(src.label)} ({len(only)})"
        if only:
            yield "\n".join(
                f"- {_quote_text(q)} — {_speaker(q.speaker, q.attribution)}"
                for q in (src.quotes[i] for i in only)
            )
        else:
            yield "None."
    if q.paraphrased:
        yield f"## Quoted in one, paraphrased in the other ({len(q.paraphrased)})"
        items = []
        for p in q.paraphrased:
            qs, ss = report.source(p.quote_side), report.source(p.sentence_side)
            quote = qs.quotes[p.quote]
            items.append(
                f"- **{inline(qs.label)}** quotes {_speaker(quote.speaker)}: {_quote_text(quote)}\n"
                f"  - **{inline(ss.label)}**, without quote marks: {inline(ss.sentences[p.sentence].text)}"
            )
        yield "\n".join(items)


def _fact_list(facts: Sequence[Fact]) -> str:
    """Distinct fact texts in order of appearance, a count after those given more than once."""
    counts: dict[str, int] = {}
    for f in facts:
        counts[f.text] = counts.get(f.text, 0) + 1
    return "; ".join(inline(t) + (f" (×{n})" if n > 1 else "") for t, n in counts.items()) or "—"


def _facts_only(report: Report) -> Iterator[str]:
    assert report.facts is not None
    f = report.facts
    yield "## Facts only one source reports"
    if not f.only_a and not f.only_b:
        yield "None: every figure, date and name appears in both."
        return
    rows = [
        _row(["", f"Only in {inline(report.a.label)}", f"Only in {inline(report.b.label)}"]),
        _row(["---", "---", "---"]),
    ]
    for kind, title in _KIND_TITLES.items():
        fa = [x for x in f.only_a if x.kind is kind]
        fb = [x for x in f.only_b if x.kind is kind]
        if fa or fb:
            rows.append(_row([title, _fact_list(fa), _fact_list(fb)]))
    yield "\n".join(rows)


def _passages(report: Report, explain: bool = False) -> Iterator[str]:
    la, lb = inline(report.a.label), inline(report.b.label)
    yield f"## Shared passages ({len(report.alignment)})"
    if not report.alignment:
        yield "The two sources share no passage."
        return
    yield (
        f"~~Struck~~: words only {la} has. **Bold**: words only {lb} has. "
        f"¶n: paragraph n of the article's body; {JUMP}: sentences not next to each other."
    )
    numbers_a, numbers_b = paragraph_numbers(report.a), paragraph_numbers(report.b)
    for n, g in enumerate(report.alignment, 1):
        ta, tb = _side(report, g, "a"), _side(report, g, "b")
        what = pct(g.score) if g.kind is GroupKind.SAME else partial_reason(g)
        lines = [
            f"**{n}.** {g.kind.value} · {what}",
            "",
            f"- **{la}** ({location(report.a, g.a, numbers_a)}): {ta}",
            f"- **{lb}** ({location(report.b, g.b, numbers_b)}): {tb}",
        ]
        note = _minor_note(g.diff)
        if note:
            lines.append(f"- {note}")
        if explain and g.why is not None:
            lines.append(f"- *why:* {_why(g.why)}")
        yield "\n".join(lines)


def _side(report: Report, g: AlignedGroup, side: str) -> str:
    """One side of a passage, changed words marked, a ⋯ where it jumps between distant sentences."""
    src = report.a if side == "a" else report.b
    indices = g.a if side == "a" else g.b
    if g.diff:
        chunks = [_marked(chunk, side) for chunk in jump_chunks(g.diff, side, src, indices)]
    else:
        runs: list[list[int]] = []
        for i in indices:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        chunks = [inline(src.text_of(run)) for run in runs]
    return f" {JUMP} ".join(chunks)


def _why(why: Why) -> str:
    """``--explain``: what links a group's sentences."""
    parts: list[str] = []
    for title, items in (("names", why.names), ("figures", why.figures), ("terms", why.terms)):
        if items:
            parts.append(f"{title}: " + ", ".join(inline(x) for x in items))
    if why.clause_a is not None:
        parts.append(f"clause: “{inline(why.clause_a)}” \\~ “{inline(why.clause_b or '')}”")
    if why.signals:
        parts.append("signals: " + ", ".join(f"{inline(k)} {v:.2f}" for k, v in why.signals))
    return " · ".join(parts) or "no shared evidence recorded"


def _set_aside(report: Report) -> Iterator[str]:
    """What segmentation set aside as page furniture, with the rule that did it."""
    for src in (report.a, report.b):
        furniture = [s for s in src.sentences if s.role is Role.BOILERPLATE]
        if not furniture:
            continue
        yield f"## Set aside in {inline(src.label)}, not compared ({len(furniture)})"
        yield "\n".join(
            f"- {inline(s.text)}" + (f" *({inline(s.reason)})*" if s.reason else "") for s in furniture
        )


def _only_sentences(src: Source, indices: Sequence[int]) -> Iterator[str]:
    yield f"## Only in {inline(src.label)} ({plural(len(indices), 'sentence')})"
    if not indices:
        yield "None: every body sentence has a counterpart in the other source."
        return
    yield "\n".join("- " + inline(src.text_of(run)) for run in paragraph_runs(src, indices))


__all__ = ["inline", "render"]
