"""Training and leave-one-set-out measurement of the fact verifier (ingest/fact_verifier.py).

    python -m ingest.fact_verifier cv ROWS      # leave-one-set-out: relations before and after
    python -m ingest.fact_verifier train ROWS --out PATH   # a model of all the sets

ROWS is what tests/eval/verifier_rows.py writes from a development build. A statement is
withdrawn when every fact that makes it is scored below the threshold (several sentences may
state one relation). Within the sets a model is trained on, the regularisation C, the
temperature and the threshold are chosen on out-of-fold scores (5 folds, each set whole in one
fold): C and the temperature by log-likelihood, the threshold as the one that maximises pooled
precision + recall of the relations, i.e. the most precision gained net of recall lost.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.fact_features import FactRow
from ingest.fact_verifier import (
    FittedVerifier,
    Verifier,
    fit_lr,
    save,
    vectorise,
    with_temperature,
)

CS = (0.01, 0.03, 0.1, 0.3)
TEMPERATURES = tuple(np.round(np.arange(0.5, 3.01, 0.1), 2))
THRESHOLDS = tuple(np.round(np.arange(0.0, 0.801, 0.01), 2))
MIN_EXTRACTOR_FACTS = 5


@dataclass
class Data:
    sets: dict[str, dict]  # per set: tp, fp, fn, by_predicate
    rows: list[dict]

    def facts(self, names: set[str]) -> list[int]:
        return [i for i, r in enumerate(self.rows) if r["set"] in names]


def read(path: Path) -> Data:
    lines = path.read_text(encoding="utf-8").splitlines()
    return Data(json.loads(lines[0])["sets"], [json.loads(line) for line in lines[1:]])


def _row(r: dict) -> FactRow:
    return FactRow(r["predicate"], r["extractor"], r["subject_kind"], tuple(r["numeric"]))


def vocabulary(rows: list[dict]) -> tuple[str, ...]:
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r["extractor"]] += 1
    return tuple(sorted(x for x, n in counts.items() if n >= MIN_EXTRACTOR_FACTS))


def _nll(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def withdrawn(data: Data, idx: list[int], proba: np.ndarray, t: float) -> dict[str, dict]:
    """Per set and predicate: right and wrong statements withdrawn at threshold t (a statement
    goes when all of its facts score below t)."""
    best: dict[str, float] = {}
    info: dict[str, tuple[str, str, bool]] = {}
    for i, p in zip(idx, proba, strict=True):
        r = data.rows[i]
        best[r["key"]] = max(best.get(r["key"], 0.0), float(p))
        info[r["key"]] = (r["set"], r["predicate"], r["label"])
    out: dict[str, dict] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for key, p in best.items():
        if p < t:
            s, pred, right = info[key]
            out[s][pred][0 if right else 1] += 1
    return out


def counts(data: Data, names: set[str], gone: dict[str, dict] | None = None,
           predicate: str | None = None) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for s in names:
        h = data.sets[s]
        base = h if predicate is None else h["by_predicate"].get(predicate,
                                                                 {"tp": 0, "fp": 0, "fn": 0})
        wtp = wfp = 0
        for pred, (a, b) in (gone or {}).get(s, {}).items():
            if predicate is None or pred == predicate:
                wtp, wfp = wtp + a, wfp + b
        tp, fp, fn = tp + base["tp"] - wtp, fp + base["fp"] - wfp, fn + base["fn"] + wtp
    return tp, fp, fn


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _criterion(name: str):  # type: ignore[no-untyped-def]
    """What a threshold maximises on the training sets' pooled relations: "p+r", the most
    precision gained net of recall lost, or "f0.5"."""
    def score(tp: int, fp: int, fn: int) -> float:
        p, r, _ = prf(tp, fp, fn)
        if name == "p+r":
            return p + r
        return 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
    return score


def choose(data: Data, names: set[str], criterion: str = "p+r"
           ) -> tuple[float, float, float, tuple[str, ...]]:
    """C, temperature and threshold for a model trained on the sets `names`, from out-of-fold
    scores of 5 folds of whole sets."""
    idx = data.facts(names)
    extractors = vocabulary([data.rows[i] for i in idx])
    x = vectorise([_row(data.rows[i]) for i in idx], extractors)
    y = np.array([data.rows[i]["label"] for i in idx], dtype=float)
    order = sorted(names)
    fold_of = {s: k % 5 for k, s in enumerate(order)}
    folds = np.array([fold_of[data.rows[i]["set"]] for i in idx])
    best = None
    for c in CS:
        logit = np.zeros(len(idx))
        for k in range(5):
            test = folds == k
            if not test.any() or len(set(y[~test])) < 2:
                continue
            m = fit_lr(x[~test], y[~test], c)
            logit[test] = ((x[test] - m.mean) / m.scale) @ m.coef + m.intercept
        for t in TEMPERATURES:
            score = _nll(1 / (1 + np.exp(-logit / t)), y)
            if best is None or score < best[0]:
                best = (score, c, float(t), logit)
    assert best is not None
    _, c, temp, logit = best
    proba = 1 / (1 + np.exp(-logit / temp))
    score = _criterion(criterion)
    chosen = max(THRESHOLDS, key=lambda t: (score(*counts(
        data, names, withdrawn(data, idx, proba, float(t)))), -t))
    return c, temp, float(chosen), extractors


def train(data: Data, names: set[str], criterion: str = "p+r") -> Verifier:
    c, temp, threshold, extractors = choose(data, names, criterion)
    idx = data.facts(names)
    x = vectorise([_row(data.rows[i]) for i in idx], extractors)
    y = np.array([data.rows[i]["label"] for i in idx], dtype=float)
    model: FittedVerifier = with_temperature(fit_lr(x, y, c), temp)
    return Verifier(model, extractors, threshold)


def loso(data: Data, criterion: str = "p+r") -> tuple[dict[str, dict], dict[str, float]]:
    """Each set scored by a verifier trained (and its threshold chosen) on the others."""
    gone: dict[str, dict] = {}
    thresholds = {}
    for s in sorted(data.sets):
        v = train(data, set(data.sets) - {s}, criterion)
        idx = data.facts({s})
        proba = v.scores([_row(data.rows[i]) for i in idx])
        gone.update(withdrawn(data, idx, proba, v.threshold))
        thresholds[s] = v.threshold
    return gone, thresholds


def _line(label: str, before: tuple[int, int, int], after: tuple[int, int, int]) -> str:
    p0, r0, f0 = prf(*before)
    p1, r1, f1 = prf(*after)
    return (f"{label:16s} P/R/F1 {p0:.3f}/{r0:.3f}/{f0:.3f} -> {p1:.3f}/{r1:.3f}/{f1:.3f}  "
            f"tp/fp/fn {'/'.join(map(str, before))} -> {'/'.join(map(str, after))}")


def report(data: Data, criterion: str = "p+r") -> None:
    gone, thresholds = loso(data, criterion)
    names = set(data.sets)
    print(f"leave-one-set-out (each set: model, C, temperature, threshold from the others; "
          f"threshold maximises pooled {criterion})")
    print(_line("pooled", counts(data, names), counts(data, names, gone)))
    preds = sorted({p for h in data.sets.values() for p in h["by_predicate"]})
    for p in preds:
        print("  " + _line(p, counts(data, names, predicate=p),
                           counts(data, names, gone, predicate=p)))
    for s in sorted(names):
        b, a = counts(data, {s}), counts(data, {s}, gone)
        drop = prf(*b)[2] - prf(*a)[2]
        flag = "  F1 DROP" if drop > 0.02 else ""
        print(_line(s, b, a) + f"  t={thresholds[s]:.2f}{flag}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("cv", "train"))
    ap.add_argument("rows", type=Path)
    ap.add_argument("--out", type=Path, help="where `train` writes the model (.npz)")
    ap.add_argument("--criterion", choices=("p+r", "f0.5"), default="p+r")
    args = ap.parse_args()
    data = read(args.rows)
    if args.command == "cv":
        report(data, args.criterion)
        return
    if args.out is None:
        ap.error("train needs --out")
    v = train(data, set(data.sets), args.criterion)
    save(v, args.out, {"sets": sorted(data.sets), "facts": len(data.rows),
                       "c": v.model.c, "temperature": v.model.temperature})
    print(f"{args.out}: {len(data.rows)} facts of {len(data.sets)} sets, C {v.model.c}, "
          f"temperature {v.model.temperature}, threshold {v.threshold}")
