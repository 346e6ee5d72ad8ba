"""The command line: parse options, load the inputs, compare, render, write. No text logic here.

Errors never show a traceback: every :class:`~storydiff.errors.StorydiffError` and every usage
error of the parser becomes one line on stderr, ``storydiff: error: ...``, and exit status 2.
Output files are written atomically (a temporary file in the same directory, then
``os.replace``), so a failed run leaves nothing behind and never clobbers an input.

Exit status: 0 the comparison ran; 2 bad usage or input; 130 interrupted (Ctrl-C); 141 the
reader of standard output went away (``| head``).

Start-up time matters (a comparison of two short articles takes a fraction of the time Python
needs to start), so rich, tempfile, importlib.resources and the renderers are imported only by the
code path that needs them.
"""

# No ``from __future__ import annotations`` here: typer reads the commands' annotations on every
# run, and string annotations would be evaluated anew each time (1.5 ms of a short comparison).
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from enum import StrEnum
from typing import Annotated, Any, NoReturn

import typer
from typer._click.exceptions import ClickException
from typer._click.exceptions import UsageError as ClickUsageError
from typer.core import TyperGroup

from . import __version__
from .errors import InputError, StorydiffError, UsageError
from .load import STDIN, display_name, load, parse
from .model import Document, Options, Report

PROG = "storydiff"

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE, what a shell reports for a process killed by a closed pipe."""

PROGRESS_MIN_CHARS = 300_000
"""Inputs longer than this together (about 2,000 news sentences) get a progress bar on stderr."""

_DEFAULTS = Options()


class Format(StrEnum):
    """Output formats; each maps to one renderer in :mod:`storydiff.render`."""

    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    JSON = "json"


class _Cli(TyperGroup):
    """The command group, with errors turned into one-line messages instead of click's boxes.

    Overriding ``main`` (rather than wrapping ``app()``) means the test runner, which calls
    ``main`` too, sees exactly what a user sees.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except ClickUsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                # Bare ``storydiff``: the help is the message. (Rich help has printed itself already.)
                text = exc.format_message()
                if text.strip():
                    typer.echo(text, err=True)
                code = exc.exit_code
            else:
                code = _report_error(_usage_message(exc), exc.exit_code)
        except ClickException as exc:
            code = _report_error(exc.format_message(), EXIT_USAGE)
        except StorydiffError as exc:
            code = _report_error(str(exc), EXIT_USAGE)
        except KeyboardInterrupt:
            code = EXIT_INTERRUPTED
        except typer.Abort:
            code = EXIT_INTERRUPTED
        code = 0 if code is None else int(code)
        if standalone_mode:
            sys.exit(code)
        return code


def _one_line(message: str) -> str:
    """Whitespace runs to one space; other unprintable characters (an escape code typed as an
    option value) escaped, so that a message is one line and cannot drive the terminal."""
    text = " ".join(message.split())
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _report_error(message: str, code: int = EXIT_USAGE) -> int:
    sys.stderr.write(f"{PROG}: error: {_one_line(message)}\n")
    sys.stderr.flush()
    return code


def _usage_message(exc: ClickUsageError) -> str:
    message = exc.format_message()
    if exc.ctx is not None:
        message = f"{message.rstrip()} (see '{exc.ctx.command_path} --help')"
    return message


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"{PROG} {__version__}")
        raise typer.Exit()


app = typer.Typer(
    name=PROG,
    cls=_Cli,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help=(
        "Show how two reports of the same story differ: what both say, what only one says, "
        "and how their wording differs."
    ),
)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the version and exit.", is_eager=True, callback=_show_version),
    ] = False,
) -> None:
    """Show how two reports of the same story differ."""


# --- options shared by the commands ------------------------------------------------------------


def _score(value: float) -> float:
    if value != value:  # NaN passes click's range check: every comparison with it is false
        raise typer.BadParameter("nan is not a number; give a number from 0 to 1")
    return value


def _labels(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    names = [part.strip() for part in value.split(",")]
    if len(names) != 2 or not all(names):
        raise typer.BadParameter(
            param_hint="'--labels'",
            message=f"{value!r} is not two names separated by a comma; "
            "give e.g. --labels 'Moscow Times,Stars and Stripes'",
        )
    return names[0], names[1]


FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report to FILE (atomically) instead of standard output.",
        show_default=False,
    ),
]


# --- commands ----------------------------------------------------------------------------------


@app.command("compare")
def compare_command(
    a: Annotated[
        str,
        typer.Argument(metavar="A", help="First report: a .txt, .md or .html file, or - for standard input."),
    ],
    b: Annotated[
        str,
        typer.Argument(
            metavar="B", help="Second report: a .txt, .md or .html file, or - for standard input."
        ),
    ],
    fmt: FormatOption = Format.TERMINAL,
    output: OutputOption = None,
    labels: Annotated[
        str | None,
        typer.Option(
            "--labels",
            metavar="A_NAME,B_NAME",
            help="Names of the reports, separated by a comma. Default: the file names without extension.",
            show_default=False,
        ),
    ] = None,
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score",
            min=0.0,
            max=1.0,
            callback=_score,
            help="Smallest similarity (0-1) for two sentences to be aligned at all.",
        ),
    ] = _DEFAULTS.min_score,
    same_score: Annotated[
        float,
        typer.Option(
            "--same-score",
            min=0.0,
            max=1.0,
            callback=_score,
            help="Similarity (0-1) from which aligned sentences count as the same rather than partial.",
        ),
    ] = _DEFAULTS.same_score,
    max_group: Annotated[
        int,
        typer.Option(
            "--max-group",
            min=1,
            max=10,
            help="Most sentences of one report that may match one sentence of the other (1-10).",
        ),
    ] = _DEFAULTS.max_group,
) -> None:
    """Compare two reports of the same story."""
    if a == STDIN and b == STDIN:
        raise UsageError("A and B are both '-'; only one of them can be read from standard input")
    names = _labels(labels)
    if output is not None:
        check_output(output, (a, b))
    doc_a = load(a, names[0] if names else None)
    doc_b = load(b, names[1] if names else None)
    options = Options(min_score=min_score, same_score=same_score, max_group=max_group)
    _run(doc_a, doc_b, options, fmt, output)


@app.command("demo")
def demo_command(fmt: FormatOption = Format.TERMINAL, output: OutputOption = None) -> None:
    """Compare the two sample reports that come with storydiff."""
    doc_a, doc_b = sample_documents()
    if output is not None:
        check_output(output, ())
    _run(doc_a, doc_b, Options(), fmt, output)


def main() -> None:
    """The ``storydiff`` console script."""
    try:
        app()
    except KeyboardInterrupt:  # raised outside click's own handling (during start-up)
        sys.exit(EXIT_INTERRUPTED)
    finally:
        # The process ends here. On the way out Python runs a last full garbage collection over
        # every object still alive (the report, typer's command tree, compiled patterns): it
        # finds nothing to free, as all are still referenced, yet takes 10 ms, as long as
        # comparing two short articles. Frozen objects are left out of that collection; files
        # are closed and output flushed as usual. Only the console script does this: the
        # library, and the CLI called in-process (tests, typer's runner), never freeze.
        gc.freeze()


# --- the work ----------------------------------------------------------------------------------


def sample_documents() -> tuple[Document, Document]:
    """The two bundled sample reports, read as package data (works from a plain pip install)."""
    from importlib.resources import files

    folder = files("storydiff").joinpath("samples")
    try:
        items = sorted(
            (item for item in folder.iterdir() if item.name.endswith(".txt")), key=lambda i: i.name
        )
        if len(items) != 2:
            raise FileNotFoundError
        a, b = (parse(item.read_bytes(), f"samples/{item.name}") for item in items)
    except OSError as exc:
        raise InputError("the bundled sample reports are missing; reinstall storydiff") from exc
    return a, b


def _same_file(x: str, y: str) -> bool:
    if os.path.realpath(x) == os.path.realpath(y):
        return True
    try:
        return os.path.samefile(x, y)  # hard links
    except OSError:
        return False


def check_output(output: str, inputs: Sequence[str]) -> None:
    """Refuse an ``--output`` that cannot be written or would overwrite one of the inputs."""
    if output == STDIN:
        return
    shown = display_name(output)
    if not output:
        raise UsageError("--output is empty; give a file name, or leave it out to print the report")
    if os.path.isdir(output):
        raise UsageError(f"--output {shown} is a directory; give a file name")
    if os.path.exists(output) and not os.path.isfile(output):
        return  # a device or a pipe, such as /dev/stdout: written to as it is
    if os.path.exists(output) and not os.access(output, os.W_OK):
        raise UsageError(f"--output {shown} is read-only; choose another file or make it writable")
    for name, path in zip("AB", inputs, strict=False):
        if path != STDIN and _same_file(output, path):
            raise UsageError(
                f"--output {shown} is input {name}; storydiff never overwrites an input, choose another file"
            )
    directory = os.path.dirname(os.path.realpath(output))
    if not os.path.isdir(directory):
        raise UsageError(
            f"--output {shown}: directory {display_name(directory)} does not exist; create it first"
        )
    if not os.access(directory, os.W_OK | os.X_OK):
        raise UsageError(f"--output {shown}: directory {display_name(directory)} is not writable")


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: a temporary file beside it, then ``os.replace``.

    A symbolic link is followed (its target is replaced), and an existing file keeps its mode.
    A device or pipe (``/dev/stdout``, ``/dev/null``) is written to directly: there is no file
    to replace, and replacing the device node itself would be a disaster.
    """
    import stat
    import tempfile

    try:
        existing = os.stat(path)
    except OSError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with open(path, "wb") as fh:
            fh.write(data)
        return
    target = os.path.realpath(path)
    directory, base = os.path.split(target)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{base}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


@contextmanager
def _progress(fmt: Format, a: Document, b: Document) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback drawing a bar on stderr, for long comparisons in a terminal only."""
    if (
        fmt is not Format.TERMINAL
        or len(a.text) + len(b.text) <= PROGRESS_MIN_CHARS
        or not _isatty(sys.stderr)
    ):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("comparing"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("comparing", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _run(a: Document, b: Document, options: Options, fmt: Format, output: str | None) -> None:
    from .pipeline import compare

    with _progress(fmt, a, b) as progress:
        report = compare(a, b, options, progress=progress)
    to_stdout = output is None or output == STDIN
    if fmt is Format.TERMINAL and to_stdout:
        _print_terminal(report)
        return
    text = _render_text(report, fmt)
    if to_stdout:
        _write_stdout(text.encode("utf-8"))
        return
    assert output is not None
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise UsageError(
            f"--output {display_name(output)}: cannot write ({reason}); choose another file"
        ) from exc


def _render_text(report: Report, fmt: Format) -> str:
    if fmt is Format.JSON:
        from .render import json

        return json.render(report)
    if fmt is Format.MARKDOWN:
        from .render import markdown

        return markdown.render(report)
    import io

    from rich.console import Console

    from .render import terminal

    buffer = io.StringIO()
    # A file gets plain text (no escape codes), as wide as the user's terminal setting or 100.
    console = Console(
        file=buffer,
        width=_columns(100),
        color_system=None,
        force_terminal=False,
        highlight=False,
        markup=False,
        emoji=False,
    )
    console.print(terminal.render(report, color=False))
    return buffer.getvalue()


def _columns(default: int) -> int:
    try:
        return max(40, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return default


def _print_terminal(report: Report) -> None:
    from rich.console import Console

    from .render import terminal

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich's own handler exits 1
            _broken_pipe()

    # rich picks the width of the terminal, honours NO_COLOR and FORCE_COLOR, and writes plain
    # text (no escape codes) when stdout is a pipe or a file.
    console = _Console(highlight=False, markup=False, emoji=False)
    color = console.color_system is not None and not console.no_color
    renderable = terminal.render(report, color=color)
    try:
        console.print(renderable)
        sys.stdout.flush()
    except BrokenPipeError:
        _broken_pipe()


def _write_stdout(data: bytes) -> None:
    """Write bytes to stdout (UTF-8 whatever the locale), quietly giving up on a closed pipe."""
    try:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            # Unbuffered (python -u) stdout is a raw file, whose write may take only part of the
            # data, when the reader has gone away for instance: write until all is taken.
            view = memoryview(data)
            while view:
                view = view[buffer.write(view) or 0 :]
            buffer.flush()
        else:
            sys.stdout.write(data.decode("utf-8"))
            sys.stdout.flush()
    except BrokenPipeError:
        _broken_pipe()


def _broken_pipe() -> NoReturn:
    # Point stdout at /dev/null so that the interpreter's final flush does not fail again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    raise typer.Exit(EXIT_BROKEN_PIPE)


__all__ = ["Format", "app", "check_output", "main", "sample_documents", "write_atomic"]
