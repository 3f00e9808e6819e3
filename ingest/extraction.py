"""Relation extraction by rules over lemmas, linked mentions and sentence context, with provenance."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.records import AnalysedPassage, Document, Fact, Heading, Mention, Token
from ontology.reference import ReferenceData

if TYPE_CHECKING:
    from ingest.status_layer import StatusLayer

# Status of an actor's work with a method, read from the lemmas near the method's mention.
STATUS_CUES: dict[str, tuple[str, ...]] = {
    "piloted": ("kokeilla", "kokeilu", "pilotoida", "pilotointi", "pilotti", "testata", "kokeiltu",
                "testaus", "testaaminen", "koekäyttö"),
    "implemented": ("käyttöön", "käytössä", "käyttöönotto", "juurruttaa", "juurruttaminen",
                    "vakiinnuttaa", "vakiinnuttaminen", "ottaa", "käyttää", "toteuttaa", "aloittaa",
                    "avata", "avautua", "vakiintua", "vakiintunut", "kokoontua", "toimia",
                    "alkaa",
                    # "perustettiin kohtaamispaikka", "malli levitettiin / jalkautettiin kuntiin",
                    # "toiminta vakinaistettiin", "siirtyi systeemiseen toimintamalliin"
                    "perustaa", "levittää", "jalkauttaa", "vakinaistaa", "vakinaistaminen",
                    "siirtyä",
                    # "mallia laajennettiin kouluihin", "hyödynnetään / sovelletaan neuvolassa",
                    # "on nyt vakituinen osa perhetyötä"
                    "laajentaa", "hyödyntää", "soveltaa", "vakituinen"),
    "trained": ("kouluttaa", "koulutus", "koulutettu", "valmentaa", "valmennus", "koulutuspäivä",
                # "työntekijät perehdytettiin menetelmään", "kouluttautuivat menetelmään"
                "perehdyttää", "perehdytys", "perehdyttäminen", "kouluttautua"),
    "planned": ("suunnitella", "suunnitelma", "valmistella", "aikoa", "tavoite", "tarkoitus",
                # "perustaminen on valmisteilla / suunnitteilla", "aikomuksena on"
                "valmisteilla", "suunnitteilla", "aikomus"),
    "created": ("luoda", "kehittää", "kehittäminen", "laatia", "rakentaa", "muodostaa",
                "muodostaminen", "kehitys", "kehittyä",
                # "malli määriteltiin / mallinnettiin", "mallin laatiminen"
                "määritellä", "mallintaa", "mallinnus", "mallintaminen", "laatiminen", "laadinta",
                "kehitellä"),
}
# "Kemi oli mukana kokeilussa", "lähti mukaan kokeiluun": being part of a trial or a
# training, or joining it, is taking part in it
_PART_OF = ("mukana", "mukaan", "lähteä")
# "on määrä saada", "aikoo ottaa käyttöön", "on tarkoitus laajentaa": a verb under an intention
_INTENT = ("määrä",)
_CORE_DEPS = ("ROOT", "root", "nsubj", "obj", "conj", "appos", "xcomp", "csubj")
_USE_WORDS = ("käyttöön", "käytössä", "käyttö")  # "ottaa käyttöön", "on käytössä"
_NOUN_CUES = {"koulutus", "kokeilu", "pilotointi", "valmennus"}
_DO_VERBS = ("tehdä",)  # "tehtiin arviointi": what was done with the method as object
_PEOPLE_WORDS = ("työntekijä", "ammattilainen", "asiakas", "asukas", "edustaja", "edustus",
                 "henkilöstö", "vanhempi", "perhe", "lapsi", "nuori")
_CONDITIONAL = re.compile(r"(?:isi|isin|isit|isimme|isitte|isivat|isivät|isiin)$")
_TAKE_PART = ("osallistua", "kouluttautua")
_BEGIN = ("alkaa", "aloittaa")  # "ryhmä alkoi" runs; "alettiin kokeilla" takes its infinitive's
_GOAL_WORDS = ("tavoite", "tarkoitus")
_LOCATIVE = ("ssa", "ssä", "lla", "llä")  # inessive and adessive endings: where
_MODEL_WORDS = ("malli", "menetelmä", "toiminta")  # an object that names the carried method
_STATUS_ORDER = ("piloted", "trained", "implemented", "created", "planned")
_ACTOR_KINDS = ("Organisation", "Municipality", "Project", "Region")
_ADMIN_CUES = ("hallinnoija", "hallinnoida", "hallinnointi", "hallinnoi",
               "koordinoima")
_PARTNER_CUES = ("konsortio", "hankekonsortio", "kumppani", "osatoteuttaja", "yhteistyökumppani")
# "Kemin kaupunki", "Sallan kunnan": the town as a body (not "kuntalaiset", "kuntayhtymä")
_TOWN_BODIES = re.compile(r"(?:kaupun(?:ki|gin|gilla|gille|gista|gin)|kun(?:ta|nan|nalla|nalle|"
                          r"nasta))[,.;:]?")
_FUNDING_CUES = ("rahoitus", "valtionavustus", "avustus", "myöntää", "budjetti", "rahoittaa",
                 "myönnetty")
_PROJECT_WORDS = ("hanke", "projekti", "muutosohjelma", "ohjelma", "kärkihanke")
_NATIONAL = ("valtakunnallisesti", "valtakunnallinen", "kansallisesti")
_RESULT_VERBS = ("aloittaa", "avata", "perustaa", "käynnistyä", "käynnistää", "rekrytoida",
                 "tavoittaa", "osallistua", "valmistua", "avautua", "toimia", "kouluttaa",
                 "kuulla", "vastata", "soittaa", "hyväksyä", "käydä", "tavata", "kohdata",
                 "postittaa", "tuottaa", "jakaa", "julkaista", "kuvata", "tehdä", "alkaa",
                 "toteuttaa")
_START_VERBS = ("käynnistyä", "alkaa", "aloittaa")  # a project's start and end
_END_VERBS = ("päättyä", "loppua")
_MONTHS = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka",
           "marras", "joulu")
_DATE_ANY = re.compile(r"\b(\d{1,2})\.\s?(?:(\d{1,2})\.|(" + "|".join(_MONTHS)
                       + r")kuuta\s)\s?(\d{4})\b", re.IGNORECASE)
_ROLE_GAP = re.compile(r"[\s,:–-]*(?:(?:on|oli|toimi|toimii|jatkaa|jatkoi|aloitti|toimivat|ovat)"
                       r"\s+)?")
_FROM_ENDINGS = ("sta", "stä", "lta", "ltä")  # elative and ablative: from where
# "puheenjohtaja oli Kemin sosiaalijohtaja ...": a post, a copula and the holder's other post
_PREDICATE_ROLE = re.compile(r"[ \t]+(?:on|oli|toimi|toimii)[ \t]+(?:[A-ZÅÄÖ][\w-]*[ \t]+)?")
_LABEL_NOUNS = ("kuva", "kuvio", "taulukko", "liite", "kaavio", "sivu", "luku", "kohta")
_TASK_LINE = re.compile(r"[ \t]*\n[^\n]{1,40}\n[ \t]*")
_CONTENTS = re.compile(r"\s*(?:#+\s*)?(?:sisällys(?:luettelo)?|sisältö)\b", re.IGNORECASE)
_NUMBER_WORDS = {"yksi": 1, "kaksi": 2, "kolme": 3, "neljä": 4, "viisi": 5, "kuusi": 6,
                 "seitsemän": 7, "kahdeksan": 8, "yhdeksän": 9, "kymmenen": 10}
_EUR = re.compile(
    r"(\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:,\d+)?)\s*(milj(?:\.|oonaa|oona)?|miljoonaa|M)?\s*(euroa|€|e\b)",
    re.IGNORECASE)


@dataclass(frozen=True)
class _Sentence:
    passage: AnalysedPassage
    index: int
    tokens: tuple[Token, ...]
    start: int
    end: int
    first: int = 0  # position of tokens[0] in the passage's tokens
    heads: tuple[int, ...] = ()  # each passage token's syntactic head, as a passage position

    @property
    def lemmas(self) -> set[str]:
        return {t.lemma.lower() for t in self.tokens} | {t.text.lower() for t in self.tokens}

    @property
    def text(self) -> str:
        return self.passage.passage.text[self.start:self.end]


def head_positions(ap: AnalysedPassage) -> tuple[int, ...]:
    """Each token's syntactic head as a position in `ap.tokens`.

    spaCy numbers its whitespace tokens ("\n", a second space) too, which the records leave
    out; they are counted back in from the gaps between tokens to map its head indices."""
    text = ap.passage.text
    position: dict[int, int] = {}
    doc_index = 1 if ap.tokens and ap.tokens[0].start > 0 else 0
    for k, tok in enumerate(ap.tokens):
        if k and text[ap.tokens[k - 1].end:tok.start] not in ("", " "):
            doc_index += 1
        position[doc_index] = k
        doc_index += 1
    return tuple(position.get(tok.head, k) for k, tok in enumerate(ap.tokens))


_SENTENCE_END = (".", "!", "?", ":", ";", "…")


def _continues(ap: AnalysedPassage, previous_last: int, first: int) -> bool:
    """Whether spaCy's sentence starting at token `first` goes on the sentence before it: no
    end punctuation and no line break between them. The parser starts a sentence at a
    capitalised name mid-sentence ("järjestettiin koulutusaamupäivä | Nimetty työntekijä
    mallista."), leaving the name in a fragment without its verb."""
    before, tok = ap.tokens[previous_last], ap.tokens[first]
    gap = ap.passage.text[before.end:tok.start]
    return before.text not in _SENTENCE_END and "\n" not in gap and before.text[-1:] not in \
        _SENTENCE_END


def _sentences(ap: AnalysedPassage) -> Iterator[_Sentence]:
    heads = list(head_positions(ap))
    groups: list[list[int]] = []
    for _, positions in sorted(_groups(ap).items()):
        if groups and _continues(ap, groups[-1][-1], positions[0]):
            # Hang the fragment's root(s) under the root of the sentence it continues.
            root = next((k for k in groups[-1] if heads[k] == k), groups[-1][0])
            for k in positions:
                if heads[k] == k:
                    heads[k] = root
            groups[-1].extend(positions)
        else:
            groups.append(list(positions))
    groups = [piece for positions in groups for piece in _list_items(ap, positions, heads)]
    groups = [piece for positions in groups for piece in _title_line(ap, positions, heads)]
    fixed = tuple(heads)
    for index, positions in enumerate(groups):
        toks = tuple(ap.tokens[k] for k in positions)
        yield _Sentence(ap, index, toks, toks[0].start, toks[-1].end, positions[0], fixed)


_BULLETS = ("•", "-", "*", "–", "▪", "◦")


def _list_items(ap: AnalysedPassage, positions: list[int], heads: list[int]) -> list[list[int]]:
    """The pieces of a sentence that spaCy ran across the lines of a bulleted list, one per
    item: after an item, a token that opens a line with a bullet starts a new piece (a heading
    before the first item stays with it; `heads` is changed in place)."""
    pieces: list[list[int]] = [[]]
    text = ap.passage.text

    def opens_line(n: int) -> bool:
        tok = ap.tokens[positions[n]]
        return tok.text in _BULLETS and (
            n == 0 or "\n" in text[ap.tokens[positions[n - 1]].end:tok.start])

    for n, k in enumerate(positions):
        if n and opens_line(n) and any(opens_line(positions.index(j)) for j in pieces[-1]):
            pieces.append([])
        pieces[-1].append(k)
    if len(pieces) > 1:
        for piece in pieces:
            _reroot(ap, piece, heads)
    return [piece for piece in pieces if piece]


def _reroot(ap: AnalysedPassage, piece: list[int], heads: list[int]) -> None:
    """Hang each token of `piece` whose head lies outside it, and each stray root that is no
    verb (a name the parser hung on the line break), under the piece's own verb root (or make
    it a root where the piece has none), in place."""
    inside = set(piece)
    root = next((k for k in piece if heads[k] == k and ap.tokens[k].pos in ("VERB", "AUX")),
                None)
    for k in piece:
        stray = heads[k] == k and ap.tokens[k].pos not in ("VERB", "AUX")
        if heads[k] not in inside or stray:
            heads[k] = k if root is None or k == root else root


_TITLE_WORDS = 6


def _title_line(ap: AnalysedPassage, positions: list[int], heads: list[int]) -> list[list[int]]:
    """A sentence that spaCy started with a short title line ("Yksi työntekijä perheen
    tukena\nKuusamossa kokeiltiin ..."): a first line of at most six words without end
    punctuation, followed by a line that opens with a capital letter, is a piece of its own
    (`heads` is changed in place)."""
    text = ap.passage.text
    for n in range(1, min(len(positions), _TITLE_WORDS + 1)):
        before, tok = ap.tokens[positions[n - 1]], ap.tokens[positions[n]]
        if "\n" not in text[before.end:tok.start]:
            continue
        if before.text[-1:] in _SENTENCE_END or not tok.text[:1].isupper() or not \
                ap.tokens[positions[0]].text[:1].isupper():
            return [positions]
        pieces = [positions[:n], positions[n:]]
        for piece in pieces:
            _reroot(ap, piece, heads)
        return pieces
    return [positions]


def _groups(ap: AnalysedPassage) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = {}
    for k, tok in enumerate(ap.tokens):
        groups.setdefault(tok.sent, []).append(k)
    return groups


def clause_head(sent: _Sentence, k: int) -> int:
    """The verb whose clause holds passage token k (or the root of a clause without a verb)."""
    tokens, seen = sent.passage.tokens, set()
    while k not in seen and 0 <= k < len(tokens):
        seen.add(k)
        if tokens[k].pos == "VERB" and tokens[k].dep not in ("acl", "amod"):
            # a participle modifying a noun ("malliin orientoiviin koulutuksiin", "vakiintunut
            # käytäntö") is no clause
            return k
        k = sent.heads[k] if k < len(sent.heads) else k
    return k


def clause_tokens(sent: _Sentence, start: int, end: int) -> list[Token]:
    """The tokens of the sentence in the same clause as the span [start, end), with the
    participles that modify the span ("kehitetty monitoimijamalli")."""
    inside = [sent.first + i for i, t in enumerate(sent.tokens) if start <= t.start < end]
    if not inside or not sent.heads:
        return list(sent.tokens)
    heads = {clause_head(sent, k) for k in inside}
    positions = range(sent.first, sent.first + len(sent.tokens))
    modifiers = {k for k in positions if sent.heads[k] in inside
                 and sent.passage.tokens[k].dep == "acl"}
    return [sent.passage.tokens[k] for k in positions
            if clause_head(sent, k) in heads or clause_head(sent, k) in modifiers]


def governing_clause(sent: _Sentence, start: int, end: int) -> tuple[int, int] | None:
    """The span of the clause a complement clause of [start, end) belongs to: "Tavoitteena on,
    että perhekeskusverkosto kattaa ..." → the clause of "Tavoitteena"."""
    inside = [sent.first + i for i, t in enumerate(sent.tokens) if start <= t.start < end]
    if not inside or not sent.heads:
        return None
    head = clause_head(sent, inside[0])
    tok = sent.passage.tokens[head]
    if sent.heads[head] == head:
        return None
    parent = sent.passage.tokens[sent.heads[head]]
    if tok.dep.split(":")[0] not in ("ccomp", "csubj", "xcomp") and not _describes_way(tok, parent):
        return None
    return parent.start, parent.end


_WAY_WORDS = ("tapa", "malli", "käytäntö", "menetelmä", "toiminta")


def _describes_way(verb: Token, noun: Token) -> bool:
    """A relative clause that says what a way of working is ("kokeiltiin toimintatapaa, jossa
    perheelle nimetään oma työntekijä"): the method inside it is what the main clause did."""
    return verb.dep == "acl:relcl" and noun.pos == "NOUN" and noun.lemma.lower().endswith(
        _WAY_WORDS)


def _span_head(sent: _Sentence, start: int, end: int) -> int | None:
    """The passage position of the token of [start, end) whose head lies outside it."""
    inside = [sent.first + i for i, t in enumerate(sent.tokens) if start <= t.start < end]
    for k in inside:
        if sent.heads[k] not in inside or sent.heads[k] == k:
            return k
    return inside[0] if inside else None


def _ancestors(sent: _Sentence, k: int) -> Iterator[int]:
    seen = {k}
    while (k := sent.heads[k]) not in seen:
        seen.add(k)
        yield k


def _purpose_of(sent: _Sentence, method: Mention, cue: Token) -> bool:
    """ "Perhekeskusmallin tarkoituksena on ...": the goal is the method's own, no plan for it."""
    if cue.lemma.lower() not in _GOAL_WORDS or not sent.heads:
        return False
    k = _span_head(sent, method.start, method.end)
    if k is None:
        return False
    tokens = sent.passage.tokens
    for a in _ancestors(sent, k):
        if tokens[a] is cue:
            return tokens[k].dep.startswith("nmod")
        if not tokens[a].dep.startswith("nmod"):
            # climb only through genitive chains ("mallin vakiinnuttamisen tavoitteena")
            return tokens[sent.heads[a]] is cue and tokens[a].dep.startswith("nmod")
        k = a
    return False


def _place_of(sent: _Sentence, method: Mention, cue: Token) -> bool:
    """ "Käyntejä kokeillaan kerhossa ja kohtaamispaikoissa": the method is where something
    else (the verb's object) was tried, not what was tried."""
    if cue.pos not in ("VERB", "AUX") or not sent.heads:
        return False
    k = _span_head(sent, method.start, method.end)
    if k is None:
        return False
    tokens = sent.passage.tokens
    while tokens[k].dep == "conj" and sent.heads[k] != k:
        k = sent.heads[k]
    c = sent.first + sent.tokens.index(cue)
    if not tokens[k].text.lower().endswith(_LOCATIVE):
        return False
    objects = [j for j in range(sent.first, sent.first + len(sent.tokens))
               if sent.heads[j] == c and j != c and tokens[j].dep.startswith("obj")
               and _cue_status(tokens[j]) is None
               and not method.start <= tokens[j].start < method.end]
    # an adverbial of the verb, or a modifier of the object ("käyntejä kerhoissa")
    return bool(objects) and (
        (tokens[k].dep.startswith("obl") and sent.heads[k] == c)
        or (tokens[k].dep.startswith("nmod") and sent.heads[k] in objects))


def _necessive(sent: _Sentence, method: Mention) -> bool:
    """The method's clause is a necessive passive ("on järjestettävä", "on luotava")."""
    k = _span_head(sent, method.start, method.end)
    if k is None or not sent.heads:
        return False
    head = clause_head(sent, k)
    tok = sent.passage.tokens[head]
    return (tok.pos == "VERB" and tok.text.lower().endswith(("tava", "tävä"))
            and any(sent.heads[j] == head and sent.passage.tokens[j].lemma.lower() == "olla"
                    for j in range(sent.first, sent.first + len(sent.tokens))))


_TIME_UNITS = ("päivä", "viikko", "kuukausi", "vuosi", "kerta", "tunti")
_PER_UNIT = ("päivässä", "viikossa", "kuukaudessa", "vuodessa")


def _frequency(after: Sequence[Token]) -> bool:
    """The words after a number say how often, not how many: a unit of time and "välein"
    ("kahden viikon välein"), or a unit and the time it is counted in ("kaksi kertaa
    viikossa", "kolme päivää kuukaudessa")."""
    if len(after) < 2 or after[0].lemma.lower() not in _TIME_UNITS:
        return False
    return after[1].text.lower() in ("välein", "välin") + _PER_UNIT


def _coordinated(sent: _Sentence, quantities: list[tuple[float, int]]
                 ) -> list[tuple[float, int]]:
    """The first quantity of a sentence, and each later one joined to the one before by 'ja' or
    'sekä': results listed together ("rekrytoitiin 268 agenttia ja noin 40 skidiagenttia")."""
    chosen = quantities[:1]
    for value, i in quantities[1:]:
        between = {t.text.lower() for t in sent.tokens[chosen[-1][1] + 1:i]}
        if not between & {"ja", "sekä"}:
            break
        chosen.append((value, i))
    return chosen


def _predicates_under_name(sent: _Sentence, method: Mention) -> list[Token]:
    """A method whose name holds a verb ("Pyydä apua -nappi") can be parsed as the sentence's
    root, with the real predicates hung under it as conjuncts ("... -nappia, jossa ...,
    jatkokehitettiin ja levitettiin"): those verbs belong to the method's clause."""
    k = _span_head(sent, method.start, method.end)
    if k is None or not sent.heads:
        return []
    tokens = sent.passage.tokens
    head = clause_head(sent, k)
    if not (method.start <= tokens[head].start < method.end and tokens[head].pos == "VERB"):
        return []
    return [tokens[j] for j in range(sent.first, sent.first + len(sent.tokens))
            if sent.heads[j] == head and j != head and tokens[j].dep == "conj"
            and tokens[j].pos == "VERB" and tokens[j].start >= method.end]


def _named_by_head_word(sent: _Sentence, projects: Sequence[Mention]) -> bool:
    """The sentence's subject is the last word of a project's name ("LAPE-Akatemian ...
    Akatemia käynnistyy 20.3.2019"): it speaks of that project."""
    heads = {re.split(r"[-\s]", m.label)[-1].lower() for m in projects}
    return any(t.dep.startswith("nsubj") and t.lemma.lower() in heads for t in sent.tokens)


def _new_item(text: str, end: int, start: int) -> bool:
    """Between two sentences a blank line or a line that opens with a bullet: a new
    paragraph or list item."""
    gap = text[end:start + 2]
    return "\n\n" in text[end:start] or re.search(r"\n[ \t]*[-•*–]\s", gap) is not None


def _owns(sent: _Sentence, owner: Mention, unit: Mention) -> bool:
    """`owner` is a genitive on the noun that `unit` names in apposition ("Tampereen
    yliopiston tutkimusryhmän (Sparg)"): the unit is part of the owner."""
    k, u = _span_head(sent, owner.start, owner.end), _span_head(sent, unit.start, unit.end)
    if k is None or u is None or not sent.heads or sent.passage.tokens[u].dep != "appos":
        return False
    target = sent.heads[u]
    tokens = sent.passage.tokens
    while tokens[k].dep.startswith("nmod") and sent.heads[k] != k:
        k = sent.heads[k]
        if k == target:
            return True
    return False


def _in_other_relative(sent: _Sentence, method: Mention, actor: Mention) -> bool:
    """The actor is named inside a relative clause the method is not in ("laadittiin malli,
    jota Kempeleen kunta on käyttänyt"): it acts in that clause, not in the method's."""
    k, a = _span_head(sent, method.start, method.end), _span_head(sent, actor.start, actor.end)
    if k is None or a is None or not sent.heads:
        return False
    own, theirs = clause_head(sent, k), clause_head(sent, a)
    return theirs != own and sent.passage.tokens[theirs].dep == "acl:relcl"


def _names_the_region(sent: _Sentence, method: Mention) -> bool:
    """The sentence places the method in "the region" in lower case ("maakuntaan on tarkoitus
    perustaa", "koko maakunnassa"): the document's own region, where nobody else is named."""
    return any(t.lemma.lower() == "maakunta" and t.text[:1].islower() and t.dep.startswith("obl")
               for t in sent.tokens)


def _acting_bodies(sent: _Sentence, method: Mention, actors: Sequence[Mention]) -> list[Mention]:
    """The organisations that are the subject of the method's clause: "Kuntayhtymä X pilotoi
    mallia Kemissä ja Torniossa" names the body that acted besides the places it acted in."""
    k = _span_head(sent, method.start, method.end)
    if k is None or not sent.heads:
        return []
    own = clause_head(sent, k)
    found = []
    for m in actors:
        j = _span_head(sent, m.start, m.end)
        if (m.kind == "Organisation" and j is not None and sent.heads[j] == own
                and sent.passage.tokens[j].dep.startswith("nsubj")):
            found.append(m)
    return found


def _owner_of_people(sent: _Sentence, m: Mention) -> bool:
    """The mention is the genitive owner of people ("hykyn työntekijät", "kunnan
    asiakkaat"): it says whose they are, not who acts in the sentences after it."""
    k = _span_head(sent, m.start, m.end)
    tokens = sent.passage.tokens
    # climb the genitive chain ("Tornion kaupungin työntekijät"), from a later conjunct too
    # ("Heinolan ja Sysmän edustus")
    while k is not None and sent.heads and tokens[k].dep.startswith(("nmod", "conj")) \
            and sent.heads[k] != k:
        k = sent.heads[k]
        if tokens[k].lemma.lower().endswith(_PEOPLE_WORDS):
            return True
    return False


def _comes_from(text: str, m: Mention, mentions: Sequence[Mention]) -> bool:
    """The organisation follows a person's name in the elative or ablative ("Elina Stenvall
    SOS-lapsikyläsäätiöstä"): it says where the person comes from, it does not act."""
    return m.kind == "Organisation" and m.surface.lower().endswith(_FROM_ENDINGS) and any(
        p.kind == "Person" and text[p.end:m.start] == " " for p in mentions)


def _conditional(sent: _Sentence, method: Mention) -> bool:
    """The method is the subject of a verb in the conditional mood ("malli rakentuisi osaksi
    ...", "malli voisi levitä"): what it would become is not reported as done. Only as the
    subject: "olisi mahdollista ohjata perhe työntekijälleen" weighs options around it."""
    k = _span_head(sent, method.start, method.end)
    tokens = sent.passage.tokens
    if k is None or not sent.heads or not tokens[k].dep.startswith("nsubj"):
        return False
    head = sent.heads[k]
    verbs = [head] + [j for j in range(sent.first, sent.first + len(sent.tokens))
                      if sent.heads[j] == head and tokens[j].dep.startswith(("aux", "cop"))]
    return any(tokens[j].pos in ("VERB", "AUX") and _CONDITIONAL.search(tokens[j].text.lower())
               for j in verbs)


def _done(sent: _Sentence, method: Mention) -> Token | None:
    """The verb 'tehdä' with the method as its object: an assessment or review that was made
    ("Kemissä tehtiin lapsivaikutusten arviointi", "tehtyä arviointia") was carried out."""
    k = _span_head(sent, method.start, method.end)
    if k is None or not sent.heads or not sent.passage.tokens[k].dep.startswith("obj"):
        return None
    verb = sent.passage.tokens[sent.heads[k]]
    return verb if verb.pos == "VERB" and verb.lemma.lower() in _DO_VERBS else None


_BACK_WORDS = ("tämä", "nämä", "kyseinen")  # "Näitä menetelmiä ovat ...", "Tällaisia malleja"


def _takes_up_model(sent: _Sentence, in_sent: Sequence[Mention]) -> bool:
    """The sentence speaks of "the model" or "the pilot" with a bare word outside any name
    ("mallia valmistellaan käyttöön", "Lahti valikoitui pilotiksi"): the method named before,
    not a new one."""
    names = [(m.start, m.end) for m in in_sent]
    return not any(m.kind == "Method" for m in in_sent) and any(
        t.lemma.lower() in ("malli", "toimintamalli", "menetelmä", "pilotti") and t.pos == "NOUN"
        and not any(s <= t.start < e for s, e in names) for t in sent.tokens)


def _refers_back(sent: _Sentence) -> bool:
    """The sentence opens with a demonstrative on a model word ("Näitä menetelmiä ovat A ja
    B"): it names the methods the sentence before spoke of."""
    words = [t for t in sent.tokens if t.pos != "PUNCT"][:2]
    return len(words) == 2 and words[0].lemma.lower() in _BACK_WORDS + ("tällainen",) and (
        words[1].lemma.lower().endswith(_MODEL_WORDS + ("keino", "työtapa")))


def _intent_child(sent: _Sentence, tok: Token) -> int | None:
    """The infinitive an intention word governs ("on määrä saada", "tarkoitus on laajentaa")."""
    if not sent.heads:
        return None
    k = sent.first + sent.tokens.index(tok)
    for j in range(sent.first, sent.first + len(sent.tokens)):
        dep = sent.passage.tokens[j]
        if j != k and sent.heads[j] == k and dep.pos == "VERB" and dep.dep.startswith(
                ("xcomp", "csubj")):
            return j
    return None


def _intended(sent: _Sentence, k: int) -> bool:
    """The verb at passage position k is only intended: it has 'aikoa' as its auxiliary
    ("kunta aikoo ottaa käyttöön") or is the infinitive of an intention word ("on määrä
    avata", "on tarkoitus laajentaa", "aikoo laajentaa")."""
    if not sent.heads or not sent.first <= k < sent.first + len(sent.tokens):
        return False
    verb = sent.passage.tokens[k]
    if verb.pos != "VERB":
        return False
    for j in range(sent.first, sent.first + len(sent.tokens)):
        dep = sent.passage.tokens[j]
        if j != k and sent.heads[j] == k and dep.dep.startswith("aux") and (
                dep.lemma.lower() == "aikoa"):
            return True
    h = sent.heads[k]
    if h == k or not verb.dep.startswith(("xcomp", "csubj")):
        return False
    head = sent.passage.tokens[h]
    return head.lemma.lower() in _INTENT + _GOAL_WORDS + ("aikoa",)


def _taking_part(sent: _Sentence, method: Mention) -> str | None:
    """A compound of the method and a trial or a training that someone takes part in: "Kemi
    oli mukana perhekeskuskokeilussa", "osallistui omatyöntekijäpilottiin" → the trial's or
    the training's status (the cue inside the method's own word is otherwise not read)."""
    if not sent.heads:
        return None
    own = [i for i, t in enumerate(sent.tokens) if method.start <= t.start < method.end]
    if not own:
        return None
    k = sent.first + own[-1]
    tok = sent.passage.tokens[k]
    lemma = tok.lemma.lower()
    if not lemma.endswith(("kokeilu", "pilotti", "koulutus", "valmennus")):  # POS may be wrong
        return None
    head = sent.passage.tokens[sent.heads[k]]
    part = (any(sent.heads[j] == k and j != k and sent.passage.tokens[j].lemma.lower() in _PART_OF
                for j in range(sent.first, sent.first + len(sent.tokens)))
            or (head is not tok and tok.dep.startswith("obl")
                and head.lemma.lower() in _TAKE_PART + _PART_OF))
    if not part:
        return None
    return "trained" if lemma.endswith(("koulutus", "valmennus")) else "piloted"


def _cue_status(tok: Token) -> str | None:
    # A compound noun of a cue counts as the cue ("koulutusaamupäivä" is a training).
    parts = {p.lower() for p in tok.parts} if tok.pos == "NOUN" else set()
    forms = {tok.lemma.lower(), tok.text.lower()} | (parts & _NOUN_CUES)
    for status, cues in STATUS_CUES.items():
        if forms & set(cues) or any(tok.lemma.lower().endswith(c) and len(c) > 5 for c in cues):
            return status
    return None


def _answers_for_project(sent: _Sentence, in_sent: Sequence[Mention]) -> Token | None:
    """ "Hankkeesta vastaa X": 'vastata' with the project as its elative complement."""
    projects = [(m.start, m.end) for m in in_sent if m.kind == "Project"]
    for i, tok in enumerate(sent.tokens):
        if tok.lemma.lower() != "vastata" or not sent.heads:
            continue
        k = sent.first + i
        for j, dep in enumerate(sent.tokens):
            if sent.heads[sent.first + j] != k or not dep.dep.startswith("obl"):
                continue
            if dep.lemma.lower() in _PROJECT_WORDS or any(s <= dep.start < e for s, e in projects):
                return tok
    return None


def _answers_for_part(sent: _Sentence, in_sent: Sequence[Mention]) -> list[Mention]:
    """ "Arviointitutkimuksesta vastasi X": the bodies that answer for a part of the project's
    work (an elative complement of 'vastata' that is no project), its subjects."""
    if not sent.heads:
        return []
    names = [(m.start, m.end) for m in in_sent]  # a project or a place is no task
    tokens, positions = sent.passage.tokens, range(sent.first, sent.first + len(sent.tokens))
    found: list[Mention] = []
    for k in positions:
        if tokens[k].lemma.lower() != "vastata" or tokens[k].pos != "VERB":
            continue
        args = [j for j in positions if sent.heads[j] == k and j != k]
        part = [j for j in args if tokens[j].dep.startswith("obl")
                and tokens[j].pos in ("NOUN", "PROPN")
                and tokens[j].text.lower().endswith(("sta", "stä"))
                and not tokens[j].lemma.lower().endswith(_PROJECT_WORDS)
                and not any(s <= tokens[j].start < e for s, e in names)]
        if not part:
            continue
        subjects = [tokens[j] for j in args if tokens[j].dep.startswith("nsubj")]
        found += [m for m in in_sent if m.kind == "Organisation"
                  and any(m.start <= t.start < m.end for t in subjects)]
    return found


def _names_own_project(sent: _Sentence, method: Mention) -> bool:
    """The method's clause speaks of "the project" in lower case ("hankkeen aikana")."""
    return any(t.lemma.lower().endswith("hanke") and t.text[:1].islower()
               for t in clause_tokens(sent, method.start, method.end))


def _same_clause(sent: "_Sentence", near: Mention, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions in the clause of `near` (a list of municipalities shares one clause), not
    a town named inside another clause ("Asikkalassa alkoi ryhmä, joka toteutetaan Lahden
    ensi- ja turvakodin kanssa")."""
    def clause(m: Mention) -> int | None:
        k = _span_head(sent, m.start, m.end)
        return None if k is None else clause_head(sent, k)

    own = clause(near)
    return [m for m in mentions if m is near or clause(m) == own]


class _Sections:
    """The open sections of a document, outermost first: each heading's level and actors. A
    heading closes the sections of its own level and deeper; the innermost section that names
    an actor gives it."""

    def __init__(self) -> None:
        self._open: list[tuple[int, tuple[tuple[str, str], ...]]] = []

    def open(self, level: int, actors: tuple[tuple[str, str], ...]) -> None:
        while self._open and self._open[-1][0] >= level:
            self._open.pop()
        self._open.append((level, actors))

    def actors(self) -> tuple[tuple[str, str], ...]:
        return next((a for _, a in reversed(self._open) if a), ())


def _verb_of(sent: _Sentence, offset: int) -> str | None:
    """The lemma of the verb whose clause holds the token at passage offset `offset`."""
    k = next((sent.first + i for i, t in enumerate(sent.tokens) if t.start >= offset), None)
    if k is None or not sent.heads:
        return None
    tok = sent.passage.tokens[clause_head(sent, k)]
    return tok.lemma.lower() if tok.pos in ("VERB", "AUX") else None


def _task_line_between(text: str, role: Mention, person: Mention,
                       mentions: Sequence[Mention]) -> bool:
    """A contact block's role line, one line of the holder's task and the holder's name
    ("Kehittäjäsosiaalityöntekijä\nHankekoordinointi\nOili Hagström"), with no other role or
    person named between them."""
    if not _TASK_LINE.fullmatch(text[role.end:person.start]):
        return False
    if role.start and text[role.start - 1] != "\n":
        return False
    return not any(m.kind in ("Person", "Role") and role.end <= m.start < person.start
                   for m in mentions)


def _iso(day: str, month: str, year: str) -> str | None:
    d, m, y = int(day), int(month), int(year)
    if 1 <= d <= 31 and 1 <= m <= 12 and 1900 < y < 2100:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def _without_admin_partners(facts: Iterable[Fact]) -> Iterator[Fact]:
    """A project's administrator is not also its partner."""
    facts = list(facts)
    admins = {(f.subject_key, f.object_key) for f in facts if f.predicate == "administeredBy"}
    for f in facts:
        if not (f.predicate == "partner" and (f.subject_key, f.object_key) in admins):
            yield f


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Dates as (start, end, ISO): "1.12.2018" and "15. maaliskuuta 2017"."""
    found = []
    for m in _DATE_ANY.finditer(text):
        month = m.group(2) or str(_MONTHS.index(m.group(3).lower()) + 1)
        iso = _iso(m.group(1), month, m.group(4))
        if iso:
            found.append((m.start(), m.end(), iso))
    return found


def parse_eur(number: str, scale: str | None) -> float:
    value = float(number.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    return value * 1_000_000 if scale else value


class FactExtractor:
    """Rules that are general to LAPE-style reports; nothing here names a particular region."""

    def __init__(self, reference: ReferenceData, status: StatusLayer | None = None) -> None:
        self.reference = reference
        self.status = status
        self._region_by_label = {}
        for entity in reference.by_kind("Region"):
            for label in reference.all_labels(entity):
                self._region_by_label[label.lower()] = entity.key
        self._national = {e.key for e in reference.by_kind("Project")}
        # The national reform the reports belong to: the first programme of the reference data.
        self._programme = next((e.key for e in reference.by_kind("Project")), None)
        self._region_of = {(e.kind, e.key): e.region_code for e in reference.entities
                           if e.region_code}

    # --- document context ------------------------------------------------------------------
    def document_region(self, document: Document, mentions: Sequence[Mention]) -> str | None:
        if document.meta.region:
            key = self._region_by_label.get(document.meta.region.lower())
            if key:
                return key
        counts = Counter(m.key for m in mentions if m.kind == "Region")
        for m in mentions:  # municipalities and regional bodies vote for their region too
            region = self._region_of.get((m.kind, m.key))
            if region and m.kind != "Region":
                counts[region] += 0.5  # type: ignore[assignment]
        if not counts:
            return None
        (best, n), *rest = counts.most_common()
        # A document about several regions (a national news item) has no single region.
        if rest and rest[0][1] >= n * 0.6:
            return None
        return best

    def main_project(self, mentions: Sequence[Mention]) -> str | None:
        """The document's own project: the most named project that is no national programme."""
        national = {e.key for e in self.reference.by_kind("Project")}
        counts: Counter[str] = Counter()
        for m in mentions:
            if m.kind == "Project" and m.key not in national:
                # A project named in the opening passages (title page, first lines) is the
                # document's own; one named often later may be a neighbour.
                counts[m.key] += 4 if m.passage_index <= 1 else 1
        return counts.most_common(1)[0][0] if counts else None

    # --- extraction ---------------------------------------------------------------------------
    def extract(self, document: Document, passages: Sequence[AnalysedPassage],
                mentions: Sequence[Mention]) -> Iterator[Fact]:
        if self.status is not None:
            self.status.prime(passages, mentions)  # the classifier encodes clauses in one batch
        region = self.document_region(document, mentions)
        project = self.main_project(mentions)
        by_passage: dict[int, list[Mention]] = {}
        for m in mentions:
            by_passage.setdefault(m.passage_index, []).append(m)
        first_project_passage = min((m.passage_index for m in mentions
                                     if m.kind == "Project" and m.key == project), default=0)
        if region:
            yield Fact("Document", document.key, "aboutRegion", "Region", region, None,
                       document.key, passages[0].passage.index if passages else 0, 0, 0,
                       "context:document-region", 0.8)
        if project and region:
            p_mentions = [m for m in mentions if m.kind == "Project" and m.key == project]
            first = p_mentions[0]
            yield Fact("Project", project, "inRegion", "Region", region, None, document.key,
                       first.passage_index, first.start, first.end, "context:main-project", 0.8)
        yield from _without_admin_partners(self._extract(document, passages, region, project,
                                                         by_passage, first_project_passage))

    def _extract(self, document: Document, passages: Sequence[AnalysedPassage],
                 region: str | None, project: str | None,
                 by_passage: dict[int, list[Mention]], first_project_passage: int
                 ) -> Iterator[Fact]:
        seen: set[tuple] = set()
        sections = _Sections()
        for ap in passages:
            if _CONTENTS.match(ap.passage.text):
                continue  # a table of contents lists the report's headings, it reports nothing
            local = by_passage.get(ap.passage.index, [])
            headings = [(h, self._heading_actors(ap, h, local)) for h in ap.passage.headings]
            headings = [(h, a) for h, a in headings if a is not None]
            carried: list[Mention] = []
            named: list[Mention] = []  # the methods the paragraph named last
            previous: tuple[_Sentence, list[Mention]] | None = None
            opens_list = False
            context: Mention | None = None
            for sent in _sentences(ap):
                while headings and headings[0][0].start < sent.end:
                    # A new section: what the passage said before it no longer gives the actor.
                    sections.open(headings[0][0].level, headings[0][1])
                    headings.pop(0)
                    context, carried, named, opens_list = None, [], [], False
                if previous is not None and _new_item(ap.passage.text, previous[0].end,
                                                      sent.start):
                    context, named = None, []  # a new paragraph or bullet names its own actor
                in_sent = [m for m in local if sent.start <= m.start < sent.end + 1]
                if not carried and named and _takes_up_model(sent, in_sent):
                    carried = named  # "... toimintamalli. ... Sosterin alueella mallia ..."
                facts = list(self._sentence_facts(document, sent, in_sent, project, region,
                                                  ap.passage.index >= first_project_passage,
                                                  carried, context, local, opens_list,
                                                  sections.actors()))
                if previous is not None and not carried and _refers_back(sent):
                    facts += self._named_after(document, sent, in_sent, previous, project,
                                               region, context)
                previous = (sent, in_sent)
                carried = [m for m in in_sent if m.kind == "Method"]
                named = carried or named
                opens_list = sent.text.rstrip().endswith(":")
                for m in in_sent:
                    if (m.kind in ("Municipality", "Organisation") and self._is_actor(m)
                            and not _owner_of_people(sent, m)
                            and not _comes_from(ap.passage.text, m, in_sent)):
                        context = m
                for fact in facts:
                    key = (fact.subject_kind, fact.subject_key, fact.predicate, fact.object_key,
                           fact.value, fact.extra if fact.predicate == "hasResult" else ())
                    if key not in seen:
                        seen.add(key)
                        yield fact
            # Roles sit beside names across line breaks ("Perhekeskuskoordinaattori\nSuvi Pokela"),
            # which the sentence splitter cuts: look at the whole passage.
            if ap.tokens:
                whole = _Sentence(ap, 0, ap.tokens, 0, len(ap.passage.text))
                for fact in self._roles(document, whole, local):
                    key = (fact.subject_key, fact.predicate, fact.extra)
                    if key not in seen:
                        seen.add(key)
                        yield fact
            for h, actors in headings:  # headings after the passage's last sentence
                sections.open(h.level, actors)

    def _heading_actors(self, ap: AnalysedPassage, heading: Heading,
                        local: Sequence[Mention]) -> tuple[tuple[str, str], ...] | None:
        """Who a section's passages speak of by default: the municipalities, else the
        organisation or project, that its heading names (the most specific kind); () for a
        heading that names none of them, None for what is no heading at all.

        An inline candidate is a heading only where one actor's name, in its base form, covers
        it (a parenthesis after the name may add a place): "Asikkala Asikkalan pilotissa ..."
        opens the section of Asikkala; "Lisäksi Asikkalassa ..." and "Siun Soten ..." are
        sentences. A title at the very start of the document names what the document is
        about, which the document's own project and region already stand for."""
        inside = [m for m in local if heading.start <= m.start and m.end <= heading.end
                  and m.kind in ("Municipality", "Organisation", "Project") and self._is_actor(m)]
        if heading.kind == "inline":
            name = re.sub(r"\s*\([^()]*\)$", "", heading.text)
            whole = [m for m in inside if m.start == heading.start
                     and m.end == heading.start + len(name) and self._base_form(m)]
            if not whole:
                return None
            inside = whole
        if ap.passage.start + heading.start == 0 or not inside:
            return ()
        rank = {"Municipality": 0, "Organisation": 1, "Project": 2}
        best = min(rank[m.kind] for m in inside)
        return tuple(dict.fromkeys((m.kind, m.key) for m in inside if rank[m.kind] == best))

    def _base_form(self, m: Mention) -> bool:
        """The mention is written in its base form (a heading names, it does not inflect)."""
        surface = m.surface.lower()
        if surface == m.label.lower():
            return True
        entity = self.reference.get(m.kind, m.key)
        return entity is not None and surface in {label.lower() for label in
                                                  self.reference.all_labels(entity)}

    def _fact(self, doc: Document, sent: _Sentence, subject: tuple[str, str], predicate: str,
              obj: tuple[str, str] | None, value: str | float | None, extractor: str,
              confidence: float, span: tuple[int, int] | None = None,
              extra: Iterable[tuple[str, str]] = ()) -> Fact:
        start, end = span or (sent.start, sent.end)
        return Fact(subject[0], subject[1], predicate, obj[0] if obj else None,
                    obj[1] if obj else None, value, doc.key, sent.passage.passage.index, start, end,
                    extractor, confidence, tuple(extra))

    def _is_actor(self, m: Mention) -> bool:
        # Generic groups written in lower case ("seurakunnat", "järjestöt") take part but do
        # not act on their own; national programmes are the frame, not the actor.
        if m.kind not in _ACTOR_KINDS or m.key in self._national:
            return False
        entity = self.reference.get(m.kind, m.key)
        if entity is None:
            return not (m.kind == "Organisation" and m.label[:1].islower())
        # Ministries are written in lower case too ("sosiaali- ja terveysministeriö").
        return not (m.kind == "Organisation" and entity.pref_fi[:1].islower()
                    and entity.cls != "Ministry")

    def _actors(self, method: Mention, in_sent: Sequence[Mention], context: Mention | None,
                project: str | None, region: str | None, names_project: bool = False,
                section: Sequence[tuple[str, str]] = (), sent: _Sentence | None = None
                ) -> tuple[list[tuple[str, str]], float]:
        """Who worked with the method: the most specific actors named in the sentence (all of a
        list of municipalities), else the nearest actor earlier in the passage, else the actor
        the section's heading names, else the document's project or region."""
        text = sent.passage.passage.text if sent is not None else ""
        actors = [m for m in in_sent if self._is_actor(m) and not (
            # "Päijät-Hämeen perhekeskusmalli": a region naming the model does not act.
            m.kind == "Region" and method.start - m.end in (0, 1))
            and not _comes_from(text, m, in_sent)
            and not (sent is not None and _in_other_relative(sent, method, m))]
        if names_project and project and all(m.kind == "Region" for m in actors):
            # "Maakunnassa on hankkeen aikana koulutettu ...": the project did it.
            return [("Project", project)], 0.75
        if actors:
            rank = {"Municipality": 0, "Organisation": 1, "Project": 2, "Region": 3}
            best = min(rank[m.kind] for m in actors)
            chosen = [m for m in actors if rank[m.kind] == best]
            if sent is not None:
                # "Tampereen yliopiston ... tutkimusryhmän (Sparg)": the unit, not its owner
                chosen = [m for m in chosen
                          if not any(o is not m and _owns(sent, m, o) for o in chosen)]
            near = min(chosen, key=lambda m: abs(m.start - method.start))
            if best == 0 and len(chosen) >= 2:
                # "Juvalla ja Puumalassa", "Lieto, Raisio, Kaarina": the list the nearest
                # municipality stands in; not a town named in another phrase ("Asikkalassa
                # alkoi ryhmä, joka toteutetaan Lahden ensi- ja turvakodin kanssa").
                chosen = _same_clause(sent, near, chosen) if sent is not None else chosen
            acting = _acting_bodies(sent, method, actors) if best == 0 and sent else []
            if best == 0 and len(chosen) >= 2:
                return list(dict.fromkeys((m.kind, m.key) for m in chosen + acting)), 0.75
            return list(dict.fromkeys((m.kind, m.key) for m in [near] + acting)), 0.85
        if region and sent is not None and _names_the_region(sent, method):
            return [("Region", region)], 0.6  # "laajennetaan koko maakuntaan"
        if context is not None:
            return [(context.kind, context.key)], 0.65
        if section:
            return list(section), 0.65
        if project:
            return [("Project", project)], 0.6
        if region:
            return [("Region", region)], 0.55
        return [], 0.0

    def _status(self, sent: _Sentence, method: Mention) -> tuple[str, bool] | None:
        """The status read from the cue words of the method's own clause (not of the whole
        sentence), nearest first, and whether that clause has a verb: a heading or a list item
        without one ("Perhekeskusmallin kehittäminen") names a theme more than it reports.
        A complement clause without a cue takes the status of the clause it completes."""
        if sent.text.rstrip().endswith("?"):
            return None  # a question asks, it does not report
        if _necessive(sent, method):
            return None  # "on järjestettävä koulutusta": what must be done is not reported
        span: tuple[int, int] | None = (method.start, method.end)
        while span is not None:
            clause = clause_tokens(sent, *span) + (
                _predicates_under_name(sent, method) if span == (method.start, method.end) else [])
            found = [(abs(t.start - method.start), _STATUS_ORDER.index(st), st) for t in clause
                     if not method.start <= t.start < method.end  # "perhekeskuspilotti"
                     and (st := self._token_status(sent, t)) is not None
                     and not _purpose_of(sent, method, t)
                     and not _place_of(sent, method, t)]
            own = _taking_part(sent, method) if span == (method.start, method.end) else None
            if own is not None:
                found.append((0, _STATUS_ORDER.index(own), own))
            done = _done(sent, method) if span == (method.start, method.end) else None
            if done is not None:
                found.append((abs(done.start - method.start), _STATUS_ORDER.index("implemented"),
                              "implemented"))
            if span == (method.start, method.end) and _conditional(sent, method):
                return "planned", True  # "malli rakentuisi osaksi ...": would be, is not yet
            if found:
                return min(found)[2], any(t.pos in ("VERB", "AUX") for t in clause)
            span = governing_clause(sent, *span)
        return None

    @staticmethod
    def _token_status(sent: _Sentence, tok: Token) -> str | None:
        status = _cue_status(tok)
        if status is None:
            if tok.lemma.lower() in _INTENT and _intent_child(sent, tok) is not None:
                return "planned"  # "perhekeskus on määrä avata": what is due is planned
            return None
        if tok.pos == "VERB" and _intended(sent, sent.first + sent.tokens.index(tok)):
            return "planned"  # "aikoo ottaa käyttöön", "on tarkoitus laajentaa": not done yet
        if tok.pos not in ("VERB", "AUX"):
            # A noun reports what was done when it is the clause's subject, object or predicate
            # ("kokeilu jatkuu", "tehtiin suunnitelma"), not when it frames an adverbial
            # ("pilotoinnin tukena", "osallistuivat koulutukseen").
            k = sent.first + sent.tokens.index(tok)
            head = sent.passage.tokens[sent.heads[k]] if sent.heads else tok
            if tok.lemma.lower() in _USE_WORDS or tok.text.lower() in _USE_WORDS:
                # "otettiin käyttöön", "on käytössä"; not "tehtiin kartat kuntien käyttöön"
                # (made for someone's use): a genitive owner or a noun governing it.
                owned = any(sent.heads[j] == k and sent.passage.tokens[j].dep.startswith("nmod")
                            for j in range(sent.first, sent.first + len(sent.tokens)))
                governed = head is not tok and head.pos in ("NOUN", "PROPN")
                if owned or governed:
                    return None
                # "mallia valmistellaan käyttöön": prepared for use is planned, not in use
                planning = head is not tok and head.pos == "VERB" and (
                    _cue_status(head) == "planned" or _intended(sent, sent.heads[k]))
                return "planned" if planning else status
            core = (tok.dep.split(":")[0] in _CORE_DEPS
                    # "osallistui koulutukseen": taking part in a training is being trained
                    or (head.lemma.lower() in _TAKE_PART + _PART_OF and tok.dep.startswith("obl"))
                    # "arviointi on vakiintunut osa": the cue qualifies the predicate
                    or (tok.dep == "amod" and head.dep.split(":")[0] in ("ROOT", "root")))
            return status if core else None
        k = sent.first + sent.tokens.index(tok)
        head = sent.passage.tokens[sent.heads[k]] if sent.heads else tok
        if head is not tok and head.lemma.lower() == "tulla" and tok.dep.startswith("xcomp"):
            return "planned"  # "tullaan laatimaan": what will be done is planned
        if tok.lemma.lower() in _BEGIN and any(
                sent.heads[j] == k and j != k and sent.passage.tokens[j].dep.startswith("xcomp")
                for j in range(sent.first, sent.first + len(sent.tokens))):
            return None  # "aletaan suunnitella": the infinitive says what was begun
        return status

    def _partner(self, m: Mention, project: str, text: str) -> bool:
        """Who can work with a project: an organisation, a city named as a body ("Kemin
        kaupunki"), or another regional project ("yhteistyössä Revontuli-hankkeen kanssa")."""
        if m.kind == "Project":
            return m.key != project and m.key not in self._national
        if m.kind == "Municipality":
            after = text[m.end:m.end + 12].lower().split()
            named = [*m.surface.lower().split()[1:], *after[:1]]
            return any(_TOWN_BODIES.fullmatch(w) for w in named) and self._is_actor(m)
        return m.kind == "Organisation" and self._is_actor(m)

    def _taken_up_again(self, sent: _Sentence, method: Mention, in_sent: Sequence[Mention]
                        ) -> str | None:
        """The status of a clause conjoined to the method's that takes the method up again with
        a bare model word: "Malli on luotu ja mallin käyttöönotto on aloitettu" → created, and
        implemented too."""
        k = _span_head(sent, method.start, method.end)
        if k is None or not sent.heads:
            return None
        tokens, head = sent.passage.tokens, clause_head(sent, k)
        positions = range(sent.first, sent.first + len(sent.tokens))
        named = [(m.start, m.end) for m in in_sent]
        for j in positions:
            if not (sent.heads[j] == head and j != head and tokens[j].dep == "conj"
                    and tokens[j].pos == "VERB"):
                continue
            clause = [tokens[i] for i in positions if clause_head(sent, i) == j]
            if not any(t.lemma.lower() in _MODEL_WORDS + ("toimintamalli",)
                       and not any(s <= t.start < e for s, e in named) for t in clause):
                continue
            found = [(abs(t.start - tokens[j].start), st) for t in clause
                     if (st := self._token_status(sent, t)) is not None]
            if found:
                return min(found)[1]
        return None

    def _named_after(self, doc: Document, sent: _Sentence, in_sent: Sequence[Mention],
                     previous: tuple[_Sentence, list[Mention]], project: str | None,
                     region: str | None, context: Mention | None) -> list[Fact]:
        """The methods a sentence names for "these methods" of the sentence before ("X on
        kouluttanut sata osaajaa. Näitä menetelmiä ovat A ja B."): the status and the actor
        are that sentence's, the evidence spans both."""
        before, before_in = previous
        read = self._carried_status(before, before_in)
        if read is None:
            return []
        facts = []
        for method in (m for m in in_sent if m.kind == "Method"):
            actors, confidence = self._actors(method, before_in, context, project, region,
                                              sent=before)
            for actor in actors:
                facts.append(self._fact(doc, sent, actor, read[0], ("Method", method.key), None,
                                        "rule:method-status", min(confidence, 0.6),
                                        (before.start, sent.end)))
        return facts

    def _relative_on_model(self, sent: _Sentence, method: Mention, in_sent: Sequence[Mention]
                           ) -> Iterator[tuple[tuple[str, str], str]]:
        """A relative clause on a bare model word of the method's clause, with an actor and a
        status of its own: "laadittiin malli, jota Kempeleen kunta on jo käyttänyt" → the town
        used (implemented) the method the main clause made."""
        k = _span_head(sent, method.start, method.end)
        if k is None or not sent.heads:
            return
        tokens, own = sent.passage.tokens, clause_head(sent, k)
        positions = range(sent.first, sent.first + len(sent.tokens))
        named = [(m.start, m.end) for m in in_sent]
        for j in positions:
            h = sent.heads[j]
            if not (tokens[j].dep == "acl:relcl" and h != j and clause_head(sent, h) == own
                    and tokens[h].lemma.lower().endswith(_MODEL_WORDS)
                    and not any(s <= tokens[h].start < e for s, e in named)):
                continue
            clause = [tokens[i] for i in positions if clause_head(sent, i) == j]
            found = [(abs(c.start - tokens[j].start), st) for c in clause
                     if (st := self._token_status(sent, c)) is not None]
            # the clause's subject, or the town owning it ("Sallan kunta on käyttänyt")
            actors = [m for m in in_sent if self._is_actor(m)
                      and (a := _span_head(sent, m.start, m.end)) is not None
                      and clause_head(sent, a) == j and (
                          tokens[a].dep.startswith("nsubj")
                          or (tokens[a].dep.startswith("nmod")
                              and tokens[sent.heads[a]].dep.startswith("nsubj")))]
            if found and actors:
                for m in actors:
                    yield (m.kind, m.key), min(found)[1]

    def _national_bodies_only(self, in_sent: Sequence[Mention]) -> bool:
        """The sentence names organisations, all of them national (no region of their own)."""
        bodies = [m for m in in_sent if m.kind in ("Organisation", "Municipality")
                  and self._is_actor(m)]
        return bool(bodies) and all(
            m.kind == "Organisation" and self.reference.get(m.kind, m.key) is not None
            and (m.kind, m.key) not in self._region_of for m in bodies)

    def _carried_status(self, sent: _Sentence, in_sent: Sequence[Mention]
                        ) -> tuple[str, bool] | None:
        """The status of a sentence that continues the method of the sentence before: read
        like a status of the sentence's own (a cue framing an adverbial gives none), from a
        verb that has no other thing as its object ("annettiin käyttöön tabletit") and no
        person or post as its subject ("aloitti kaksi koordinaattoria")."""
        people = [(m.start, m.end) for m in in_sent if m.kind in ("Person", "Role")]
        # "Kemi valittiin pilotiksi": the town as the object is who acts, not another thing
        bodies = [(m.start, m.end) for m in in_sent if m.kind in ("Municipality", "Organisation")]
        found = []
        for t in sent.tokens:
            st = self._token_status(sent, t)
            if st is None:
                continue
            k = sent.first + sent.tokens.index(t)
            if t.pos not in ("VERB", "AUX"):
                k = sent.heads[k]  # "annettu käyttöön": the verb of the cue noun
            if sent.passage.tokens[k].pos in ("VERB", "AUX"):
                args = [sent.passage.tokens[j] for j in range(sent.first,
                                                              sent.first + len(sent.tokens))
                        if sent.heads[j] == k and j != k]
                # The object of a training is who was trained ("koulutti sata osaajaa").
                if st != "trained" and any(a.dep.startswith("obj") and a.pos in ("NOUN", "PROPN")
                                           and not a.lemma.lower().endswith(_MODEL_WORDS)
                                           and not any(s <= a.start < e for s, e in bodies)
                                           for a in args):
                    continue
                if any(a.dep.startswith("nsubj") and any(s <= a.start < e for s, e in people)
                       for a in args):
                    continue
            found.append((_STATUS_ORDER.index(st), st))
        return (min(found)[1], True) if found else None

    def _sentence_facts(self, doc: Document, sent: _Sentence, in_sent: list[Mention],
                        project: str | None, region: str | None, after_project: bool,
                        carried: list[Mention], context: Mention | None,
                        passage_mentions: Sequence[Mention] = (), opens_list: bool = False,
                        section: Sequence[tuple[str, str]] = ()) -> Iterator[Fact]:
        lemmas = sent.lemmas
        local_projects = [m for m in in_sent if m.kind == "Project" and m.key not in self._national]
        in_passage = [m for m in passage_mentions if m.kind == "Project"]
        local_in_passage = [m for m in in_passage if m.key not in self._national]
        if local_projects:
            subject_project = local_projects[0].key
        elif local_in_passage:
            # The passage's own project, named in its heading or an earlier line.
            subject_project = min(local_in_passage, key=lambda m: abs(m.start - sent.start)).key
        elif in_passage or lemmas & set(_NATIONAL):
            # A passage about the national programme ("LAPE", "valtakunnallisesti") speaks of
            # it, not of the document's own project.
            subject_project = in_passage[0].key if in_passage else self._programme
        elif self._national_bodies_only(in_sent):
            # Ministries and national agencies named without a regional project ("Työtä tehdään
            # yhdessä OKM:n, THL:n ... kanssa") work with the national programme.
            subject_project = self._programme
        else:
            subject_project = project
        # A ministry's grant goes to the document's own project ("Rahoitus: STM:n avustus").
        funded = project if subject_project == self._programme and self._national_bodies_only(
            in_sent) and project else subject_project
        # Methods and their status; a sentence with a status verb but no method continues the
        # method of the sentence before ("käynnistettiin pilotteja: Lieto, Raisio, ...").
        # A sentence continues the method of the one before only when that one opened a list or
        # this one names who acted ("Mikkelissä toimii nyt kaksi tiimiä").
        methods = [m for m in in_sent if m.kind == "Method"] or (
            carried if opens_list or any(self._is_actor(m) for m in in_sent) else [])
        for method in methods:
            read = (self._status(sent, method) if method in in_sent
                    else self._carried_status(sent, in_sent))
            if self.status is not None and method in in_sent:
                read = self.status.decide(sent.passage, sent.heads, method, read)
            if read is None:
                continue
            status, verbal = read
            actors, confidence = self._actors(method, in_sent, context, project, region,
                                              _names_own_project(sent, method), section, sent)
            if method not in in_sent:
                confidence = min(confidence, 0.6)
            if not verbal:
                confidence = min(confidence, 0.5)
            again = self._taken_up_again(sent, method, in_sent) if method in in_sent else None
            for actor in actors:
                yield self._fact(doc, sent, actor, status, ("Method", method.key), None,
                                 "rule:method-status", confidence)
                if again is not None and again != status:
                    yield self._fact(doc, sent, actor, again, ("Method", method.key), None,
                                     "rule:method-status", confidence)
            if method in in_sent:
                for actor, st in self._relative_on_model(sent, method, in_sent):
                    yield self._fact(doc, sent, actor, st, ("Method", method.key), None,
                                     "rule:method-status", min(confidence, 0.7))
        if subject_project is None:
            return
        proj = ("Project", subject_project)
        # Administering organisation: "hallinnoija", "koordinoima", "Hankkeesta vastaa X".
        cue = next((t for t in sent.tokens if {t.lemma.lower(), t.text.lower()} & set(_ADMIN_CUES)),
                   None) or _answers_for_project(sent, in_sent)
        if cue is not None:
            bodies = [m for m in in_sent if m.kind in ("Organisation", "Municipality")
                      and self._is_actor(m)]
            if bodies:
                m = min(bodies, key=lambda b: abs(b.start - cue.start))
                yield self._fact(doc, sent, proj, "administeredBy", (m.kind, m.key), None,
                                 "rule:administered-by", 0.85, (m.start, m.end))
        # Partners of a consortium.
        # "yhteistyössä X:n kanssa"; a compound counts ("Järjestöyhteistyötä tehtiin X:n
        # kanssa").
        cooperation = {"yhteistyö", "yhteistyössä", "yhdessä", "yhteistyötä"}
        together = bool(lemmas & cooperation or any(
            lem.endswith("yhteistyö") for lem in lemmas)) and "kanssa" in lemmas
        if (lemmas & set(_PARTNER_CUES) or any(lem.endswith("konsortio") for lem in lemmas)
                or together):
            for m in in_sent:
                if self._partner(m, subject_project, sent.passage.passage.text):
                    yield self._fact(doc, sent, proj, "partner", (m.kind, m.key), None,
                                     "rule:partner", 0.8, (m.start, m.end))
        for m in _answers_for_part(sent, in_sent):
            if self._partner(m, subject_project, sent.passage.passage.text):
                yield self._fact(doc, sent, proj, "partner", (m.kind, m.key), None,
                                 "rule:partner", 0.75, (m.start, m.end))
        # Funding in euros; a compound of a cue counts ("kokonaisbudjetti", "hankerahoitus").
        if lemmas & set(_FUNDING_CUES) or any(lem.endswith(("budjetti", "rahoitus", "avustus"))
                                              for lem in lemmas):
            for match in _EUR.finditer(sent.text):
                amount = parse_eur(match.group(1), match.group(2))
                if amount >= 1000:
                    span = (sent.start + match.start(), sent.start + match.end())
                    yield self._fact(doc, sent, ("Project", funded), "fundingAmount", None, amount,
                                     "rule:funding", 0.85, span)
        # Project period: "Hankeaika: 1.3.2017-31.12.2018", "Hanke käynnistyi 15. maaliskuuta 2017".
        dates = find_dates(sent.text)
        period = lemmas & {"hankeaika", "toteutusaika", "kesto", "aika", "hankekausi"}
        for (s1, e1, d1), (s2, e2, d2) in zip(dates, dates[1:], strict=False):
            if period and re.fullmatch(r"\s*[-–]\s*", sent.text[e1:s2]):
                span = (sent.start + s1, sent.start + e2)
                yield self._fact(doc, sent, proj, "startDate", None, d1, "rule:period", 0.8, span)
                yield self._fact(doc, sent, proj, "endDate", None, d2, "rule:period", 0.8, span)
        hanke = any(t.lemma.lower() in ("hanke", "hankeaika") for t in sent.tokens) or (
            _named_by_head_word(sent, [m for m in in_passage if m.key == subject_project]))
        if len(dates) == 1 and hanke:
            s1, e1, d1 = dates[0]
            if lemmas & set(_START_VERBS):
                yield self._fact(doc, sent, proj, "startDate", None, d1, "rule:period", 0.7,
                                 (sent.start + s1, sent.start + e1))
            elif lemmas & set(_END_VERBS):
                yield self._fact(doc, sent, proj, "endDate", None, d1, "rule:period", 0.7,
                                 (sent.start + s1, sent.start + e1))
        elif len(dates) > 1 and hanke and not period:
            # "Hanke käynnistyi 15. maaliskuuta 2017 ja päättyi 31.12.2018": each date is the
            # start or the end by the verb it belongs to.
            for s1, e1, d1 in dates:
                verb = _verb_of(sent, sent.start + s1)
                predicate = ("startDate" if verb in _START_VERBS
                             else "endDate" if verb in _END_VERBS else None)
                if predicate:
                    yield self._fact(doc, sent, proj, predicate, None, d1, "rule:period", 0.7,
                                     (sent.start + s1, sent.start + e1))
        # Quantified results: "Neljä alueellista perhekeskusta on aloittanut toimintansa 1.12.2018."
        counted = re.search(r"\b\d[\d ]*\s?kpl\b", sent.text) is not None
        # "16 työntekijää sai ryhmänohjaajakoulutuksen": receiving a training is a result
        trained = "saada" in lemmas and any(lem.endswith("koulutus") for lem in lemmas)
        if after_project and (lemmas & set(_RESULT_VERBS) or counted or trained):
            quantities = _coordinated(sent, self._quantities(sent))
            dates = find_dates(sent.text)
            for quantity in quantities or ([None] if dates and not period else []):
                extra = [("quantity", str(quantity[0]))] if quantity is not None else []
                if dates:
                    extra.append(("date", dates[0][2]))
                methods = [m.key for m in in_sent if m.kind == "Method"]
                if methods:
                    extra.append(("method", methods[0]))
                yield self._fact(doc, sent, proj, "hasResult", None, sent.text.strip(),
                                 "rule:result", 0.7, None, extra)
        # Roles of persons: "LAPE-muutosagentti Mikko Hulkkonen", "Perhekeskuskoordinaattori\nSuvi Pokela".

    @staticmethod
    def _quantity(sent: _Sentence) -> tuple[float, int] | None:
        found = FactExtractor._quantities(sent)
        return found[0] if found else None

    @staticmethod
    def _quantities(sent: _Sentence) -> list[tuple[float, int]]:
        """The counted quantities of a sentence, each with its token position."""
        found: list[tuple[float, int]] = []
        for i, tok in enumerate(sent.tokens):
            if found and i == found[-1][1] + 1 and re.fullmatch(r"\d{3}", tok.text):
                continue  # the second half of "1 300"
            low = tok.text.lower()
            # "kolmessa kunnassa" counts; an inflected "yksi" is mostly an article ("yhden alle").
            word = low if low in _NUMBER_WORDS else tok.lemma.lower()
            after = sent.tokens[i + 1] if i + 1 < len(sent.tokens) else None
            if _frequency(sent.tokens[i + 1:i + 3]):
                continue  # "kahden viikon välein", "kaksi kertaa kuukaudessa": how often
            if word == "yksi" and after is not None and (
                    after.lemma.lower() == "osa" or after.text.lower().endswith(("ista", "istä"))):
                continue  # "yksi osa kokeilua", "yksi tärkeimmistä": one of, no count
            if word in _NUMBER_WORDS and (word == low or (tok.pos == "NUM" and word != "yksi")):
                found.append((float(_NUMBER_WORDS[word]), i))
                continue
            text = tok.text
            if i == len(sent.tokens) - 1 and re.fullmatch(r"\d{1,6}\.", text):
                text = text[:-1]  # "pilotteja on käynnistetty yli 25.": the full stop ends it
                if i and sent.tokens[i - 1].text[:1].isdigit():
                    continue  # the year or day at the end of a date ("1. 12.")
            if re.fullmatch(r"\d{1,6}(/\d{1,6})?", text) and not re.fullmatch(
                    r"(19|20)\d\d", text):
                nxt = sent.tokens[i + 1].text if i + 1 < len(sent.tokens) else ""
                if nxt == "." or nxt.startswith("."):
                    continue  # a date or list number, not a quantity
                if i == 0 and nxt[:1].isupper():
                    continue  # a page or section number before a heading ("7 Yhteenveto")
                if nxt == ")" and (i == 0 or not sent.tokens[i - 1].text.isalnum()):
                    continue  # a list item's number ("4) Koulutuksiin osallistui ...")
                if i and sent.tokens[i - 1].lemma.lower() in _LABEL_NOUNS:
                    continue  # a figure's, table's or page's number ("Kuvassa 1", "sivulla 12")
                value = text.split("/")[0]
                # "1 300": thousands written with a space are split into two tokens.
                if re.fullmatch(r"\d{3}", nxt) and len(value) <= 3:
                    value += nxt
                found.append((float(value), i))
        return found

    def _roles(self, doc: Document, sent: _Sentence, in_sent: list[Mention]) -> Iterator[Fact]:
        persons = [m for m in in_sent if m.kind == "Person"]
        roles = [m for m in in_sent if m.kind == "Role"]
        text = sent.passage.passage.text
        previous: tuple[Mention, Mention] | None = None  # (role, person) just assigned
        for person in sorted(persons, key=lambda m: m.start):
            near = [r for r in roles
                    if (r.end <= person.start and _ROLE_GAP.fullmatch(text[r.end:person.start]))
                    or (r.end <= person.start and _task_line_between(text, r, person, in_sent))
                    or (r.start >= person.end and re.fullmatch(r"[ \t,]*", text[person.end:r.start]))]
            if not near and previous is not None and re.fullmatch(
                    r"\s*(,|ja|sekä|and)\s*", text[previous[1].end:person.start]):
                near = [previous[0]]  # "sihteereiksi Marita Moisander-Pohjonen ja Elina Stenvall"
            if not near:
                continue
            role = near[0]
            previous = (role, person)
            extra = [("role", role.key)]
            context = [m for m in in_sent if m.kind in ("Organisation", "Project", "Region")
                       and m.end <= role.start and role.start - m.end < 40]
            # "suunnittelija Elina Stenvall SOS-lapsikyläsäätiöstä": the body they come from
            source = next((m for m in in_sent if _comes_from(text, m, [person])), None)
            context = [source] if source is not None else context
            if context:
                extra += [("in_kind", context[-1].kind), ("in_key", context[-1].key)]
            yield self._fact(doc, sent, ("Person", person.key), "hasRole", None, None,
                             "rule:role", 0.8, (min(role.start, person.start),
                                                max(role.end, person.end)), extra)
            for post in roles:
                if post.end <= role.start and _PREDICATE_ROLE.fullmatch(text[post.end:role.start]):
                    # "Ohjausryhmän puheenjohtaja oli Kemin sosiaalijohtaja NN": both posts
                    yield self._fact(doc, sent, ("Person", person.key), "hasRole", None, None,
                                     "rule:role", 0.7, (post.start, person.end),
                                     [("role", post.key)])


