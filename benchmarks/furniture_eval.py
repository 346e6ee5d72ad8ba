"""Page-furniture figures on the boilerplate sets, in-process, with the lines each rule got wrong.

Scores exactly as ``../shared/eval/score_docs.py boilerplate`` does (a line is predicted
boilerplate when at least half of its characters lie in boilerplate sentences; ``--window`` keeps
the article window only), but runs :func:`storydiff.load.parse` and :func:`storydiff.segment.segment`
in this process instead of the CLI once a page, so a whole set takes seconds, and can list the
lines it got wrong (``--show lost,missed,headline``) with the reason the segmenter gave.

Usage: python benchmarks/furniture_eval.py ../shared/eval/data/boilerplate-aeb/dev.jsonl.gz
       [--window] [--start 0] [--stop N] [--half tune|held] [--show lost,missed,headline]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
import time
from collections.abc import Iterator
from typing import Any

from storydiff.load import parse
from storydiff.model import Role
from storydiff.normalize import fold
from storydiff.segment import segment

_WORD = re.compile(r"\w+")
_ANY_WORD = re.compile(r"\w")


def _rows(path: str) -> list[dict[str, Any]]:
    op: Any = gzip.open if path.endswith(".gz") else open
    with op(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _sentences(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, role, reason) of each sentence, as the CLI's JSON gives them."""
    doc = parse(text.encode("utf-8"), "doc.txt")
    folded = fold(doc.text)
    use = folded.text if folded.starts is not None and folded.text.strip() else doc.text
    out = []
    for s in segment(use):
        a, b = (s.start, s.end)
        if use is folded.text:
            a, b = folded.span(a, b)
        out.append((a, b, s.role.value if isinstance(s.role, Role) else str(s.role), s.reason or ""))
    return out


def _window(text: str, lines: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]] | None:
    idx = [k for k, ln in enumerate(lines) if ln["label"] != "boilerplate"]
    last = max((k for k, ln in enumerate(lines) if ln["label"] == "content"), default=None)
    if not idx or last is None:
        return None
    a, b = idx[0], last
    off = lines[a]["start"]
    text = text[off : lines[b]["end"]] + "\n"
    return text, [dict(ln, start=ln["start"] - off, end=ln["end"] - off) for ln in lines[a : b + 1]]


def _view(
    r: dict[str, Any], window: bool
) -> tuple[str, list[dict[str, Any]], list[tuple[int, int, str, str]]] | None:
    """A page's text, its labelled lines and the segmenter's sentences, cut to the article window
    when asked (None for a page without one)."""
    text, lines = r["text"], r["lines"]
    if window:
        w = _window(text, lines)
        if w is None:
            return None
        text, lines = w
    return text, lines, _sentences(text)


def score(rows: list[dict[str, Any]], window: bool, show: set[str]) -> Iterator[tuple[str, Any]]:
    """Yield ("line", …) diagnostics while scoring and ("result", figures) at the end."""
    c: collections.Counter[str] = collections.Counter()
    for r in rows:
        view = _view(r, window)
        if view is None:
            continue
        text, lines, sents = view
        for ln in lines:
            body = text[ln["start"] : ln["end"]]
            if not _ANY_WORD.search(body):
                continue
            cov: collections.Counter[str] = collections.Counter()
            why = ""
            for s0, s1, role, reason in sents:
                o = max(0, min(ln["end"], s1) - max(ln["start"], s0))
                if o:
                    cov[role] += o
                    why = why or reason
            tot = sum(cov.values()) or 1
            pred_b = cov["boilerplate"] / tot >= 0.5
            pred_h = cov["headline"] / tot >= 0.5
            lab = ln["label"]
            if lab not in ("boilerplate", "content", "headline"):
                continue
            nw = len(_WORD.findall(body))
            c["lines_" + lab] += 1
            c["words_" + lab] += nw
            if lab == "boilerplate":
                c["boiler_hit"] += pred_b
                c["boiler_hit_w"] += pred_b * nw
                if not pred_b and "missed" in show:
                    yield "line", (r["id"], "missed", "headline" if pred_h else "body", body)
            elif lab == "content":
                c["content_lost"] += pred_b
                c["content_lost_w"] += pred_b * nw
                if pred_b and "lost" in show:
                    yield "line", (r["id"], "lost", why, body)
            else:
                c["headline_as_headline"] += pred_h
                c["headline_as_boilerplate"] += pred_b
                if not pred_h and "headline" in show:
                    yield "line", (r["id"], "headline", why if pred_b else "body", body)
        c["pages"] += 1
    yield (
        "result",
        {
            "pages": c["pages"],
            "boilerplate_recall": round(c["boiler_hit"] / max(1, c["lines_boilerplate"]), 3),
            "content_lost_rate": round(c["content_lost"] / max(1, c["lines_content"]), 4),
            "boilerplate_recall_words": round(c["boiler_hit_w"] / max(1, c["words_boilerplate"]), 3),
            "content_lost_rate_words": round(c["content_lost_w"] / max(1, c["words_content"]), 4),
            "headline_found": round(c["headline_as_headline"] / max(1, c["lines_headline"]), 3),
            "headline_as_boilerplate": round(c["headline_as_boilerplate"] / max(1, c["lines_headline"]), 3),
        },
    )


def _print_page(r: dict[str, Any], window: bool, limit: int) -> None:
    view = _view(r, window)
    if view is None:
        return
    text, lines, sents = view
    for ln in lines[:limit]:
        roles = {
            (role, reason)
            for s0, s1, role, reason in sents
            if max(0, min(ln["end"], s1) - max(ln["start"], s0))
        }
        got = ",".join(sorted(f"{a[:4]}:{b}" if b else a[:4] for a, b in roles))
        print(f"{ln['label'][:4]:5}{got:28.28} {text[ln['start'] : ln['end']][:130]!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path")
    ap.add_argument("--window", action="store_true")
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--stop", type=int, default=0)
    ap.add_argument("--half", choices=["tune", "held"], help="the first or second half of the file")
    ap.add_argument("--show", default="", help="comma list of: lost, missed, headline")
    ap.add_argument("--page", help="print one page's lines: gold label, predicted role, reason")
    ap.add_argument("--lines", type=int, default=80, help="with --page: how many lines")
    args = ap.parse_args()
    rows = _rows(args.path)
    if args.page:
        for r in rows:
            if r["id"] == args.page:
                _print_page(r, args.window, args.lines)
        return 0
    start, stop = args.start, args.stop or len(rows)
    if args.half == "tune":
        start, stop = 0, len(rows) // 2
    elif args.half == "held":
        start, stop = len(rows) // 2, len(rows)
    show = set(filter(None, args.show.split(",")))
    t0 = time.time()
    for kind, item in score(rows[start:stop], args.window, show):
        if kind == "line":
            rid, what, why, body = item
            print(f"{what}\t{rid}\t{why}\t{body[:200]!r}")
        else:
            item["seconds"] = round(time.time() - t0, 1)
            print(json.dumps({"set": args.path.split("/")[-2], "window": args.window, **item}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
