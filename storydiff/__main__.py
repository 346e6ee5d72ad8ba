"""``python -m storydiff``: the same program as the ``storydiff`` command."""

# _signal, not signal: the signal module builds its enums on import, which takes milliseconds.
import _signal  # type: ignore[import-not-found]
import os


def _exit_interrupted(signum: int, frame: object) -> None:
    os._exit(130)


if __name__ == "__main__":
    # Ctrl-C while the program loads ends it quietly (exit 130) instead of printing a traceback
    # of the import machinery; storydiff.cli.main() puts Python's own handler back.
    _signal.signal(_signal.SIGINT, _exit_interrupted)

from storydiff.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
