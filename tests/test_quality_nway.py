"""The N-way quality benchmark's projection: a pair read out of storydiff/2 is the pair's storydiff/1."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from test_multi import fixture_report

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "quality_nway.py"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("quality_nway", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("i", "j"), [(0, 1), (0, 2), (1, 2), (2, 0)])
def test_projection_is_the_pair(i: int, j: int) -> None:
    """Alignment (with its word diffs), "only", shared and one-sided quotes and conflicts of the
    projected pair are those of the pair's own two-source report, whichever order is asked."""
    report = fixture_report()
    nway = json.loads(json.dumps(report.to_dict()))
    got = _module().project(nway, i, j)
    want = report.pair(i, j).to_dict()
    assert sorted((g["a"], g["b"], g["score"], g["kind"]) for g in got["alignment"]) == sorted(
        (g["a"], g["b"], g["score"], g["kind"]) for g in want["alignment"]
    )
    diffs = {json.dumps([g["a"], g["b"]]): g["diff"] for g in want["alignment"]}
    for g in got["alignment"]:
        assert g["diff"] == diffs[json.dumps([g["a"], g["b"]])]
    assert got["only"] == want["only"]
    assert sorted((m["a"], m["b"]) for m in got["quotes"]["shared"]) == sorted(
        (m["a"], m["b"]) for m in want["quotes"]["shared"]
    )
    assert got["quotes"]["only"] == want["quotes"]["only"]
    assert got["facts"]["only"] == want["facts"]["only"]
    assert sorted((c["a"]["sentence"], c["b"]["sentence"]) for c in got["facts"]["conflicts"]) == sorted(
        (c["a"]["sentence"], c["b"]["sentence"]) for c in want["facts"]["conflicts"]
    )


def test_skips_without_shared(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    module = _module()
    argv = sys.argv
    sys.argv = ["quality_nway.py", "--shared", str(tmp_path)]
    try:
        assert module.main() == 0
    finally:
        sys.argv = argv
    assert "skipped" in capsys.readouterr().out
