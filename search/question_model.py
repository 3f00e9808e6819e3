"""What a question asks for: the answer type and the relation, from a linear classifier over the
question's e5 vector and a few word features (question words, cue groups). Trained on the
hand-written questions of `search.question_training`; applied with numpy only, so asking loads
no scikit-learn. Build: `python -m search.question_model --encoder MODEL_DIR`."""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from search.question_cues import RELATION_CUES, STATUS_CUES, TARGET_CUES

logger = logging.getLogger(__name__)

ARTIFACT = Path(__file__).parent / "data" / "question_model.npz"
# Question words of Finnish, English and Swedish: each its own feature, as lemma or word.
QUESTION_WORDS = (
    "kuka", "ketkä", "mikä", "mitkä", "mitä", "missä", "mihin", "mistä", "milloin", "kuinka",
    "montako", "paljonko", "miten", "millä", "minkä", "kenen", "kauan", "moni", "monta", "määrä",
    "who", "whom", "which", "what", "where", "when", "how", "many", "much", "long", "number",
    "vem", "vilka", "vilken", "vad", "var", "när", "hur", "många", "mycket", "länge",
)
COUNT_CUES = ("monta", "montako", "moni", "määrä", "lukumäärä", "many", "number", "många",
              "antal")
# Cue groups: each lexicon of question_cues is one feature, so the model may lean on them but
# is not dispatched by them.
CUE_GROUPS: dict[str, tuple[str, ...]] = {
    **{f"target:{k}": v for k, v in TARGET_CUES.items()},
    **{f"relation:{k}": v for k, v in RELATION_CUES.items()},
    **{f"status:{k}": v for k, v in STATUS_CUES.items()},
    "count": COUNT_CUES,
}
# The kinds of entity a question names, and which kind of answer its first answer-type word
# asks ('Which municipalities …, and which region are they in?' asks for municipalities).
NAMED_KINDS = ("Project", "Region", "Organisation", "Method", "Role", "Person")
FEATURES = (tuple(f"qw:{w}" for w in QUESTION_WORDS) + tuple(CUE_GROUPS)
            + tuple(f"named:{k}" for k in NAMED_KINDS)
            + tuple(f"first:{t}" for t in TARGET_CUES))
# After standardising, each word feature weighs this many vector dimensions: 384 of them would
# otherwise drown 70 binary features (chosen by the by-template cross-validation of `build`).
WORD_WEIGHT = 1.0

Forms = Mapping[str, set[str]]
PLACE_TYPES = {"region": "Region", "municipality": "Municipality"}


def _first_target(forms: Forms) -> str | None:
    for word, fs in forms.items():  # in the question's order
        for target, cues in TARGET_CUES.items():
            if word in cues or fs & set(cues):
                return target
    return None


def _first_place(forms: Forms) -> str | None:
    """The place type of the first place noun ('kunnissa', 'regions'); question words such as
    'missä' or 'where' name no kind of place."""
    for word, fs in forms.items():
        for kind, target in PLACE_TYPES.items():
            nouns = set(TARGET_CUES[target]) - set(QUESTION_WORDS)
            if word in nouns or fs & nouns:
                return kind
    return None


def word_features(forms: Forms, named: Iterable[str] = ()) -> np.ndarray:
    """`forms` maps each word (lower case, in the question's order) to its lemma and cue
    forms; `named` are the kinds of the entities the question names."""
    held = set(forms) | {f for fs in forms.values() for f in fs}
    kinds = set(named)
    first = _first_target(forms)
    out = [1.0 if w in held else 0.0 for w in QUESTION_WORDS]
    out += [1.0 if held & set(cues) else 0.0 for cues in CUE_GROUPS.values()]
    out += [1.0 if k in kinds else 0.0 for k in NAMED_KINDS]
    out += [1.0 if t == first else 0.0 for t in TARGET_CUES]
    return np.asarray(out, dtype=np.float32)


def features(vector: np.ndarray, forms: Forms, named: Iterable[str] = ()) -> np.ndarray:
    return np.concatenate([vector.astype(np.float32), word_features(forms, named)])


def _weights(dim: int, word_weight: float) -> np.ndarray:
    """Per feature, applied after standardising: the word features weigh `word_weight` times
    a vector dimension."""
    w = np.ones(dim, dtype=np.float32)
    w[dim - len(FEATURES):] = word_weight
    return w


@dataclass(frozen=True)
class QuestionKind:
    answer_type: str
    relation: str
    type_confidence: float
    relation_confidence: float


@dataclass(frozen=True)
class _Head:
    classes: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray

    def predict(self, x: np.ndarray) -> tuple[str, float]:
        z = self.coef @ x + self.intercept
        p = np.exp(z - z.max())
        p /= p.sum()
        best = int(p.argmax())
        return self.classes[best], float(p[best])


class QuestionModel:
    def __init__(self, heads: dict[str, _Head], mean: np.ndarray, scale: np.ndarray,
                 features: tuple[str, ...], word_weight: float = WORD_WEIGHT) -> None:
        if features != FEATURES:
            raise ValueError("question model: its word features differ from this code's; "
                             "rebuild it with `python -m search.question_model`")
        self.heads = heads
        self.mean = mean
        self.scale = scale
        self.weights = _weights(len(mean), word_weight)

    @classmethod
    def load(cls, path: Path = ARTIFACT) -> QuestionModel:
        if not path.exists():
            raise FileNotFoundError(f"{path}: no question model; build it with "
                                    "`python -m search.question_model --encoder MODEL_DIR`")
        with np.load(path, allow_pickle=False) as z:
            heads = {name: _Head(tuple(str(c) for c in z[f"{name}_classes"]), z[f"{name}_coef"],
                                 z[f"{name}_intercept"]) for name in ("type", "relation")}
            return cls(heads, z["mean"], z["scale"], tuple(str(f) for f in z["features"]),
                       float(z["word_weight"]))

    def predict(self, vector: np.ndarray, forms: Forms, named: Iterable[str] = ()
                ) -> QuestionKind:
        x = (features(vector, forms, named) - self.mean) / self.scale * self.weights
        kind, pk = self.heads["type"].predict(x)
        relation, pr = self.heads["relation"].predict(x)
        # Region or municipality: the vector blurs the two, a place word does not. A question
        # naming both ("which municipalities …, and which region are they in?") asks first
        # for the one it names first.
        first = _first_place(forms)
        if kind in PLACE_TYPES and first is not None:
            kind = first
        return QuestionKind(kind, relation, pk, pr)


# --- Building ----------------------------------------------------------------------------------

def _fit(x: np.ndarray, y: Sequence[str], c: float):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000).fit(x, y)


def cross_validate(x: np.ndarray, y: Sequence[str], groups: Sequence[int], c: float,
                   folds: int = 5) -> tuple[float, float]:
    """Accuracy by (random folds, folds that keep each template's questions together): the
    second is the honest one, for a question worded unlike any template."""
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    y_arr = np.asarray(y)
    scores = []
    for splitter, kw in ((StratifiedKFold(folds, shuffle=True, random_state=0), {}),
                         (GroupKFold(folds), {"groups": groups})):
        right = 0
        for train, test in splitter.split(x, y_arr, **kw):
            model = _fit(x[train], y_arr[train], c)
            right += int((model.predict(x[test]) == y_arr[test]).sum())
        scores.append(right / len(y_arr))
    return scores[0], scores[1]


def build(encode: Callable[[list[str]], np.ndarray],
          forms: Callable[[str], Forms], out: Path = ARTIFACT, c: float = 1.0,
          word_weight: float = WORD_WEIGHT, about: Mapping[str, object] | None = None) -> dict:
    from search.question_training import training_questions

    questions = training_questions()
    vectors = encode([q.text for q in questions])
    x = np.stack([features(v, forms(q.text), q.named)
                  for v, q in zip(vectors, questions, strict=True)])
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    xs = (x - mean) / scale * _weights(x.shape[1], word_weight)
    groups = [q.template for q in questions]
    report: dict = {"questions": len(questions)}
    arrays: dict[str, np.ndarray] = {"mean": mean.astype(np.float32),
                                     "scale": scale.astype(np.float32),
                                     "features": np.asarray(FEATURES),
                                     "word_weight": np.asarray(word_weight)}
    if about:  # what it was fitted on (the encoder's variant), as JSON
        arrays["meta"] = np.asarray(json.dumps(dict(about), sort_keys=True))
    for name, labels in (("type", [q.answer_type for q in questions]),
                         ("relation", [q.relation for q in questions])):
        report[f"{name}_cv_random"], report[f"{name}_cv_by_template"] = cross_validate(
            xs, labels, groups, c)
        model = _fit(xs, labels, c)
        arrays[f"{name}_classes"] = np.asarray(model.classes_)
        arrays[f"{name}_coef"] = model.coef_.astype(np.float32)
        arrays[f"{name}_intercept"] = model.intercept_.astype(np.float32)
    tmp = out.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, **arrays)
    tmp.replace(out)
    return report


def voikko_forms() -> Callable[[str], Forms]:
    """The question's words with their cue forms, as `Answerer` computes them."""
    from ingest.voikko_analyzer import VoikkoAnalyzer
    from search.query import QueryAnalyzer
    from search.question_cues import cue_forms

    analyzer = QueryAnalyzer(VoikkoAnalyzer(), None)  # type: ignore[arg-type]

    def forms(text: str) -> Forms:
        return {w: cue_forms(*a) for w, a in analyzer.word_forms(text).items()}

    return forms


def main(argv: Sequence[str] | None = None) -> None:
    from ingest.learned_variants import fit_encoder, fit_meta, fit_target

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--encoder", required=True, help="the e5 model folder (LAPEKG_MODEL)")
    parser.add_argument("--variant", default=None,
                        help="fit for this encoder variant (ingest/learned/variants.toml); "
                             "by default the float32 fit every other variant reads")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to write the model (by default the variant's file)")
    parser.add_argument("-C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--word-weight", type=float, default=WORD_WEIGHT,
                        help="weight of the word features against one vector dimension")
    args = parser.parse_args(argv)
    encoder = fit_encoder(args.encoder, args.variant)
    out = args.out or fit_target("question", args.variant)
    report = build(lambda texts: np.stack([encoder.encode_query(t) for t in texts]),
                   voikko_forms(), out, args.C, args.word_weight, fit_meta(encoder))
    for key, value in report.items():
        print(f"{key}: {value if isinstance(value, int) else round(value, 3)}")


if __name__ == "__main__":
    main()
