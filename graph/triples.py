"""Records to quads: documents, passages, mentions, entities and facts with PROV-O provenance."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import RDF, RDFS, SKOS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV

from graph.store import Quad
from ingest.records import AnalysedDocument, Fact, Mention
from ontology.iris import IriMinter, slug
from ontology.namespace import LAPE

# The predicate a fact names, as a property of the vocabulary.
PREDICATES: dict[str, URIRef] = {
    "inRegion": LAPE.inRegion,
    "administeredBy": LAPE.administeredBy,
    "partner": LAPE.partner,
    "funder": LAPE.funder,
    "fundingAmount": LAPE.fundingAmount,
    "startDate": LAPE.startDate,
    "endDate": LAPE.endDate,
    "piloted": LAPE.piloted,
    "implemented": LAPE.implemented,
    "developing": LAPE.developing,
    "trained": LAPE.trained,
    "planned": LAPE.planned,
    "created": LAPE.created,
    "hasResult": LAPE.hasResult,
    "hasRole": ORG.hasMembership,
    "aboutRegion": LAPE.aboutRegion,
}
CLASSES = {
    "Region": LAPE.Region, "Municipality": LAPE.Municipality, "Organisation": LAPE.Organisation,
    "Project": LAPE.Project, "Method": LAPE.Method, "Person": LAPE.Person, "Role": LAPE.Role,
    "Result": LAPE.Result,
}


def entity_iri(minter: IriMinter, kind: str, key: str) -> URIRef:
    return {
        "Region": minter.region, "Municipality": minter.municipality,
        "Organisation": minter.organisation, "Project": minter.project, "Method": minter.method,
        "Person": minter.person, "Role": minter.role, "Document": minter.document,
    }[kind](key)


class TripleMaker:
    """Mints IRIs and writes one document's quads into the named graph of that document."""

    def __init__(self, minter: IriMinter) -> None:
        self.minter = minter

    def document_quads(self, ad: AnalysedDocument) -> Iterator[Quad]:
        doc = ad.document
        m = self.minter
        d = m.document(doc.key)
        g = d
        yield d, RDF.type, LAPE.Document, g
        yield d, DCTERMS.title, Literal(doc.title, lang=doc.language), g
        yield d, DCTERMS.identifier, Literal(doc.key), g
        yield d, DCTERMS.source, Literal(doc.path), g
        yield d, DCTERMS.format, Literal(doc.fmt), g
        yield d, DCTERMS.language, Literal(doc.language), g
        yield d, LAPE.text, Literal(doc.text), g
        if doc.meta.kind:
            yield d, DCTERMS.type, Literal(doc.meta.kind), g
        if doc.meta.date:
            yield d, DCTERMS.date, Literal(doc.meta.date), g
        if doc.meta.source:
            yield d, DCTERMS.description, Literal(doc.meta.source), g
        for ap in ad.passages:
            p = ap.passage
            pi = m.passage(doc.key, p.index)
            yield pi, RDF.type, LAPE.Passage, g
            if doc.is_related(p.start):
                yield pi, RDF.type, LAPE.RelatedPassage, g
            yield pi, LAPE.inDocument, d, g
            yield pi, LAPE.passageIndex, Literal(p.index), g
            yield pi, LAPE.start, Literal(p.start), g
            yield pi, LAPE.end, Literal(p.end), g
            yield pi, LAPE.text, Literal(p.text, lang=doc.language), g
            yield pi, LAPE.lemmas, Literal(" ".join(ap.lemmas)), g
            yield pi, DCTERMS.isPartOf, d, g
        # Related material's mentions serve search and reading only: the graph states what the
        # document itself says.
        related = {ap.passage.index for ap in ad.passages if doc.is_related(ap.passage.start)}
        for mention in ad.mentions:
            if mention.passage_index not in related:
                yield from self._mention_quads(doc.key, mention, g)
        for kind, key, label in ad.new_entities:
            e = entity_iri(m, kind, key)
            yield e, RDF.type, CLASSES[kind], g
            yield e, SKOS.prefLabel, Literal(label, lang="fi"), g
            yield e, RDFS.label, Literal(label), g
            if kind == "Person":
                yield e, RDF.type, FOAF.Person, g
                yield e, FOAF.name, Literal(label), g
        for kind, key, label in ad.alt_labels:
            yield entity_iri(m, kind, key), SKOS.altLabel, Literal(label, lang="fi"), g
        for fact in ad.facts:
            yield from self._fact_quads(fact, g)

    def _mention_quads(self, doc_key: str, mention: Mention, g: URIRef) -> Iterator[Quad]:
        m = self.minter
        p = m.passage(doc_key, mention.passage_index)
        node = m.mention(doc_key, mention.passage_index, mention.start, mention.end)
        target = entity_iri(m, mention.kind, mention.key)
        yield p, LAPE.mentions, target, g
        yield p, LAPE.hasMention, node, g
        yield node, RDF.type, LAPE.Mention, g
        yield node, LAPE.surface, Literal(mention.surface), g
        yield node, LAPE.start, Literal(mention.start), g
        yield node, LAPE.end, Literal(mention.end), g
        yield node, LAPE.refersTo, target, g
        yield node, LAPE.extractor, m.extractor(slug(mention.source)), g
        yield m.extractor(slug(mention.source)), RDF.type, LAPE.Extractor, g
        if mention.ner_label:
            yield node, LAPE.nerLabel, Literal(mention.ner_label), g

    def _object(self, fact: Fact) -> Literal | URIRef:
        if fact.object_kind is not None and fact.object_key is not None:
            return entity_iri(self.minter, fact.object_kind, fact.object_key)
        if fact.predicate == "fundingAmount":
            return Literal(f"{float(fact.value):.2f}", datatype=XSD.decimal)  # type: ignore[arg-type]
        if fact.predicate in ("startDate", "endDate"):
            return Literal(str(fact.value), datatype=XSD.date)
        return Literal(str(fact.value))

    def _fact_quads(self, fact: Fact, g: URIRef) -> Iterator[Quad]:
        m = self.minter
        s = entity_iri(m, fact.subject_kind, fact.subject_key)
        p_name = fact.predicate
        passage = m.passage(fact.doc_key, fact.passage_index)
        extra = dict(fact.extra)
        if p_name == "hasResult":
            # One result a counted quantity: "6 perhekeskusta ja 9 kohtaamispaikkaa" are two
            # results of one sentence, each with its own lape:quantity.
            key = [fact.doc_key, str(fact.passage_index), str(fact.start), str(fact.end)]
            if "quantity" in extra:
                key.append(extra["quantity"])
            o: URIRef | Literal = m.result(*key)
            yield o, RDF.type, LAPE.Result, g
            yield o, RDFS.label, Literal(str(fact.value), lang="fi"), g
            if "quantity" in extra:
                yield o, LAPE.quantity, Literal(extra["quantity"], datatype=XSD.decimal), g
            if "date" in extra:
                yield o, LAPE.resultDate, Literal(extra["date"], datatype=XSD.date), g
            if "method" in extra:
                yield o, LAPE.aboutMethod, m.method(extra["method"]), g
        elif p_name == "hasRole":
            # A person's role as an org:Membership: member, role, organisation or project.
            o = m.statement("membership", fact.subject_key, extra.get("role", ""),
                            extra.get("in_key", ""))
            yield o, RDF.type, ORG.Membership, g
            yield o, ORG.member, s, g
            yield o, ORG.role, m.role(extra["role"]), g
            if extra.get("in_kind"):
                yield o, ORG.organization, entity_iri(m, extra["in_kind"], extra["in_key"]), g
        else:
            o = self._object(fact)
        predicate = PREDICATES[p_name]
        yield s, predicate, o, g
        st = m.statement(str(s), str(predicate), str(o), str(passage), str(fact.start),
                         str(fact.end))
        yield st, RDF.type, LAPE.Statement, g
        yield st, RDF.subject, s, g
        yield st, RDF.predicate, predicate, g
        yield st, RDF.object, o, g
        yield st, LAPE.sourcePassage, passage, g
        yield st, PROV.wasDerivedFrom, passage, g
        yield st, LAPE.spanStart, Literal(fact.start), g
        yield st, LAPE.spanEnd, Literal(fact.end), g
        yield st, LAPE.extractor, m.extractor(slug(fact.extractor)), g
        yield m.extractor(slug(fact.extractor)), RDF.type, LAPE.Extractor, g
        yield st, LAPE.confidence, Literal(f"{fact.confidence:.2f}", datatype=XSD.decimal), g
        if p_name == "fundingAmount" and "kind" in extra:
            # "grant", "total" or "own" (ingest/extract/lexicon.py FUNDING_KINDS)
            yield st, LAPE.fundingKind, Literal(extra["kind"], datatype=XSD.string), g
