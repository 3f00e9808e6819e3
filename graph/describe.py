"""What the graph says about one IRI, gathered for an entity page: labels, links and facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyoxigraph as ox

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
LAPE = "https://w3id.org/lapekg/ontology#"
PROV = "http://www.w3.org/ns/prov#"

CODES = (LAPE + "code", DCT + "identifier", SKOS + "notation")
LABELS = (SKOS + "prefLabel", RDFS + "label", DCT + "title", FOAF + "name")
# Shown elsewhere on the page or too long to be useful as a property row.
HIDDEN_VALUES = {LAPE + "lemmas", LAPE + "text", SKOS + "hiddenLabel"}
HIDDEN_INCOMING = {RDF + "subject", RDF + "object", LAPE + "refersTo", DCT + "isPartOf"}
MAX_LINKS_PER_PREDICATE = 100
MAX_FACTS = 300


@dataclass(frozen=True)
class Value:
    predicate: str
    value: str
    lang: str | None
    datatype: str | None


@dataclass(frozen=True)
class Link:
    predicate: str
    iri: str
    label: str | None


@dataclass(frozen=True)
class Fact:
    statement: str
    subject: str
    subject_label: str | None
    predicate: str
    object: str
    object_label: str | None
    object_is_iri: bool
    passage: str | None
    passage_text: str | None
    span_start: int | None
    span_end: int | None
    confidence: float | None
    document: str | None
    document_title: str | None


@dataclass
class EntityView:
    iri: str
    label: str | None
    labels: dict[str, list[str]] = field(default_factory=dict)
    types: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    text: str | None = None
    values: list[Value] = field(default_factory=list)
    outgoing: dict[str, list[Link]] = field(default_factory=dict)
    incoming: dict[str, list[Link]] = field(default_factory=dict)
    incoming_counts: dict[str, int] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)


class Describer:
    """Reads one store with pyoxigraph's pattern lookups (no SPARQL text is built)."""

    def __init__(self, store: Any, lang: str = "fi") -> None:
        self.store: ox.Store = getattr(store, "ox", store)
        self.lang = lang
        self._labels: dict[str, str | None] = {}

    def _nn(self, iri: str) -> ox.NamedNode:
        import pyoxigraph as ox

        return ox.NamedNode(iri)

    def _objects(self, subject: Any, predicate: str) -> list[Any]:
        return [q.object for q in self.store.quads_for_pattern(subject, self._nn(predicate),
                                                               None, None)]

    def _one(self, subject: Any, predicate: str) -> Any:
        found = self._objects(subject, predicate)
        return found[0] if found else None

    def label(self, iri: str) -> str | None:
        """The label in the page's language, else Finnish, else any label, title or name."""
        if iri not in self._labels:
            node = self._nn(iri)
            best: tuple[int, str] | None = None
            for rank_p, predicate in enumerate(LABELS):
                for term in self._objects(node, predicate):
                    lang = getattr(term, "language", None)
                    rank = rank_p * 3 + (0 if lang == self.lang else 1 if lang in ("fi", None)
                                         else 2)
                    if best is None or rank < best[0]:
                        best = (rank, term.value)
            self._labels[iri] = best[1] if best else None
        return self._labels[iri]

    def describe(self, iri: str) -> EntityView | None:
        """The view of `iri`, or None when the graph neither says anything about it nor to it."""
        import pyoxigraph as ox

        node = self._nn(iri)
        out = list(self.store.quads_for_pattern(node, None, None, None))
        # Each triple once: the default graph repeats the named graphs' triples (their merge).
        inc = list({(q.subject, q.predicate, q.object): q
                    for q in self.store.quads_for_pattern(None, None, node, None)}.values())
        if not out and not inc and not self.store.contains_named_graph(node):
            return None
        view = EntityView(iri, self.label(iri))
        seen: set[tuple[str, str]] = set()
        for q in out:
            p, o = q.predicate.value, q.object
            view.graphs.append(q.graph_name.value if isinstance(q.graph_name, ox.NamedNode)
                               else "")
            if (p, str(o)) in seen:
                continue
            seen.add((p, str(o)))
            if p == RDF + "type":
                view.types.append(o.value)
            elif isinstance(o, ox.Literal):
                if p in CODES:
                    view.codes.append(o.value)
                elif p in LABELS or p == SKOS + "altLabel":
                    view.labels.setdefault(o.language or "", []).append(o.value)
                elif p == LAPE + "text" and LAPE + "Passage" in self._types(node):
                    view.text = o.value
                elif p not in HIDDEN_VALUES:
                    view.values.append(Value(p, o.value, o.language, o.datatype.value
                                             if o.datatype else None))
            elif isinstance(o, ox.NamedNode):
                view.outgoing.setdefault(p, []).append(Link(p, o.value, self.label(o.value)))
        view.graphs = sorted({g for g in view.graphs if g})
        for q in inc:
            p = q.predicate.value
            if p in HIDDEN_INCOMING or not isinstance(q.subject, ox.NamedNode):
                continue
            links = view.incoming.setdefault(p, [])
            view.incoming_counts[p] = view.incoming_counts.get(p, 0) + 1
            if len(links) < MAX_LINKS_PER_PREDICATE and all(li.iri != q.subject.value
                                                           for li in links):
                links.append(Link(p, q.subject.value, self.label(q.subject.value)))
        view.facts = self.facts(node)
        return view

    def _types(self, node: Any) -> set[str]:
        return {t.value for t in self._objects(node, RDF + "type")}

    def _statements(self, node: Any) -> list[Any]:
        """Statements about the node, from the passage, or in the document's graph."""
        found: dict[str, Any] = {}
        for predicate in (RDF + "subject", RDF + "object", LAPE + "sourcePassage"):
            for q in self.store.quads_for_pattern(None, self._nn(predicate), node, None):
                found.setdefault(q.subject.value, q.subject)
        if self.store.contains_named_graph(node):
            for q in self.store.quads_for_pattern(None, self._nn(RDF + "type"),
                                                  self._nn(LAPE + "Statement"), node):
                found.setdefault(q.subject.value, q.subject)
        return list(found.values())

    def facts(self, node: Any) -> list[Fact]:
        import pyoxigraph as ox

        facts = []
        for st in self._statements(node)[:MAX_FACTS]:
            s, p, o = (self._one(st, RDF + r) for r in ("subject", "predicate", "object"))
            if s is None or p is None or o is None:
                continue
            passage = self._one(st, LAPE + "sourcePassage")
            text = self._one(passage, LAPE + "text") if passage is not None else None
            doc = self._one(passage, LAPE + "inDocument") if passage is not None else None
            conf, start, end = (self._one(st, LAPE + r)
                                for r in ("confidence", "spanStart", "spanEnd"))
            o_iri = isinstance(o, ox.NamedNode)
            facts.append(Fact(
                st.value, s.value, self.label(s.value), p.value, o.value,
                self.label(o.value) if o_iri else None, o_iri,
                passage.value if passage is not None else None,
                text.value if text is not None else None,
                int(start.value) if start is not None else None,
                int(end.value) if end is not None else None,
                float(conf.value) if conf is not None else None,
                doc.value if doc is not None else None,
                self.label(doc.value) if doc is not None else None))
        facts.sort(key=lambda f: (-(f.confidence or 0), f.predicate, f.statement))
        return facts
