"""Reference data (regions, municipalities, organisations, methods, roles) as records and RDF."""

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import DCTERMS, ORG, RDF, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from ontology.iris import IriMinter, slug
from ontology.namespace import LAPE

ONTOLOGY_DIR = Path(__file__).parent
DEFAULT_REFERENCE_DIR = ONTOLOGY_DIR / "reference"

KINDS = ("Region", "Municipality", "Organisation", "Method", "Role", "Project")
ORGANISATION_CLASSES = (
    "JointAuthority",
    "Ministry",
    "Agency",
    "NGO",
    "University",
    "Church",
    "Organisation",
)
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
_LANG_SUFFIX = re.compile(r"^(?P<text>.*\S)@(?P<lang>[a-z]{2,3})$")


class ReferenceDataError(ValueError):
    """Reference data is inconsistent; the message names the file and the offending value."""


@dataclass(frozen=True)
class ReferenceEntity:
    """One reference entity with its labels; key is the IRI tail (code for regions/municipalities).

    label_langs gives the language of alt and hidden labels that are not Finnish, as (label, lang)
    pairs; definition is an English skos:definition (methods and roles); source names the public
    source of the row.
    """

    key: str
    kind: str
    cls: str
    pref_fi: str
    pref_en: str | None
    pref_sv: str | None
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    region_code: str | None
    code: str | None
    broader: tuple[str, ...]
    label_langs: tuple[tuple[str, str], ...] = ()
    definition: str | None = None
    source: str | None = None
    collections: tuple[str, ...] = ()  # keys of the skos:Collections the concept is a member of
    # skos:definition and skos:example texts in every language, as (text, lang): what the model
    # does, in words other than its names (read by ingest/concept_descriptions.py)
    descriptions: tuple[tuple[str, str], ...] = ()

    def lang_of(self, label: str) -> str:
        """Language tag of an alt or hidden label: "fi" unless label_langs says otherwise."""
        return dict(self.label_langs).get(label, "fi")


@dataclass(frozen=True)
class ReferenceData:
    """All reference entities, with lookups by kind and key."""

    entities: tuple[ReferenceEntity, ...]

    @cached_property
    def _index(self) -> dict[tuple[str, str], ReferenceEntity]:
        return {(e.kind, e.key): e for e in self.entities}

    def by_kind(self, kind: str) -> tuple[ReferenceEntity, ...]:
        """Entities of one kind ("Region", "Municipality", "Organisation", "Method", "Role")."""
        _check_kind(kind)
        return tuple(e for e in self.entities if e.kind == kind)

    def get(self, kind: str, key: str) -> ReferenceEntity | None:
        """The entity of this kind and key, or None."""
        _check_kind(kind)
        return self._index.get((kind, key))

    @staticmethod
    def all_labels(entity: ReferenceEntity) -> tuple[str, ...]:
        """Preferred (fi, sv, en), alternative and hidden labels, in that order, deduplicated."""
        labels = (
            entity.pref_fi,
            entity.pref_sv,
            entity.pref_en,
            *entity.alt_labels,
            *entity.hidden_labels,
        )
        return tuple(dict.fromkeys(label for label in labels if label))


def load_reference(ref_dir: Path | None = None) -> ReferenceData:
    """Load and cross-check regions, municipalities, organisations, methods and roles."""
    ref_dir = DEFAULT_REFERENCE_DIR if ref_dir is None else Path(ref_dir)
    regions = _load_regions(ref_dir / "regions.csv")
    region_codes = {e.code for e in regions}
    municipalities = _load_municipalities(ref_dir / "municipalities.csv", region_codes)
    organisations = _load_organisations(ref_dir / "organisations.csv", region_codes)
    methods = _load_concepts(ref_dir / "methods.ttl", "Method", LAPE.Method)
    roles = _load_concepts(ref_dir / "roles.ttl", "Role", LAPE.Role)
    programmes = _load_programmes(ref_dir / "programmes.csv")
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


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown reference kind {kind!r}; valid kinds: {', '.join(KINDS)}")


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _split_labels(cell: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Split "A|B@en|C@sv" into labels and the (label, lang) pairs of the non-Finnish ones."""
    labels: list[str] = []
    langs: list[tuple[str, str]] = []
    for raw in cell.split("|"):
        raw = raw.strip()
        if not raw:
            continue
        match = _LANG_SUFFIX.match(raw)
        if match and match["lang"] != "fi":
            langs.append((match["text"], match["lang"]))
        labels.append(match["text"] if match else raw)
    return tuple(dict.fromkeys(labels)), tuple(dict.fromkeys(langs))


def _optional(value: str) -> str | None:
    return value or None


def _unique(entities: Iterable[ReferenceEntity], path: Path) -> tuple[ReferenceEntity, ...]:
    seen: set[str] = set()
    result = []
    for entity in entities:
        if entity.key in seen:
            raise ReferenceDataError(f"{path.name}: duplicate key {entity.key!r}")
        seen.add(entity.key)
        result.append(entity)
    return tuple(result)


def _load_regions(path: Path) -> tuple[ReferenceEntity, ...]:
    entities = []
    for row in _read_csv(path):
        alt, langs = _split_labels(row["alt_labels"])
        entities.append(
            ReferenceEntity(
                key=row["code"],
                kind="Region",
                cls="Region",
                pref_fi=row["name_fi"],
                pref_en=_optional(row["name_en"]),
                pref_sv=_optional(row["name_sv"]),
                alt_labels=alt,
                hidden_labels=(),
                region_code=None,
                code=row["code"],
                broader=(),
                label_langs=langs,
                source=_optional(row["source"]),
            )
        )
    return _unique(entities, path)


def _load_municipalities(path: Path, region_codes: set[str | None]) -> tuple[ReferenceEntity, ...]:
    entities = []
    for row in _read_csv(path):
        if row["region_code"] not in region_codes:
            raise ReferenceDataError(
                f"{path.name}: municipality {row['code']} has unknown region {row['region_code']!r}"
            )
        entities.append(
            ReferenceEntity(
                key=row["code"],
                kind="Municipality",
                cls="Municipality",
                pref_fi=row["name_fi"],
                pref_en=_optional(row["name_en"]),
                pref_sv=_optional(row["name_sv"]),
                alt_labels=(),
                hidden_labels=(),
                region_code=row["region_code"],
                code=row["code"],
                broader=(),
                source=_optional(row["source"]),
            )
        )
    return _unique(entities, path)


def _load_organisations(path: Path, region_codes: set[str | None]) -> tuple[ReferenceEntity, ...]:
    entities = []
    for row in _read_csv(path):
        key, cls, region = row["key"], row["class"], _optional(row["region_code"])
        if cls not in ORGANISATION_CLASSES:
            raise ReferenceDataError(
                f"{path.name}: {key}: class {cls!r} is not one of {', '.join(ORGANISATION_CLASSES)}"
            )
        if region is not None and region not in region_codes:
            raise ReferenceDataError(f"{path.name}: {key}: unknown region code {region!r}")
        if slug(key) != key:
            raise ReferenceDataError(f"{path.name}: key {key!r} is not a slug; use {slug(key)!r}")
        alt, langs = _split_labels(row["alt_labels"])
        hidden = _branch_short_names(_optional(row["pref_en"]))
        entities.append(
            ReferenceEntity(
                key=key,
                kind="Organisation",
                cls=cls,
                pref_fi=row["pref_fi"],
                pref_en=_optional(row["pref_en"]),
                pref_sv=_optional(row["pref_sv"]),
                alt_labels=alt,
                hidden_labels=hidden,
                region_code=region,
                code=None,
                broader=(),
                label_langs=langs + tuple((h, "en") for h in hidden),
                source=_optional(row["source"]),
            )
        )
    return _unique(entities, path)


def _branch_short_names(name_en: str | None) -> tuple[str, ...]:
    """The Finnish branch of an international body ("SOS Children's Villages Finland", "UNICEF
    Finland") goes by the movement's name in English text about Finland; "University of
    Eastern Finland" keeps its whole name."""
    if not name_en or not name_en.endswith(" Finland"):
        return ()
    # "... of Southwest Finland", "... in Eastern Finland": Finland there is a place named.
    if any(f" {word} " in f" {name_en} " for word in ("of", "in", "for")):
        return ()
    return (name_en[: -len(" Finland")].rstrip(),)


def _load_programmes(path: Path) -> tuple[ReferenceEntity, ...]:
    """National programmes (Projects known before any document names them), e.g. LAPE itself."""
    if not path.exists():
        return ()
    entities = []
    for row in _read_csv(path):
        key = row["key"]
        if slug(key) != key:
            raise ReferenceDataError(f"{path.name}: key {key!r} is not a slug; use {slug(key)!r}")
        alt, langs = _split_labels(row["alt_labels"])
        entities.append(ReferenceEntity(
            key=key, kind="Project", cls="Project", pref_fi=row["pref_fi"],
            pref_en=_optional(row["pref_en"]), pref_sv=_optional(row["pref_sv"]),
            alt_labels=alt, hidden_labels=(), region_code=None, code=None, broader=(),
            label_langs=langs, source=_optional(row["source"])))
    return _unique(entities, path)


def _load_concepts(path: Path, kind: str, cls: URIRef) -> tuple[ReferenceEntity, ...]:
    """Read the SKOS concepts of one class; the key is the IRI's last path segment."""
    graph = Graph().parse(path, format="turtle")
    scheme_sources = [str(o) for o in graph.objects(None, DCTERMS.source) if isinstance(o, Literal)]
    source = "; ".join(sorted(scheme_sources)) or None
    concepts = sorted(set(graph.subjects(RDF.type, cls)), key=str)
    keys = {concept: str(concept).rstrip("/").rsplit("/", 1)[-1] for concept in concepts}
    entities = []
    for concept in concepts:
        pref = _labels_by_lang(graph, concept, SKOS.prefLabel)
        alt = _lang_labels(graph, concept, SKOS.altLabel)
        hidden = _lang_labels(graph, concept, SKOS.hiddenLabel)
        pref_fi = pref.get("fi")
        if pref_fi is None:
            raise ReferenceDataError(f"{path.name}: {concept} has no Finnish skos:prefLabel")
        if slug(pref_fi) != keys[concept]:
            raise ReferenceDataError(
                f"{path.name}: {concept} should end in {slug(pref_fi)!r} (slug of {pref_fi!r})"
            )
        broader = []
        for parent in graph.objects(concept, SKOS.broader):
            if parent not in keys:
                raise ReferenceDataError(f"{path.name}: {concept} has unknown broader {parent}")
            broader.append(keys[parent])
        definitions = _labels_by_lang(graph, concept, SKOS.definition)
        collections = sorted(str(c).rstrip("/").rsplit("/", 1)[-1]
                             for c in graph.subjects(SKOS.member, concept))
        entities.append(
            ReferenceEntity(
                key=keys[concept],
                kind=kind,
                cls=kind,
                pref_fi=pref_fi,
                pref_en=pref.get("en"),
                pref_sv=pref.get("sv"),
                alt_labels=tuple(dict.fromkeys(label for label, _ in alt)),
                hidden_labels=tuple(dict.fromkeys(label for label, _ in hidden)),
                region_code=None,
                code=None,
                broader=tuple(sorted(broader)),
                label_langs=tuple((label, lang) for label, lang in (*alt, *hidden) if lang != "fi"),
                definition=definitions.get("en"),
                source=source,
                collections=tuple(collections),
                descriptions=tuple(sorted(
                    (str(o), o.language or "")
                    for predicate in (SKOS.definition, SKOS.example)
                    for o in graph.objects(concept, predicate) if isinstance(o, Literal))),
            )
        )
    return _unique(entities, path)


def _labels_by_lang(graph: Graph, subject: Node, predicate: URIRef) -> dict[str, str]:
    return {
        (o.language or "fi"): str(o)
        for o in sorted(graph.objects(subject, predicate), key=str)
        if isinstance(o, Literal)
    }


def _lang_labels(graph: Graph, subject: Node, predicate: URIRef) -> list[tuple[str, str]]:
    """(label, lang) pairs sorted with Finnish first, then by language and text."""
    pairs = {
        (str(o), o.language or "fi")
        for o in graph.objects(subject, predicate)
        if isinstance(o, Literal)
    }
    return sorted(pairs, key=lambda pair: (pair[1] != "fi", pair[1], pair[0]))
