"""Renderers: terminal (rich), Markdown and JSON views of a :class:`~storydiff.model.Report`, of a
:class:`~storydiff.model.MultiReport` (``multi_terminal``, ``multi_markdown``) and of an
:class:`~storydiff.model.Analysis`."""

SECTIONS = ("summary", "conflicts", "quotes", "facts", "passages", "only")
"""The parts of a human-readable report, in the order they are shown; ``--only`` picks among them.

``summary`` is the overview table and counts (for three sources or more, with the coverage
matrix), ``conflicts`` the conflicting figures, ``quotes`` shared, one-sided and paraphrased
quotes, ``facts`` the facts only one source reports, ``passages`` the shared passages side by side
and ``only`` the sentences only one source has.
"""
