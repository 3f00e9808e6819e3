"""Reading the reference files (regions.csv, municipalities.csv, organisations.csv,
programmes.csv, methods.ttl, roles.ttl) into records, with a clear error for a bad row."""

import csv
import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from ontology.iris import slug
from ontology.reference_records import ORGANISATION_CLASSES, ReferenceDataError, ReferenceEntity

_LANG_SUFFIX = re.compile(r"^(?P<text>.*\S)@(?P<lang>[a-z]{2,3})$")


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


def load_regions(path: Path) -> tuple[ReferenceEntity, ...]:
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


def load_municipalities(path: Path, region_codes: set[str | None]) -> tuple[ReferenceEntity, ...]:
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


def load_organisations(path: Path, region_codes: set[str | None]) -> tuple[ReferenceEntity, ...]:
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


def load_programmes(path: Path) -> tuple[ReferenceEntity, ...]:
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


def load_concepts(path: Path, kind: str, cls: URIRef) -> tuple[ReferenceEntity, ...]:
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
