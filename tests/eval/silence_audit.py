"""Which questions the silence check (search/silence.py) silences, by which words of which Voikko
class, with the word-class rule off (as on main before issue 19 item 5's change) and on.

    LAPEKG_DATA=data-dev python tests/eval/silence_audit.py tests/eval/dev_questions_facts.jsonl \
        [more files] [--ask] [--list]

Each question is scoped as the scorers scope it (api.fact_evaluation, tests/eval/score_places.py).
Counted per file and pooled: questions silenced off / on, answerable or absent. With --ask, every
question is asked once with the rule on and scored as its scorer scores it; its outcome with the
rule off is the same unless the rule-off check silences it (the check returns before anything
else is decided), so both columns come from one pass. --list prints every silenced question with
its words (development data only). --changed asks only the questions the rule changes (the others
are the same both ways) and prints their outcome with the rule on."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path


def _classes(voikko, word: str) -> str:  # type: ignore[no-untyped-def]
    found = sorted({a.get("CLASS", "?") for a in voikko.analyze(word)}) if voikko else []
    return "/".join(found) or "-"


def _place_outcome(q: dict, answers, names) -> str:  # type: ignore[no-untyped-def]
    from tests.eval.score_places import outcome

    if q.get("absent"):
        return "false answer" if answers else "silent"
    expected = {e.casefold() for e in q.get("answer_entities", []) + q.get("answer_regions", [])}
    got = {next((n.casefold() for n in names.get(a.iri or "", ()) if n.casefold() in expected),
                a.label.casefold()) for a in answers}
    p = len(expected & got) / len(got) if got else 0.0
    r = len(expected & got) / len(expected) if expected else 0.0
    result = outcome(p, r, bool(answers))
    return "silent" if result == "none" else result


def main(argv: list[str]) -> None:
    from api.components import load_services
    from api.evaluation import _names_by_iri
    from api.fact_evaluation import score
    from api.schemas import ask_response
    from ingest.documents import document_key

    paths = [Path(a) for a in argv if not a.startswith("--")]
    ask, listing, changed = "--ask" in argv, "--list" in argv, "--changed" in argv
    services = load_services(Settings())
    answerer = services.answerer
    analyzer = answerer.searcher.analyzer
    voikko = analyzer.voikko
    names = _names_by_iri(services)
    present = set(services.passages.documents())
    pooled: Counter = Counter()
    try:
        for path in paths:
            facts = "facts" in path.name
            counts: Counter = Counter()
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                q = json.loads(line)
                docs = [document_key(Path(d)) for d in q.get("docs", [])]
                if docs and not all(d in present for d in docs):
                    continue
                scope = {str(services.minter.document(d)) for d in (docs or present)}
                question = q["q"]
                aq = analyzer.analyse(question)
                words = analyzer.word_forms(question)
                entities = answerer.entities_of(aq, question)
                off = answerer.unknown_words(question, aq, words, entities, by_class=False)
                on = answerer.unknown_words(question, aq, words, entities)
                part = "absent" if q.get("absent") else "answerable"
                counts[f"{part} n"] += 1
                counts[f"{part} silenced off"] += bool(off)
                counts[f"{part} silenced on"] += bool(on)
                if on and not off:
                    counts["silenced only on"] += 1
                if ask or changed and bool(off) != bool(on):
                    if facts:
                        response = ask_response(answerer.ask(question, documents=scope),
                                                services.minter)
                        got = json.loads(response.model_dump_json())["answers"]
                        after = score(q, got, names)
                    else:
                        after = _place_outcome(q, answerer.ask(question, documents=scope).answers,
                                               names)
                    before = "silent" if off else after
                    if on and not off:
                        before = "?"  # not derivable: ask again on main
                    counts[f"{part} before {before}"] += 1
                    counts[f"{part} after {after}"] += 1
                if (listing or changed and bool(off) != bool(on)) and (off or on):
                    said = ", ".join(f"{u.word}[{u.why}:{_classes(voikko, u.word)}]" for u in off)
                    print(f"  {path.stem[14:]} {q['id']} {part:10s} off={bool(off):d} "
                          f"on={bool(on):d} {said} | {question[:80]}"
                          + (f" -> {after}" if ask or changed and bool(off) != bool(on) else ""))
            print(f"{path.stem[14:]:16s} "
                  + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
            pooled.update(counts)
    finally:
        services.close()
    print("POOLED " + json.dumps(dict(sorted(pooled.items())), ensure_ascii=False))


if __name__ == "__main__":
    from api.settings import Settings

    main(sys.argv[1:])
