"""The command line: parse options, load the inputs, compare, render, write. No text logic here.

Errors never show a traceback: every :class:`~storydiff.errors.StorydiffError`, every usage
error of the parser and every failure to write (a full disk, a closed pipe, a closed stream)
becomes one line on stderr, ``storydiff: error: ...``, and exit status 2. Output files are
written atomically (a temporary file in the same directory, then ``os.replace``), so a failed or
killed run leaves nothing behind and never clobbers an input, however the input arrived.

Exit status: 0 the comparison ran; 2 bad usage or input, or the report could not be written;
130 interrupted (Ctrl-C); 141 the reader of standard output went away (``| head``); 143 and 129
terminated by SIGTERM or SIGHUP; 70 an internal error (a bug: one line, ``STORYDIFF_DEBUG=1``
shows the traceback).

Start-up time matters (a comparison of two short articles takes a fraction of the time Python
needs to start), so rich, tempfile, subprocess, importlib.resources and the renderers are
imported only by the code path that needs them.
"""

# No ``from __future__ import annotations`` here: typer reads the commands' annotations on every
# run, and string annotations would be evaluated anew each time (1.5 ms of a short comparison).
# _signal, not signal: the signal module builds its enums on import, which takes milliseconds.
import _signal  # type: ignore[import-not-found]
import os
import sys


def _exit_interrupted(signum: int, frame: object) -> None:
    os._exit(130)


# Ctrl-C while Python imports typer and rich (the first 0.1-0.3 s) would print a traceback of the
# import machinery. When this module is loaded by the program itself (the console script or
# ``python -m storydiff``), an interrupt before main() runs ends the process at once: nothing
# has been written yet. main() puts Python's own handler back. Imported as a library (tests,
# other programs) nothing is changed.
_argv0 = sys.argv[0] if sys.argv else ""
if os.path.basename(_argv0) in {"storydiff", "storydiff.exe", "storydiff-script.py"} or _argv0.endswith(
    os.path.join("storydiff", "__main__.py")
):
    try:  # noqa: SIM105 (contextlib would be one more import here)
        _signal.signal(_signal.SIGINT, _exit_interrupted)
    except (ValueError, OSError):
        pass
    # The cyclic garbage collector, too, is held off for the program's run: while typer, the
    # pipeline's modules and their patterns load, it runs some fifty times and frees next to
    # nothing (5-8 ms of comparing two short articles); the comparison itself pauses it anyway
    # (storydiff.pipeline), and the process ends right after rendering. Reference counting frees
    # everything as usual. The one long-running command, ``corpus``, turns it back on.
    import gc

    gc.disable()

import gc  # noqa: E402
import signal  # noqa: E402
from collections.abc import Callable, Iterator, Sequence  # noqa: E402
from contextlib import contextmanager, suppress  # noqa: E402
from enum import StrEnum  # noqa: E402
from typing import Annotated, Any, NamedTuple, NoReturn  # noqa: E402

import typer  # noqa: E402
from typer._click.exceptions import ClickException  # noqa: E402
from typer._click.exceptions import UsageError as ClickUsageError  # noqa: E402
from typer.core import TyperGroup  # noqa: E402

from . import __version__  # noqa: E402
from .errors import InputError, StorydiffError, UsageError  # noqa: E402
from .load import STDIN, default_label, display_name, parse, parse_size, read_input  # noqa: E402
from .model import Analysis, Document, MultiReport, Options, Report  # noqa: E402
from .render import SECTIONS  # noqa: E402

PROG = "storydiff"

EXIT_USAGE = 2
EXIT_INTERNAL = 70
"""EX_SOFTWARE of sysexits.h: storydiff itself failed (a bug), not the user's input."""
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE, what a shell reports for a process killed by a closed pipe."""

PROGRESS_MIN_CHARS = 300_000
"""Inputs longer than this together (about 2,000 news sentences) get a progress bar on stderr."""

DEFAULT_PAGER = "less -R"
"""As git: ``less`` keeping colours; ``LESS=FRX`` is set too unless the user set ``LESS``."""

_DEFAULTS = Options()

AnyReport = Report | MultiReport | Analysis
"""What a command renders: a two-source report, an N-source one, or one document's analysis."""


class Format(StrEnum):
    """Output formats; each maps to one renderer in :mod:`storydiff.render`."""

    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    JSON = "json"
    """storydiff/1 for two sources (what eval/score.py reads), storydiff/2 for three or more."""
    JSON1 = "json1"
    """Always storydiff/1: two sources only."""
    JSON2 = "json2"
    """Always storydiff/2, two sources included."""
    HTML = "html"
    """One self-contained page: the articles side by side, annotated in place."""


class ColorWhen(StrEnum):
    """When the terminal report is coloured (``--color``)."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


_EXTENSIONS = {
    ".json": Format.JSON,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".txt": Format.TERMINAL,
    ".text": Format.TERMINAL,
    ".html": Format.HTML,
    ".htm": Format.HTML,
}
"""The format an ``--output`` file's extension implies when ``--format`` is not given."""

_FORMAT_NAMES = {
    Format.TERMINAL: "a plain text",
    Format.MARKDOWN: "a Markdown",
    Format.JSON: "a JSON",
    Format.JSON1: "a JSON",
    Format.JSON2: "a JSON",
    Format.HTML: "an HTML",
}

_JSON_FORMATS = frozenset({Format.JSON, Format.JSON1, Format.JSON2})

MAX_INPUTS = 26
"""Most inputs ``compare`` takes (one letter each, A to Z): every pair of them is compared."""


class View(NamedTuple):
    """How the report is shown, as opposed to what the comparison computes (:class:`Options`)."""

    color: ColorWhen = ColorWhen.AUTO
    sections: frozenset[str] | None = None
    """The sections to show (names of :data:`storydiff.render.SECTIONS`); None for all."""
    explain: bool = False
    pager: bool = True


_DEFAULT_VIEW = View()


class _Signalled(BaseException):
    """A signal that ends the process arrived (SIGTERM, SIGHUP, SIGQUIT, SIGUSR1/2, SIGALRM): unwind,
    removing any temporary file, and exit 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Cli(TyperGroup):
    """The command group, with errors turned into one-line messages instead of click's boxes.

    Overriding ``main`` (rather than wrapping ``app()``) means the test runner, which calls
    ``main`` too, sees exactly what a user sees.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), "corpus"]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """``corpus`` is loaded only when asked for, so that ``compare`` never pays for it."""
        if cmd_name == "corpus":
            gc.enable()  # see the start of this module: a corpus may be large, and long to go through
            from .corpus import click_command

            return click_command()
        return super().get_command(ctx, cmd_name)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        _drop_bad_sizes()
        try:
            code = super().main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
            _flush_stdout()
        except ClickUsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                # Bare ``storydiff``: the help is the message. (Rich help has printed itself already.)
                text = exc.format_message()
                if text.strip():
                    _write_stderr(text + "\n")
                code = exc.exit_code
            else:
                code = _report_error(_usage_message(exc), exc.exit_code)
        except ClickException as exc:
            code = _report_error(exc.format_message(), EXIT_USAGE)
        except StorydiffError as exc:
            code = _report_error(str(exc), EXIT_USAGE)
        except (KeyboardInterrupt, typer.Abort):
            code = EXIT_INTERRUPTED
        except _Signalled as exc:
            code = 128 + exc.signum
        except typer.Exit as exc:
            code = exc.exit_code
        except SystemExit as exc:
            # rich (printing the help) and click end a run whose stdout reader went away with
            # exit 1, after pointing stdout at /dev/null; the documented status is 141.
            if exc.code == 1 and _stdout_went_away():
                code = EXIT_BROKEN_PIPE
            else:
                raise
        except OSError as exc:  # writing the help or a message failed (a full disk, ...)
            code = _report_error(_os_reason(exc), EXIT_USAGE)
        except Exception as exc:
            if os.environ.get("STORYDIFF_DEBUG"):
                raise
            code = _report_error(
                f"internal error ({type(exc).__name__}: {exc}); this is a bug in storydiff, "
                "please report it with the two inputs (STORYDIFF_DEBUG=1 shows the traceback)",
                EXIT_INTERNAL,
            )
        code = 0 if code is None else int(code)
        if standalone_mode:
            sys.exit(code)
        return code


def _drop_bad_sizes() -> None:
    """``COLUMNS=0`` (or ``LINES=-1``, ``COLUMNS=wide``) means "unknown", not "zero columns": rich
    would print the help and the report zero columns wide, that is nothing at all."""
    for name in ("COLUMNS", "LINES"):
        value = os.environ.get(name)
        if value is not None and not (value.strip().isdigit() and int(value) > 0):
            del os.environ[name]


def _one_line(message: str) -> str:
    """Whitespace runs to one space; other unprintable characters (an escape code typed as an
    option value, a file name that is not UTF-8) escaped, so that a message is one line and
    cannot drive the terminal."""
    text = " ".join(message.split())
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _read(path: str, label: str, max_size: int) -> Document:
    """Load one input, saying on stderr what was repaired or guessed in it (one line each)."""
    loaded = read_input(path, label, max_size=max_size)
    for warning in loaded.warnings:
        _write_stderr(f"{PROG}: warning: {_one_line(warning)}\n")
    return loaded.document


def _write_stderr(text: str) -> None:
    """Write to stderr if there is one: a closed stderr (``2>&-``) or a full one is not an error."""
    stream = sys.stderr
    if stream is None:
        return
    with suppress(OSError, ValueError):
        stream.write(text)
        stream.flush()


def _report_error(message: str, code: int = EXIT_USAGE) -> int:
    _write_stderr(f"{PROG}: error: {_one_line(message)}\n")
    return code


def _usage_message(exc: ClickUsageError) -> str:
    message = exc.format_message()
    if exc.ctx is not None:
        message = f"{message.rstrip()} (see '{exc.ctx.command_path} --help')"
    return message


def _os_reason(exc: OSError) -> str:
    return f"cannot write ({exc.strerror or type(exc).__name__})"


def _show_version(value: bool) -> None:
    if value:
        _write_stdout(f"{PROG} {__version__}\n".encode())
        raise typer.Exit()


app = typer.Typer(
    name=PROG,
    cls=_Cli,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=(
        "Show how reports of the same story differ: what they share, what only one says, "
        "and how their wording differs."
    ),
)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Show the version and exit.", is_eager=True, callback=_show_version
        ),
    ] = False,
) -> None:
    """Show how two reports of the same story differ."""


# --- options shared by the commands ------------------------------------------------------------


def _score(value: float) -> float:
    if value != value:  # NaN passes click's range check: every comparison with it is false
        raise typer.BadParameter("nan is not a number; give a number from 0 to 1")
    return value


def _labels(value: str | None) -> tuple[str, ...] | None:
    """``--labels 'Gazette,Herald'``: the names, each non-empty (their number is checked against the
    inputs by the command)."""
    if value is None:
        return None
    names = tuple(part.strip() for part in value.split(","))
    if not all(names):
        raise typer.BadParameter(param_hint="'--labels'", message=_labels_message(value, 2))
    return names


def _labels_message(value: str, count: int) -> str:
    if count == 2:
        return (
            f"{value!r} is not two names separated by a comma; "
            "give e.g. --labels 'Moscow Times,Stars and Stripes'"
        )
    return f"{value!r} is not {count} names separated by commas, one for each input, in their order"


def _sections(values: list[str] | None) -> list[str] | None:
    """``--only summary,quotes --only facts``: names checked, with a hint for a typo."""
    if not values:
        return None
    chosen: list[str] = []
    for value in values:
        for name in (part.strip().lower() for part in value.split(",")):
            if not name:
                continue
            if name not in SECTIONS:
                from difflib import get_close_matches

                close = get_close_matches(name, SECTIONS, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                raise typer.BadParameter(
                    param_hint="'--only'",
                    message=f"{name!r} is not a section; {hint}choose from {', '.join(SECTIONS)}",
                )
            if name not in chosen:
                chosen.append(name)
    if not chosen:
        raise typer.BadParameter(
            param_hint="'--only'", message=f"no section named; choose from {', '.join(SECTIONS)}"
        )
    return chosen


FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: from the --output file's extension (.txt, .md/.markdown, "
        ".json, .html), else terminal. json is storydiff/1 for two reports and storydiff/2 for more; "
        "json1 and json2 choose one; html is one self-contained page.",
        case_sensitive=False,
        show_default=False,
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report to FILE (atomically) instead of standard output; its extension picks "
        "the format.",
        show_default=False,
    ),
]
ColorOption = Annotated[
    ColorWhen,
    typer.Option(
        "--color",
        metavar="WHEN",
        case_sensitive=False,
        help="Colour the terminal report: auto (when standard output is a terminal; the environment "
        "variable NO_COLOR=1 turns colour off, FORCE_COLOR=1 on, e.g. for 'less -R'), always or never.",
    ),
]
OnlyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--only",
        "--section",
        metavar="SECTIONS",
        callback=_sections,
        help=f"Show only these sections (comma-separated, or the option repeated): {', '.join(SECTIONS)}.",
        show_default=False,
    ),
]
NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Print straight to the terminal. Otherwise a terminal report taller than the window is "
        f"shown through $PAGER (default '{DEFAULT_PAGER}'; PAGER=cat or an empty PAGER turns paging off).",
    ),
]
ExplainOption = Annotated[
    bool,
    typer.Option(
        "--explain",
        help="Show why each shared passage was matched: the words, names and figures both share.",
    ),
]
SemanticOption = Annotated[
    bool,
    typer.Option(
        "--semantic",
        help="Also compare meaning with a sentence-embedding model "
        # typer's help reads rich markup: \\[ keeps the brackets
        "(needs: pip install 'storydiff\\[semantic]').",
    ),
]


# --- commands ----------------------------------------------------------------------------------


@app.command("compare")
def compare_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="A B [C ...]",
            help="The reports: two or more (up to 26) .txt, .md or .html files; - for standard input (once).",
            show_default=False,
        ),
    ],
    fmt: FormatOption = None,
    output: OutputOption = None,
    labels: Annotated[
        str | None,
        typer.Option(
            "--labels",
            metavar="A_NAME,B_NAME[,...]",
            help="Names of the reports, one for each, separated by commas. Default: the file names "
            "without extension (with the folder, or a number, when two are the same).",
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
    semantic: SemanticOption = False,
    color: ColorOption = ColorWhen.AUTO,
    only: OnlyOption = None,
    explain: ExplainOption = False,
    no_pager: NoPagerOption = False,
    max_size: Annotated[
        str,
        typer.Option(
            "--max-size",
            metavar="SIZE",
            help="Largest input accepted, such as 20MB, 500KB or 1GB: a guard against a wrong file "
            "or an endless stream.",
        ),
    ] = "20MB",
) -> None:
    """Compare two or more reports of the same story."""
    paths = _input_count(inputs)
    check_inputs_many(paths)
    names = _labels(labels)
    if names is not None and len(names) != len(paths):
        raise typer.BadParameter(
            param_hint="'--labels'",
            message=_labels_message(labels or "", len(paths)),
        )
    if output is not None:
        check_output(output, paths)
    fmt = choose_format(fmt, output)
    if fmt is Format.JSON1 and len(paths) > 2:
        raise UsageError(
            f"--format json1 (storydiff/1) describes two sources; for {len(paths)} use --format json "
            "or json2 (storydiff/2)"
        )
    view = _view(fmt, color, only, explain, no_pager)
    if semantic:
        check_semantic()
    try:
        limit = parse_size(max_size)
    except ValueError as exc:
        raise UsageError(f"--max-size: {exc}") from None
    labelled = distinct_labels_many(paths, names)
    docs = [_read(path, label, limit) for path, label in zip(paths, labelled, strict=True)]
    options = Options(min_score=min_score, same_score=same_score, max_group=max_group, semantic=semantic)
    if len(docs) == 2 and fmt is not Format.JSON2:
        _run(docs[0], docs[1], options, fmt, output, view)
    else:
        _run_many(docs, options, fmt, output, view)


def _input_count(inputs: list[str] | None) -> list[str]:
    """Two inputs at least, at most :data:`MAX_INPUTS`; click's own wording for a missing B."""
    paths = list(inputs or [])
    if len(paths) < 2:
        raise ClickUsageError(f"Missing argument '{'AB'[len(paths)]}'.")
    if len(paths) > MAX_INPUTS:
        raise UsageError(
            f"{len(paths)} inputs; storydiff compares at most {MAX_INPUTS} at once "
            "(every pair of them is compared)"
        )
    return paths


@app.command("demo")
def demo_command(
    fmt: FormatOption = None,
    output: OutputOption = None,
    semantic: SemanticOption = False,
    color: ColorOption = ColorWhen.AUTO,
    only: OnlyOption = None,
    explain: ExplainOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Compare the two sample reports that come with storydiff."""
    if output is not None:
        check_output(output, ())
    fmt = choose_format(fmt, output)
    view = _view(fmt, color, only, explain, no_pager)
    if semantic:
        check_semantic()
    doc_a, doc_b = sample_documents()
    _run(doc_a, doc_b, Options(semantic=semantic), fmt, output, view)


@app.command("analyze")
def analyze_command(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE ...",
            help="One or more reports: .txt, .md or .html files; - for standard input (once).",
            show_default=False,
        ),
    ],
    fmt: FormatOption = None,
    output: OutputOption = None,
    color: ColorOption = ColorWhen.AUTO,
    no_pager: NoPagerOption = False,
    max_size: Annotated[
        str,
        typer.Option("--max-size", metavar="SIZE", help="Largest input accepted, such as 20MB or 1GB."),
    ] = "20MB",
) -> None:
    """Analyse each report on its own: sentences with roles, quotes with speakers, facts.

    Each sentence's role says why page furniture was set aside; each quote how its speaker was found.
    """
    if len(files) > MAX_INPUTS:
        raise UsageError(f"{len(files)} inputs; storydiff analyses at most {MAX_INPUTS} at once")
    check_inputs_many(files)
    if output is not None:
        check_output(output, files)
    fmt = choose_format(fmt, output)
    if fmt is Format.JSON1:
        raise UsageError(
            "--format json1 (storydiff/1) is a comparison of two sources; analyze writes storydiff/2 "
            "(--format json)"
        )
    view = _view(fmt, color, None, False, no_pager)
    try:
        limit = parse_size(max_size)
    except ValueError as exc:
        raise UsageError(f"--max-size: {exc}") from None
    docs = [_read(path, label, limit) for path, label in zip(files, distinct_labels_many(files), strict=True)]
    from .pipeline import analyze

    _check_stdout(output)
    _emit(Analysis(tuple(analyze(doc) for doc in docs)), fmt, output, view)


def _view(fmt: Format, color: ColorWhen, only: list[str] | None, explain: bool, no_pager: bool) -> View:
    if only is not None and fmt in _JSON_FORMATS:
        raise UsageError(
            "--only picks sections of the terminal and Markdown reports; "
            "the JSON report is always whole (select with jq)"
        )
    if only is not None and fmt is Format.HTML:
        raise UsageError(
            "--only picks sections of the terminal and Markdown reports; "
            "the HTML page is always whole (it shows every article in full)"
        )
    return View(color, None if only is None else frozenset(only), explain, not no_pager)


def main() -> None:
    """The ``storydiff`` console script."""
    _install_signal_handlers()
    try:
        app()
    except KeyboardInterrupt:  # raised outside click's own handling (during start-up)
        sys.exit(EXIT_INTERRUPTED)
    except _Signalled as exc:
        sys.exit(128 + exc.signum)
    finally:
        # The process ends here. On the way out Python runs a last full garbage collection over
        # every object still alive (the report, typer's command tree, compiled patterns): it
        # finds nothing to free, as all are still referenced, yet takes 10 ms, as long as
        # comparing two short articles. Frozen objects are left out of that collection; files
        # are closed and output flushed as usual. Only the console script does this: the
        # library, and the CLI called in-process (tests, typer's runner), never freeze.
        gc.freeze()


def _raise_signalled(signum: int, frame: object) -> None:
    raise _Signalled(signum)


def _install_signal_handlers() -> None:
    """Ctrl-C raises KeyboardInterrupt again; SIGTERM, SIGHUP and the other signals whose default
    action ends the process (SIGQUIT, SIGUSR1/2, SIGALRM) unwind the same way, so that a temporary
    output file is removed however the run is stopped."""
    with suppress(ValueError, OSError):  # not the main thread
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for name in ("SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM"):
            number = getattr(signal, name, None)
            if number is not None:
                signal.signal(number, _raise_signalled)


# --- checks before the work ----------------------------------------------------------------------


def _stat(path: str) -> os.stat_result | None:
    """The file an input or output names (standard input's for ``-``), links followed."""
    try:
        if path == STDIN:
            stream = sys.stdin
            if stream is None:
                return None
            return os.fstat(stream.fileno())
        return os.stat(path)
    except (OSError, ValueError, AttributeError):  # no such file; stdin replaced (a test runner)
        return None


def _stdin_stat() -> os.stat_result | None:
    return _stat(STDIN)


def check_inputs(a: str, b: str) -> None:
    """Refuse two inputs that would both read standard input (``-`` and ``/dev/stdin``)."""
    if a == STDIN and b == STDIN:
        raise UsageError("A and B are both '-'; only one of them can be read from standard input")
    stdin = _stdin_stat()
    if stdin is None or os.path.samestat(stdin, os.stat(os.devnull)):
        return
    import stat as st

    if st.S_ISREG(stdin.st_mode):
        return  # a file opened anew (/dev/stdin) starts at its beginning: both can read it
    reading = [name for name, path in zip("AB", (a, b), strict=True) if _reads_stdin(path, stdin)]
    if len(reading) == 2:
        raise UsageError(
            f"A ({display_name(a)}) and B ({display_name(b)}) both read standard input, "
            "which can be read only once; save it to a file first"
        )


def input_name(k: int) -> str:
    """How messages name the k-th input (from 0): A, B, C, ..."""
    return chr(ord("A") + k) if k < 26 else str(k + 1)


def check_inputs_many(paths: Sequence[str]) -> None:
    """:func:`check_inputs` for any number of inputs: standard input can be read by one only."""
    if len(paths) == 2:
        check_inputs(paths[0], paths[1])
        return
    dashes = [input_name(k) for k, p in enumerate(paths) if p == STDIN]
    if len(dashes) > 1:
        raise UsageError(
            f"{' and '.join(dashes)} are all '-'; only one input can be read from standard input"
        )
    stdin = _stdin_stat()
    if stdin is None or os.path.samestat(stdin, os.stat(os.devnull)):
        return
    import stat as st

    if st.S_ISREG(stdin.st_mode):
        return
    reading = [k for k, path in enumerate(paths) if _reads_stdin(path, stdin)]
    if len(reading) > 1:
        shown = " and ".join(f"{input_name(k)} ({display_name(paths[k])})" for k in reading)
        raise UsageError(
            f"{shown} all read standard input, which can be read only once; save it to a file first"
        )


def _reads_stdin(path: str, stdin: os.stat_result) -> bool:
    if path == STDIN:
        return True
    found = _stat(path)
    return found is not None and os.path.samestat(found, stdin)


def choose_format(fmt: Format | None, output: str | None) -> Format:
    """The output format: ``--format`` if given, else what ``--output``'s extension says.

    A clash between the two is an error, and so is an extension that names no format storydiff
    writes (``.html``, ``.pdf``): writing plain text into ``report.html`` would only puzzle.
    """
    if output is None or output == STDIN:
        return fmt or Format.TERMINAL
    shown = display_name(output)
    ext = os.path.splitext(output.rstrip("/" + os.sep))[1].lower()
    implied = _EXTENSIONS.get(ext)
    if fmt is None:
        if implied is None and ext and not _is_device(output):
            raise UsageError(
                f"--output {shown}: cannot tell the format from '{ext}'; name the file .txt, .md, "
                ".json or .html, or give --format terminal, markdown, json or html"
            )
        return implied or Format.TERMINAL
    if implied is not None and implied is not fmt and not (implied in _JSON_FORMATS and fmt in _JSON_FORMATS):
        raise UsageError(
            f"--format {fmt.value} does not match --output {shown}, {_FORMAT_NAMES[implied]} file "
            "name; leave out --format or change the extension"
        )
    return fmt


def _is_device(path: str) -> bool:
    import stat as st

    found = _stat(path)
    return found is not None and not st.S_ISREG(found.st_mode) and not st.S_ISDIR(found.st_mode)


def check_semantic() -> None:
    """``--semantic`` needs the optional model; say how to install it if it is not there."""
    from importlib import import_module

    try:
        module = import_module("storydiff.semantic")
        ok = bool(module.available())
    except (ImportError, AttributeError):
        ok = False
    if not ok:
        raise UsageError(
            "--semantic needs the sentence-embedding model, which is not installed; "
            "install it with: pip install 'storydiff[semantic]'"
        )


def _clean_label(label: str) -> str:
    """A label as text: bytes of a file name that are not UTF-8 shown as ``\\xe9`` escapes."""
    try:
        label.encode("utf-8")
        return label
    except UnicodeEncodeError:
        return os.fsencode(label).decode("utf-8", "backslashreplace")


def distinct_labels(a: str, b: str, given: tuple[str, str] | None = None) -> tuple[str, str]:
    """Labels for A and B that never read the same ("a vs a" tells nothing).

    The file stems by default; when both stems are the same (two ``a.txt``, two saved
    ``index.html``), each is prefixed with its folder; when the folders share the name too (or
    the user gave two equal names), they are numbered "(1)" and "(2)".
    """
    if given is not None:
        la, lb = (_clean_label(x) for x in given)
        if la != lb:
            return la, lb
    else:
        la, lb = _clean_label(default_label(a)), _clean_label(default_label(b))
        if la != lb:
            return la, lb
        pa, pb = _folder(a), _folder(b)
        if pa and pb and pa != pb:
            return f"{pa}/{la}", f"{pb}/{lb}"
    return f"{la} (1)", f"{lb} (2)"


def distinct_labels_many(paths: Sequence[str], given: Sequence[str] | None = None) -> list[str]:
    """Labels for any number of inputs that never read the same; for two, :func:`distinct_labels`.

    The file stems (or the given names); inputs whose stems collide are prefixed with their folder
    when that tells them apart, and numbered "(1)", "(2)", ... (in input order) otherwise.
    """
    if len(paths) == 2:
        pair = None if given is None else (given[0], given[1])
        return list(distinct_labels(paths[0], paths[1], pair))
    labels = (
        [_clean_label(x) for x in given]
        if given is not None
        else [_clean_label(default_label(p)) for p in paths]
    )
    if given is None:
        labels = _apart(labels, lambda k, label: f"{_folder(paths[k])}/{label}" if _folder(paths[k]) else "")
    return _apart(labels, None)


def _apart(labels: list[str], prefix: Callable[[int, str], str] | None) -> list[str]:
    """Labels with every group of equal ones told apart: by ``prefix`` when that makes all of the
    group distinct (and non-empty), else by numbers in input order."""
    out = list(labels)
    groups: dict[str, list[int]] = {}
    for k, label in enumerate(labels):
        groups.setdefault(label, []).append(k)
    for label, ks in groups.items():
        if len(ks) < 2:
            continue
        if prefix is not None:
            named = [prefix(k, label) for k in ks]
            if all(named) and len(set(named)) == len(named):
                for k, name in zip(ks, named, strict=True):
                    out[k] = name
            continue
        for n, k in enumerate(ks, 1):
            out[k] = f"{label} ({n})"
    if prefix is not None:
        return out
    return out if len(set(out)) == len(out) else [f"{x} ({k + 1})" for k, x in enumerate(out)]


def _folder(path: str) -> str:
    if path == STDIN:
        return ""
    return _clean_label(os.path.basename(os.path.dirname(os.path.abspath(path))))


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
    sx, sy = _stat(x), _stat(y)
    return sx is not None and sy is not None and os.path.samestat(sx, sy)  # hard links, /dev/stdin


def check_output(output: str, inputs: Sequence[str]) -> None:
    """Refuse an ``--output`` that cannot be written or would overwrite one of the inputs.

    Inputs are compared by device and inode, standard input included: ``storydiff compare - b.txt
    -o a.txt < a.txt`` would otherwise replace the article with the report.
    """
    if output == STDIN:
        return
    shown = display_name(output)
    if not output:
        raise UsageError("--output is empty; give a file name, or leave it out to print the report")
    if os.path.isdir(output):
        raise UsageError(f"--output {shown} is a directory; give a file name")
    if output.endswith(("/", os.sep)):
        raise UsageError(
            f"--output {shown} ends with '/', which names a directory; give a file name (without the '/')"
        )
    import stat

    target = _stat(output)
    for name, path in ((input_name(k), p) for k, p in enumerate(inputs)):
        if path == STDIN:
            stdin = _stdin_stat()
            same = (
                target is not None
                and stdin is not None
                and stat.S_ISREG(target.st_mode)  # a file can be overwritten; /dev/null cannot
                and os.path.samestat(target, stdin)
            )
        else:
            same = _same_file(output, path)
        if same:
            what = f"input {name}" + (" (read from standard input)" if path == STDIN else "")
            raise UsageError(
                f"--output {shown} is {what}; storydiff never overwrites an input, choose another file"
            )
    if os.path.exists(output) and not os.path.isfile(output):
        return  # a device or a pipe, such as /dev/stdout: written to as it is
    if os.path.exists(output) and not os.access(output, os.W_OK):
        raise UsageError(f"--output {shown} is read-only; choose another file or make it writable")
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
    to replace, and replacing the device node itself would be a disaster. The temporary file is
    removed on any failure, Ctrl-C, SIGTERM or SIGHUP (see :func:`main`).
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


# --- the work ----------------------------------------------------------------------------------


@contextmanager
def _progress(fmt: Format, *docs: Document) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback drawing a bar on stderr, for long comparisons in a terminal only.

    For two documents it follows the alignment; for more, the pairs compared so far.
    """
    if (
        fmt is not Format.TERMINAL
        or sum(len(d.text) for d in docs) <= PROGRESS_MIN_CHARS
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
    except (AttributeError, ValueError, OSError):
        return False


def _run(
    a: Document, b: Document, options: Options, fmt: Format, output: str | None, view: View = _DEFAULT_VIEW
) -> None:
    from .pipeline import compare

    _check_stdout(output)
    with _progress(fmt, a, b) as progress:
        report = compare(a, b, options, progress=progress)
    _emit(report, fmt, output, view)


def _run_many(
    docs: Sequence[Document], options: Options, fmt: Format, output: str | None, view: View = _DEFAULT_VIEW
) -> None:
    """Three or more sources (or two in format storydiff/2): every pair compared, one report."""
    from .pipeline import compare_many

    _check_stdout(output)
    with _progress(fmt, *docs) as progress:
        report = compare_many(docs, options, progress=progress)
    _emit(report, fmt, output, view)


def _check_stdout(output: str | None) -> None:
    if (output is None or output == STDIN) and sys.stdout is None:
        raise UsageError("standard output is closed; write the report to a file with -o FILE")


def _emit(report: "AnyReport", fmt: Format, output: str | None, view: View) -> None:
    """Print the report, or write it to ``output`` atomically."""
    if output is None or output == STDIN:
        if fmt is Format.TERMINAL:
            _print_terminal(report, view)
        else:
            _write_stdout(_render_text(report, fmt, view).encode("utf-8", "backslashreplace"))
        return
    data = _render_text(report, fmt, view).encode("utf-8", "backslashreplace")
    try:
        write_atomic(output, data)
    except BrokenPipeError:  # -o /dev/stdout into a pipe whose reader went away
        _broken_pipe()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise UsageError(
            f"--output {display_name(output)}: cannot write ({reason}); choose another file"
        ) from exc


def _render_text(report: "AnyReport", fmt: Format, view: View = _DEFAULT_VIEW) -> str:
    if fmt is Format.HTML:
        from .render import html

        return html.render(report)
    if not isinstance(report, Report):
        return _render_other(report, fmt, view)
    if fmt in _JSON_FORMATS:
        from .render import json

        return json.render(report)
    if fmt is Format.MARKDOWN:
        from .render import markdown

        return markdown.render(report, sections=view.sections, explain=view.explain)
    # A file gets plain text (no escape codes, unless --color=always), as wide as the user's
    # terminal setting or 100.
    color_system = "truecolor" if view.color is ColorWhen.ALWAYS else None
    return _terminal_text(report, view, width=_columns(100), color_system=color_system, no_color=False)


def _render_other(report: "MultiReport | Analysis", fmt: Format, view: View) -> str:
    """The N-source report, or an analysis, in any format."""
    if fmt in _JSON_FORMATS:
        from .render import json

        return json.render(report)
    if fmt is Format.MARKDOWN:
        from .render import multi_markdown

        if isinstance(report, MultiReport):
            return multi_markdown.render(report, sections=view.sections, explain=view.explain)
        return multi_markdown.render_analysis(report)
    color_system = "truecolor" if view.color is ColorWhen.ALWAYS else None
    return _terminal_text(report, view, width=_columns(100), color_system=color_system, no_color=False)


class _Sink:
    """A text buffer that tells rich which encoding the real destination has (box characters or not)."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def getvalue(self) -> str:
        return "".join(self.parts)


def _terminal_text(
    report: "AnyReport",
    view: View,
    *,
    width: int,
    color_system: str | None,
    no_color: bool,
    encoding: str = "utf-8",
) -> str:
    from rich.console import Console

    from .render import terminal

    sink = _Sink(encoding)
    console = Console(
        file=sink,  # type: ignore[arg-type]
        width=width,
        color_system=color_system,  # type: ignore[arg-type]
        force_terminal=color_system is not None,
        no_color=no_color,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        _environ={},
    )
    color = color_system is not None and not no_color
    if isinstance(report, Report):
        console.print(terminal.render(report, color=color, sections=view.sections, explain=view.explain))
    else:
        from .render import multi_terminal

        if isinstance(report, MultiReport):
            shown = multi_terminal.render(report, color=color, sections=view.sections, explain=view.explain)
        else:
            shown = multi_terminal.render_analysis(report, color=color)
        console.print(shown)
    return sink.getvalue()


def _columns(default: int) -> int:
    """COLUMNS if set to a positive number (at least 40), else ``default``; ``COLUMNS=0`` is unset."""
    try:
        value = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        return default
    return max(40, value) if value > 0 else default


def _terminal_size() -> tuple[int, int]:
    """Columns and rows of the terminal on stdout: COLUMNS and LINES win, 80 x 24 if unknown."""
    cols, rows = 0, 0
    with suppress(OSError, ValueError, AttributeError):
        size = os.get_terminal_size(sys.stdout.fileno())
        cols, rows = size.columns, size.lines
    columns = _columns(cols if cols > 0 else 80)
    try:
        lines = int(os.environ.get("LINES", ""))
    except ValueError:
        lines = 0
    return columns, lines if lines > 0 else rows if rows > 0 else 24


_ASCII = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‘": "'",
        "’": "'",
        "—": "--",
        "–": "-",
        "…": "...",
        "•": "*",
        "·": "|",
        "×": "x",
        "⚠": "!",
        "─": "-",
        "~": "~",
    }
)


def _encode_for(text: str, encoding: str) -> bytes:
    """Text for a stdout whose encoding is not UTF-8 (``PYTHONIOENCODING=latin-1``, an ASCII
    locale): the report's own punctuation in ASCII, other characters that do not fit as ``?``."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        pass
    except LookupError:
        return text.encode("utf-8", "backslashreplace")
    return text.translate(_ASCII).encode(encoding, "replace")


def _print_terminal(report: "AnyReport", view: View) -> None:
    """The terminal report on stdout: coloured on a terminal, paged when taller than the window."""
    from rich.console import Console

    stream = sys.stdout
    # rich decides colour as users expect: a terminal, NO_COLOR, FORCE_COLOR, TERM=dumb.
    probe = Console(file=stream, force_terminal=True if view.color is ColorWhen.ALWAYS else None)
    if view.color is ColorWhen.NEVER:
        color_system: str | None = None
    elif view.color is ColorWhen.ALWAYS:
        color_system = probe.color_system or "standard"
    else:
        color_system = probe.color_system
    no_color = False if view.color is ColorWhen.ALWAYS else probe.no_color
    tty = _isatty(stream)
    width, height = _terminal_size() if tty else (_columns(80), 0)
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    text = _terminal_text(
        report, view, width=width, color_system=color_system, no_color=no_color, encoding=encoding
    )
    data = _encode_for(text, encoding)
    if tty and view.pager and text.count("\n") > height:
        command = _pager_command()
        if command is not None and _page(data, command):
            return
    _write_stdout(data)


def _pager_command() -> str | None:
    """The pager: STORYDIFF_PAGER, else PAGER, else ``less -R``; empty or ``cat`` means none."""
    for name in ("STORYDIFF_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            value = value.strip()
            return None if value in {"", "cat"} else value
    return DEFAULT_PAGER


def _page(data: bytes, command: str) -> bool:
    """Show ``data`` through the pager ``command`` (a shell command line, as git runs it).

    False when the pager cannot be started (not installed), so that the caller prints instead.
    The pager owns the terminal until it ends: Ctrl-C goes to it, not to storydiff, and quitting
    it before the end is not an error.
    """
    import shlex
    import shutil
    import subprocess

    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        return False
    if shutil.which(program) is None:
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    _flush_stdout()
    try:
        proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread
        previous = None
    try:
        assert proc.stdin is not None
        with suppress(BrokenPipeError):  # the pager was quit before the end
            try:
                proc.stdin.write(data)
            finally:
                with suppress(BrokenPipeError):
                    proc.stdin.close()
        proc.wait()
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    return True


def _flush_stdout() -> None:
    stream = sys.stdout
    if stream is None:
        return
    try:
        stream.flush()
    except BrokenPipeError:
        _broken_pipe()
    except ValueError:  # closed
        pass
    except OSError as exc:
        _detach_stdout()
        raise UsageError(f"standard output: {_os_reason(exc)}; write the report to a file with -o") from exc


def _write_stdout(data: bytes) -> None:
    """Write bytes to stdout (UTF-8 whatever the locale), quietly giving up on a closed pipe.

    Any other failure (``> /dev/full``: no space left) is one line and exit 2, as for a file.
    """
    stream = sys.stdout
    if stream is None:
        raise UsageError("standard output is closed; write the report to a file with -o FILE")
    try:
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            # Unbuffered (python -u) stdout is a raw file, whose write may take only part of the
            # data, when the reader has gone away for instance: write until all is taken.
            view = memoryview(data)
            while view:
                view = view[buffer.write(view) or 0 :]
            buffer.flush()
        else:
            stream.write(data.decode("utf-8", "replace"))
            stream.flush()
    except BrokenPipeError:
        _broken_pipe()
    except OSError as exc:
        _detach_stdout()
        raise UsageError(f"standard output: {_os_reason(exc)}; write the report to a file with -o") from exc


def _detach_stdout() -> None:
    """Point stdout at /dev/null, and drop what is buffered, so that the interpreter's final
    flush does not fail again (and print an "Exception ignored" message)."""
    with suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    with suppress(OSError, ValueError, AttributeError):
        sys.stdout.flush()


def _stdout_went_away() -> bool:
    """True when rich or click have given up on stdout after a broken pipe."""
    from typer._click.utils import PacifyFlushWrapper

    if isinstance(sys.stdout, PacifyFlushWrapper):
        return True
    try:
        return os.path.samestat(os.fstat(sys.stdout.fileno()), os.stat(os.devnull))
    except (OSError, ValueError, AttributeError):
        return False


def _broken_pipe() -> NoReturn:
    _detach_stdout()
    raise typer.Exit(EXIT_BROKEN_PIPE)


__all__ = [
    "ColorWhen",
    "Format",
    "View",
    "app",
    "check_inputs",
    "check_output",
    "choose_format",
    "distinct_labels",
    "main",
    "sample_documents",
    "write_atomic",
]
