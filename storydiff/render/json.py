"""The JSON renderer: the contract of ``json-contract.md``, serialised by ``Report.to_dict``."""

from __future__ import annotations

import json

from ..model import Report


def render(report: Report) -> str:
    """The report as one JSON object, UTF-8 text kept as is, ending with a newline."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
