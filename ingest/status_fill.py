"""The fill threshold of the learned status layer, chosen from the classifier's own calibration.

Where the rules find no status, ingest/status_layer.py takes the classifier's when it is sure
enough. How sure is chosen here, from the training data alone: the classifier's out-of-fold
probabilities (the 5-fold grouped cross-validation of `python -m ingest.status_model cv`, each
fold choosing its own C and temperature) give, for every status and every threshold t, the
precision of the statuses it would say at confidence >= t. The threshold of a status is the
lowest t on a .01 grid from which that precision stays at or above TARGET (every higher t too),
so that a fill is as precise as the facts the rules extract (relations P .92 on the seeds; the
stated target .9). A status gets a threshold of its own only where the calibration supports
it: at least MIN_SUPPORT predictions at that threshold, and its predictions' mean confidence
within MAX_GAP of their accuracy; otherwise the threshold over all statuses pooled.

No gold set is read. `python -m ingest.status_fill` writes ingest/learned/status_fill.json
(thresholds and the figures behind them); `--target` and `--dry-run` for trying.

Not wired into ingest/status_layer.py (xstatus18b, December 2026): the marginal criterion at .9
gives .9 for five statuses and .85 for planned, and on the 16 development status sets that
read 556/805 against FILL_AT .85's 563 (2 false statuses fewer); the cumulative criterion
gives .5-.68 and read 568/805 with 8 false statuses more (tests/eval/QUALITY_LOG.md): by
right - 2 x false both lose. `--rule-silent` (xstatus20) calibrates on the training mentions the
rules read no status for, the ones a fill acts on: cumulative .85 gave developing .85, trained .87
and implemented .56, planned .59, piloted .5, created .53; wired into the layer for one
measurement it read 583/805 against 579 with 9 false statuses more and seeds P .888: not kept.
`load()` is what a layer would read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ingest.status_model import DATA_DIR, STATUSES

FILL_FILE = DATA_DIR / "status_fill.json"
TARGET = 0.9
MIN_SUPPORT = 40
MAX_GAP = 0.03
GRID = np.round(np.arange(0.5, 0.991, 0.01), 2)
BAND = 0.05
MIN_BAND = 20


def _precision(correct: np.ndarray, conf: np.ndarray, t: float) -> tuple[float, int]:
    above = conf >= t
    n = int(above.sum())
    return (float(correct[above].mean()) if n else 1.0), n


def threshold(correct: np.ndarray, conf: np.ndarray, target: float,
              criterion: str = "marginal") -> float | None:
    """The lowest grid t from which the precision never falls below `target`; None if even the
    highest does. `cumulative`: the precision of all predictions at >= t (the filled set as a
    whole). `marginal` (the default): the precision of the predictions in each band [t, t+BAND)
    (with at least MIN_BAND of them; a thinner band is joined to the one above), i.e. every
    fill added at t is itself as precise as the target. The training sentences are easier than
    the clauses the rules leave silent, so the cumulative figure, carried by the many sure
    easy ones, sets a threshold far lower than a fill near it deserves."""
    best = None
    if criterion == "cumulative":
        for t in GRID[::-1]:
            p, n = _precision(correct, conf, float(t))
            if n and p < target:
                break
            best = float(t)
        return best
    upper = 1.0001
    for t in GRID[::-1]:
        if t > upper - BAND + 1e-9:
            continue
        band = (conf >= t) & (conf < upper)
        if band.sum() < MIN_BAND and t > GRID[0]:
            continue  # widen the band downwards until it holds enough predictions
        if band.any() and correct[band].mean() < target:
            break
        best, upper = float(t), float(t)
    return best


def choose(y: np.ndarray, proba: np.ndarray, target: float = TARGET,
           min_support: int = MIN_SUPPORT, max_gap: float = MAX_GAP,
           criterion: str = "marginal") -> dict[str, Any]:
    """Thresholds per status (none excluded: it never fills) from out-of-fold probabilities."""
    pred, conf = proba.argmax(axis=1), proba.max(axis=1)
    correct = pred == y
    fills = pred != STATUSES.index("none")
    pooled = threshold(correct[fills], conf[fills], target, criterion)
    out: dict[str, Any] = {"target": target, "criterion": criterion, "pooled": pooled,
                           "per_status": {}, "figures": {}}
    for i, name in enumerate(STATUSES):
        if name == "none":
            continue
        mine = pred == i
        t = threshold(correct[mine], conf[mine], target, criterion)
        gap = (abs(float(conf[mine].mean()) - float(correct[mine].mean()))
               if mine.any() else 1.0)
        p, n = _precision(correct[mine], conf[mine], t if t is not None else 1.0)
        own = t is not None and n >= min_support and gap <= max_gap
        out["figures"][name] = {"threshold": t, "precision_at": round(p, 3), "n_at": n,
                                "predicted": int(mine.sum()), "calibration_gap": round(gap, 3),
                                "own": own}
        out["per_status"][name] = t if own else pooled
    return out


def rule_silent(sentences: Sequence[Any]) -> np.ndarray:
    """For each training mention (in the order of `training_set`), whether the rules read no
    status for it: the mentions a fill would act on. The rules are run as extraction runs them
    (ingest/extract/status.py: the Finnish cues of the method's own clause, or the English and
    Swedish cue words), over the real spaCy + Voikko analysis of each sentence."""
    from ingest.extract.registry import load_lexicon
    from ingest.extract.segment import sentences as segments
    from ingest.extract.status import foreign_rule, rule_status
    from ingest.records import Mention, Passage
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp
    from ingest.voikko_analyzer import VoikkoAnalyzer

    lex = load_lexicon()
    analyzer = PassageAnalyzer(load_nlp(), VoikkoAnalyzer())
    passages = [Passage("status-training", i, 0, len(s.text), s.text)
                for i, s in enumerate(sentences)]
    out = []
    for s, ap in zip(sentences, analyzer.analyse(passages), strict=True):
        sents = list(segments(ap)) if ap.tokens else []
        for start, end, _ in s.mentions:
            sent = next((x for x in sents if x.start <= start < x.end), None)
            if sent is None:
                out.append(True)
                continue
            m = Mention("status-training", ap.passage.index, start, end, s.text[start:end],
                        "Method", "m", "m", "training")
            out.append((rule_status(lex, sent, m) or foreign_rule(sent, m)) is None)
    return np.array(out, dtype=bool)


def out_of_fold() -> tuple[np.ndarray, np.ndarray]:
    import os

    from ingest.learned_models import grouped_folds
    from ingest.status_model import fit, training_set
    from search.encoder import Encoder

    x, y, groups = training_set(Encoder(os.environ.get("LAPEKG_MODEL",
                                                       "models/multilingual-e5-small")))
    proba = np.zeros((len(y), len(STATUSES)))
    for train, test in grouped_folds(y, groups, 5, seed=0):
        proba[test] = fit(x[train], y[train], groups[train]).proba(x[test])
    return y, proba


def load(path: Path = FILL_FILE) -> dict[str, float]:
    """The committed thresholds per status ({} when the file is absent)."""
    if not path.exists():
        return {}
    return {k: float(v) for k, v in json.loads(path.read_text())["per_status"].items()
            if v is not None}


def main(argv: Sequence[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m ingest.status_fill", description=__doc__)
    ap.add_argument("--target", type=float, default=TARGET)
    ap.add_argument("--criterion", choices=("marginal", "cumulative"), default="marginal")
    ap.add_argument("--dry-run", action="store_true", help="print, do not write the file")
    ap.add_argument("--cache", type=Path, help="npz of out-of-fold (y, proba) to reuse/write")
    ap.add_argument("--rule-silent", action="store_true",
                    help="calibrate on the training mentions the rules read no status for (the "
                         "ones a fill acts on); the calibration gap is not required there")
    ap.add_argument("--min-support", type=int, default=MIN_SUPPORT)
    args = ap.parse_args(argv)
    if args.cache and args.cache.exists():
        with np.load(args.cache) as z:
            y, proba = z["y"], z["proba"]
    else:
        y, proba = out_of_fold()
        if args.cache:
            np.savez(args.cache, y=y, proba=proba)
    mentions = int(len(y))
    if args.rule_silent:
        from ingest.status_model import labelled_corpus

        mask = rule_silent(labelled_corpus()[0])
        y, proba = y[mask], proba[mask]
    chosen = choose(y, proba, args.target, min_support=args.min_support,
                    max_gap=1.0 if args.rule_silent else MAX_GAP, criterion=args.criterion)
    chosen["mentions"] = mentions
    chosen["rule_silent"] = int(len(y)) if args.rule_silent else None
    text = json.dumps(chosen, indent=1, sort_keys=True)
    print(text)
    if not args.dry_run:
        FILL_FILE.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
