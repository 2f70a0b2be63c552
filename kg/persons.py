"""People: names the NER model tags as persons, checked against a surname list and the
patterns of anonymised references (张某, 刘先生), with the role the text gives them."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from . import lexicon
from .model import Mention
from .ner import Tagger
from .spans import Cover

_CJK_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
# names without a Han surname (扎西次仁, 巴特尔, 艾尔肯·吐尼亚孜): Tibetan, Mongolian and Uyghur
# names, transliterated ones joined by a middle dot
_OTHER_NAME = re.compile(r"^[\u4e00-\u9fff]{3,6}$|^[\u4e00-\u9fff]{2,8}·[\u4e00-\u9fff]{2,8}$")
_ANONYMOUS = re.compile(r"(某|先生|女士|小姐|大娘|大爷|大妈|阿姨|老人|师傅|同志|老汉|大哥|大姐|阿婆|婆婆|爷爷|奶奶)")
_KIN = frozenset("姐哥叔姨婶嫂伯爷奶妹弟婆公")
"""Words of kinship that follow a Han name as a familiar form (何秀英姐), not its last character."""
_BYLINE_ROLE = {r["word"]: r["role"] for r in lexicon.table("byline_roles.tsv")}


@lru_cache(maxsize=1)
def _roles() -> list[str]:
    return sorted(lexicon.words("roles.txt"), key=len, reverse=True)


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return lexicon.words("surnames.txt")


def surname_of(name: str) -> str:
    """The surname a Han name opens with (欧阳 of 欧阳志明, 谢 of 谢德明), or ""."""
    s = _surnames()
    return name[:2] if name[:2] in s else name[0] if name and name[0] in s else ""


def _has_surname(name: str) -> bool:
    s = _surnames()
    return name[0] in s or name[:2] in s


def find_persons(norm: str, tagger: Tagger, taken: list[tuple[int, int]]) -> list[Mention]:
    """Person mentions with roles; spans already taken by places or organisations are skipped."""
    out: list[Mention] = find_bylines(norm)
    credited = Cover((m.start, m.end) for m in out)  # a byline's name, perhaps cut short by the model
    cover = Cover(taken)
    listed_after = -1  # where a name of another tradition may follow in a list under one title
    tokens = _joined_names(tagger.all_tokens(), norm)
    for i, (s, e, tag) in enumerate(tokens):
        if tag != "PER":
            continue
        raw = norm[s:e]
        lstrip = len(raw) - len(raw.lstrip())
        name = _without_speech_verb(raw.strip())
        s += lstrip
        e = s + len(name)
        noun = next((w for w in lexicon.words("person_nouns.txt") if name.startswith(w) and len(name) - len(w) >= 2), "")
        if noun:
            name, s = name[len(noun):], s + len(noun)  # 果农王建军: the model ran the word for him into his name
        if e == tokens[i][1] and (len(name) >= 3 or "·" in name) and _cut_before_speech(norm, tokens, i) \
                and _title_before(norm, s):
            # 主任帕提古丽·阿不都|拉|介绍, 局长次仁旺|堆|表示: the model cut a long name's last
            # character (a two-character name keeps its own: 所长刘洋…说)
            name, e = name + norm[e], e + 1
        if _ANONYMOUS.search(name) or cover.covers(s, e) or _inside_quotes(norm, s, e) or credited.overlaps(s, e):
            continue
        han = bool(_CJK_NAME.match(name)) and _has_surname(name) and (len(name) < 4 or name[:2] in _surnames())
        if not han:
            # a name of another tradition only where a title stands right before it (所长扎西次仁)
            if not _OTHER_NAME.match(name) or not (_title_before(norm, s) or s == listed_after):
                continue
            if "·" not in name and _has_surname(name) and (not _bounded(norm, e) or name[-1] in _KIN):
                continue  # 李明介绍, 何秀英姐介绍: a Han name run into the word after it (not 所长沙马日哈介绍)
        role = _role(norm, s, e)
        if len(name) == 2 and not role:
            continue  # two-character names without a title are too often words (江面, 高擎)
        out.append(Mention(s, e, "Person", name, role=role, source="ner"))
        listed_after = e + 1 if norm[e : e + 1] == "、" else -1  # 民警古丽娜尔·别克、努尔兰·吐尔逊
    for s, e in _dotted_after_title(norm, tagger.all_tokens()):
        if cover.overlaps(s, e) or credited.overlaps(s, e):
            continue
        # the model's cut of the name (热依拉 of 热依拉·吐尔逊) gives way to the whole
        out = [m for m in out if not (s <= m.start and m.end <= e)]
        if not any(m.start < e and s < m.end for m in out):
            out.append(Mention(s, e, "Person", norm[s:e], role=_title_before(norm, s), source="pattern"))
    return _called_by_title(_completed_by_longer(norm, out))


def _completed_by_longer(norm: str, people: list[Mention]) -> list[Mention]:
    """由寨老吴万|和担任调解员 … 吴万和调解纠纷: a name that the text writes elsewhere with the very
    character that follows it here (the model took 和 for a conjunction) is that longer name."""
    names = {m.name for m in people}
    out = []
    for m in people:
        longer = m.name + norm[m.end : m.end + 1]
        if longer in names and longer != m.name:
            m = replace(m, end=m.end + 1, name=longer)
        out.append(m)
    return out


_DOT = re.compile(r"(?<=[\u4e00-\u9fff])·(?=[\u4e00-\u9fff])")


def _dotted_after_title(norm: str, tokens: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Transliterated names joined by a middle dot that the model cut elsewhere (负责人买买提江·
    吐尔逊, 民警艾力·买买提): the part before the dot runs back to a title of the roles lexicon,
    the part after it to the end of the model's first word at least two characters long."""
    ends = sorted({e for _, e, _ in tokens})
    out = []
    for m in _DOT.finditer(norm):
        dot = m.start()
        start = next((b for b in range(dot - 2, max(-1, dot - 9), -1)
                      if _CJK_NAME_PART.fullmatch(norm, b, dot) and _title_before(norm, b)), None)
        i = bisect_left(ends, dot + 3)
        if start is None or i == len(ends) or ends[i] > dot + 9 or not _CJK_NAME_PART.fullmatch(norm, dot + 1, ends[i]):
            continue
        name = _without_speech_verb(norm[start : ends[i]])
        out.append((start, start + len(name)))
    return out


@lru_cache(maxsize=1)
def _speech_verbs() -> tuple[str, ...]:
    """speech_verbs.txt, longest first."""
    return tuple(sorted(lexicon.words("speech_verbs.txt"), key=len, reverse=True))


def _cut_before_speech(norm: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Is the name of token ``i`` followed by one character the model took for a verb or noun
    and then by a speech verb (索朗旺|堆|表示): the last character of a name the model cut, when
    it says no manner of speaking (speech_manner.txt: 回说, 笑称, 也表示)?"""
    if i + 2 >= len(tokens):
        return False
    s, e, tag = tokens[i + 1]
    return e - s == 1 and tag in ("v", "n", "nz", "vn") and "\u4e00" <= norm[s] <= "\u9fff" \
        and norm[s] not in lexicon.words("speech_manner.txt") and speech_follows(norm, e)


def _bounded(norm: str, e: int) -> bool:
    """Does a name end at ``e``: a speech verb (speech_verbs.txt) follows, or a space or the end of
    the line (记者 吉克阿依 罗静)?"""
    return norm[e : e + 1] in (" ", "\u3000", "\n", "") or speech_follows(norm, e)


def speech_follows(norm: str, e: int) -> bool:
    """Does a speech verb (speech_verbs.txt) follow right at ``e`` (民警王伟|介绍)?"""
    return any(norm.startswith(v, e) for v in _speech_verbs())


def _without_speech_verb(name: str) -> str:
    """艾力·买买提说 → 艾力·买买提: a transliterated name the model ran into the verb after it
    (speech_verbs.txt), when its last part keeps two characters."""
    if "·" not in name:
        return name
    last = name.rsplit("·", 1)[1]
    verb = next((v for v in _speech_verbs() if last.endswith(v) and len(last) - len(v) >= 2), "")
    return name[: len(name) - len(verb)]


_CJK_NAME_PART = re.compile(r"[\u4e00-\u9fff]{2,8}")


def _surname_and_title(name: str) -> tuple[str, str] | None:
    """王所长 → (王, 所长), 欧阳书记 → (欧阳, 书记); None for a name."""
    titles = _roles()
    for k in (1, 2):
        if name[:k] in _surnames() and name[k:] in titles:
            return name[:k], name[k:]
    return None


_COURTESY = lexicon.words("courtesy_titles.txt")
"""Titles of respect that name no office: 胡老师 may be the room's 负责人 胡国平."""


def _called_by_title(people: list[Mention]) -> list[Mention]:
    """王所长, 胡老师: a person called by surname and title is the one person of that surname the
    text names in full (the form kept as an alias); with none or several, the mention names no
    one and is dropped."""
    by_surname: dict[str, set[str]] = {}
    roles: dict[str, set[str]] = {}
    for m in people:
        if _surname_and_title(m.name) is None:
            for k in (1, 2):
                by_surname.setdefault(m.name[:k], set()).add(m.name)
            roles.setdefault(m.name, set()).add(m.role)
    out = []
    for m in people:
        called = _surname_and_title(m.name)
        if called is None:
            out.append(m)
            continue
        surname, title = called
        # 王所长 is 王建勇 the 所长, not 村民王大山; a courtesy title (胡老师) fits anyone
        names = {n for n in by_surname.get(surname, ()) if len(n) > len(surname)
                 and (title in roles[n] or title in _COURTESY)}
        if len(names) == 1:
            name = names.pop()
            role = next((r for r in sorted(roles[name]) if r), title)  # the office the full name holds
            out.append(replace(m, name=name, role=role, aliases=(*m.aliases, m.name)))
    return out


def _joined_names(tokens: list[tuple[int, int, str]], norm: str) -> list[tuple[int, int, str]]:
    """Tokens with a transliterated name the model split at its middle dot joined again
    (艾尔肯 · 热合曼 → 艾尔肯·热合曼)."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        s, e, tag = tokens[i]
        if tag == "PER" and i + 2 < len(tokens) and norm[e : e + 1] == "·" and tokens[i + 1][1] == e + 1 \
                and tokens[i + 2][2] == "PER" and tokens[i + 2][0] == e + 1:
            out.append((s, tokens[i + 2][1], "PER"))
            i += 3
            continue
        out.append(tokens[i])
        i += 1
    return out


# (胡亮), (朱妍 饶逸鹏): authors credited in brackets at the end of a paragraph
_BRACKET_BYLINE = re.compile(r"[(（]((?:[\u4e00-\u9fff]{2,3}[ 、\u3000]?){1,4})[)）]\s*(?:\n|$)")


# 中新网成都1月9日电 (王利文 安源): reporters named after a news agency's dateline
_DATELINE_BYLINE = re.compile(r"\d{1,2}月\d{1,2}日电\s*[(（]((?:[\u4e00-\u9fff]{2,3}[ 、\u3000]?){1,4})[)）]")


# 本报讯(记者 程明), 天山网讯(记者 努尔兰·吐尔逊 通讯员 李娜): reporters after a paper's 讯
_LINE_ROLE = re.compile(r"(记者|通讯员|实习生)$")
_LINE_BYLINE = re.compile(r"^[\u4e00-\u9fff]{0,12}(?:记者|通讯员|实习生)(?:[ \u3000]+[\u4e00-\u9fff·]{2,8})+[ \u3000]*$", re.M)
"""A line of credits alone: a paper's 记者 or 通讯员, then names set apart by spaces."""
_NEWS_BYLINE = re.compile(r"讯\s*[(（]((?:全媒体|融媒体|见习|特约|首席)?(?:记者|通讯员|实习生)[^()（）\n]{2,40})[)）]")
_BYLINE_PART = re.compile(r"(?:全媒体|融媒体|见习|特约|首席)?(记者|通讯员|实习生)|"
                          r"([\u4e00-\u9fff]{2,8}·[\u4e00-\u9fff]{2,8}|[\u4e00-\u9fff]{2,3})")


# 江聪越摄, 记者 安源 摄: a photograph's credit closing a caption line
_PHOTO_BYLINE = re.compile(r"(?:^|(?<=[。！？\s]))(?:(?:本报|本刊|全媒体|融媒体|见习|特约|首席)*(记者|通讯员)\s*)?((?:[\u4e00-\u9fff]{2,3}[ 、\u3000]?){1,3}?)\s*摄[\s\u3000]*(?=\n|$)",
                           re.MULTILINE)


def find_bylines(norm: str) -> list[Mention]:
    """Authors named in brackets at the end of a paragraph, reporters after a dateline or a
    paper's 讯, photographers credited at the end of a caption."""
    out = []
    # (match, role, the group holding the names)
    credits = [(m, "author", 1) for m in _BRACKET_BYLINE.finditer(norm)] + \
              [(m, "记者", 1) for m in _DATELINE_BYLINE.finditer(norm)] + \
              [(m, m.group(1) or "photographer", 2) for m in _PHOTO_BYLINE.finditer(norm)]
    for m, role, names in credits:
        pos = m.start(names)
        for part in re.split(r"[ 、\u3000]", m.group(names)):
            if part and _CJK_NAME.match(part) and _has_surname(part) and not _ANONYMOUS.search(part):
                start = norm.index(part, pos)
                out.append(Mention(start, start + len(part), "Person", part, role=role, source="byline"))
                pos = start + len(part)
    for m in _LINE_BYLINE.finditer(norm):
        # 记者 吉克阿依 罗静; 湖北日报全媒体记者 胡玉洁 通讯员 向思宇: a line of credits alone
        role = ""
        pos = m.start()
        for part in re.split(r"[ \u3000]+", m.group(0).strip()):
            at = norm.index(part, pos)
            pos = at + len(part)
            credit = _LINE_ROLE.search(part)
            if credit is not None:
                role = credit.group(1)
            elif role and (2 <= len(part) <= 4 or "·" in part) and not _ANONYMOUS.search(part) \
                    and not part.endswith(("报道", "摄影", "摄")) and not any(c in part for c in "局所院厅委"):
                out.append(Mention(at, at + len(part), "Person", part, role=role, source="byline"))
    for m in _NEWS_BYLINE.finditer(norm):
        role = "记者"
        for part in _BYLINE_PART.finditer(norm, m.start(1), m.end(1)):
            if part.group(1):
                role = part.group(1)
            elif ("·" in part.group(2) or _has_surname(part.group(2))) and not _ANONYMOUS.search(part.group(2)):
                out.append(Mention(part.start(), part.end(), "Person", part.group(2), role=role, source="byline"))
    return out


def strip_roles(text: str) -> str:
    """``text`` with every title of the roles lexicon removed (丰城市委常委、市委政法委书记 → …)."""
    for r in _roles():
        text = text.replace(r, "")
    return text


def _title_before(norm: str, s: int) -> str:
    """The title of the roles lexicon that ends right where a name starts, or ''."""
    before = norm[max(0, s - 12) : s].rstrip(" \u3000")  # 记者 吉克阿依: a byline's space
    return next((r for r in _roles() if before.endswith(r)), "")


def _role(norm: str, s: int, e: int) -> str:
    title = _title_before(norm, s)
    if title:
        return title
    after = norm[e : e + 12]
    m = re.match(r"(?:是|系|为|任)?(?:一名|一位)?(?:退休)?(.{0,6}?)([\u4e00-\u9fff]*)", after)
    for r in _roles():
        if after.startswith(r) or (m and after[: m.end()].endswith(r) and after.find(r) <= 6 and ("是" in after[:2] or "系" in after[:2])):
            return r
    line_start = norm.rfind("\n", 0, s) + 1
    line = norm[line_start : norm.find("\n", e) if norm.find("\n", e) != -1 else len(norm)]
    if len(line) < 40:
        # 记者 张斌 通讯员 伍品倩 廖慧婷: the byline word written last before the name; else the first of the table
        before = norm[line_start:s]
        nearest = max(((before.rfind(k), -i, v) for i, (k, v) in enumerate(_BYLINE_ROLE.items()) if k in before),
                      default=None)
        if nearest is not None:
            return nearest[2]
        for k, v in _BYLINE_ROLE.items():
            if k in line:
                return v
    if len(line.strip()) < 25 and " " in line.strip():
        return "author"
    return ""


def _inside_quotes(norm: str, s: int, e: int) -> bool:
    return norm[s - 1 : s] in "“「\"" and norm[e : e + 1] in "”」\""
