"""Organisations: a suffix grammar over place names and proper names (南昌市公安局西湖分局,
桃源派出所, 市委政法委), lexicons of national bodies and media, and short forms (鹰潭公安)."""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon
from . import places as placelib
from .lexicon import Lexicon
from .model import Mention
from .ner import Tagger
from .spans import Cover

_CJK = re.compile(r"[\u4e00-\u9fff]")
_NAME_STOP = set("的在了和与及是到对从向把将被为由于以等各该全本每个这那其有位名次处至赴往经过里内外上下中即就也都又还并且而或、,，。:：;；!！?？“”\"「」()（）《》 \n")
_NAME_CHARS = set("都中上下里内外和")
"""Characters of _NAME_STOP that place and street names often hold (龙都, 中山路, 上塘, 城里)."""
_NOMINAL = {"n", "nz", "nw", "LOC", "ORG", "PER", "s", "an", "j", "ns", "nt"}
LEVEL_WORDS = {r["word"]: r["level"] for r in lexicon.table("level_words.tsv") if len(r["word"]) == 1}
"""One-character words that end a division's name, and the level they give (level_words.tsv)."""
LONG_LEVEL_WORDS = {r["word"]: r["level"] for r in lexicon.table("level_words.tsv") if len(r["word"]) > 1}
"""Level words longer than one character, which partial names use as 省 and 镇 (自治区公安厅,
街道综治中心)."""
HEAD_SYNONYMS = {r["short"]: r["full"] for r in lexicon.table("head_synonyms.tsv")}
"""Synonymous heads: a short head in one mention and the long one in another name one body."""
_NOT_ALIAS_AFTER = tuple(sorted(lexicon.words("not_alias_after.txt")))


@lru_cache(maxsize=1)
def _named_orgs() -> Lexicon[tuple[str, str]]:
    return Lexicon({**lexicon.named_entries("national_orgs.tsv", "subtype"),
                    **lexicon.named_entries("media.tsv", None, "Media")})


def find_organizations(norm: str, places: list[Mention], tagger: Tagger) -> list[Mention]:
    """Organisation mentions of a normalised document, in text order.

    Partial names (市公安局, 省委) come out with ``source='partial'`` and the level word as
    their subtype hint; :mod:`kg.resolve` completes them from context.
    """
    place_by_end: dict[int, Mention] = {}
    for p in sorted(places, key=lambda m: m.start):
        if p.end - p.start >= 2 or p.source == "gazetteer":
            place_by_end.setdefault(p.end, p)
    org_by_end: dict[int, Mention] = {}
    ending: dict[int, list[Mention]] = {}  # the organisations found so far, by where they end
    hits = _lexicon_hits(norm, places)
    for s, e, (name, subtype) in hits:
        m = Mention(s, e, "Organization", name, subtype, source="lexicon")
        ending.setdefault(e, []).append(m)
        org_by_end[e] = m
    known = Cover((s, e) for s, e, _ in hits)
    generic = lexicon.words("generic_org_stems.txt")
    heads = lexicon.org_heads()
    for hs, he, head in heads.find_all(norm):
        if known.holds(hs):
            continue
        subtype, allowed = heads.entries[head]
        built = _build(norm, hs, he, head, subtype, allowed, place_by_end, org_by_end, tagger, generic)
        if built is None:
            continue
        # a longer organisation that ends here replaces a shorter one found at the same end
        ending[built.end] = [o for o in ending.get(built.end, []) if o.start <= built.start] + [built]
        org_by_end[he] = built
    out = [m for found in ending.values() for m in found]
    out += _police_short_forms(norm, places)
    out.sort(key=lambda m: (m.start, -m.end))
    return out


@lru_cache(maxsize=1)
def _word_after() -> dict[str, str]:
    """Characters that, after a known name ending with the key, make it part of a longer word
    (word_after.tsv: 明报 in 昆明报道, 公安部 in 公安部门)."""
    return {r["ending"]: r["chars"] for r in lexicon.table("word_after.tsv")}


def _lexicon_hits(norm: str, places: list[Mention]) -> list[tuple[int, int, tuple[str, str]]]:
    lex = _named_orgs()
    hits = _mastheads(norm, places)
    taken = Cover((s, e) for s, e, _ in hits)
    for s, e, w in lex.find_all(norm):
        name, subtype = lex.entries[w]
        if norm[e : e + 1] and norm[e : e + 1] in _word_after().get(w[-1], "") or taken.overlaps(s, e):
            continue
        hits.append((s, e, (name, subtype)))
    # a medium credited with the report and not known by name (a known one wins: 央视新闻客户端)
    taken = Cover((s, e) for s, e, _ in hits)
    hits += [(s, e, (norm[s:e], "Media")) for s, e in _credited(norm) if not taken.overlaps(s, e)]
    return sorted(hits)


@lru_cache(maxsize=1)
def _masthead_pattern() -> re.Pattern[str]:
    """A medium's name at a line's start (media_heads.txt endings)."""
    heads = "|".join(sorted(lexicon.words("media_heads.txt"), key=len, reverse=True))
    # at a line's start: the name alone on its line or before a date, or the name before 讯; a
    # bare 网 (防控网, 天网) only before 讯 (云南网讯)
    return re.compile(rf"(?m)^[ \t\u3000]*([\u4e00-\u9fff]{{2,8}}?(?:{heads}))"
                      rf"(?=讯|[ \t\u3000]*(?:\n|$|\d{{4}}[-年/.]))|^[ \t\u3000]*([\u4e00-\u9fff]{{2,6}}?网)(?=讯)")


@lru_cache(maxsize=1)
def _credit_pattern() -> re.Pattern[str]:
    """A medium named where only a medium can stand: after 来源, or opening a line before its
    dateline's 讯 or before 记者 and the reporter's name (中国甘肃网7月3日讯, 多彩贵州网记者 杨光明;
    not 据法治日报记者了解)."""
    heads = "|".join(sorted({*lexicon.words("media_heads.txt"), *lexicon.words("credit_heads.txt")},
                            key=len, reverse=True))
    name = rf"[\u4e00-\u9fff]{{2,10}}?(?:{heads})"
    reporter = r"(?:全媒体)?记者(?:[ \t\u3000]+|[\u4e00-\u9fff]{2,4}(?:[ \t\u3000]|$))"
    return re.compile(rf"来源[:：][ \t\u3000]*({name})(?=[ \t\u3000]|$|\d)"
                      rf"|^[ \t\u3000]*(?!据|经|从|向)({name})(?=(?:\d{{1,2}}月\d{{1,2}}日)?讯|[ \t\u3000]*{reporter})",
                      re.M)


def _credited(norm: str) -> list[tuple[int, int]]:
    """Spans of the media named as a report's source or credited with it (来源：黄河新闻网)."""
    return [m.span(1 if m.group(1) else 2) for m in _credit_pattern().finditer(norm)]


def _mastheads(norm: str, places: list[Mention]) -> list[tuple[int, int, tuple[str, str]]]:
    """News media named by their masthead or byline, known or not, whose name opens with a
    place (河北长安网, 香港文汇报, 云南网讯): not a line of a page's chrome (关注新华网)."""
    place_at = {p.start: p.end for p in places}
    out = []
    for m in _masthead_pattern().finditer(norm):
        g = 1 if m.group(1) else 2
        end = place_at.get(m.start(g))
        if end is not None and end < m.end(g):
            out.append((m.start(g), m.end(g), (m.group(g), "Media")))
    return out


def _place_chain_start(norm: str, end: int, place_by_end: dict[int, Mention]) -> tuple[int, list[Mention]]:
    """Start of the run of adjacent place names that ends at ``end`` (南昌市西湖区)."""
    chain: list[Mention] = []
    pos = end
    while pos in place_by_end:
        p = place_by_end[pos]
        chain.insert(0, p)
        pos = p.start
    return pos, chain


def _build(norm: str, hs: int, he: int, head: str, subtype: str, allowed: set[str],
           place_by_end: dict[int, Mention], org_by_end: dict[int, Mention], tagger: Tagger,
           generic: frozenset[str]) -> Mention | None:
    parent = org_by_end.get(hs) if "org" in allowed else None
    unit_start = hs
    chain: list[Mention] = []
    name_start = None
    if parent is None and "org" in allowed and subtype == "PartyCommittee" and hs not in place_by_end:
        short = _short_unit(norm, hs, he)
        if short is not None:
            return short
    if parent is None:
        if hs in place_by_end and ("place" in allowed or "name" in allowed):
            unit_start, chain = _place_chain_start(norm, hs, place_by_end)
            if subtype == "Other" and norm[unit_start - 1 : unit_start] == "驻":
                return _sent_to(norm, unit_start - 1, he, subtype, org_by_end)
        elif "name" in allowed:
            if "place" in allowed and (_long_level_word(norm, hs) or norm[hs - 1 : hs] in LEVEL_WORDS
                                       and (norm[max(0, hs - 3) : hs - 1] in lexicon.words("body_verbs.txt")
                                            or norm[hs - 2 : hs - 1] == "的")):
                # 街道综治中心, 县委政法委联合县人民法院, 建成面积2600平方米的县综治中心: the place
                # is in context
                return _partial(norm, hs, he, head, subtype, allowed)
            name_start = _unit_name_start(norm, hs, tagger, org_by_end, place_by_end)
            if name_start is None:
                return _partial(norm, hs, he, head, subtype, allowed)
            stem = norm[name_start:hs]
            for g in sorted(generic, key=len, reverse=True):
                if stem.startswith(g) and len(stem) - len(g) >= 2:
                    name_start += len(g)  # 辖区梅苑派出所 → 梅苑派出所
                    stem = stem[len(g):]
                    break
            if stem in generic or any(stem.endswith(g) for g in generic if len(g) >= 2):
                return None
            unit_start, chain = _place_chain_start(norm, name_start, place_by_end)
        elif "place" in allowed:
            return _committee_unit(norm, hs, he, head, subtype, org_by_end) or _partial(norm, hs, he, head, subtype, allowed)
        else:
            return None
        parent = org_by_end.get(unit_start)
        if parent is not None and "place" in allowed and "name" not in allowed and not chain:
            parent = None
    if head == "委" and (not chain or chain[-1].name[-1] not in "省市县区州" or norm[he : he + 1] in "员会托屈"):
        return None
    aliases: list[str] = []
    if parent is not None:
        start = parent.start
        name = parent.name + norm[unit_start:he]
        if he - unit_start > len(head):
            aliases.append(norm[unit_start:he])
        parent_name = parent.name
    else:
        start = unit_start
        name = norm[unit_start:he]
        parent_name = ""
        # 甘肃综治中心 → 甘肃省综治中心; not a newspaper's or a school's own name (南昌工学院)
        if len(chain) == 1 and norm[chain[0].start : chain[0].end] != chain[0].name and subtype not in ("Media", "Other"):
            aliases.append(name)
            name = chain[0].name + norm[chain[0].end : he]
    if name_start is not None and name_start > unit_start:
        aliases.append(norm[name_start:he])
    if len(chain) > 1:
        aliases.append(norm[chain[-1].start : he])
    if start >= 2 and norm[start - 2 : start] == "中共":
        aliases.append(name)
        start -= 2
        name = "中共" + name
    if parent is None and not chain and name_start is None:
        return None
    return Mention(start, he, "Organization", name, subtype, aliases=tuple(aliases), source="suffix",
                   parent=parent_name)


def _sent_to(norm: str, at: int, he: int, subtype: str, org_by_end: dict[int, Mention]) -> Mention:
    """省公安厅驻电白工作专班: a task force a body sends to a place (驻 at ``at``) is the body's unit,
    named with it, not the place's; written without the body (驻电白工作专班摸排…) it keeps the
    name as written, which the full name holds as an alias."""
    sent = norm[at:he]
    body = org_by_end.get(at)
    if body is None:
        return Mention(at, he, "Organization", sent, subtype, source="suffix")
    # a body still to be completed from context (省公安厅) leaves its unit to be completed with it
    return Mention(body.start, he, "Organization", body.name + sent, subtype, aliases=(sent,),
                   source="partial" if body.source == "partial" else "suffix", parent=body.name)


@lru_cache(maxsize=1)
def _unit_short_forms() -> dict[str, dict[str, str]]:
    return {r["short"]: r for r in lexicon.table("unit_short_forms.tsv")}


def _short_unit(norm: str, hs: int, he: int) -> Mention | None:
    """大队党委, 省厅党委: the party committee of a body named before, written with a short form
    of that body at the start of a clause; :mod:`kg.resolve` finds the body (``source`` is
    ``'partial_unit'``, ``role`` the ending and level the body's name must have)."""
    forms = _unit_short_forms()
    for k in (2, 1):
        short = norm[max(0, hs - k) : hs]
        if len(short) == k and short in forms and (hs - k == 0 or norm[hs - k - 1] in _NAME_STOP):
            form = forms[short]
            return Mention(hs - k, he, "Organization", norm[hs - k : he], "PartyCommittee", source="partial_unit",
                           role=form["ending"] + "\t" + form["level"])
    return None


# 邢台市委常委、政法委书记: the titles of one person, the second body named without the party
# committee the first title is of
_TITLE_BEFORE_UNIT = re.compile(r"(?:常委|副书记|委员)、$")


def _committee_unit(norm: str, hs: int, he: int, head: str, subtype: str, org_by_end: dict[int, Mention]) -> Mention | None:
    """政法委 in 邢台市委常委、政法委书记: a department of the party committee (ending in 委) whose
    member the person also is, named after it in the same chain of titles."""
    gap = _TITLE_BEFORE_UNIT.search(norm, max(0, hs - 4), hs)
    if gap is None or head == "委" or not norm.startswith(("书记", "副书记", "部长", "副部长", "主任", "副主任"), he):
        return None
    party = org_by_end.get(gap.start())
    if party is None or not party.name.endswith("委"):
        return None
    return Mention(hs, he, "Organization", party.name + head, subtype, aliases=(head,), source="suffix",
                   parent=party.name)


def _long_level_word(norm: str, hs: int) -> str:
    """The level word of more than one character that ends at ``hs`` (自治区, 街道), or ''."""
    return next((w for w in LONG_LEVEL_WORDS if norm.endswith(w, 0, hs)), "")


def _partial(norm: str, hs: int, he: int, head: str, subtype: str, allowed: set[str]) -> Mention | None:
    """市公安局, 省委, 区财政局: a level word and a head, the place left to context."""
    if "place" not in allowed or hs == 0:
        return None
    long_level = _long_level_word(norm, hs)
    if long_level:
        b = hs - len(long_level)
        if b > 0 and _CJK.match(norm[b - 1]) and norm[b - 1] not in _NAME_STOP and norm[b - 1] not in "全本该我各":
            return None  # 广西壮族自治区公安厅 is named in full, or by a place the gazetteer lacks
        return Mention(b, he, "Organization", norm[b:he], subtype, source="partial", role=LONG_LEVEL_WORDS[long_level])
    level = norm[hs - 1]
    if level not in LEVEL_WORDS:
        return None
    if head == "委" and norm[he : he + 1] in "员会托屈":
        return None
    before = norm[hs - 2] if hs >= 2 else ""
    # 某市公安局 or a name the gazetteer lacks is not a bare level word; 联合市公安局 is
    if before in "全各":
        return None
    if before and _CJK.match(before) and before not in _NAME_STOP and before not in "全本该我各" \
            and norm[hs - 3 : hs - 1] not in lexicon.words("body_verbs.txt"):
        return None
    return Mention(hs - 1, he, "Organization", norm[hs - 1 : he], subtype, source="partial",
                   role=LEVEL_WORDS[level])


_BUREAU_ENDINGS = (*{r["head"] for r in lexicon.table("police_heads.tsv")}, "分局", "公安处")
"""The endings of a police bureau's name, whose stations are named after it (县公安局忠诚派出所)."""


def _unit_name_start(norm: str, hs: int, tagger: Tagger, org_by_end: dict[int, Mention],
                     place_by_end: dict[int, Mention]) -> int | None:
    """Start of the proper name before a head (桃源|派出所), or None.

    Two to four characters, the NER model's word boundaries deciding; a location or
    organisation token may make it longer (东湖生态旅游风景区|分局). A name never runs over a
    verb (辖区梅苑派出所发挥|派出所 is not one body).
    """
    if hs < 2:
        return None
    district = _district_branch_start(norm, hs, org_by_end, place_by_end)
    if district is not None:
        return district
    tokens = tagger.tokens_at(hs - 1)
    for b in range(hs - 2, max(-1, hs - 5), -1):
        # 县公安局|忠诚|派出所: the name between a police bureau and its station is the station's,
        # whatever word the model takes it for (忠诚 an adjective, 团结派出所 a verb), unless the
        # model reads a verb of its own before the head (凉州分局|部署|派出所开展…)
        bureau = org_by_end.get(b)
        if bureau is not None and bureau.name.endswith(_BUREAU_ENDINGS) \
                and all(_CJK.match(c) and c not in _NAME_STOP for c in norm[b:hs]) \
                and not any(t1 == hs and t0 >= b and tag.startswith("v") for t0, t1, tag in tokens):
            return b
    starts = {t[0]: t[2] for t in tokens}

    def nominal(b: int) -> bool:
        return not any(t[2] not in _NOMINAL and t[0] < hs and t[1] > b for t in tokens)

    best = None
    stopped_soft = False  # the walk left stopped at a character names often hold (中央大街)
    for b in range(hs - 1, max(0, hs - 4) - 1, -1):
        c = norm[b]
        if not _CJK.match(c) or c in _NAME_STOP or not nominal(b):
            stopped_soft = c in _NAME_CHARS
            break
        if b in org_by_end or b in place_by_end:
            if norm[b : b + 2] in lexicon.words("body_verbs.txt"):
                break  # 安溪县委政法委|联合县人民法院: a second body, not a unit of the first
            return b
        if hs - b >= 2 and b in starts and starts[b] in _NOMINAL:
            best = b
    for t0, t1, tag in tokens:
        # a long location or organisation token that ends in the head or right before it
        if tag in ("LOC", "ORG") and t0 < hs - 4 and hs - t0 <= 12 and (t1 == hs or t0 < hs < t1) \
                and not any(t0 < e < hs for e in (*org_by_end, *place_by_end)) \
                and all(_CJK.match(c) and c not in _NAME_STOP for c in norm[t0:hs]):
            return t0
    if best is None:
        b = hs - 2
        if nominal(b) and all(_CJK.match(c) and c not in _NAME_STOP for c in norm[b:hs]):
            best = b
    if best is None or stopped_soft or (best > 0 and norm[best - 1] in _NAME_CHARS):
        soft = _name_start_in_entity_token(norm, hs, tokens, org_by_end, place_by_end)
        if soft is not None and (best is None or soft < best):
            best = soft
    return best


def _name_start_in_entity_token(norm: str, hs: int, tokens: list[tuple[int, int, str]],
                                org_by_end: dict[int, Mention], place_by_end: dict[int, Mention]) -> int | None:
    """龙都|派出所, 中山路|派出所: a name holding a character that is a function word elsewhere
    (都, 中, 上, 里) counts where the NER model reads it and the head as one organisation or
    location, or reads it as one word right after the body it is a unit of (市公安局|水上|分局)."""
    t0 = min((t[0] for t in tokens if t[2] in ("ORG", "LOC") and t[0] <= hs - 2 and t[1] > hs), default=None)
    if t0 is None:
        t0 = next((t[0] for t in tokens if t[1] == hs and 2 <= hs - t[0] <= 4 and t[0] in org_by_end
                   and t[2] in _NOMINAL), None)
    if t0 is None:
        return None
    best = None
    for b in range(hs - 1, max(t0, hs - 4) - 1, -1):
        c = norm[b]
        if not _CJK.match(c) or (c in _NAME_STOP and c not in _NAME_CHARS):
            break
        if b in org_by_end or b in place_by_end:
            return b if hs - b >= 2 else None
        if hs - b >= 2:
            best = b
    return best


def _district_branch_start(norm: str, hs: int, org_by_end: dict[int, Mention],
                           place_by_end: dict[int, Mention]) -> int | None:
    """道里|分局 after 哈尔滨市公安局: a unit named for a district of its body's place (道里区 of
    哈尔滨市) is named so even where a character of the name is a stop word elsewhere (里)."""
    for k in (2, 3):
        short = norm[hs - k : hs]
        body = org_by_end.get(hs - k)
        if body is None:
            # 道里分局 alone, in a report that names 哈尔滨市: the branch for that city's district
            if norm.startswith("分局", hs) and (hs - k == 0 or norm[hs - k - 1] in _NAME_STOP) and any(
                    p.adcode and p.subtype == "City" and placelib.child_named(p.adcode, short)
                    for p in place_by_end.values()):
                return hs - k
            continue
        # the places inside the body's name (found by where they end)
        inside = (place_by_end.get(e) for e in range(body.start + 1, body.end + 1))
        if any(p is not None and p.adcode and body.start <= p.start and placelib.child_named(p.adcode, short)
               for p in inside):
            return hs - k
    return None


def _police_short_forms(norm: str, places: list[Mention]) -> list[Mention]:
    """鹰潭公安, 广东警方: the public-security organ of that place, by its short form."""
    out = []
    for p in places:
        if p.source not in ("gazetteer",) or p.subtype not in ("Province", "City", "County"):
            continue
        for word in ("公安", "警方"):
            if norm.startswith(word, p.end):
                after = norm[p.end + len(word) : p.end + len(word) + 3]
                if any(after.startswith(w) for w in _NOT_ALIAS_AFTER):
                    continue
                head = "公安厅" if p.subtype == "Province" else "公安局"
                out.append(Mention(p.start, p.end + len(word), "Organization", p.name + head,
                                   "PublicSecurity", source="shortform"))
    return out
