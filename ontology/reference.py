"""Reference data (regions, municipalities, organisations, methods, roles) as records and RDF."""

from collections.abc import Iterator
from pathlib import Path

from rdflib import DCTERMS, ORG, RDF, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from ontology.iris import IriMinter
from ontology.namespace import LAPE
from ontology.reference_files import (
    load_concepts,
    load_municipalities,
    load_organisations,
    load_programmes,
    load_regions,
)
from ontology.reference_records import (  # noqa: F401  (re-exported: the records' usual home)
    KINDS,
    ORGANISATION_CLASSES,
    ReferenceData,
    ReferenceDataError,
    ReferenceEntity,
)

ONTOLOGY_DIR = Path(__file__).parent
DEFAULT_REFERENCE_DIR = ONTOLOGY_DIR / "reference"

# Superclasses materialised in reference_triples so that queries need no RDFS inference.
_SUPERCLASSES: dict[str, tuple[URIRef, ...]] = {
    "Region": (),
    "Municipality": (LAPE.Organisation,),
    "Organisation": (),
    "Method": (SKOS.Concept,),
    "Role": (SKOS.Concept, ORG.Role),
    "Project": (),
    **{cls: (LAPE.Organisation,) for cls in ORGANISATION_CLASSES if cls != "Organisation"},
}
_SCHEMES = {  # kind -> (scheme key, Finnish label, English label); as in methods.ttl / roles.ttl
    "Method": (
        "methods",
        "Lapsi- ja perhepalvelujen toimintamallit",
        "Working models of child and family services",
    ),
    "Role": ("roles", "Tehtävänimikkeet", "Roles and job titles"),
}
def load_reference(ref_dir: Path | None = None) -> ReferenceData:
    """Load and cross-check regions, municipalities, organisations, methods and roles."""
    ref_dir = DEFAULT_REFERENCE_DIR if ref_dir is None else Path(ref_dir)
    regions = load_regions(ref_dir / "regions.csv")
    region_codes = {e.code for e in regions}
    municipalities = load_municipalities(ref_dir / "municipalities.csv", region_codes)
    organisations = load_organisations(ref_dir / "organisations.csv", region_codes)
    methods = load_concepts(ref_dir / "methods.ttl", "Method", LAPE.Method)
    roles = load_concepts(ref_dir / "roles.ttl", "Role", LAPE.Role)
    programmes = load_programmes(ref_dir / "programmes.csv")
    return ReferenceData((*regions, *municipalities, *organisations, *methods, *roles,
                          *programmes))


def entity_iri(entity: ReferenceEntity, minter: IriMinter) -> URIRef:
    """The IRI of a reference entity under the minter's base."""
    mint = {
        "Region": minter.region,
        "Municipality": minter.municipality,
        "Organisation": minter.organisation,
        "Method": minter.method,
        "Role": minter.role,
        "Project": minter.project,
    }[entity.kind]
    return mint(entity.key)


def reference_triples(ref: ReferenceData, minter: IriMinter) -> Iterator[tuple[Node, Node, Node]]:
    """RDF triples for all reference entities and the two concept schemes.

    Types (with lape/SKOS superclasses materialised), language-tagged skos:prefLabel, altLabel and
    hiddenLabel, lape:code, lape:inRegion, skos:broader, skos:inScheme/topConceptOf,
    skos:definition and dcterms:source.
    """
    for kind, (scheme_key, label_fi, label_en) in _SCHEMES.items():
        if ref.by_kind(kind):
            scheme = minter.scheme(scheme_key)
            yield scheme, RDF.type, SKOS.ConceptScheme
            yield scheme, SKOS.prefLabel, Literal(label_fi, lang="fi")
            yield scheme, SKOS.prefLabel, Literal(label_en, lang="en")
    for entity in ref.entities:
        yield from _entity_triples(entity, minter)


def ontology_graph() -> Graph:
    """The vocabulary (lapekg.ttl) with the method and role concept schemes."""
    graph = Graph()
    graph.bind("lape", LAPE._NS)
    for path in (
        ONTOLOGY_DIR / "lapekg.ttl",
        DEFAULT_REFERENCE_DIR / "methods.ttl",
        DEFAULT_REFERENCE_DIR / "roles.ttl",
    ):
        graph.parse(path, format="turtle")
    return graph


def _entity_triples(
    entity: ReferenceEntity, minter: IriMinter
) -> Iterator[tuple[Node, Node, Node]]:
    iri = entity_iri(entity, minter)
    yield iri, RDF.type, LAPE[entity.cls]
    for superclass in _SUPERCLASSES[entity.cls]:
        yield iri, RDF.type, superclass
    for label, lang in ((entity.pref_fi, "fi"), (entity.pref_sv, "sv"), (entity.pref_en, "en")):
        if label:
            yield iri, SKOS.prefLabel, Literal(label, lang=lang)
    for label in entity.alt_labels:
        yield iri, SKOS.altLabel, Literal(label, lang=entity.lang_of(label))
    for label in entity.hidden_labels:
        yield iri, SKOS.hiddenLabel, Literal(label, lang=entity.lang_of(label))
    if entity.code:
        yield iri, LAPE.code, Literal(entity.code)
    if entity.region_code:
        yield iri, LAPE.inRegion, minter.region(entity.region_code)
    if entity.kind in _SCHEMES:
        scheme = minter.scheme(_SCHEMES[entity.kind][0])
        yield iri, SKOS.inScheme, scheme
        if not entity.broader:
            yield iri, SKOS.topConceptOf, scheme
            yield scheme, SKOS.hasTopConcept, iri
        same_kind = minter.method if entity.kind == "Method" else minter.role
        for key in entity.broader:
            yield iri, SKOS.broader, same_kind(key)
    if entity.definition:
        yield iri, SKOS.definition, Literal(entity.definition, lang="en")
    if entity.source:
        yield iri, DCTERMS.source, Literal(entity.source, lang="en")
