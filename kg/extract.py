"""Per-document extraction: the pipeline's steps from normalised text to entities, relations
and statistics, each step a function of its own and named in ``STEPS``."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from . import boilerplate, homonyms, named, organizations, persons, places
from .model import Document, DocumentResult, Mention, Sentence
from .ner import Tagger
from .normalise import normalise
from .relations import extract_relations
from .resolve import resolve_document
from .sentences import split_sentences
from .spans import Cover, top_level
from .statistics import extract_statistics

_PEACE = "平安"


def find_entities(doc: Document, sentences: list[Sentence], tagger: Tagger | None = None) -> list[Mention]:
    """Mentions of every type, overlapping where names nest (南昌市 in 南昌市公安局)."""
    norm = doc.norm
    tagger = tagger or Tagger(norm, [(s.start, s.end) for s in sentences])
    place_mentions = places.find_places(norm, tagger)
    named_mentions = named.find_named(norm)
    named_spans = Cover((m.start, m.end) for m in named_mentions)
    # a place inside a quoted name (“平安江西”) is still a place; an organisation is not
    org_mentions = [o for o in organizations.find_organizations(norm, place_mentions, tagger)
                    if not named_spans.covers(o.start, o.end)]
    # a mountain or river in a newspaper's or site's name (天山网) is not one the text speaks of
    # (a division is: 江西日报 is the province's paper)
    media = Cover((o.start, o.end) for o in org_mentions if o.subtype == "Media")
    place_mentions = [p for p in place_mentions if p.subtype != "Feature" or not media.covers(p.start, p.end)]
    programs = _peace_programs(norm, place_mentions, named_spans)
    rooms = _mediation_rooms(norm, tagger, named_spans, org_mentions, place_mentions)
    taken = [(m.start, m.end) for m in place_mentions + org_mentions + named_mentions + programs + rooms]
    people = persons.find_persons(norm, tagger, taken)
    # 徐家井 beside 徐家井派出所: a name without a title that opens the name of a body or a place
    # in the same text names that place (a room may bear its mediator's name: not rooms)
    openings = {o[:k] for o in {norm[m.start : m.end] for m in org_mentions + place_mentions} for k in range(2, min(len(o), 9))}
    people = [p for p in people if p.role or p.name not in openings]
    # 曲靖陆良: a division's short form in a line that reads like a byline is the place
    divisions = {m.name for m in place_mentions} | {m.name[:-1] for m in place_mentions if m.name[-1:] in organizations.LEVEL_WORDS}
    people = [p for p in people if p.role not in ("", "author") or p.name not in divisions]
    return place_mentions + org_mentions + named_mentions + programs + rooms + people


def _peace_programs(norm: str, place_mentions: list[Mention], taken: Cover) -> list[Mention]:
    """平安江西, 平安保定, 平安中国: the 平安 programme of a province, a city or the country."""
    out = []
    cities = {p.adcode for p in place_mentions if p.subtype == "City"}
    spans = [(p.start, p.end) for p in place_mentions if p.subtype == "Province"]
    # 平安保定: a city the text names, written short after 平安 where the model reads no location
    spans += [(m.end(), m.end() + len(d.short or d.name)) for m in re.finditer(_PEACE, norm)
              if (d := places.city_at(norm, m.end())) is not None and d.adcode in cities]
    for start, end in sorted(set(spans)):
        # 平安江苏, 平安保定: a province's or a city's programme (the gold annotates no 平安分宜,
        # 平安青山湖 of counties)
        if norm[start - 2 : start] != _PEACE:
            continue
        s, e = start - 2, end
        if taken.holds(s):
            continue
        surface = norm[s:e]
        name = surface
        aliases = (surface + "建设",) if norm.startswith("建设", e) else ()
        out.append(Mention(s, e, "Program", name, aliases=aliases, source="pattern"))
    for m in re.finditer(r"平安中国(建设)?", norm):
        if not taken.holds(m.start()):
            out.append(Mention(m.start(), m.end(), "Program", "平安中国", source="pattern"))
    return out


_NOT_IN_ROOM_NAME = "的在了和与及是到对从向把将被为由等各该其设建立局所厅委院队"
"""Characters that show a phrase (万州区分局通过|调解室), not a room's proper name."""
_NAME_TAGS = {"n", "nz", "nw", "ns", "s", "LOC", "ORG", "PER", "j", "an"}
"""Tags the words of a room's proper name carry (六尺巷: a location word)."""
_ROOM = re.compile(r"(调解工作室|调解室|调解中心|说事工作室|说和室|工作室)")


def _mediation_rooms(norm: str, tagger: Tagger, taken: Cover, orgs: list[Mention],
                     places: list[Mention]) -> list[Mention]:
    """老陶工作室, 周永良调解工作室: a proper name before a room head; 桐城市六尺巷调解室: a
    name of two to four characters after a place, named with it."""
    out = []
    place_starts = {p.end: p.start for p in sorted(places, key=lambda p: -p.start)}
    generic = {"品牌", "人民", "专业", "联合", "矛盾", "纠纷", "个人", "名人", "特色", "金牌", "行业", "律师", "心理",
               "家事", "警民", "驻所", "驻村", "社区", "村级", "镇级", "一个", "多个", "设立", "成立"}
    org_ends = {o.end: o for o in orgs}
    for m in _ROOM.finditer(norm):
        hs = m.start()
        if taken.holds(hs):
            continue
        toks = tagger.tokens_at(hs - 1) if hs else []
        start = None
        for s, e, t in toks:
            if e == hs and t == "PER" and 2 <= e - s <= 3:
                start = s
        if start is None:
            prev = norm[max(0, hs - 2) : hs]
            if len(prev) == 2 and prev[0] == "老" and "\u4e00" <= prev[1] <= "\u9fff":
                start = hs - 2
        if start is None:
            for k in (2, 3, 4):
                name = norm[hs - k : hs]
                if hs - k in place_starts and len(name) == k and all("\u4e00" <= c <= "\u9fff" for c in name) \
                        and name not in generic and not any(c in name for c in _NOT_IN_ROOM_NAME) \
                        and all(t in _NAME_TAGS for a, b, t in toks if a < hs and b > hs - k):
                    start = place_starts[hs - k]
                    while start in place_starts:
                        start = place_starts[start]  # the whole chain of places (南昌市青山湖区)
                    break
        if start is None or norm[start:hs] in generic or start in org_ends:
            continue
        out.append(Mention(start, m.end(), "MediationRoom", norm[start : m.end()], source="pattern"))
    return out


def extract_document(doc: Document) -> DocumentResult:
    """Run every per-document step on ``doc`` (its ``norm`` is filled in here)."""
    return next(extract_documents([doc]))


BATCH = 256
"""Documents whose sentences go through the NER model together: the more documents, the more
sentences of equal length share one model call and one Viterbi pass (32 documents gave 48,000
characters a second on the benchmark's corpus, 256 give 58,000)."""


def extract_documents(docs: Iterable[Document], batch: int = BATCH) -> Iterator[DocumentResult]:
    """:func:`extract_document` for many documents, in order; the sentences of ``batch``
    documents at a time are tagged together, which is what makes the NER model fast."""
    docs = list(docs)
    for b in range(0, len(docs), batch):
        chunk = docs[b : b + batch]
        split = []
        for doc in chunk:
            doc.norm = boilerplate.mask(normalise(doc.text))
            split.append(split_sentences(doc.text))
        taggers = Tagger.many([(doc.norm, [(s.start, s.end) for s in sentences]) for doc, sentences in zip(chunk, split, strict=True)])
        for doc, sentences, tagger in zip(chunk, split, taggers, strict=True):
            yield _extract(doc, sentences, tagger)


def _extract(doc: Document, sentences: list[Sentence], tagger: Tagger) -> DocumentResult:
    mentions = find_entities(doc, sentences, tagger)
    entities, resolved = resolve_document(doc, mentions)
    relations = extract_relations(doc, sentences, mentions, resolved, entities)
    stats = extract_statistics(doc, sentences, resolved, entities, top_level(resolved))
    return homonyms.qualify(DocumentResult(doc, entities, relations, stats))


STEPS: dict[str, Callable[..., object]] = {
    "normalise": normalise,
    "boilerplate": boilerplate.mask,
    "sentences": split_sentences,
    "entities": find_entities,
    "resolve": resolve_document,
    "relations": extract_relations,
    "statistics": extract_statistics,
    "homonyms": homonyms.qualify,
}
"""The per-document steps in the order data flows, each callable alone."""
