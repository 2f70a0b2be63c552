"""Resolution: mentions become entities. Partial names are completed from context (市公安局 →
丰城市公安局), short and Traditional forms become aliases, references such as 我省 and 该局
point at the entity they stand for, and documents merge on (type, canonical name)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon
from . import places as placelib
from .model import Document, DocumentResult, Entity, Mention, Relation, Statistic
from .normalise import QUOTE_CHARS
from .organizations import HEAD_SYNONYMS, LONG_LEVEL_WORDS
from .spans import Cover

Key = tuple[str, str]

# references that stand for an entity without naming it: pattern → (type, level or head)
_REFERENCES = re.compile(r"(?<![健安完齐周保])(?:(全省|我省|全市|我市|全县|我县|全区|我区)公安机关|(我省|全省|本省|该省|我市|全市|本市|该市|我县|全县|本县|该县|我区|全区|本区|该区|我州|全州|本州|该州|全盟|全旗|全镇|我镇|本镇|该镇|全乡|我乡|本乡|该乡|该分局|该支队|该大队|该派出所|该局|该所|该中心|该院|该庭|该队|该调解室|该工作室|自治区))")
POLICE_HEAD = {r["level"]: r["head"] for r in lexicon.table("police_heads.tsv")}
"""The name of a division's public-security organ: its name and this head (江西省公安厅)."""
_POLICE_STAFF = "公安机关"
_REF_LEVEL = {r["word"]: r["level"] for r in lexicon.table("level_words.tsv") if r["refers"] == "yes"}
"""The level words 我/全/本/该 + word refer with to the division a text is about (我省, 全市)."""
_PARTNER_BEFORE = re.compile(r"(?:[与和同向对]|联合|会同|配合)$")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


@dataclass
class Resolved:
    """A mention tied to its entity; references (我省) have ``implicit`` set."""

    start: int
    end: int
    key: Key
    implicit: bool = False
    collective: bool = False
    """A reference to a body through its staff as a whole (全省公安机关), not to the body."""


def resolve_document(doc: Document, mentions: list[Mention]) -> tuple[dict[Key, Entity], list[Resolved]]:
    """Turn the mentions of one document into entities and resolved mentions."""
    norm = doc.norm
    placelib.resolve_homonyms([m for m in mentions if m.type == "Place"])
    home = _home_places(mentions)
    places_ending: dict[str, tuple[list[int], list[Mention]]] = {}
    bodies_ending: dict[str, tuple[list[int], list[Mention]]] = {}
    for m in mentions:
        if m.source == "partial":
            _complete_partial(m, mentions, home, norm, places_ending)
    for m in mentions:  # after them: 市局党委 may stand for a 市公安局 completed above
        if m.source == "partial_unit":
            _complete_unit(m, mentions, bodies_ending)
    mentions = [m for m in mentions if m.source not in ("partial", "partial_unit")]
    _name_units_of_completed(mentions, norm)
    _drop_enclosing_division(mentions, norm)
    entities: dict[Key, Entity] = {}
    alias_index: dict[tuple[str, str], Key] = {}
    resolved: list[Resolved] = []
    # longest names first, so that short forms find the entity they abbreviate
    order = sorted(mentions, key=lambda m: (-len(m.name), m.start))
    for m in order:
        key = _lookup(m, entities, alias_index)
        ent = entities.get(key)
        if ent is None:
            ent = Entity(type=m.type, name=m.name, subtype=m.subtype, adcode=m.adcode, role=m.role)
            entities[key] = ent
            alias_index[(m.type, m.name)] = key
            _index_short_heads(alias_index, m.type, m.name, key)
        ent.docs.add(doc.id)
        if m.role and not ent.role:
            ent.role = m.role
        for form in (*m.aliases, _clean(norm[m.start : m.end]), _clean(doc.text[m.start : m.end])):
            if form and form != ent.name and m.type != "Statistic":
                ent.aliases.add(form)
                alias_index.setdefault((m.type, form), key)
                # 汉中市城固县社会治安综合治理中心, written 城固县社会治安综合治理中心 too: a later
                # 县综治中心 completed to 城固县综治中心 is it
                _index_short_heads(alias_index, m.type, form, key)
        if m.name != ent.name:
            ent.aliases.add(m.name)
        resolved.append(Resolved(m.start, m.end, key))
    resolved += _short_names(norm, resolved, entities)
    resolved += _references(norm, resolved, entities, home)
    resolved.sort(key=lambda r: (r.start, -r.end))
    return entities, resolved


def _index_short_heads(alias_index: dict[tuple[str, str], Key], kind: str, name: str, key: Key) -> None:
    """A name with a long head (…社会治安综合治理中心) is also found by its short head (…综治中心)."""
    for short, full in HEAD_SYNONYMS.items():
        if name.endswith(full):
            alias_index.setdefault((kind, name[: -len(full)] + short), key)


def _name_units_of_completed(mentions: list[Mention], norm: str) -> None:
    """县人民法院诉讼服务中心 → 吴桥县人民法院诉讼服务中心: a unit whose name opens with a partial
    name completed from context opens with the completed name too."""
    completed = {m.start: m for m in mentions if m.source == "context" and m.type == "Organization"}
    for m in mentions:
        p = completed.get(m.start)
        if p is not None and m is not p and m.type == "Organization" and m.end > p.end \
                and m.name == norm[m.start : m.end]:
            m.aliases = (*m.aliases, m.name)
            m.name = p.name + norm[p.end : m.end]


def _drop_enclosing_division(mentions: list[Mention], norm: str) -> None:
    """江西省南昌市公安局 is 南昌市公安局: a body's name that opens with a province and then a
    division inside it is named without the province (kept as an alias), so that it is one
    node with the body other texts name without it."""
    places = {m.start: m for m in mentions if m.type == "Place" and m.adcode}
    for m in mentions:
        if m.type not in ("Organization", "MediationRoom") or m.name != norm[m.start : m.end]:
            continue
        outer = places.get(m.start)
        inner = places.get(outer.end) if outer is not None else None
        if outer is None or inner is None or inner.end >= m.end:
            continue
        # only a province: a district's name without its city (青山湖区司法局) is ambiguous
        if outer.subtype != "Province" or inner.adcode[:2] != outer.adcode[:2]:
            continue
        prefix = norm[m.start : inner.start]
        m.aliases = (*m.aliases, m.name)
        m.name = m.name[len(prefix):]
        if m.parent.startswith(prefix):
            m.parent = m.parent[len(prefix):]


def _clean(s: str) -> str:
    return "".join(c for c in s if c not in QUOTE_CHARS and not c.isspace())


_ROOM_HEAD = re.compile(r"(调解工作室|调解室|工作室|调解中心)$")


def _lookup(m: Mention, entities: dict[Key, Entity], alias_index: dict[tuple[str, str], Key]) -> Key:
    key = (m.type, m.name)
    if key in entities:
        return key
    if m.source == "context":
        return alias_index.get(key, key)  # 市委政法委 of 丰城市 is not the one of 鹰潭市
    if m.type == "MediationRoom":
        stem = _ROOM_HEAD.sub("", m.name)
        for k in entities:
            if k[0] == "MediationRoom" and _ROOM_HEAD.sub("", k[1]) == stem and stem:
                return k
    if (m.type, m.name) in alias_index:
        return alias_index[(m.type, m.name)]
    for a in m.aliases:
        if (m.type, a) in alias_index:
            return alias_index[(m.type, a)]
    return key


def _home_places(mentions: list[Mention]) -> dict[str, Mention]:
    """The most often mentioned place of each level: what 我省, 全市, 市公安局 refer to."""
    out: dict[str, Mention] = {}
    for level in ("Province", "City", "County"):
        counts = Counter(m.name for m in mentions if m.type == "Place" and m.subtype == level)
        if counts:
            name = counts.most_common(1)[0][0]
            out[level] = next(m for m in mentions if m.type == "Place" and m.name == name)
    if "Province" not in out:
        # a document that names only cities still has a province: the first city's
        for level in ("City", "County"):
            if level in out:
                anc = [a for a in placelib.ancestors(out[level].adcode) if a.level == "Province"]
                if anc:
                    d = anc[0]
                    out["Province"] = Mention(0, 0, "Place", d.name, d.level, d.adcode, source="gazetteer", implicit=True)
                break
    return out


def _complete_partial(m: Mention, mentions: list[Mention], home: dict[str, Mention], norm: str,
                      places_ending: dict[str, tuple[list[int], list[Mention]]]) -> None:
    """市公安局 → 丰城市公安局: the nearest place before it whose name ends with that level word;
    for 省, where the document has a province (its most named), only a province of the same
    sentence comes before it (省公安厅 in a Guangdong report is 广东省公安厅, even after
    辽宁、湖北等地警方 in the sentence before)."""
    level_char = next((w for w in LONG_LEVEL_WORDS if m.name.startswith(w)), m.name[0])
    head = m.name[len(level_char):]
    if level_char not in places_ending:
        # the places that can complete it, by start (kept per level word: thousands of partial
        # names in a long report must not each scan every mention)
        # for 市 a county-level city too, and a municipality (市委政法委 in a report from 天津)
        # (not a lake's area: 三峡库区…区公安分局 is the district's)
        fit = sorted((p for p in mentions if p.type == "Place" and p.name.endswith(level_char) and not p.implicit
                      and p.subtype != "Feature"
                      and (level_char != "市" or p.subtype in ("City", "County", "Province"))), key=lambda p: p.start)
        places_ending[level_char] = ([p.start for p in fit], fit)
    starts, fit = places_ending[level_char]
    i = bisect_left(starts, m.start) - 1
    best = fit[bisect_left(starts, starts[i])] if i >= 0 else None  # the latest start; of equals, the first
    if best is not None and level_char in ("省", "自治区") and "Province" in home and _SENTENCE_END.search(norm, best.end, m.start):
        best = None
    if best is None:
        level = _REF_LEVEL.get(level_char) or LONG_LEVEL_WORDS.get(level_char, "")
        best = home.get(level)
        if best is None and level_char == "市" and home.get("Province") and home["Province"].name.endswith("市"):
            best = home["Province"]  # 记者从市委政法委获悉，…我市 in a report from 天津: the municipality
        if best is None or not best.name.endswith(level_char):
            if level_char == "街道":
                m.source = "suffix"  # kept as written: a street named later in full takes it in
            return
    m.aliases = (*m.aliases, m.name)
    m.name = best.name + head
    m.source = "context"


def _complete_unit(m: Mention, mentions: list[Mention],
                   bodies_ending: dict[str, tuple[list[int], list[Mention]]]) -> None:
    """大队党委 → 万载县消防救援大队党委: the latest body named before it whose name ends as the
    short form says (and holds its level word: 省厅 is a 省's 厅); left partial (dropped) when
    the text names none."""
    ending, level = m.role.split("\t")
    kind = level + ending  # the short form itself (大队, 省厅)
    if kind not in bodies_ending:
        fit = sorted((o for o in mentions if o.type == "Organization" and o.source not in ("partial", "partial_unit")
                      and o.name.endswith(ending) and level in o.name[: -len(ending)]), key=lambda o: o.start)
        bodies_ending[kind] = ([o.start for o in fit], fit)
    starts, fit = bodies_ending[kind]
    i = bisect_left(starts, m.start) - 1
    if i < 0:
        return
    body = fit[i]
    m.aliases = (*m.aliases, m.name)
    m.name = body.name + m.name[len(kind):]
    m.parent = body.name
    m.role = ""
    m.source = "context"


def _divisions_ending(char: str, level: str, resolved: list[Resolved], entities: dict[Key, Entity],
                      home: dict[str, Mention]) -> tuple[list[int], list[Key]]:
    """The places a 全市 / 我县 may mean, by where they end: divisions of that level (for 市 a
    county-level city too) whose name ends with ``char``, in the document's province where it
    has one (萍乡市…湖南省浏阳市…全市 is 萍乡)."""
    # for 市 a county-level city too, and a municipality (全市 in a report from 重庆 is 重庆市)
    levels = ("City", "County", "Province") if char == "市" else (level,)
    province = home["Province"].adcode[:2] if "Province" in home and home["Province"].adcode else ""
    found = sorted((r.end, r.key) for r in resolved if r.key[0] == "Place" and r.key[1].endswith(char)
                   and entities[r.key].subtype in levels
                   and (not province or not entities[r.key].adcode or entities[r.key].adcode.startswith(province)))
    return [e for e, _ in found], [k for _, k in found]


def _prefecture_of(city: Key, before: list[Key], entities: dict[Key, Entity], named: Counter[Key]) -> Key:
    """What a 全市 means when the city named last before it is a county-level one of another
    paragraph: the prefecture-level city named before that it lies in, where the text names that
    one as often at least or before it (绥化市…肇东市综治中心…。(a new paragraph) 全市创建平安村: 绥化市; not in a
    report on 义乌市 that names 金华市 once as where it lies), else that city."""
    if entities[city].subtype != "County" or not entities[city].adcode:
        return city
    enclosing = {("Place", a.name) for a in placelib.ancestors(entities[city].adcode) if a.level == "City"}
    prefecture = next((k for k in reversed(before) if k in enclosing), city)
    # named as often, or first (宜春市公安局…。樟树市…樟树市…。全市: 宜春市, which opens the report)
    return prefecture if named[prefecture] >= named[city] or prefecture in before and before.index(prefecture) < (before.index(city) if city in before else len(before)) \
        else city


def _references(norm: str, resolved: list[Resolved], entities: dict[Key, Entity], home: dict[str, Mention]) -> list[Resolved]:
    out = []
    nearest: dict[str, tuple[list[int], list[Key]]] = {}
    ending: dict[tuple[str, str], tuple[list[int], list[Resolved]]] = {}

    def _last_before(pos: int, kind: tuple[str, str]) -> Key | None:
        """What 该X at ``pos`` refers to: the last mention to end before it of that kind, a place
        of a level or a body whose name ends so (of equal ends, the first resolved); the mentions
        of each kind are listed once, by end."""
        if kind not in ending:
            t, v = kind
            # a body named as the partner or object of another (与喜洲镇司法所建立…) is not what
            # a later 该所 speaks of
            found = sorted((r for r in resolved if r.key[0] == t and (
                entities[r.key].subtype == v if t == "Place" else r.key[1].endswith(v))
                and not (t == "Organization" and _PARTNER_BEFORE.search(norm, max(0, r.start - 2), r.start))),
                key=lambda r: r.end)
            ending[kind] = ([r.end for r in found], found)
        ends, found = ending[kind]
        i = bisect_right(ends, pos) - 1
        return found[bisect_left(ends, ends[i])].key if i >= 0 else None

    times_named: Counter[Key] | None = None  # how often each entity is named, counted when first needed
    named_places = [(r.start, r.end) for r in resolved if r.key[0] == "Place"]
    inside_place = Cover(named_places)
    named = Cover([(r.start, r.end) for r in resolved])
    for rm in _REFERENCES.finditer(norm):
        word = rm.group()
        s = rm.start()
        target: Key | None = None
        if named.overlaps(s, rm.end()):
            continue  # 该乡信访办公室: part of a name completed from context
        if word == "自治区":
            # 2024年自治区群众安全感…: the region the report is from, written without its name
            # (not the 自治区 of 广西壮族自治区, nor 自治区党委, a body completed elsewhere)
            region = home.get("Province")
            if region is not None and region.name.endswith("自治区") and not inside_place.covers(s, rm.end()) \
                    and not norm.startswith(("党委", "公安厅", "政府", "人民", "高级", "司法厅", "综治"), rm.end()):
                out.append(Resolved(s, rm.end(), ("Place", region.name), implicit=True))
            continue
        if rm.group(1):
            # 全省公安机关: the province's public-security department, where the text names it
            level = _REF_LEVEL[rm.group(1)[-1]]
            if rm.group(1)[-1] == "区" and "Province" in home and home["Province"].name.endswith("自治区"):
                level = "Province"  # 全区公安机关 in a report from 宁夏: the region's police
            if level in home:
                k = ("Organization", home[level].name + POLICE_HEAD[level])
                out.append(Resolved(s, s + 2, ("Place", home[level].name), implicit=True))
                if k in entities:
                    out.append(Resolved(s + 2, rm.end(), k, implicit=True, collective=True))
            continue
        if word[-1] in _REF_LEVEL:
            level = _REF_LEVEL[word[-1]]
            if word.startswith("该"):
                target = _last_before(s, ("Place", level))
            elif level != "Province":
                # 全市, 我县: the nearest division of that level named before it (a report on
                # several cities speaks of the one it is at), not the document's most named one
                if word[-1] not in nearest:
                    nearest[word[-1]] = _divisions_ending(word[-1], level, resolved, entities, home)
                ends, keys = nearest[word[-1]]
                i = bisect_right(ends, s)
                if i:
                    target = keys[i - 1]
                    if word[-1] == "市" and "\n" in norm[ends[i - 1] : s]:
                        if times_named is None:
                            times_named = Counter(r.key for r in resolved if not r.implicit)
                        target = _prefecture_of(target, keys[: i - 1], entities, times_named)
                region = home.get("Province")
                if word[-1] == "区" and region is not None and region.name.endswith("自治区") and \
                        (target is None or "\n" in norm[ends[i - 1] : s]):
                    # 全区 in a report from Guangxi is the region, unless a district of the
                    # same paragraph was named before it
                    target = ("Place", region.name)
            if target is None and level in home and home[level].name.endswith(word[-1]):
                target = ("Place", home[level].name)
        else:
            suffix = word[1:]
            # 该调解室: the room named last before it; 该局: the body
            target = _last_before(s, ("MediationRoom" if suffix.endswith("室") else "Organization", suffix))
        if target is not None:
            if target not in entities and target[0] == "Place":
                continue
            out.append(Resolved(s, rm.end(), target, implicit=True))
    out += _bare_heads(norm, resolved, Cover([(r.start, r.end) for r in resolved + out]))
    for r in resolved:
        # 武汉公安机关: that place's public-security organ through its staff, where the text names it
        # (the whole span, so that the place inside it is not taken for the subject)
        if r.key[0] == "Place" and not r.implicit and norm.startswith(_POLICE_STAFF, r.end):
            head = POLICE_HEAD.get(entities[r.key].subtype)
            if head and ("Organization", r.key[1] + head) in entities:
                out.append(Resolved(r.start, r.end + len(_POLICE_STAFF), ("Organization", r.key[1] + head),
                                    implicit=True, collective=True))
    return out


_SHORT_NAME = re.compile(r"[（(](?:以下|下文)?简称[:：为]?[“\"「]?([^）)”\"」，,。]{2,12})[”\"」]?[）)]")
"""（以下简称市矛调中心）: the short name a text gives the name written right before it."""


def _short_names(norm: str, resolved: list[Resolved], entities: dict[Key, Entity]) -> list[Resolved]:
    """桐乡市社会矛盾纠纷调处化解中心（以下简称市矛调中心）: every later 市矛调中心 of the text is
    that entity, and the short name one of its aliases."""
    by_end = {r.end: r for r in resolved if not r.implicit}
    taken = Cover([(r.start, r.end) for r in resolved])
    out: list[Resolved] = []
    for m in _SHORT_NAME.finditer(norm):
        named = by_end.get(m.start())
        if named is None:
            continue
        short = m.group(1)
        entities[named.key].aliases.add(short)
        at = norm.find(short, m.end())
        while at >= 0:
            if not taken.overlaps(at, at + len(short)):
                out.append(Resolved(at, at + len(short), named.key))
            at = norm.find(short, at + len(short))
    return out


@lru_cache(maxsize=1)
def _bare_heads_table() -> tuple[re.Pattern[str], frozenset[str]]:
    """The pattern of a bare head word opening a clause (anaphor_heads.tsv), and the heads that
    may refer back beyond their paragraph."""
    rows = sorted(lexicon.table("anaphor_heads.tsv"), key=lambda r: -len(r["head"]))
    heads = "|".join(re.escape(r["head"]) + (f"(?!{r['not_before']})" if r["not_before"] else "") for r in rows)
    # not an item of a list of kinds (派出所、司法所…), nor the subject of a definition (派出所是…)
    pattern = re.compile(rf"(?:(?<=[\n。！？!?；;，,：:”」])|^)(?:这个|这支|这家|该|此)?({heads})(?!、|是|作为|属于)",
                         re.M)
    return pattern, frozenset(r["head"] for r in rows if r["whole_text"] == "yes")


def _bare_heads(norm: str, resolved: list[Resolved], taken: Cover) -> list[Resolved]:
    """中心已受理…, 这支巡逻队由…: a head word opening a clause stands for the body or room named
    last before it whose name ends so, in its paragraph, or, for the heads that may
    (anaphor_heads.tsv), in an earlier one where the text has named only one of that head so far
    (farther back, a bare 中心 may be another's)."""
    pattern, whole_text = _bare_heads_table()
    bodies = sorted((r for r in resolved if r.key[0] in ("Organization", "MediationRoom") and not r.implicit),
                    key=lambda r: r.end)
    ends = [r.end for r in bodies]
    out = []
    for m in pattern.finditer(norm):
        s, head = m.start(), m.group(1)
        if taken.overlaps(s, m.end()):
            continue  # part of a name, or a reference already (该中心)
        before = [r for r in bodies[: bisect_right(ends, s)] if r.key[1].endswith(head) and r.key[1] != head]
        if not before:
            continue
        in_paragraph = before[-1].end > norm.rfind("\n", 0, s) + 1
        if in_paragraph or (head in whole_text and len({r.key for r in before}) == 1):
            out.append(Resolved(s, m.end(), before[-1].key, implicit=True))
    return out


def merge_results(results: list[DocumentResult]) -> tuple[dict[Key, Entity], list[Relation], list[Statistic]]:
    """The corpus of these documents: entities merged across them, all relations and statistics."""
    entities = merge_entities([r.entities for r in results])
    return entities, [rel for r in results for rel in r.relations], [s for r in results for s in r.statistics]


def merge_entities(results: list[dict[Key, Entity]]) -> dict[Key, Entity]:
    """One node per (type, canonical name) across documents, with all aliases and documents."""
    merged: dict[Key, Entity] = {}
    for ents in results:
        for key, e in ents.items():
            if key not in merged:
                merged[key] = Entity(e.type, e.name, e.subtype, set(e.aliases), e.adcode, e.role, set(e.docs))
            else:
                t = merged[key]
                t.aliases |= e.aliases
                t.docs |= e.docs
                t.subtype = t.subtype or e.subtype
                t.adcode = t.adcode or e.adcode
                t.role = t.role or e.role
    return merged
