"""Shared test configuration: the golden-file fixture and its refresh switch.

Golden files under ``tests/golden/`` hold the expected output of each renderer. When the pipeline or
a renderer changes on purpose, rewrite them with ``pytest --update-golden`` (or
``STORYDIFF_UPDATE_GOLDEN=1 pytest``) and review the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files under tests/golden/ with the current output (review the diff!)",
    )


class Golden:
    """Compares text with a golden file, or rewrites the file when refreshing."""

    def __init__(self, directory: Path, update: bool) -> None:
        self.directory = directory
        self.update = update

    def check(self, name: str, actual: str) -> None:
        path = self.directory / name
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8", newline="") as f:
                f.write(actual)
            return
        if not path.exists():
            pytest.fail(
                f"golden file {path} is missing: run `pytest --update-golden` and review it", pytrace=False
            )
        with path.open(encoding="utf-8", newline="") as f:
            expected = f.read()
        if actual != expected:
            diff = "".join(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    actual.splitlines(keepends=True),
                    f"golden/{name}",
                    "actual",
                )
            )
            pytest.fail(
                f"output differs from golden/{name} "
                f"(refresh with `pytest --update-golden` if intended):\n{diff}",
                pytrace=False,
            )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """The golden-file checker; refreshing when --update-golden or STORYDIFF_UPDATE_GOLDEN=1 is given."""
    update = (
        bool(request.config.getoption("--update-golden")) or os.environ.get("STORYDIFF_UPDATE_GOLDEN") == "1"
    )
    return Golden(GOLDEN_DIR, update)
