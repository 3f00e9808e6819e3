"""Link token spans to reference entities by lemma, Voikko base forms and case-ending stripping."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ingest.extract.segment import head_positions
from ingest.org_lines import bodies_by_form, org_lines
from ingest.project_names import (
    REGION_LAPE,
    TITLE,
    foreign_region_lape,
    project_names,
    region_genitive,
)
from ingest.records import AnalysedPassage, Mention, Token
from ingest.voikko_analyzer import VoikkoAnalyzer
from ontology.iris import slug
from ontology.reference import ReferenceData, ReferenceEntity

# Finnish case endings, longest first, for words Voikko does not know ("Soitessa", "Eksoten",
# "LAPE:ssa").
_ENDINGS = sorted(
    ["n", "a", "ä", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "na",
     "nä",
     "en", "in", "han", "hen", "hin", "hon", "hun", "hyn", "hän", "hön", "ta", "tä", "ja", "jä",
     "ineen", "itta", "ittä", "seen", "siin", "den", "tten", "iden", "iin", "ihin", "ille", "illa",
     "illä", "ilta", "iltä", "issa", "issä", "ista", "istä", "ina", "inä", "iksi", "ssaan", "ssään",
     "nsa", "nsä", "lleen", "ltaan", "ltään", "staan", "stään", "aan", "ään", "een", "iin", "oon",
     "uun", "yyn"],
    key=len, reverse=True,
)
# A municipality's name before these names a sub-region (seutukunta) around it, not the town.
_SUBREGION_HEADS = ("seutukun", "seutu")
# Heads that turn a method name into a compound naming the same method ("vastuutyöntekijämalli").
_METHOD_HEADS = ("toimintamalli", "malli", "menetelmä", "toiminta", "pilotti", "kokeilu",
                 "koulutus", "työ", "ryhmä", "ryhmät")
_KIND_PRIORITY = {"Method": 0, "Organisation": 1, "Project": 2, "Municipality": 3, "Region": 4,
                  "Role": 5, "Person": 6}
_PROPER_KINDS = {"Region", "Municipality", "Organisation"}
_LEGAL_HEADS = ("säätiö", "yhdistys", "ry")  # "SOS-lapsikyläsäätiö"


@dataclass(frozen=True)
class _Label:
    entity: ReferenceEntity
    words: tuple[str, ...]
    proper: bool


def strip_endings(word: str) -> list[str]:
    """Candidate stems of an inflected word: 'LAPE:ssa' → 'LAPE', 'Soitessa' → 'Soite'."""
    word = word.lower()
    if ":" in word:
        return [word.split(":", 1)[0]]
    stems = []
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stems.append(word[: -len(ending)])
            stems.append(word[: -len(ending)] + "e")  # Sote-ssa → sote: the stem lost a final e
    return stems


class Linker:
    """A label trie over reference entities; matches the longest span of tokens."""

    def __init__(self, reference: ReferenceData, voikko: VoikkoAnalyzer,
                 kinds: Iterable[str] = ("Region", "Municipality", "Organisation", "Method", "Role",
                                         "Project")
                 ) -> None:
        self.voikko = voikko
        self._trie: dict = {}
        self._suffix_labels: list[tuple[str, ReferenceEntity]] = []
        self._org_labels: list[tuple[str, ReferenceEntity]] = []
        regions = reference.by_kind("Region")
        self._finnish_names = {e.key: e.pref_fi for e in regions}
        # what other languages call each region ("Österbotten", "Lapland", "North Karelia"), but
        # not a name Finnish uses too ("Päijät-Häme" in English)
        self._foreign_names = {e.key: {n.lower() for n in (e.pref_en, e.pref_sv, *(
            label for label, _ in e.label_langs)) if n} - {n.lower() for n in (
                e.pref_fi, *e.alt_labels) if n not in dict(e.label_langs)} for e in regions}
        # "Österbottens LAPE-projekt", "South Karelia's LAPE project": a region's Swedish or
        # English name in the genitive before "LAPE" (the tokenizer keeps "Karelia's" whole)
        swedish = {e.pref_sv: e.key for e in regions if e.pref_sv and e.pref_sv != e.pref_fi}
        english = {n: e.key for e in regions for n in (e.pref_en, *(
            label for label, lang in e.label_langs if lang == "en")) if n and n != e.pref_fi}
        self._swedish_names = {**english, **swedish}
        self._swedish_lape = re.compile(
            r"\b(" + "|".join(sorted(map(re.escape, self._swedish_names), key=len,
                                     reverse=True))
            + r")(s|['’]s)[ \t]+LAPE(?:[-–]projekt\w*)?\b") if self._swedish_names else None
        for entity in reference.entities:
            if entity.kind not in kinds:
                continue
            for label in reference.all_labels(entity):
                self._add(entity, label)

    def _word_forms(self, word: str) -> set[str]:
        low = word.lower()
        forms = {low}
        forms.update(b.lower() for b in self.voikko.baseforms(word))
        return forms

    def _add(self, entity: ReferenceEntity, label: str) -> None:
        # "Let's Talk about Children": the tokenizer keeps "Let's" one token, so a label with an
        # apostrophe inside a word is entered both with that word whole and split at it
        for pattern in (r"[\w][\w\-\.&!']*\w!?|\w", r"[\w][\w\-\.&!]*\w!?|\w"):
            self._add_words(entity, label, re.findall(pattern, label))
            if "'" not in label:
                break

    def _add_words(self, entity: ReferenceEntity, label: str, words: list[str]) -> None:
        if not words:
            return
        proper = entity.kind in _PROPER_KINDS and label[:1].isupper()
        # Each label word is entered under its surface and base forms.
        nodes = [self._trie]
        for word in words:
            next_nodes = []
            for node in nodes:
                for form in self._word_forms(word):
                    next_nodes.append(node.setdefault(form, {}))
            nodes = next_nodes
        for node in nodes:
            node.setdefault("\0", set()).add((entity.kind, entity.key, label, proper))
        if entity.kind == "Method" and len(words) == 1 and len(words[0]) >= 6:
            self._suffix_labels.append((words[0].lower(), entity))
        if entity.kind == "Organisation" and len(words) == 1 and len(words[0]) >= 6 and proper:
            self._org_labels.append((words[0].lower(), entity))

    def _token_forms(self, token: Token) -> tuple[set[str], set[str], set[str]]:
        """(forms the analysers give, stems guessed by stripping case endings, base forms of
        a one-letter spelling correction of a word Voikko does not know)."""
        forms = {token.text.lower(), token.lemma.lower()}
        forms.update(b.lower() for b in self.voikko.baseforms(token.text))
        guessed: set[str] = set()
        corrected: set[str] = set()
        if not self.voikko.analyze(token.text) or token.pos == "PROPN" or token.text.isupper():
            guessed = set(strip_endings(token.text)) - forms
        if len(token.text) >= 6 and token.text.isalpha() and not token.text.isupper():
            corrected = {b.lower() for c in self.voikko.corrections(token.text)
                         for b in self.voikko.baseforms(c)} - forms - guessed
        return forms, guessed, corrected

    def _compound_method(self, token: Token) -> ReferenceEntity | None:
        lemma = token.lemma.lower()
        for label, entity in self._suffix_labels:
            if lemma.startswith(label) and lemma[len(label):].lstrip("-") in _METHOD_HEADS:
                return entity
        return None

    def _compound_organisation(self, token: Token) -> ReferenceEntity | None:
        """An organisation's name compounded with its legal form ("SOS-lapsikyläsäätiöstä" is
        SOS-Lapsikylä's foundation), written with its capital."""
        lemma = token.lemma.lower()
        if not token.text[:1].isupper():
            return None
        for label, entity in self._org_labels:
            if lemma.startswith(label) and lemma[len(label):].lstrip("-") in _LEGAL_HEADS:
                return entity
        return None

    def link(self, doc_key: str, ap: AnalysedPassage, require_case: bool = True) -> list[Mention]:
        """Mentions of reference entities; `require_case` demands capitals for proper names."""
        tokens = ap.tokens
        forms = [self._token_forms(t) for t in tokens]
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            best: tuple[int, tuple[str, str, str, bool]] | None = None
            # Trie nodes reached, each with the weakest form needed to reach it: 0 what the
            # analysers give, 1 a guessed stem, 2 a spelling correction.
            frontier: list[tuple[dict, int]] = [(self._trie, 0)]
            j = i
            while j < len(tokens) and frontier:
                if j > i and tokens[j].text in ("-", "–"):
                    j += 1  # "Sosiaali- ja terveysministeriö": the tokenizer splits the hyphen off
                    continue
                known, guessed, corrected = forms[j]
                frontier = [(node[f], max(g, 0 if f in known else 1 if f in guessed else 2))
                            for node, g in frontier
                            for f in sorted(known | guessed | corrected) if f in node]
                # Hits in a fixed order: what the analysers recognise before guessed stems
                # ("Lapissa" is Lappi, not a stripped "Lape"), then kind, then labels as written
                # before other casings; the same text always links the same way.
                # Two entities of one kind under one label ('Perhevoimala' keyed by its region
                # in one document and by its name in another) are told apart by key, never by
                # the process's string hashing.
                hits = sorted({(g, hit) for node, g in frontier for hit in node.get("\0", ())},
                              key=lambda gh: (gh[0], _KIND_PRIORITY[gh[1][0]],
                                              gh[1][2][:1].islower(), gh[1][2], gh[1][1]))
                for level, hit in hits:
                    if level == 2 and hit[0] != "Method":
                        continue  # a misspelt method's words; names are no typos to correct
                    if require_case and hit[3] and not tokens[i].text[:1].isupper():
                        continue  # proper names are capitalised in running text
                    # "MLL:n", "THL:ssä": the case ending after the colon is no lower case
                    if hit[2].isupper() and len(hit[2]) <= 6 and not tokens[i].text.split(
                            ":")[0].isupper():
                        continue  # acronyms ("ISO", "LAB") are ordinary words in lower case
                    if best is None or j > best[0]:
                        best = (j, hit)
                    break
                j += 1
            if best is not None:
                end_tok, (kind, key, label, _) = best
                start, end = tokens[i].start, tokens[end_tok].end
                nxt = tokens[end_tok + 1] if end_tok + 1 < len(tokens) else None
                if kind == "Municipality" and nxt is not None and nxt.lemma.lower().startswith(
                        _SUBREGION_HEADS):
                    i = end_tok + 1  # "Loimaan seutukunta", "Salon seutu": a sub-region
                    continue
                mentions.append(Mention(doc_key, ap.passage.index, start, end,
                                        ap.passage.text[start:end], kind, key, label, "gazetteer"))
                i = end_tok + 1
                continue
            entity = self._compound_method(tokens[i]) or self._compound_organisation(tokens[i])
            if entity is not None:
                t = tokens[i]
                mentions.append(Mention(doc_key, ap.passage.index, t.start, t.end, t.text,
                                        entity.kind, entity.key, entity.pref_fi, "compound"))
            i += 1
        return self._foreign_region_projects(doc_key, ap, mentions)

    def _foreign_region_projects(self, doc_key: str, ap: AnalysedPassage,
                                 mentions: list[Mention]) -> list[Mention]:
        """ "LAPE Österbotten", "the Lapland LAPE project": a region named in another language
        next to "LAPE" is the region's LAPE project, under the Finnish name the Finnish text
        gives it ("Pohjanmaan LAPE"); the programme's "LAPE" inside it is no mention."""
        text = ap.passage.text
        found = []
        for hit in self._swedish_lape.finditer(text) if self._swedish_lape else ():
            key = self._swedish_names[hit.group(1)]
            genitive = region_genitive(self.voikko.baseform, self._finnish_names[key])
            if genitive is None or any(m.start < hit.end() and hit.start() < m.end
                                       and m.kind != "Project" for m in mentions):
                continue
            name = f"{genitive} LAPE"
            end = hit.end(1) + (1 if hit.group(2) == "s" else 0)  # "Österbottens"
            found.append(Mention(doc_key, ap.passage.index, hit.start(1), end,
                                 text[hit.start(1):end], "Region", key, hit.group(1),
                                 "gazetteer"))
            found.append(Mention(doc_key, ap.passage.index, hit.start(), hit.end(),
                                 hit.group(0), "Project", slug(name), name, REGION_LAPE))
        for m in mentions:
            finnish = self._finnish_names.get(m.key) if m.kind == "Region" else None
            foreign = self._foreign_names.get(m.key, ())
            if finnish is None or (m.label.lower() not in foreign
                                   and m.surface.lower() not in foreign):
                continue  # a Finnish name ("Pohjanmaan LAPE", "P-K LAPE") the patterns read
            span = foreign_region_lape(text, m)
            genitive = region_genitive(self.voikko.baseform, finnish)
            if span is not None and genitive is not None:
                name = f"{genitive} LAPE"
                found.append(Mention(doc_key, ap.passage.index, span[0], span[1],
                                     text[span[0]:span[1]], "Project", slug(name), name,
                                     REGION_LAPE))
        if not found:
            return mentions
        kept = [m for m in mentions if not (m.kind == "Project" and any(
            f.start <= m.start and m.end <= f.end for f in found))]
        return sorted(kept + found, key=lambda m: m.start)


# --- entities not in the reference data -------------------------------------------------------

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


def _finite_verb_inside(voikko: VoikkoAnalyzer, words: list[str]) -> bool:
    """A word after the first that Voikko can read as a finite verb, which the tagger took for
    a noun: "Kuntayhtymä palkkaa hankkeeseen ..." (palkata) is a clause, not a name. (A slogan
    ending in "!" may hold a verb.)"""
    if not words or words[-1].endswith("!"):
        return False
    return any(a.get("CLASS") == "teonsana" and a.get("MOOD") == "indicative"
               for w in words[1:] for a in voikko.analyze(w.lower().strip("-–")))


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


def _practices(ap: AnalysedPassage, voikko: VoikkoAnalyzer | None = None
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
        if short and any(0 <= tok.start - end <= 80 and tokens[k].sent == _sent_at(ap, end)
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


def _sent_at(ap: AnalysedPassage, offset: int) -> int:
    return next((t.sent for t in ap.tokens if t.end >= offset), -1)


_TRIAL_NOUNS = ("kokeilu", "pilotointi", "pilotti")


def _tried_practices(ap: AnalysedPassage, voikko: VoikkoAnalyzer
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
                voikko, words)):
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
    # is a whole word: "SUOMEN" of an upper-case "KESKI-SUOMEN LAPE" names no project.
    # (on one line: a title "... LAPE" above a paragraph names no project with its first word)
    for m in re.finditer(r"(?<![\w-])([A-ZÅÄÖ][A-ZÅÄÖ\-]{0,5}[ \t]+LAPE)(?::\w+)?\b"
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
    for start, end, name in _practices(ap, voikko):
        add(start, end, "Method", name, "pattern:practice")
    for start, end, name in _tried_practices(ap, voikko):
        add(start, end, "Method", name, "pattern:practice")
    # before the statistical names: "Itä-Uudenmaan Nuorisoseurat ry" whole, not the model's
    # "Nuorisoseurat ry"; never over a person the model found
    persons = [(e.start, e.end) for e in ap.entities if e.label == "PERSON"]
    for start, end, name in bodies_by_form(ap, taken, _ORG_HEADS):
        if all(end <= s or start >= e for s, e in persons):
            add(start, end, "Organisation", _base_name(voikko, name.split()),
                "pattern:org-form", over=("Region", "Municipality"))
    following = {t.start: t for t in ap.tokens}
    for ent in ap.entities:
        words = ent.text.split()
        if ent.label == "PERSON" and len(words) >= 2 and all(w[:1].isupper() for w in words):
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
    # The holder of a role, where the model found no person: a first name Voikko knows and a
    # capitalised word right after the role word ("Perhekeskuskoordinaattori\nSuvi Pokela",
    # "järjestöagentti Sanna Peltonen Lahden ...").
    for role in (m for m in taken if m.kind == "Role"):
        hit = _HOLDER.match(text, role.end)
        if hit and voikko.is_first_name(hit.group(1)):
            add(hit.start(1), hit.end(2), "Person",
                _base_name(voikko, [hit.group(1), hit.group(2)]), "pattern:role-holder")
    return found


_HOLDER = re.compile(r"[ \t]*\n?[ \t]*([A-ZÅÄÖ][a-zåäö]+) "
                     r"([A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+)?)(?![\w-])")
