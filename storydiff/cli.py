"""TEMPORARY minimal CLI (the IO helper owns the real one)."""

from __future__ import annotations

from pathlib import Path

import typer

from .compare import compare
from .model import Document
from .render import json as json_render

app = typer.Typer()


@app.command("compare")
def compare_cmd(a: Path, b: Path, format: str = "terminal") -> None:
    da = Document(a.read_text(encoding="utf-8-sig"), a.stem, str(a))
    db = Document(b.read_text(encoding="utf-8-sig"), b.stem, str(b))
    print(json_render.render(compare(da, db)), end="")


@app.command("demo")
def demo() -> None:
    pass


def main() -> None:
    app()
