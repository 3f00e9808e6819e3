"""`lapekg eval` scores relations with their predicate: the right pair under the wrong
predicate is a miss and a false positive, not a hit. The frozen held-out set is a part of its
own, with a status accuracy, and its misses are shown only behind their own flag."""

from __future__ import annotations

import json
from pathlib import Path

from api.evaluation import evaluate_extraction, evaluate_questions
from api.heldout_evaluation import (
    evaluate_heldout,
    evaluate_heldout_questions,
    evaluate_statuses,
)

DOC = "keski-pohjanmaa_soite_lape-muutostyo-jatkuu-2019.txt"


def _gold(tmp_path, predicate: str):
    entity = {"doc": DOC, "type": "Organisation", "label": "Soite"}
    relation = {"doc": DOC, "subject": {"type": "Project", "label": "KP LAPE"},
                "predicate": predicate, "object": {"type": "Organisation", "label": "Soite"}}
    (tmp_path / "entities.jsonl").write_text(json.dumps(entity) + "\n", encoding="utf-8")
    (tmp_path / "relations.jsonl").write_text(json.dumps(relation) + "\n", encoding="utf-8")
    return tmp_path


def test_the_right_predicate_is_a_hit(services, tmp_path):
    relations = evaluate_extraction(services, _gold(tmp_path, "administeredBy"))["relations"]
    assert relations["administeredBy"]["tp"] == 1
    assert relations["all"]["tp"] == 1


def test_the_right_pair_under_another_predicate_is_no_hit(services, tmp_path):
    relations = evaluate_extraction(services, _gold(tmp_path, "partner"))["relations"]
    assert relations["partner"]["fn"] == 1
    assert relations["all"]["tp"] == 0
    assert relations["all"]["fn"] == 1


def test_misses_list_the_gold_fact_not_found_with_its_evidence(services, tmp_path):
    gold = _gold(tmp_path, "partner")
    line = json.loads((gold / "relations.jsonl").read_text(encoding="utf-8"))
    line["evidence"] = "Soite hallinnoi"
    (gold / "relations.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    misses = evaluate_extraction(services, gold, misses=True)["misses"]
    fn = [(m["subject"], m["object"], m["evidence"]) for m in misses["partner"]
          if m["miss"] == "fn"]
    assert fn == [("project/kp-lape", "organisation/soite", "Soite hallinnoi")]
    # the administrator found for the pair is listed as a false positive, with its words
    assert any(m["miss"] == "fp" and m["evidence"] for m in misses["administeredBy"])


def test_no_misses_unless_asked(services, tmp_path):
    assert "misses" not in evaluate_extraction(services, _gold(tmp_path, "partner"))


def test_only_docs_scores_the_named_document_alone(services, tmp_path):
    """`lapekg eval --doc NAME`: the gold lines and predictions of other documents do not count."""
    other = "pohjois-karjala_pk-lape_tulokset_2018.txt"
    gold = _gold(tmp_path, "administeredBy")
    with (gold / "entities.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps({"doc": other, "type": "Organisation", "label": "Siun sote"}) + "\n")
    both = evaluate_extraction(services, gold)["entities"]["Organisation"]
    assert both["tp"] + both["fn"] == 2
    alone = evaluate_extraction(services, gold, only_docs=[DOC])
    assert alone["entities"]["Organisation"]["tp"] + alone["entities"]["Organisation"]["fn"] == 1
    assert alone["relations"]["administeredBy"]["tp"] == 1
    assert evaluate_extraction(services, gold, only_docs=[other])["relations"] \
        .get("administeredBy", {"tp": 0, "fn": 0})["fn"] == 0


# --- the frozen held-out part: scored apart, status accuracy, misses only when asked ---------

HELD = "stm_uutinen_lape-muutosohjelma-tulokset_2018-11-29.txt"


def _reference_status(services):
    """A status statement of the build about HELD between two reference entities, as labels."""
    from api.evaluation import METHOD_STATUSES, predicted_relations
    from graph.triples import entity_iri
    from ingest.documents import document_key

    labels = {str(entity_iri(services.minter, e.kind, e.key)): (e.kind, e.pref_fi)
              for e in services.reference.entities}
    found = predicted_relations(services, {document_key(Path(HELD))})
    for status in METHOD_STATUSES:
        for _, s, o in sorted(found.get(status, ())):
            if s in labels and o in labels:
                return status, labels[s], labels[o][1]
    raise AssertionError("the build holds no status statement between reference entities")


def _heldout_dir(tmp_path, statuses: list[dict]):
    (tmp_path / "entities.jsonl").write_text(json.dumps(
        {"doc": HELD, "type": "Organisation", "label": "STM"}) + "\n", encoding="utf-8")
    (tmp_path / "relations.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "statuses.jsonl").write_text(
        "".join(json.dumps({"doc": HELD, "evidence": "x", **s}) + "\n" for s in statuses),
        encoding="utf-8")
    return tmp_path


def test_a_status_in_the_graph_is_right_and_another_status_for_the_pair_is_wrong(
        services, tmp_path):
    status, (kind, actor), method = _reference_status(services)
    other = next(s for s in ("planned", "trained") if s != status)
    statuses = evaluate_statuses(services, _heldout_dir(tmp_path, [
        {"method": method, "actor": {"type": kind, "label": actor}, "status": status},
        {"method": method, "actor": {"type": kind, "label": actor}, "status": other}],
    ) / "statuses.jsonl")
    assert (statuses["n"], statuses["correct"]) == (2, 1)
    assert statuses["per_status"][status]["correct"] == 1
    assert statuses["per_status"][other]["correct"] == 0


def test_none_is_right_only_when_the_graph_has_no_status_for_the_pair(services, tmp_path):
    _, (kind, actor), method = _reference_status(services)
    statuses = evaluate_statuses(services, _heldout_dir(tmp_path, [
        {"method": method, "actor": {"type": kind, "label": actor}, "status": "none"},
        {"method": "Voimaperheet", "actor": {"type": "Municipality", "label": "Utsjoki"},
         "status": "none", "note": "described, not named"}]) / "statuses.jsonl")
    assert statuses["per_status"]["none"] == {"n": 2, "correct": 1, "accuracy": 0.5}
    assert statuses["described"] == {"n": 1, "correct": 1, "accuracy": 1.0}


def test_the_heldout_part_has_statuses_and_lists_no_misses_unless_asked(services, tmp_path):
    heldout = _heldout_dir(tmp_path, [{"method": "Voimaperheet", "status": "piloted",
                                       "actor": {"type": "Municipality", "label": "Utsjoki"}}])
    part = evaluate_heldout(services, heldout)
    assert set(part) == {"entities", "relations", "statuses"}
    assert "misses" not in part["statuses"]
    asked = evaluate_heldout(services, heldout, misses=True)
    assert asked["statuses"]["misses"] == [
        {"doc": HELD, "actor": "Utsjoki",
         "method": "Voimaperheet", "status": "piloted", "got": [], "evidence": "x"}]
    assert "misses" in asked


def test_eval_reports_the_heldout_set_apart_and_keeps_its_misses_behind_their_own_flag(
        built, services, tmp_path, monkeypatch):
    """`lapekg eval --misses` lists seeds' misses but not the held-out set's; the held-out
    set is its own part of the JSON, scored from --heldout."""
    from typer.testing import CliRunner

    from api.cli import app as cli_app

    settings, _, _ = built
    monkeypatch.setenv("LAPEKG_DATA", str(settings.data))
    monkeypatch.setenv("LAPEKG_MODEL", settings.model)
    (tmp_path / "gold").mkdir()
    gold = _gold(tmp_path / "gold", "administeredBy")
    heldout = tmp_path / "heldout"
    heldout.mkdir()
    _heldout_dir(heldout, [{"method": "Voimaperheet", "status": "piloted",
                            "actor": {"type": "Municipality", "label": "Utsjoki"}}])
    args = ["eval", "--json", "--gold", str(gold), "--heldout", str(heldout),
            "--doc", DOC, "--doc", HELD, "--misses"]
    shown = json.loads(CliRunner().invoke(cli_app, args).stdout)
    assert set(shown) == {"seeds", "heldout"}
    assert "misses" in shown["seeds"]
    assert "misses" not in shown["heldout"] and "misses" not in shown["heldout"]["statuses"]
    assert shown["heldout"]["statuses"]["n"] == 1
    asked = json.loads(CliRunner().invoke(cli_app, [*args, "--heldout-misses"]).stdout)
    assert asked["heldout"]["statuses"]["misses"][0]["method"] == "Voimaperheet"


def test_heldout_questions_are_scored_only_when_their_file_is_there(services, tmp_path):
    assert evaluate_heldout_questions(services, tmp_path) is None
    import shutil

    shutil.copy(Path("tests/heldout/score_questions.py"), tmp_path / "score_questions.py")
    (tmp_path / "docs").mkdir()
    question = {"id": "t1", "kind": "body", "lang": "fi", "q": "Kuka hallinnoi KP LAPE -hanketta?",
                "docs": [DOC], "evidence": [{"doc": DOC, "text": "Soite"}],
                "answer_entities": ["Soite"]}
    (tmp_path / "questions.jsonl").write_text(json.dumps(question) + "\n", encoding="utf-8")
    part = evaluate_heldout_questions(services, tmp_path)
    assert part["questions"] == 1 and "per_question" not in part
    assert part["table"]["answered|all"]["questions"] == 1
    rows = evaluate_heldout_questions(services, tmp_path, misses=True)["per_question"]
    assert [r["id"] for r in rows] == ["t1"]
    assert rows[0]["outcome"] in {"right", "partly", "wrong", "none"}


def test_passages_of_excluded_documents_are_not_ranked_for_questions(services, tmp_path):
    """The held-out documents are in the eval build, but the development questions were
    written without them: their passages do not push the expected passage down."""
    from ingest.documents import document_key

    question = {"id": "x1", "q": "Hartola perhekeskus", "passage_contains": "Hartola"}
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps(question) + "\n", encoding="utf-8")
    found = evaluate_questions(services, [path])["per_question"][0]["rank"]
    assert found is not None
    holder = document_key(Path("paijat-hame_perhekeskuspilotit_loppuraportti_2018-11.txt"))
    excluded = evaluate_questions(services, [path], exclude_docs={holder})
    assert excluded["per_question"][0]["rank"] is None


def test_eval_scores_the_dev2_gold_files_as_a_development_part_of_their_own(
        built, tmp_path, monkeypatch):
    """Gold lines in dev2_entities.jsonl / dev2_relations.jsonl are the part "dev2", with its
    misses under --misses like the seeds'; a missing --heldout folder skips the held-out part."""
    from typer.testing import CliRunner

    from api.cli import app as cli_app

    settings, _, _ = built
    monkeypatch.setenv("LAPEKG_DATA", str(settings.data))
    monkeypatch.setenv("LAPEKG_MODEL", settings.model)
    (tmp_path / "seeds").mkdir()
    seeds = _gold(tmp_path / "seeds", "administeredBy")
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in ("entities.jsonl", "relations.jsonl"):
        (gold / f"dev2_{name}").write_text((seeds / name).read_text(encoding="utf-8"),
                                           encoding="utf-8")
    args = ["eval", "--json", "--gold", str(gold), "--heldout", str(tmp_path / "none"),
            "--doc", DOC, "--misses"]
    shown = json.loads(CliRunner().invoke(cli_app, args).stdout)
    assert set(shown) == {"dev2"}
    assert shown["dev2"]["relations"]["administeredBy"]["tp"] == 1
    assert "misses" in shown["dev2"]


def test_a_project_acting_in_a_status_line_is_the_project_the_graph_read_for_its_document(
        services, tmp_path):
    """A status line's actor resolves as a relation's subject does: a project under a label the
    graph gives the document's project (not only the slug of the label) is that project."""
    from api.evaluation import METHOD_STATUSES, GoldResolver, predicted_relations
    from graph.triples import entity_iri

    resolver = GoldResolver(services)
    methods = {str(entity_iri(services.minter, e.kind, e.key)): e.pref_fi
               for e in services.reference.entities if e.kind == "Method"}
    found = predicted_relations(services, set(services.passages.documents()))
    case = next(((doc, label, status, methods[o])
                 for (doc, label), iri in sorted(resolver.projects.items())
                 if iri != resolver.iri("Project", label)  # the slug alone misses it
                 for status in METHOD_STATUSES for d, s, o in sorted(found.get(status, ()))
                 if d == doc and s == iri and o in methods), None)
    assert case is not None, "the build has no status of a project known by another label"
    doc, label, status, method = case
    path = tmp_path / "statuses.jsonl"
    path.write_text(json.dumps({"doc": doc, "evidence": "x", "method": method, "status": status,
                                "actor": {"type": "Project", "label": label}}) + "\n",
                    encoding="utf-8")
    assert evaluate_statuses(services, path)["correct"] == 1


def test_eval_says_when_the_shared_development_questions_are_not_found(
        built, tmp_path, monkeypatch):
    """The default question files are read from the working directory: run elsewhere, `lapekg
    eval` says on stderr which one it did not find instead of scoring fewer questions silently."""
    from typer.testing import CliRunner

    from api.cli import app as cli_app

    settings, _, _ = built
    monkeypatch.setenv("LAPEKG_DATA", str(settings.data))
    monkeypatch.setenv("LAPEKG_MODEL", settings.model)
    (tmp_path / "corpus").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli_app, ["eval", "--json", "--gold", str(tmp_path / "none"),
                                          "--heldout", str(tmp_path / "none")])
    assert result.exit_code == 0, result.output
    assert "dev_questions.jsonl not found" in result.stderr
    assert json.loads(result.stdout)["questions"]
