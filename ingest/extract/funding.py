"""A project's funding wherever it is written: in running text, a bullet or a "key: value" line
of a facts list, or a key line above its sum; each sum in euros with its kind (a grant, the
total budget or the project's own funding), read from the funding word nearest to it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ingest.extract.facts import make_fact
from ingest.extract.lexicon import Lexicon
from ingest.extract.segment import Sentence
from ingest.records import AnalysedPassage, Document, Fact, Mention, Token

# "1,2 milj. euroa", "1 200 000 €", "1.200.000 euroa", "0,5 M€", "450 t€", "450 000 euron",
# "1,1 miljoonan euron", "1,5 miljoonalla eurolla", "nousevat 1 143 199 euroon", "arvioitiin
# 900 000 euroksi", "1,4 miljoner euro"
_EUR = re.compile(
    r"(\d{1,3}(?:[ \u00a0]\d{3})+|\d{1,3}(?:\.\d{3})+(?!\.\d)|\d+(?:,\d+)?)\s*"
    r"(milj(?:\.|oon[a-zäö]*|oner|on)?|M|t(?=\s*€)|tuhat(?:ta)?)?\s*"
    r"(euro(?:a|n|lla|on|ksi|sta)\b|euros?\b|€|eur\b|e\b)", re.IGNORECASE)
# English, the currency first: "EUR 1,000,000", "EUR 19 million", "€1.5 million"
_EUR_BEFORE = re.compile(r"(?:\bEUR|€)[ \t\u00a0]?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
                         r"(?:[ \t]?(million|m)\b)?", re.IGNORECASE)
# A sum in millions without its currency, in a sentence about funding: "19 miljoonaa
# kärkihankerahoitusta", "kokonaisbudjetti oli 1,5 miljoonaa", "1,2 million in state aid"
_MILLIONS = re.compile(r"(?<![\d,.])(\d{1,4}(?:,\d{1,3})?)\s*(milj(?:\.|oona[a-zäö]*|oner)|million)"
                       r"(?!\s*(?:euro|eur\b|€))", re.IGNORECASE)
# A table whose header row (or the line above it) names the currency: its cells are euros
# ("| Rahoituslähde | Euroa |" / "| STM:n valtionavustus | 1 040 000 |").
_CURRENCY = re.compile(r"\b(?:euroa?|euros?|eur|tuhatta euroa)\b|€", re.IGNORECASE)
_CELL_SUM = re.compile(r"\|[ \t]*(\d{1,3}(?:[ \u00a0.]\d{3})+|\d{4,9})(?:,\d{1,2})?[ \t]*(?=\|)")
_TABLE_ROW = re.compile(r"[ \t]*\|.*\|[ \t]*$")
# the row of a table in euros that sums the others: its first cell says so
_TOTAL_ROW = re.compile(r"[ \t]*\|[ \t]*(?:\*\*)?(?:yhteensä|yht\.|kaikkiaan|summa|total|totalt|"
                        r"sammanlagt)\b", re.IGNORECASE)
# one member's share of the funding, a word of its own before what it is a share of ("Kunnan
# osuus omarahoituksesta", "kommunens andel av", "the town's share of")
_CLAUSE_ENDS = frozenset({",", ";", "ja", "sekä", "and", "och"})
_TO_RECIPIENT = frozenset({"to", "for", "among", "between", "till", "åt", "för", "mellan"})
_BULLET = re.compile(r"[ \t]*(?:[-–•*]|\d+[.)])[ \t]")  # a line of a list
_DEFAULT_KIND = "grant"  # "rahoittaa", "myönsi 450 000 euroa": money given to the project
_KEY_WORDS = 4  # a key line above its sum: "Valtionavustus" / "Myönnetty rahoitus:"
_LINE_WORDS = 15  # a line of a facts list; a longer one is running text, read by sentences


def parse_eur(number: str, scale: str | None) -> float:
    """Euros from a number as written ("1 200 000", "1.200.000", "2,3") and a scale word
    ("milj.", "M", "t", "tuhatta") or None."""
    digits = number.replace(" ", "").replace("\u00a0", "")
    digits = digits.replace(".", "") if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits) else digits
    value = float(digits.replace(",", "."))
    if not scale:
        return value
    return value * (1_000 if scale.lower().startswith("t") else 1_000_000)


def euro_table_row(text: str, start: int) -> bool:
    """Whether the line at `start` is a row of a table whose header row, or the line just above
    the table, names euros ("| Rahoituslähde | Euroa |", "Kustannukset (€)")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    if not _TABLE_ROW.fullmatch(text[line_start:line_end if line_end >= 0 else len(text)]):
        return False
    top = line_start
    while top > 0:
        above = text.rfind("\n", 0, top - 1) + 1
        if not _TABLE_ROW.fullmatch(text[above:top - 1]):
            break
        top = above
    header_end = text.find("\n", top)
    header = text[top:header_end if header_end >= 0 else len(text)]
    caption = text[text.rfind("\n", 0, max(top - 1, 0)) + 1:max(top - 1, 0)] if top else ""
    return bool(_CURRENCY.search(header) or _CURRENCY.search(caption))


def amounts(text: str, euro_cells: bool = False) -> list[tuple[int, int, float]]:
    """The sums in euros of a text, as (start, end, euros); sums below 1,000 are no funding.
    A number in millions without its currency counts too (callers read only sentences about
    funding); with `euro_cells` (a row of a table in euros), so does each number of a cell."""
    found = []
    if euro_cells:
        for match in _CELL_SUM.finditer(text):
            value = parse_eur(match.group(1), None)
            if value >= 1000:
                found.append((match.start(1), match.end(1), value))
        if found:
            return found
    for match in _EUR.finditer(text):
        value = parse_eur(match.group(1), match.group(2))
        if value >= 1000:
            found.append((match.start(), match.end(), value))
    for match in _EUR_BEFORE.finditer(text):
        value = float(match.group(1).replace(",", ""))
        value *= 1_000_000 if match.group(2) else 1
        if value >= 1000 and not any(a < match.end() and match.start() < b for a, b, _ in found):
            found.append((match.start(), match.end(), value))
    for match in _MILLIONS.finditer(text):
        value = parse_eur(match.group(1), "M")
        if not any(a < match.end() and match.start() < b for a, b, _ in found):
            found.append((match.start(), match.end(), value))
    return sorted(found)


class FundingRules:
    """Funding facts of a sentence or of a facts list's lines."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def _cue(self, word: str) -> bool:
        return (word in self.lex.funding_cues or word.endswith(self.lex.funding_suffixes)
                or self.lex.funding_kind_of(word) is not None)

    def speaks_of_funding(self, sent: Sentence) -> bool:
        """A funding word in the sentence; a compound counts ("kokonaisbudjetti")."""
        return any(self._cue(word) for word in sent.lemmas)

    def _cost_item(self, sent: Sentence, start: int, end: int) -> bool:
        """The last word before a sum (after the sum before) names one item of the costs
        ("henkilöstökulut", "matkakustannukset"), not a budget, a grant or own funding."""
        words = [t for t in sent.tokens if start <= t.start < end and t.pos in ("NOUN", "PROPN")]
        if not words:
            return False
        # the form too: the lemmatiser reads "kulut" as "kulku"
        forms = (words[-1].lemma.lower(), words[-1].text.lower())
        if any(f.endswith(self.lex.cost_items) for f in forms) and not any(
                self.lex.funding_kind_of(f) for f in forms):
            return True
        # the costs of an activity, not of the project ("koulutusten kustannukset",
        # "seminaarin kulut"; "hankkeen kustannukset" are the project's)
        cost = next((w for w in words if w.lemma.lower().startswith(("kustannus", "kulu"))
                     or w.text.lower().startswith(("kustannu", "kulu"))), None)
        if cost is None:
            return False
        k = sent.tokens.index(cost)
        owner = sent.tokens[k - 1] if k else None
        return (owner is not None and owner.pos == "NOUN" and "Case=Gen" in owner.morph
                and not owner.lemma.lower().endswith(self.lex.project_words)
                and owner.lemma.lower() not in self.lex.body_words)

    def _applied_for(self, sent: Sentence, start: int, end: int) -> bool:
        """The words before a sum (after the sum before) say it was applied for; a budget or
        cost estimate stated in the application is still the project's budget ("Hankkeen
        kustannusarvioksi on hakemuksessa ilmoitettu 850 000 €")."""
        between = [t for t in sent.tokens if start <= t.start < end]
        return any(t.lemma.lower() in self.lex.applied_words for t in between) and not any(
            "total" in self._kinds_of(t) for t in between)

    def _not_granted(self, sent: Sentence, start: int, end: int) -> bool:
        """The words before a sum (after the sum before) put it under a condition ("mikäli
        valtuusto myöntää 80 000 euroa"), say it was spent ("käytettiin 318 000 euroa") or
        give it to another project ("rinnakkaishanke sai 0,5 M€"): not the project's
        funding."""
        lex = self.lex
        blocked = set(lex.condition_words) | set(lex.spent_words) | set(
            lex.other_project_words)
        return any({t.text.lower(), t.lemma.lower()} & blocked
                   for t in sent.tokens if start <= t.start < end)

    def _to_many(self, sent: Sentence, start: int, at: int, end: int) -> bool:
        """The sum is given to many recipients ("myönsi maakunnallisille hankkeille yhteensä
        19 miljoonaa euroa", "granted EUR 19 million to the regional projects"): a programme's
        total, not the project's. A Finnish plural allative of a `many-recipients-words` lemma
        from the sum before (`start`) to the sum and after it to the end of its clause (a
        comma, "ja", "and", "och") or the next sum (`end`); an English or Swedish plural of
        `many-recipients-forms` only after the sum, a preposition of a recipient ("to", "till")
        at most three words before it."""
        lemmas = tuple(self.lex.many_recipients_words)
        forms = set(self.lex.many_recipients_forms)

        def finnish(t: Token) -> bool:
            return ("Case=All" in t.morph and "Number=Plur" in t.morph
                    and t.lemma.lower().endswith(lemmas))

        before = [t for t in sent.tokens if start <= t.start < at]
        after: list[Token] = []
        for t in sent.tokens:
            if t.start < at or t.start >= end:
                continue
            if t.text.lower() in _CLAUSE_ENDS:
                break
            after.append(t)
        foreign = any(t.text.lower() in forms and {w.text.lower() for w in after[max(0, i - 3):i]}
                      & _TO_RECIPIENT for i, t in enumerate(after))
        return foreign or any(finnish(t) for t in before + after)

    def _of_a_part(self, sent: Sentence, at: int) -> bool:
        """The sum belongs to one part of the project ("Kaupungin osakokonaisuuden luvut ovat
        - kustannusarvio 450 000 euroa"): a part word before it in its sentence or, for a line
        of a list, in the last sentence of the line that leads into the list."""
        ap = sent.passage
        text = ap.passage.text
        start = sent.start
        line_start = text.rfind("\n", 0, start) + 1
        while line_start and _BULLET.match(text, line_start):
            line_start = text.rfind("\n", 0, line_start - 1) + 1
        if line_start < start:
            lead = [t for t in ap.tokens if line_start <= t.start < start]
            if lead:
                start = min(t.start for t in lead if t.sent == lead[-1].sent)
        return any(start <= t.start < at and (t.lemma.lower().endswith(self.lex.part_words)
                                             or t.text.lower().endswith(self.lex.part_words))
                   for t in ap.tokens)

    def _one_members_own(self, sent: Sentence, start: int, at: int) -> bool:
        """Own funding of one named body ("Iin kunnan omarahoitusosuus oli 6 800 euroa") is
        that member's part, not the project's own funding ("kuntien omarahoitusosuus")."""
        toks = sent.tokens
        for i, t in enumerate(toks):
            if not (start <= t.start < at) or i == 0 or "own" not in self._kinds_of(t):
                continue
            owner = toks[i - 1]
            if "Case=Gen" not in owner.morph or "Number=Plur" in owner.morph:
                continue
            if owner.pos == "PROPN" or (owner.lemma.lower() in self.lex.body_words and i > 1
                                        and toks[i - 2].pos == "PROPN"):
                return True
        return False

    def _part_of_whole(self, sent: Sentence, start: int, at: int) -> bool:
        """The sum is one member's share of the funding, not the project's: "Kunnan osuus
        omarahoituksesta oli 24 000 euroa", "kommunens andel av", "the town's share of". (A
        percentage after a sum says nothing either way: "Valtionavustus 899 947 € (80 %)" is
        the grant.)"""
        toks, shares = sent.tokens, set(self.lex.share_words)
        return any(start <= t.start < at and t.lemma.lower() in shares
                   and t.text.lower() in shares and i + 1 < len(toks)
                   and ("Case=Ela" in toks[i + 1].morph or toks[i + 1].text.lower() in ("av", "of"))
                   for i, t in enumerate(toks))

    def _kinds(self, sent: Sentence) -> list[tuple[int, str]]:
        """Each funding kind word of the sentence, with its passage offset."""
        return self._kinds_between(sent.passage, sent.start, sent.end)

    def _kinds_of(self, tok: Token) -> tuple[str | None, str | None]:
        """The funding kind a token names by its lemma and by its written form."""
        return (self.lex.funding_kind_of(tok.lemma.lower()),
                self.lex.funding_kind_of(tok.text.lower()))

    def _kinds_between(self, ap: AnalysedPassage, start: int, end: int
                       ) -> list[tuple[int, str]]:
        """Each funding kind word of the passage between two offsets, with its offset."""
        found = []
        for tok in ap.tokens:
            if not start <= tok.start < end:
                continue
            by_lemma, by_form = self._kinds_of(tok)
            kind = by_lemma or by_form
            if kind is not None:
                found.append((tok.start, kind))
        return found

    def facts(self, doc: Document, sent: Sentence, funded: str, confidence: float = 0.85
              ) -> Iterator[Fact]:
        """Each sum of the sentence with its kind: the nearest kind word before it and after the
        sum before ("budjetti 1,5 milj. euroa, josta valtionavustus 1,2 milj. euroa ja
        omarahoitus 0,3 milj. euroa"), else the first one after it, else any, else a grant."""
        if not self.speaks_of_funding(sent):
            return
        text = sent.passage.passage.text
        kinds = self._kinds(sent)
        found = amounts(sent.text, euro_table_row(text, sent.start))
        for n, (start, end, value) in enumerate(found):
            at, until = sent.start + start, sent.start + end
            after = sent.start + (found[n - 1][1] if n else 0)  # the end of the sum before
            if self._cost_item(sent, after, at):
                continue  # "henkilöstökulut 600 000 euroa": one line of the costs
            if self._applied_for(sent, after, at):
                continue  # "haettu summa oli 2,44 miljoonaa euroa": asked for, not granted
            if self._not_granted(sent, after, at):
                continue  # "mikäli valtuusto myöntää", "käytettiin", "rinnakkaishanke sai"
            upto = sent.start + found[n + 1][0] if n + 1 < len(found) else sent.end
            if self._to_many(sent, after, at, upto):
                continue  # "maakunnallisille hankkeille yhteensä 19 miljoonaa euroa"
            if self._part_of_whole(sent, after, at):
                continue  # "Kunnan osuus omarahoituksesta oli 24 000 euroa": one member's part
            if self._of_a_part(sent, at) or self._one_members_own(sent, after, at):
                continue  # "Kaupungin osakokonaisuuden kustannusarvio", "Iin kunnan omarahoitus"
            # a kind word on the sum's own line first: a sentence the parser ran across the
            # lines of a facts list holds the next line's key too
            line = (text.rfind("\n", 0, at) + 1, _line_end(text, until))
            # (the whole line: the parser may have cut its key off at the colon)
            own_line = self._kinds_between(sent.passage, *line)
            # a sum alone on its line takes the kind of the key line above it
            # ("- Valtionavustus:" / "450 000 €")
            above = self._kinds_between(sent.passage, text.rfind("\n", 0, max(line[0] - 1, 0))
                                        + 1, line[0]) if not own_line and line[0] else []
            total_row = _TOTAL_ROW.match(text, line[0]) and euro_table_row(text, line[0])
            kind = ("total" if total_row else None) or (
                _nearest(own_line, found, n, sent.start) or (above[-1][1] if above else None)
                or _nearest(kinds, found, n, sent.start) or _DEFAULT_KIND)
            yield make_fact(doc, sent, ("Project", funded), "fundingAmount", None, value,
                            "rule:funding", confidence, (at, until), [("kind", kind)])

    def lines(self, ap: AnalysedPassage) -> Iterator[Sentence]:
        """The lines of a passage that hold a sum, as sentences: a bullet or "key: value" line
        of a facts list ("- Valtionavustus: 450 000 €"), which the parser may cut at the colon;
        a line with a sum but no funding word takes the short key line above it
        ("Myönnetty valtionavustus\\n450 000 €")."""
        text = ap.passage.text
        spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        for n, (start, end) in enumerate(spans):
            if not amounts(text[start:end], euro_table_row(text, start)):
                continue
            line = self._sentence(ap, start, end)
            if line is None or len([t for t in line.tokens if t.pos != "PUNCT"]) > _LINE_WORDS:
                continue
            if not self.speaks_of_funding(line) and n:
                key = self._sentence(ap, *spans[n - 1])
                if (key is not None and self.speaks_of_funding(key)
                        and len([t for t in key.tokens if t.pos != "PUNCT"]) <= _KEY_WORDS
                        and not amounts(key.text)):
                    line = self._sentence(ap, spans[n - 1][0], end)
            if line is not None and self.speaks_of_funding(line):
                yield line

    @staticmethod
    def _sentence(ap: AnalysedPassage, start: int, end: int) -> Sentence | None:
        inside = [k for k, t in enumerate(ap.tokens) if start <= t.start < end]
        if not inside:
            return None
        tokens = tuple(ap.tokens[k] for k in inside)
        return Sentence(ap, -1, tokens, tokens[0].start, tokens[-1].end, inside[0])


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end


def _nearest(kinds: list[tuple[int, str]], found: list[tuple[int, int, float]], n: int,
             base: int) -> str | None:
    """The kind of sum n: the last kind word before it and after the sum before, else the
    first after it and before the next sum, else the first of all."""
    after_previous = base + (found[n - 1][1] if n else 0)
    start, end = base + found[n][0], base + found[n][1]
    before = [k for pos, k in kinds if after_previous <= pos < start]
    following = [k for pos, k in kinds if pos >= end and (
        n + 1 == len(found) or pos < base + found[n + 1][0])]
    return before[-1] if before else following[0] if following else (
        kinds[0][1] if kinds else None)


def mentions_in(sent: Sentence, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions that start inside the sentence."""
    return [m for m in mentions if sent.start <= m.start < sent.end + 1]
