"""What a SPARQL query or update may do, decided from its parse tree, never from its text.

SERVICE and LOAD would make the server fetch URLs for the caller (a port scanner, a proxy to
the host's own network): both are refused wherever they sit — nested groups, OPTIONAL, UNION,
MINUS, subqueries, EXISTS, the WHERE of an update.

The parser is rdflib's SPARQL 1.1 grammar, fed the exact text Oxigraph will run: rdflib's
usual expansion of \\u escapes is skipped, because Oxigraph does not expand them and the two
parsers would then read different queries. What rdflib cannot parse is refused (fail closed).
A text in which no SERVICE or LOAD token can occur (neither word appears, in any letter case)
needs no tree: it is let through unparsed, which keeps typical queries fast.
"""

from __future__ import annotations

import functools
import re
from typing import Any

# Keywords are ASCII and case-insensitive; a token cannot be split by a comment or an escape.
_NEEDS_TREE = re.compile(r"service|load", re.IGNORECASE)
_FETCHING = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD"}
_MAX_DEPTH = 400


class SparqlError(ValueError):
    """A query the endpoint refuses or cannot parse; the message is the user's to read."""


def inspect_query(text: str) -> None:
    """Refuse a query that uses SERVICE (LOAD is an update, refused by the grammar)."""
    if _NEEDS_TREE.search(text):
        _raise(_verdict("query", text))


def inspect_update(text: str) -> None:
    """Refuse an update that uses LOAD, or SERVICE in any WHERE clause."""
    if _NEEDS_TREE.search(text):
        _raise(_verdict("update", text))


@functools.lru_cache(maxsize=1024)
def _verdict(kind: str, text: str) -> str | None:
    """Why the text is refused (its parse error, SERVICE, LOAD), or None: parsed once per text,
    and the verdict kept, never the tree (a repeated query, refused or not, is not parsed
    again)."""
    try:
        _refuse_fetching(_parse(kind, text))
    except SparqlError as exc:
        return str(exc)
    return None


def _raise(verdict: str | None) -> None:
    if verdict is not None:
        raise SparqlError(verdict)


def refuse_fetching(text: str) -> None:
    """Refuse SERVICE and LOAD in a query or an update (whichever the text parses as)."""
    if not _NEEDS_TREE.search(text):
        return
    try:
        tree = _parse("query", text)
    except SparqlError as query_error:
        try:
            tree = _parse("update", text)
        except SparqlError:
            raise query_error from None
    _refuse_fetching(tree)


def parse_hint(message: str, line: int | None, column: int | None) -> str:
    """A parser's message with a pointer a person can act on."""
    if line is None:
        return message
    return (f"{message} — check the brace, dot or keyword just before line {line}, "
            f"column {column} (every '{{' needs its '}}', every triple ends with '.' or '}}')")


def _parse(kind: str, text: str) -> Any:
    import pyparsing
    from rdflib.plugins.sparql import parser

    grammar = parser.Query if kind == "query" else parser.UpdateUnit
    try:
        tree = grammar.parse_string(text, parse_all=True)
    except pyparsing.ParseBaseException as exc:
        expected = str(exc.msg)[:120]
        near = (exc.line or "").strip()[:60]
        where = f" near {near!r}" if near else ""
        raise SparqlError(parse_hint(
            f"{kind} parse error at {exc.lineno}:{exc.col}: {expected}{where}",
            exc.lineno, exc.col)) from None
    except RecursionError:
        raise SparqlError(f"the {kind} is nested too deeply to check; flatten its groups") \
            from None
    return tree if kind == "query" else tree[0]


def _refuse_fetching(tree: Any) -> None:
    found = _find_fetching(tree, 0)
    if found:
        raise SparqlError(f"{found} is not allowed: this endpoint does not fetch data from "
                          "other hosts")


def _find_fetching(node: Any, depth: int) -> str | None:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if depth > _MAX_DEPTH:
        raise SparqlError("the query is nested too deeply to check; flatten its groups")
    if isinstance(node, CompValue):
        if node.name in _FETCHING:
            return _FETCHING[node.name]
        children: Any = node.values()
    elif isinstance(node, ParseResults | list | tuple):
        children = node
    else:
        return None
    for child in children:
        found = _find_fetching(child, depth + 1)
        if found:
            return found
    return None
