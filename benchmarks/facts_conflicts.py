"""Conflicting figures on same-event sets nobody tuned to: what storydiff reports, what it may miss,
and precision and recall against the judgements in ``facts_conflicts_judged.tsv``.

Data (from ``../shared/eval/data``, never copied here: the texts are the publishers' copyright):

* ``basil`` -- the 75 BASIL triplets (a = NYT, b = Fox News, c = HuffPost), each compared as the
  N-way comparison compares them: every pair of the three, one alignment each. The first 38 by
  name are the ``dev`` half (read while developing), the rest the ``measure`` half (read only to
  judge, at the end).
* ``ecb`` -- same-event article pairs of ECB+ (``news-ecb/pairs.jsonl``; sentences joined as the
  scorer joins them), at most ``--per-topic`` pairs a topic: odd topics are ``dev``, even ``measure``.

For each pair the script lists (1) every conflict reported, and (2) *candidates*: two figures of
the same unit, counted thing or event, in aligned sentences or counting the same named thing,
whose values the words cannot both allow, and neither source giving the other's value anywhere.
Both lists print the two sentences, for judging by reading. The judgement table holds only ids,
offsets and verdicts (``conflict`` / ``none``) with a class, so the figures can be re-measured.

The alignment of each pair (the slow part, which no change to facts alters) is kept in a cache
directory (``--cache``, default ``/tmp/storydiff-facts-conflicts``); the documents are analysed
again on every run, so that every change to extraction is seen.

Usage:
    python benchmarks/facts_conflicts.py basil --half dev [--list reported|candidates|all]
    python benchmarks/facts_conflicts.py ecb --half dev --score
    python benchmarks/facts_conflicts.py basil --half measure --score

Judging rule (see the module docstring of storydiff.facts): a true conflict is the same quantity
of the same thing at the same time with values the words of both cannot allow. "At least 30" vs
"35" is none; "about 200" vs "230" is none. A running toll (deaths, arrests, injured) given bare
by both ("killed 30" / "killed 25") is a conflict -- a reader is told two numbers for one
outcome; when one of them is hedged as provisional ("at least", "so far", "rose to" with the other
later) and the two intervals meet, it is none. The age of one person given differently is a
conflict, as is a figure one source attributes ("what he said was 30 percent") against another's
own; a part ("in Bener Meriah district", "a man and two women") against a whole is none; "X
months ago" in two articles is none (each counts from its own day).

Figures of the judging run (``--per-topic 14``), before -> after this module's rules of December
2026: ECB+ dev half precision 5/27 -> 8/9, recall 5/16 -> 8/16; measure half 9/17 -> 8/13, recall
9/13 -> 8/13; BASIL dev half no conflict judged or reported; measure half 1/2 -> 3/4, recall
1/4 -> 3/4.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from storydiff.facts import _compatible, _Num, compare_facts
from storydiff.load import load
from storydiff.model import AlignedGroup, Document, Fact, FactKind, Options, Role, Source
from storydiff.pipeline import build_source, compare_sources

_HERE = Path(__file__).resolve().parent
JUDGED = _HERE / "facts_conflicts_judged.tsv"
_NO_CONFLICT_UNITS = {"ordinal", "rank", "share", "time"}

Pair = tuple[str, str, Source, Source, tuple[AlignedGroup, ...]]
"""(set id, pair name such as "ab", source a, source b, alignment)."""


def _basil_sets(shared: Path, half: str) -> list[Path]:
    folder = shared / "eval" / "data" / "basil-triplets"
    names = sorted(p.name for p in folder.iterdir() if (p / "a.txt").exists())
    cut = (len(names) + 1) // 2  # 38 of 75
    chosen = names[:cut] if half == "dev" else names[cut:] if half == "measure" else names
    return [folder / n for n in chosen]


def _ecb_rows(shared: Path, half: str, per_topic: int) -> list[dict[str, object]]:
    rows = []
    taken: dict[int, int] = {}
    with open(shared / "eval" / "data" / "news-ecb" / "pairs.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            topic = int(row["topic"])
            if (half == "dev" and topic % 2 == 0) or (half == "measure" and topic % 2 == 1):
                continue
            if taken.get(topic, 0) >= per_topic:
                continue
            taken[topic] = taken.get(topic, 0) + 1
            rows.append(row)
    return rows


def aligned(key: str, sa: Source, sb: Source, cache: Path) -> tuple[AlignedGroup, ...]:
    """The alignment of two sources without their facts, pickled under ``cache`` by ``key`` so that
    timing or judging facts again does not align again (benchmarks/facts_speed.py uses it too)."""
    path = cache / (key.replace("/", "+") + ".pkl")
    if path.exists():
        with open(path, "rb") as fh:
            got: tuple[AlignedGroup, ...] = pickle.load(fh)
            return got
    groups = compare_sources(replace(sa, facts=()), replace(sb, facts=()), 0, 1, Options()).alignment
    cache.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        pickle.dump(groups, fh)
    return groups


_DETOKENIZE = (
    (re.compile(r"(?<![\d-])(\d{1,3}) ?, (\d{3})(?![\d-])"), r"\1,\2"),  # "170 , 000", "2, 129"
    (re.compile(r"(\d): (\d\d)\b"), r"\1:\2"),  # "6: 00"
    (re.compile(r"\b([ap])\. m\."), r"\1.m."),  # "7 p. m."
    (re.compile(r"\b([A-Z])\. (?=[A-Z]\.)"), r"\1."),  # "U. S."
    (re.compile(r"- -"), "--"),
    (re.compile(r"(\d) \. (\d)"), r"\1.\2"),  # "7 . 1"
    (re.compile(r"(\w) - (?=\w)"), r"\1-"),  # "86 - yard", "27 - year - old"
    (re.compile(r"([$£€]) (?=\d)"), r"\1"),  # "$ 5"
    (re.compile(r" (?=[,.;:!?%)]|['’]s\b|n't\b)"), ""),  # "Calif . ,", "Charles ’ s"
    (re.compile(r" ([’']) s\b"), r"\1s"),  # "Charles ’ s"
    (re.compile(r"\( "), "("),
)
"""ECB+ sentences come tokenized ("killed 170 , 000 people", "an 86 - yard run"); joined back as
news text prints them, so that figures read as they would in an article."""


def _detokenize(text: str) -> str:
    for pattern, repl in _DETOKENIZE:
        text = pattern.sub(repl, text)
    return text


def pairs(dataset: str, half: str, shared: Path, cache: Path, per_topic: int) -> Iterator[Pair]:
    """Every compared pair of the chosen half, analysed with the current code."""
    if dataset == "basil":
        for folder in _basil_sets(shared, half):
            docs = {s: build_source(load(str(folder / f"{s}.txt"))) for s in "abc"}
            for x, y in ("ab", "ac", "bc"):
                groups = aligned(f"basil/{folder.name}/{x}{y}", docs[x], docs[y], cache)
                yield folder.name, x + y, docs[x], docs[y], groups
        return
    for row in _ecb_rows(shared, half, per_topic):
        srcs = []
        for s in "ab":
            sentences = row[f"{s}_sentences"]
            assert isinstance(sentences, list)
            text = "".join(_detokenize(str(t)) + "\n\n" for t in sentences)
            srcs.append(build_source(Document(text, s, path=f"{row['id']}/{s}")))
        rid = str(row["id"])
        yield rid, "ab", srcs[0], srcs[1], aligned(f"ecb-detok2/{rid}", srcs[0], srcs[1], cache)


def _sentence(src: Source, f: Fact, width: int = 260) -> str:
    s = src.sentences[f.sentence]
    text = src.text[s.start : f.start] + "[[" + src.text[f.start : f.end] + "]]" + src.text[f.end : s.end]
    text = " ".join(text.split())
    if len(text) > width:
        k = text.index("[[")
        lo = max(0, k - width // 2)
        text = ("…" if lo else "") + text[lo : lo + width] + "…"
    return text


def _num(f: Fact) -> _Num | None:
    return _Num.parse(f.key) if f.kind is FactKind.NUMBER else None


def _states(figures: list[tuple[Fact, _Num]], n: _Num) -> bool:
    return any(m.unit == n.unit and _compatible(n, m) for _, m in figures)


def candidates(sa: Source, sb: Source, groups: Sequence[AlignedGroup]) -> list[tuple[Fact, Fact, str]]:
    """Pairs of figures that may be one quantity given two values (see the module docstring)."""
    group_a = {i: n for n, g in enumerate(groups) for i in g.a}
    group_b = {j: n for n, g in enumerate(groups) for j in g.b}
    body_a = {s.index for s in sa.sentences if s.role is not Role.BOILERPLATE}
    body_b = {s.index for s in sb.sentences if s.role is not Role.BOILERPLATE}
    xs = [(f, n) for f in sa.facts if (n := _num(f)) and f.sentence in body_a]
    ys = [(f, n) for f in sb.facts if (n := _num(f)) and f.sentence in body_b]
    out = []
    for fx, nx in xs:
        for fy, ny in ys:
            if "vague" in (nx.qual, ny.qual) or {nx.unit, ny.unit} & _NO_CONFLICT_UNITS:
                continue
            if nx.unit != ny.unit or _compatible(nx, ny):
                continue
            if _states(ys, nx) or _states(xs, ny):
                continue  # the other source gives this value somewhere
            aligned = fx.sentence in group_a and group_a[fx.sentence] == group_b.get(fy.sentence)
            same_thing = bool(nx.noun and nx.noun == ny.noun) or bool(nx.event and nx.event == ny.event)
            same_who = bool(nx.who and ny.who and nx.who.split()[-1] == ny.who.split()[-1])
            if nx.unit == "age" and not same_who:
                continue
            why = "aligned" if aligned else "thing" if same_thing else "age" if same_who else ""
            if why:
                out.append((fx, fy, why))
    return out


def _judged_rows() -> list[tuple[str, str, int, int, int, int, str, str]]:
    rows = []
    if JUDGED.exists():
        for line in JUDGED.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                p = line.split("\t")
                rows.append((p[0], p[1], int(p[2]), int(p[3]), int(p[4]), int(p[5]), p[6], p[7]))
    return rows


def _conflict_groups(
    rows: list[tuple[str, str, int, int, int, int, str, str]],
) -> dict[tuple[str, str, int, int], tuple[str, str, int, int]]:
    """Each judged conflict row -> the conflict it is one pairing of. Rows of one compared pair that
    share a figure on either side are one disagreement ("11 dead" against "24 dead" and against
    "24 people dead" in another sentence): found when any one of its pairings is reported, since a
    figure is reported in one conflict at most."""
    parent: dict[tuple[str, str, int, int], tuple[str, str, int, int]] = {}

    def find(k: tuple[str, str, int, int]) -> tuple[str, str, int, int]:
        while parent[k] != k:
            k = parent[k]
        return k

    by_side: dict[tuple[str, str, str, int], tuple[str, str, int, int]] = {}
    for r in rows:
        if r[6] != "conflict":
            continue
        k = (r[0], r[1], r[2], r[4])
        parent.setdefault(k, k)
        for side in (("a", r[2]), ("b", r[4])):
            other = by_side.setdefault((r[0], r[1], *side), k)
            parent[find(k)] = find(other)
    return {k: find(k) for k in parent}


def _verdict(
    rows: list[tuple[str, str, int, int, int, int, str, str]], sid: str, pair: str, fa: Fact, fb: Fact
) -> tuple[str, str] | None:
    for r in rows:
        if (
            r[0] == sid
            and r[1] == pair
            and r[2] < fa.end
            and fa.start < r[3]
            and r[4] < fb.end
            and fb.start < r[5]
        ):
            return r[6], r[7]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", choices=("basil", "ecb"))
    ap.add_argument("--half", choices=("dev", "measure", "all"), default="dev")
    ap.add_argument("--list", choices=("reported", "candidates", "all", "none"), default="all")
    ap.add_argument("--score", action="store_true", help="precision and recall against the judged table")
    ap.add_argument("--unjudged", action="store_true", help="list only what the table does not judge")
    ap.add_argument("--per-topic", type=int, default=14)
    ap.add_argument("--limit", type=int, default=0, help="only the first N sets")
    ap.add_argument("--shared", type=Path, default=_HERE.parent.parent / "shared")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/storydiff-facts-conflicts"))
    args = ap.parse_args(argv)
    rows = _judged_rows()
    conflict_of = _conflict_groups(rows)
    true_keys = set(conflict_of.values())
    in_half: set[tuple[str, str, int, int]] = set()
    found_true: set[tuple[str, str, int, int]] = set()
    reported = false = unjudged = 0
    sets_seen: list[str] = []
    for sid, pair, sa, sb, groups in pairs(args.dataset, args.half, args.shared, args.cache, args.per_topic):
        if sid not in sets_seen:
            sets_seen.append(sid)
            if args.limit and len(sets_seen) > args.limit:
                break
        in_half |= {k for k in true_keys if k[0] == sid and k[1] == pair}
        cmp = compare_facts(sa, sb, groups)
        for c in cmp.conflicts:
            if c.kind is not FactKind.NUMBER and c.kind is not FactKind.DATE:
                continue
            v = _verdict(rows, sid, pair, c.a, c.b)
            reported += 1
            if v is None:
                unjudged += 1
            elif v[0] == "conflict":
                found_true |= {
                    conflict_of[(r[0], r[1], r[2], r[4])]
                    for r in rows
                    if r[6] == "conflict"
                    if r[0] == sid
                    and r[1] == pair
                    and r[2] < c.a.end
                    and c.a.start < r[3]
                    and r[4] < c.b.end
                    and c.b.start < r[5]
                }
            else:
                false += 1
            if args.list in ("reported", "all") and not (args.unjudged and v):
                print(
                    f"R\t{sid}\t{pair}\t{c.a.start}\t{c.a.end}\t{c.b.start}\t{c.b.end}\t{v[0] if v else '?'}"
                )
                print(f"   note: {c.note}")
                print(f"   a: {_sentence(sa, c.a)}")
                print(f"   b: {_sentence(sb, c.b)}")
        if args.list in ("candidates", "all"):
            done = {(c.a.start, c.b.start) for c in cmp.conflicts}
            for fx, fy, why in candidates(sa, sb, groups):
                if (fx.start, fy.start) in done:
                    continue
                v = _verdict(rows, sid, pair, fx, fy)
                if args.unjudged and v:
                    continue
                mark = v[0] if v else "?"
                print(f"C\t{sid}\t{pair}\t{fx.start}\t{fx.end}\t{fy.start}\t{fy.end}\t{mark}\t{why}")
                print(f"   a: {_sentence(sa, fx)}")
                print(f"   b: {_sentence(sb, fy)}")
    if args.score:
        judged = reported - unjudged
        tp = judged - false
        precision = tp / judged if judged else 1.0
        recall = len(found_true) / len(in_half) if in_half else 1.0
        print(
            f"sets {len(sets_seen)}  reported {reported}  judged {judged}  false {false}  "
            f"unjudged {unjudged}  precision {precision:.3f}  "
            f"recall {len(found_true)}/{len(in_half)} = {recall:.3f}",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
