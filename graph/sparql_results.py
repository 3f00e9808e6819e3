"""SELECT results read once, counted against the row cap, written by Oxigraph's own writers.

A query's solutions can be read only once. To refuse a result over the row cap without running
the query a second time, and without turning every term into a Python object, the solutions
are written by pyoxigraph's native TSV writer into a sink that counts lines: in SPARQL TSV one
solution is one line (a newline inside a literal is written as the escape \\n), after one header
line. The sink stops the query as soon as the cap is passed. A result within the cap is then
converted natively (TSV is lossless: every term is written in its Turtle form) into the format
asked for, so every format stays exactly the one Oxigraph writes.
"""

from __future__ import annotations

import io
from typing import Any


class RowCapExceededError(Exception):
    """Raised inside the native writer to stop it: more solutions than the cap."""


class _LineCountingSink:
    """A binary file-like for pyoxigraph's writers: keeps the bytes, counts the lines and stops
    the writer once it has more than `max_lines`."""

    def __init__(self, max_lines: int) -> None:
        self.max_lines = max_lines
        self.lines = 0
        self.parts: list[bytes] = []

    def write(self, chunk: Any) -> int:
        data = bytes(chunk)
        self.lines += data.count(b"\n")
        if self.lines > self.max_lines:
            raise RowCapExceededError
        self.parts.append(data)
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the bytes are kept in memory."""


def capped_solutions(solutions: Any, max_rows: int, fmt_name: str) -> bytes | None:
    """The solutions (a pyoxigraph QuerySolutions) in `fmt_name` (a QueryResultsFormat name), or
    None when there are more than `max_rows` (the evaluation stops there)."""
    import pyoxigraph as ox

    sink = _LineCountingSink(max_rows + 1)  # the header line, then one line per solution
    try:
        solutions.serialize(sink, ox.QueryResultsFormat.TSV)
    except RowCapExceededError:
        return None
    tsv = b"".join(sink.parts)
    if fmt_name == "TSV":
        return tsv
    out = io.BytesIO()
    ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(
        out, getattr(ox.QueryResultsFormat, fmt_name))
    return out.getvalue()
