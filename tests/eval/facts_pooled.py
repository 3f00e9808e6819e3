"""Every development fact set scored on one build, per set, per kind and pooled, with each fact
question that is not right (and each false answer to an absent thing) classed by the stage that
lost it. Development data only; never the held-out set.

    LAPEKG_DATA=data-dev PYTHONPATH=$PWD python tests/eval/facts_pooled.py \
        [SET,SET,…] [--rows FILE.jsonl] [--show] [--kinds body,date]

SET defaults to every fact set of the Makefile's eval-dev. Outcomes are api.fact_evaluation's
(right, partly, wrong, silent; absent: silent or false answer), asked in the same scope. Stages,
in the order a question passes them:
  kind        the question was read as another kind (the answer type `ask` settled on)
  silenced    a silence rule ended the question before anything was read (a word no passage
              holds)
  graph       the graph answered, wrongly or with extras
  no-entity   the gold is in no top-5 passage and the question named no entity `ask` linked
  rank:6-8 / rank:9-30 / rank:31-100   the first scoped passage holding the expected value
              ranks there (the reading reads the first 8 and the passages naming the question's
              entities)
  not-in-text the expected value is in no scoped passage of the first 100 as written (an
              artefact of the gold's form, or a passage the ranking never returns)
  not-read    a top-5 passage holds the value, the reading has no candidate stating it
  other-first another candidate read first (answered: wrong; else silent)
  under-floor the right candidate read first, under the confidence floor
  extras      the right answer with others beside it (partly)
  false       an answer to an absent thing (graph or text)
A value is "held" by a passage as the scorer would read it: a date by dates_of, a count or an
amount by its number written in the passage, a person or a body by its label (or an alias) with
Finnish case endings."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

SETS = ("facts", "facts2", "facts3", "facts4", "facts5", "facts6", "facts7", "facts8", "facts9",
        "w5facts", "w5bfacts", "seedsq_facts", "w6facts", "seedsq2_facts", "w8facts",
        "seedsq3_facts", "w10facts", "seedsq4_facts", "w12facts", "seedsq5_facts")


def _name_pattern(name: str) -> re.Pattern[str]:
    """A name with each word allowed a Finnish case ending ('Kainuun soten', 'Raision
    kaupungilla'): each word's first len-2 letters (at least 3) then word characters."""
    words = re.findall(r"\w+", name.casefold())
    parts = [re.escape(w[:max(3, len(w) - 2)]) + r"\w*" for w in words]
    return re.compile(r"(?<!\w)" + r"\W+".join(parts))


def holds(q: dict, text: str) -> bool:
    """Whether a passage's text states an expected value of the question."""
    from search.reading_values import date_match, dates_of

    kind, expected = q["type"], q["answer_entities"]
    low = text.casefold()
    if kind == "date":
        got = dates_of(text)
        return any(date_match(e, g) or g == e for e in expected for g in got)
    if kind in ("count", "amount"):
        numbers = set()
        for m in re.finditer(r"\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:[,.]\d+)?", low):
            raw = m.group(0).replace("\u00a0", " ").replace(" ", "").replace(",", ".")
            try:
                numbers.add(float(raw))
            except ValueError:
                continue
        for e in expected:
            value = float(e)
            if any(abs(n - value) <= 0.01 * value for n in numbers):
                return True
            # '1,3 miljoonaa', '250 000 euroa' written in thousands or millions
            if any(abs(n * 1e6 - value) <= 0.01 * value or abs(n * 1e3 - value) <= 0.01 * value
                   for n in numbers):
                return True
        return False
    names = [*expected, *q.get("aliases", [])]
    return any(_name_pattern(n).search(low) for n in names)


class Trace:
    """What one ask passed through: the graph's candidates and the reading's candidates."""

    def __init__(self, services) -> None:  # type: ignore[no-untyped-def]
        ans = services.answerer
        self.rec: dict = {}
        rec = self.rec
        orig_graph, orig_read = ans._from_graph, ans.read_candidates

        def graph(*a, **k):  # type: ignore[no-untyped-def]
            out = orig_graph(*a, **k)
            rec["graph"] = out
            return out

        def read(*a, **k):  # type: ignore[no-untyped-def]
            out = orig_read(*a, **k)
            rec.setdefault("read", []).append(out)
            return out

        ans._from_graph = graph
        ans.read_candidates = read


def stage_of(q: dict, res, outcome: str, answers: list[dict], rec: dict,  # type: ignore[no-untyped-def]
             ranking: list, names: dict) -> str:
    from api.fact_evaluation import score

    if q.get("absent"):
        src = {a.get("source") for a in answers}
        return "false:" + ("graph" if "graph" in src else "text")
    if res.answer_type != q["type"]:
        return f"kind:{res.answer_type}"
    if res.note.startswith("The question names what no document holds"):
        return "silenced"
    if any(a.get("source") == "graph" for a in answers):
        return "graph:" + outcome
    if outcome == "partly":
        return "extras"
    at = next((i for i, h in enumerate(ranking) if holds(q, h.passage.text)), None)
    reads = [c for out in rec.get("read", []) for c in out]
    hits = []
    for c in reads:
        one = {"label": c.label, "iri": None, "amount": None}
        if c.entity is not None:
            one["iri"] = _iri(c.entity, names)
        hits.append(score(q, [one], names) in ("right", "partly"))
    if any(hits):
        first = hits.index(True)
        if first == 0:
            return "under-floor" if outcome == "silent" else "right-first-but-" + outcome
        return "other-first"
    if at is None:
        return "not-in-text"
    if at >= 5:
        if not res.entities:
            return "no-entity"
        return "rank:6-8" if at < 8 else "rank:9-30" if at < 30 else "rank:31-100"
    return "not-read"


_IRI_OF: dict = {}


def _iri(entity, names) -> str | None:  # type: ignore[no-untyped-def]
    return _IRI_OF.get((entity.kind, entity.key))


def asked(services, sets, names, before=None):  # type: ignore[no-untyped-def]
    """Each question of the sets asked of its documents (those of the build when it names none;
    skipped when one is not built): (set, question, scope, AnswerSet, answers as the API gives
    them, outcome). `before` is called before each question is asked."""
    from api.evaluation import _jsonl
    from api.fact_evaluation import score
    from api.schemas import ask_response
    from ingest.documents import document_key

    present = set(services.passages.documents())
    for name in sets:
        for q in _jsonl(Path(f"tests/eval/dev_questions_{name}.jsonl")):
            docs = [document_key(Path(d)) for d in q.get("docs", [])]
            if docs and not all(d in present for d in docs):
                continue
            scope = {str(services.minter.document(d)) for d in (docs or present)}
            if before is not None:
                before()
            res = services.answerer.ask(q["q"], documents=scope)
            answers = json.loads(ask_response(res, services.minter).model_dump_json())["answers"]
            yield name, q, scope, res, answers, score(q, answers, names)


def main(argv: list[str]) -> None:
    from api.components import load_services
    from api.evaluation import _names_by_iri

    rows_path = Path(argv[argv.index("--rows") + 1]) if "--rows" in argv else None
    kinds_arg = argv[argv.index("--kinds") + 1].split(",") if "--kinds" in argv else None
    skip = {str(rows_path), ",".join(kinds_arg) if kinds_arg else ""}
    args = [a for a in argv if not a.startswith("--") and a not in skip]
    sets = args[0].split(",") if args else list(SETS)
    show = "--show" in argv
    from api.settings import Settings

    services = load_services(Settings())
    names = _names_by_iri(services)
    ans = services.answerer
    _IRI_OF.update({(e.kind, e.key): ans._iri(e) for e in ans.reference.entities})
    trace = Trace(services)
    rows = []
    for name, q, scope, res, answers, result in asked(services, sets, names, trace.rec.clear):
        stage = ""
        if result != "right" and not (q.get("absent") and result == "silent"):
            if kinds_arg is None or q["type"] in kinds_arg:
                wide = ans.searcher.search(q["q"], k=100)
                ranking = [h for h in wide
                           if str(services.minter.document(h.passage.doc_key)) in scope]
                stage = stage_of(q, res, result, answers, trace.rec, ranking, names)
        rows.append({"set": name, "id": q["id"], "type": q["type"], "lang": q["lang"],
                     "absent": bool(q.get("absent")), "outcome": result, "stage": stage,
                     "read_as": f"{res.answer_type}/{res.relation}", "q": q["q"],
                     "expected": q["answer_entities"],
                     "got": [(a["label"], a.get("source"), a.get("confidence"))
                             for a in answers]})
        if show and stage:
            print(f"{name} {q['id']} {q['type']} {result} {stage} [{res.answer_type}/"
                  f"{res.relation}]\n   Q {q['q']}\n   exp {q['answer_entities']}\n"
                  f"   got {rows[-1]['got'][:3]}", flush=True)
    if rows_path is not None:
        rows_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                             encoding="utf-8")
    services.close()
    summarise(rows)


def utility(c: Counter) -> int:
    return c["right"] - 2 * (c["wrong"] + c["false answer"])


def summarise(rows: list[dict]) -> None:
    per_set: dict[str, Counter] = defaultdict(Counter)
    per_kind: dict[str, Counter] = defaultdict(Counter)
    stages: dict[str, Counter] = defaultdict(Counter)
    pooled: Counter = Counter()
    for r in rows:
        per_set[r["set"]][r["outcome"]] += 1
        pooled[r["outcome"]] += 1
        per_kind["absent" if r["absent"] else r["type"]][r["outcome"]] += 1
        if r["stage"]:
            stages[r["type"]][r["stage"]] += 1
    cols = ("right", "partly", "silent", "wrong", "false answer")
    print("set".ljust(16) + " ".join(c[:6].rjust(7) for c in cols) + "   utility")
    for name, c in per_set.items():
        print(name.ljust(16) + " ".join(str(c[k]).rjust(7) for k in cols) + f"   {utility(c)}")
    print("pooled".ljust(16) + " ".join(str(pooled[k]).rjust(7) for k in cols)
          + f"   {utility(pooled)}")
    for kind, c in sorted(per_kind.items()):
        print(f"  {kind:10s} " + ", ".join(f"{k} {c[k]}" for k in cols if c[k]))
    for kind, c in sorted(stages.items()):
        print(f"stages {kind}: " + ", ".join(f"{k} {v}" for k, v in c.most_common()))


if __name__ == "__main__":
    if "--summary" in sys.argv:
        summarise([json.loads(x) for x in Path(sys.argv[-1]).read_text().splitlines() if x])
    else:
        main(sys.argv[1:])
