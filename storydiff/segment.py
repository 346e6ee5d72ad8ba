"""TEMPORARY minimal segmenter (to be replaced): paragraphs and naive sentence splits."""

from __future__ import annotations

import re

from .model import Role, Sentence

_PARA = re.compile(r"\S(?:.*?\S)??(?=\s*\n\s*\n|\s*$)", re.S)
_SENT = re.compile(r"\S.*?(?:[.!?][\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9])|$)", re.S)


def segment(text: str) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for p, pm in enumerate(re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*\Z)", text, re.S)):
        for sm in _SENT.finditer(pm.group()):
            st = pm.start() + sm.start()
            en = pm.start() + sm.end()
            seg = text[st:en].rstrip()
            out.append(Sentence(len(out), st, st + len(seg), seg, p, Role.BODY))
    return tuple(out)


def title_of(sentences: tuple[Sentence, ...]) -> str | None:
    for s in sentences:
        if s.role is Role.HEADLINE:
            return s.text
    return None
