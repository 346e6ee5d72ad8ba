"""Reports built in memory for the renderer tests: no files, no pipeline, every field chosen by hand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from storydiff.model import (
    AlignedGroup,
    Conflict,
    DiffOp,
    Document,
    Fact,
    FactComparison,
    FactKind,
    GroupKind,
    Op,
    Paraphrase,
    Quote,
    QuoteComparison,
    QuoteMatch,
    QuoteMatchKind,
    Report,
    Role,
    Sentence,
    Side,
    Source,
)

Line = str | tuple[str, Role]


def source(label: str, lines: Sequence[Line], *, path: str = "", **extra: object) -> Source:
    """A source whose sentences are ``lines`` (body unless a role is given), one paragraph each."""
    sentences: list[Sentence] = []
    text = ""
    for i, line in enumerate(lines):
        body, role = (line, Role.BODY) if isinstance(line, str) else line
        if text:
            text += "\n\n"
        sentences.append(Sentence(i, len(text), len(text) + len(body), body, i, role))
        text += body
    return Source(label, path or f"{label}.txt", text, tuple(sentences), **extra)  # type: ignore[arg-type]


def quote(src: Source, index: int, sentence: int, words: str, speaker: str | None) -> Quote:
    """A quote of ``words``, found in the given sentence of ``src``."""
    s = src.sentences[sentence]
    start = s.start + s.text.index(words)
    return Quote(index, start, start + len(words), words, sentence, speaker)


def fact(src: Source, kind: FactKind, sentence: int, words: str) -> Fact:
    """A fact whose offsets point at ``words`` in the given sentence."""
    s = src.sentences[sentence]
    start = s.start + s.text.index(words)
    return Fact(kind, words, sentence, start, start + len(words), words.lower())


def pair(
    a_text: str, b_text: str, *, diff: tuple[DiffOp, ...] = (), kind: GroupKind = GroupKind.SAME
) -> Report:
    """Two one-sentence sources whose sentences are aligned, with the given diff."""
    a = source("a", [a_text])
    b = source("b", [b_text])
    return Report(a, b, (AlignedGroup((0,), (0,), 0.9, kind, diff),), (), ())


def ceasefire_pair() -> Report:
    """One aligned pair with a deletion, a minor variant and a substantive replacement."""
    return pair(
        "The truce held on the cease-fire line.",
        "The ceasefire line held.",
        diff=(
            DiffOp(Op.EQUAL, "The", "The"),
            DiffOp(Op.DELETE, "truce held on the", ""),
            DiffOp(Op.REPLACE, "cease-fire", "ceasefire", minor=True),
            DiffOp(Op.REPLACE, "line.", "line held."),
        ),
    )


def only(a_text: str) -> Report:
    """A source A with one sentence that B lacks; B has one unrelated sentence."""
    a = source("a", [a_text])
    b = source("b", ["Something else entirely."])
    return Report(a, b, (), (0,), (0,))


def issue2_report() -> Report:
    """The bridge story with alignment only: quotes and facts not computed (None)."""
    return _bridge(quotes=False)


def full_report() -> Report:
    """The bridge story with every section filled: alignment, quotes, paraphrase, facts, a conflict."""
    return _bridge(quotes=True)


def _bridge(*, quotes: bool) -> Report:
    a = source(
        "daily-post",
        [
            ("Bridge closed after river flood", Role.HEADLINE),
            ("By Jane Roe", Role.BOILERPLATE),
            "The Elm Street bridge was closed on Tuesday after the river rose 3 meters.",
            '"We will not reopen it until engineers sign off," Mayor Ana Ruiz said.',
            "The 48-year-old bridge carries 12,000 cars a day.",
            "Repairs could cost $2 million, officials said.",
            '"We will ask the state for help," Ruiz added.',
        ],
        path="news/daily-post.txt",
        title="Bridge closed after river flood",
    )
    b = source(
        "river-times",
        [
            ("Flood shuts Elm Street bridge", Role.HEADLINE),
            "Officials closed the Elm Street bridge on Tuesday after the river rose three meters.",
            "“We will not re-open it until the engineers sign off,” said Ruiz.",
            "The 47-year-old bridge carries 12,000 cars a day.",
            "A detour runs through Oak Avenue.",
            "Ruiz said the city would ask the state for help.",
            "“It is a mess,” one driver said.",
        ],
        path="news/river-times.txt",
        title="Flood shuts Elm Street bridge",
        encoding="cp1252",
    )
    groups = (
        AlignedGroup(
            (2,),
            (1,),
            0.84,
            GroupKind.SAME,
            (
                DiffOp(
                    Op.REPLACE, "The Elm Street bridge was closed", "Officials closed the Elm Street bridge"
                ),
                DiffOp(Op.EQUAL, "on Tuesday after the river rose", "on Tuesday after the river rose"),
                DiffOp(Op.REPLACE, "3", "three"),
                DiffOp(Op.EQUAL, "meters.", "meters."),
            ),
        ),
        AlignedGroup(
            (3,),
            (2,),
            0.81,
            GroupKind.SAME,
            (
                DiffOp(Op.REPLACE, '"We', "“We", minor=True),
                DiffOp(Op.EQUAL, "will not", "will not"),
                DiffOp(Op.REPLACE, "reopen", "re-open", minor=True),
                DiffOp(Op.EQUAL, "it until", "it until"),
                DiffOp(Op.INSERT, "", "the"),
                DiffOp(Op.EQUAL, "engineers sign", "engineers sign"),
                DiffOp(Op.REPLACE, 'off,"', "off,”", minor=True),
                DiffOp(Op.REPLACE, "Mayor Ana Ruiz said.", "said Ruiz."),
            ),
        ),
        AlignedGroup(
            (4,),
            (3,),
            0.7,
            GroupKind.PARTIAL,
            (
                DiffOp(Op.EQUAL, "The", "The"),
                DiffOp(Op.REPLACE, "48-year-old", "47-year-old"),
                DiffOp(Op.EQUAL, "bridge carries 12,000 cars a day.", "bridge carries 12,000 cars a day."),
            ),
        ),
    )
    report = Report(a, b, groups, (5, 6), (4, 5, 6))
    if not quotes:
        return report
    a = _with(
        a,
        quotes=(
            quote(a, 0, 3, "We will not reopen it until engineers sign off,", "Ana Ruiz"),
            quote(a, 1, 6, "We will ask the state for help,", "Ana Ruiz"),
        ),
        facts=(),
    )
    b = _with(
        b,
        quotes=(
            quote(b, 0, 2, "We will not re-open it until the engineers sign off,", "Ana Ruiz"),
            quote(b, 1, 6, "It is a mess,", None),
        ),
    )
    quote_cmp = QuoteComparison(
        shared=(
            QuoteMatch(
                0,
                0,
                0.93,
                QuoteMatchKind.PARTIAL,
                (
                    DiffOp(Op.EQUAL, "We will not", "We will not"),
                    DiffOp(Op.REPLACE, "reopen", "re-open", minor=True),
                    DiffOp(Op.EQUAL, "it until", "it until"),
                    DiffOp(Op.INSERT, "", "the"),
                    DiffOp(Op.EQUAL, "engineers sign off,", "engineers sign off,"),
                ),
            ),
        ),
        only_a=(),
        only_b=(1,),
        paraphrased=(Paraphrase(Side.A, 1, Side.B, 5, 0.74),),
    )
    fact_cmp = FactComparison(
        only_a=(
            fact(a, FactKind.NUMBER, 5, "$2 million"),
            fact(a, FactKind.NAME, 3, "Ana Ruiz"),
        ),
        only_b=(
            fact(b, FactKind.NAME, 4, "Oak Avenue"),
            fact(b, FactKind.NUMBER, 1, "three meters"),
        ),
        conflicts=(
            Conflict(
                fact(a, FactKind.NUMBER, 4, "48-year-old"),
                fact(b, FactKind.NUMBER, 3, "47-year-old"),
                FactKind.NUMBER,
                "age: 48 vs 47",
            ),
        ),
    )
    return Report(a, b, groups, (5, 6), (4, 5, 6), quotes=quote_cmp, facts=fact_cmp)


def _with(src: Source, **changes: object) -> Source:
    return replace(src, **changes)  # type: ignore[arg-type]


INJECTIONS = {
    "ansi": "Shares \x1b[31mfell\x1b[0m 5% \x1b]8;;http://evil.example\x07here\x1b]8;;\x07 "
    "\x9b2J \x07\x08\r\x7f\u202eend",
    "rich-markup": "[bold red]Breaking[/] [link=http://evil.example]click[/link] :warning: [/]",
    "markdown": "# Big | a | b | `code` **bold** _it_ ~~gone~~ [link](http://evil.example) $x$ \\ "
    "<!-- hidden -->",
    "html": "<script>alert('x')</script> <b>bold</b> &amp; <img src=x onerror=alert(1)> </td></tr>",
    "block-syntax": "- item\n\n1. list\n> quote\n```\nfence\n---\n| cell |\n+ plus",
}
"""Hostile article texts: each must be shown literally, never interpreted, in every output format."""


def hostile_report(payload: str) -> Report:
    """A report in which every text field a renderer shows (labels, title, path, sentences,
    quotes, speakers, facts, conflict notes, word diffs) holds ``payload``."""
    a = source(payload, [(payload, Role.HEADLINE), payload, payload], path=payload, title=payload)
    b = source(payload, [(payload, Role.HEADLINE), payload, payload], path=payload, title=payload)
    a = _with(a, quotes=(quote(a, 0, 1, payload, payload), quote(a, 1, 2, payload, payload)))
    b = _with(b, quotes=(quote(b, 0, 1, payload, payload), quote(b, 1, 2, payload, None)))
    diff = (
        DiffOp(Op.EQUAL, payload, payload),
        DiffOp(Op.REPLACE, payload, "x"),
        DiffOp(Op.INSERT, "", payload),
        DiffOp(Op.REPLACE, payload, payload + "!", minor=True),
    )
    groups = (AlignedGroup((1,), (1,), 0.9, GroupKind.PARTIAL, diff),)
    quotes = QuoteComparison(
        shared=(QuoteMatch(0, 0, 0.9, QuoteMatchKind.PARTIAL, diff),),
        only_a=(1,),
        only_b=(1,),
        paraphrased=(Paraphrase(Side.A, 1, Side.B, 2, 0.7),),
    )
    facts = FactComparison(
        only_a=(fact(a, FactKind.NAME, 2, payload),),
        only_b=(fact(b, FactKind.NUMBER, 2, payload),),
        conflicts=(
            Conflict(
                fact(a, FactKind.NUMBER, 1, payload),
                fact(b, FactKind.NUMBER, 1, payload),
                FactKind.NUMBER,
                payload,
            ),
        ),
    )
    return Report(a, b, groups, (2,), (2,), quotes=quotes, facts=facts)


SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def samples_report() -> Report:
    """The bundled samples run through the real pipeline (its output changes as the pipeline improves)."""
    from storydiff.pipeline import compare

    def document(name: str) -> Document:
        with (SAMPLES / name).open(encoding="utf-8-sig", newline="") as f:
            text = f.read()
        return Document(text, Path(name).stem, f"samples/{name}")

    return compare(document("moscow-times.txt"), document("stars-and-stripes.txt"))


def explained_report() -> Report:
    """The full bridge report with the fields later steps fill: a boilerplate sentence's reason,
    quote attributions, each group's ``why``; plus a group that joins two sentences of B that are
    not next to each other (a jump)."""
    from storydiff.model import Why
    from storydiff.worddiff import diff_words

    base = full_report()
    a_sentences = tuple(
        replace(s, reason="byline") if s.role is Role.BOILERPLATE else s for s in base.a.sentences
    )
    a = _with(
        base.a,
        sentences=a_sentences,
        quotes=tuple(replace(q, attribution="verb-after") for q in base.a.quotes),
    )
    b = _with(
        base.b,
        quotes=tuple(replace(q, attribution="verb-before") if q.speaker else q for q in base.b.quotes),
    )
    whys = (
        Why(
            terms=("bridge", "river", "Tuesday"),
            names=("Elm Street",),
            figures=("3 meters",),
            signals=(("lexical", 0.84),),
        ),
        Why(terms=("engineers", "reopen"), names=("Ruiz",), signals=(("lexical", 0.81),)),
        Why(
            terms=("bridge", "cars"),
            figures=("12,000",),
            clause_a="bridge carries 12,000 cars a day",
            clause_b="bridge carries 12,000 cars a day",
        ),
    )
    groups = [replace(g, why=w) for g, w in zip(base.alignment, whys, strict=True)]
    # Ruiz's appeal to the state (A 6) against B's sentences 5 and ... 1 apart: a jump.
    joined = (1, 5)
    groups.append(
        AlignedGroup(
            (6,),
            joined,
            0.55,
            GroupKind.PARTIAL,
            diff_words(a.text_of((6,)), b.text_of(joined)),
        )
    )
    return replace(base, a=a, b=b, alignment=tuple(groups), only_a=(5,), only_b=(4, 6))
