"""Issue 14, case by case: every hostile or messy input and condition it lists, one table row each.

The table is ``tests/data/hostile_cases.json``: each row names the case in the issue's words, how
it runs (typer's runner where that is enough, a real process where file descriptors, signals,
stdout encodings or byte arguments are the point), the inputs, the expected exit status and
message, and a named check of the result. Inputs are built here by name (``BUILDERS``) because
most are bytes no JSON file can hold. A row whose cause lies in a module another change owns is
``xfail(strict=True)`` with that cause, so it turns into a failure the day it is fixed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from test_cli_process import kill_during_write
from typer.testing import CliRunner

from storydiff import cli

DATA = Path(__file__).parent / "data"
TABLE = json.loads((DATA / "hostile_cases.json").read_text(encoding="utf-8"))["cases"]
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
PARA = "<p>The harbor bridge closed on Tuesday after the flood, officials said in a statement.</p>"


def _qa() -> bytes:
    return (DATA / "quotes_stars-and-stripes.txt").read_bytes()


def _page(body: str, head: str = "") -> bytes:
    return f"{head}<!DOCTYPE html><html><head><title>Flood</title></head><body>{body}</body></html>".encode()


def _mid_cp1252(data: bytes) -> bytes:
    half = len(data) // 2
    return data[:half] + data[half:].decode("utf-8", "ignore").encode("cp1252", "replace")


BUILDERS: dict[str, Callable[[], bytes]] = {
    "copy_a": lambda: (DATA / "input_a.txt").read_bytes(),
    "deep_html": lambda: _page("<div>" * 300 + "<article>" + PARA * 5 + "</article>" + "</div>" * 300),
    "stray_byte": lambda: _qa().replace(b"legion", b"leg\xffion", 1),
    "half_cp1252": lambda: _mid_cp1252(_qa()),
    "nfd": lambda: unicodedata.normalize("NFD", _qa().decode()).encode(),
    "invisible_in_names": lambda: (
        _qa().decode().replace("Stoltenberg", "Stolten\u00adberg").replace("Putin", "Pu\u200btin").encode()
    ),
    "hidden_html": lambda: _page(
        "<article>" + PARA * 5 + "<p hidden>SECRETWORD hidden paragraph is here for sure.</p>"
        "<template><p>TEMPLATEWORD inside a template element here.</p></template></article>"
    ),
    "alm_text": lambda: "The bridge \u061cclosed on Tuesday, officials said.\n".encode(),
    "lrm_rlm_text": lambda: "The bridge \u200eclosed on \u200fTuesday, officials said.\n".encode(),
    "links_text": lambda: (
        b"Read https://evil.example/x and www.evil.example now. Write to tips@evil.example today. "
        b"Follow @evilhandle for more :rocket: news.\n"
    ),
    "the_s": lambda: b"THE S",
    "big_text": lambda: b"The harbor bridge closed on Tuesday after the flood. " * 400_000,
    "esc_entity_html": lambda: _page("<article>" + PARA * 5 + "<p>An escape &#x1b; here.</p></article>"),
    "svg": lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><text>Hello world, this is text.</text></svg>',
    "late_doctype_html": lambda: _page(
        "<article>" + PARA * 5 + "</article>", head="<!-- " + "x" * 5000 + " -->\n"
    ),
    "nav_html": lambda: _page(
        "<nav><ul>" + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(40)) + "</ul></nav>"
    ),
    "utf32_le": lambda: (DATA / "input_a.txt").read_text(encoding="utf-8").encode("utf-32-le"),
    "invisible_only": lambda: "\u200b\u00ad \u200b\ufeff\u2060\n".encode(),
    "run_on_quote_a": lambda: (
        "The minister spoke on Monday. He said “We will not retreat from the border.”The talks ended "
        "late at night. Officials agreed to meet again on Friday."
    ).encode(),
    "run_on_quote_b": lambda: (
        "“We will not retreat from the border,” the minister said on Monday.The talks ended late at night."
    ).encode(),
    "cjk_text": lambda: "东京的桥周二关闭。官员说它将在周五重新开放。居民很生气。".encode(),
    "cjk_text_edited": lambda: "东京的桥周二关闭。官员说它将在周六重新开放。居民非常生气。".encode(),
    "arabic_a": lambda: "قال الرئيس إن الجسر سيبقى مغلقا حتى يوم الثلاثاء المقبل بسبب الفيضانات.\n".encode(),
    "arabic_b": lambda: "قال الرئيس إن الجسر سيبقى مغلقا حتى يوم الأربعاء المقبل بسبب الفيضانات.\n".encode(),
    "hebrew_a": lambda: "ראש העיר אמר שהגשר יישאר סגור עד יום שלישי הבא בגלל השיטפונות.\n".encode(),
    "hebrew_b": lambda: "ראש העיר אמר שהגשר יישאר סגור עד יום רביעי הבא בגלל השיטפונות.\n".encode(),
    "big_page": lambda: _page(
        "<nav>" + '<a href="/x">Home</a>' * 20_000 + "</nav><article>" + PARA * 40_000 + "</article>"
    ),
}
"""Inputs by name: each returns the bytes of one file."""


@dataclass
class Outcome:
    """What a run gave: exit status, standard output and standard error (bytes)."""

    code: int
    out: bytes
    err: bytes


def _env(**extra: str) -> dict[str, str]:
    drop = {"COLUMNS", "LINES", "FORCE_COLOR", "NO_COLOR", "PAGER", "STORYDIFF_PAGER", "PYTHONIOENCODING"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(extra)
    return env


def _process(args: list[Any], env: dict[str, str] | None = None, **kwargs: Any) -> Outcome:
    kwargs.setdefault("capture_output", True)
    done = subprocess.run(
        [sys.executable, "-m", "storydiff", *args], env=env or _env(), check=False, timeout=180, **kwargs
    )
    return Outcome(done.returncode, done.stdout or b"", done.stderr or b"")


def _runner(args: list[str], monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> Outcome:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(cli.app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return Outcome(result.exit_code, result.stdout_bytes, result.stderr_bytes or b"")


# --- special runs: the conditions a runner cannot make ----------------------------------------------


def _non_utf8_argv(row: dict[str, Any], fmt: str) -> Outcome:
    name = b"caf\xe9.txt" if row["argv"] == "name" else b"a.txt"
    if row["argv"] == "name":
        shutil.copy("a.txt", os.fsdecode(name))
    labels = [b"--labels", b"x\xff,y"] if row["argv"] == "labels" else []
    outcomes = []
    for env in (_env(), _env(PYTHONIOENCODING="utf-8:strict")):
        done = subprocess.run(
            [
                os.fsencode(sys.executable),
                b"-m",
                b"storydiff",
                b"compare",
                name,
                b"b.txt",
                b"-f",
                fmt.encode(),
                *labels,
            ],
            capture_output=True,
            env=env,
            check=False,
            timeout=60,
        )
        outcomes.append(Outcome(done.returncode, done.stdout, done.stderr))
    worst = max(outcomes, key=lambda o: (o.code, len(o.err)))
    return worst


def _yes_pipe(row: dict[str, Any]) -> Outcome:
    with subprocess.Popen(["yes"], stdout=subprocess.PIPE) as yes:
        try:
            return _process(row["args"], stdin=yes.stdout)
        finally:
            yes.kill()


_STARTED = """
import runpy, sys
sys.argv = ["storydiff", "compare", "long.txt", "b.txt", "--format", "json"]
sys.stdout.write("ready\\n")
sys.stdout.flush()
runpy.run_module("storydiff", run_name="__main__", alter_sys=True)
"""


def _ctrl_c(row: dict[str, Any]) -> Outcome:
    """Ctrl-C at each delay after the interpreter is up: every run 130 (or 0 if already done), quiet."""
    Path("long.txt").write_text(
        " ".join(f"Sentence {i} says the bridge stayed closed on Tuesday." for i in range(1500)),
        encoding="utf-8",
    )
    codes, errs = [], b""
    for delay in row["delays"]:
        with subprocess.Popen(
            [sys.executable, "-c", _STARTED], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env()
        ) as proc:
            assert proc.stdout is not None and proc.stderr is not None
            assert proc.stdout.readline() == b"ready\n"
            time.sleep(delay)
            proc.send_signal(signal.SIGINT)
            proc.stdout.read()
            errs += proc.stderr.read()
            codes.append(proc.wait(timeout=60))
    code = next((c for c in codes if c != 0), 130)  # 0: that run had finished before the signal
    assert all(c in {0, 130} for c in codes), codes
    return Outcome(code, b"", errs)


def _signal_during_write(row: dict[str, Any]) -> Outcome:
    before = sorted(os.listdir("."))
    done = subprocess.run(
        [sys.executable, "-c", kill_during_write(row["signal"], "a.txt", "b.txt")],
        capture_output=True,
        env=_env(),
        check=False,
        timeout=60,
    )
    assert sorted(os.listdir(".")) == before, "a report or a temporary file was left behind"
    return Outcome(done.returncode, done.stdout, done.stderr)


def _help_into_head(row: dict[str, Any]) -> Outcome:
    """`storydiff --help | head -1`: the reader takes one line and goes."""
    read_end, write_end = os.pipe()
    with subprocess.Popen(
        [sys.executable, "-m", "storydiff", "--help"], stdout=write_end, stderr=subprocess.PIPE, env=_env()
    ) as proc:
        os.close(write_end)
        with os.fdopen(read_end, "rb") as reader:
            reader.readline()
        assert proc.stderr is not None
        err = proc.stderr.read()
        code = proc.wait(timeout=60)
    return Outcome(code, b"", err)


def _closed_stderr(row: dict[str, Any]) -> Outcome:
    done = subprocess.run(
        ["sh", "-c", 'exec "$@" 2>&-', "sh", sys.executable, "-m", "storydiff", *row["args"]],
        capture_output=True,
        env=_env(),
        check=False,
        timeout=60,
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


def _symmetry(row: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Outcome:
    """A then B, and B then A: the same number of shared quotes, groups, conflicts, 'only' mirrored."""
    ab = _runner(["compare", "q1.txt", "q2.txt", "-f", "json"], monkeypatch, {})
    ba = _runner(["compare", "q2.txt", "q1.txt", "-f", "json"], monkeypatch, {})
    assert ab.code == ba.code == 0
    x, y = json.loads(ab.out), json.loads(ba.out)
    assert len(x["quotes"]["shared"]) == len(y["quotes"]["shared"])
    assert sorted((g["a"], g["b"]) for g in x["alignment"]) == sorted(
        (g["b"], g["a"]) for g in y["alignment"]
    )
    assert (x["only"]["a"], x["only"]["b"]) == (y["only"]["b"], y["only"]["a"])
    return ab


# --- checks of a result ------------------------------------------------------------------------------


def _report(o: Outcome) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(o.out)
    return data


def _a_text(o: Outcome) -> str:
    return " ".join(s["text"] for s in _report(o)["sources"][0]["sentences"])


def _shared_quotes(a: str, b: str, monkeypatch: pytest.MonkeyPatch) -> int:
    return len(_report(_runner(["compare", a, b, "-f", "json"], monkeypatch, {}))["quotes"]["shared"])


def _gfm_html(o: Outcome) -> str:
    pytest.importorskip("linkify_it", reason="the GFM linkify check needs linkify-it-py")
    from markdown_it import MarkdownIt

    html: str = MarkdownIt("gfm-like", {"linkify": True}).render(o.out.decode())
    return html


def check(name: str, o: Outcome, monkeypatch: pytest.MonkeyPatch, fmt: str | None = None) -> None:
    """Run the named check (``name:argument``) on an outcome."""
    name, _, arg = name.partition(":")
    if name == "a_unchanged":
        assert Path("a.txt").read_bytes() == (DATA / "input_a.txt").read_bytes()
    elif name == "a_has_article_body":
        report = _report(o)
        body = [s for s in report["sources"][0]["sentences"] if s["role"] == "body"]
        assert any("harbor bridge closed" in s["text"] for s in body), report["sources"][0]["sentences"]
    elif name == "a_from_html_body":
        assert _report(o)["sources"][0]["converted_from"] == "html"
        check("a_has_article_body", o, monkeypatch)
    elif name == "a_has":
        assert arg in _a_text(o)
    elif name == "a_sentences":
        assert len(_report(o)["sources"][0]["sentences"]) == int(arg)
    elif name in {"quotes_as_clean", "quotes_as_clean_no_cut_name", "quotes_and_only_as_clean"}:
        Path("clean.txt").write_bytes(_qa())
        clean = _report(_runner(["compare", "clean.txt", "qb.txt", "-f", "json"], monkeypatch, {}))
        report = _report(o)
        assert clean["quotes"]["shared"]
        assert len(report["quotes"]["shared"]) == len(clean["quotes"]["shared"])
        if name == "quotes_as_clean_no_cut_name":
            shown = _runner(["compare", "qa.txt", "qb.txt", "-f", "terminal"], monkeypatch, {}).out.decode()
            assert unicodedata.normalize("NFC", shown).count("Stoltenbe") == shown.count("Stoltenberg") > 0
        if name == "quotes_and_only_as_clean":
            assert len(report["only"]["a"]) == len(clean["only"]["a"])
            assert len(report["alignment"]) == len(clean["alignment"])
    elif name == "no_hidden_word":
        assert "SECRETWORD" not in o.out.decode()
    elif name == "no_template_word":
        assert "TEMPLATEWORD" not in o.out.decode()
    elif name == "no_raw_bidi":
        assert not set(BIDI) & set(o.out.decode()), "a bidi mark reached the report raw"
    elif name == "no_raw_bidi_json_keeps_text":
        check("no_raw_bidi", o, monkeypatch)
        original = Path(_report(o)["sources"][0]["path"]).read_text(encoding="utf-8")
        assert _a_text(o) == original.strip()  # escaped on the wire, the original text once parsed
    elif name == "gfm_no_link":
        html = _gfm_html(o)
        assert "<a " not in html
        assert arg in html.replace("\u2060", "").replace("\\", "")
    elif name == "gfm_no_mention":
        text = re.sub(r"<[^>]+>", "", _gfm_html(o))
        assert "evilhandle" in text and not re.search(r"@evilhandle", text)
    elif name == "gfm_no_emoji_code":
        text = re.sub(r"<[^>]+>", "", _gfm_html(o))
        assert "rocket" in text and ":rocket:" not in text
    elif name == "stdout_fits":
        if fmt == "terminal":
            assert "?mega" in o.out.decode(arg)  # all of it in the code page, what does not fit as ?
        else:
            assert "\u03a9mega" in o.out.decode("utf-8")  # Markdown and JSON are files: UTF-8
    elif name == "stdout_has":
        assert arg.encode() in o.out
    elif name == "no_new_json":
        assert not Path("new.json").exists()
    elif name == "all_aligned":
        report = _report(o)
        assert report["alignment"] and report["only"] == {"a": [], "b": []}, report["only"]
    else:
        raise AssertionError(f"no check named {name}")


# --- the table ---------------------------------------------------------------------------------------


def _params() -> list[Any]:
    out = []
    for row in TABLE:
        marks = [pytest.mark.xfail(strict=True, reason=row["xfail"])] if "xfail" in row else []
        if "needs" in row and not os.path.exists(row["needs"]):
            marks.append(pytest.mark.skip(reason=f"no {row['needs']} here"))
        for fmt in row.get("formats", [None]):
            case_id = row["id"] if fmt is None else f"{row['id']}[{fmt}]"
            out.append(pytest.param(row, fmt, id=case_id, marks=marks))
    return out


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(DATA / "input_a.txt", tmp_path / "a.txt")
    shutil.copy(DATA / "input_b.txt", tmp_path / "b.txt")
    shutil.copy(DATA / "quotes_stars-and-stripes.txt", tmp_path / "qa.txt")
    shutil.copy(DATA / "quotes_moscow-times.txt", tmp_path / "qb.txt")
    monkeypatch.chdir(tmp_path)
    for key in ("COLUMNS", "LINES", "FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(key, raising=False)
    return tmp_path


def test_table_names_every_case_once() -> None:
    """Ids are unique and every row says which words of the issue it covers."""
    ids = [row["id"] for row in TABLE]
    assert len(ids) == len(set(ids))
    assert all(row["issue"] and row["via"] for row in TABLE)
    assert all(name in BUILDERS for row in TABLE for name in row.get("files", {}).values())


@pytest.mark.parametrize(("row", "fmt"), _params())
def test_hostile_case(
    row: dict[str, Any], fmt: str | None, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One issue-14 case: the expected exit status, message and result, never a traceback."""
    for name, builder in row.get("files", {}).items():
        (work / name).write_bytes(BUILDERS[builder]())
    args = [a.replace("{fmt}", fmt or "") for a in row.get("args", [])]
    via = row["via"]
    # CPU time, not wall time: the figure is the program's cost, and on a shared machine the wall
    # clock also counts every other process (a 42 s run took 69 s of wall time under load).
    started = time.process_time()
    if via == "runner" or via == "timed":
        outcome = _runner(args, monkeypatch, row.get("env", {}))
    elif via == "process":
        kwargs: dict[str, Any] = {}
        if "stdin" in row:
            kwargs["stdin"] = open(row["stdin"], "rb")  # noqa: SIM115 - closed below
        if "stdin_pipe" in row:
            kwargs["input"] = Path(row["stdin_pipe"]).read_bytes()
        try:
            outcome = _process(args, _env(**row.get("env", {})), **kwargs)
        finally:
            if "stdin" in kwargs:
                kwargs["stdin"].close()
    elif via == "non_utf8_argv":
        assert fmt is not None
        outcome = _non_utf8_argv(row, fmt)
    elif via == "symmetry":
        outcome = _symmetry(row, monkeypatch)
    else:
        outcome = {
            "yes_pipe": _yes_pipe,
            "ctrl_c": _ctrl_c,
            "signal_during_write": _signal_during_write,
            "help_into_head": _help_into_head,
            "closed_stderr": _closed_stderr,
        }[via](row)
    if via == "timed":
        took = time.process_time() - started
        assert took < row["seconds"], f"{took:.1f} CPU seconds"
    assert b"Traceback" not in outcome.err and b"internal error" not in outcome.err, outcome.err
    expected = row["exit"] if isinstance(row["exit"], list) else [row["exit"]]
    assert outcome.code in expected, outcome.err
    if "stderr" in row:
        if row["stderr"] == "":
            assert outcome.err == b""
        else:
            assert row["stderr"] in outcome.err.decode("utf-8", "replace")
    if outcome.code == 2 and via in {"runner", "process"}:
        assert outcome.err.startswith(b"storydiff: error: ") and outcome.err.count(b"\n") == 1
    if "check" in row:
        check(row["check"], outcome, monkeypatch, fmt)


# --- where non-Latin alignment is lost: normalisation keeps the letters, alignment's terms drop them --

NON_LATIN = {
    "arabic": BUILDERS["arabic_a"]().decode(),
    "hebrew": BUILDERS["hebrew_a"]().decode(),
    "chinese": BUILDERS["cjk_text"]().decode(),
}


@pytest.mark.parametrize("script", sorted(NON_LATIN))
def test_folding_keeps_non_latin_letters(script: str) -> None:
    """Input normalisation (NFC, invisible characters dropped) keeps every letter of the script."""
    from storydiff.normalize import fold

    text = NON_LATIN[script]
    assert [c for c in fold(text).text if c.isalpha()] == [c for c in text if c.isalpha()]


@pytest.mark.parametrize("script", sorted(NON_LATIN))
def test_alignment_terms_of_non_latin_text(script: str) -> None:
    """Alignment finds terms in a sentence without Latin letters (issue 14 item 5)."""
    from storydiff import align

    assert align.terms(NON_LATIN[script])
