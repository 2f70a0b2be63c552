"""Same-named divisions kept apart: China has two 西湖区 (of 杭州 and of 南昌), two 朝阳区, three
和平区. Entities merge across documents on (type, name), so a document's 西湖区 takes its city's
name (南昌市西湖区, the short name kept as an alias) wherever the document decides which one it
is (kg.places.resolve_homonyms), and so do the organisations and mediation rooms named after it
(西湖区人民法院 → 南昌市西湖区人民法院): a name the text may not write in full, as 市公安局 becomes
丰城市公安局. A 西湖区 the document does not decide keeps its short name: the qualified name
would be a guess the text does not support."""
from __future__ import annotations

from . import places as placelib
from .model import DocumentResult, Entity, Relation, Statistic
from .relations import unique
from .resolve import merge_entities

Key = tuple[str, str]

_NAMED_AFTER = ("Organization", "MediationRoom")
"""Entity types whose names begin with the division they belong to."""


def qualify(result: DocumentResult) -> DocumentResult:
    """``result`` with every same-named division the document places (and what is named after
    it) renamed to its qualified name; unchanged where there is none."""
    cities = _placed_homonyms(result.entities)
    if not cities:
        return result
    mapping: dict[Key, Key] = {}
    for key in result.entities:
        if key[0] == "Place" and key[1] in cities:
            mapping[key] = ("Place", cities[key[1]] + key[1])
        elif key[0] in _NAMED_AFTER:
            short = next((n for n in cities if key[1].startswith(n)), None)
            if short is not None:
                mapping[key] = (key[0], cities[short] + key[1])
    # two names of one entity may meet here (西湖区公安分局 and 南昌市西湖区公安分局 the text also
    # wrote): merged as documents merge, and their relations kept unique as a document's are
    entities = merge_entities([{mapping.get(k, k): _renamed_entity(e, mapping.get(k, k))}
                               for k, e in result.entities.items()])
    return DocumentResult(result.document, entities, unique([_renamed_relation(r, mapping) for r in result.relations]),
                          [_renamed_statistic(s, mapping) for s in result.statistics])


def _placed_homonyms(entities: dict[Key, Entity]) -> dict[str, str]:
    """Each same-named division the document places, with the name of the division above it.
    Placing is decided once, by :func:`kg.places.resolve_homonyms`: a same-named division that
    kept its adcode is one the text decides."""
    out = {}
    for e in entities.values():
        if e.type != "Place" or not e.adcode or len(placelib.named(e.name)) < 2:
            continue
        chosen = placelib.division(e.adcode)
        parent = placelib.enclosing(chosen) if chosen is not None else None
        if parent is not None:
            out[e.name] = parent.name
    return out


def _renamed_entity(e: Entity, key: Key) -> Entity:
    if key == e.key:
        return e
    return Entity(e.type, key[1], e.subtype, (e.aliases | {e.name}) - {key[1]}, e.adcode, e.role, e.docs)


def _renamed_relation(r: Relation, mapping: dict[Key, Key]) -> Relation:
    if r.s not in mapping and r.o not in mapping:
        return r
    return Relation(mapping.get(r.s, r.s), r.p, mapping.get(r.o, r.o), r.evidence, r.role, r.source)


def _renamed_statistic(s: Statistic, mapping: dict[Key, Key]) -> Statistic:
    if s.subject not in mapping:
        return s
    return Statistic(mapping[s.subject], s.indicator, s.value, s.evidence, s.number, s.unit, s.change, s.year)
