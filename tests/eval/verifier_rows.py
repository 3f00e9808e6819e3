"""The fact verifier's training rows (development data only): every fact the pipeline extracted
from the development extraction sets of a build, with its features (ingest/fact_features.py)
and whether `lapekg eval` counts its statement right, by set.

    LAPEKG_DATA=/tmp/xverify12-dev PYTHONPATH=$PWD python tests/eval/verifier_rows.py OUT.jsonl

The build must hold the sets (the Makefile's DEV_CORPORA) and its analysis cache (the default):
the facts and their features are read back from the cached AnalysedDocuments, so the rows are
those of the very analysis the graph was written from. Labels reuse the scorer: the statements
of a set are `predicted_relations`, the false ones the "fp" misses of `evaluate_extraction`; a
fact is right when the statement it makes (the key `_predicted` gives it) is right. The first
line of OUT is a header per set: relations tp/fp/fn and the statements no cached fact makes
(written after analysis; the verifier never sees them, so they stay).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sqlite3
import sys
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

STATUS_FOLDERS = ("devstatus", "devstatus2", "devstatus3", "devstatus4", "devstatus5",
                  "devstatus6", "devstatus7")


def fact_key(minter, fact) -> tuple[str, tuple[str, str, str]] | None:  # type: ignore[no-untyped-def]
    """The (predicate, (document, subject, object)) the scorer reads from the statement this
    fact is written as (graph/triples.py TripleMaker, api/evaluation._predicted)."""
    from api.evaluation import _value
    from graph.triples import entity_iri

    extra = dict(fact.extra)
    s = str(entity_iri(minter, fact.subject_kind, fact.subject_key))
    p = fact.predicate
    if p == "aboutRegion":
        return None
    if p == "hasRole":
        o = str(minter.role(extra.get("role", "")))
    elif p == "hasResult":
        o = str(float(extra["quantity"])) if "quantity" in extra else "?"
    elif p == "fundingAmount":
        o = _value(f"{float(fact.value):.2f}")
    elif p in ("startDate", "endDate"):
        o = _value(str(fact.value))
    elif fact.object_kind is not None and fact.object_key is not None:
        o = str(entity_iri(minter, fact.object_kind, fact.object_key))
    else:
        o = str(fact.value)
    return p, (fact.doc_key, s, o)


def cached_documents(data: Path) -> dict:  # type: ignore[type-arg]
    """The AnalysedDocuments of the build's analysis cache, by document key (the newest)."""
    path = data / "analysis-cache" / "analyses.sqlite"
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = {}
    for (value,) in con.execute("SELECT value FROM analyses ORDER BY rowid"):
        ad = pickle.loads(value)  # noqa: S301 - our own records in our own data dir
        out[ad.document.key] = ad
    con.close()
    return out


def parts(services) -> list[tuple[str, Path, str]]:  # type: ignore[no-untyped-def]
    from api.evaluation import DEVELOPMENT_PARTS, part_is_built

    corpora, gold = Path("tests/corpora"), Path("tests/gold")
    folders = (*STATUS_FOLDERS, "dev5w", "dev5w2", "dev6w", "dev8w", "dev10w")
    out = [(name, gold, prefix) for name, prefix in DEVELOPMENT_PARTS
           if part_is_built(services, gold, prefix)]
    return out + [(name, corpora / name, "") for name in folders
                  if part_is_built(services, corpora / name, "")]


def rows(services, data: Path) -> tuple[dict, list[dict]]:  # type: ignore[no-untyped-def]
    from api.evaluation import _jsonl, _local, evaluate_extraction, predicted_relations
    from ingest.documents import document_key
    from ingest.fact_features import fact_rows, fact_sentences

    cached = cached_documents(data)
    header: dict[str, dict] = {}
    out: list[dict] = []
    for name, folder, prefix in parts(services):
        docs = {document_key(Path(g["doc"])) for g in _jsonl(folder / f"{prefix}entities.jsonl")}
        r = evaluate_extraction(services, folder, prefix=prefix, misses=True)
        false = {(p, m["doc"], m["subject"], m["object"]) for p, ms in r["misses"].items()
                 for m in ms if m["miss"] == "fp"}
        made = {(p, t) for p, ts in predicted_relations(services, docs).items() for t in ts}
        covered: set = set()
        for doc in sorted(docs & set(cached)):
            ad = cached[doc]
            for fact, row, text in zip(ad.facts, fact_rows(ad), fact_sentences(ad), strict=True):
                key = fact_key(services.minter, fact)
                if key is None or key not in made:
                    continue
                covered.add(key)
                p, (d, s, o) = key
                out.append({"set": name, "doc": d, "key": f"{p}|{d}|{s}|{o}",
                            "label": (p, d, _local(s), _local(o)) not in false,
                            "sentence": text, **asdict(row)})
        rel = r["relations"]["all"]
        header[name] = {"tp": rel["tp"], "fp": rel["fp"], "fn": rel["fn"],
                        "uncovered_tp": sum(1 for p, (d, s, o) in made - covered
                                            if (p, d, _local(s), _local(o)) not in false),
                        "uncovered_fp": sum(1 for p, (d, s, o) in made - covered
                                            if (p, d, _local(s), _local(o)) in false),
                        "by_predicate": {p: {k: v[k] for k in ("tp", "fp", "fn")}
                                         for p, v in rel_items(r)}}
    return header, out


def rel_items(r: dict):  # type: ignore[no-untyped-def]
    return [(p, v) for p, v in r["relations"].items() if not p.startswith("all")]


def main() -> None:
    from api.cli_common import services as load
    from api.cli_common import settings

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    header, out = rows(load(), settings().data)
    with args.out.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"sets": header}) + "\n")
        for row in out:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    for name, h in header.items():
        print(f"{name:10s} tp/fp/fn {h['tp']}/{h['fp']}/{h['fn']} "
              f"uncovered tp/fp {h['uncovered_tp']}/{h['uncovered_fp']}")
    print(f"{len(out)} fact rows, {sum(r['label'] for r in out)} right")


if __name__ == "__main__":
    main()
