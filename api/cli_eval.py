"""`lapekg eval`: extraction and answers against the gold sets, the held-out set apart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from api.cli_common import services as _services


def eval_(gold: Annotated[Path, typer.Option(help="gold annotation folder")] = Path("tests/gold"),
          questions: Annotated[list[Path] | None, typer.Option(help="question files")] = None,
          min_confidence: Annotated[float, typer.Option(
              help="count only facts at or above this confidence")] = 0.0,
          as_json: Annotated[bool, typer.Option("--json")] = False,
          misses: Annotated[bool, typer.Option(
              "--misses", help="list each relation miss (fn) and false positive (fp) of the "
                               "development parts: seeds, unseen, dev2 (never of the held-out "
                               "set)")] = False,
          doc: Annotated[list[str] | None, typer.Option(
              "--doc", help="score extraction on this gold or held-out document only (file "
                            "name; repeatable); questions are then not run")] = None,
          heldout: Annotated[Path, typer.Option(
              help="the frozen held-out set (documents, gold, statuses), scored apart; "
                   "skipped when the folder is missing")] = Path("tests/heldout"),
          heldout_misses: Annotated[bool, typer.Option(
              "--heldout-misses", help="also list the held-out set's misses and per-question "
                                       "rows. Only for whoever maintains that set: people who "
                                       "write rules or training data must see its aggregate "
                                       "figures only")] = False,
          ) -> None:
    """Measure extraction (P/R per type against the gold set) and answers (hit@5, MRR, P/R).

    The frozen held-out set (--heldout) is scored as a part of its own.
    It has entities, relations, status accuracy, and its questions if questions.jsonl exists.
    Its misses are never shown by --misses: only --heldout-misses shows them."""
    from api.evaluation import (
        DEVELOPMENT_PARTS,
        evaluate_extraction,
        evaluate_questions,
        part_is_built,
    )
    from api.heldout_evaluation import evaluate_heldout, evaluate_heldout_questions

    services = _services()
    shared = Path("../shared/eval/dev_questions.jsonl")
    qpaths = questions or [p for p in (shared, Path("tests/eval/questions.jsonl")) if p.exists()]
    from api.build import collect_files
    from ingest.documents import document_key

    corpus_docs = {document_key(path) for path, _ in collect_files([Path("corpus")])[0]}
    result = {part: evaluate_extraction(services, gold, prefix=prefix,
                                        min_confidence=min_confidence, misses=misses,
                                        only_docs=doc)
              for part, prefix in DEVELOPMENT_PARTS if part_is_built(services, gold, prefix)}
    if (heldout / "entities.jsonl").exists():
        result["heldout"] = evaluate_heldout(services, heldout, min_confidence,
                                             misses=heldout_misses, only_docs=doc)
    if doc:
        # only the part(s) whose gold annotates the documents asked for
        result = {part: r for part, r in result.items() if r["entities"]["all"]["tp"]
                  + r["entities"]["all"]["fn"]}
        if not result:
            raise typer.BadParameter(f"no gold annotation for {', '.join(doc)}", param_hint="--doc")
    else:
        held_docs: set[str] = set()
        if (heldout / "docs").is_dir():  # in the build, but not what questions were written on
            held_docs = {document_key(p) for p, _ in collect_files([heldout / "docs"])[0]}
        if not questions and not shared.exists():
            # the paths are read from the working directory: say which default was not found,
            # rather than score fewer questions without a word
            typer.echo(f"note: {shared} not found from {Path.cwd()}; its questions are not scored "
                       "(run from the repository's root beside shared/, or name files with "
                       "--questions)", err=True)
        result["questions"] = evaluate_questions(services, qpaths, default_docs=corpus_docs,
                                                 exclude_docs=held_docs)
        held_q = evaluate_heldout_questions(services, heldout, misses=heldout_misses)
        if held_q is not None:
            result["heldout_questions"] = held_q
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    _print_eval(result)


def _print_eval(result: dict) -> None:
    for part in result:
        if part in ("questions", "heldout_questions"):
            continue
        for what in ("entities", "relations"):
            typer.secho(f"{part} {what}", bold=True)
            for kind, row in result[part][what].items():
                typer.echo(f"  {kind:16s} P={row['P']:.3f} R={row['R']:.3f} "
                           f"(tp {row['tp']}, fp {row['fp']}, fn {row['fn']})")
        if "statuses" in result[part]:
            st = result[part]["statuses"]
            typer.secho(f"{part} statuses", bold=True)
            for kind, row in (("all", st), *st["per_status"].items(),
                              ("described", st["described"])):
                typer.echo(f"  {kind:16s} accuracy={row['accuracy']:.3f} "
                           f"({row['correct']} of {row['n']})")
            for m in st.get("misses", []):
                typer.echo(f"  miss {m['doc'][:30]:30s} {m['actor']} / {m['method']}: "
                           f"{m['status']} got {m['got'] or 'none'}  «{m['evidence'][:120]}»")
        for pred, rows in result[part].get("misses", {}).items():
            typer.secho(f"{part} misses: {pred}", bold=True)
            for m in rows:
                typer.echo(f"  {m['miss']} {m['doc'][:30]:30s} {m['subject']} -> {m['object']}"
                           f"  «{m['evidence'][:160]}»")
    if "questions" in result:
        qs = result["questions"]
        typer.secho("questions", bold=True)
        for row in qs["per_question"]:
            typer.echo(f"  {row['id']:6s} rank={row.get('rank', '-')!s:5s} "
                       f"P={row.get('P', '-')!s:4s} R={row.get('R', '-')!s:4s} {row['q'][:70]}")
        typer.echo(f"passage questions {qs['passage_questions']}: hit@5={qs['hit@5']} "
                   f"MRR={qs['MRR']}")
        typer.echo(f"answer questions {qs['answer_questions']}: P={qs['answer_P']} "
                   f"R={qs['answer_R']}")
    if "heldout_questions" in result:
        hq = result["heldout_questions"]
        typer.secho("heldout_questions (rules of tests/heldout/QUESTIONS.md)", bold=True)
        for key, row in hq["table"].items():
            typer.echo(f"  {key:28s} " + ", ".join(f"{k} {v}" for k, v in row.items()))
        for row in hq.get("per_question", []):
            typer.echo(f"  {row['id']:6s} {row['outcome']:8s} {row['q'][:70]}")
        typer.echo(f"held-out questions {hq['questions']}: right={hq['right']} "
                   f"false answers to absent things={hq['false_answers_to_absent']}")
