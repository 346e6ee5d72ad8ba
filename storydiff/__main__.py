"""``python -m storydiff``."""

from storydiff.cli import main

main()
