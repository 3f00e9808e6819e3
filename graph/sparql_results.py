"""SELECT results read once, in one pass, then written in a standard results format.

A query's solutions can be read only once. To refuse a result over the row cap without running
the query a second time, the rows are buffered (up to cap + 1), written as SPARQL 1.1 Query
Results JSON here, and, for XML, CSV and TSV, converted by pyoxigraph's own results writer, so
every format stays exactly the one Oxigraph writes.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDF_DIR_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString"


def term_json(term: Any) -> dict[str, Any]:
    """One RDF term as a SPARQL 1.1 JSON results binding (RDF-star triples included)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
            direction = getattr(term, "direction", None)
            if direction:
                out["its:dir"] = str(direction)
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING, RDF_DIR_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def solutions_json(variables: Sequence[str], rows: Iterable[Any]) -> bytes:
    """SPARQL 1.1 Query Results JSON for solutions (pyoxigraph QuerySolution rows)."""
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    keys = [dumps(name) + ":" for name in variables]
    encoded: dict[Any, str] = {}  # terms repeat across rows (predicates, types): encode once
    parts = []
    for row in rows:
        fields = []
        for key, value in zip(keys, row, strict=True):
            if value is None:
                continue
            text = encoded.get(value)
            if text is None:
                text = encoded[value] = dumps(term_json(value))
            fields.append(key + text)
        parts.append("{" + ",".join(fields) + "}")
    head = dumps({"vars": list(variables)})
    document = '{"head":' + head + ',"results":{"bindings":[' + ",".join(parts) + "]}}"
    return document.encode("utf-8")


def write_solutions(variables: Sequence[str], rows: Sequence[Any], fmt_name: str) -> bytes:
    """The buffered solutions in `fmt_name` (a pyoxigraph QueryResultsFormat name)."""
    import pyoxigraph as ox

    body = solutions_json(variables, rows)
    if fmt_name == "JSON":
        return body
    out = io.BytesIO()
    ox.parse_query_results(body, ox.QueryResultsFormat.JSON).serialize(
        out, getattr(ox.QueryResultsFormat, fmt_name))
    return out.getvalue()
