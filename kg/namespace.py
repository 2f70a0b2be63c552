"""The project's vocabulary: one handle on the ontology's IRIs (a typo raises)."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/pingan-kg/"
ID = Namespace(BASE + "id/")
DOC = Namespace(BASE + "doc/")


class PA(DefinedNamespace):
    """Classes and properties declared in ontology/pingan.ttl."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    Place: URIRef
    Province: URIRef
    City: URIRef
    County: URIRef
    Township: URIRef
    Village: URIRef
    Feature: URIRef
    Organization: URIRef
    PublicSecurity: URIRef
    PartyCommittee: URIRef
    Judicial: URIRef
    GovernanceCenter: URIRef
    Government: URIRef
    SocialGroup: URIRef
    Media: URIRef
    OtherOrganization: URIRef
    MediationRoom: URIRef
    Campaign: URIRef
    Program: URIRef
    Person: URIRef
    Statistic: URIRef
    Document: URIRef
    Evidence: URIRef
    Gazetteer: URIRef

    locatedIn: URIRef
    subOrganizationOf: URIRef
    conducts: URIRef
    implements: URIRef
    cooperatesWith: URIRef
    affiliatedWith: URIRef
    partOf: URIRef
    hasStatistic: URIRef
    conflictsWith: URIRef
    inProvince: URIRef
    implementedInProvince: URIRef
    mentionedIn: URIRef
    evidence: URIRef

    adcode: URIRef
    role: URIRef
    indicator: URIRef
    value: URIRef
    numericValue: URIRef
    unit: URIRef
    change: URIRef
    year: URIRef
    text: URIRef
    start: URIRef
    end: URIRef
    inDocument: URIRef
    sha256: URIRef
    documentCount: URIRef


SUBTYPE_CLASS = {
    "Province": PA.Province, "City": PA.City, "County": PA.County, "Township": PA.Township,
    "Village": PA.Village, "Feature": PA.Feature,
    "PublicSecurity": PA.PublicSecurity, "PartyCommittee": PA.PartyCommittee, "Judicial": PA.Judicial,
    "GovernanceCenter": PA.GovernanceCenter, "Government": PA.Government, "SocialGroup": PA.SocialGroup,
    "Media": PA.Media, "Other": PA.OtherOrganization,
}
TYPE_CLASS = {
    "Place": PA.Place, "Organization": PA.Organization, "MediationRoom": PA.MediationRoom,
    "Campaign": PA.Campaign, "Program": PA.Program, "Person": PA.Person, "Statistic": PA.Statistic,
}
PREDICATE = {
    "locatedIn": PA.locatedIn, "subOrganizationOf": PA.subOrganizationOf, "conducts": PA.conducts,
    "implements": PA.implements, "cooperatesWith": PA.cooperatesWith, "affiliatedWith": PA.affiliatedWith,
    "partOf": PA.partOf, "hasStatistic": PA.hasStatistic,
}
