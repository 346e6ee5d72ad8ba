"""``--format html`` and ``-o report.html`` through the command line, for two, three and one-document runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import invoke
from test_cli_multi import work  # noqa: F401  (the fixture: a scratch directory holding the inputs)

ERROR = "storydiff: error: "
pytestmark = pytest.mark.usefixtures("work")


def test_output_extension_picks_html() -> None:
    """``-o report.html`` writes the page (no --format needed) and prints nothing."""
    result = invoke(["compare", "input_a.txt", "input_b.txt", "-o", "report.html"])
    assert result.exit_code == 0, result.output
    page = Path("report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    assert result.stdout == ""


def test_format_html_to_stdout() -> None:
    """``--format html`` prints the page on standard output."""
    result = invoke(["compare", "input_a.txt", "input_b.txt", "--format", "html"])
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.endswith("</html>\n")


def test_three_sources_page_has_matrix() -> None:
    """Three inputs give one page with three columns and the coverage matrix."""
    result = invoke(["compare", "nyt.txt", "fox.txt", "huffpost.txt", "-o", "three.html"])
    assert result.exit_code == 0, result.output
    page = Path("three.html").read_text(encoding="utf-8")
    assert page.count('<article class="col"') == 3
    assert '<table class="mx">' in page


def test_analyze_html() -> None:
    """``analyze --format html`` shows each document annotated, with no comparison parts."""
    result = invoke(["analyze", "nyt.txt", "--format", "html"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count('<article class="col"') == 1
    assert "Where each passage sits" not in result.stdout


def test_only_refused_for_html() -> None:
    """``--only`` picks sections of text reports; with HTML it is a one-line usage error."""
    result = invoke(["compare", "input_a.txt", "input_b.txt", "-f", "html", "--only", "quotes"])
    assert result.exit_code == 2
    assert result.stderr.startswith(ERROR) and "HTML page is always whole" in result.stderr
