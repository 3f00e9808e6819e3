"""What a question asks: cue words (English words or Finnish lemmas) for the kind of answer,
the relation, the method status, and the kind of body, amount or partner it narrows to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from search.query import AnalysedQuery

METHOD_STATUSES = ("piloted", "implemented", "developing", "trained", "planned", "created")
ORGANISATION_KINDS = ("Organisation", "JointAuthority", "Ministry", "Agency", "NGO", "University",
                      "Church", "Municipality")

# Words (Finnish lemmas or English words) that say what kind of answer is wanted; the cue
# nearest the start of the question wins ("which organisation trained ... methods").
TARGET_CUES: dict[str, tuple[str, ...]] = {
    "Region": ("region", "regions", "maakunta", "county", "counties", "landskap", "where",
               "missä", "mihin", "mistä"),
    "Municipality": ("municipality", "municipalities", "kunta", "kaupunki", "town", "city",
                     "cities", "towns"),
    "Organisation": ("organisation", "organisations", "organization", "organizations",
                     "organisaatio", "toimija", "järjestö", "ministry", "ministeriö", "authority",
                     "authorities", "kuntayhtymä", "university", "universities", "yliopisto",
                     "ammattikorkeakoulu", "korkeakoulu", "ngo", "ngos"),
    "Method": ("method", "methods", "model", "models", "menetelmä", "toimintamalli",
               "practice", "practices"),
    "Project": ("project", "projects", "hanke"),
    "Amount": ("funding", "rahoitus", "money", "budget", "valtionavustus", "avustus", "paljonko",
               "grant", "grants", "granted", "cost", "costs", "budjetti", "kustannus", "euro"),
    "Date": ("when", "milloin", "date", "period", "hankeaika"),
    "Person": ("who", "kuka", "ketkä", "whom", "person", "henkilö", "employee", "people"),
}
# Words that name the relation asked about.
RELATION_CUES: dict[str, tuple[str, ...]] = {
    "administeredBy": ("administered", "administer", "administrator", "administers", "ran",
                       "coordinates", "coordinated", "coordinator", "hallinnoida", "hallinnoija",
                       "hallinnoi", "koordinoida", "hallinnoijana", "responsible", "responsibility",
                       "led", "lead", "leads", "vetää", "vetovastuu"),
    "partner": ("partner", "partners", "partnered", "partnership", "consortium", "kumppani",
                "konsortio", "osatoteuttaja", "hankekonsortio", "co-implementer",
                "co-implementers"),
    "fundingAmount": TARGET_CUES["Amount"],
    "startDate": ("start", "started", "begin", "began", "alkaa", "käynnistyä", "alkoi"),
    "endDate": ("end", "ended", "päättyä", "loppua"),
}
# Words that name a kind of body ("administered by a city", "kuntayhtymän hallinnoimat"), by
# the class of the reference organisations they mean.
BODY_KIND_CUES: dict[str, tuple[str, ...]] = {
    "Municipality": ("city", "cities", "town", "towns", "municipality", "municipalities",
                     "kaupunki", "kunta"),
    "JointAuthority": ("joint", "kuntayhtymä", "yhtymä"),
    "University": ("university", "universities", "yliopisto", "ammattikorkeakoulu",
                   "korkeakoulu", "polytechnic"),
    "NGO": ("ngo", "ngos", "järjestö", "charity", "association"),
    "Ministry": ("ministry", "ministeriö"),
}
# Which amount is asked, and which one a passage states: the grant ('valtionavustus',
# 'myönnetty rahoitus') or the project's whole budget or costs ('kokonaiskustannukset').
AMOUNT_KIND_CUES: dict[str, tuple[str, ...]] = {
    "grant": ("grant", "grants", "granted", "funding", "funded", "subsidy", "rahoitus",
              "valtionavustus", "avustus"),
    "cost": ("budget", "budgets", "cost", "costs", "spending", "expenditure", "budjetti",
             "kustannus"),
}
# Who is a member of a project's consortium ('Hankekonsortioon kuuluivat', 'Osatoteuttajat')
# and who only cooperated with it ('Yhteistyötä on tehty', 'Kumppanit').
PARTNER_KIND_CUES: dict[str, tuple[str, ...]] = {
    "member": ("consortium", "konsortio", "hankekonsortio", "osatoteuttaja", "co-implementer",
               "co-implementers"),
    "cooperation": ("cooperation", "collaboration", "yhteistyö", "kumppani", "partner",
                    "partners", "yhteistyökumppani"),
    # 'Arviointitutkimuksesta vastasi X': who answered for one task of the project, asked
    # only as that ('Kuka vastasi hankkeen arvioinnista?'), not as a partner at large.
    "task": ("vastata",),
}
# Per relation: the kind words, and the kinds a question can narrow its answers to (asking
# for "partners" asks for all of them; asking for the consortium, for its members).
STATED_KINDS: dict[str, tuple[dict[str, tuple[str, ...]], tuple[str, ...]]] = {
    "fundingAmount": (AMOUNT_KIND_CUES, ("grant", "cost")),
    "partner": (PARTNER_KIND_CUES, ("member",)),
}
# How far before the object its kind word may stand ("valtionavustusta kokonaisuudessaan n.").
KIND_WINDOW = 80
STATUS_CUES: dict[str, tuple[str, ...]] = {
    "piloted": ("pilot", "piloted", "piloting", "trial", "trialled", "tried", "tested",
                "kokeilla", "pilotoida", "pilotti", "kokeilu", "testata",
                # Swedish, as written (Voikko reads no Swedish inflection)
                "pröva", "prövade", "prövades", "prövat", "testade", "testades",
                "piloterade", "piloterades", "försök"),
    "implemented": ("implemented", "introduced", "adopted", "use", "used", "uses", "käyttöön",
                    "käytössä", "ottaa", "käyttöönotto", "implement", "adopt", "käyttää",
                    "infördes", "införde", "infört", "använde", "används", "bruk",
                    # opening or setting up a service is taking it into use
                    "avata", "perustaa", "aloittaa", "opened", "open", "established",
                    "öppnades", "öppnade", "startades", "startade", "grundades"),
    "trained": ("trained", "training", "train", "kouluttaa", "koulutus",
                "utbildade", "utbildades", "utbildning"),
    "planned": ("planned", "plan", "planning", "preparing", "suunnitella", "suunnitelma",
                "valmistella", "planerade", "planeras", "förbereds"),
    "created": ("created", "developed", "develop", "create", "luoda", "kehittää", "laatia",
                "utvecklade", "utvecklades", "skapade"),
}
# Words that put what a question asks in the future, whatever verb follows ('mitä Oulu aikoo
# kokeilla', 'which method does X intend to train staff in', 'vad ska Kimitoön införa'): the
# status asked is a plan, not the verb's own.
PLAN_MODALS = ("aikoa", "intend", "intends", "intending", "tänker", "ska", "skall")
# Every word that names a status, in any of the languages.
STATUS_WORDS = frozenset(w for cues in STATUS_CUES.values() for w in cues)
# Words that say something was done without saying what ('mitä Lahdessa tehtiin', 'what was
# done in Raahe', 'vad gjordes i Jakobstad'): a question of them and an actor asks its methods.
DOING_WORDS = frozenset({"tehdä", "tehty", "tehtiin", "tapahtua", "tapahtui", "do", "did",
                         "done", "happened", "göra", "gjorde", "gjordes", "gjort", "hände"})
# A planner asking who "piloted" a model means who tried it out in practice: piloting, taking
# into use and training staff in it all count; creating or planning one does not.
STATUS_SCOPE = {
    "piloted": ("piloted", "implemented", "trained"),
    # "Where is it in use": implemented first, then developing, piloted and trained as tiers.
    "implemented": ("implemented", "developing", "piloted", "trained"),
    "trained": ("trained",),
    "planned": ("planned",),
    # "kehitetään", "was developed": what was created and what is being developed
    "created": ("created", "developing"),
}


def _positions(aq: AnalysedQuery) -> list[tuple[int, str]]:
    """(position, word-or-lemma) of every word, so cues can be ordered."""
    out = []
    tokens = re.finditer(r"[\w\-]+", aq.text)
    for m in tokens:
        out.append((m.start(), m.group(0).lower()))
    return out


def cue_position(aq: AnalysedQuery, cues: tuple[str, ...],
                  forms: dict[str, set[str]]) -> int | None:
    """Where the first cue word stands: as written, as its lemma, or as the last part of a
    compound ("kokonaisbudjetti" is a budjetti); `forms` maps a word to the last two."""
    cue_set = set(cues)
    for pos, word in _positions(aq):
        if word in cue_set or forms.get(word, set()) & cue_set:
            return pos
    return None


# Compound heads that ask for a quantity ("kokonaisbudjetti", "hankerahoitus"). Only these:
# a head such as "kunta" would turn "maakunta" or "seurakunta" into a municipality.
_HEAD_CUES = set(TARGET_CUES["Amount"]) | set(TARGET_CUES["Date"])


def cue_forms(lemma: str, parts: tuple[str, ...], verbs: tuple[str, ...] = ()) -> set[str]:
    """A word's lemma, the verbs a participle comes from ('kokeiltu' → kokeilla), and the last
    part of a compound when that asks for an amount or a date."""
    return {lemma, *verbs, *(p for p in parts[-1:] if p in _HEAD_CUES)}


def detect_target(aq: AnalysedQuery, forms: dict[str, set[str]] | None = None) -> str | None:
    forms = forms or {}
    found = [(p, t) for t, cues in TARGET_CUES.items()
             if (p := cue_position(aq, cues, forms)) is not None]
    if not found:
        return None
    found.sort()
    # "Where/missä" yields to a named kind later in the question ("missä kunnissa").
    if found[0][1] == "Region" and len(found) > 1 and aq.text.lower()[found[0][0]:].startswith(
            ("where", "missä", "mihin", "mistä")) and found[1][1] in ("Municipality",):
        return found[1][1]
    return found[0][1]


def detect_relation(aq: AnalysedQuery, forms: dict[str, set[str]] | None = None) -> str | None:
    forms = forms or {}
    found = [(p, r) for r, cues in RELATION_CUES.items()
             if (p := cue_position(aq, cues, forms)) is not None]
    return min(found)[1] if found else None


@dataclass(frozen=True)
class BodyKind:
    """A kind of body the question names instead of a body: `asked` when the bodies are the
    answer ("which universities were partners"), else the projects they stand in the relation
    to ("projects administered by a city rather than a joint authority")."""

    cls: str
    asked: bool


def detect_body_kind(aq: AnalysedQuery, relation: str, target: str | None,
                     forms: dict[str, set[str]] | None = None) -> BodyKind | None:
    """When bodies are what is asked ("which universities were partners", "mitkä kaupungit
    hallinnoivat"), the first body-kind word; otherwise the first after the relation's cue
    ("administered by a city rather than a joint authority"), else the first at all
    ("kaupungin hallinnoimat hankkeet")."""
    forms = forms or {}
    cue = cue_position(aq, RELATION_CUES[relation], forms)
    found = sorted((pos, kind) for kind, cues in BODY_KIND_CUES.items()
                   for pos, word in _positions(aq)
                   if word in cues or forms.get(word, set()) & set(cues))
    if cue is None or not found:
        return None
    if target in ("Organisation", "Municipality"):
        return BodyKind(found[0][1], asked=True)
    after = [kind for pos, kind in found if pos > cue]
    return BodyKind((after or [found[0][1]])[0], asked=False)


def of_kind_asked(answers: list, aq: AnalysedQuery,  # type: ignore[type-arg]
                  forms: dict[str, set[str]] | None = None) -> list:  # type: ignore[type-arg]
    """Bodies asked for by their kind ('Which university of applied sciences evaluated X',
    'Mikä kuntayhtymä …'): those of the first kind the question names, when any answer is of
    that kind. The answers are search.answer_records.Answer, their type the body's class."""
    forms = forms or {}
    found = sorted((pos, kind) for kind, cues in BODY_KIND_CUES.items()
                   for pos, word in _positions(aq)
                   if word in cues or forms.get(word, set()) & set(cues))
    if not found:
        return answers
    # a body the reference data does not class ('MLL:n Pohjois-Pohjanmaan piiri') may be one
    kept = [a for a in answers if a.type in (found[0][1], "Organisation")]
    return kept if any(a.type == found[0][1] for a in kept) else answers


def detect_stated_kind(aq: AnalysedQuery, relation: str,
                       forms: dict[str, set[str]] | None = None) -> str | None:
    """The kind of amount or partner the question narrows to ('grant', 'cost', 'member'): the
    first kind word wins, and only a narrowing kind counts."""
    if relation not in STATED_KINDS:
        return None
    forms = forms or {}
    cues, narrowing = STATED_KINDS[relation]
    found = [(p, kind) for kind, words in cues.items()
             if (p := cue_position(aq, words, forms)) is not None]
    kind = min(found)[1] if found else None
    return kind if kind in narrowing else None


def plan_said(aq: AnalysedQuery, forms: dict[str, set[str]]) -> bool:
    """Whether a modal puts what the question asks in the future ('aikoo ottaa käyttöön')."""
    return cue_position(aq, PLAN_MODALS, forms) is not None


def statuses_said(aq: AnalysedQuery, forms: dict[str, set[str]]) -> list[str]:
    """The statuses a question's words name ('pilotoitiin': piloted); 'planned' first when a
    modal puts them in the future ('aikoo ottaa käyttöön': planned, then implemented)."""
    said = [s for s, cues in STATUS_CUES.items() if cue_position(aq, cues, forms) is not None]
    if plan_said(aq, forms):
        return ["planned", *(s for s in said if s != "planned")]
    return said


def detect_statuses(aq: AnalysedQuery, forms: dict[str, set[str]] | None = None
                    ) -> tuple[str, ...]:
    forms = forms or {}
    found = statuses_said(aq, forms)
    scoped = tuple(dict.fromkeys(x for s in found for x in STATUS_SCOPE[s]))
    return scoped or METHOD_STATUSES


_TASK_VERBS = ("vastata",)
_PROJECT_HEADS = ("hanke", "projekti", "ohjelma")


def detect_task(words: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]) -> str | None:
    """The task a question asks who answered for: the lemma of the elative beside 'vastata'
    that is no project ('Kuka vastasi hankkeen arviointitutkimuksesta?' → arviointitutkimus;
    'Kuka vastasi hankkeesta?' asks for the administrator). `words` maps each word to its
    (lemma, compound parts, source verbs)."""
    if not any(lemma in _TASK_VERBS for lemma, _, _ in words.values()):
        return None
    for word, (lemma, _, _) in words.items():
        if (word.endswith(("sta", "stä")) and lemma != word and lemma not in _TASK_VERBS
                and not lemma.endswith(_PROJECT_HEADS)):
            return lemma
    return None
