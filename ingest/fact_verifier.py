"""A fact verifier, measured and not shipped: a small calibrated classifier that scores each
extracted Fact as likely right or wrong, meant as a last stage of extraction that withdraws the
facts it judges false.

The classifier is a logistic regression over what ingest knows of any document
(ingest/fact_features.py): the predicate, the extractor (a rule or a learned layer), the
subject's kind, the extractor's own confidence and the shape of the sentence the fact was read
from (finite verb, negation, list line, heading, length, how far the subject and object stand
apart, how many methods and actors share the sentence, whether the subject is the document's own
region or project), some of them crossed with the kind of predicate. It is trained on the
pipeline's own predictions over the development extraction sets, each labelled right or wrong by
the scorer of `lapekg eval` (tests/eval/verifier_rows.py), and measured leave-one-set-out
(`python -m ingest.fact_verifier cv ROWS`, ingest/fact_verifier_cv.py).

Measured in December 2026 (round 12, tests/eval/QUALITY_LOG.md "a learned fact verifier"),
no threshold withdraws fewer right facts than false ones on sets it was not trained on, so it
is not a stage of the pipeline: `Verifier.scores` is what such a stage would call on
`fact_rows(ad)`. An artifact (`train ROWS --out PATH`) is a small .npz of arrays (no pickled
objects) beside its metadata: the extractor vocabulary and the withdrawal threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from ingest.errors import LapekgError
from ingest.fact_features import NUMERIC, FactRow
from ingest.learned_models import (
    ARRAYS,
    CalibratedLogistic,
    fitted_logistic,
    load_arrays,
    save_arrays,
)

PREDICATES = ("partner", "inRegion", "administeredBy", "funder", "fundingAmount", "startDate",
              "endDate", "piloted", "implemented", "developing", "trained", "planned", "created",
              "hasResult", "hasRole", "aboutRegion")
SUBJECT_KINDS = ("Region", "Municipality", "Organisation", "Project", "Person", "Method")
# Interactions: the sentence shape read differently for the method statuses, the results and
# the other relations (an actor-method link, a count, a link between two named things).
GROUPS = {"status": ("piloted", "implemented", "developing", "trained", "planned", "created"),
          "result": ("hasResult",), "value": ("fundingAmount", "startDate", "endDate")}
CROSSED = ("finite_verb", "negation", "list_line", "heading", "log_sentence_tokens",
           "log_methods", "log_actors", "subject_in_sentence", "object_in_sentence",
           "log_distance", "subject_is_own", "confidence", "log_span_facts")


class FactVerifierError(LapekgError):
    prefix = "fact verifier"
    hint = "write it with `python -m ingest.fact_verifier train ROWS --out PATH`"


def vectorise(rows: Sequence[FactRow], extractors: Sequence[str]) -> np.ndarray:
    """One row of numbers per fact: one-hots of predicate, extractor (the training vocabulary,
    others none) and subject kind, NUMERIC, and CROSSED times each predicate group."""
    crossed = [NUMERIC.index(n) for n in CROSSED]
    group_of = {p: g for g, ps in GROUPS.items() for p in ps}
    out = []
    for r in rows:
        num = list(r.numeric)
        group = group_of.get(r.predicate)
        cells = [float(r.predicate == p) for p in PREDICATES]
        cells += [float(r.extractor == x) for x in extractors]
        cells += [float(r.subject_kind == k) for k in SUBJECT_KINDS]
        cells += num
        for g in GROUPS:
            cells += [num[i] if g == group else 0.0 for i in crossed]
        out.append(cells)
    width = len(PREDICATES) + len(extractors) + len(SUBJECT_KINDS) + len(NUMERIC) + \
        len(GROUPS) * len(crossed)
    return np.array(out, dtype=np.float64).reshape(len(out), width)


# The verifier: is an extracted fact right.
FittedVerifier = CalibratedLogistic


def fit_lr(x: np.ndarray, y: np.ndarray, c: float) -> FittedVerifier:
    """A standardised logistic regression (unweighted: its probability is the rate of right
    facts, which the threshold reads)."""
    mean, scale, lr = fitted_logistic(x, y, c, balanced=False)
    return FittedVerifier(mean, scale, lr.coef_[0], float(lr.intercept_[0]), 1.0, c)


def with_temperature(model: FittedVerifier, t: float) -> FittedVerifier:
    return replace(model, temperature=t)


@dataclass(frozen=True)
class Verifier:
    """A trained model, its extractor vocabulary and its withdrawal threshold."""

    model: FittedVerifier
    extractors: tuple[str, ...]
    threshold: float

    def scores(self, rows: Sequence[FactRow]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        return self.model.proba(vectorise(rows, self.extractors))


def save(verifier: Verifier, path: Path, meta: dict[str, Any]) -> None:
    arrays = {name: getattr(verifier.model, name) for name in ARRAYS}
    save_arrays(path, arrays, {**meta, "extractors": list(verifier.extractors),
                               "threshold": verifier.threshold, "numeric": list(NUMERIC),
                               "predicates": list(PREDICATES), "crossed": list(CROSSED)})


def load(path: Path) -> tuple[Verifier, dict[str, Any]]:
    z, meta = load_arrays(path, FactVerifierError)
    if meta.get("numeric") != list(NUMERIC) or meta.get("predicates") != list(PREDICATES) \
            or meta.get("crossed") != list(CROSSED):
        raise FactVerifierError(f"{path} was trained with other features")
    model = FittedVerifier(z["mean"].astype(np.float64), z["scale"].astype(np.float64),
                           z["coef"].astype(np.float64), float(z["intercept"]),
                           float(z["temperature"]), float(z["c"]))
    return Verifier(model, tuple(meta["extractors"]), float(meta["threshold"])), meta


if __name__ == "__main__":
    from ingest.fact_verifier_cv import main

    main()
