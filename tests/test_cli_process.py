"""The command line as a real process: full disks, closed pipes and streams, odd encodings, signals.

These need a process of their own (file descriptors, signals, the interpreter's last flush), so
they run ``python -m storydiff`` in a subprocess. Each case says what a user would type.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"
A, B = "input_a.txt", "input_b.txt"
ERROR = b"storydiff: error: "
FORMATS = ["terminal", "markdown", "json"]

needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in (A, B):
        shutil.copy(DATA / name, tmp_path / name)
    line = " ".join(f"Sentence {i} says the bridge stayed closed on Tuesday." for i in range(1500))
    (tmp_path / "long.txt").write_text(line, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"COLUMNS", "LINES", "FORCE_COLOR", "NO_COLOR", "PAGER", "STORYDIFF_PAGER"}
    }
    env.update(extra)
    return env


def run(
    args: list[Any], env: dict[str, str] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    kwargs.setdefault("capture_output", True)
    return subprocess.run(
        [sys.executable, "-m", "storydiff", *args], env=env or _env(), check=False, timeout=120, **kwargs
    )


def one_line_error(stderr: bytes) -> None:
    assert b"Traceback" not in stderr
    assert stderr.startswith(ERROR)
    assert stderr.count(b"\n") == 1 and stderr.endswith(b"\n")


# --- write errors ---------------------------------------------------------------------------------


@needs_dev_full
@pytest.mark.parametrize("fmt", FORMATS)
def test_full_disk_on_stdout(work: Path, fmt: str) -> None:
    """`storydiff compare a b > /dev/full`: one line, exit 2 (not a traceback and exit 1)."""
    with open("/dev/full", "wb") as full:
        done = run(
            ["compare", A, B, "--format", fmt], stdout=full, stderr=subprocess.PIPE, capture_output=False
        )
    assert done.returncode == 2
    one_line_error(done.stderr)
    assert b"No space left on device" in done.stderr


@needs_dev_full
@pytest.mark.parametrize("args", [["--version"], ["-V"], ["--help"], ["compare", "--help"]])
def test_full_disk_for_version_and_help(work: Path, args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = run(args, stdout=full, stderr=subprocess.PIPE, capture_output=False)
    assert done.returncode == 2
    one_line_error(done.stderr)


@needs_dev_full
@pytest.mark.parametrize("fmt", FORMATS)
def test_full_disk_on_output_file(work: Path, fmt: str) -> None:
    """`-o /dev/full`: a device is written as it is; the failure is one line, exit 2."""
    done = run(["compare", A, B, "--format", fmt, "-o", "/dev/full"])
    assert done.returncode == 2
    assert (
        done.stderr
        == ERROR + b"--output /dev/full: cannot write (No space left on device); choose another file\n"
    )


def _closed_pipe_run(args: list[str]) -> tuple[int, bytes]:
    """Run with stdout a pipe whose reader has already gone (as `| head` does, but without a race)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = run(args, stdout=write_end, stderr=subprocess.PIPE, capture_output=False)
    finally:
        os.close(write_end)
    return done.returncode, done.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_closed_pipe_exits_141(work: Path, fmt: str) -> None:
    """`storydiff compare … | head` with the reader gone: quiet, exit 141, every format."""
    code, err = _closed_pipe_run(["compare", A, B, "--format", fmt])
    assert (code, err) == (141, b"")


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["compare", "--help"], ["--version"]])
def test_help_into_closed_pipe(work: Path, args: list[str]) -> None:
    """`storydiff --help | head -1` exits 141 (or 0 when all fitted in the pipe), never 1."""
    code, err = _closed_pipe_run(args)
    assert (code, err) == (141, b"")


def test_terminal_into_head(work: Path) -> None:
    """A long terminal report piped into a reader that stops early: exit 141, no message."""
    with subprocess.Popen(
        [sys.executable, "-m", "storydiff", "compare", "long.txt", "long.txt"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(10)
        proc.stdout.close()
        err = proc.stderr.read()
        code = proc.wait(timeout=120)
    assert (code, err) == (141, b"")


def test_error_to_closed_stderr(work: Path) -> None:
    """`storydiff compare missing.txt b 2>&-`: still exit 2, nothing else goes wrong."""
    done = subprocess.run(
        ["sh", "-c", 'exec "$@" 2>&-', "sh", sys.executable, "-m", "storydiff", "compare", "missing.txt", B],
        capture_output=True,
        env=_env(),
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == b""


def test_closed_stdout(work: Path) -> None:
    """`storydiff compare a b >&-`: one line, exit 2."""
    done = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "storydiff", "compare", A, B],
        capture_output=True,
        env=_env(),
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr == ERROR + b"standard output is closed; write the report to a file with -o FILE\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_stdout_not_writable(work: Path, fmt: str) -> None:
    """`storydiff compare a b 1</dev/null`: standard output open but not for writing (the
    permission case of issue 13 item 7, for standard output): one line, exit 2, in every format."""
    with open(os.devnull, "rb") as read_only:
        done = run(
            ["compare", A, B, "--format", fmt], capture_output=False, stdout=read_only, stderr=subprocess.PIPE
        )
    assert done.returncode == 2
    assert done.stderr == (
        ERROR + b"standard output: cannot write (Bad file descriptor); write the report to a file with -o\n"
    )


# --- encodings --------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_stdout_not_utf8(work: Path, encoding: str, fmt: str) -> None:
    """A Latin-1 or ASCII stdout: the terminal report in what fits (?), the files in UTF-8."""
    done = run(
        ["compare", A, B, "--format", fmt, "--labels", "Ωmega,Βeta"], env=_env(PYTHONIOENCODING=encoding)
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    if fmt == "terminal":
        done.stdout.decode(encoding)  # nothing outside the encoding
        assert b"?mega" in done.stdout
    else:
        assert "Ωmega" in done.stdout.decode("utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict-utf8-stdout"])
def test_file_name_and_label_not_utf8(work: Path, fmt: str, strict: bool) -> None:
    """A file name or --labels value that is not UTF-8 is shown escaped (\\xff), never a crash."""
    name = b"caf\xe9.txt"
    shutil.copy(work / A, os.fsdecode(name))
    env = _env(PYTHONIOENCODING="utf-8:strict") if strict else _env()
    done = subprocess.run(
        [
            os.fsencode(sys.executable),
            b"-m",
            b"storydiff",
            b"compare",
            name,
            B.encode(),
            b"--format",
            fmt.encode(),
            b"--labels",
            b"x\xff,y",
        ],
        capture_output=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    text = done.stdout.decode("utf-8").replace("\u2060", "")  # Markdown's autolink breakers
    if fmt == "json":
        import json

        data = json.loads(text)
        assert data["sources"][0]["label"] == "x\\xff"
        assert data["sources"][0]["path"] == os.fsdecode(name)  # read back exactly
    else:
        backslash = "\\\\" if fmt == "markdown" else "\\"  # Markdown escapes the backslash itself
        assert f"x{backslash}xff" in text
        dot = "\\." if fmt == "markdown" else "."  # Markdown breaks host-like names: no autolink
        assert f"caf{backslash}xe9{dot}txt" in text


# --- signals ----------------------------------------------------------------------------------------


_STARTED = """
import runpy, sys
import storydiff
sys.argv = ["storydiff", "compare", "long.txt", "input_b.txt", "--format", "json"]
sys.stdout.write("ready\\n")
sys.stdout.flush()
runpy.run_module("storydiff", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("delay", [0.01, 0.03, 0.06, 0.1, 0.2])
def test_ctrl_c_early_is_quiet(work: Path, delay: float) -> None:
    """Ctrl-C while storydiff starts (imports typer and rich, reads, compares): exit 130, no traceback.

    The child reports when Python itself has started: an interrupt during Python's own start-up
    (its ``site`` module), or in the few milliseconds before the first line of storydiff.cli runs,
    is the interpreter's business; from there on storydiff answers it.
    """
    with subprocess.Popen(
        [sys.executable, "-c", _STARTED],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline() == b"ready\n"
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        proc.stdout.read()
        err = proc.stderr.read()
        code = proc.wait(timeout=60)
    assert b"Traceback" not in err
    assert code in {130, 0}, err  # 0: the comparison had already finished


_KILL_DURING_WRITE = """
import os, signal, sys
from storydiff import cli
def fsync(fd):
    os.kill(os.getpid(), signal.{sig})
    os.fsync = real
    real(fd)
real = os.fsync
os.fsync = fsync
sys.argv = ["storydiff", "compare", "{a}", "{b}", "-o", "report.json"]
cli.main()
"""


def kill_during_write(sig: str, a: str = "input_a.txt", b: str = "input_b.txt") -> str:
    """A script that compares ``a`` and ``b`` into report.json and sends itself ``sig`` while the
    report is being written (at its fsync)."""
    return _KILL_DURING_WRITE.replace("{sig}", sig).replace("{a}", a).replace("{b}", b)


@pytest.mark.parametrize(
    "sig",
    [
        "SIGTERM",
        "SIGHUP",
        "SIGQUIT",  # Ctrl-\
        "SIGUSR1",
        "SIGUSR2",
        "SIGALRM",
    ],
)
def test_signal_while_writing_output_leaves_nothing(work: Path, sig: str) -> None:
    """A signal that ends the process while -o is being written (issue 14: "temporary files
    removed on every signal"): no report, no hidden .tmp left beside it, exit 128 + signal."""
    before = sorted(p.name for p in work.iterdir())
    done = subprocess.run(
        [sys.executable, "-c", kill_during_write(sig)],
        capture_output=True,
        env=_env(),
        check=False,
        timeout=60,
    )
    assert done.returncode == 128 + getattr(signal, sig), done.stderr
    assert b"Traceback" not in done.stderr
    assert sorted(p.name for p in work.iterdir()) == before


# --- inputs that arrive on standard input ------------------------------------------------------------


def test_output_onto_the_file_on_stdin_refused(work: Path) -> None:
    """`storydiff compare - b.txt -o a.txt < a.txt` would replace the article: refused."""
    original = (work / A).read_bytes()
    with open(A, "rb") as stdin:
        done = run(["compare", "-", B, "-o", A], stdin=stdin)
    assert done.returncode == 2
    assert done.stderr == (
        ERROR + b"--output input_a.txt is input A (read from standard input); storydiff never "
        b"overwrites an input, choose another file\n"
    )
    assert (work / A).read_bytes() == original


def test_output_onto_dev_stdin_file_refused(work: Path) -> None:
    """`storydiff compare /dev/stdin b.txt -o a.txt < a.txt`: the same file, refused."""
    if not os.path.exists("/dev/stdin"):
        pytest.skip("no /dev/stdin")
    with open(A, "rb") as stdin:
        done = run(["compare", "/dev/stdin", B, "-o", A], stdin=stdin)
    assert done.returncode == 2
    one_line_error(done.stderr)
    assert b"is input A" in done.stderr


def test_dev_stdin_and_dash_from_a_pipe(work: Path) -> None:
    """`cat a | storydiff compare /dev/stdin -`: both would read the one pipe; say so."""
    if not os.path.exists("/dev/stdin"):
        pytest.skip("no /dev/stdin")
    done = run(["compare", "/dev/stdin", "-"], input=(work / A).read_bytes())
    assert done.returncode == 2
    assert done.stderr == (
        ERROR + b"A (/dev/stdin) and B (standard input) both read standard input, which can be read "
        b"only once; save it to a file first\n"
    )


def test_dev_stdin_from_a_file_with_dash(work: Path) -> None:
    """`storydiff compare /dev/stdin - < a.txt`: a file opened anew starts at its beginning: fine."""
    if not os.path.exists("/dev/stdin"):
        pytest.skip("no /dev/stdin")
    with open(A, "rb") as stdin:
        done = run(["compare", "/dev/stdin", "-", "--format", "json"], stdin=stdin)
    assert done.returncode == 0, done.stderr


# --- an older Python ---------------------------------------------------------------------------------

_AS_IF_OLDER = (
    "import runpy, sys; sys.version_info = (3, 10, 2, 'final', 0); sys.argv = ['-m', 'compare']; "
    "runpy.run_module('storydiff', run_name='__main__', alter_sys=True)"
)


def test_older_python_told_which_is_needed(work: Path) -> None:
    """`python3.10 -m storydiff …` says which Python is needed in one line (exit 2), instead of a
    traceback about enum.StrEnum. The check reads sys.version_info, faked here; a real older
    Python, if one is on PATH, is run too."""
    done = subprocess.run([sys.executable, "-c", _AS_IF_OLDER], capture_output=True, env=_env(), check=False)
    assert done.returncode == 2
    one_line_error(done.stderr)
    assert b"needs Python 3.11 or newer" in done.stderr
    older = next((p for p in map(_runnable, ("python3.10", "python3.9", "python3.8")) if p), None)
    if older is not None:
        root = str(Path(__file__).resolve().parent.parent)
        real = run_with(older, ["compare", A, B], root)
        assert real.returncode == 2
        one_line_error(real.stderr)


def _runnable(name: str) -> str | None:
    """The path of an interpreter on PATH that starts (a pyenv shim of an inactive version does not)."""
    path = shutil.which(name)
    if path is None:
        return None
    ok = subprocess.run([path, "-c", "pass"], capture_output=True, check=False, timeout=30)
    return path if ok.returncode == 0 else None


def run_with(python: str, args: list[str], root: str) -> subprocess.CompletedProcess[bytes]:
    """``python -m storydiff`` under another interpreter, the checkout on its path."""
    return subprocess.run(
        [python, "-m", "storydiff", *args],
        capture_output=True,
        env=_env(PYTHONPATH=root),
        check=False,
        timeout=60,
    )


def test_older_python_importing_the_library() -> None:
    """A program importing storydiff under an older Python gets an ImportError that says why."""
    code = "import sys; sys.version_info = (3, 9, 0, 'final', 0); import storydiff"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=_env(), check=False)
    assert done.returncode == 1
    assert b"ImportError: storydiff needs Python 3.11 or newer" in done.stderr


_COLLECTOR = """
import gc, sys
sys.argv[0] = {argv0!r}
import storydiff.cli, typer.main
held = not gc.isenabled()
typer.main.get_command(storydiff.cli.app).get_command(None, "corpus")
print(held, gc.isenabled())
"""


@pytest.mark.parametrize(
    ("argv0", "expected"),
    [
        ("/venv/bin/storydiff", "True True"),
        ("/src/storydiff/__main__.py", "True True"),
        ("other.py", "False True"),
    ],
)
def test_collector_held_off_while_the_program_starts(argv0: str, expected: str) -> None:
    """The program starts without the cyclic garbage collector (it runs often while modules load
    and frees nothing); ``corpus``, a long run, turns it back on; imported as a library, nothing
    is changed."""
    done = subprocess.run(
        [sys.executable, "-c", _COLLECTOR.format(argv0=argv0)], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == expected.split()
