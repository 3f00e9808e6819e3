"""Audit (not used by `ask`): does a fact answer's evidence hold the question's topic nouns?

Round 28 (qsil28) measured "honest silence by evidence" on the 20 default fact sets: a fact answer
whose evidence (passage, or the sentence of the answer's span) holds too few of the question's
topic terms would be dropped. It does not separate false answers from right ones (see
QUALITY_LOG.md, round 28, qsil28): kept here to re-measure a later variant.

    LAPEKG_DATA=/tmp/lead27-dev PYTHONPATH=$PWD \
        python tests/eval/evidence_cover_audit.py [SETS] > rows.jsonl
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, ".")
from search.data_files import read_json  # noqa: E402

DATA = Path(__file__).with_name("evidence_cover_audit.json")
_W = re.compile(r"\w+")


@dataclass(frozen=True)
class CoverRules:
    """The registry's settings: which answers are checked, how much must be held."""

    targets: frozenset[str]  # answer types checked ('person', 'date', …)
    answer_words: frozenset[str]  # nouns naming the kind of answer asked, no topic
    min_share: float  # share of the topic terms one evidence text must hold
    min_terms: int  # questions with fewer topic terms are not judged
    min_stem: int  # a stem shorter than this is the whole word
    stem_cut: int  # letters cut from a longer word to make its stem


@functools.lru_cache(maxsize=4)
def rules(path: Path = DATA) -> CoverRules:
    data = read_json(path, "silence cover rules")
    return CoverRules(frozenset(data["targets"]), frozenset(data["answer_words"]),
                      float(data["min_share"]), int(data["min_terms"]), int(data["min_stem"]),
                      int(data["stem_cut"]))


def stem(word: str, r: CoverRules) -> str:
    w = word.lower()
    return w if len(w) <= r.min_stem else w[:max(r.min_stem, len(w) - r.stem_cut)]


@dataclass(frozen=True)
class Term:
    """One topic word of the question and the stems any of which holds it."""

    word: str
    stems: frozenset[str]


def topic_terms(question: str, forms: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]],
                language: str, skip: set[str], stop: Iterable[str],
                classes: Callable[[str], Iterable[str]] | None,
                finnish_of: Callable[[str], list[str]], r: CoverRules | None = None
                ) -> list[Term]:
    """The question's topic terms (see the module's doc). `forms`: word → (lemma, parts,
    verbs); `skip`: the words of the entities the question names; `classes`: a word's Voikko
    classes (None: no class check); `finnish_of`: an English or Swedish word's Finnish lemmas."""
    from search.silence import function_words, names_topic

    r = r or rules()
    stop = set(stop) | function_words() | r.answer_words
    out: list[Term] = []
    for token, (lemma, parts, _verbs) in forms.items():
        pieces = [p for p in token.split("-") if p]
        lemmas = [p for p in lemma.split("-") if p]
        for i, word in enumerate(pieces):
            # a hyphenated word's last piece carries the lemma and the compound parts
            last = i == len(pieces) - 1
            lem = lemmas[-1] if last and lemmas else word
            if (word in skip or word in stop or lem in skip or lem in stop or len(word) < 4
                    or any(c.isdigit() for c in word)):
                continue
            if language == "fi":
                if classes is None or not names_topic(classes(word)):
                    continue
                alts = {lem, *(p for p in (parts if last else ())
                               if len(p) >= 4 and p not in r.answer_words)}
            else:
                # a word the glossary does not render may be a verb or a filler ('receive'):
                # only the service words it knows are judged
                finnish = [f for f in finnish_of(word) if f not in stop and f not in skip]
                if not finnish:
                    continue
                alts = {word, *finnish}
            out.append(Term(word, frozenset(stem(a, r) for a in alts if a)))
    return out


def text_words(forms: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]) -> set[str]:
    """A text's words, lemmas, compound parts and hyphenated words' pieces (lower case)."""
    out: set[str] = set()
    for word, (lemma, parts, _verbs) in forms.items():
        out.update({word, lemma, *parts, *word.split("-"), *lemma.split("-")})
    return out - {""}


def holds(terms: list[Term], text_stems: Iterable[str]) -> float:
    """The share of the terms a text's words hold (a word beginning with a term's stem)."""
    if not terms:
        return 1.0
    words = sorted(set(text_stems))

    def held(s: str) -> bool:
        i = bisect.bisect_left(words, s)
        return i < len(words) and words[i].startswith(s)

    return sum(1 for t in terms if any(held(s) for s in t.stems)) / len(terms)


def main() -> None:
    from api.components import load_services
    from api.evaluation import _names_by_iri
    from api.settings import Settings
    from search.entity_matcher import normalise
    from search.question_scope import QUESTION_WORD_SET
    from tests.eval.facts_pooled import SETS, asked

    services = load_services(Settings())
    names = _names_by_iri(services)
    ans = services.answerer
    an = ans.searcher.analyzer
    voikko = an.voikko
    gl = ans.searcher.glossary
    sets = sys.argv[1].split(",") if len(sys.argv) > 1 else list(SETS)

    def words_of(t: str) -> set[str]:
        return text_words(an.word_forms(t))

    def sentence(e) -> str:  # type: ignore[no-untyped-def]
        """The sentence of an evidence's span."""
        a = max(e.text.rfind(c, 0, e.start) for c in (". ", "\n", "? ", "! ")) + 1
        bs = [i for i in (e.text.find(c, e.end) for c in (". ", "\n", "? ", "! ")) if i >= 0]
        return e.text[a:min(bs) if bs else len(e.text)]

    for name, q, _scope, res, _answers, result in asked(services, sets, names):
        if not res.answers:
            continue
        aq = an.analyse(q["q"])
        forms = an.word_forms(q["q"])
        ents = list(res.entities)
        scopes = {"Region", "Municipality", "Project", "Organisation", "Person"}
        skip = {w for e in ents if e.kind in scopes for w in normalise(e.label).split()}
        skip |= {w for f in ans.matcher.find(q["q"])
                 if f.score >= 0.9 and f.entity.kind in scopes
                 for w in normalise(q["q"]).split()[f.start:f.end]}
        terms = topic_terms(q["q"], forms, aq.language, skip,
                            an.stop_words | QUESTION_WORD_SET,
                            lambda w: [a.get("CLASS", "") for a in voikko.analyze(w)],
                            lambda w, lang=aq.language: gl.translate(w, language=lang)[0])
        shares = [max((holds(terms, words_of(e.text)) for e in a.evidence), default=0)
                  for a in res.answers]
        sshares = [max((holds(terms, words_of(sentence(e))) for e in a.evidence), default=0)
                   for a in res.answers]
        row = {"set": name, "id": q["id"], "type": q["type"], "lang": q["lang"],
               "at": res.answer_type, "absent": bool(q.get("absent")), "outcome": result,
               "q": q["q"], "terms": [t.word for t in terms],
               "shares": [round(s, 2) for s in shares],
               "sshares": [round(s, 2) for s in sshares],
               "src": [a.source for a in res.answers],
               "got": [a.label for a in res.answers][:3]}
        print(json.dumps(row, ensure_ascii=False), flush=True)
    services.close()


if __name__ == "__main__":
    main()
