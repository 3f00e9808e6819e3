"""A small stop-word vote for the language of a text or query (fi, sv, en)."""

from __future__ import annotations

import re

_STOPWORDS = {
    "fi": {"ja", "on", "ei", "että", "se", "ovat", "oli", "myös", "kun", "tai", "sekä", "mitä",
           "missä", "mikä", "kuka", "joka", "jossa", "kuin", "hankkeen", "olla", "kuinka",
           "mitkä", "millä", "paljon", "kunnissa", "maakunnissa", "lasten", "perheiden"},
    "sv": {"och", "är", "att", "det", "som", "en", "ett", "för", "med", "inte", "på", "av", "till",
           "vilka", "var", "hur", "barn", "familjer", "har", "om"},
    "en": {"the", "and", "is", "of", "to", "in", "which", "what", "who", "how", "did", "was",
           "were", "for", "with", "a", "an", "are", "that", "by", "many", "much", "where", "when"},
}


def detect_language(text: str, default: str = "fi") -> str:
    words = re.findall(r"[a-zåäö]+", text.lower())
    if not words:
        return default
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    # Finnish letters without stop words still mean Finnish (short queries such as
    # "Hartolan perhekeskus").
    if any(c in text.lower() for c in "äö") and scores["sv"] == 0:
        scores["fi"] += 1
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else default
