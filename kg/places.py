"""Places: administrative divisions from the gazetteer, townships and villages by suffix,
named geographic features from a lexicon."""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon
from .lexicon import Division, Lexicon
from .model import Mention
from .ner import Tagger

LEVEL_RANK = {"Province": 0, "City": 1, "County": 2, "Township": 3, "Village": 4, "Feature": 5}
_CJK = re.compile(r"[\u4e00-\u9fff]")
# a run of one-character province abbreviations that names provinces (闽鄂赣三地, 湘鄂两省)
_ABBREV_RUN_TAIL = re.compile(r"[两二三四五六七八九十]?(?:地|省|省区|省市|省份|边界|交界)")
# township and village suffixes, longest first
_LOCAL_SUFFIXES = (("街道", "Township"), ("社区", "Village"), ("苏木", "Township"), ("镇", "Township"), ("乡", "Township"),
                   ("嘎查", "Village"), ("村", "Village"))
# characters that end a name on its left: function words, verbs and measure words that stand
# before place names in running text
_LEFT_STOP = set("的在了和与及是到对从向把将被为由于以等各该全本每个这那其有位名次处所至赴往经过于里内外上下中省市县区州盟旗")


@lru_cache(maxsize=1)
def _gazetteer_lexicon() -> Lexicon[list[tuple[Division, bool]]]:
    """Full names and short forms of divisions → list of (Division, is_short)."""
    entries: dict[str, list[tuple[Division, bool]]] = {}
    for d in lexicon.divisions().values():
        entries.setdefault(d.name, []).append((d, False))
        if d.short:
            entries.setdefault(d.short, []).append((d, True))
            # 大理州, 石柱县: an autonomous division is written with its short form and level word
            for autonomous, level_word in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
                if autonomous in d.name and d.short + level_word != d.name:
                    entries.setdefault(d.short + level_word, []).append((d, False))
    for row in lexicon.table("features.tsv"):
        feat = Division(adcode="", name=row["name"], level="Feature", parent=row["province"], short="")
        entries.setdefault(row["name"], []).append((feat, False))
    return Lexicon(entries)


@lru_cache(maxsize=1)
def _province_aliases() -> tuple[dict[str, str], dict[str, str]]:
    abbrev: dict[str, str] = {}
    style: dict[str, str] = {}
    for row in lexicon.table("province_aliases.tsv"):
        (abbrev if row["kind"] == "abbrev" else style)[row["alias"]] = row["province"]
    return abbrev, style


@lru_cache(maxsize=1)
def _by_name() -> dict[str, list[Division]]:
    out: dict[str, list[Division]] = {}
    for d in lexicon.divisions().values():
        out.setdefault(d.name, []).append(d)
    return out


def named(name: str) -> list[Division]:
    """Every division of the gazetteer with this name (two 西湖区, three 和平区)."""
    return _by_name().get(name, [])


@lru_cache(maxsize=1)
def _by_parent_and_short() -> dict[tuple[str, str], Division]:
    out: dict[tuple[str, str], Division] = {}
    for d in lexicon.divisions().values():
        up = enclosing(d)
        if up is not None and d.short:
            out.setdefault((up.adcode, d.short), d)
    return out


def child_named(parent: str, short: str) -> Division | None:
    """The division directly in ``parent`` (an adcode) whose short name is ``short`` (西湖 in
    南昌市 is 西湖区): how a unit named for its district (西湖分局) names where it is."""
    return _by_parent_and_short().get((parent, short))


def city_at(norm: str, i: int) -> Division | None:
    """The city (prefecture level) whose name or short form is written at ``i``, if exactly one."""
    word = _gazetteer_lexicon().match_at(norm, i) if i < len(norm) else None
    cities = [d for d, _ in _gazetteer_lexicon().entries.get(word or "", ()) if d.level == "City"]
    return cities[0] if len(cities) == 1 else None


def division(adcode: str) -> Division | None:
    """The gazetteer division with this adcode."""
    return lexicon.divisions().get(adcode)


def enclosing(d: Division) -> Division | None:
    """The division directly above ``d``; for a district of 北京, 天津, 上海 or 重庆, whose
    gazetteer parent (110100, 市辖区) is no division of its own, the municipality."""
    if not d.parent:
        return None
    up = division(d.parent)
    if up is None and d.adcode[2:] != "0000":
        up = division(d.adcode[:2] + "0000")
    return up


def ancestors(adcode: str) -> list[Division]:
    """Enclosing divisions, nearest first (分宜县 → 新余市, 江西省)."""
    out: list[Division] = []
    d = division(adcode)
    while d is not None:
        d = enclosing(d)
        if d is not None:
            out.append(d)
    return out


def _generic() -> frozenset[str]:
    return lexicon.words("generic_names.txt")


def find_places(norm: str, tagger: Tagger | None = None) -> list[Mention]:
    """All place mentions of a normalised document, homonyms still unresolved.

    A mention whose name has several divisions (西湖区) carries the others in ``candidates``; :func:`resolve_homonyms` picks one from the document's context.
    """
    mentions: list[Mention] = []
    lex = _gazetteer_lexicon()
    full_names_in_doc: set[str] = set()
    hits = lex.find_all(norm)
    for _, _, word in hits:
        if any(not short for _, short in lex.entries[word]):
            full_names_in_doc.add(word)
    hit_ends = {end for _, end, _ in hits}
    for start, end, word in hits:
        cands = lex.entries[word]
        full = [d for d, short in cands if not short]
        if full:
            if not _accept_full(norm, start, end, word, full):
                continue
            best = sorted(full, key=lambda d: LEVEL_RANK[d.level])
            mentions.append(_mention(start, end, best))
            continue
        shorts = [d for d, short in cands if short]
        # 朝阳 in a report that writes 朝阳区 in full is that district (the full name vouches for
        # it where the model reads no location), not 朝阳市
        written = [d for d in shorts if d.name in full_names_in_doc]
        if written and (_heads_body(norm, end, named=True) or start in hit_ends):
            # 西湖分局, 红谷滩派出所 beside 南昌市西湖区, 长江九江段 beside 九江市: the full name and
            # the body's head or the place before vouch for it where the model reads no location
            # (not 新华社 beside 新华区, nor 平安创建 beside 平安区)
            ok = [d for d in written if _accept_short(norm, start, end, d, full_names_in_doc)]
        else:
            ok = [d for d in shorts if _accept_short(norm, start, end, d, full_names_in_doc, tagger)]
            ok = [d for d in ok if d in written] if written else ok
        if ok:
            top = min(LEVEL_RANK[d.level] for d in ok)
            best = [d for d in ok if LEVEL_RANK[d.level] == top]
            mentions.append(_mention(start, end, best))
    _children_in_name_runs(norm, mentions)
    _extend_lake_districts(norm, mentions)
    mentions += _province_abbreviations(norm)
    mentions += _local_places(norm, mentions, tagger)
    mentions += _listed_short_forms(norm, mentions)
    return mentions


def _mention(start: int, end: int, cands: list[Division]) -> Mention:
    d = cands[0]
    return Mention(
        start=start,
        end=end,
        type="Place",
        name=d.name,
        subtype=d.level,
        adcode=d.adcode,
        candidates=tuple(c.adcode for c in cands[1:] if c.adcode),
        source="gazetteer",
    )


def _accept_full(norm: str, start: int, end: int, word: str, divs: list[Division]) -> bool:
    if word in _generic():
        return False
    if divs[0].level == "Feature" and norm.startswith(tuple(lexicon.words("feature_continuations.txt")), end):
        return False  # 泾河新城, 苏州河长办, 白云山派出所: part of another name
    before = norm[start - 1 : start]
    if word[:2] in lexicon.words("body_verbs.txt") and before \
            and (before in "局所委院厅队府心办站" or before in "，,；;并还又也均则再" and _body_in_sentence(norm, start - 1)) \
            and not any(form and form in norm for d in divs for a in ancestors(d.adcode) for form in (a.name, a.short)):
        # 该局会同县网信办, 该局深入推进…，会同县市场监督管理局开展… (the subject left out after
        # the comma), 该局…并会同县人民法院 (an adverb first): a body working with another (会同),
        # not 会同县 of 怀化市
        return False
    if len(word) == 2 and divs[0].level != "Feature":
        # 成县, 新县, 义县: only right after their parent's name or short form (常德澧县)
        for d in divs:
            for a in ancestors(d.adcode)[:1]:
                for form in (a.name, a.short):
                    if form and norm.endswith(form, 0, start):
                        return True
        return False
    return True


def _body_in_sentence(norm: str, at: int) -> bool:
    """Is an organisation (a head of org_heads.tsv) named in the sentence before ``at``? Then a
    clause after a comma may leave it out as its subject (该局…，会同县市场监督管理局开展…)."""
    opening = max(norm.rfind(c, 0, at) for c in "。！？!?\n") + 1
    heads = lexicon.org_heads()
    return any(heads.match_at(norm, i) is not None or norm[i] in "该本" and norm[i + 1 : i + 2] in _REFERRED
               for i in range(opening, at))


_REFERRED = frozenset("局所院厅队委")
"""After 该 or 本: a body referred to (该局, 本院)."""


def _accept_short(norm: str, start: int, end: int, d: Division, full_in_doc: set[str],
                  tagger: Tagger | None = None) -> bool:
    """A short form (鹰潭, 分宜) counts where it is unlikely to be part of another word."""
    short = d.short
    if short in _generic() or len(short) < 2:
        return False
    nxt = norm[end : end + 1]
    if nxt and nxt in "省市县区州盟旗乡镇村" or norm.startswith("街道", end):
        return False  # a full form or a township's name (韶山乡), not this division
    if nxt == "路" or norm.startswith(("大道", "大街"), end):
        return False  # a street named after it (中山路派出所), not the division
    if _ends_title(norm, start + 1) and not (tagger and any(s == start and t == "LOC" for s, e, t in tagger.tokens_at(start))):
        return False  # 所长沙马日哈: its first character ends a title (所长), a name follows (not 新华社长沙…电)
    if d.level == "Province":
        return True
    if d.level == "City":
        # a city short form stands alone (推广安装 holds 广安: inside a run of characters the
        # model must read a location there, unless a division's name or short form ends just
        # before it, as in 江西南昌)
        # (联合台州海事局: the head of a body's name after it makes it the body's division)
        before = norm[start - 1 : start]
        if before and "\u4e00" <= before <= "\u9fff" and before not in _LEFT_STOP and tagger is not None \
                and not any(s == start and t == "LOC" for s, e, t in tagger.tokens_at(start)) \
                and not _heads_body(norm, end) \
                and not any(norm.endswith(a.short or a.name, 0, start) for a in ancestors(d.adcode) if a.short or a.name):
            return False
        return len(short) >= 2
    # county short forms are common words too often: only where the document also names the
    # county in full or its city
    parents = {a.name for a in ancestors(d.adcode)}
    if not (d.name in full_in_doc or parents & full_in_doc):
        return False
    # 新建 (新建区) is a verb more often than a district: the NER model must agree, or the head
    # of a body's name follow (万州海事局)
    return tagger is None or any(s == start and t == "LOC" for s, e, t in tagger.tokens_at(start)) \
        or _heads_body(norm, end)


def _ends_title(norm: str, pos: int) -> bool:
    """Does a title of roles.txt of two characters or more end at ``pos``?"""
    return any(len(r) >= 2 and norm.endswith(r, 0, pos) for r in lexicon.words("roles.txt"))


def _heads_body(norm: str, end: int, named: bool = False) -> bool:
    """Does the head of an organ's name that stands after a division (org_heads.tsv, prefix place)
    begin at ``end``? Not the one character 委, nor a group's head (驻电白工作专班: a task force
    sent there, not the district's). With ``named`` (the division's full name is written
    elsewhere), any head but a social group's (西湖分局, 驻电白工作专班)."""
    heads = lexicon.org_heads()
    head = heads.match_at(norm, end) if end < len(norm) else None
    if head is None or len(head) < 2:
        return False
    subtype, prefixes = heads.entries[head]
    return "place" in prefixes and subtype not in ("Other", "SocialGroup") \
        or named and subtype != "SocialGroup" and not head.endswith(("大学", "学院"))  # not 长安大学


_NAME_RUN = re.compile(r"^(?:|[\u4e00-\u9fff]{0,6}局)$")
"""What may stand between a division and a short form in one name: nothing (北京朝阳) or the
body whose branch the short form names (北京市|公安局|朝阳分局)."""


def _children_in_name_runs(norm: str, found: list[Mention]) -> None:
    """北京市公安局朝阳分局: a short form inside a name that begins with a division is that
    division's child of the name (北京市's 朝阳区), not the city it abbreviates elsewhere (朝阳市)."""
    found.sort(key=lambda m: m.start)
    for i, m in enumerate(found):
        written = norm[m.start : m.end]
        if written == m.name or i == 0:
            continue
        before = found[i - 1]
        gap = norm[before.end : m.start]
        if not before.adcode or before.end > m.start or not _NAME_RUN.match(gap) \
                or (gap and not norm.startswith("分局", m.end)):
            continue
        child = child_named(before.adcode, written)
        if child is not None and child.adcode != m.adcode:
            found[i] = _mention(m.start, m.end, [child])


def _extend_lake_districts(norm: str, found: list[Mention]) -> None:
    """鄱阳湖区 is the lake's area: the lake named with 区, not a district."""
    for m in found:
        if m.subtype == "Feature" and norm[m.end : m.end + 1] == "区":
            m.end += 1


def _province_abbreviations(norm: str) -> list[Mention]:
    abbrev, style = _province_aliases()
    out: list[Mention] = []
    by_name = _by_name()
    for alias, prov in style.items():
        for m in re.finditer(re.escape(alias), norm):
            d = by_name[prov][0]
            out.append(Mention(m.start(), m.end(), "Place", d.name, "Province", d.adcode, source="alias"))
    chars = "".join(abbrev)
    for m in re.finditer(f"[{re.escape(chars)}]{{2,}}", norm):
        if not _ABBREV_RUN_TAIL.match(norm, m.end()):
            continue
        i = m.start()
        while i < m.end():
            # 辽宁 is one province whose name is two abbreviations (辽, and 宁 of 宁夏)
            d = by_name[abbrev[norm[i]]][0]
            width = 2 if norm[i : i + 2] == d.short else 1
            out.append(Mention(i, i + width, "Place", d.name, "Province", d.adcode, source="alias"))
            i += width
    return out


def _local_places(norm: str, found: list[Mention], tagger: Tagger | None) -> list[Mention]:
    """Townships (乡, 镇, 街道) and villages (村, 社区): a name the NER model tags as a
    location and that ends with such a suffix, or a suffixed name right after a county. A
    division of ``found`` that only opens one of these names is removed from ``found``."""
    ends = {m.end for m in found if m.subtype in ("County", "City", "Township")}
    # where a place or a location the model reads ends (长江九江|段城子镇)
    named_ends = {m.end for m in found} | ({e for s, e, t in tagger.all_tokens() if t == "LOC"} if tagger else set())
    out: list[Mention] = []
    found_names: dict[str, tuple[int, str]] = {}  # township names found so far, with their order
    generic = _generic()
    occupied = bytearray(len(norm) + 1)  # 1 where a place is already found
    swallowed: set[int] = set()  # ids of the mentions of ``found`` a longer local name holds
    by_start: dict[int, list[Mention]] = {}
    for f in found:
        by_start.setdefault(f.start, []).append(f)
    for f in found:
        occupied[f.start : f.end] = b"\x01" * (f.end - f.start)
    for suffix, level in _LOCAL_SUFFIXES:
        for m in re.finditer(suffix, norm):
            p = m.start()
            if occupied[p]:
                continue
            start = _local_start(norm, p, m.end(), ends, tagger)
            if start is None:
                continue
            if norm[start] == "段" and p - start > 2 and start in named_ends:
                start += 1  # 长江九江段城子镇: 段 (a stretch of river or road) ends the name before
            # the first township found whose name ends this one, shorter than it
            earlier = min((found_names[w] for k in range(2, m.end() - start)
                           if (w := norm[m.end() - k : m.end()]) in found_names), default=None)
            known = earlier[1] if earlier is not None else None
            if known is not None:
                start = m.end() - len(known)  # 联合湖润镇: the township found before is the name
            # 天山区固原巷社区: a division's name that only opens the stem is part of the name (and
            # is not named); one that leaves a stem of its own (河南滑县老店镇) ends before the name
            held = [f for i in range(start, p) for f in by_start.get(i, ()) if f.end <= p]
            for f in held:
                if p - f.end >= 2:
                    start = max(start, f.end)
            inner = [f for f in held if f.start >= start and f.subtype != "Province"]
            name = norm[start : m.end()]
            stem = norm[start:p]
            if "的" in stem or start in ends and stem in lexicon.words("body_verbs.txt"):
                continue  # 西充县的人口大镇, 渣津镇依托镇综治中心: no name of a township
            if suffix == "村" and (norm[m.end() : m.end() + 1] in "民委干组级务" or p in ends):
                continue  # 村民, 村委会, 皋落镇村庄: a word after the township, not a village's name
            if suffix == "村" and stem.endswith("乡") and _countryside(stem[:-1]):
                continue  # 建设平安乡村: the phrase 平安乡村 (the countryside), no township or village
            if norm[start] == "等" and start in ends:
                continue  # 河南街道、建工街道等城区街道: 等 closes a list of places, it opens no name
            if stem[-1:] in "全各本该每在" or stem.endswith("苏木"):
                continue  # 将全镇, 各村, 苏木镇, 中心在村里: the whole of one, a kind or a place word, not a name
            if suffix == "乡" and (norm[m.end() : m.end() + 1] in "贤亲土情愁风音" or stem.endswith("之")):
                continue  # 大河乡贤, 乡亲, 乡情, 长寿之乡 (a land of…): a word, not a township's name
            if suffix == "乡" and norm[m.end() : m.end() + 1] == "村" and norm[m.end() + 1 : m.end() + 2] not in "民委干组级务":
                continue  # 平安乡村, 侨乡村: the word 乡村 or a village (东山瑶族乡村民: a township, its villagers)
            if _inside_org_head(norm, start, p, m.end()):
                continue  # 区住房城乡建设委, 会同市农业农村局: a department's name, not a township's
            if name in generic or stem in generic or len(stem) < 2 or any(c in stem for c in "局所厅委院") \
                    or any(name.endswith(g) for g in generic if len(g) >= 3):
                continue
            out.append(Mention(start, m.end(), "Place", name, level, source="suffix"))
            # 天山区固原巷社区: a division's name that only opens the longer name is not named
            swallowed.update(id(f) for f in inner)
            found_names.setdefault(name, (len(out), name))
            occupied[start : m.end()] = b"\x01" * (m.end() - start)
            if level == "Township":
                ends.add(m.end())
    # a township or village found once is the same name wherever else the text writes it
    # (靖西市湖润镇综治中心 … 联合湖润镇司法所, where the model reads no location)
    again = []
    for name, level in {(m.name, m.subtype) for m in out}:
        at = norm.find(name)
        while at >= 0:
            if not any(occupied[at : at + len(name)]):
                again.append(Mention(at, at + len(name), "Place", name, level, source="suffix"))
                occupied[at : at + len(name)] = b"\x01" * len(name)
            at = norm.find(name, at + len(name))
    if swallowed:
        found[:] = [f for f in found if id(f) not in swallowed]
    return out + again


_LIST_LEAD = re.compile(r"[全我本该各][省市县区州旗镇乡]|联合|会同|组织|深入|覆盖|包括")
"""What may stand right before the first item of a list of divisions without being part of it."""
_TOWNSHIP_SUFFIXES = tuple(s for s, level in _LOCAL_SUFFIXES if level == "Township")
_ITEM_STOP = _LEFT_STOP - set("省市县区州盟旗")
"""What ends the first item of a list of divisions on its left: a level character may be part of
its name (汀州、河田、策武等18个乡镇)."""


@lru_cache(maxsize=1)
def _division_lists() -> tuple[dict[str, tuple[set[str], str]], re.Pattern[str]]:
    """The words that close a list of divisions written short (division_lists.tsv): word →
    (levels, suffix), and the pattern of a list's last item, 等 or a count, and the word."""
    words = {r["word"]: (set(r["level"].split("|")), r["suffix"]) for r in lexicon.table("division_lists.tsv")}
    closer = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return words, re.compile(rf"、(?P<last>[\u4e00-\u9fff]{{2,4}}?)(?P<count>等(?:\d+|[两二三四五六七八九十]+)?|\d+|[两二三四五六七八九十]+)个?"
                             rf"(?P<word>{closer})(?![村亲风贤土情])")


def list_counts(norm: str) -> set[int]:
    """Where the count that closes a list of divisions starts (花木、洋泾4个街道: 4): it counts
    the items, it is no figure of anyone's; after 等 (汀州、河田等18个乡镇) it counts more than the
    list and is the region's."""
    _, pattern = _division_lists()
    return {m.start("count") for m in pattern.finditer(norm) if not m.group("count").startswith("等")}


def _listed_short_forms(norm: str, found: list[Mention]) -> list[Mention]:
    """Divisions written short as the items of a list that a level word closes after 等 or a
    count (花木、洋泾、塘桥4个街道; 祥云、宾川、弥渡等县): each item is a division of that level.
    A county or city must be one the gazetteer has under a division the text names; a township
    takes the level word as its suffix where that word gives one level only (街道); where it gives
    several (策武、古城等18个乡镇) it takes the name the text writes in full elsewhere, or keeps the
    name as written."""
    words, pattern = _division_lists()
    taken = bytearray(len(norm) + 1)
    for f in found:
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
    mentioned = {f.adcode for f in found if f.adcode}
    generic = _generic()
    lex = _gazetteer_lexicon()
    out: list[Mention] = []
    for m in pattern.finditer(norm):
        levels, suffix = words[m.group("word")]
        if "Township" in levels and m.group("count") == "等":
            continue  # 学校、医院等街道周边, 产业、人才等乡村: townships are counted (等18个乡镇)
        items = [(m.start("last"), m.end("last"))]
        left = m.start()  # the 、 before the last item
        while True:
            start = left
            while start > 0 and left - start < 4 and _CJK.match(norm[start - 1]) and norm[start - 1] not in _ITEM_STOP:
                start -= 1
            first = norm[start - 1 : start] != "、"
            if first:
                # the first item: after a division or a reference written right before it
                # (浦东新区花木、…, 全区花木、…) and after a verb (联合新城、…)
                start = max([start] + [k for k in range(start, left - 1) if taken[k - 1] and not taken[k]])
                lead = _LIST_LEAD.match(norm, start - 1) if norm[start - 1 : start] in _ITEM_STOP else None
                lead = lead or _LIST_LEAD.match(norm, start)
                if lead and left - lead.end() >= 2:
                    start = lead.end()
            if left - start < 2:
                break
            items.append((start, left))
            if first:
                break
            left = start - 1
        if len(items) < 2:
            continue
        for a, b in items:
            item = norm[a:b]
            if item in generic:
                continue
            if any(taken[a:b]):
                # 潍坊新村4个街道: the item is the township's name, not a village's
                village = next((f for f in found if f.start == a and f.end == b and f.subtype == "Village"), None)
                if village is None or "Township" not in levels:
                    continue
                found.remove(village)
            if "Township" in levels:
                if item.endswith(_TOWNSHIP_SUFFIXES):
                    name = item
                elif suffix:
                    name = item + suffix
                else:  # 河田…等乡镇 where the text also writes 河田镇: that is its name
                    name = next((item + s for s in _TOWNSHIP_SUFFIXES if item + s in norm), item)
                out.append(Mention(a, b, "Place", name, "Township", source="list"))
                continue
            divs = [d for d, _ in lex.entries.get(item, ()) if d.level in levels
                    and any(x.adcode in mentioned for x in ancestors(d.adcode))]
            if divs:
                out.append(_mention(a, b, divs))
    return out


def _countryside(stem: str) -> bool:
    """Does the stem before 乡村 end with a word of countryside_words.txt (平安乡村, 城乡村)?"""
    return any(stem.endswith(w) for w in lexicon.words("countryside_words.txt"))


def _inside_org_head(norm: str, start: int, suffix: int, end: int) -> bool:
    """Does the head of an organisation's name begin inside the stem norm[start:suffix], its first
    character included, and run past ``end`` (住房城乡建设委, 区农业农村局; not 街道办事处, which
    starts at the suffix of 后湖街道)?"""
    heads = lexicon.org_heads()
    return any((h := heads.match_at(norm, i)) is not None and i + len(h) > end for i in range(start, suffix))


_ADVERBS = frozenset("则在还也又再已")
"""What opens no township's name right after a county's (凤翔区则在柳林镇试点: 柳林镇)."""
_DIVISION_REFERENCE = re.compile(r"[该本][市县区旗]$")
"""A division written as a reference (该市, 本县) before a township's name, as a county's name is."""


def _local_start(norm: str, p: int, end: int, chain_ends: set[int], tagger: Tagger | None) -> int | None:
    """Start of a township or village name whose suffix runs from ``p`` to ``end``."""
    for e in range(p - 2, p - 6, -1):  # the latest chain end 2 to 5 characters before
        if e in chain_ends and all(_CJK.match(c) for c in norm[e:p]) and norm[e] not in _ADVERBS:
            return e
        # 该市一面坡镇, as 尚志市一面坡镇 (the model may take 一面坡 for a numeral); not 该市各乡镇
        if _DIVISION_REFERENCE.match(norm, max(0, e - 2), e) and all(_CJK.match(c) for c in norm[e:p]) \
                and not norm.startswith(tuple(lexicon.words("township_modifiers.txt")), e) and norm[p - 1] != "乡":
            return e
    if tagger is None:
        return _name_start(norm, p, chain_ends)
    for s, e, t in tagger.tokens_at(p):
        # a location token ending with the suffix (湖塘镇; the model may call it an
        # organisation: 与仁和镇综治中心、…), or an organisation token that starts with the place
        # (横栏镇综治中心)
        if s <= p - 2 and (t in ("LOC", "ORG") and e == end or t == "ORG" and s < p < e and e > end):
            return s
    return None


def _name_start(norm: str, p: int, chain_ends: set[int]) -> int | None:
    """Where the proper name before a suffix at ``p`` begins (2–4 characters), or None."""
    for e in range(p - 2, p - 6, -1):
        if e in chain_ends and all(_CJK.match(c) for c in norm[e:p]) and norm[e] not in _ADVERBS:
            return e
    start = p
    while start > 0 and p - start < 4 and _CJK.match(norm[start - 1]) and norm[start - 1] not in _LEFT_STOP:
        start -= 1
    if p - start < 2:
        return None
    if p - start > 3:
        start = p - 3  # names longer than three characters rarely stand without a chain
    return start


def resolve_homonyms(mentions: list[Mention]) -> None:
    """Choose among same-named divisions (西湖区 of 南昌 or of 杭州) by the other places the
    document names: the candidate with the most mentioned ancestors wins, one written right
    before the name (南昌市西湖区) above all; where none has more than another, the mention keeps
    no adcode."""
    mentioned = {m.adcode for m in mentions if m.adcode}
    for m in mentions:
        if not m.candidates:
            continue
        # a division written right before it (南昌市西湖区) outweighs any named elsewhere
        adjacent = {p.adcode for p in mentions if p.end == m.start and p.adcode}
        cands = [division(m.adcode)] + [division(a) for a in m.candidates]
        scored = []
        for d in cands:
            if d is None:
                continue
            score = sum(100 if a.adcode in adjacent else 1 for a in ancestors(d.adcode) if a.adcode in mentioned)
            scored.append((score, d))
        scored.sort(key=lambda x: -x[0])
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            m.adcode = ""  # the text does not say which: no division (and no province) is guessed
        elif scored:
            best = scored[0][1]
            m.adcode = best.adcode
            m.subtype = best.level
            m.name = best.name
        m.candidates = ()
