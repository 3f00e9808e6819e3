"""Relation false positives and negatives pooled over every development extraction set of a
build (development data only: it prints misses). The parts of tests/gold (seeds, unseen,
dev2 .. dev6x) and the fresh-round folders (tests/corpora/dev5w, dev5w2, dev6w, dev8w: gold
beside their docs/) that the build holds are scored; each false positive is listed with the
extractor that made it (a rule or a learned layer), the class a rule file can act on.

    LAPEKG_DATA=data-all PYTHONPATH=$PWD python tests/eval/diagnose_relations.py \
        [--predicates hasResult,partner] [--misses] [--json OUT.json]

Without --misses only the per-set and pooled tp/fp/fn are printed.
"""
from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

FOLDERS = ("dev5w", "dev5w2", "dev6w", "dev8w", "dev10w", "dev12w")
PREDICATES = ("hasResult", "partner", "inRegion", "fundingAmount", "startDate", "endDate",
              "administeredBy", "hasRole", "created")
EXTRACTORS = """
PREFIX lape: <https://w3id.org/lapekg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT DISTINCT ?doc ?s ?p ?o ?role ?q ?conf ?x WHERE {
  ?st a lape:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      lape:confidence ?conf ; lape:extractor ?x ; lape:sourcePassage ?psg .
  ?psg lape:inDocument ?doc .
  OPTIONAL { ?o org:role ?role }
  OPTIONAL { ?o lape:quantity ?q }
}
"""


def _parts(services, gold: Path, corpora: Path) -> list[tuple[str, Path, str]]:
    from api.evaluation import DEVELOPMENT_PARTS, part_is_built

    out = [(name, gold, prefix) for name, prefix in DEVELOPMENT_PARTS
           if part_is_built(services, gold, prefix)]
    out += [(name, corpora / name, "") for name in FOLDERS
            if part_is_built(services, corpora / name, "")]
    return out


def _extractors(services) -> dict[tuple, set[str]]:
    """The extractors that made each statement, keyed as the scorer keys it: (predicate,
    document key, subject, object)."""
    from api.evaluation import _local, _predicted

    keys = {str(services.minter.document(k)): k for k in services.passages.documents()}
    found: dict[tuple, set[str]] = defaultdict(set)
    for r in services.store.query(EXTRACTORS):
        row = _predicted(r, keys, set(keys.values()), 0.0)
        if row is not None:
            pred, (doc, s, o) = row
            found[(pred, doc, _local(s), _local(o))].add(str(r.x).rsplit("/", 1)[-1])
    return found


def diagnose(services, gold: Path, corpora: Path, predicates: tuple[str, ...],
             misses: bool) -> dict:
    """Per set and pooled tp/fp/fn of the relations (all) and of `predicates`; with `misses`,
    the misses of `predicates`."""
    from api.evaluation import evaluate_extraction

    pooled: dict[str, Counter] = defaultdict(Counter)
    sets: dict[str, dict] = {}
    rows: list[dict] = []
    for name, folder, prefix in _parts(services, gold, corpora):
        r = evaluate_extraction(services, folder, prefix=prefix, misses=misses)
        rel = r["relations"]
        sets[name] = {p: rel[p] for p in ("all", *predicates) if p in rel}
        for p, row in rel.items():
            for k in ("tp", "fp", "fn"):
                pooled[p][k] += row[k]
        for p, ms in r.get("misses", {}).items():
            if p in predicates:
                rows += [{"set": name, "predicate": p, **m} for m in ms]
    total = {}
    for p, c in pooled.items():
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        total[p] = {"P": round(tp / (tp + fp), 3) if tp + fp else 0.0,
                    "R": round(tp / (tp + fn), 3) if tp + fn else 0.0, "tp": tp, "fp": fp,
                    "fn": fn}
    return {"sets": sets, "pooled": total, "misses": rows}


def main() -> None:
    from api.cli_common import services as load

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=Path("tests/gold"))
    ap.add_argument("--corpora", type=Path, default=Path("tests/corpora"))
    ap.add_argument("--predicates", default=",".join(PREDICATES))
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    predicates = tuple(p for p in args.predicates.split(",") if p)
    services = load()
    out = diagnose(services, args.gold, args.corpora, predicates, args.misses)
    for name, rel in out["sets"].items():
        cells = " ".join(f"{p}={v['tp']}/{v['fp']}/{v['fn']}" for p, v in rel.items()
                         if p != "all")
        print(f"{name:8s} all P/R {rel['all']['P']:.3f}/{rel['all']['R']:.3f}  {cells}")
    print("pooled   all P/R {P:.3f}/{R:.3f} tp/fp/fn {tp}/{fp}/{fn}".format(**out["pooled"]["all"]))
    for p in predicates:
        if p in out["pooled"]:
            v = out["pooled"][p]
            print(f"  {p:15s} P/R {v['P']:.3f}/{v['R']:.3f}  {v['tp']}/{v['fp']}/{v['fn']}")
    if args.misses:
        made = _extractors(services)
        for m in sorted(out["misses"], key=lambda m: (m["predicate"], m["miss"], m["set"])):
            by = made.get((m["predicate"], m["doc"], m["subject"], m["object"]), set())
            via = ",".join(sorted(by))
            text = re.sub(r"\s+", " ", m["evidence"])[:220]
            print(f"{m['predicate']:14s} {m['miss']} {m['set']:7s} {m['doc'][:30]:30s} "
                  f"{m['subject'][-30:]} -> {m['object'][-30:]} [{via}] | {text}")
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
