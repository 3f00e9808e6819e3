"""First-look rows for the fact verifier: the facts a pipeline made on a fresh development set
before any rule was written from it (the commit before the one that added the set), labelled by
today's scorer. Development data only.

    # the old code (git archive C | tar -x -C D/code) builds the set into D/data:
    (cd D/code && LAPEKG_DATA=D/data python -m api.cli build $REPO/tests/corpora/dev6w/docs)
    # today's code: the old build's statements and which are false, then the rows
    LAPEKG_DATA=D/data PYTHONPATH=$PWD python tests/eval/verifier_first_look.py labels \
        tests/corpora/dev6w > D/dev6w.json
    PYTHONPATH=$PWD python tests/eval/verifier_first_look.py rows OUT.jsonl D:dev6w ...

OUT has the layout of tests/eval/verifier_rows.py (`python -m ingest.fact_verifier cv OUT`).
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path


def labels(folder: Path) -> dict:
    """The statements of the set in the build and which of them are false."""
    from api.cli_common import services as load
    from api.evaluation import _jsonl, evaluate_extraction, predicted_relations
    from ingest.documents import document_key

    s = load()
    docs = {document_key(Path(g["doc"])) for g in _jsonl(folder / "entities.jsonl")}
    r = evaluate_extraction(s, folder, prefix="", misses=True)
    rel = r["relations"]
    return {"false": [[p, m["doc"], m["subject"], m["object"]] for p, ms in r["misses"].items()
                      for m in ms if m["miss"] == "fp"],
            "made": [[p, *t] for p, ts in predicted_relations(s, docs).items() for t in ts],
            "all": rel["all"],
            "by_predicate": {p: {k: v[k] for k in ("tp", "fp", "fn")} for p, v in rel.items()
                             if not p.startswith("all")}}


def rows(out: Path, specs: list[str]) -> None:
    """`specs`: DATA_DIR:SET, the old build and the set whose labels lie in DATA_DIR/SET.json."""
    sys.path.insert(0, str(Path(__file__).parent))
    from verifier_rows import cached_documents, fact_key  # type: ignore[import-not-found]

    from api.evaluation import _local
    from ingest.fact_features import fact_rows, fact_sentences
    from ontology.iris import IriMinter

    minter = IriMinter()
    header: dict[str, dict] = {}
    found: list[dict] = []
    for spec in specs:
        data, name = spec.rsplit(":", 1)
        lab = json.loads((Path(data) / f"{name}.json").read_text(encoding="utf-8"))
        made = {(m[0], (m[1], m[2], m[3])) for m in lab["made"]}
        false = {tuple(f) for f in lab["false"]}
        for ad in cached_documents(Path(data) / "data").values():
            for fact, row, text in zip(ad.facts, fact_rows(ad), fact_sentences(ad), strict=True):
                key = fact_key(minter, fact)
                if key is None or key not in made:
                    continue
                p, (d, s, o) = key
                found.append({"set": name, "doc": d, "key": f"{p}|{d}|{s}|{o}",
                              "label": (p, d, _local(s), _local(o)) not in false,
                              "sentence": text, **asdict(row)})
        a = lab["all"]
        header[name] = {"tp": a["tp"], "fp": a["fp"], "fn": a["fn"],
                        "by_predicate": lab["by_predicate"]}
        print(name, a)
    with out.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"sets": header}) + "\n")
        for r in found:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "labels":
        print(json.dumps(labels(Path(sys.argv[2]))))
    else:
        rows(Path(sys.argv[2]), sys.argv[3:])
