"""The question model's cross-validation with folds fixed by template, to compare two sets of
training templates on the same questions.

The base templates (question_templates.tsv and question_templates_reading.tsv) keep one fold
assignment (GroupKFold by template over the base questions alone) in every run; the templates of
the --extra files are spread over the five folds by template. Reports, per head (answer type,
relation): accuracy on the base questions trained on base only ("before") and on base + extra
("after"), accuracy on the extra questions by cross-validation, and the base-only model on all
extra questions (how the model without them reads their wordings). Per class of the extra file
(its "# class: NAME" comment lines) the same extra figures.

    python tests/eval/question_model_cv.py --encoder $LAPEKG_MODEL \
        --extra search/data/question_templates_wide.tsv [--drop CLASS ...]
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

from search.question_model import _fit, _weights, features, voikko_forms
from search.question_training import (
    READING_TEMPLATES,
    TEMPLATES,
    load_templates,
    training_questions,
)

FOLDS = 5


def template_classes(path: Path) -> list[str]:
    """The class of each template row of `path`, from the last '# class: NAME' line above it."""
    out, current = [], "unclassed"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# class:"):
            current = line.split(":", 1)[1].strip().split()[0]
        elif line.strip() and not line.startswith("#"):
            out.append(current)
    return out


def without_classes(path: Path, drop: set[str], tmp: Path) -> Path:
    lines, current = [], "unclassed"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# class:"):
            current = line.split(":", 1)[1].strip().split()[0]
        if current in drop and line.strip() and not line.startswith("#"):
            continue
        lines.append(line)
    out = tmp / path.name
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def main() -> None:
    from sklearn.model_selection import GroupKFold

    from search.encoder import Encoder

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--encoder", required=True)
    parser.add_argument("--extra", type=Path, nargs="*", default=[])
    parser.add_argument("--drop", nargs="*", default=[],
                        help="classes of the extra files to leave out")
    parser.add_argument("-C", type=float, default=1.0)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="qcv-"))
    extra = [without_classes(p, set(args.drop), tmp) for p in args.extra]
    n_base = len(load_templates(TEMPLATES)) + len(load_templates(READING_TEMPLATES))
    classes = [c for p in extra for c in template_classes(p)]
    questions = training_questions(more=(READING_TEMPLATES, *extra))
    base = [q for q in questions if q.template < n_base]
    new = [q for q in questions if q.template >= n_base]
    print(f"base questions {len(base)} ({n_base} templates); extra questions {len(new)} "
          f"({len(classes)} templates)")

    encoder = Encoder(args.encoder)
    forms = voikko_forms()
    x = np.stack([features(encoder.encode_query(q.text), forms(q.text), q.named)
                  for q in questions])
    is_base = np.array([q.template < n_base for q in questions])
    fold = np.zeros(len(questions), dtype=int)
    base_idx = np.flatnonzero(is_base)
    for f, (_, test) in enumerate(GroupKFold(FOLDS).split(
            base_idx, groups=[questions[i].template for i in base_idx])):
        fold[base_idx[test]] = f
    for i in np.flatnonzero(~is_base):
        fold[i] = questions[i].template % FOLDS
    klass = np.array(["base" if q.template < n_base else classes[q.template - n_base]
                      for q in questions])

    def scaled(train_mask: np.ndarray) -> np.ndarray:
        xt = x[train_mask]
        mean, scale = xt.mean(axis=0), xt.std(axis=0) + 1e-6
        return (x - mean) / scale * _weights(x.shape[1], 1.0)

    for head in ("answer_type", "relation"):
        y = np.array([getattr(q, head) for q in questions])
        before = np.zeros(len(y), dtype=bool)
        after = np.zeros(len(y), dtype=bool)
        xs_b, xs_a = scaled(is_base), scaled(np.ones(len(y), dtype=bool))
        for f in range(FOLDS):
            test = fold == f
            m = _fit(xs_b[is_base & ~test], y[is_base & ~test], args.C)
            before[test] = m.predict(xs_b[test]) == y[test]
            m = _fit(xs_a[~test], y[~test], args.C)
            after[test] = m.predict(xs_a[test]) == y[test]
        m = _fit(xs_b[is_base], y[is_base], args.C)
        old_on_new = m.predict(xs_b) == y
        print(f"\n{head}: base questions by template, before {before[is_base].mean():.3f} "
              f"after {after[is_base].mean():.3f}")
        if (~is_base).any():
            print(f"  extra questions: base-only model {old_on_new[~is_base].mean():.3f}, "
                  f"cross-validated with base + extra {after[~is_base].mean():.3f}")
            for c in sorted(set(klass[~is_base])):
                sel = klass == c
                print(f"    {c:14s} n={sel.sum():4d} base-only {old_on_new[sel].mean():.3f} "
                      f"cv {after[sel].mean():.3f}")
            per_type: dict[str, list[bool]] = defaultdict(list)
            for i in np.flatnonzero(~is_base):
                per_type[questions[i].answer_type].append(bool(after[i]))
            print("  extra by answer type (cv): " + ", ".join(
                f"{t} {np.mean(v):.2f}/{len(v)}" for t, v in sorted(per_type.items())))


if __name__ == "__main__":
    main()
