"""The JSON renderer: the contract of ``json-contract.md``, serialised by the model's ``to_dict``."""

from __future__ import annotations

import json
import re

from ..model import Analysis, MultiReport, Report

# Characters that JSON may carry raw but that a terminal or a text viewer acts on: DEL, the C1
# controls (U+009B is an 8-bit CSI, an escape sequence without ESC) and the bidirectional marks
# (U+061C, U+200E/F), embeddings, overrides and isolates that reorder what is shown. json.dumps
# escapes ESC and the other C0 controls itself. Lone surrogates (a file name that is not UTF-8)
# cannot be written as UTF-8 at all: escaped, they stay valid JSON that reads back the same.
_UNSAFE = re.compile("[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def render(report: Report | MultiReport | Analysis) -> str:
    """The report as one JSON object (storydiff/1 for a two-source :class:`Report`, storydiff/2
    otherwise), UTF-8 text kept as is but for unsafe controls, and a newline."""
    text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
