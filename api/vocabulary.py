"""Labels of the ontology's classes in Finnish and English (type badges on pages and the CLI),
read from ontology/lapekg.ttl."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "lapekg.ttl"
LAPE = "https://w3id.org/lapekg/ontology#"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


# Answer types that are no class of the ontology.
EXTRA = {"Amount": {"fi": "rahamäärä", "en": "amount"}}


@lru_cache(maxsize=4)
def class_labels(lang: str, path: Path = ONTOLOGY) -> dict[str, str]:
    """{"Region": "maakunta", …}: each lape: term's rdfs:label in `lang` (else English)."""
    import pyoxigraph as ox

    found: dict[str, dict[str, str]] = {}
    with path.open("rb") as f:
        for t in ox.parse(f, ox.RdfFormat.TURTLE):
            if (t.predicate.value == _LABEL and isinstance(t.object, ox.Literal)
                    and t.subject.value.startswith(LAPE)):
                found.setdefault(t.subject.value[len(LAPE):], {})[t.object.language or ""] = (
                    t.object.value)
    labels = {k: v.get(lang) or v.get("en") or next(iter(v.values())) for k, v in found.items()}
    return {**{k: v[lang] for k, v in EXTRA.items()}, **labels}


def type_label(kind: str, lang: str) -> str:
    return class_labels(lang).get(kind, kind)
