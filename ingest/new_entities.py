"""Entities not in the reference data: projects named before '-hanke', regional LAPE projects,
local bodies, units, persons and organisations from NER, and the local practices."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ingest.extract.segment import head_positions
from ingest.org_lines import bodies_by_form, listed_bodies, org_lines
from ingest.practices import named_practices, sentence_at, tried_practices
from ingest.project_names import (
    REGION_LAPE,
    TITLE,
    project_names,
)
from ingest.records import AnalysedPassage, Entity, Mention
from ingest.voikko_analyzer import VoikkoAnalyzer
from ontology.iris import slug

_PROJECT_SUFFIX = re.compile(r"^[-–]?\s*(hanke|hankkee\w*|hankkeessa|projekti\w*)$", re.IGNORECASE)
# Capitalised words that start a sentence before "hanke" but are no project names.
_NOT_NAMES = {"tämä", "hanke", "lape", "lape-", "hankkeen", "koko", "uusi", "yksi", "kaikki",
              "hänen", "se", "nyt", "kun", "jo", "myös", "lisäksi", "sekä", "the", "this"}
_GENERIC_MODELS = {"toimintamalli", "palvelumalli", "johtamismalli", "työskentelymalli",
                   "yhteistyömalli", "kehittämismalli", "rakennemalli", "järjestämismalli",
                   "ajattelumalli", "kustannusmalli", "rahoitusmalli", "hallintomalli"}
_ORG_HEADS = ("yhdistys", "liitto", "säätiö", "kuntayhtymä", "yhtymä", "seurakunta", "yliopisto",
              "ammattikorkeakoulu", "osaamiskeskus", "ministeriö", "virasto", "turvakoti", "ry")


_UNIT_HEADS = ("ryhmä", "yksikkö", "laitos", "instituutti")  # units inside a larger organisation
_ABBREVIATION = re.compile(r"[ \t]*\(([A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,11})\)")
_FUNCTION_POS = ("CCONJ", "SCONJ", "ADP", "PRON", "ADV", "AUX", "VERB", "DET")


def _pos_at(ap: AnalysedPassage, start: int) -> str | None:
    return next((t.pos for t in ap.tokens if t.start == start), None)


def _reads_as_name(ap: AnalysedPassage, start: int, end: int) -> bool:
    """Words before "hanke" that read as a clause are no name: a finite verb inside
    ("Koulutuksia ja valmennuksia järjestettiin hankkeen ...") or a lone adverb or pronoun
    ("Yhtäältä hanke ..."). Names that end in "!" are slogans and may hold a verb ("Lupa
    auttaa!")."""
    inside = [t for t in ap.tokens if start <= t.start < end]
    if not inside or ap.passage.text[start:end].rstrip().endswith("!"):
        return True
    if any(t.pos in ("VERB", "AUX") for t in inside):
        return False
    # A word that opens the sentence in a case a name before "hanke" does not take (neither
    # the nominative nor the genitive), or a postposition, reads as the sentence's own words:
    # "Osatoteuttajina hankkeessa ovat ...", "Loppuraportin mukaan hanke ...".
    before = ap.passage.text[:start].rstrip()
    opens = not before or before[-1] in ".!?:\n" or ap.passage.text[:start].endswith("\n")
    case = next((f for f in inside[0].morph.split("|") if f.startswith("Case=")), None)
    if opens and case not in (None, "Case=Nom", "Case=Gen"):
        return False
    if any(t.pos == "ADP" for t in inside):
        return False
    return not (len(inside) == 1 and inside[0].pos in _FUNCTION_POS)


# A space and a dash before the project word close a name of many words ("Huomisen
# hyvinvointia lapsille ja perheille Päijät-Hämeessä -hanke toteutettiin ..."); the name opens
# the clause (a line, a sentence, a colon or a parenthesis before it).
_DASHED = re.compile(r"(?:^|(?<=[.!?:;(]))[ \t]*([A-ZÅÄÖ][^\n.!?:;()]*?)[ \t]+[-–][ \t]?"
                     r"(?:hanke|hankkee\w*|hanketta|hankkeen)\b", re.MULTILINE)


def _dashed_names(ap: AnalysedPassage, voikko: VoikkoAnalyzer) -> Iterator[tuple[int, int, str]]:
    """Names of five to twelve words that open their clause and end in " -hanke": words that
    read as a name (no finite verb; a participle may stand in it; no opening adverb, pronoun or
    conjunction). Shorter names are the 1-4-word pattern's."""
    text = ap.passage.text
    for hit in _DASHED.finditer(text):
        start, end = hit.start(1), hit.end(1)
        words = text[start:end].split()
        if not 5 <= len(words) <= 12 or words[0].lower() in _NOT_NAMES:
            continue
        if _pos_at(ap, start) in _FUNCTION_POS or _finite_verb_inside(voikko, words):
            continue
        if any("VerbForm=Fin" in t.morph and start <= t.start < end for t in ap.tokens):
            continue
        yield start, end, " ".join(words)


def _finite_verb_inside(voikko: VoikkoAnalyzer, words: list[str]) -> bool:
    """A word after the first that Voikko can read as a finite verb, which the tagger took for
    a noun: "Kuntayhtymä palkkaa hankkeeseen ..." (palkata) is a clause, not a name. (A slogan
    ending in "!" may hold a verb.)"""
    if not words or words[-1].endswith("!"):
        return False
    return any(a.get("CLASS") == "teonsana" and a.get("MOOD") == "indicative"
               for w in words[1:] for a in voikko.analyze(w.lower().strip("-–")))


# Cases of a noun that, after a genitive, make a postpositional time or place phrase.
_ADVERBIAL_CASES = {"olento", "sisaolento", "ulkoolento", "sisaeronto"}


def _possessor_opening(voikko: VoikkoAnalyzer, text: str, start: int, words: list[str]) -> bool:
    """One word opening its sentence before an undashed "hanke" that Voikko reads only as a
    common noun in the genitive is the project's owner, capitalised because it opens the
    sentence ("Maakunnan hankkeessa ovat mukana ...", "Kunnan hanke"), not its name."""
    before = text[:start].rstrip()
    if len(words) != 1 or (before and before[-1] not in ".!?:\n"):
        return False
    readings = voikko.analyze(words[0].lower())
    return bool(readings) and all(a.get("CLASS") == "nimisana" and a.get("SIJAMUOTO") == "omanto"
                                  for a in readings)


def _time_phrase(voikko: VoikkoAnalyzer, words: list[str]) -> bool:
    """Words before "hankkeessa" that are genitives and a noun in the essive or a locative case
    read as an adverbial, not a name: "Kevään aikana hankkeessa ...", "Vuoden lopussa hanke
    ...", "Syksyn kuluessa", "Kauden alussa", "Ensimmäisen vuoden aikana"."""
    if len(words) < 2 or words[-1].endswith("!") or not words[-1].islower():
        return False
    last = voikko.analyze(words[-1])
    return (all(any(a.get("SIJAMUOTO") == "omanto" for a in voikko.analyze(w.lower()))
                for w in words[:-1])
            and any(a.get("SIJAMUOTO") in _ADVERBIAL_CASES or a.get("CLASS") == "teonsana"
                    for a in last))


def _base_name(voikko: VoikkoAnalyzer, words: list[str]) -> str:
    """Base form of a multi-word name: inflection sits on the last word ("Lupa auttaa!" stays)."""
    if not words:
        return ""
    last = words[-1]
    if last.endswith("!"):
        return " ".join(words)
    if ":" in last:
        last = last.split(":", 1)[0]
    else:
        base = voikko.baseform(last)
        if base and last[:1].isupper():
            base = base[0].upper() + base[1:]
        elif base is None and last.isupper():
            base = last
        last = base or last
    return " ".join([*words[:-1], last])


# Verbs whose object (or subject) is a practice being tried, taken into use, started or drawn up.
def _named_as_project(ap: AnalysedPassage) -> Iterator[tuple[int, int, str]]:
    """A one-word name that a copula says is a project: "Tunturipolku on Lapin maakunnan
    hanke", "Perhetaival oli ... muutosohjelman kehittämishanke"."""

    if not ap.tokens:
        return
    heads = head_positions(ap)
    for k, tok in enumerate(ap.tokens):
        head = ap.tokens[heads[k]]
        name_like = (tok.text[:1].isupper() and tok.text[1:].islower() and tok.text.isalpha()
                     and len(tok.text) > 3 and tok.pos in ("PROPN", "NOUN")
                     and not tok.lemma.lower().endswith("hanke"))
        if (name_like and tok.dep == "nsubj:cop" and head.pos == "NOUN"
                and head.lemma.lower().endswith("hanke")):
            yield tok.start, tok.end, tok.text


def _units(ap: AnalysedPassage, taken: list[Mention]) -> Iterator[tuple[int, int, str]]:
    """A unit of a named organisation by its short name in parentheses: "Tampereen yliopiston
    ... tutkimusryhmän (Sparg)", "Lapin yliopiston tutkimusyksikkö (Arksu)"."""
    tokens, text = ap.tokens, ap.passage.text
    owners = [m.end for m in taken if m.kind == "Organisation"]
    for k, tok in enumerate(tokens[:-1]):
        if not (tok.pos == "NOUN" and tok.lemma.lower().endswith(_UNIT_HEADS)):
            continue
        short = _ABBREVIATION.match(text, tok.end)
        if short and any(0 <= tok.start - end <= 80 and tokens[k].sent == sentence_at(ap, end)
                         for end in owners):
            yield short.start(1), short.end(1), short.group(1)


_LOCAL_BODY_HEADS = ("seurakunta", "piiri")  # "Kajaanin seurakunta", "MLL:n Lapin piiri"
_ACRONYM_GENITIVE = re.compile(r"([A-ZÅÄÖ]{2,}:n)[ \t]+$")  # "SPR:n "


def _local_bodies(ap: AnalysedPassage, taken: list[Mention]) -> Iterator[tuple[int, int, str]]:
    """The local body of a town or the district of an organisation, named by the genitive of
    the town or organisation (and of a region) before 'seurakunta' or 'piiri': "Kajaanin
    seurakunnan" → Kajaanin seurakunta, "MLL:n Satakunnan piiri"; an organisation the
    reference data does not know names its district by its acronym ("SPR:n Lapin piirin")."""
    text = ap.passage.text
    by_start = {m.start: m for m in taken}
    for k, tok in enumerate(ap.tokens):
        lemma = tok.lemma.lower()
        if lemma not in _LOCAL_BODY_HEADS or tok.pos != "NOUN" or k == 0:
            continue
        before = [m for m in taken if m.end <= tok.start and text[m.end:tok.start] == " "]
        if not before:
            continue
        owner = before[0]
        if owner.kind == "Region":  # "MLL:n Satakunnan piiri": the region names the district
            body = next((m for m in taken if m.kind == "Organisation"
                         and text[m.end:owner.start] == " "), None)
            acronym = _ACRONYM_GENITIVE.search(text, max(0, owner.start - 20), owner.start)
            if body is None and acronym and lemma == "piiri":
                yield acronym.start(1), tok.end, text[acronym.start(1):tok.start] + lemma
                continue
            owner = body or owner
        wanted = "Municipality" if lemma == "seurakunta" else "Organisation"
        if owner.kind != wanted or not owner.surface.endswith("n") or by_start.get(
                owner.start) is None:
            continue
        yield owner.start, tok.end, text[owner.start:tok.start] + lemma


def new_entities(doc_key: str, ap: AnalysedPassage, voikko: VoikkoAnalyzer,
                 taken: list[Mention]) -> list[Mention]:
    """Projects named before '-hanke', '<NAME> LAPE' projects, persons and organisations from
    NER."""
    text = ap.passage.text
    covered = [(m.start, m.end, m.kind) for m in taken]

    def free(start: int, end: int, over: tuple[str, ...] = ()) -> bool:
        return all(end <= s or start >= e or kind in over for s, e, kind in covered)

    found: list[Mention] = []

    def add(start: int, end: int, kind: str, name: str, source: str, ner: str | None = None,
            over: tuple[str, ...] = ()) -> None:
        if not name or not free(start, end, over):
            return
        covered.append((start, end, kind))
        found.append(Mention(doc_key, ap.passage.index, start, end, text[start:end], kind,
                             slug(name), name, source, ner))

    for start, end, name in _dashed_names(ap, voikko):
        add(start, end, "Project", name, "pattern:hanke", over=("Region", "Municipality"))
    # "Lupa auttaa! -hankkeen", "Iloa vanhemmuuteen - hanke", "LAPE-hankkeen" (the name may be
    # 1–4 words).
    for m in re.finditer(
            r"((?:[A-ZÅÄÖ][\w!\-]*|\w+!)(?:[ \t]+(?:[\w!]+)){0,3}?)[ \t]*(?:[-–][ \t]?)?\b"
            r"(hanke|hankkee\w*|hanketta|hankkeen)\b|"
            r"((?:[A-ZÅÄÖ][\w!\-]*|\w+!)(?:[ \t]+(?:[\w!]+)){0,3}?)[ \t]*[-–][ \t]?(hanke\w+)",
            text):
        if m.group(1) is None:
            m_start, m_end, words = m.start(3), m.end(3), m.group(3).split()
        else:
            m_start, m_end, words = m.start(1), m.end(1), m.group(1).split()
        # The name starts at its last capitalised word (or an acronym before it):
        # "kuntien yhteisessä Lupa auttaa!" → "Lupa auttaa!".
        heads = [n for n, w in enumerate(words) if w[:1].isupper()]
        if heads and heads[-1] > 0:
            first = heads[-1] - 1 if words[heads[-1] - 1].isupper() else heads[-1]
            m_start += len(" ".join(words[:first])) + (1 if first else 0)
            words = words[first:]
            m_start = text.index(words[0], m_start)
        if not words or m_end - m_start < 3 or words[0].lower() in _NOT_NAMES:
            continue
        # a space and a dash before "-hanke" mark where the name ends, so it may hold a verb
        # ("Yhdessä olemme enemmän -hanke"); without them, a verb means a clause
        dashed = re.match(r"[ \t]+[-–]", text[m_end:])
        if not dashed and (not _reads_as_name(ap, m_start, m_end) or _finite_verb_inside(
                voikko, words) or _time_phrase(voikko, words)):
            continue
        if not re.match(r"[ \t]*[-–]", text[m_end:]) and _possessor_opening(
                voikko, text, m_start, words):
            continue
        if any(e.label == "PERSON" and e.start < m_end and m_start < e.end
               and len(e.text.split()) >= 2 and all(w[:1].isupper() for w in e.text.split())
               for e in ap.entities):
            continue  # "perhepalvelujohtaja Ritva Kangas hankkeen ...": a person, no project
        # The case ending goes on "hanke" ("Lupa auttaa! -hankkeen", "Perheet keskiöön hanke"):
        # the name before it is already in its base form.
        add(m_start, m_end, "Project", " ".join(words).rstrip("-–"), "pattern:hanke")
    for start, end, name in _named_as_project(ap):
        add(start, end, "Project", name, "pattern:hanke")
    # "P-K LAPE", "KP LAPE:ssa", "LAPE Päijät-Häme": regional LAPE projects. The short prefix
    # is a whole word of two letters or more: "SUOMEN" of an upper-case "KESKI-SUOMEN LAPE"
    # and the preposition of "DELTAGANDE I LAPE" name no project.
    # (on one line: a title "... LAPE" above a paragraph names no project with its first word)
    for m in re.finditer(r"(?<![\w-])([A-ZÅÄÖ][A-ZÅÄÖ\-]{1,5}[ \t]+LAPE)(?::\w+)?\b"
                         r"|\b(LAPE[ \t]+[A-ZÅÄÖ][\w\-]+)", text):
        group = 1 if m.group(1) else 2
        name = m.group(group)
        prefix = name.split()[0]
        if group == 1 and (prefix == "LAPE" or _pos_at(ap, m.start(group)) in _FUNCTION_POS):
            continue  # "LAPE LAPE", "JA LAPE" in an upper-case heading: no regional prefix
        if any(t.source == REGION_LAPE and t.start < m.end(group) and m.start(group) < t.end
               for t in taken):
            continue  # "LAPE Österbotten": the region's project, named already
        if group == 2:
            name = _base_name(voikko, name.split())
        add(m.start(group), m.end(group), "Project", name, "pattern:lape",
            over=("Region", "Project"))
    for start, end, name, source in project_names(ap, taken):
        add(start, end, "Project", name, source, over=("Region", "Project") + (
            ("Method",) if source == TITLE else ()))
    # Working models the reference data does not know, named as compounds of "malli":
    # "monitoimijamallia" → monitoimijamalli.
    for tok in ap.tokens:
        lemma = tok.lemma.lower()
        if (tok.pos in ("NOUN", "PROPN") and lemma.endswith("malli") and len(lemma) > 9
                and lemma not in _GENERIC_MODELS and tok.parts):
            add(tok.start, tok.end, "Method", lemma, "pattern:malli")
    for start, end, name in named_practices(ap, voikko):
        add(start, end, "Method", name, "pattern:practice")
    for start, end, name in tried_practices(ap, voikko):
        add(start, end, "Method", name, "pattern:practice")
    # before the statistical names: "Itä-Uudenmaan Nuorisoseurat ry" whole, not the model's
    # "Nuorisoseurat ry"; never over a person the model found
    persons = [(e.start, e.end) for e in ap.entities if e.label == "PERSON"]
    for start, end, name in bodies_by_form(ap, taken, _ORG_HEADS):
        if all(end <= s or start >= e for s, e in persons):
            add(start, end, "Organisation", _base_name(voikko, name.split()),
                "pattern:org-form", over=("Region", "Municipality"))
    following = {t.start: t for t in ap.tokens}
    for ent in _one_line_persons(ap.entities):
        words = ent.text.split()
        if ent.label == "PERSON" and len(words) >= 2 and _capitalised_name(words):
            if any(w.isupper() for w in words):
                continue  # acronyms are not people
            end = ent.end
            # The model sometimes stops a name short ("Andreas Blanco | Sequeiros").
            while len(words) < 4 and (nxt := following.get(end + 1)) is not None and (
                    text[end] == " " and nxt.pos == "PROPN" and nxt.text[:1].isupper()
                    and nxt.text.isalpha()):
                words.append(nxt.text)
                end = nxt.end
            add(ent.start, end, "Person", _base_name(voikko, words), "ner:PERSON", ent.label)
        elif ent.label == "ORG" and any(h in ent.lemma.lower() for h in _ORG_HEADS) and not any(
                m.kind == "Organisation" and m.start == ent.end + 1 for m in taken):
            # (not "Sosiaali- ja terveyspalvelujen kuntayhtymä" before the name "Saarikka":
            # the kind of body the name that follows it is)
            add(ent.start, ent.end, "Organisation", _base_name(voikko, words), "ner:ORG", ent.label)
    for start, end, name in org_lines(ap, _ORG_HEADS):
        add(start, end, "Organisation", name, "pattern:org-line")
    for start, end, name in _units(ap, taken):
        add(start, end, "Organisation", name, "pattern:unit")
    for start, end, name in _local_bodies(ap, taken):
        add(start, end, "Organisation", name, "pattern:local-body",
            over=("Region", "Municipality", "Organisation"))
    for start, end, name in listed_bodies(ap, [*taken, *found]):
        add(start, end, "Organisation", name, "pattern:listed-body")
    # The holder of a role, where the model found no person: a first name Voikko knows and a
    # capitalised word right after the role word ("Perhekeskuskoordinaattori\nSuvi Pokela",
    # "järjestöagentti Sanna Peltonen Lahden ...").
    for role in (m for m in taken if m.kind == "Role"):
        hit = _HOLDER.match(text, role.end)
        if hit and voikko.is_first_name(hit.group(1)):
            add(hit.start(1), hit.end(2), "Person",
                _base_name(voikko, [hit.group(1), hit.group(2)]), "pattern:role-holder")
    return found


# lower-case particles inside a person's name ("Iija den Herder", "Ulla af Hällström")
_NAME_PARTICLES = frozenset({"af", "von", "van", "de", "den", "der", "di", "da", "la", "le"})


def _capitalised_name(words: Sequence[str]) -> bool:
    """Every word of the name is capitalised, but for particles between its first and last."""
    return words[0][:1].isupper() and words[-1][:1].isupper() and all(
        w[:1].isupper() or w in _NAME_PARTICLES for w in words[1:-1])


def _one_line_persons(entities: Sequence[Entity]) -> Iterator[Entity]:
    """The entities, with a person the model read across line breaks cut into the names of its
    lines: a name never runs over a line ("kokoushuone Pirkka" / "Läsnä" / "Marjatta Salonen",
    a minutes header's room, heading and first attendee)."""
    for ent in entities:
        if ent.label != "PERSON" or "\n" not in ent.text:
            yield ent
            continue
        for m in re.finditer(r"[^\n]+", ent.text):
            line = m.group().strip()
            if line:
                at = ent.start + m.start() + m.group().index(line)
                yield replace(ent, text=line, start=at, end=at + len(line))


_HOLDER = re.compile(r"[ \t]*\n?[ \t]*([A-ZÅÄÖ][a-zåäö]+) "
                     r"([A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+)?)(?![\w-])")
