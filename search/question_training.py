"""The question model's training questions: hand-written templates over hand-picked fillers
(search/data/), expanded deterministically, with a lower-case unpunctuated variant of every
other question (users type both)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from search.data_files import read_json

DATA = Path(__file__).parent / "data"
TEMPLATES = DATA / "question_templates.tsv"
# Fact questions (dates, counts, amounts, people, bodies) in many English and Swedish wordings,
# kept by the reading layer's owner (aread) in a file of its own.
READING_TEMPLATES = DATA / "question_templates_reading.tsv"
# Search-box keywords, spoken and official Finnish, synonyms of the relations, terse English and
# Swedish, of every answer type (wq14, round 14): classes named in the file's header. Measured and
# NOT part of the shipped model: with it, pooled development right fell 1,027 -> 1,024 and false
# answers to absent rose 17 -> 18 (tests/eval/QUALITY_LOG.md, wide14). Pass it in `more` to try.
WIDE_TEMPLATES = DATA / "question_templates_wide.tsv"
SLOTS = DATA / "question_slots.json"
# How many fillings of each template: enough wordings per class without one template's
# frame outweighing the rest.
FILLINGS = 2
_SLOT = re.compile(r"\{([A-Z]+)(\d?)\}")
# The kind of entity each slot names, as the entity matcher would find it in a question.
SLOT_KINDS = {"P": "Project", "R": "Region", "O": "Organisation", "M": "Method", "ROLE": "Role"}


@dataclass(frozen=True)
class TrainingQuestion:
    text: str
    answer_type: str
    relation: str
    language: str
    template: int  # which template it came from: cross-validation folds keep one together
    named: tuple[str, ...] = ()  # the kinds of entity its slots name ("Project", "Role" …)


def _fill(template: str, slots: dict[str, list], n: int) -> str:
    def one(m: re.Match[str]) -> str:
        values = slots[m.group(1)]
        value = values[(n * 3 + len(template)) % len(values)]
        return value if isinstance(value, str) else value[int(m.group(2) or 0)]

    return _SLOT.sub(one, template)


def _plain(text: str) -> str:
    """'Kuka hallinnoi Lupa auttaa! -hanketta?' → 'kuka hallinnoi lupa auttaa -hanketta'."""
    return re.sub(r"\s+", " ", re.sub(r"[?!.,:;]", "", text)).strip().lower()


def load_templates(path: Path = TEMPLATES) -> list[tuple[str, str, str, str]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 4:
            raise ValueError(f"{path}:{n}: expected type, relation, language and template "
                             f"separated by tabs, got {len(parts)} fields")
        rows.append((parts[0], parts[1], parts[2], parts[3]))
    return rows


def training_questions(templates: Path = TEMPLATES, slots: Path = SLOTS,
                       more: tuple[Path, ...] = (READING_TEMPLATES,)
                       ) -> list[TrainingQuestion]:
    fillers = {k: v for k, v in read_json(slots, "question slot fillers").items()
               if not k.startswith("_")}
    out: dict[str, TrainingQuestion] = {}
    rows = load_templates(templates) + [r for path in more for r in load_templates(path)]
    for t, (kind, relation, language, template) in enumerate(rows):
        named = tuple(sorted({SLOT_KINDS[m.group(1)] for m in _SLOT.finditer(template)
                              if m.group(1) in SLOT_KINDS}))
        for n in range(FILLINGS):
            text = _fill(template, fillers, n)
            variants = [text] + ([_plain(text)] if (t + n) % 2 == 0 else [])
            for v in variants:
                out.setdefault(v, TrainingQuestion(v, kind, relation, language, t, named))
    return list(out.values())
