"""The wide question templates: six named classes of wording, each over the answer types; kept
beside the shipped model's training questions, not in them (measured, not kept: QUALITY_LOG
wide14)."""

import sys
from collections import defaultdict
from pathlib import Path

from search.question_training import WIDE_TEMPLATES, load_templates, training_questions

sys.path.insert(0, str(Path(__file__).parents[1] / "eval"))
from question_model_cv import template_classes  # noqa: E402

CLASSES = {"keyword", "colloquial", "formal", "synonym", "english", "swedish"}


def test_every_template_belongs_to_a_named_class():
    rows = load_templates(WIDE_TEMPLATES)
    classes = template_classes(WIDE_TEMPLATES)
    assert len(rows) == len(classes) >= 300
    assert set(classes) == CLASSES


def test_each_class_covers_the_answer_types():
    types = defaultdict(set)
    for klass, (kind, _, _, _) in zip(template_classes(WIDE_TEMPLATES),
                                      load_templates(WIDE_TEMPLATES), strict=True):
        types[klass].add(kind)
    wanted = {"person", "body", "amount", "count", "date", "municipality", "region", "method",
              "topic"}
    assert {k: wanted <= v for k, v in types.items()} == dict.fromkeys(CLASSES, True)


def test_the_wide_templates_train_only_when_asked_for():
    from search.question_training import READING_TEMPLATES

    default = {q.text for q in training_questions()}
    wide = {q.text for q in training_questions(more=(READING_TEMPLATES, WIDE_TEMPLATES))}
    assert not any("hankekausi" in t for t in default)
    assert any("hankekausi" in t for t in wide) and any("löptiden" in t for t in wide)
