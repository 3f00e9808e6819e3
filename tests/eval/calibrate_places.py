"""The topic threshold of place answers over several place sets together: for each offset from
search.topic_answer's thresholds (Finnish and cross-language moved together, and the learned
relevance model's probability threshold when the model decides), the outcomes of
the region and municipality questions and the false answers to absent things, with the graph's
answers on ("full") and off ("text": as on documents the extraction read nothing of).

    LAPEKG_DATA=data-dev PYTHONPATH=$PWD python tests/eval/calibrate_places.py \
        places,places2,places3,places4 0,-0.005,-0.01 [full,text] [FALLBACK,…] [STANDOUT,…]

Each line also gives the tool's criterion, right answers less two for each false answer to an
absent thing (`score`); `--quiet` leaves out the ids of the absent questions falsely answered.

Development data only (tests/eval/dev_questions_<set>.jsonl); never the held-out set."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path


def main(argv: list[str]) -> None:
    from api.components import load_services
    from api.evaluation import _names_by_iri
    from api.settings import Settings
    from ingest.documents import document_key
    from search.answer import Answerer

    quiet = "--quiet" in argv
    argv = [a for a in argv if a != "--quiet"]
    if len(argv) < 2:
        raise SystemExit("usage: calibrate_places.py SET[,SET…] OFFSET[,OFFSET…] [full,text] "
                         "[FALLBACK,…] [STANDOUT,…] [--quiet]")
    services = load_services(Settings())
    answerer = services.answerer
    names = _names_by_iri(services)
    present = services.passages.documents()
    rows = []
    for name in argv[0].split(","):
        path = Path(f"tests/eval/dev_questions_{name}.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines():
            q = json.loads(line)
            if q.get("answer_kind") not in ("region", "municipality") and not q.get("absent"):
                continue
            docs = [document_key(Path(d)) for d in q.get("docs", [])]
            if all(d in present for d in docs):
                rows.append((q, {str(services.minter.document(d)) for d in docs}))
    from_graph = Answerer._from_graph
    from dataclasses import replace

    base = answerer.topics.threshold, answerer.topics.cross_language
    model = answerer.topics.model
    fallbacks = [float(x) for x in argv[3].split(",")] if len(argv) > 3 else [
        answerer.topics.fallback]
    margins = [float(x) for x in argv[4].split(",")] if len(argv) > 4 else [
        answerer.topics.standout]
    for mode in (argv[2].split(",") if len(argv) > 2 else ["full", "text"]):
        Answerer._from_graph = from_graph if mode == "full" else (  # type: ignore[method-assign]
            lambda self, *a, **k: {})
        for offset, fallback, margin in ((float(x), f, m) for x in argv[1].split(",")
                                         for f in fallbacks for m in margins):
            answerer.topics.fallback, answerer.topics.standout = fallback, margin
            answerer.topics.threshold, answerer.topics.cross_language = (
                base[0] + offset, base[1] + offset)
            if model is not None:
                answerer.topics.model = replace(model, threshold=model.threshold + offset)
            counts: Counter = Counter()
            false: list[str] = []
            started = time.time()
            for q, scope in rows:
                answers = answerer.ask(q["q"], documents=scope).answers
                if q.get("absent"):
                    counts["false answer" if answers else "silent"] += 1
                    false += [q["id"]] if answers else []
                    continue
                expected = {e.casefold() for e in
                            q.get("answer_entities", []) + q.get("answer_regions", [])}
                got = {next((n.casefold() for n in names.get(a.iri or "", ())
                             if n.casefold() in expected), a.label.casefold()) for a in answers}
                p = len(expected & got) / len(got) if got else 0.0
                r = len(expected & got) / len(expected) if expected else 0.0
                counts["none" if not answers else "right" if p >= .5 and r >= .5
                       else "partly" if r else "wrong"] += 1
            score = counts["right"] - 2 * counts["false answer"]
            print(f"{mode} offset {offset:+.3f} fallback {fallback:.2f} standout {margin:.2f}: "
                  + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
                  + f"; score {score}" + ("" if quiet else f"; false answers {false}")
                  + f" ({time.time() - started:.0f} s)", flush=True)
    Answerer._from_graph = from_graph  # type: ignore[method-assign]
    answerer.topics.model = model


if __name__ == "__main__":
    main(sys.argv[1:])
