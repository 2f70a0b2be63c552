"""Statistics: figures a document states (98.95%, 下降19%, 3814件, 连续18年) with their
subject, indicator, year and evidence."""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon
from .model import Document, Entity, Evidence, Sentence, Statistic
from .persons import speech_follows
from .places import list_counts
from .relations import (
    BODIES_NOUN,
    LIST_ITEM_END,
    LIST_JOINERS,
    WHEN,
    clause_start,
    dateline_starts,
    framing_place,
    opens_clause,
    past_lead_phrase,
    reported,
    scene_place,
    stationed_verbs,
)
from .resolve import Key, Resolved
from .spans import Cover, InOrder

_CHANGE = r"(?:同比)?(?:分别)?(?:下降|上升|增长|增加|减少|提升|提高|降低|降幅达|增幅达|降幅为|增幅为|下降了|上升了|增长了|减少了)"
_NUMBER = r"\d+(?:\.\d+)?"
_YEAR = re.compile(r"((?:19|20)\d{2})年")


@lru_cache(maxsize=1)
def _value_re() -> re.Pattern[str]:
    units = sorted(lexicon.words("units.txt"), key=len, reverse=True)
    unit = "|".join(re.escape(u) for u in units if u != "余")
    return re.compile(
        rf"(?P<change>{_CHANGE})?(?P<approx>近|超过|超|约|逾|达到|达)?(?P<num>{_NUMBER})(?:余|多)?"
        rf"(?P<mag>千万|百万|万|亿|千)?(?:余|多)?(?P<unit>{unit})(?:以上|左右|之多)?"
        rf"|(?P<streak>连续(?P<snum>\d+|[两二三四五六七八九]?十[一二三四五六七八九]?|[两二三四五六七八九])年(?!半)(?:\d+个月)?)"
        rf"|(?P<share>(?:超过|近|逾)?[一二三四五六七八九]成(?:以上|左右)?)"
        rf"|(?P<word>零发生|近亿元|上百(?:件|起|人|名|个|家)|上千(?:件|起|人|名|个|家)|万余(?:所|个|家|人|名|件))"
    )


_OBJECT_OF = re.compile(r"[对在向为于从把将给]$")
"""Before a region-wide reference, a preposition makes it no subject (在全省率先完成, 对全县…严打)."""
_CLAUSE_MARKS = ",，;；:："
"""What ends a clause before a figure (a colon too: …结果显示：湖南满意度达到98.76%)."""
_OPENERS = " “「\"‘"
"""What may stand before a name that opens a clause (not 在: 在濂溪区抓获 is where, not who)."""
_LIST_AFTER = re.compile(LIST_JOINERS + ")")
"""What follows a name that is an item of a list (周永良调解工作室以及…)."""

_MAG = {"千万": 1e7, "百万": 1e6, "万": 1e4, "亿": 1e8, "千": 1e3}


def extract_statistics(doc: Document, sentences: list[Sentence], resolved: list[Resolved],
                       entities: dict[Key, Entity], top: list[Resolved]) -> list[Statistic]:
    """Statistics of one document; names with digits (长风7号) and dates are not figures."""
    norm = doc.norm
    named_spans = Cover((r.start, r.end) for r in resolved if r.key[0] in ("Campaign", "Program", "Organization"))
    home = _home(resolved, entities)
    out: list[Statistic] = []
    prev_subject: Key | None = None
    seen: set = set()
    opener: tuple[Key, int] | None = None  # the opening name of a figure-less sentence, and its paragraph
    datelines = dateline_starts(norm, top)
    counts = list_counts(norm)
    in_order = InOrder([r for r in top if r.start not in datelines])  # 新华社海口…电: not a subject
    para, scanned = -1, 0  # the newline before the sentence: its paragraph
    for s in sentences:
        text = norm[s.start : s.end]
        nl = norm.rfind("\n", scanned, s.start)
        para, scanned = (nl if nl >= 0 else para), max(scanned, s.start)
        figures = False
        last: tuple[int, str] | None = None  # the end of the sentence's last figure that rose or fell, and how
        year = None
        ym = _YEAR.search(text)
        if ym:
            year = int(ym.group(1))
        for m in _value_re().finditer(norm, s.start, s.end):
            a, b = m.span()
            if named_spans.holds(a) or a in counts:
                continue  # 长风7号; 花木、洋泾、塘桥4个街道 (the count of a list of divisions)
            if a > 0 and norm[a - 1] in "第+·-/" or (a > 0 and norm[a - 1].isdigit()):
                continue
            if m.group("unit") and (norm[b : b + 1] in "月日号时" or m.group("unit") == "个" and norm.startswith("多月", b)):
                continue  # 7月, 2个多月: a date or a while, not a figure
            if m.group("unit") == "年" or (m.group("num") and len(m.group("num")) == 4 and m.group("unit") in ("年",)):
                continue
            if m.group("streak") and norm[a - 1 : a] in "须需应要":
                continue  # 申报须连续三年未发生…: a condition, not a record
            if m.group("unit") in ("天", "小时") and (norm[b : b + 1] in ("前", "后") or m.group("num") == "24"):
                continue  # 10天前: when something happened; 24小时巡查: round the clock, not a figure
            if m.group("unit") in ("元", "万元", "亿元") and _settles_a_case(norm, s.start, a):
                continue
            own = _respective(in_order, s, a, entities, norm) or _quoted_by(in_order, a, entities, norm) \
                or _subject(in_order, s, a, entities, norm)
            if own is None and any(r.key[0] == "Person" and not _speaker(norm, r.end)
                                   for r in in_order.starting(s.start, a)):
                continue  # 李中秋…已调解矛盾纠纷300多件: a person's record, not a place's or body's figure
            # a region-wide reference before the figure (全省共破获…) is not the carried body's figure
            carried = opener[0] if opener and opener[1] == para and not any(
                r.implicit for r in in_order.starting(s.start, a)) else None
            subject = own or carried or prev_subject or home
            if subject is None:
                continue
            prev_subject = subject if own else prev_subject
            if own:
                opener = None
            figures = True
            value = m.group()
            number = unit = change = None
            if m.group("num"):
                number = float(m.group("num")) * _MAG.get(m.group("mag") or "", 1)
                unit = m.group("unit")
                change = re.sub(r"同比|分别|了|幅达|幅为", "", m.group("change") or "") or None
                if change is None and last is not None and _CHANGE_GAP.fullmatch(norm, last[0], a):
                    change = last[1]  # 分别下降31.7%、33%: the second fell too
                last = (b, change) if change else None
            elif m.group("snum"):
                number, unit = _count(m.group("snum")), "年"
            indicator = _indicator(norm, s.start, a) or _indicator_after(norm, b, s.end)
            if (subject, m.group("num"), unit) in seen and number is not None:
                continue
            seen.add((subject, m.group("num"), unit))
            out.append(Statistic(subject, indicator, value, Evidence(doc.id, s.start, s.end, doc.text[s.start : s.end]),
                                 number=number, unit=unit or "", change=change or "", year=year))
        if not figures:
            # a sentence without figures that opens with a body or place hands it to the figures
            # of the next sentences of its paragraph (省公安厅近期成立…专班。行动至今,查获…)
            first = _opener(in_order, s, entities, norm)
            if first is not None:
                opener = (first, para)
    return out


_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def _count(written: str) -> float:
    """16 or 十六: the number of years of a streak (连续三年, 连续十二年)."""
    if written.isdigit():
        return float(written)
    tens, _, ones = written.rpartition("十")
    if "十" not in written:
        return float(_DIGITS.get(written, 0))
    return float((_DIGITS.get(tens, 0) if tens else 1) * 10 + _DIGITS.get(ones, 0))


def _opener(top: InOrder[Resolved], s: Sentence, entities: dict[Key, Entity], norm: str) -> Key | None:
    """The first organisation or place a sentence names (not a newspaper, a lake or 全省), unless a
    region written as a reference opens a later clause of it (…市委政法委…坚持…，全市社会大局持续
    安全稳定。全年群众安全感达98.7%: the city's figure)."""
    first = None
    for r in top.starting(s.start, s.end):
        if r.key[0] in ("Place", "Organization", "MediationRoom") and r.key in entities \
                and entities[r.key].subtype not in ("Media", "Feature"):
            if r.implicit and (r.key[0] == "Place" or r.collective):
                if first is not None and r.key[0] == "Place" and not r.collective and opens_clause(norm, s.start, r.start) \
                        and (norm[r.end : r.end + 1] != "各" or norm[r.end : r.end + 2] in ("各族", "各类", "各级")):
                    # 全市各派出所负责人参加: the parts, not the whole (全市各族群众: the whole)
                    return r.key
                continue
            first = first or r.key  # 该局自主研发…平台。同时上线…187项业务: the body 该局 refers to
    return first


def _counted_by(norm: str, end: int, pos: int) -> bool:
    """Does the figure at ``pos`` follow the room name ending at ``end`` with nothing but the rest
    of that name between (…家事调解室2个品牌工作室: a count of rooms, not the room's figure)?"""
    gap = norm[end:pos].lstrip("”」\"")
    return not gap or (len(gap) <= 6 and gap.endswith(("室", "厅", "中心", "队")))


def _subject(top: InOrder[Resolved], s: Sentence, pos: int, entities: dict[Key, Entity], norm: str) -> Key | None:
    """Whom a figure is about: the sentence's opening organisation or place (九江市公安局联合…
    抓获19人; 常德澧县 → 澧县), unless a name opens the figure's own clause (…结果显示,湖南满意度
    达到98.76%) or a region-wide reference (全省, 我市) stands nearer. A newspaper is no subject,
    nor a region after a preposition (在全省率先, 对全县…)."""
    own_units = next((r for r in top.ending(pos - 2, pos + 1) if r.implicit and r.key[0] == "Place"
                      and r.key in entities and (r.end == pos or norm[r.end : pos] == "的")), None)
    if own_units is not None:
        return own_units.key  # 将全县273个行政村…, 在全县15个司法所: a count of the region's own units
    cands = [r for r in top.within(s.start, pos) if r.key[0] in ("Place", "Organization", "MediationRoom")
             and r.key in entities and not r.collective  # 全省公安机关…: figures of the province
             # a room holds its own figures (石榴籽调解室共调解纠纷386件), not those of a list
             # of rooms it is an item of (周永良调解工作室以及“老娘舅”家事调解室2个品牌工作室)
             and not (r.key[0] == "MediationRoom" and (_LIST_AFTER.match(norm, r.end) or _counted_by(norm, r.end, pos)))
             and entities[r.key].subtype not in ("Media", "Feature")  # 【明报专讯】…: the paper reports the
             # figures; a lake or a sea is where, never whose (渤海湾非法捕捞…，分局…查处…57起)
             and not (r.implicit and _OBJECT_OF.match(norm[max(s.start, r.start - 1) : r.start]))
             and not (r.key[0] == "Place" and norm[r.start - 1 : r.start] == "驻")]  # 驻电白工作专班: where it is sent
    if pos > s.start and norm[pos - 1] == "等":
        counted = _bodies_counted().match(norm, pos)
        if counted:
            # 县信访局、县司法局等9个部门常驻…: the figure counts the bodies listed before it, so it
            # is about none of them but about the centre that holds them, named after the verb
            # or before the list, or else about whoever the sentence names before the list
            cands = [r for r in cands if not LIST_ITEM_END.match(norm, r.end)]
            held = _centre_holding(top, cands, counted, entities, norm, s.start)
            if held is not None:
                return held
    cands = past_lead_phrase(norm, s, cands)  # 针对…，四川公安…: the phrase's names do not act
    if not cands:
        return None
    first = scene_place(norm, cands)
    # 在六安市，市公安局…: the body acts; …书记黄志刚介绍，近年来，靖西市…: the reported subject
    first = framing_place(norm, cands, first) or reported(norm, cands, first) or first
    # the figure's own clause opens with a name (…调查结果显示,湖南满意度达到98.76%)
    clause = clause_start(norm, s.start, pos, _CLAUSE_MARKS)
    when = WHEN.match(norm, clause, pos)
    opens = clause + (len(when.group(0)) if when else 0)  # 2024年福建省群众安全感…: a date first
    opening = [r for r in cands if not r.implicit and r.start > first.start
               and (r.start == opens or r.start == opens + 1 and norm[opens] in _OPENERS)]
    if opening:
        return opening[0].key
    region = [r for r in cands if r.implicit]
    if region and region[-1] is cands[-1] and region[-1] is not cands[0]:
        return region[-1].key
    # …部署开展…，禹州市公安局在…中重点整治…，共破获…97起: a clause without a subject of its own
    # is the last one's that opened a clause before it
    openers = [r for r in cands if not r.implicit and r.start > first.end and r.key[0] == "Organization"
               and opens_clause(norm, s.start, r.start) and not LIST_ITEM_END.match(norm, r.end)]
    return openers[-1].key if openers else first.key




_SERIES_GAP = re.compile(r"[、，,和及与]\s*")
_CHANGE_GAP = re.compile(r"[、和及]")
"""Between two figures of one change (下降31.7%、33%; not 下降21.3%，8个乡镇…)."""
_RESPECTIVELY = "分别"
_TO = frozenset("向对为给与从把将替")


def _quoted_by(top: InOrder[Resolved], pos: int, entities: dict[Key, Entity], norm: str) -> Key | None:
    """“…报警中三成以上是邻里纠纷。”三林派出所所长钱卫东说: a figure inside a quotation of its
    paragraph that names no subject before it is about the body whose speaker the text names right
    after the closing quote."""
    para = norm.rfind("\n", 0, pos) + 1
    opened = norm.rfind("“", para, pos)
    if opened < 0 or norm.rfind("”", para, pos) > opened:
        return None
    closed = norm.find("”", pos)
    if closed < 0 or "\n" in norm[pos:closed] or any(
            r.key[0] in ("Organization", "Place", "MediationRoom") for r in top.within(opened, pos)):
        return None  # “…我市科学布建了21个…”: the quotation names its own subject
    after = closed + 1 + (norm[closed + 1 : closed + 2] in ",，")
    body = next((r for r in top.starting(after, after + 1) if r.key[0] == "Organization"
                 and r.key in entities and entities[r.key].subtype != "Media"), None)  # not 温州市民王先生
    if body is None:
        return None
    said = norm[body.end : body.end + 16]
    return body.key if any(v in said for v in lexicon.words("speech_verbs.txt")) else None


def _respective(top: InOrder[Resolved], s: Sentence, pos: int, entities: dict[Key, Entity], norm: str) -> Key | None:
    """涿州市、高碑店市、莲池区盗窃警情同比分别下降27.1%、19.5%、22.8%: a list of places or
    bodies, then 分别 and as many figures: each figure is about the item of the same rank."""
    clause = clause_start(norm, s.start, pos, _CLAUSE_MARKS)
    word = norm.rfind(_RESPECTIVELY, clause, pos)
    if word < 0:
        return None
    series: list[tuple[int, int]] = []
    for m in _value_re().finditer(norm, word + len(_RESPECTIVELY), s.end):
        if series and not _SERIES_GAP.fullmatch(norm, series[-1][1], m.start()):
            break
        if not series and m.start() > pos:
            return None
        series.append(m.span())
    starts = [a for a, _ in series]
    if pos not in starts:
        return None
    items = [r for r in top.within(clause, word) if r.key[0] in ("Place", "Organization") and not r.implicit
             and r.key in entities]
    listed = items[:1]
    for r in items[1:]:
        if not _SERIES_GAP.fullmatch(norm, listed[-1].end, r.start):
            break
        listed.append(r)
    if len(listed) < 2 or len(listed) != len(series) or len({r.key for r in listed}) != len(listed) \
            or norm[listed[0].start - 1 : listed[0].start] in _TO:
        return None  # 向杭州市、宁波市分别移交线索32条、18条: the places receive, the figures are the giver's
    return listed[starts.index(pos)].key


@lru_cache(maxsize=1)
def _bodies_counted() -> re.Pattern[str]:
    """A count of listed bodies (等9个部门常驻, 等11家单位), with the verb that stations them."""
    return re.compile(rf"\d+(?:个|家)(?P<noun>{BODIES_NOUN})(?:集中)?(?P<verb>{stationed_verbs().pattern})?")


def _centre_holding(top: InOrder[Resolved], cands: list[Resolved], counted: re.Match[str],
                    entities: dict[Key, Entity], norm: str, start: int) -> Key | None:
    """The governance centre a count of listed bodies is about: the one named right after the
    verb that stations them (常驻区社会治理服务中心), else the last named before the list in the
    sentence (which starts at ``start``), else in its paragraph."""
    if not counted.group("verb") and not counted.group("noun"):
        return None  # 等11家: a count of what, the text does not say
    if counted.group("verb"):
        after = [r for r in top.starting(counted.end(), counted.end() + 2) if r.key in entities]
        if after:
            return after[0].key if entities[after[0].key].subtype == "GovernanceCenter" else None
    centres = [r for r in cands if entities[r.key].subtype == "GovernanceCenter"]
    if not centres and counted.group("verb"):
        # 建成…县综治中心。目前，县公安局…等8个部门常驻: stationed in the paragraph's centre (not
        # …联合县市场监管局等5个部门开展检查, which are no centre's)
        before = top.within(norm.rfind("\n", 0, start) + 1, start)
        centres = [r for r in before if r.key in entities and entities[r.key].subtype == "GovernanceCenter"]
    return centres[-1].key if centres else None


def _settles_a_case(norm: str, start: int, pos: int) -> bool:
    """Does a verb of settlement_verbs.txt stand in the clause before an amount (最终支付尾款3.8万元)?"""
    clause = norm[clause_start(norm, start, pos, _CLAUSE_MARKS) : pos]
    return any(v in clause for v in lexicon.words("settlement_verbs.txt"))


def _speaker(norm: str, end: int) -> bool:
    """Is the person named just before ``end`` reporting (民警王伟介绍, …): a speech verb follows."""
    return speech_follows(norm, end)


def _home(resolved: list[Resolved], entities: dict[Key, Entity]) -> Key | None:
    counts: dict[Key, int] = {}
    for r in resolved:
        e = entities.get(r.key)
        if e and e.type == "Place" and e.subtype == "Province":
            counts[r.key] = counts.get(r.key, 0) + 1
    return max(counts, key=counts.get) if counts else None  # type: ignore[arg-type]


def _indicator(norm: str, start: int, pos: int) -> str:
    left = max(norm.rfind(c, start, pos) for c in ",，;；:：、") + 1
    left = max(left, start)
    text = norm[left:pos].strip()
    text = re.sub(r"^(?:全省|全市|全县|我省|我市|其中|同时|此外|今年以来|去年以来|\d{4}年)+", "", text)
    text = re.sub(r"(?:达到|达|为|是|共|累计|分别|约|近|超过|同比)+$", "", text)
    return text[-30:]


def _indicator_after(norm: str, pos: int, end: int) -> str:
    """98.95%的公众安全感: the indicator follows the figure."""
    m = re.match(r"的([^,，。;；、]{2,20})", norm[pos:end])
    return m.group(1) if m else ""


def find_conflicts(statistics: list[Statistic], years: dict[str, int] | None = None) -> list[tuple[Statistic, Statistic]]:
    """Figures that different documents give for the same subject, indicator and year
    (公众安全感 98.95% here, 98.5% there), in a stable order: each statistic paired with one
    statistic of every other value stated for it in another document, each pair once. Linear
    in the number of statistics for a bounded number of distinct values, so a large corpus
    repeating a figure stays cheap. A figure without a year takes its document's (``years``, by
    document id); one with neither is compared with none."""
    groups: dict[tuple[Key, str, int | None], dict[tuple, list[Statistic]]] = {}
    for st in statistics:
        # a figure without a year is of its document's year (今年以来…); with neither it has no
        # period, and two counts of unknown periods (破获案件120起, 99起) contradict nothing
        year = st.year or (years or {}).get(st.evidence.doc)
        if st.indicator and st.number is not None and year is not None:
            values = groups.setdefault((st.subject, _indicator_key(st.indicator), year), {})
            values.setdefault((st.number, st.unit, st.change), []).append(st)
    order = {id(st): i for i, st in enumerate(statistics)}
    out: list[tuple[Statistic, Statistic]] = []
    seen: set[tuple[int, int]] = set()
    for values in groups.values():
        if len(values) < 2:
            continue
        # per value, its first statistic and the first from another document: whatever
        # document a statistic comes from, one of the two is from a different one
        reps = []
        for same in values.values():
            other = next((x for x in same if x.evidence.doc != same[0].evidence.doc), None)
            reps.append([same[0], other] if other else [same[0]])
        for i, same in enumerate(values.values()):
            for st in same:
                for j, candidates in enumerate(reps):
                    if j == i:
                        continue
                    rep = next((r for r in candidates if r.evidence.doc != st.evidence.doc), None)
                    if rep is None:
                        continue
                    a, b = sorted((st, rep), key=lambda x: order[id(x)])
                    if (order[id(a)], order[id(b)]) not in seen:
                        seen.add((order[id(a)], order[id(b)]))
                        out.append((a, b))
    return out


def document_years(documents: list[Document]) -> dict[str, int]:
    """The year of each dated document, for figures that do not give theirs."""
    from .sources import is_date

    return {d.id: int(d.date[:4]) for d in documents if is_date(d.date)}


def _indicator_key(indicator: str) -> str:
    return re.sub(r"(同比|累计|共|全年|今年|去年)", "", indicator)
