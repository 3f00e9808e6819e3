"""Reference entities as records: one entity with its labels, and the set with lookups."""

from dataclasses import dataclass
from functools import cached_property

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
        check_kind(kind)
        return tuple(e for e in self.entities if e.kind == kind)

    def get(self, kind: str, key: str) -> ReferenceEntity | None:
        """The entity of this kind and key, or None."""
        check_kind(kind)
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


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown reference kind {kind!r}; valid kinds: {', '.join(KINDS)}")

