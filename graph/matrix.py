"""The region × working-model matrix: every model's strongest status in every region, with the
passages that say so, read straight from the graph's reified statements.

An actor counts for a region when it is the region, lies in it, or is administered by (or lies
in) something that lies in it — the same roll-up the "methods per region" example query uses.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from graph.statuses import LAPE, RANK, STATUSES, status_of_predicate

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

_FACTS = f"""
SELECT DISTINCT ?region ?method ?status ?passage ?conf ?year WHERE {{
  VALUES ?status {{ {' '.join(f'<{s.iri}>' for s in STATUSES)} }}
  ?st <{RDF}subject> ?actor ; <{RDF}predicate> ?status ; <{RDF}object> ?method ;
      <{LAPE}sourcePassage> ?passage .
  OPTIONAL {{ ?st <{LAPE}confidence> ?conf }}
  OPTIONAL {{ ?st <{LAPE}year> ?year }}
  {{ ?actor a <{LAPE}Region> . BIND(?actor AS ?region) }}
  UNION {{ ?actor <{LAPE}inRegion> ?region . ?region a <{LAPE}Region> }}
  UNION {{ ?actor <{LAPE}administeredBy>|<{LAPE}inRegion> ?mid . ?mid <{LAPE}inRegion> ?region .
          ?region a <{LAPE}Region> }}
}}"""
_LABELS = f"""
SELECT ?entity ?label WHERE {{
  {{ ?entity a <{LAPE}Region> }} UNION {{ ?entity a <{LAPE}Method> }}
  ?entity <{SKOS}prefLabel> ?label .
}}"""


@dataclass
class Cell:
    """One region's statuses for one model: the strongest first, each with its passages."""

    region: str
    method: str
    statuses: dict[str, list[str]] = field(default_factory=dict)  # status key -> passages
    years: dict[str, int] = field(default_factory=dict)            # status key -> earliest year

    @property
    def strongest(self) -> str:
        return min(self.statuses, key=lambda k: RANK[k])

    def ordered(self) -> list[dict[str, Any]]:
        return [{"status": k, "year": self.years.get(k), "evidence": sorted(self.statuses[k])}
                for k in sorted(self.statuses, key=lambda k: RANK[k])]


@dataclass
class Matrix:
    regions: list[tuple[str, str]]   # (IRI, label), by label
    methods: list[tuple[str, str]]   # (IRI, label), most regions first
    cells: dict[tuple[str, str], Cell]

    def cell(self, region: str, method: str) -> Cell | None:
        return self.cells.get((region, method))

    def as_json(self) -> dict[str, Any]:
        return {
            "statuses": [s.key for s in STATUSES],
            "regions": [{"iri": i, "label": lab} for i, lab in self.regions],
            "methods": [{"iri": i, "label": lab} for i, lab in self.methods],
            "cells": [{"region": c.region, "method": c.method, "status": c.strongest,
                       "statuses": c.ordered()}
                      for c in sorted(self.cells.values(), key=lambda c: (c.region, c.method))],
        }

    def as_csv(self) -> str:
        """One row per region, model and status, with its year and evidence passages."""
        labels = dict(self.regions) | dict(self.methods)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["region", "region_label", "method", "method_label", "status",
                         "strongest", "year", "evidence"])
        for c in sorted(self.cells.values(), key=lambda c: (labels[c.region], labels[c.method])):
            for row in c.ordered():
                writer.writerow([c.region, labels[c.region], c.method, labels[c.method],
                                 row["status"], "yes" if row["status"] == c.strongest else "no",
                                 row["year"] or "", " ".join(row["evidence"])])
        return out.getvalue()


def _rows(store: Any, sparql: str) -> list[dict[str, Any]]:
    """A SELECT's rows as {variable: value}, plus {variable + "@": language} for literals."""
    store = getattr(store, "ox", store)
    solutions = store.query(sparql, use_default_graph_as_union=False)
    names = [v.value for v in solutions.variables]
    out = []
    for solution in solutions:
        row: dict[str, Any] = {}
        for name in names:
            term = solution[name]
            row[name] = None if term is None else term.value
            row[name + "@"] = getattr(term, "language", None)
        out.append(row)
    return out


def _pick_labels(store: Any, lang: str) -> dict[str, str]:
    """One preferred label per region and model: the page's language, else Finnish, else any."""
    best: dict[str, tuple[int, str]] = {}
    for row in _rows(store, _LABELS):
        rank = {lang: 0, "fi": 1}.get(row["label@"] or "", 2)
        if row["entity"] not in best or rank < best[row["entity"]][0]:
            best[row["entity"]] = (rank, row["label"])
    return {k: v for k, (_, v) in best.items()}


def build_matrix(store: Any, lang: str = "fi", min_confidence: float = 0.0) -> Matrix:
    labels = _pick_labels(store, lang)
    cells: dict[tuple[str, str], Cell] = {}
    for row in _rows(store, _FACTS):
        status = status_of_predicate(row["status"])
        conf = float(row["conf"]) if row["conf"] is not None else 1.0
        if status is None or conf < min_confidence:
            continue
        key = (row["region"], row["method"])
        cell = cells.setdefault(key, Cell(*key))
        cell.statuses.setdefault(status.key, []).append(row["passage"])
        year = _year(row["year"])
        if year is not None:
            cell.years[status.key] = min(year, cell.years.get(status.key, year))
    for cell in cells.values():
        for k in cell.statuses:
            cell.statuses[k] = sorted(set(cell.statuses[k]))
    regions = sorted(((i, labels.get(i, i)) for i in _regions(store)), key=lambda r: r[1])
    used = {m for _, m in cells}
    per_method = {m: sum(1 for _, mm in cells if mm == m) for m in used}
    methods = sorted(((m, labels.get(m, m.rsplit("/", 1)[-1])) for m in used),
                     key=lambda m: (-per_method[m[0]], m[1]))
    return Matrix(regions=regions, methods=methods, cells=cells)


def _regions(store: Any) -> list[str]:
    query = f"SELECT DISTINCT ?entity WHERE {{ ?entity a <{LAPE}Region> }}"
    return [row["entity"] for row in _rows(store, query)]


def _year(value: str | None) -> int | None:
    if value and value[:4].isdigit():
        return int(value[:4])
    return None
