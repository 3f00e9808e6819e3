"""Link token spans to reference entities by lemma, Voikko base forms and case-ending stripping."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.method_forms import MethodForms, hyphen_parts
from ingest.project_names import (
    REGION_LAPE,
    foreign_region_lape,
    paren_region_lape,
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
# a stem ending in a vowel, a single k, p or t and a vowel ("saarika"): the weak grade of kk, pp, tt
_WEAK_GRADE = re.compile(r"[aeiouyäö][kpt][aeiouyäö]$")
# endings that keep the strong grade (the essive, the illative, the partitive, a possessive)
_STRONG_ENDINGS = ("na", "nä", "a", "ä", "han", "hen", "hin", "hon", "hun", "hyn", "hän", "hön",
                   "aan", "ään", "een", "oon", "uun", "yyn", "nsa", "nsä", "ta", "tä", "ja", "jä",
                   "seen", "ineen", "ina", "inä", "ihin", "iin", "ssaan", "ssään", "lleen",
                   "ltaan", "ltään", "staan", "stään", "den", "tten", "iden")
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
            stem = word[: -len(ending)]
            stems.append(stem)
            stems.append(stem + "e")  # Sote-ssa → sote: the stem lost a final e
            if _WEAK_GRADE.search(stem) and ending not in _STRONG_ENDINGS:
                # consonant gradation: "Saarikassa", "Saarikan" → Saarikka (kk, pp, tt weaken
                # before a closed syllable's ending)
                stems.append(stem[:-1] + stem[-2] + stem[-1])
    return stems


class _CompoundIndex:
    """One-word labels that open a compound with one of `heads` ("vastuutyöntekijä" +
    "malli", hyphens between allowed), found by cutting each head off the word instead of
    trying every label (that scan took 10 CPU s of a 10x build). The label entered first wins,
    as in the scan."""

    def __init__(self, heads: Iterable[str]) -> None:
        self.heads = tuple(heads)
        self._labels: dict[str, tuple[int, ReferenceEntity]] = {}

    def add(self, label: str, entity: ReferenceEntity) -> None:
        self._labels.setdefault(label, (len(self._labels), entity))

    def find(self, word: str) -> ReferenceEntity | None:
        """The first-entered label that `word` is, followed by hyphens (or none) and a head."""
        found = [hit for head in self.heads if word.endswith(head)
                 if (hit := self._labels.get(word[:len(word) - len(head)].rstrip("-")))]
        return min(found, key=lambda hit: hit[0])[1] if found else None


def _walk(node: dict, words: tuple[str, ...]) -> dict | None:
    """The trie node reached from `node` through `words`, one level each; None off the trie."""
    for word in words:
        node = node.get(word)  # type: ignore[assignment]
        if node is None:
            return None
    return node


class Linker:
    """A label trie over reference entities; matches the longest span of tokens."""

    def __init__(self, reference: ReferenceData, voikko: VoikkoAnalyzer,
                 kinds: Iterable[str] = ("Region", "Municipality", "Organisation", "Method", "Role",
                                         "Project")
                 ) -> None:
        self.voikko = voikko
        self._trie: dict = {}
        self._suffix_labels = _CompoundIndex(_METHOD_HEADS)
        self._org_labels = _CompoundIndex(_LEGAL_HEADS)
        self._forms = MethodForms()  # compounds, acronyms and foreign words of methods' names
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
            self._suffix_labels.add(words[0].lower(), entity)
        if entity.kind == "Method":
            lang = ("fi" if label == entity.pref_fi else "sv" if label == entity.pref_sv
                    else "en" if label == entity.pref_en else entity.lang_of(label))
            bases = self.voikko.baseforms(label) if len(words) == 1 else ()
            self._forms.add(entity, label, lang, bases)
        if entity.kind == "Organisation" and len(words) == 1 and len(words[0]) >= 6 and proper:
            self._org_labels.add(words[0].lower(), entity)

    def _token_forms(self, token: Token) -> tuple[set[str], set[str], set[str]]:
        """(forms the analysers give, stems guessed by stripping case endings, base forms of
        a one-letter spelling correction of a word Voikko does not know)."""
        forms = {token.text.lower(), token.lemma.lower()}
        forms.update(b.lower() for b in self.voikko.baseforms(token.text))
        # an English or Swedish possessive ("Porvoo's family counselling", "Kemi’s schools")
        if re.search(r"\w['’]s$", token.text):
            forms.add(token.text[:-2].lower())
        guessed: set[str] = set()
        corrected: set[str] = set()
        if not self.voikko.analyze(token.text) or token.pos == "PROPN" or token.text.isupper():
            guessed = set(strip_endings(token.text)) - forms
            if token.text[:1].isupper() and token.text.endswith("s"):
                guessed.add(token.text[:-1].lower())  # Swedish genitive: "Kimitoöns kommun"
        if len(token.text) >= 6 and token.text.isalpha() and not token.text.isupper():
            corrected = {b.lower() for c in self.voikko.corrections(token.text)
                         for b in self.voikko.baseforms(c)} - forms - guessed
            if not self.voikko.analyze(token.text):  # a Swedish or English word, one letter off
                corrected |= self._forms.near(token.text) - forms - guessed
        return forms, guessed, corrected

    def _compound_method(self, token: Token) -> ReferenceEntity | None:
        """A compound naming a method: one of its labels before a model word ("vastuutyöntekijä-
        malli"), a compound opened by a one-word label or by a label's acronym
        (ingest/method_forms.py)."""
        found = (self._suffix_labels.find(token.lemma.lower())
                 or self._forms.compound(self.voikko.compound_parts(token.text))
                 or self._forms.acronym_compound(token.text))
        return found  # type: ignore[return-value]

    def _compound_organisation(self, token: Token) -> ReferenceEntity | None:
        """An organisation's name compounded with its legal form ("SOS-lapsikyläsäätiöstä" is
        SOS-Lapsikylä's foundation), written with its capital."""
        if not token.text[:1].isupper():
            return None
        return self._org_labels.find(token.lemma.lower())

    def link(self, doc_key: str, ap: AnalysedPassage, require_case: bool = True) -> list[Mention]:
        """Mentions of reference entities; `require_case` demands capitals for proper names."""
        tokens = ap.tokens
        forms = [self._token_forms(t) for t in tokens]
        split = [hyphen_parts(t.text, self.voikko.analyze) for t in tokens]
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            best: tuple[int, tuple[str, str, str, bool]] | None = None
            # Trie nodes reached, each with the weakest form needed to reach it: 0 what the
            # analysers give, 1 a guessed stem, 2 a spelling correction.
            frontier: list[tuple[dict, int]] = [(self._trie, 0)]
            j = i
            while j < len(tokens) and frontier:
                if j > i and tokens[j].text in ("-", "–", "&"):
                    # "Sosiaali- ja terveysministeriö": the tokenizer splits the hyphen off;
                    # "Toimiva lapsi & perhe": a label's words are entered without the ampersand
                    j += 1
                    continue
                known, guessed, corrected = forms[j]
                # "family-centre pilots": a foreign hyphenated word walks a label's words
                walked = [(n, max(g, 1)) for node, g in frontier
                          if (n := _walk(node, split[j])) is not None] if split[j] else []
                frontier = [(node[f], max(g, 0 if f in known else 1 if f in guessed else 2))
                            for node, g in frontier
                            for f in sorted(known | guessed | corrected) if f in node] + walked
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
                                       and m.kind not in ("Project", "Region")
                                       for m in mentions):
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
            paren = paren_region_lape(text, m) if finnish is not None else None
            genitive = region_genitive(self.voikko.baseform, finnish) if paren else None
            if paren is not None and genitive is not None:
                # "Uudenmaan lapsi- ja perhepalveluiden muutosohjelma (LAPE)"
                name = f"{genitive} LAPE"
                found.append(Mention(doc_key, ap.passage.index, paren[0], paren[1],
                                     text[paren[0]:paren[1]], "Project", slug(name), name,
                                     REGION_LAPE))
                continue
            foreign = self._foreign_names.get(m.key, ())
            if finnish is None or (m.label.lower() not in foreign
                                   and m.surface.lower() not in foreign
                                   and m.surface.lower() != finnish.lower()):
                continue  # a Finnish genitive ("Pohjanmaan LAPE", "P-K LAPE") the patterns read
            # (the Finnish nominative after "LAPE": "LAPE Uusimaa", "Lape Kymenlaakso")
            span = foreign_region_lape(text, m)
            if span is not None and m.surface.lower() == finnish.lower() and span[0] >= m.start:
                continue  # "Uusimaa LAPE" in Finnish word order is no name of the project
            genitive = region_genitive(self.voikko.baseform, finnish)
            if span is not None and genitive is not None:
                name = f"{genitive} LAPE"
                found.append(Mention(doc_key, ap.passage.index, span[0], span[1],
                                     text[span[0]:span[1]], "Project", slug(name), name,
                                     REGION_LAPE))
        if not found:
            return mentions
        kept = [m for m in mentions if not (m.kind == "Project" and any(
            f.start <= m.start and m.end <= f.end for f in found)) and not any(
            (f.kind, f.start, f.end) == (m.kind, m.start, m.end) for f in found)]
        return sorted(kept + found, key=lambda m: m.start)
