"""How far a region or actor got with a working model: the status registry, strongest first.

Each status is the RDF predicate lape:<key> of a reified statement (actor, status, method) and
has a label in Finnish and English for pages and the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass

LAPE = "https://w3id.org/lapekg/ontology#"


@dataclass(frozen=True)
class Status:
    key: str
    fi: str
    en: str
    abbr_fi: str  # three letters for a matrix cell
    abbr_en: str

    @property
    def iri(self) -> str:
        return LAPE + self.key

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.fi

    def abbr(self, lang: str) -> str:
        return self.abbr_en if lang == "en" else self.abbr_fi


# Strongest first (the order the shared answer contract fixes).
STATUSES: tuple[Status, ...] = (
    Status("implemented", "käytössä", "in use", "käy", "use"),
    Status("developing", "kehitteillä", "developing", "keh", "dev"),
    Status("piloted", "kokeiltu", "piloted", "kok", "pil"),
    Status("trained", "koulutettu", "trained", "kou", "trn"),
    Status("planned", "suunniteltu", "planned", "suu", "pln"),
    Status("created", "luotu", "created", "luo", "cre"),
)
BY_KEY = {s.key: s for s in STATUSES}
RANK = {s.key: n for n, s in enumerate(STATUSES)}


def status_of_predicate(iri: str) -> Status | None:
    return BY_KEY.get(iri[len(LAPE):]) if iri.startswith(LAPE) else None


def strongest(keys: list[str]) -> str | None:
    """The strongest of some status keys (unknown keys rank last), or None for none."""
    known = [k for k in keys if k]
    return min(known, key=lambda k: RANK.get(k, len(RANK))) if known else None


def label(key: str, lang: str) -> str:
    status = BY_KEY.get(key)
    return status.label(lang) if status else key
