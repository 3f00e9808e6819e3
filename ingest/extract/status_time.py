"""When a clause tells its method's use: the present indicative and the conditional of its verbs,
a time ahead (planned: "avataan ensi syksynä"), and a time that makes it routine (in use:
"nykyisin", "vuodesta 2018 lähtien"). Read by the status cues (ingest/extract/status_cues.py)."""

from __future__ import annotations

import re

from ingest.extract.lexicon import Lexicon
from ingest.extract.segment import Sentence
from ingest.records import Token

_CONDITIONAL = re.compile(r"(?:isi|isin|isit|isimme|isitte|isivat|isivät|isiin)$")


def conditional_form(text: str) -> bool:
    """A verb form in the conditional mood ("rakentuisi", "voisimme")."""
    return _CONDITIONAL.search(text.lower()) is not None


def conditional_verb(tok: Token) -> bool:
    """A finite verb in the conditional mood ("kokeilisi", "ottaisimme")."""
    return tok.pos in ("VERB", "AUX") and ("Mood=Cnd" in tok.morph or conditional_form(tok.text))


def present_verb(tok: Token) -> bool:
    """A finite verb in the present indicative ("kehitetään", "juurruttaa")."""
    feats = set(tok.morph.split("|"))
    return tok.pos in ("VERB", "AUX") and {"Tense=Pres", "VerbForm=Fin", "Mood=Ind"} <= feats


def ahead(lex: Lexicon, sent: Sentence, clause: list[Token]) -> bool:
    """The clause tells in the present tense of a time ahead: "perhekeskus avataan ensi
    syksynä", "avaa ovensa maanantaina", "koulutetaan vuoteen 2020 mennessä", "jatkossa
    ryhmä kokoontuu": what it reports is planned, not done. A weekday counts in the essive only
    ("maanantaina"; "maanantaisin" is a habit); a past or perfect verb ("avattiin ensi kertaa")
    is no plan."""
    verbs = [t for t in clause if t.pos in ("VERB", "AUX")]
    if not verbs or not any(present_verb(t) for t in verbs):
        return False
    if any("Tense=Past" in t.morph or "VerbForm=Part" in t.morph for t in verbs):
        return False  # "on avattu", "avattiin": done
    for t in clause:
        lemma = t.lemma.lower()
        if lemma not in lex.future_words and t.text.lower() not in lex.future_words:
            continue
        if lemma.endswith(_WEEKDAY) and not t.text.lower().endswith(("na", "nä")):
            continue
        return True
    return _dated(sent, clause)


_WEEKDAY = ("maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai",
            "sunnuntai")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# "vuodesta 2018 alkaen", "syksystä 2017 lähtien", "vuoteen 2019 asti": a start or a span up to
# now, which the present tense reports as going on
_SINCE = ("alkaen", "lähtien", "asti", "saakka", "jälkeen")


def _dated(sent: Sentence, clause: list[Token]) -> bool:
    """A year in a present-tense clause that is no starting point: "järjestetään syksyllä 2019",
    "kokeillaan vuoden 2020 aikana" (reports tell the past in the past tense, so a dated present
    is a plan); "vuodesta 2018 alkaen tehdään" and "tammikuusta 2019" are since, not ahead."""
    if not sent.heads:
        return False
    words = {t.lemma.lower() for t in clause} | {t.text.lower() for t in clause}
    if words & set(_SINCE):
        return False
    tokens = sent.passage.tokens
    for t in clause:
        if not _YEAR.match(t.text):
            continue
        k = sent.first + sent.tokens.index(t)
        head = tokens[sent.heads[k]]
        if not any("Case=Ela" in x.morph or x.text.lower().endswith(("sta", "stä"))
                   for x in (t, head)):
            return True
    return False


def routine(lex: Lexicon, sent: Sentence, clause: list[Token]) -> bool:
    """A clause without any cue that tells the method's use by its time: now, as a habit or
    since a date, in the present or the perfect ("palveluohjaus hoituu nykyisin keskitetysti",
    "LP-työtä on tehty jo vuosia", "koulut ovat olleet mukana ohjelmassa vuodesta 2016
    lähtien"): it is in use. Not in a negated or conditional clause, nor one told ahead."""
    verbs = [t for t in clause if t.pos in ("VERB", "AUX")]
    if not any(present_verb(t) for t in verbs) or any(conditional_verb(t) for t in verbs):
        return False
    if any(t.lemma.lower() == "ei" for t in clause) or ahead(lex, sent, clause):
        return False
    return any(t.lemma.lower() in lex.routine_words or t.text.lower() in lex.routine_words
               for t in clause) or (perfect(verbs) and since(lex, sent, clause))


def perfect(verbs: list[Token]) -> bool:
    """The verbs make the perfect: "olla" in the present with a past participle ("on ollut",
    "ovat olleet", "on tarjottu")."""
    return any(t.lemma.lower() == "olla" and present_verb(t) for t in verbs) and any(
        "PartForm=Past" in t.morph for t in verbs)


def since(lex: Lexicon, sent: Sentence, clause: list[Token]) -> bool:
    """The clause has a time that runs from a point in the past up to now: a calendar word in
    the elative ("vuodesta 2016", "keväästä asti", "vuoden 2018 alusta") or a span in the
    genitive before "ajan" ("kahden vuoden ajan")."""
    for t in clause:
        if t.lemma.lower() not in lex.since_words:
            continue
        if "Case=Ela" in t.morph:
            return True
        if "Case=Gen" in t.morph and sent.heads:
            k = sent.first + sent.tokens.index(t)
            if sent.passage.tokens[sent.heads[k]].text.lower() == "ajan":
                return True
    return False
