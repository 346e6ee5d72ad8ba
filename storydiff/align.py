"""FIRST CUT alignment, to be replaced by the real one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz import fuzz, process

from .model import AlignedGroup, GroupKind, Options, Role, Sentence
from .worddiff import fold


def align(
    a: Sequence[Sentence],
    b: Sequence[Sentence],
    options: Options,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[tuple[AlignedGroup, ...], tuple[int, ...], tuple[int, ...]]:
    ba = [s for s in a if s.role is Role.BODY]
    bb = [s for s in b if s.role is Role.BODY]
    if not ba or not bb:
        return (), tuple(s.index for s in ba), tuple(s.index for s in bb)
    m = process.cdist([fold(s.text).lower() for s in ba], [fold(s.text).lower() for s in bb],
                      scorer=fuzz.token_set_ratio, workers=-1)
    pairs = sorted(((float(m[i, j]) / 100, i, j) for i in range(len(ba)) for j in range(len(bb))), reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    groups = []
    for sc, i, j in pairs:
        if sc < options.min_score + 0.2:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        groups.append(AlignedGroup((ba[i].index,), (bb[j].index,), sc,
                                   GroupKind.SAME if sc >= options.same_score else GroupKind.PARTIAL))
    groups.sort(key=lambda g: g.a)
    return (tuple(groups), tuple(s.index for k, s in enumerate(ba) if k not in used_a),
            tuple(s.index for k, s in enumerate(bb) if k not in used_b))
