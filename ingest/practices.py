"""Local practices a passage names without the reference data: a tried or started activity
("perhetyö päiväkodeissa"), found by its dependency shape and verbs."""

from __future__ import annotations

from collections.abc import Iterator

from ingest.extract.segment import head_positions
from ingest.records import AnalysedPassage
from ingest.voikko_analyzer import VoikkoAnalyzer

_TRIAL_VERBS = ("kokeilla", "pilotoida", "testata")
_START_VERBS = ("alkaa", "käynnistyä")
_DRAFT_VERBS = ("laatia",)
# Nouns too general to name a practice, as a whole word or as the head of a compound.
_GENERIC_PRACTICE = {"toiminta", "työ", "yhteistyö", "palvelu", "prosessi", "tilaisuus",
                     "kehittäminen", "tekeminen", "käyttö", "menetelmä", "malli", "toimintamalli",
                     "kokeilu", "pilotti", "valmistelu", "keskustelu", "tapa", "käynti", "asia",
                     "suunnitelma", "kuvaus", "rakenne", "resurssi", "tiimi", "ryhmä", "ilta"}
_GENERIC_HEADS = ("kokonaisuus", "mahdollisuus", "prosessi", "tilaisuus", "järjestelmä", "palvelu",
                  "tapa")


# A setting named by a place of its field is named by the field: a practice in the daycare
# centres ("perhetyötä päiväkodeissa") is one in early education ("perhetyö varhaiskasvatuksessa").
_SETTING_FIELDS = {"päiväkoti": "varhaiskasvatuksessa"}


def practice_setting(lemma: str) -> str | None:
    """The setting word a local practice's name uses for a place of its field, if any."""
    return _SETTING_FIELDS.get(lemma.lower())


def _participle_before(ap: AnalysedPassage, heads: tuple[int, ...], k: int,
                       voikko: VoikkoAnalyzer) -> str | None:
    """The base form of a participle that modifies token k right before it and says which kind
    of thing k is ("jalkautuvaa tiimiä" → "jalkautuva")."""
    j = k - 1
    if j < 0 or heads[j] != k or ap.tokens[j].dep not in ("acl", "amod"):
        return None
    return next((a["BASEFORM"].lower() for a in voikko.analyze(ap.tokens[j].text)
                 if a.get("PARTICIPLE") and a.get("BASEFORM")), None)


def named_practices(ap: AnalysedPassage, voikko: VoikkoAnalyzer | None = None
               ) -> Iterator[tuple[int, int, str]]:
    """Local practices named as what was tried, taken into use, started or drawn up: "Kemissä
    kokeiltiin perhetyötä varhaiskasvatuksessa", "alkoi lasten eroryhmä", "otettiin käyttöön
    vanhempainiltapäivät". The name is a compound noun, or a noun with a genitive before it
    ("lasten eroryhmä"), with a setting in the inessive after it ("… varhaiskasvatuksessa")."""

    tokens = ap.tokens
    if not tokens:
        return
    heads = head_positions(ap)
    children: dict[int, list[int]] = {}
    for k, h in enumerate(heads):
        if h != k:
            children.setdefault(h, []).append(k)
    for k, tok in enumerate(tokens):
        verb = tokens[heads[k]]
        v = verb.lemma.lower()
        into_use = v == "ottaa" and any(tokens[j].text.lower() == "käyttöön"
                                        for j in children.get(heads[k], []))
        dep = tok.dep.split(":")[0]
        if not ((dep == "obj" and (v in _TRIAL_VERBS or into_use or v in _DRAFT_VERBS))
                or (dep == "nsubj" and (v in _START_VERBS or v in _DRAFT_VERBS))):
            continue
        lemma = tok.lemma.lower()
        if tok.pos != "NOUN" or lemma in _GENERIC_PRACTICE or lemma.endswith(_GENERIC_HEADS):
            continue
        genitive = [j for j in children.get(k, []) if j == k - 1
                    and tokens[j].dep == "nmod:poss" and tokens[j].pos == "NOUN"
                    and (tokens[j].text[:1].islower() or j == 0
                         or tokens[j].sent != tokens[j - 1].sent
                         or tokens[j - 1].pos in ("PUNCT", "SYM", "NOUN") and not
                         tokens[j - 1].text[:1].isalnum())  # "- Osallisuuden vuosikello"
                    and not children.get(j)]  # "kuraattorin ja perhetyön": no list
        if not genitive and len(tok.parts) < 2:
            continue  # a plain simple noun ("ryhmä") names nothing in particular
        words = [tokens[genitive[0]].text.lower()] if genitive else []
        words.append(lemma)
        start, end = (tokens[genitive[0]].start if genitive else tok.start), tok.end
        kind = _participle_before(ap, heads, k, voikko) if voikko and not genitive else None
        if kind:
            words.insert(0, kind)  # "liikkuvaa perhetupaa" → "liikkuva perhetupa"
            start = tokens[k - 1].start
        if k + 1 < len(tokens):
            nxt = tokens[k + 1]
            if (nxt.text[:1].islower() and nxt.text.endswith(("ssa", "ssä")) and nxt.pos == "NOUN"
                    and heads[k + 1] in (k, heads[k]) and not any(
                        tokens[j].dep in ("conj", "cc") for j in children.get(k + 1, []))):
                # "perhetyö varhaiskasvatuksessa"
                words.append(practice_setting(nxt.lemma) or nxt.text)
                end = nxt.end
        yield start, end, " ".join(words)


def sentence_at(ap: AnalysedPassage, offset: int) -> int:
    return next((t.sent for t in ap.tokens if t.end >= offset), -1)


_TRIAL_NOUNS = ("kokeilu", "pilotointi", "pilotti")


def tried_practices(ap: AnalysedPassage, voikko: VoikkoAnalyzer
                     ) -> Iterator[tuple[int, int, str]]:
    """A practice named as the genitive of a trial ("Kotiin vietävän perhekuntoutuksen kokeilu
    jatkuu"): a compound noun, with the participle phrase before it that says which kind
    ("kotiin vietävä perhekuntoutus")."""

    tokens = ap.tokens
    heads = head_positions(ap) if tokens else ()
    for k, tok in enumerate(tokens):
        head = tokens[heads[k]]
        lemma = tok.lemma.lower()
        if not (tok.pos == "NOUN" and tok.dep.startswith("nmod:g") and heads[k] == k + 1
                and head.lemma.lower() in _TRIAL_NOUNS and len(tok.parts) >= 2
                and lemma not in _GENERIC_PRACTICE and not lemma.endswith(_GENERIC_HEADS)
                and tok.parts[-1] not in _GENERIC_PRACTICE):  # "palvelutoiminnan kokeilu"
            continue
        words, start = [lemma], tok.start
        j = k - 1
        if j >= 0 and tokens[j].dep in ("acl", "amod") and heads[j] == k:
            base = next((a.get("BASEFORM") for a in voikko.analyze(tokens[j].text)
                         if a.get("PARTICIPLE")), None)
            if base:
                words.insert(0, base.lower())
                start = tokens[j].start
                if j > 0 and heads[j - 1] == j and tokens[j - 1].dep.startswith("obl"):
                    words.insert(0, tokens[j - 1].text.lower())  # "kotiin vietävä"
                    start = tokens[j - 1].start
        yield start, tok.end, " ".join(words)
