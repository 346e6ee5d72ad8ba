"""The CI quality gate's own logic: floors and ceilings, and a skip without ../shared."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

GATE = Path(__file__).resolve().parent.parent / "benchmarks" / "quality_gate.py"


def _gate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("quality_gate", GATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CASES = [
    ("meets floor", {"f1": 0.8}, {"f1": {"min": 0.75}}, []),
    ("below floor", {"f1": 0.7}, {"f1": {"min": 0.75}}, ["f1 0.700 < floor 0.750"]),
    ("at ceiling", {"lost": 0}, {"lost": {"max": 0}}, []),
    ("over ceiling", {"lost": 2}, {"lost": {"max": 0}}, ["lost 2.000 > ceiling 0.000"]),
    ("missing figure", {}, {"f1": {"min": 0.5}}, ["f1: not reported"]),
]


@pytest.mark.parametrize(("case", "figures", "bounds", "expected"), CASES, ids=[c[0] for c in CASES])
def test_check(
    case: str, figures: dict[str, float], bounds: dict[str, dict[str, float]], expected: list[str]
) -> None:
    assert _gate()._check(figures, bounds) == expected


def test_floors_file_names_known_scorers() -> None:
    """Every run of the pinned floors file says which scorer it uses and bounds some figure."""
    spec = json.loads((GATE.parent / "quality_floors.json").read_text(encoding="utf-8"))
    for name, run in spec["runs"].items():
        assert run["scorer"] in {"score", "docs"}, name
        assert run["bounds"], name


def test_skips_without_shared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["quality_gate.py", "--shared", str(tmp_path / "absent")])
    assert _gate().main() == 0
    assert "skipped" in capsys.readouterr().out
