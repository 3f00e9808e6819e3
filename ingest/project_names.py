"""Project names the "<Name>-hanke" pattern misses: a region's LAPE project named by the region
alone ("Kymenlaakson LAPE", "Etelä-Pohjanmaan LAPE-hankkeelle"), a project's acronym in
parentheses after its long name ("Keski-Suomen lasten ja perheiden parhaaksi -hanke (KEPA)"), a
name in apposition after "LAPE-hanke" ("Varsinais-Suomen LAPE-hanke Lupa auttaa!"), a name in
quotes beside a project word, a slogan ending in "!" that opens a title line about a project, a
name before "-muutosohjelma" or "-projekti", a name after a facts list's key ("Hankkeen nimi:
Perhevirta"), a sentence that defines a one-word name as a project, the name before the dash of
a title line and an English "<Name> project"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from ingest.records import AnalysedPassage, Mention

# Sources: a region's LAPE project keeps the region mention inside its name (the region is
# named); the others are one-word names the document may repeat alone.
REGION_LAPE = "pattern:region-lape"
NAMED = "pattern:hanke"
QUOTED = "pattern:quoted"
# a document's title that a line below it calls a project; it may hold a method's name
# ("Family Centre South Savo"), which it covers
TITLE = "pattern:title"

# "LAPE", "LAPE-hanke", "LAPE-hankkeelle", "LAPE:n"; not "LAPE-ryhmä", "LAPE-muutosagentti"
# (a group or a post of the region's LAPE work), and not a name a parenthesis gives next
# ("Keski-Pohjanmaan LAPE-hanke (… – KP LAPE)").
# A plural ("Kainuun ja Lapin LAPE-hankkeiden") speaks of several regions' projects.
# (a word saying the project is the region's may stand between: "Etelä-Pohjanmaan
# maakunnallinen LAPE-hanke", "Kainuun maakunnan LAPE-hankkeen", "alueellinen")
_AFTER_REGION = re.compile(r"(?:[ \t]+(?:maakunnan|[a-zåäö]+lli(?:nen|sen|sessa|sessä|selle|sta|"
                           r"stä|seen)))?"
                           r"[ \t]+(?:LAPE|Lape)(?:[ \t]?[-–][ \t]?(?!hankke(?:et|i))hank\w*|:\w+"
                           r"|(?:n|ssa|ssä|sta|stä|lle|lla|llä|lta|ltä|hun|ksi|a))?"
                           r"(?![-–\w])(?![ \t]*\()")
_ACRONYM = re.compile(r"(?:hanke|hankkeen|hanketta|hankkeessa|projekti)[ \t]*"
                      r"\(([A-ZÅÄÖ][\w-]{1,11})\)")
# "LAPE-hanke Lupa auttaa!", "LAPE-hankkeen Perhetuuli", "kehittämishanke Perhetuuli"
# ("... LAPE-hanke eli Perhepolku": "eli" (that is) gives the other name)
_APPOSITION = re.compile(r"(?:\bLAPE-?hank\w*|\b[a-zåäö]+hanke)(?:[ \t]+eli)?[ \t]+"
                         r"((?:[A-ZÅÄÖ][\w-]*)"
                         r"(?:[ \t]+[\w-]+){0,3}!|[A-ZÅÄÖ][\w-]{3,})")
# A title line "PERHETUULI – Kanta-Hämeen LAPE-hankkeen loppuraportti": the name before the
# dash is the project the rest of the line describes.
_TITLED = re.compile(r"^[#* \t]*([A-ZÅÄÖ][\w!-]{3,})[ \t]+[–-][ \t]+"
                     r"[^\n]*?(?i:hank)", re.MULTILINE)
# 'hankkeessa "Yhdessä olemme enemmän"', '"Perheiden Kotka" -hanke': a name in quotes next to
# a project word
_QUOTED = re.compile(r'hank\w*[ \t]+[»"“”]([^"“”»\n]{3,80})[»"“”]'
                     r'|[»"“”]([^"“”»\n]{3,80})[»"“”][ \t]*[-–]?[ \t]*hank')
# 'hankkeessa, jonka nimi on "Lapsen paras Kymenlaaksossa"', 'hanke nimeltä »Perheiden
# Kotka«', 'a project called "X"': a quoted name the sentence gives a project
_NAMED_QUOTED = re.compile(r'(?i:hank|projekt|project)[^.!?\n]{0,40}?\b(?i:nimi[ \t]+on|'
                           r'nimeltä|nimeltään|named|called)[ \t]+[»"“”]([^"“”»\n]{3,80})'
                           r'[»"“”]')
# A name a naming verb or an "-niminen" word gives a project, written without quotes, perhaps in
# bold: "the project was called **Lupa auttaa!**", "projektet hette Samarbete ger mer", "hanke
# kulki nimellä Perhetuuli", "ohjelmaa pantiin toimeen YHDESSÄ!-nimisenä kokonaisuutena"
_CALLED = re.compile(r"(?i:hank|projekt|project|programme|program|ohjelm)[^.!?\n]{0,30}?\b"
                     r"(?i:was[ \t]+called|is[ \t]+called|was[ \t]+named|went[ \t]+by[ \t]+the"
                     r"[ \t]+name|known[ \t]+as|under[ \t]+the[ \t]+name|named|hette|heter|"
                     r"kallades|kallas|gick[ \t]+under[ \t]+namnet|med[ \t]+namnet|"
                     r"under[ \t]+namnet|nimeltä|nimeltään|nimellä|sai[ \t]+nimen|nimettiin)"
                     r"[ \t]+(?:\*\*|__)?[»\"“”]?"
                     r"([A-ZÅÄÖ][\w-]*(?:[ \t]+[a-zåäö][\w-]*){0,3}!|[A-ZÅÄÖ][\w-]*(?:[ \t]+"
                     r"[\w-]+){0,3}(?=(?:\*\*|__|[»\"“”])?[ \t]*(?:[.,;:()\n–-]|$)))")
_NIMINEN = re.compile(r"(?<![\w!-])([A-ZÅÄÖ]\w*!?)[ \t]?[-–][ \t]?nimi(?:nen|sen|sessä|sessa|"
                      r"senä|sinä|sestä|sesta|selle|stä|ses)\b")
# "the Satakunta LAPE project, Lapsen ääni (...)", "Kainuun LAPE-hankkeen, Perhevoimalan, työ": a
# name in apposition between commas or before a parenthesis
_COMMA_APPOSITION = re.compile(r"\bLAPE(?:[ \t]?[-–][ \t]?hank\w*|[ \t]+project)[ \t]*,[ \t]+"
                               r"([A-ZÅÄÖ][\w!-]*(?:[ \t]+[a-zåäö][\w!-]*){0,3})"
                               r"(?=[ \t]*[,(])")
_ENGLISH = re.compile(r"\b([A-ZÅÄÖ][\w!-]{2,})[ \t]+project\b")
# "the Toimiva arki project": after "the", a capitalised name whose later words are lower-case
# Finnish (no English function word)
_ENGLISH_LONG = re.compile(r"\b[Tt]he[ \t]+([A-ZÅÄÖ][\w!-]{2,}(?:[ \t]+(?!(?:the|a|an|of|and|in|"
                           r"on|for|to|with|regional|national|pilot)\b)[a-zåäö][\w!-]*){1,3})"
                           r"[ \t]+project\b")
# A title line followed by a short line (no bullet, no comma) that only says what the title is, a
# project ("# Lapsen
# paras – yhdessä enemmän" / "Pääkaupunkiseudun LAPE-hanke", "Perhetuuli" / "Kanta-Hämeen
# kehittämishanke 2017–2018"): the title is the project's name, as a project card or a
# report's cover writes it.
_TITLE_OF_PROJECT = re.compile(r"(?:^|\n)[ \t]*(?:#{1,3}[ \t]+)?([A-ZÅÄÖ][^\n.:;!?]{2,70}?)[ \t]*"
                               r"\n(?:[ \t]*\n)*[ \t]*(?![-*•])(?:[^\s,]+[ \t]+){0,4}?"
                               r"[\w-]*(?i:hanke|projekti|project)"
                               r"(?:[ \t]+\d{4}[ \t]*[-–][ \t]*\d{4})?[ \t]*(?=\n|$)")
# "Perhetaival oli Keski-Suomen maakunnallinen ... muutosohjelman hanke.": a sentence that
# says what a one-word name is (the parse may miss its subject, so read the words)
_DEFINED = re.compile(r"(?:^|(?<=[.!?][ \t])|(?<=\n))"
                      r"([A-ZÅÄÖ][a-zåäö]{3,}(?:-[A-ZÅÄÖa-zåäö]+)?)[ \t]+(?:on|oli)[ \t]+"
                      r"(?:[\w-]+,?[ \t]+){0,8}?[\w-]*hanke(?=[.,;][ \t\n]|$)", re.MULTILINE)
# A facts list's key line: "Hankkeen nimi: Perhevirta", "Hanke: Perhevirta (PV)", "Hanke:
# Perhevoimala – lapsiperheiden palvelut Kainuussa" (a dash with spaces starts a description)
_KEYED = re.compile(r"^[-*• \t]*(?:Hankkeen nimi|Hankkeen nimi ja lyhenne|Hanke|Projekti|"
                    r"Projektin nimi|Project|Project name)[ \t]*:[ \t]*([A-ZÅÄÖ][^\n(,]{1,60}?)"
                    r"(?=[ \t]+[–-][ \t]|[ \t]*[(,]|[ \t]*$)", re.MULTILINE)
# A slogan name ending in "!" on a line that speaks of a project or programme ("Lupa auttaa!
# Varsinais-Suomen lapsi- ja perhepalveluiden muutosohjelma 2017–2018")
# (at the start of a title line; "… postitettiin Lapsiperhepalvelut N-Y-T! -lehti" names a
# magazine)
_SLOGAN = re.compile(r"^[#*• \t-]*([A-ZÅÄÖ][\w-]*(?:[ \t]+[a-zåäö][\w-]*){0,3}!)"
                     r"(?![ \t]*[-–])(?=[^\n]{0,80}?(?i:hank|ohjelm))", re.MULTILINE)
# "Lupa auttaa! -muutosohjelma", "Perhetuuli-projektin": a slogan or a one-word name before a
# programme or project word, as before "-hanke"
_PROGRAMME = re.compile(r"(?:(?<![\w!-])([A-ZÅÄÖ][\w-]*(?:[ \t]+[a-zåäö][\w-]*){0,3}!)"
                        r"|\b([A-ZÅÄÖ][a-zåäö]{3,}))[ \t]?[-–][ \t]?(?:muutosohjelm|projekt)\w*")
# A one-word name in apposition is in the nominative; "kehittämishanke Suomessa" names a place.
# "YHDESSÄ!-ohjelma", "PERHEVOIMA-ohjelman": a slogan or an upper-case name written together
# with "ohjelma" names a regional programme by the whole compound (base form)
_CAPS_PROGRAMME = re.compile(r"(?<![\w!-])([A-ZÅÄÖ][A-ZÅÄÖ]{2,}!?|[A-ZÅÄÖ][\w-]*!)-ohjelm\w*")
# Swedish and English put a project's name after the definite project word: "i projektet
# Samarbete ger mer, som ...", "inom programmet Barnens bästa", "the project Together we are
# more": a capitalised name up to the clause's end
_DEFINITE_BEFORE = re.compile(r"\b(?:projektet|programmet|utvecklingsprojektet|the[ \t]+project|"
                              r"the[ \t]+programme)[ \t]+[»\"“”]?([A-ZÅÄÖ][\w!-]*(?:[ \t]+"
                              r"[\w!-]+){0,4})[»\"“”]?(?=[ \t]*(?:[,.;:()\n]|$))")
# An acronym with LAPE inside it in parentheses ("Keski-Suomen lasten ja perheiden parhaaksi
# (KSLAPE)", "(PPLAPE)"): a region's project by its short name
_LAPE_ACRONYM = re.compile(r"\(([A-ZÅÄÖ-]{1,6}LAPE|LAPE[A-ZÅÄÖ-]{1,6})\)")
_PLACE_CASES = ("ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi")
_NOT_DEFINED = {"hanke", "tämä", "tavoite", "kyseessä", "kyse", "lape", "tarkoitus", "siinä"}
_NOT_NAMES = {"lape", "the", "this", "our", "each", "every", "regional", "national", "pilot"}


# Consonant gradation of a region's last word in the genitive ("Lappi" → "Lapin", "Satakunta" →
# "Satakunnan", "Keski-Suomi" → "Keski-Suomen")
_GRADATION = (("ppi", "pin"), ("kki", "kin"), ("tti", "tin"), ("nta", "nnan"), ("nka", "ngan"),
              ("mi", "men"), ("si", "den"), ("usimaa", "udenmaan"))
# a region named in another language next to "LAPE": "LAPE Österbotten", "the Lapland LAPE"
# ("LAPE Uusimaa", "Lape Kymenlaakso" in Finnish too; "LAPE i Egentliga Finland", "LAPE in
# Lapland")
_LAPE_BEFORE = re.compile(r"\b(?:LAPE|Lape)(?:[ \t]+(?:i|in))?[ \t]+$")
_LAPE_AFTER = re.compile(r"(?:['’]s)?[ \t]+LAPE\b(?![-–])")  # "South Karelia's LAPE project"


def region_genitive(baseform: Callable[[str], str | None], name: str) -> str | None:
    """The Finnish genitive of a region's name, the candidate Voikko reads back as the name
    (None where no candidate is: "Uusimaa")."""
    candidates = [name[:-len(a)] + b for a, b in _GRADATION if name.endswith(a)]
    for candidate in [*candidates, name + "n", name + "en"]:
        if (baseform(candidate) or "").lower() == name.lower():
            return candidate
    return None


def foreign_region_lape(text: str, region: Mention) -> tuple[int, int] | None:
    """The span of "LAPE Österbotten" or "Lapland LAPE" around a region named in another
    language: the region's LAPE project, which a summary in that language names so."""
    before = _LAPE_BEFORE.search(text, 0, region.start)
    if before:
        return before.start(), region.end
    after = _LAPE_AFTER.match(text, region.end)
    if after:
        return region.start, after.end()
    return None


# "Uudenmaan lapsi- ja perhepalveluiden muutosohjelma (LAPE)", "Utvecklingsprogrammet inom
# barn- och familjetjänster i Nyland (LAPE)": a programme's long name in one phrase with the
# region, closed by "(LAPE)" (no sentence break between)
_PAREN_LAPE = re.compile(r"[^.;:!?\n()]{0,80}?\((?:LAPE|Lape)\)")
_IN_BEFORE = re.compile(r"\b(?:i|in)[ \t]+$")


def paren_region_lape(text: str, region: Mention) -> tuple[int, int] | None:
    """The span from a region to the "(LAPE)" that closes the phrase it opens in the genitive
    ("Uudenmaan ... muutosohjelma (LAPE)") or that it ends in Swedish or English ("... i Nyland
    (LAPE)"): the region's LAPE project under a descriptive name."""
    if region.surface.endswith("n") and region.surface.lower() != region.label.lower():
        hit = _PAREN_LAPE.match(text, region.end)
        if hit:
            return region.start, hit.end()
    if _IN_BEFORE.search(text, 0, region.start):
        hit = re.match(r"[ \t]*\((?:LAPE|Lape)\)", text[region.end:])
        if hit:
            line = text.rfind("\n", 0, region.start) + 1
            start = max(line, text.rfind(". ", 0, region.start) + 2 if ". " in text[
                line:region.start] else line)
            return start, region.end + hit.end()
    return None


def region_lape(text: str, taken: Sequence[Mention]) -> Iterator[tuple[int, int, str, str]]:
    """A region's genitive right before "LAPE": the region's LAPE project, named so in the
    ministry's own list of regional projects ("Etelä-Karjala: Etelä-Karjalan LAPE")."""
    for m in taken:
        if m.kind != "Region":
            continue
        hit = _AFTER_REGION.match(text, m.end) if m.surface.endswith("n") else None
        if hit is None and m.surface.casefold() == m.label.casefold():
            # English word order with a region English names as Finnish does ("the Uusimaa
            # LAPE project", "Satakunta LAPE")
            hit = _LAPE_AFTER.match(text, m.end)
        if hit:
            yield m.start, hit.end(), f"{m.surface} LAPE", REGION_LAPE


def _agrees(head: str, name: str) -> bool:
    """A name in a place case stands in apposition to the project word before it when both
    end in the same case ("LAPE-hankkeessa Pippurissa", "kehittämishankkeelle Perhetuulelle")."""
    return any(head.endswith(case) and name.endswith(case) for case in _PLACE_CASES)


def bodies_of(taken: Sequence[Mention]) -> list[Mention]:
    """The mentions a quoted name may not overlap (a name in quotes may hold a place:
    "Lapsiystävällinen Etelä-Savo")."""
    return [m for m in taken if m.kind not in ("Region", "Municipality")]


def _free(start: int, end: int, taken: Sequence[Mention]) -> bool:
    return all(end <= m.start or start >= m.end for m in taken)


def project_names(ap: AnalysedPassage, taken: Sequence[Mention]
                  ) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, name, source) of each project named in one of the ways above."""
    text = ap.passage.text
    verbs = {t.start for t in ap.tokens if t.pos in ("VERB", "AUX")}
    named = [hit for hit in _APPOSITION.finditer(text)
             if hit.start(1) not in verbs and _free(hit.start(1), hit.end(1), taken)
             and (hit.group(1).endswith("!") or not hit.group(1).endswith(_PLACE_CASES)
                  or _agrees(hit.group(0).split()[0], hit.group(1)))]
    titled = [hit for hit in _TITLED.finditer(text) if _free(hit.start(1), hit.end(1), taken)
              and hit.group(1).lower() not in _NOT_DEFINED | _NOT_NAMES
              and hit.start(1) not in verbs]
    for found in region_lape(text, taken):
        # the name before the dash of a title line is the project's name; a name in apposition
        # after it ("Varsinais-Suomen LAPE-hanke Lupa auttaa!") is another name of the same
        # project, which ingest/project_identity.py joins to it
        if not any(hit.end(1) < found[0] <= text.find("\n", hit.end(1)) % (len(text) + 1)
                   for hit in titled):
            yield found
    for hit in titled:
        yield hit.start(1), hit.end(1), hit.group(1), NAMED
    for hit in _ACRONYM.finditer(text):
        yield hit.start(1), hit.end(1), hit.group(1), NAMED
    lemmas = {t.start: t.lemma for t in ap.tokens}
    for hit in named:
        name = hit.group(1)
        if not name.endswith("!") and name.endswith(_PLACE_CASES):
            # "LAPE-hankkeessa Pippurissa": the name in the case of its head, named in its
            # base form
            lemma = lemmas.get(hit.start(1), name)
            name = lemma[:1].upper() + lemma[1:]
        yield hit.start(1), hit.end(1), name, NAMED
    for hit in _PROGRAMME.finditer(text):
        group = 1 if hit.group(1) else 2
        if hit.group(group).lower() not in _NOT_NAMES and _free(
                hit.start(group), hit.end(group), taken):
            yield hit.start(group), hit.end(group), hit.group(group), NAMED
    for hit in _SLOGAN.finditer(text):
        if _free(hit.start(1), hit.end(1), taken):
            yield hit.start(1), hit.end(1), hit.group(1), NAMED
    for hit in _KEYED.finditer(text):
        if _free(hit.start(1), hit.end(1), [m for m in taken if m.kind != "Region"]):
            yield hit.start(1), hit.end(1), hit.group(1), NAMED
    for hit in _QUOTED.finditer(text):
        group = 1 if hit.group(1) else 2
        name = hit.group(group).strip()
        bodies = [m for m in taken if m.kind not in ("Region", "Municipality")]
        # (a name in quotes may hold a place: "Lapsiystävällinen Etelä-Savo")
        if name[:1].isupper() and _free(hit.start(group), hit.end(group), bodies):
            yield hit.start(group), hit.end(group), name, QUOTED
    for hit in _NAMED_QUOTED.finditer(text):
        if hit.group(1)[:1].isupper() and _free(hit.start(1), hit.end(1), bodies_of(taken)):
            yield hit.start(1), hit.end(1), hit.group(1).strip(), QUOTED
    for pattern in (_CALLED, _NIMINEN):
        for hit in pattern.finditer(text):
            if hit.group(1).lower() not in _NOT_NAMES and _free(hit.start(1), hit.end(1),
                                                                  bodies_of(taken)):
                yield hit.start(1), hit.end(1), hit.group(1).strip(), NAMED
    for hit in _COMMA_APPOSITION.finditer(text):
        name = hit.group(1)
        head = hit.group(0).split(",")[0].split()[-1]
        if name.lower() in _NOT_NAMES or not _free(hit.start(1), hit.end(1), taken):
            continue
        if " " not in name and (_agrees(head, name) or head.endswith("n") and name.endswith("n")):
            lemma = lemmas.get(hit.start(1), name)  # "LAPE-hankkeen, Perhevoimalan,"
            name = lemma[:1].upper() + lemma[1:]
        yield hit.start(1), hit.end(1), name, NAMED
    for hit in _DEFINED.finditer(text):
        if hit.group(1).lower() not in _NOT_DEFINED and _free(hit.start(1), hit.end(1), taken):
            yield hit.start(1), hit.end(1), hit.group(1), NAMED
    for hit in _ENGLISH_LONG.finditer(text):
        if hit.group(1).split()[0].lower() not in _NOT_NAMES and _free(
                hit.start(1), hit.end(1), [m for m in taken if m.kind != "Region"]):
            yield hit.start(1), hit.end(1), hit.group(1), NAMED
    for hit in _ENGLISH.finditer(text):
        if hit.group(1).lower() not in _NOT_NAMES and _free(hit.start(1), hit.end(1), taken):
            yield hit.start(1), hit.end(1), hit.group(1), NAMED
    for hit in _CAPS_PROGRAMME.finditer(text):
        if _free(hit.start(), hit.end(), taken):  # named in the base form of "ohjelma"
            yield hit.start(), hit.end(), f"{hit.group(1)}-ohjelma", NAMED
    for hit in _DEFINITE_BEFORE.finditer(text):
        if hit.group(1).split()[0].lower() not in _NOT_NAMES and _free(
                hit.start(1), hit.end(1), bodies_of(taken)):
            yield hit.start(1), hit.end(1), hit.group(1), NAMED
    for hit in _LAPE_ACRONYM.finditer(text):
        if _free(hit.start(1), hit.end(1), taken):
            yield hit.start(1), hit.end(1), hit.group(1), NAMED
    # (a document's title: in its first passage; "## Yhteystiedot" / "- Projektipäällikkö NN,
    # Perhesatama-hanke" further down is a contact list)
    for hit in _TITLE_OF_PROJECT.finditer(text if ap.passage.index == 0 else ""):
        if hit.group(1).split()[0].lower() not in _NOT_NAMES and _free(
                hit.start(1), hit.end(1), [m for m in taken if m.kind not in ("Region", "Method")]):
            yield hit.start(1), *_without_place(text, hit.start(1), hit.end(1), taken), TITLE


def _without_place(text: str, start: int, end: int, taken: Sequence[Mention]
                   ) -> tuple[int, str]:
    """A title's name without the place it ends in ("Lapsen askel Keski-Suomessa" → "Lapsen
    askel"): a region or town in a place case at its end says where the project works."""
    for m in taken:
        if (m.kind in ("Region", "Municipality") and start < m.start and m.end == end
                and m.surface.endswith(_PLACE_CASES)):
            cut = text[start:m.start].rstrip()
            if len(cut) > 2:
                return start + len(cut), cut
    return end, text[start:end]
