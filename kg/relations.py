"""Relations between the entities of one document, each with its evidence sentence."""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from functools import cached_property, lru_cache

from . import lexicon
from . import places as placelib
from .model import Document, Entity, Evidence, Mention, Relation, Sentence
from .named import SERIES_ITEM
from .persons import strip_roles, surname_of
from .resolve import POLICE_HEAD, Key, Resolved
from .spans import InOrder, top_level

_COOPERATION = re.compile(r"联合|会同|携手|协同|与")
_SUBJECT_TYPES = ("Organization", "Place")
_BYLINE_ROLES = {r["role"] for r in lexicon.table("byline_roles.tsv") if r["media_staff"] == "yes"}
"""Roles of a byline held at the medium that publishes the report (its 记者 and 编辑)."""
"""Roles of bylines that tie a person to the paper reporting (a photograph may come from anyone)."""
_TITLE_GAP = re.compile(r"^(?:[、,，\s”」\"’']|常委|代表|委员|班子成员|全媒体|融媒体|首席|特约|本报|见习|居委会|村委会)*的?"
                        r"(?:[\u4e00-\u9fff]{1,3}族)?$")
"""What may stand between a body and a person's title: quote marks, committee words, a 的, and
the person's people (“农大姐调解室”的瑶族调解员盘玉珍)."""


class _Doc:
    """Lookups over one document's sentences and resolved mentions."""

    def __init__(self, doc: Document, sentences: list[Sentence], resolved: list[Resolved],
                 media: frozenset[Key] = frozenset()):
        self.doc = doc
        self.media = media
        """News media named in the document: they report what others do, so are no one's subject."""
        self.sentences = sentences
        self.resolved = resolved
        self.all = InOrder(resolved)
        self.top = InOrder(top_level(resolved))
        """Mentions not inside a longer one (分宜县 inside 分宜县公安局), in text order."""
        self.by_key: dict[Key, list[Resolved]] = {}
        """Each entity's mentions by name (not by reference), in text order."""
        for r in resolved:
            if not r.implicit:
                self.by_key.setdefault(r.key, []).append(r)

        self.datelines = dateline_starts(doc.norm, resolved)
        """Where places of a news agency's dateline start (新华社沈阳5月10日电): no one's subject."""
        self._starts = [s.start for s in sentences]
        self._mentioned_in: dict[Key, set[int]] = {}
        self._subject_starts: list[int] | None = None

    def sentence_index(self, pos: int) -> int:
        """The index of the sentence holding ``pos``, or -1."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return i if i >= 0 and pos < self.sentences[i].end else -1

    def paragraph_start(self, pos: int) -> int:
        """Where the paragraph (line) holding ``pos`` starts."""
        return self.doc.norm.rfind("\n", 0, pos) + 1

    @cached_property
    def rooms(self) -> list[Key]:
        """The mediation rooms the text names by name."""
        return [k for k in self.by_key if k[0] == "MediationRoom"]

    def sentence_of(self, pos: int) -> Sentence:
        i = self.sentence_index(pos)
        return self.sentences[i] if i >= 0 else Sentence(pos, pos)

    def sentences_mentioning(self, key: Key) -> set[int]:
        """Indexes of the sentences that mention ``key``, by name or by reference."""
        if not self._mentioned_in:
            for r in self.resolved:
                self._mentioned_in.setdefault(r.key, set()).add(self.sentence_index(r.start))
        return self._mentioned_in.get(key, set())

    @cached_property
    def places(self) -> InOrder[Resolved]:
        """The places named at top level, in text order."""
        return InOrder(r for r in self.top if r.key[0] == "Place")

    @cached_property
    def subjects(self) -> dict[int, Key]:
        """The first organisation or place (not a newspaper) of each sentence, by sentence start."""
        carried: dict[int, Key] = {}
        for s in self.sentences:
            cands = [r for r in self.top.starting(s.start, s.end)
                     if r.key[0] in _SUBJECT_TYPES and r.key not in self.media and r.start not in self.datelines
                     and not _office_of(self.doc.norm, r)]
            if cands:
                # 在常德澧县，当地…: of a run of places the last (scene_place)
                carried[s.start] = scene_place(self.doc.norm, cands).key
        return carried

    def subject_before(self, start: int, end: int) -> Key | None:
        """The subject of the last sentence starting in [start, end) that has one."""
        if self._subject_starts is None:
            self._subject_starts = sorted(self.subjects)
        i = bisect.bisect_left(self._subject_starts, end) - 1
        return self.subjects[self._subject_starts[i]] if i >= 0 and self._subject_starts[i] >= start else None

    def evidence(self, pos: int) -> Evidence:
        s = self.sentence_of(pos)
        return Evidence(self.doc.id, s.start, s.end, self.doc.text[s.start : s.end])


def extract_relations(doc: Document, sentences: list[Sentence], mentions: list[Mention],
                      resolved: list[Resolved], entities: dict[Key, Entity]) -> list[Relation]:
    """All relations of a document: locatedIn, subOrganizationOf, conducts, implements,
    cooperatesWith, affiliatedWith and partOf (hasStatistic comes with the statistics)."""
    d = _Doc(doc, sentences, resolved, frozenset(k for k, e in entities.items() if e.subtype == "Media"))
    key_at = {(r.start, r.end, r.key[0]): r.key for r in resolved if not r.implicit}
    rels: list[Relation] = []
    rels += _places_located(d, entities)
    rels += _organizations(d, mentions, key_at, entities)
    rels += _programmes(d, entities)
    rels += _people(d, entities)
    rels += _rooms_named_for(d, entities)
    rels += _cooperation(d)
    rels += _units_by_name(d, entities)
    rels += _units_set_up(d)
    rels += _units_listed(d)
    rels += _stationed(d, entities)
    rels += _stations_placed(d, entities, rels)
    rels += _stations_of_bureaus(d, entities, rels)
    rels += _headed_by_place(d, rels)
    rels += _series(d, entities)
    return unique(rels)


_HEADING_SEPARATOR = re.compile(r"\s*(?:——|—|--|:|：)")


def _headed_by_place(d: _Doc, found: list[Relation]) -> list[Relation]:
    """南昌市青山湖区——“老陶调解室”专解烦心事: a room or group named in a line that a place heads
    (a heading or lead written 地名——… or 地名：…), or in a sentence that opens by setting the
    scene in a place with no body named before it (在安海镇，“阿嬷厝边调解室”远近闻名), is in that
    place, unless the text already says where it is."""
    norm = d.doc.norm
    placed = {r.s for r in found if r.p == "locatedIn"}
    places = d.places
    out = []
    for unit in d.top:
        quoted = unit.start > 0 and norm[unit.start - 1] in "“「\""  # a named group (“爱帮嫂”志愿服务队)
        if unit.key[0] != "MediationRoom" and not (unit.key[0] == "Organization" and quoted):
            continue
        if unit.key in placed or unit.implicit:
            continue
        line_start = d.paragraph_start(unit.start)
        lead = len(norm[line_start:unit.start]) - len(norm[line_start:unit.start].lstrip())
        chain = []
        pos = line_start + lead
        for p in places.starting(pos, unit.start):
            if p.start != pos:
                break
            chain.append(p)
            pos = p.end
        if chain and _HEADING_SEPARATOR.match(norm, pos):
            out.append(Relation(unit.key, "locatedIn", chain[-1].key, d.evidence(unit.start)))
            placed.add(unit.key)
            continue
        # 在安海镇，“阿嬷厝边调解室”远近闻名: a sentence that opens by setting the scene
        s = d.sentence_of(unit.start)
        opening = [r for r in d.top.within(s.start, unit.start) if r.key[0] in _SUBJECT_TYPES]
        if opening and opening[0].key[0] == "Place" and norm[s.start : opening[0].start].strip() == "在":
            last = opening[0]
            for r in opening[1:]:
                if r.start != last.end or r.key[0] != "Place":
                    break
                last = r
            if norm[last.end : last.end + 1] in ",，" and not any(r.key[0] == "Organization" for r in opening):
                out.append(Relation(unit.key, "locatedIn", last.key, d.evidence(unit.start)))
                placed.add(unit.key)
    return out


def unique(rels: list[Relation]) -> list[Relation]:
    """One relation per (subject, predicate, object) of a document, the first stated, and none
    from an entity to itself."""
    seen: set[tuple[Key, str, Key]] = set()
    out = []
    for r in rels:
        k = (r.s, r.p, r.o)
        if r.s != r.o and k not in seen:
            seen.add(k)
            out.append(r)
    return out


def _first_mention(d: _Doc, key: Key) -> Resolved | None:
    return next(iter(d.by_key.get(key, ())), None)


def _places_located(d: _Doc, entities: dict[Key, Entity]) -> list[Relation]:
    """Each division in its parent, from the gazetteer. Where the text names the parent, only
    if some sentence names both (that sentence is the quote; a county and its city named far
    apart is no statement of the document's); a parent the text does not name is added, with
    its own parents, so that every division reaches its province."""
    out = []
    divisions: InOrder[Resolved] | None = None  # counties, cities and provinces named, in text order
    for key, e in list(entities.items()):
        if e.type != "Place":
            continue
        first = _first_mention(d, key)
        if first is None:
            continue
        ev = d.evidence(first.start)
        div = placelib.division(e.adcode) if e.adcode else None
        if div is not None:
            parent = placelib.enclosing(div)
            if parent is not None:
                pk = ("Place", parent.name)
                if pk not in entities:
                    entities[pk] = Entity("Place", parent.name, parent.level, adcode=parent.adcode)
                    # its own parents too, so that chains reach the province
                    for a in placelib.ancestors(parent.adcode):
                        ak = ("Place", a.name)
                        if ak not in entities:
                            entities[ak] = Entity("Place", a.name, a.level, adcode=a.adcode)
                if not entities[pk].docs:
                    out.append(Relation(key, "locatedIn", pk, ev, source="gazetteer"))
                # the nearest division the text names in one sentence with it (江西省分宜县, even
                # where 新余市 is named elsewhere; locatedIn is transitive)
                for a in placelib.ancestors(e.adcode):
                    ak = ("Place", a.name)
                    if ak in entities and entities[ak].docs:
                        at = _together(d, key, ak)
                        if at is not None:
                            out.append(Relation(key, "locatedIn", ak, d.evidence(at.start), source="gazetteer"))
                            break
        elif e.subtype in ("Township", "Village"):
            host = _preceding(d, first, _local_host(entities, key), same_sentence=True, nested=True)
            if e.subtype == "Village" and (host is None or entities[host].subtype != "Township"):
                # 谷城堰河村 in a headline, 谷城县五山镇堰河村 below: the township, where a mention has it
                for r in d.by_key.get(key, ()):
                    if r.start > first.start and not r.implicit:
                        nearer = _preceding(d, r, _local_host(entities, key), same_sentence=True, nested=True)
                        if nearer is not None and entities[nearer].subtype == "Township":
                            host, ev = nearer, d.evidence(r.start)
                            break
            if host is None:
                if divisions is None:
                    divisions = InOrder(r for r in d.all if not r.implicit and r.key[0] == "Place"
                                        and entities[r.key].subtype in ("County", "City", "Province"))
                # a village: only from the county of the same paragraph (婺源县遭遇特大暴雨。游山村…)
                window = _COUNTY_WINDOW if e.subtype == "Township" else first.start - d.paragraph_start(first.start)
                host = _county_before(first, divisions, entities, window)
            if host:
                out.append(Relation(key, "locatedIn", host, ev))
        elif e.subtype == "Feature":
            prov = next((r["province"] for r in lexicon.table("features.tsv") if r["name"] == e.name), "")
            div = placelib.division(prov) if prov else None
            if div is not None and ("Place", div.name) in entities:
                out.append(Relation(key, "locatedIn", ("Place", div.name), ev))
    # parents added above need their own links
    for key, e in list(entities.items()):
        if e.type == "Place" and e.adcode and not e.docs:
            div = placelib.division(e.adcode)
            par = placelib.enclosing(div) if div else None
            if par is not None and ("Place", par.name) in entities:
                child_rel = next((r for r in out if r.o == key), None)
                if child_rel:
                    out.append(Relation(key, "locatedIn", ("Place", par.name), child_rel.evidence, source="gazetteer"))
    return out


def _together(d: _Doc, key: Key, other: Key) -> Resolved | None:
    """A mention of ``key`` by name in a sentence that also mentions ``other`` (by name or by
    a reference such as 我省): the quote that states one lies in the other."""
    theirs = d.sentences_mentioning(other) - {-1}
    # 新华社石家庄12月16日电 题:河北邢台…: where the reporter filed from is no place the text speaks of
    return next((r for r in d.by_key.get(key, ()) if d.sentence_index(r.start) in theirs and r.start not in d.datelines),
                None)


_COUNTY_WINDOW = 3000
"""Characters before a township within which the county named last is the one it lies in."""


def _county_before(at: Resolved, divisions: InOrder[Resolved], entities: dict[Key, Entity],
                   window: int = _COUNTY_WINDOW) -> Key | None:
    """近日,在西充县…  ……鸣龙镇: the county a township of a report on one county lies in, the
    county named last before it (within ``window`` characters), unless a city or province that
    does not hold that county is named between them (…德清县…  在湖南,团结镇…)."""
    between: list[Resolved] = []
    # the divisions starting before the township, latest first (a name is far shorter than the
    # margin added to the window)
    for r in reversed(divisions.starting(at.start - window - 100, at.start)):
        if at.start - r.end > window:
            break
        if entities[r.key].subtype == "County":
            county = entities[r.key]
            holders = {a.name for a in placelib.ancestors(county.adcode)} if county.adcode else set()
            return r.key if all(b.key[1] in holders for b in between) else None
        between.append(r)
    return None


def _local_host(entities: dict[Key, Entity], own: Key) -> Callable[[Key], bool]:
    """Places a township (a county or city) or a village (a township too) can lie in."""
    levels = ("County", "City") if entities[own].subtype == "Township" else ("County", "City", "Township")
    return lambda k: k[0] == "Place" and entities[k].subtype in levels and k != own


def _preceding(d: _Doc, at: Resolved, accept: Callable[[Key], bool], same_sentence: bool = True, window: int = 10_000,
               nested: bool = False) -> Key | None:
    s = d.sentence_of(at.start)
    best = None
    for r in (d.all if nested else d.top).starting(s.start if same_sentence else 0, at.start):
        if r.end <= at.start and at.start - r.end <= window and (not same_sentence or r.start >= s.start) and accept(r.key):
            if best is None or r.end > best.end:
                best = r
    return best.key if best else None


def _organizations(d: _Doc, mentions: list[Mention], key_at: dict, entities: dict[Key, Entity]) -> list[Relation]:
    out = []
    place_list = [m for m in mentions if m.type == "Place"]
    places = InOrder(place_list)
    order = {id(p): i for i, p in enumerate(place_list)}

    place_rank = {k[1]: i for i, k in enumerate(entities) if k[0] == "Place"}

    def last(inner: list[Mention]) -> Mention:
        """The place that ends last; of two, the first found; a division before a river or lake
        (九江市长江联合执法队 is in 九江市, not in 长江)."""
        divisions = [p for p in inner if p.subtype != "Feature"]
        return max(divisions or inner, key=lambda p: (p.end, -order[id(p)]))

    for m in mentions:
        if m.type not in ("Organization", "MediationRoom"):
            continue
        key = key_at.get((m.start, m.end, m.type))
        if key is None:
            continue
        ev = d.evidence(m.start)
        if m.parent:
            pk = ("Organization", m.parent)
            if pk not in entities:
                # 甘井子分局红旗派出所: the parent written short is the entity its mention resolved to
                pk = key_at.get((m.start, m.start + len(m.parent), "Organization"), pk)
            if pk in entities and pk != key:
                out.append(Relation(key, "subOrganizationOf", pk, ev))
            # a unit named with a place (武汉市公安局武昌区梅苑派出所) is in that place; not one
            # sent there (省公安厅驻电白工作专班), which the text does not place
            unit_start = m.end - (len(m.name) - len(m.parent))
            inner = [p for p in places.starting(unit_start, m.end) if p.end < m.end
                     and "驻" not in d.doc.norm[unit_start - 1 : p.start]]
            if inner:
                pk = ("Place", last(inner).name)
                if pk in entities:
                    out.append(Relation(key, "locatedIn", pk, ev))
            else:
                # 南昌市公安局西湖分局 is in 西湖区: a branch named for a district of its parent's place
                branch = _BRANCH.match(m.name[len(m.parent):])
                outer = [p for p in places.starting(m.start, unit_start) if p.end <= unit_start]
                city = entities.get(("Place", last(outer).name)) if outer else None
                district = placelib.child_named(city.adcode, branch.group(1)) if branch and city and city.adcode else None
                if district is not None and ("Place", district.name) in entities:
                    out.append(Relation(key, "locatedIn", ("Place", district.name), ev))
                elif pk in entities and entities[pk].subtype == "PartyCommittee":
                    # 陆良县委常委、政法委书记: a committee's own unit lies in the committee's division,
                    # as 丰城市委政法委 written in one piece does
                    home = max((k for k in entities if k[0] == "Place" and pk[1].startswith(k[1]) and entities[k].docs),
                               key=lambda k: len(k[1]), default=None)
                    if home is not None:
                        out.append(Relation(key, "locatedIn", home, ev))
            continue
        inner = [p for p in places.starting(m.start, m.end) if p.end < m.end and "驻" not in d.doc.norm[m.start - 1 : p.start]]
        if inner:
            pk = ("Place", last(inner).name)
            if pk in entities:
                out.append(Relation(key, "locatedIn", pk, ev))
        elif m.source == "context":
            heads = [m.name[:j] for j in range(1, len(m.name) + 1) if m.name[:j] in place_rank]
            if heads:
                out.append(Relation(key, "locatedIn", ("Place", min(heads, key=place_rank.__getitem__)), ev))
        elif m.type == "MediationRoom":
            # 蚌埠市禹会区张公山街道“老娘舅调解室”, 白龙街道的“老爸茶调解室”: a room written right
            # after a place is in it
            at = m.start - (1 if d.doc.norm[m.start - 1 : m.start] in ("“", "「", '"') else 0)
            at -= 1 if d.doc.norm[at - 1 : at] == "的" else 0
            adjacent = [p for p in places.ending(at, at + 1) if p.end == at]
            site = _site().match(d.doc.norm, m.end) if not adjacent else None
            if site:  # “金大姐调解室”设在(龙井市东盛涌镇)光东村: the last of the places after the verb
                adjacent = list(places.starting(site.end(), site.end() + 1))
                while adjacent and (more := list(places.starting(last(adjacent).end, last(adjacent).end + 1))):
                    adjacent = more
            if adjacent and ("Place", last(adjacent).name) in entities:
                out.append(Relation(key, "locatedIn", ("Place", last(adjacent).name), ev))
        if m.type == "MediationRoom":
            host = _preceding(d, Resolved(m.start, m.end, key), lambda k: k[0] == "Organization" and k not in d.media)
            if host is None:
                # 走进常熟市社会治安综合治理中心…。在这里，…周永良调解工作室…各展所长: housed in the
                # governance centre named before it in its paragraph
                host = _preceding(d, Resolved(m.start, m.end, key), lambda k: entities[k].subtype == "GovernanceCenter",
                                  same_sentence=False, window=m.start - d.paragraph_start(m.start))
            if host:
                out.append(Relation(key, "subOrganizationOf", host, ev))
    return out


@lru_cache(maxsize=1)
def _site() -> re.Pattern[str]:
    """After a room's name: a verb of site_verbs.txt that the place it is in follows."""
    verbs = "|".join(sorted(lexicon.words("site_verbs.txt"), key=len, reverse=True))
    return re.compile(r"[”」\"]?(?:就|也|则)?(?:" + verbs + ")")


def _subject(d: _Doc, at: Resolved) -> Key | None:
    """Who runs a campaign or programme named at ``at``: the first organisation or place of
    its sentence before it, else the subject of an earlier sentence, else the home place (a
    newspaper reporting it is none of them)."""
    s = d.sentence_of(at.start)
    cands = [r for r in d.top.within(s.start, at.start) if r.key[0] in _SUBJECT_TYPES and r.start not in d.datelines
             and not _office_of(d.doc.norm, r)
             and r.key not in d.media and not (r.implicit and d.doc.norm[r.start] == "全" and r.start > s.start + 2)]
    speaker = _quoted_speaker(d, at, s)
    if speaker is not None:
        return speaker
    named_by = _named_before_quote(d, at)
    if named_by is not None:
        return named_by
    cands = past_lead_phrase(d.doc.norm, s, cands)
    if cands:
        first = scene_place(d.doc.norm, cands)
        framed = framing_place(d.doc.norm, cands, first) or reported(d.doc.norm, cands, first)
        if framed is None and len(cands) == 1 and _speaks(d.doc.norm, first, at.start):
            # “反诈联勤作战中心”相关负责人介绍，特别是“我为群众办实事”实践活动开展以来，广东警方…:
            # what a speaker reports is someone else's, named after it, if anyone's
            cands = []
        elif framed is not None:
            return framed.key
        else:
            # 许昌市公安局部署…，禹州市公安局在“雷霆3号”专项行动中…: a body opening the clause that
            # names it runs it, not the sentence's first
            norm = d.doc.norm
            clause = clause_start(norm, s.start, at.start)
            own = [r for r in cands if r.start >= clause > first.end and r.key[0] == "Organization" and not r.implicit
                   and opens_clause(norm, s.start, r.start)]
            return own[0].key if own else first.key
    after = [r for r in d.top.within(at.end, s.end) if r.key[0] == "Organization"
             and r.key not in d.media and (not r.implicit or r.collective) and _set_up_verb(d.doc.norm, r.start) is None]
    if after:
        return after[0].key  # “云剑”“秦鹰”等系列专项行动,全省公安机关共破获…
    # the subject of an earlier sentence of the same paragraph (not across a heading)
    return d.subject_before(d.paragraph_start(s.start), s.start)


def clause_start(norm: str, start: int, pos: int, marks: str = ",，;；") -> int:
    """Where the clause holding ``pos`` starts in the sentence that starts at ``start``: after the
    last of ``marks`` before it, else at the sentence's start."""
    return max(max(norm.rfind(c, start, pos) for c in marks), start - 1) + 1


def opens_clause(norm: str, start: int, at: int) -> bool:
    """Does the name at ``at`` open a clause of the sentence that starts at ``start``: right after
    a comma or semicolon, or after one and a time phrase?"""
    clause = clause_start(norm, start, at)
    return clause > start and (clause == at or bool(WHEN.fullmatch(norm, clause, at)))


_HELPED = re.compile(r"在[^，,。；;]{1,30}的(?:配合|支持|协助|帮助|协同)下[，,]")


@lru_cache(maxsize=1)
def _lead_phrase() -> re.Pattern[str]:
    """A sentence opening with an adverbial phrase (lead_prepositions.txt, or 在…的配合下), up
    to its comma, after an optional time phrase."""
    words = "|".join(sorted(lexicon.words("lead_prepositions.txt"), key=len, reverse=True))
    when = rf"(?:{WHEN.pattern}|(?:\d{{1,2}}月)?(?:\d{{1,2}}日|上旬|中旬|下旬|初|底)|近日|日前|当天|同时|此外|其中)"
    return re.compile(rf"(?:{when}[，,]?)?(?:(?:{words})[^，,。；;]*[，,]|{_HELPED.pattern})")


def past_lead_phrase(norm: str, s: Sentence, cands: list[Resolved]) -> list[Resolved]:
    """针对成都世运会等全球盛会，四川公安构建…: the candidates after a leading adverbial phrase,
    where one is named after it; else all of them."""
    m = _lead_phrase().match(norm, s.start)
    if m is None:
        return cands
    after = [r for r in cands if r.start >= m.end()]
    return after if after else cands


_OFFICE_LEAD = re.compile(r"(?:时任|曾任|原|由)$")


def _office_of(norm: str, r: Resolved) -> bool:
    """时任浙江省委书记的习近平指出…, 由省委书记任组长: a body named only as part of someone's office
    (时任/曾任/原/由 before it, a title of roles.txt after it) is no one acting in the sentence."""
    if r.key[0] != "Organization" or not _OFFICE_LEAD.search(norm, max(0, r.start - 2), r.start):
        return False
    return any(norm.startswith(t, r.end) for t in lexicon.words("roles.txt"))


def _speaks(norm: str, body: Resolved, at: int) -> bool:
    """Does ``body`` open a speaker's words (其负责人介绍，…) that reach ``at``?"""
    m = _SPEAKER_AFTER.match(norm, body.end + (1 if norm[body.end : body.end + 1] in "”」\"" else 0))
    return m is not None and norm[m.end() : m.end() + 1] in "，,:：" and m.end() < at


def _named_before_quote(d: _Doc, at: Resolved) -> Key | None:
    """涌现了长沙“互联网+群防群治”、衡阳“湾村明白人”等: a place written right before the quote that
    opens a programme's or campaign's name is the one whose it is (a list of places' own models),
    whoever the sentence's subject is."""
    norm = d.doc.norm
    if at.start < 1 or norm[at.start - 1] not in "“「\"":
        return None
    place = next((r for r in d.top.ending(at.start - 1, at.start) if r.end == at.start - 1
                  and r.key[0] == "Place" and not r.implicit and r.start not in d.datelines), None)
    return place.key if place is not None else None


_DATELINE = re.compile(r"\d{1,2}月\d{1,2}日(?:电|讯)")


def dateline_starts(norm: str, mentions: Iterable[Resolved]) -> set[int]:
    """Starts of the places written right before a dateline's date (新华社沈阳5月10日电): where
    the reporter filed from, not who acts in the report."""
    ends = {m.start() for m in _DATELINE.finditer(norm)}
    return {r.start for r in mentions if r.key[0] == "Place" and r.end in ends} if ends else set()


def scene_place(norm: str, cands: list[Resolved]) -> Resolved:
    """The first candidate, or, for a run of places (在韶山市韶山乡, 在延边州首府延吉市: adjacent or
    joined by a word of seat_words.txt), the last of them; a room written right after them is
    named with its place (津河镇“老白调解室”由…领衔: the room)."""
    first = cands[0]
    seats = lexicon.words("seat_words.txt")
    for r in cands[1:]:
        if first.key[0] == "Place" and (r.key[0] == "Place" and (r.start == first.end or norm[first.end : r.start] in seats)
                                        or r.key[0] == "MediationRoom" and norm[first.end : r.start] in ("", "“", "「", '"')
                                        and not LIST_ITEM_END.match(norm, r.end)):
            first = r
    return first


def framing_place(norm: str, cands: list[Resolved], first: Resolved) -> Resolved | None:
    """在六安市，市公安局会同…开展: a place that only sets the scene (在 before it, a comma
    after it or after a spot of it: 在松花江冰面上，) gives way to the organisation named next in the sentence, which acts; with no
    organisation after it (在韶山市韶山乡，当地探索…) the place stays the subject."""
    if first.key[0] != "Place" or norm[max(0, cands[0].start - 1) : cands[0].start] != "在":
        return None
    scene = _SCENE_END.match(norm, first.end)  # 在松花江冰面上，: the scene may name a spot of the place
    if scene is None:
        return None
    return next((r for r in cands if r.start >= scene.end() and r.key[0] == "Organization" and not r.implicit), None)


LIST_JOINERS = r"[”」\"]?(?:、|和|及|以及|与"
LIST_ITEM_END = re.compile(LIST_JOINERS + "|等)")
"""What follows a name that is an item of a list, its last one included (…县人社局等8个部门;
“老杨调解室”等12个品牌调解室): no subject."""
_SCENE_END = re.compile(r"(?:[\u4e00-\u9fff]{0,4}[上中里内边畔旁])?[,，]")


WHEN = re.compile(r"(?:(?:19|20)\d{2}年(?:\d{1,2}月(?:份)?)?(?:以来|底|末)?|今年(?:以来)?|去年(?:以来)?|上半年|前三季度|"
                  r"近年来|近年|目前|截至目前)")
"""A time phrase that may open a clause before its subject (2024年福建省群众安全感达99.12%)."""


_SPEAKER_AFTER = re.compile(r"(?:有关|相关)?(?:负责人|[\u4e00-\u9fff]{0,6}(?:书记|局长|厅长|主任|所长|负责同志))?[\u4e00-\u9fff]{0,4}?(?:表示|介绍|说|指出|强调)")


def _quoted_speaker(d: _Doc, at: Resolved, s: Sentence) -> Key | None:
    """“我们将坚持和发展新时代‘枫桥经验’…。”青海省委政法委有关负责人表示: a programme in a
    quotation is the speaking body's, named right after the quotation closes."""
    norm = d.doc.norm
    opening = norm.rfind("“", 0, at.start)
    if opening < 0 or norm.find("”", opening, at.start) >= 0:
        return None
    closing = norm.find("”", at.end)
    if closing < 0 or norm.find("“", at.end, closing) >= 0 or "\n" in norm[opening:closing]:
        return None
    body = next((r for r in d.top.starting(closing + 1, closing + 3) if r.key[0] == "Organization"
                 and r.key not in d.media), None)
    if body is None or not _SPEAKER_AFTER.match(norm, body.end):
        return None
    return body.key


_REFERENCE_PLACE = re.compile(r"[全我本该][省市县区州]")


def reported(norm: str, cands: list[Resolved], first: Resolved) -> Resolved | None:
    """桐城市委政法委书记吴海涛介绍，(近年来，)桐城市以…构建“1+15+N”: after a speech verb the
    body or place that opens the reported clause acts, not the speaker's body."""
    for r in cands:
        if r.start <= first.end or (r.implicit and r.key[0] != "Place" and not r.collective):
            continue  # 我省 may be the reported subject (…介绍，我省坚持…), 该局 is not named there
        # the clause opens with it, or with a time phrase and then it (获悉，今年吉林省部署…), or
        # with 全省 and then the province's police through its staff (补充，全省公安机关将…)
        comma = max(norm.rfind(c, first.end, r.start) for c in ",，:：")
        if comma < 0 or not (comma == r.start - 1 or WHEN.fullmatch(norm, comma + 1, r.start)
                             or r.collective and _REFERENCE_PLACE.fullmatch(norm, comma + 1, r.start)):
            continue
        # a time phrase of its own may stand between the verb and the clause (介绍，近年来，…)
        lead = max(norm.rfind("，", 0, comma), norm.rfind(",", 0, comma))
        if lead > first.end and WHEN.fullmatch(norm, lead + 1, comma):
            comma = lead
        if any(norm.endswith(v, 0, comma) for v in lexicon.words("speech_verbs.txt")):
            return r
    return None


_BRANCH = re.compile(r"^(\w{2,4}?)(?:公安)?分局$")
_JOINT = re.compile(r"[、和与及]|联合|会同")


def _partners(d: _Doc, subj: Key, at: Resolved, entities: dict[Key, Entity]) -> list[Key]:
    """Bodies named jointly with the subject before ``at`` in its sentence (湖南省委、省政府出台…;
    丰城市平安办联合市公安局印发…): they act together; so do divisions of the subject's level
    listed with it (海伦市、望奎县、兰西县分别建成…平台)."""
    s = d.sentence_of(at.start)
    before = d.top.within(s.start, at.start)
    # the subject by name, or by a reference to a body (派出所与喜洲镇司法所…, 该所与…)
    first = next((i for i, r in enumerate(before) if r.key == subj and not r.collective
                  and (not r.implicit or r.key[0] in ("Organization", "MediationRoom"))), None)
    out: list[Key] = []
    if first is None:
        return out
    prev = before[first]
    place = subj[0] == "Place" and not before[first].implicit and not _paired(d, s, at)
    for r in before[first + 1 :]:
        joint = _JOINT_PLACES if place else _JOINT
        if r.implicit or not joint.fullmatch(d.doc.norm[prev.end : r.start]) or (
                r.key[0] != "Place" or entities[r.key].subtype != entities[subj].subtype if place else r.key[0] != "Organization"):
            break
        out.append(r.key)
        prev = r
    return out


def _paired(d: _Doc, s: Sentence, at: Resolved) -> bool:
    """Does 分别 before ``at`` pair a list with several programmes or campaigns, each with its own
    (海伦市、望奎县分别推出“海伦调”工作法和“望奎和”机制), rather than give one to all?"""
    word = d.doc.norm.find("分别", s.start, at.start)
    return word >= 0 and sum(r.key[0] in ("Program", "Campaign") and not r.implicit
                             for r in d.top.within(word, s.end)) > 1


_JOINT_PLACES = re.compile(r"、")
"""What joins divisions that act together: a list mark (not 联合, which joins bodies; not 与 or
和, which also join a county and its neighbour: 开化县与婺源县接壤)."""


def _programmes(d: _Doc, entities: dict[Key, Entity]) -> list[Relation]:
    out = []
    home = _home_subject(d, entities)
    for r in d.top:
        if r.implicit or r.key[0] not in ("Campaign", "Program"):
            continue
        peace = _peace_place(r.key, entities)
        if peace == _NATIONAL:
            continue  # 平安中国: the nation's programme, which no province or body of one implements
        subj = _subject(d, r) or home
        if peace is not None:
            # 湖南省委、省政府…把平安湖南建设纳入…: the province's own party committee or government,
            # named in the sentence, runs it with the province; no one else does
            if not (subj and subj[0] == "Organization" and subj[1].startswith(peace[1])
                    and entities[subj].subtype in ("PartyCommittee", "Government") and subj in _named_in(d, r)):
                subj = None
            out.append(Relation(peace, "implements", r.key, d.evidence(r.start)))
            if subj is None:
                continue
        if subj is None:
            continue
        if r.key[0] == "Campaign" and subj[0] == "Place" and entities[subj].subtype == "Province":
            # a campaign is an operation: a province's is its public-security department's where
            # the text names that department more than in passing (江西公安…压茬推进“云剑”…专项行动)
            police = ("Organization", subj[1] + POLICE_HEAD["Province"])
            if police in entities and len(d.sentences_mentioning(police) - {-1}) >= 2:
                subj = police
        p = "conducts" if r.key[0] == "Campaign" else "implements"
        out.append(Relation(subj, p, r.key, d.evidence(r.start)))
        for partner in _partners(d, subj, r, entities):
            out.append(Relation(partner, p, r.key, d.evidence(r.start)))
    return out


_PEACE = "平安"
_NATIONAL = ("Place", "中国")


def _named_in(d: _Doc, at: Resolved) -> set[Key]:
    """What the sentence of ``at`` names by name."""
    s = d.sentence_of(at.start)
    return {r.key for r in d.top.within(s.start, s.end) if not r.implicit}


def _peace_place(key: Key, entities: dict[Key, Entity]) -> Key | None:
    """平安陕西 is 陕西省's programme, 平安天水 天水市's (a peace programme named for a division is
    that division's own); 平安中国 the nation's."""
    if key[0] != "Program" or not key[1].startswith(_PEACE) or len(key[1]) < 4:
        return None
    rest = key[1][len(_PEACE):]
    if rest == "中国":
        return _NATIONAL
    return next((k for k, e in entities.items() if k[0] == "Place" and e.docs
                 and (k[1] == rest or k[1].startswith(rest) and e.subtype in ("Province", "City"))), None)


def _home_subject(d: _Doc, entities: dict[Key, Entity]) -> Key | None:
    """What the document is about: its province, unless one organisation is named more often
    (an article about 江西公安 is about 江西省公安厅)."""
    counts: dict[Key, int] = {}
    for r in d.resolved:
        e = entities.get(r.key)
        if e and (e.type == "Place" and e.subtype == "Province" or e.type == "Organization"):
            counts[r.key] = counts.get(r.key, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], k[0] == "Place"))
    return best if best[0] == "Place" or counts[best] >= 3 else max(
        (k for k in counts if k[0] == "Place"), key=lambda k: counts[k], default=best)


def _people(d: _Doc, entities: dict[Key, Entity]) -> list[Relation]:
    out = []
    media = [k for k, e in entities.items() if e.type == "Organization" and e.subtype == "Media" and e.docs]
    for r in d.top:
        if r.key[0] != "Person" or r.implicit:
            continue
        e = entities[r.key]
        s = d.sentence_of(r.start)
        # the bodies right before the name, with only titles between (丰城市委常委、市委政法委书记徐爱文),
        # or a reference to one (该局副局长任志刚, 该中心主任张丽华)
        chosen: list[Resolved] = []
        pos = r.start
        for o in sorted((o for o in d.top.within(s.start, r.start)
                         if o.key[0] in ("Organization", "MediationRoom") and not o.collective),
                        key=lambda o: -o.end):
            if pos - o.end > 14 or not _title_between(d.doc.norm[o.end : pos]) or o.implicit and chosen:
                break  # 该局中益派出所所长: the station's head, not the bureau's
            chosen.append(o)
            pos = o.start
        if not chosen:
            head = _body_of_title(d, r, e.role, s.start) or _room_of_staff(d, r, s)
            chosen = [head] if head is not None else []
        if chosen:
            keys = [o.key for o in chosen]
            # 鞍山市公安局党委书记、局长赵立军: the secretary of a body's party committee who holds
            # a second title after it heads the body too
            committee = chosen[0]
            if committee.key[1].endswith(_COMMITTEES) and "、" in d.doc.norm[committee.end : r.start]:
                body = ("Organization", committee.key[1][:-2])
                second = d.doc.norm[committee.end : r.start].rsplit("、", 1)[1]
                heads = _bodies_by_title("title_bodies.tsv").get(second, ())
                # …党委书记、局长: a title of that body's head (not 党委书记、副市长)
                if body in entities and body not in keys and body[1].endswith(heads or ("\0",)):
                    keys.append(body)
            for k in keys:
                out.append(Relation(r.key, "affiliatedWith", k, d.evidence(r.start), role=e.role))
        elif e.role in _BYLINE_ROLES and media:
            out.append(Relation(r.key, "affiliatedWith", media[0], d.evidence(r.start), role=e.role))
    return out


_COMMITTEES = ("党委", "党组")
"""The party committee or group of a body, written after its name (鞍山市公安局党委)."""


@lru_cache(maxsize=1)
def _familiar_forms() -> tuple[tuple[str, str], ...]:
    """(word, position) of familiar_forms.tsv: 老 before a surname, 大姐 after it."""
    return tuple((r["word"], r["position"]) for r in lexicon.table("familiar_forms.tsv"))


def _named_for(room: str, person: str) -> bool:
    """Does a room's name hold the person's name, their given name of two characters or more,
    or a familiar form of their surname (高振山调解室, 德山调解室 of 付德山, 老谢调解室 of 谢德明)?"""
    surname = surname_of(person)
    if not surname:
        return False
    given = person[len(surname):]
    return person in room or len(given) >= 2 and given in room or any(
        (word + surname if position == "before" else surname + word) in room for word, position in _familiar_forms())


def _rooms_named_for(d: _Doc, entities: dict[Key, Entity]) -> list[Relation]:
    """农大姐调解室 … 调解员农秀英: a person named in the paragraph of a room named for them works
    in it, when no other person of the text fits its name and no other room fits theirs (two 杨
    and a 老杨调解室: neither)."""
    people = [k for k in d.by_key if k[0] == "Person"]
    rooms_of = {p: [room for room in d.rooms if _named_for(room[1], p[1])] for p in people}
    out = []
    for room in d.rooms:
        fits = [p for p in people if room in rooms_of[p]]
        if len(fits) != 1 or len(rooms_of[fits[0]]) != 1:
            continue  # 老杨调解工作室 and 老杨说事室: which is 杨光明's, the names do not say
        paragraphs = {d.paragraph_start(r.start) for r in d.by_key[room]}
        at = next((r for r in d.by_key[fits[0]] if d.paragraph_start(r.start) in paragraphs), None)
        if at is not None:
            out.append(Relation(fits[0], "affiliatedWith", room, d.evidence(at.start), role=entities[fits[0]].role))
    return out


@lru_cache(maxsize=2)
def _bodies_by_title(table: str) -> dict[str, tuple[str, ...]]:
    """Title → the endings of the names of the bodies it belongs to (title_bodies.tsv: heads,
    staff_bodies.tsv: staff)."""
    return {r["title"]: tuple(r["endings"].split("|")) for r in lexicon.table(table)}


def _body_of_title(d: _Doc, person: Resolved, role: str, sentence_start: int) -> Resolved | None:
    """……派出所探索“警调联动”模式，所长黄志明介绍: a person whose clause opens with the title of a
    body's head (title_bodies.tsv) heads the latest body of that kind named before in the sentence."""
    endings = _bodies_by_title("title_bodies.tsv").get(role) or _bodies_by_title("staff_bodies.tsv").get(role)
    norm = d.doc.norm
    if not endings or not norm.endswith(role, 0, person.start):
        return None
    opening = person.start - len(role)
    if opening < sentence_start or opening > sentence_start and norm[opening - 1] not in ",，;；":
        return None
    def of_kind(start: int, end: int) -> list[Resolved]:
        return [o for o in d.top.within(start, end)
                if o.key[0] == "Organization" and not o.implicit and o.key[1].endswith(endings)]

    # …来到东湖生态旅游风景区分局湖光派出所。……。报警后，民警陈杨帆通过…: with no such body in
    # the sentence, of the body of that kind named last before in the paragraph
    bodies = of_kind(sentence_start, opening) or of_kind(d.paragraph_start(sentence_start), sentence_start)
    return max(bodies, key=lambda o: o.end) if bodies else None




@lru_cache(maxsize=1)
def _room_reference() -> re.Pattern[str]:
    """A sentence opening with a room's kind (调解室由…, 这间调解室…): the heads of named_heads.tsv
    that make a mediation room."""
    heads = sorted((r["head"] for r in lexicon.table("named_heads.tsv") if r["type"] == "MediationRoom"), key=len, reverse=True)
    return re.compile(r"(?:这间|这个|该|此)?(?:" + "|".join(heads) + ")")


@lru_cache(maxsize=1)
def _nickname_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """“夏姐”名叫夏春梅 (the person right after) and 被称为“老杨” (the person shortly before), from
    nickname_words.tsv."""
    words = {pos: "|".join(sorted((r["word"] for r in lexicon.table("nickname_words.tsv") if r["position"] == pos),
                                  key=len, reverse=True)) for pos in ("before", "after")}
    quoted = r"[“「\"‘]([^”」\"’]{2,6})[”」\"’]"
    return re.compile(quoted + f"(?:{words['before']})"), re.compile(f"(?:{words['after']})" + quoted)


_CLAUSE_GAP = re.compile(r"[^，,。；;、！!？?]{0,12}")


@lru_cache(maxsize=1)
def _room_leader_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """由 and a few characters of title before a name (由退休教师程家宝), and one of room_verbs.txt
    a few characters after it (于2019年创办, 坐镇调解): the person runs the room."""
    verbs = "|".join(sorted(lexicon.words("room_verbs.txt"), key=len, reverse=True))
    return re.compile(r"由[^，,。；;：:]{0,8}$"), re.compile(r"[^，,。；;：:]{0,8}?(?:" + verbs + ")")


@lru_cache(maxsize=1)
def _room_roles() -> tuple[str, ...]:
    """The titles of room_roles.txt, longest first."""
    return tuple(sorted(lexicon.words("room_roles.txt"), key=len, reverse=True))


def _room_of_staff(d: _Doc, person: Resolved, s: Sentence) -> Resolved | None:
    """The mediation room a person works in, when no body stands before the name: with a room's
    title (room_roles.txt) before the name (“格桑花”调解室，调解员次仁卓嘎) or after it (由周国平担任首席
    调解员), the room named before in the sentence, or, in a sentence that opens with the room
    (调解室由5名退役军人组成，负责人高德顺…), the room named just before; or, for a person known by
    a nickname (“夏姐”名叫夏春梅, 被称为“老杨”), the room named after it (夏姐调解工作室)."""
    norm = d.doc.norm
    rooms = [o for o in d.top.within(s.start, person.start) if o.key[0] == "MediationRoom" and not o.implicit]
    titled = any(norm.endswith(t, 0, person.start) for t in _room_roles()) or any(
        norm.startswith(v + t, person.end) for v in ("担任", "任") for t in _room_roles())
    led, runs = _room_leader_patterns()
    titled = titled or bool(led.search(norm, max(s.start, person.start - 9), person.start)
                            and runs.match(norm, person.end, s.end) and not _office_before(norm, person.start))
    if titled and rooms:
        return max(rooms, key=lambda o: o.end)
    if titled and _room_reference().match(norm, s.start):
        earlier = [o for o in d.top.within(max(0, s.start - 200), s.start)
                   if o.key[0] == "MediationRoom" and not o.implicit]
        if earlier:
            return max(earlier, key=lambda o: o.end)
    before, after = _nickname_patterns()
    nicks = [m.group(1) for m in before.finditer(norm, s.start, person.start + 1) if m.end() == person.start]
    nicks += [m.group(1) for m in after.finditer(norm, person.end, s.end)
              if _CLAUSE_GAP.fullmatch(norm, person.end, m.start()) or _pronoun_nickname(d, person, m)]
    for nick in nicks:
        named = [k for k in d.rooms if k[1].startswith(nick) and len(k[1]) > len(nick)]
        if len(named) == 1:
            return d.by_key[named[0]][0]
    return None


def _office_before(norm: str, at: int) -> bool:
    """由镇党委书记王强牵头: the name follows a leader's title (roles.txt, ending as in
    office_endings.txt); its holder leads the room's work for their body, not in the room."""
    endings = tuple(lexicon.words("office_endings.txt"))
    return any(t.endswith(endings) and norm.endswith(t, 0, at) for t in lexicon.words("roles.txt"))


def _pronoun_nickname(d: _Doc, person: Resolved, m: re.Match[str]) -> bool:
    """贾福生当了30多年村干部，村里人都叫他“老贾”: a nickname word with 他/她 in a later clause
    of the sentence names the person, when the nickname holds the person's surname and the
    sentence names no other person before it."""
    word = m.group(0)
    s = d.sentence_of(person.start)
    return ("他" in word or "她" in word) and person.key[1][:1] in m.group(1) and not any(
        o.key[0] == "Person" and o.key != person.key for o in d.top.within(s.start, m.start()))


_LEADING = re.compile(r"(?:带领|率领|带着)?[^，,。；;、]{0,4}$")


def _led_by_head(d: _Doc, s: Sentence, at: int) -> list[Resolved]:
    """皋落派出所所长王建军带领民警与…: the body whose head, named with the title of a body's head
    (title_bodies.tsv), opens the clause that reaches ``at``."""
    norm = d.doc.norm
    clause = max(norm.rfind(c, s.start, at) for c in "，,；;") + 1
    inside = d.top.within(max(s.start, clause), at)
    people = [r for r in inside if r.key[0] == "Person"]
    bodies = [r for r in inside if r.key[0] == "Organization" and not r.implicit]
    if len(people) != 1 or not bodies or bodies[0].end > people[0].start:
        return []
    title = norm[bodies[0].end : people[0].start]
    if not title.endswith(tuple(_bodies_by_title("title_bodies.tsv"))) or not _title_between(title) \
            or not _LEADING.match(norm, people[0].end, at):
        return []  # 公安局辅警张建国与…: a member, not the head, who speaks for no body
    return [bodies[0]]


def _title_between(gap: str) -> bool:
    """Only a title (所长, 常务副厅长, 市委政法委书记) stands between an organisation and a name."""
    return bool(_TITLE_GAP.match(strip_roles(gap)))


def _cooperation(d: _Doc) -> list[Relation]:
    out = []
    norm = d.doc.norm
    for s in d.sentences:
        for m in _COOPERATION.finditer(norm, s.start, s.end):
            before = [r for r in d.top.within(s.start, m.start()) if m.start() - r.end <= 2
                      and r.key[0] == "Organization"]
            after = [r for r in d.top.starting(m.end(), m.end() + 2) if r.end <= s.end
                     and r.key[0] == "Organization"]
            if not before and after:
                before = _led_by_head(d, s, m.start())
            if not before and m.group() in ("联合", "会同") and after:
                # 同时,会同市委政法委建立了…: the subject is the sentence's or the paragraph's
                subj = _subject(d, Resolved(m.start(), m.start(), after[0].key))
                if subj and subj[0] == "Organization" and subj != after[0].key:
                    out.append(Relation(subj, "cooperatesWith", after[0].key, d.evidence(m.start())))
            if before and after:
                out.append(Relation(before[-1].key, "cooperatesWith", after[0].key, d.evidence(m.start())))
                # 与喜洲镇司法所、镇综治中心建立…: every body of the list works with the subject
                for r in _listed_bodies(d, after[0].end, s.end):
                    out.append(Relation(before[-1].key, "cooperatesWith", r.key, d.evidence(m.start())))
    return out


_LIST_GAP = re.compile(r"[、和及]|以及")


def _listed_bodies(d: _Doc, start: int, end: int, first: bool = False) -> list[Resolved]:
    """The organisations named by name one after another from ``start`` (before ``end``), each
    joined to the one before by 、, 和, 及 or 以及; with ``first``, the one at ``start`` too."""
    norm = d.doc.norm
    out: list[Resolved] = []
    prev_end = start
    for r in d.top.starting(start, end):
        if r.start < prev_end:
            continue
        joined = (first and not out and r.start == start) or bool(_LIST_GAP.fullmatch(norm[prev_end : r.start]))
        if r.key[0] != "Organization" or r.implicit or not joined:
            break
        out.append(r)
        prev_end = r.end
    return out


def _series(d: _Doc, entities: dict[Key, Entity]) -> list[Relation]:
    """长风7号 and 昆仑2025 are parts of the 长风 and 昆仑 series; 派出所主防数字平台 of 派出所主防."""
    out = []
    named = [k for k, e in entities.items() if k[0] in ("Campaign", "Program") and e.docs]
    rank = {k: i for i, k in enumerate(named)}
    for a in named:
        # the shorter names of the same type that this one starts with, in the order first named
        heads = sorted((b for b in ((a[0], a[1][:j]) for j in range(2, len(a[1]))) if b in rank), key=rank.__getitem__)
        first = _first_mention(d, a)
        if first is None:
            continue
        for b in heads:
            rest = a[1][len(b[1]):]
            if a[0] == "Campaign" and not SERIES_ITEM.match(rest):
                continue
            out.append(Relation(a, "partOf", b, d.evidence(first.start)))
    return out


_ADVERB_GAP = 8
"""At most this many characters (近期, 于4月底) between the body and the verb."""


@lru_cache(maxsize=1)
def _unit_verbs() -> re.Pattern[str]:
    """The verbs of unit_verbs.txt, longest first."""
    verbs = sorted(lexicon.words("unit_verbs.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, verbs)))


def _set_up_verb(norm: str, start: int) -> int | None:
    """Where the verb of setting up (unit_verbs.txt) right before ``start`` begins, with only
    quote marks or 了 between (成立“7+N”工作专班): the body named there is set up by another,
    so it is that body's unit and no subject of the sentence."""
    head = norm[max(0, start - 12) : start]
    verb = None
    for m in _unit_verbs().finditer(head):
        if not head[m.end() :].strip(" “”「」\"'了"):
            verb = m
    return start - len(head) + verb.start() if verb is not None else None


def _units_set_up(d: _Doc) -> list[Relation]:
    """省公安厅近期成立“反诈联勤作战中心”: a unit named right after a verb of setting up (unit_verbs.txt)
    is a unit of the body named before it in the same clause; set up by a place (宁晋县成立“爱帮嫂”
    志愿服务队), it is in that place."""
    norm = d.doc.norm
    out = []
    units = [r for r in d.top if r.key[0] in ("Organization", "MediationRoom") and not r.implicit]
    bodies = InOrder(r for r in d.top if r.key[0] == "Organization" and not r.collective)
    places = d.places
    for unit in units:
        verb_start = _set_up_verb(norm, unit.start)
        if verb_start is None:
            continue
        for index, predicate in ((bodies, "subOrganizationOf"), (places, "locatedIn")):
            before = [b for b in index.ending(verb_start - _ADVERB_GAP, verb_start + 1)
                      if not re.search(r"[,，。;；、:：!?！？]", norm[b.end : verb_start]) and b.key != unit.key]
            if before:
                owner = max(before, key=lambda b: b.end)
                out.append(Relation(unit.key, predicate, owner.key, d.evidence(unit.start)))
                break
        # 市司法局在潭门镇设立“潭门渔家调解室”: set up in a place, it is in that place too
        where = [p for p in places.ending(verb_start - 1, verb_start + 1)
                 if p.end in (verb_start, verb_start - 1) and norm[p.start - 1 : p.start] == "在"]
        if where:
            out.append(Relation(unit.key, "locatedIn", where[-1].key, d.evidence(unit.start)))
    return out


_UNDER = re.compile(r"(?:下辖|下设|所属)的?")


def _units_listed(d: _Doc) -> list[Relation]:
    """该分局下辖的磁器口派出所、井口派出所: the bodies listed after 下辖/下设 are units of the
    body (or the body a reference such as 该分局 means) named right before it."""
    norm = d.doc.norm
    out = []
    for m in _UNDER.finditer(norm):
        owner = [r for r in d.top.ending(m.start() - 1, m.start() + 1)
                 if r.end == m.start() and r.key[0] == "Organization"]
        if not owner:
            continue
        for r in _listed_bodies(d, m.end(), min(len(norm), m.end() + 200), first=True):
            if r.key != owner[-1].key:
                out.append(Relation(r.key, "subOrganizationOf", owner[-1].key, d.evidence(r.start)))
    return out




@lru_cache(maxsize=1)
def stationed_verbs() -> re.Pattern[str]:
    """常驻, 入驻, 进驻…: the verbs by which bodies move into a centre (stationed_verbs.txt)."""
    return re.compile("|".join(sorted(lexicon.words("stationed_verbs.txt"), key=len, reverse=True)))


_IN_PLACE = re.compile(r"$|[,，。;；、]|办公|工作|坐班|值守|值班|服务|办理")
"""What follows 常驻 when it names no place: the bodies are stationed where the sentence says."""
BODIES_NOUN = r"(?:部门单位|部门|单位|职能部门|专业调解组织)?(?:力量)?"
"""What a count of listed bodies counts (9个部门, 8个部门单位, 11家单位力量)."""
_STATIONED_GAP = re.compile(rf"(?:等(?:\d+|[一二三四五六七八九十]+)?(?:个|家)?)?{BODIES_NOUN}")


def _stationed(d: _Doc, entities: dict[Key, Entity]) -> list[Relation]:
    """县信访局、县司法局等9个部门常驻办公, 整合……等8个部门单位入驻县综治中心: the bodies listed
    right before 常驻/入驻/进驻 are units of the governance centre the verb names as its object,
    or, where no body follows the verb, of the one named before them in the sentence or its
    paragraph (进驻县政务服务中心 names another place: no unit of a centre)."""
    norm = d.doc.norm
    out = []
    for s in d.sentences:
        matches = list(stationed_verbs().finditer(norm, s.start, s.end))
        if not matches:
            continue
        mentions = d.top.within(s.start, s.end)
        for m in matches:
            orgs = [r for r in mentions if r.end <= m.start() and r.key[0] == "Organization" and not r.implicit]
            if not orgs or not _STATIONED_GAP.fullmatch(norm[orgs[-1].end : m.start()]):
                continue
            listed = [orgs[-1]]
            for r in reversed(orgs[:-1]):
                if not _LIST_GAP.fullmatch(norm[r.end : listed[-1].start]):
                    break
                listed.append(r)
            if len(listed) < 2 and not norm.startswith("等", orgs[-1].end):
                continue  # one body before the verb is its subject, not a list of units
            after = [r for r in mentions if m.end() <= r.start <= m.end() + 1 and r.key[0] == "Organization"]
            if after:
                centre = after[0] if entities[after[0].key].subtype == "GovernanceCenter" else None
            elif not _IN_PLACE.match(norm, m.end()):
                centre = None  # 进驻县政务服务中心: stationed somewhere this text does not name as a centre
            else:
                # the centre named before them in the sentence, or else in the paragraph (建成…县综治
                # 中心。目前，县公安局…等8个部门常驻)
                before = d.top.within(d.paragraph_start(s.start), listed[-1].start)
                centre = next((r for r in reversed(before) if r.end <= listed[-1].start
                               and entities[r.key].subtype == "GovernanceCenter"), None)
            if centre is not None:
                out += [Relation(r.key, "subOrganizationOf", centre.key, d.evidence(r.start)) for r in listed]
    return out




@lru_cache(maxsize=1)
def _local_body() -> re.Pattern[str]:
    """The own part of a local body's name (北京市公安局顺义分局|仁和|派出所), from local_bodies.txt."""
    heads = "|".join(sorted(lexicon.words("local_bodies.txt"), key=len, reverse=True))
    return re.compile(rf"(?:^|公安局|分局|公安处)([\u4e00-\u9fff]{{2,4}}?)(?:{heads})$")


_STATION_LEVELS = tuple(r["ending"] for r in lexicon.table("station_levels.tsv"))


def _stations_placed(d: _Doc, entities: dict[Key, Entity], rels: list[Relation]) -> list[Relation]:
    """仁和派出所, 仁和司法所 in 仁和镇: a local body named after a township, district or county
    of the same text (its name's own part, after any bureau: 北京市公安局顺义分局仁和派出所) is
    located there."""
    placed = {r.s for r in rels if r.p == "locatedIn"}
    out = []
    for key, e in entities.items():
        if e.type != "Organization" or not e.docs or key in placed:
            continue
        m = _local_body().search(key[1])
        if m is None:
            continue
        home = next((("Place", m.group(1) + level) for level in _STATION_LEVELS
                     if ("Place", m.group(1) + level) in entities and entities[("Place", m.group(1) + level)].docs), None)
        first = _first_mention(d, key)
        if home is not None and first is not None:
            out.append(Relation(key, "locatedIn", home, d.evidence(first.start)))
    return out


def _stations_of_bureaus(d: _Doc, entities: dict[Key, Entity], rels: list[Relation]) -> list[Relation]:
    """河洲派出所 in a report on 丰城市: a police station named without its bureau is a unit of the
    public-security bureau or branch of the county-level division named last before it (丰城市公安局,
    南昌市公安局西湖分局 for 西湖区, wherever the text names it); where the text names no such
    body, of the county-level bureau or branch named last before the station (or of the one such
    body of the text)."""
    units = {r.s for r in rels if r.p == "subOrganizationOf"}
    police = {k for k in entities if k[0] == "Organization" and entities[k].docs and _county_police(k, entities)}
    if not police:
        return []
    police_names = sorted(k[1] for k in police)
    # top-level mentions do not overlap: the one that ends last before a point started last
    named = [r for r in d.top if not r.implicit and r.key in police]
    named_ends = [r.end for r in named]
    counties = [r for r in d.top if not r.implicit and r.key[0] == "Place" and entities[r.key].subtype == "County"]
    county_ends = [r.end for r in counties]
    county_names = [k[1] for k, c in entities.items() if k[0] == "Place" and c.subtype == "County" and c.docs]
    out = []
    for key, e in entities.items():
        if e.type != "Organization" or not e.docs or key in units or not key[1].endswith("派出所") \
                or "公安" in key[1] or "分局" in key[1]:
            continue
        first = _first_mention(d, key)
        if first is None:
            continue
        # the county its own name gives (南昌市西湖区桃源派出所, 红谷滩派出所 of 红谷滩区) decides
        own = [c for c in county_names if c in key[1] or key[1].startswith(c[:-1]) and len(c) > 2]
        i = bisect.bisect_right(county_ends, first.start) - 1
        near = None if own or i < 0 else counties[i]
        county = own[0] if own else near.key[1] if near else None
        name = next((n for n in police_names if county and (n == county + POLICE_HEAD["County"]
                                                             or n.endswith(county[:-1] + "分局"))), None)
        bureau = ("Organization", name) if name else None
        # a county named in the station's own sentence (在南昌县，莲塘派出所…) with no bureau of its
        # own named leaves the station's bureau unknown; one named elsewhere, in passing, does not
        if bureau is None and not own and (near is None or d.sentence_index(near.start) != d.sentence_index(first.start)):
            j = bisect.bisect_right(named_ends, first.start) - 1
            bureau = named[j].key if j >= 0 else (next(iter(police)) if len(police) == 1 else None)
        if bureau is not None:
            out.append(Relation(key, "subOrganizationOf", bureau, d.evidence(first.start)))
    return out


def _county_police(key: Key, entities: dict[Key, Entity]) -> bool:
    """Is this a county-level public-security body: a branch (…公安局坡头分局) or the bureau of a
    county (丰城市公安局 where 丰城市 is county-level)?"""
    name = key[1]
    if name.endswith("分局"):
        return "公安" in name or "派出所" not in name
    if name.endswith(POLICE_HEAD["County"]):
        place = entities.get(("Place", name[: -len(POLICE_HEAD["County"])]))
        return place is not None and place.subtype == "County"
    return False


def _units_by_name(d: _Doc, entities: dict[Key, Entity]) -> list[Relation]:
    """丰城市委政法委 is a unit of 丰城市委, 江西省公安厅党委 of 江西省公安厅: a body whose
    name extends another body's name of the same document."""
    out = []
    orgs = sorted((k for k, e in entities.items() if e.type == "Organization" and e.docs), key=lambda k: len(k[1]))
    names = {k[1] for k in orgs}
    for a in orgs:
        # the longest other body's name that the name extends by two characters or more
        parent = next((a[1][:j] for j in range(len(a[1]) - 2, 0, -1) if a[1][:j] in names), None)
        if parent is not None:
            first = _first_mention(d, a)
            if first is not None:
                out.append(Relation(a, "subOrganizationOf", ("Organization", parent), d.evidence(first.start)))
    return out
