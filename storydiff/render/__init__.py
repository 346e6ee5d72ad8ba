"""One renderer per output format, all reading the same :class:`~storydiff.model.Report`."""
