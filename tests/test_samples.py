"""The sample reports: the copy shipped inside the package is the one in samples/."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.parametrize("name", ["moscow-times.txt", "stars-and-stripes.txt"])
def test_package_samples_match_repository_samples(name: str) -> None:
    """`storydiff demo` compares exactly the files documented in samples/README.md."""
    packaged = files("storydiff").joinpath("samples", name).read_bytes()
    assert packaged == (SAMPLES / name).read_bytes()
