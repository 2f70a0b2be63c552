"""Named things: campaigns, programmes, mediation rooms (and a few bodies) that texts name,
most often in quote marks (“长风7号”专项行动, “枫桥经验”, “老陶工作室”)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate

from . import lexicon
from .lexicon import Lexicon
from .model import Mention

_QUOTED = re.compile(r"“([^”\n]{1,40})”|「([^」\n]{1,40})」|\"([^\"\n]{1,40})\"|『([^』\n]{1,40})』|‘([^’\n]{1,40})’")
_SPEECH = re.compile(r"[,，。!！?？;；:：]")
_TAIL_END = re.compile(r"[,，。!！?？;；:：、“”「」『』\"()（）\n的了是\d]")
_SIBLING_GAP = re.compile(r"^(?:|、|和|及|与|或|以及|,)$")
_ORG_ENDINGS = tuple(sorted(lexicon.words("org_endings.txt")))
_MAX_TAIL = 22
_MAX_LIST = 40
_LIST_SEPARATORS = ("、", "和", "及", "与", "以及")
_CLAUSE_END = re.compile(r"[,，。!！?？;；:：\n]")
# verb + unquoted name + campaign head: 开展校园消防安全专项整治
_UNQUOTED_CAMPAIGN = re.compile(
    r"(?:组织开展|部署开展|集中开展|持续开展|深入开展|开展|推进|部署|组织|深化|启动|实施|推动)(?:了|好)?([\u4e00-\u9fff、]{3,30}?"
    r"(?:专项斗争|专项行动|专项整治|专项治理|专项活动|集中整治|专项排查整治|攻坚行动|整治行动))"
)
# verb + unquoted name + programme head: 建立矛盾风险清单管控预警系统
_UNQUOTED_PROGRAM = re.compile(
    r"(?:建立健全|建立|健全|完善|构建|推行|实施|打造|推出|探索|创新|建成|开发|上线|研发|印发)(?:了|起|好)?"
    r"([\u4e00-\u9fff]{4,18}?(?:工作机制|机制|预警系统|管理系统|信息系统|平台|制度|工程|模式|体系|工作法))"
    r"(?=[,，。;；、和与及等\n]|$)"
)
SERIES_ITEM = re.compile(r"[-—]?(?:\d+号|(?:19|20)\d{2}(?:年)?$)")
"""What follows a series' name in the name of one campaign of it (长风7号, 昆仑2025, 云剑-2023)."""
_SLOGAN = re.compile(r"一[^一、，,]{1,4}(?:一[^一、，,]{1,4})+")
"""一村一警一调解室, 一中心一张网一平台: a slogan of one-per-unit, the name of a programme even
when its last part is the head of another kind (调解室)."""
_COUNTED = re.compile(r"[\d一二两三四五六七八九十百千万余多]+(?:个|家|所|处|支|座)(?=[,，。;；、!！?？]|$)")
"""A count right after a name's head that ends the clause: the head names a kind of which
there are that many (建成“一站式”矛盾纠纷调解中心12个。; not …家事调解室2个品牌工作室各展所长)."""
_TITLED = re.compile(r"《([^》\n]{4,40})》")
_MAX_DESCRIPTION = 24
"""Longest phrase between “X”的 and the programme head that ends its clause."""
_LIST_SPLIT = re.compile(r"(、|(?<!涉)(?:以及|和(?![谐平])|及(?!时)))")
"""What separates the items of a list (not 和谐, 和平, 及时, 涉及)."""
_LIST_QUANTITY = "(?:一批|一系列|系列|各类|多项|多种)?(?:创新性|特色|典型)?"
"""What may stand between 等 and the class noun (等一批创新性做法)."""
_LEADING_NOISE = re.compile(r"^(?:全省|全市|全县|全区|新一轮|一系列|系列|常态化|深入|持续|集中|全面|开展|推进|部署|为期[一二三四五六七八九十\d]+[年天个月]*的|了|好|的)+")


@lru_cache(maxsize=1)
def _heads() -> Lexicon[tuple[str, bool]]:
    return Lexicon({r["head"]: (r["type"], r["keep"] == "yes") for r in lexicon.table("named_heads.tsv")})


@lru_cache(maxsize=1)
def _head_list() -> list[tuple[str, str, bool]]:
    rows = [(r["head"], r["type"], r["keep"] == "yes") for r in lexicon.table("named_heads.tsv")]
    return sorted(rows, key=lambda r: -len(r[0]))


@lru_cache(maxsize=1)
def _verbs() -> list[tuple[str, str]]:
    return sorted(((r["verb"], r["type"]) for r in lexicon.table("program_verbs.tsv")), key=lambda r: -len(r[0]))


@lru_cache(maxsize=1)
def _problem_words() -> tuple[str, ...]:
    """Endings of quoted problems (信息烟囱), as str.endswith takes them."""
    return tuple(lexicon.words("problem_words.txt"))


@lru_cache(maxsize=1)
def _national() -> Lexicon[tuple[str, str]]:
    return Lexicon(lexicon.named_entries("national_programs.tsv", "type"))


@lru_cache(maxsize=1)
def _list_classes() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Class nouns closing an enumeration (list_classes.tsv) with the pattern that finds them,
    the leading words an item sheds (list_leads.txt), those of two characters or more anywhere
    in the first item, and the endings of kinds (generic_kinds.txt)."""
    def alternatives(words: Iterable[str]) -> str:
        return "|".join(sorted(map(re.escape, words), key=len, reverse=True))

    types = {r["noun"]: r["type"] for r in lexicon.table("list_classes.tsv")}
    leads = lexicon.words("list_leads.txt")
    return (types, re.compile(f"等{_LIST_QUANTITY}({alternatives(types)})"),
            re.compile(f"^(?:{alternatives(leads)})+"),
            re.compile(f"(?:{alternatives(w for w in leads if len(w) > 1)})+"),
            re.compile(f"(?:{alternatives(lexicon.words('generic_kinds.txt'))})$"))


def _room_head(text: str) -> bool:
    """Does ``text`` end with a mediation room's head (调解室, 工作室…)?"""
    return any(text.endswith(h) for h, t, _keep in _head_list() if t == "MediationRoom")


def _ending_head(text: str) -> tuple[str, str, bool] | None:
    """The named head ``text`` ends with (敲打行动 → 行动), if any."""
    for head, typ, keep in _head_list():
        if text.endswith(head):
            return head, typ, keep
    return None


@lru_cache(maxsize=1)
def _clause_verbs() -> re.Pattern[str]:
    """Verbs that start a new clause part after a name (建立, 开展, 成立…)."""
    verbs = {r["verb"] for r in lexicon.table("program_verbs.tsv")} | lexicon.words("unit_verbs.txt") \
        | lexicon.words("body_verbs.txt") | lexicon.words("clause_verbs.txt")
    return re.compile("|".join(sorted(verbs, key=len, reverse=True)))


def _clause_verb(gap: str) -> bool:
    """Does a verb of :func:`_clause_verbs` stand in ``gap``?"""
    return bool(gap) and _clause_verbs().search(gap) is not None


def _tail_head(norm: str, pos: int) -> tuple[int, str, bool] | None:
    """A head word in the few characters after a closing quote: (end, type, keep)."""
    m = _TAIL_END.search(norm, pos, pos + _MAX_TAIL + 1)
    stop = m.start() if m else min(len(norm), pos + _MAX_TAIL)
    tail = norm[pos:stop]
    if tail.startswith("等"):
        tail2 = re.sub(r"^等(?:一批|系列|多项|一系列)?", "", tail)
        offset = len(tail) - len(tail2)
    else:
        tail2, offset = tail, 0
    # a head right after the quote, then a verb: a head further on names another thing
    # (“海风”调解室建立警调对接机制 is a room; “断源”行动工作专班 a task force)
    # (or a quoted name that ends with its own head: “九嶷和事堂”建立联动机制)
    adjacent = next((len(h) for h, _, _ in _head_list() if tail2.startswith(h)), 0)
    headed = bool(adjacent) or _ending_head(norm[max(0, pos - 13) : pos - 1]) is not None
    for j in range(len(tail2), 0, -1):
        found = _ending_head(tail2[:j])
        if found and headed and j > adjacent and _clause_verb(tail2[adjacent : j - len(found[0])]):
            continue
        if found:
            head, typ, keep = found
            if offset and j > len(head) + 8:
                continue  # after 等 only the head itself may follow (等专项行动)
            return pos + offset + j, typ, keep
    return None


def _list_tail(norm: str, close: int) -> tuple[int, str, bool] | None:
    """The head that ends the enumeration a quoted name is an item of, further on in its clause
    (“利剑护蕾”、禁毒“清源断流”、打击养老诈骗等专项行动: each item is a campaign). The name must be
    followed by a list separator, and 等 by the head (平等, 等级 are no list's end)."""
    if not norm.startswith(_LIST_SEPARATORS, close):
        return None
    m = _CLAUSE_END.search(norm, close)
    end = min(m.start() if m else len(norm), close + _MAX_LIST)
    at = norm.find("等", close, end)
    while at >= 0:
        head = _tail_head(norm, at)
        if head is not None:
            return head
        at = norm.find("等", at + 1, end)
    return None


def _titled(norm: str) -> list[Mention]:
    """《乡镇道专委工作机制》, 《…联动处置工作实施方案》: a titled text whose name ends with a
    programme head is the programme it sets up (not 《…的指导意见》, 《法治》)."""
    out = []
    for m in _TITLED.finditer(norm):
        text = m.group(1)
        bare = "".join(c for c in text if c not in "“”「」\"'‘’")
        found = _ending_head(bare)
        heads = [h for h in lexicon.words("title_heads.txt") if bare.endswith(h)]
        if found and found[1] == "Program":
            heads.append(found[0])
        if heads and len(bare) > len(max(heads, key=len)) + 1 and not bare.startswith("关于"):
            out.append(Mention(m.start(1), m.end(1), "Program", bare, source="quote"))
    return out


def find_named(norm: str) -> list[Mention]:
    """Campaign, Program, MediationRoom and named-group mentions of a normalised document."""
    titled = _titled(norm)
    title_starts = [t.start for t in titled]  # in text order, not overlapping
    quotes = []
    for m in _QUOTED.finditer(norm):
        g = next(i for i in range(1, 6) if m.group(i) is not None)
        i = bisect_right(title_starts, m.start())
        if i and m.start() < titled[i - 1].end:
            continue  # 《丰城市“母舅”驻所…》: a quote inside a title is part of its name
        quotes.append((m.start(g), m.end(g), m.group(g), m.end()))
    # groups of adjacent quotes (“昆仑”“平安水域”“清网护鸟”等专项行动) share the last one's tail
    groups: list[list[tuple[int, int, str, int]]] = []
    for q in quotes:
        if groups and _SIBLING_GAP.match(norm[groups[-1][-1][3] : q[0] - 1]):
            groups[-1].append(q)
        else:
            groups.append([q])
    decided: dict[str, str] = {}
    pending: list[tuple[int, int, str, int, str | None]] = []
    out: list[Mention] = list(titled)
    for group in groups:
        last_end = group[-1][3]
        tail = _tail_head(norm, last_end)
        for i, (qs, qe, text, close) in enumerate(group):
            text_s = text.strip()
            if not text_s or len(text_s) > 30 or _SPEECH.search(text_s):
                continue
            own_tail = _tail_head(norm, close) if i < len(group) - 1 else tail
            if own_tail and own_tail[0] == close and i < len(group) - 1:
                own_tail = None
            shared = tail if len(group) > 1 else None
            if i == len(group) - 1 and tail is None and _ending_head(text_s) is None:
                shared = _list_tail(norm, close)  # not for “刘钦牛调解室”, which names its own kind
            mention = _classify_quoted(norm, qs, qe, text_s, close, own_tail if i == len(group) - 1 else None,
                                       shared, tails_only=True)
            if mention:
                out.append(mention)
                decided.setdefault(text_s, mention.type)
                if mention.type == "Organization" and mention.name != text_s:
                    decided.setdefault(text_s + "#org", mention.type)
            else:
                pending.append((qs, qe, text_s, close, None))
    # a quoted name without a head after it takes the type it has elsewhere in the document,
    # else the type its own words and the verb before it suggest
    for qs, qe, text, close, _ in pending:
        if text in decided:
            out.append(Mention(qs, qe, decided[text], text, source="quote"))
            continue
        if any(t == "Campaign" and text.startswith(c) and SERIES_ITEM.fullmatch(text, len(c)) for c, t in decided.items()):
            # “净网”系列专项行动之“净网2025”: a campaign of a series the text names
            out.append(Mention(qs, qe, "Campaign", text, source="quote"))
            decided.setdefault(text, "Campaign")
            continue
        mention = _classify_quoted(norm, qs, qe, text, close, None, None, tails_only=False) or \
            _described(norm, qs, qe, text, close)
        if mention:
            out.append(mention)
            decided.setdefault(text, mention.type)
    out += _unquoted(norm, out)
    out += _enumerated(norm, out)
    out += _named_again(norm, out)
    return out


def _named_again(norm: str, found: list[Mention]) -> list[Mention]:
    """“农大姐调解室” … 去年，农大姐调解室的调解员…: a room or group named in quotes once is the
    same room wherever the text writes its name again without them (its head makes the name
    unambiguous; four characters at least)."""
    spans = sorted((m.start, m.end) for m in found)
    starts = [s for s, _ in spans]
    out: list[Mention] = []
    for name, m in {m.name: m for m in found if m.type in ("MediationRoom", "Organization") and len(m.name) >= 4
                    and m.source == "quote"}.items():
        at = norm.find(name)
        while at >= 0:
            i = bisect_right(starts, at)
            inside = i > 0 and spans[i - 1][1] > at
            overlaps = i < len(spans) and spans[i][0] < at + len(name)
            if not inside and not overlaps and norm[at - 1 : at] not in ("“", "「", '"'):
                out.append(Mention(at, at + len(name), m.type, name, m.subtype, source="again"))
            at = norm.find(name, at + len(name))
    return out


def _classify_quoted(norm: str, qs: int, qe: int, text: str, close: int,
                     tail: tuple[int, str, bool] | None, group_tail: tuple[int, str, bool] | None,
                     tails_only: bool = False) -> Mention | None:
    if "、" in text and not (tail and tail[0] - close <= 6 or group_tail):
        return None
    if text in lexicon.words("generic_names.txt"):
        return None
    if tail:
        end, typ, keep = tail
        if _COUNTED.match(norm, end):
            return None  # 建成“一站式”矛盾纠纷调解中心12个: a kind counted, not one named thing
        full = text + norm[close:end]
        if norm.startswith("等", close):
            return Mention(qs, qe, typ, text, source="quote")  # 等工作法: the head names the group
        if typ == "Organization":
            return Mention(qs - 1, end, "Organization", full, "SocialGroup" if "队" in full or "团" in full else "Other",
                           source="quote")
        name = full if keep else text
        return Mention(qs, qe, typ, name, aliases=(full,) if full != name else (), source="quote")
    if group_tail:
        return Mention(qs, qe, group_tail[1], text, source="quote")
    if tails_only:
        return None
    own = _ending_head(text)
    if _SLOGAN.fullmatch(text) and (not own or text.endswith("一" + own[0])):
        # 一村一警一调解室 (its last part is the head alone), not 一心一意调解室
        return Mention(qs, qe, "Program", text, source="quote")
    if own and len(text) > len(own[0]):
        if own[1] == "Organization" and _saying(text):
            return None  # ‘有矛盾纠纷到综治中心’: a saying that sends people to a body, not a body's name
        return Mention(qs, qe, own[1], text, source="quote")
    if text.endswith(_ORG_ENDINGS) and len(text) >= 4 and not _saying(text):
        return Mention(qs, qe, "Organization", text, "SocialGroup" if text.endswith(("队", "团")) else "PublicSecurity",
                       source="quote")
    if "+" in text and len(text) >= 3:
        return Mention(qs, qe, "Program", text, source="quote")
    if any(text.startswith(w) and len(text) >= len(w) + 2 for w in lexicon.words("program_prefixes.txt")) \
            and not text.endswith(tuple(lexicon.words("roles.txt"))):
        return Mention(qs, qe, "Program", text, source="quote")  # “平安乡村”, not “法治副校长”
    before = norm[max(0, qs - 9) : qs - 1]
    before = re.sub(r"了?(?:一系列|系列|一批|一套)?$", "", before)  # 推出了系列“跟单式”服务
    if text.endswith(_problem_words()):
        return None  # 形成“信息烟囱”: the verb forms a problem, not a programme
    for verb, typ in _verbs():
        if before.endswith(verb) and 3 <= len(text) <= 12:
            return Mention(qs, qe, typ, text, source="quote")
    return None


def _saying(text: str) -> bool:
    """‘有矛盾纠纷到综治中心’: a saying that sends people to a body, not the body's name."""
    return text.startswith("有") and "到" in text


def _described(norm: str, qs: int, qe: int, text: str, close: int) -> Mention | None:
    """“全链条打击、全方位防范”的…工作体系: a quoted name that 的 ties to a phrase ending its
    clause with a programme head (体系, 格局, 机制, 模式) is that programme."""
    if not norm.startswith("的", close) or text in lexicon.words("generic_names.txt"):
        return None
    m = _CLAUSE_END.search(norm, close)
    end = m.start() if m else len(norm)
    phrase = norm[close + 1 : end]
    if not 2 <= len(phrase) <= _MAX_DESCRIPTION or any(c in phrase for c in "“”「」\""):
        return None
    found = _ending_head(phrase)
    if found is None or found[1] != "Program":
        return None
    return Mention(qs, qe, "Program", text, source="quote")


def _enumerated(norm: str, found: list[Mention]) -> list[Mention]:
    """领导干部述法考评、基层执法评议、公民法治驿站等一批创新性做法; 打击电信网络诈骗和养老诈骗
    整治等专项行动: unquoted items of a list that 等 closes with a class noun are things of that
    class (quoted items are left to the quote rules). A list starts after the clause's
    punctuation or the previous list, so each stretch of text is read once."""
    out = []
    types, closing, leading, inside, kind = _list_classes()
    bounds = [m.end() for m in _CLAUSE_END.finditer(norm)]
    spans = sorted((m.start, m.end) for m in found)
    starts, reach = [a for a, _ in spans], list(accumulate((b for _, b in spans), max))

    def free(s: int, e: int) -> bool:
        i = bisect_left(starts, e)  # the spans that start before e; does any end after s?
        return i == 0 or reach[i - 1] <= s

    previous = 0
    for m in closing.finditer(norm):
        typ, stop = types[m.group(1)], m.start()
        i = bisect_right(bounds, stop)
        first = max(bounds[i - 1] if i else 0, previous)
        previous = m.end()
        segment = norm[first:stop]
        pos = first
        for item in _LIST_SPLIT.split(segment) if _LIST_SPLIT.search(segment) else ():
            s, e = pos, pos + len(item)
            pos = e
            if _LIST_SPLIT.fullmatch(item):
                continue
            if s == first:
                # the first item carries the clause's subject and verb (各地统筹推进打击非法集资)
                cuts = [c.end() for c in inside.finditer(item) if len(item) - c.end() >= 3]
                if cuts:
                    s, item = s + cuts[-1], item[cuts[-1]:]
                lead = leading.match(item)
                if lead:
                    s, item = s + lead.end(), item[lead.end():]
            if not 3 <= len(item) <= 16 or not re.fullmatch(r"[\u4e00-\u9fff0-9A-Za-z]+", item) \
                    or _room_head(item) or not free(s, e) \
                    or item in lexicon.words("generic_names.txt") or kind.search(item):
                continue
            subtype = "SocialGroup" if typ == "Organization" else ""
            out.append(Mention(s, e, typ, item, subtype, source="pattern"))
    return out


def _unquoted(norm: str, found: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    taken = bytearray(len(norm) + 1)  # 1 where a name is already found

    def take(s: int, e: int) -> None:
        taken[s:e] = b"\x01" * (e - s)

    def free(s: int, e: int) -> bool:
        return not any(taken[s:e])

    for f in found:
        take(f.start, f.end)

    lex = _national()
    for s, e, w in lex.find_all(norm):
        name, typ = lex.entries[w]
        if free(s, e):
            out.append(Mention(s, e, typ, name, source="lexicon"))
    for m in _UNQUOTED_PROGRAM.finditer(norm):
        s, e = m.span(1)
        text = m.group(1)
        if not free(s, e) or text.startswith(("了", "的", "一套", "一批", "一个", "多元", "完善", "出", "起", "改革")) \
                or any(c in text for c in "的和与及等"):
            continue
        out.append(Mention(s, e, "Program", text, source="pattern"))
        take(s, e)
    for m in _UNQUOTED_CAMPAIGN.finditer(norm):
        s, e = m.span(1)
        text = m.group(1)
        lead = _LEADING_NOISE.match(text)
        if lead:
            s += lead.end()
            text = text[lead.end():]
        if "、" in text or "等" in text or len(text) < 6 or not free(s, e):
            continue  # a list (…和…等专项行动): its items are taken by _enumerated
        out.append(Mention(s, e, "Campaign", text, source="pattern"))
        take(s, e)
    return out
