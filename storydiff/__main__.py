"""``python -m storydiff``: the same program as the ``storydiff`` command."""

from storydiff.cli import main

if __name__ == "__main__":
    main()
