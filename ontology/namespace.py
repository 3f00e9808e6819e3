"""Closed rdflib namespace for the LAPE-KG vocabulary defined in lapekg.ttl."""

# ruff: noqa: N815  (attribute names are the vocabulary's camelCase RDF term names)

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class LAPE(DefinedNamespace):
    """LAPE-KG vocabulary (https://w3id.org/lapekg/ontology#); unknown terms raise."""

    _fail = True
    _NS = Namespace("https://w3id.org/lapekg/ontology#")

    # Classes
    Document: URIRef  # A source document (report, slide deck, web page, minutes)
    Passage: URIRef  # A contiguous span of a document's cleaned text
    RelatedPassage: URIRef  # A passage of a document's trailing related-documents list
    Region: URIRef  # A Finnish region (maakunta), keyed by its Statistics Finland code
    Municipality: URIRef  # A Finnish municipality as area and public body
    Organisation: URIRef  # A named body; subclass of org:Organization
    JointAuthority: URIRef  # Joint municipal authority for social and health services
    Ministry: URIRef  # A ministry of the Finnish Government
    Agency: URIRef  # A state agency or institute
    NGO: URIRef  # A non-governmental organisation, association or foundation
    University: URIRef  # A university or university of applied sciences
    Church: URIRef  # A church, its central administration or a parish
    Project: URIRef  # A fixed-term development project; subclass of prov:Activity
    Method: URIRef  # A working model; subclass of skos:Concept
    Role: URIRef  # A role or job title; subclass of org:Role
    Result: URIRef  # A reported result, often a quantity with a unit
    Person: URIRef  # A person; subclass of foaf:Person
    Mention: URIRef  # An occurrence of a named entity in a passage
    Statement: URIRef  # A reified extracted triple with provenance
    Extractor: URIRef  # Software that extracts statements; subclass of prov:SoftwareAgent

    # Passages and mentions
    inDocument: URIRef  # Passage -> Document
    passageIndex: URIRef  # Passage -> xsd:integer (zero-based)
    text: URIRef  # Passage -> xsd:string
    start: URIRef  # Passage/Mention -> xsd:integer offset into the document's cleaned text
    end: URIRef  # Passage/Mention -> xsd:integer offset (exclusive)
    lemmas: URIRef  # Passage -> space-separated lemmas
    mentions: URIRef  # Passage -> any entity
    hasMention: URIRef  # Passage -> Mention
    surface: URIRef  # Mention -> surface form
    nerLabel: URIRef  # Mention -> NER class label
    refersTo: URIRef  # Mention -> linked entity

    # Places and codes
    inRegion: URIRef  # Municipality/Project/Organisation/Document/Result -> Region
    aboutRegion: URIRef  # Document -> Region
    code: URIRef  # Region/Municipality -> Statistics Finland code (string)

    # Projects
    administeredBy: URIRef  # Project -> Organisation
    partner: URIRef  # Project -> Organisation
    funder: URIRef  # Project -> Organisation
    fundingAmount: URIRef  # Project -> xsd:decimal (EUR)
    fundingKind: URIRef  # Statement (of fundingAmount) -> "grant" | "total" | "own"
    startDate: URIRef  # Project -> xsd:date
    endDate: URIRef  # Project -> xsd:date
    status: URIRef  # any -> free-text status

    # Working models
    usesMethod: URIRef  # actor -> Method (super-property)
    piloted: URIRef  # actor -> Method
    implemented: URIRef  # actor -> Method
    developing: URIRef  # actor -> Method (work in progress)
    trained: URIRef  # actor -> Method
    planned: URIRef  # actor -> Method
    created: URIRef  # actor -> Method

    # Results
    hasResult: URIRef  # Project/Region -> Result
    quantity: URIRef  # Result -> xsd:decimal
    unit: URIRef  # Result -> unit text
    resultDate: URIRef  # Result -> xsd:date
    aboutMethod: URIRef  # Result -> Method

    # Provenance of statements
    extractor: URIRef  # Statement -> Extractor
    confidence: URIRef  # Statement -> xsd:decimal in [0, 1]
    sourcePassage: URIRef  # Statement -> Passage
    spanStart: URIRef  # Statement -> xsd:integer offset within the passage text
    spanEnd: URIRef  # Statement -> xsd:integer offset within the passage text (exclusive)

    # Derived summaries (graph/summaries.py), recomputed at the end of every build and add
    RegionMethodSummary: URIRef  # statements that a region's actors tried a model, per status
    summaryRegion: URIRef  # RegionMethodSummary -> Region
    summaryMethod: URIRef  # RegionMethodSummary -> Method
    summaryStatus: URIRef  # RegionMethodSummary -> status property (lape:piloted …)
    actorCount: URIRef  # RegionMethodSummary -> xsd:integer
    passageCount: URIRef  # RegionMethodSummary -> xsd:integer
    bestConfidence: URIRef  # RegionMethodSummary -> xsd:decimal
    evidencePassage: URIRef  # RegionMethodSummary -> Passage
    evidenceText: URIRef  # RegionMethodSummary -> xsd:string
