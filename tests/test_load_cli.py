"""Issue 13 item 5 through the command line (typer's runner): Markdown input, garbled text and
web addresses as a user meets them. test_load.py tests the functions; these test what reaches
the report and stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from storydiff import cli

ERROR = "storydiff: error: "
WARNING = "storydiff: warning: "

PLAIN = (
    "Flood waters close Harbor Bridge\n\n"
    "City officials closed the Harbor Bridge on Tuesday after flood waters rose to 3.2 meters.\n\n"
    "Engineers will inspect the bridge on Thursday, the city said in a statement.\n\n"
    "“We cannot risk anyone’s safety tonight,” Mayor Ellen Grant said.\n"
)
MARKDOWN = (
    "# Flood waters close Harbor Bridge\n\n"
    "City officials closed the **Harbor Bridge** on Tuesday after flood waters rose to 3.2 meters.\n\n"
    "Engineers will inspect the bridge on Thursday, the city said in "
    "[a statement](https://example.org/statement).\n\n"
    "> “We cannot risk anyone’s safety tonight,” Mayor Ellen Grant said.\n"
)


def invoke(args: list[str]) -> Result:
    return CliRunner().invoke(cli.app, args)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for key in ("COLUMNS", "NO_COLOR", "FORCE_COLOR", "PAGER"):
        monkeypatch.delenv(key, raising=False)
    (tmp_path / "plain.txt").write_text(PLAIN, encoding="utf-8")
    return tmp_path


def test_markdown_markup_is_not_a_wording_difference(work: Path) -> None:
    """`# `, `**bold**`, `[text](url)` and `> ` are markup, not words: the Markdown article
    against the same article as plain text differs in no word, and offsets index the file."""
    (work / "article.md").write_text(MARKDOWN, encoding="utf-8")
    result = invoke(["compare", "article.md", "plain.txt", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    source = report["sources"][0]
    assert source["converted_from"] == "markdown"
    changed = [op for group in report["alignment"] for op in group["diff"] if op["op"] != "equal"]
    assert [op for op in changed if not op["minor"]] == []
    assert len(report["alignment"]) == 4
    for sentence in source["sentences"]:
        text = sentence["text"]
        assert not any(mark in text for mark in ("**", "](", "# ", "> ")), text
        assert MARKDOWN[sentence["start"] : sentence["end"]].replace("*", " ").strip()
    assert report["quotes"]["shared"], "the quote inside the Markdown blockquote is shared"


def test_garbled_file_repaired_and_said(work: Path) -> None:
    """UTF-8 read as cp1252 upstream ("anyoneâ€™s"): repaired (curly quotes kept as they are),
    a warning on stderr, and the quote shared with the clean copy again."""
    # As Windows software garbles it: each byte as cp1252, the five cp1252 leaves undefined as
    # the Latin-1 control character of that byte ("”" is E2 80 9D: "â€" and U+009D).
    garbled = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in PLAIN.encode())
    assert "â€" in garbled
    (work / "garbled.txt").write_text(garbled, encoding="utf-8")
    result = invoke(["compare", "garbled.txt", "plain.txt", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(WARNING) and "garbled" in result.stderr
    report = json.loads(result.stdout)
    assert "“We cannot risk anyone’s safety tonight,”" in report["sources"][0]["sentences"][-1]["text"]
    assert len(report["quotes"]["shared"]) == 1


@pytest.mark.parametrize("address", ["https://example.com/news/story.html", "HTTP://example.com/"])
def test_web_address_asks_for_a_saved_page(work: Path, address: str) -> None:
    """A URL argument is not "no such file": one line saying to save the page first."""
    result = invoke(["compare", address, "plain.txt"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{ERROR}{address}: is a web address; storydiff reads files only: save the page "
        "(or use curl) and pass the file\n"
    )
