"""Language data of the project, read once from the TSV and text files under kg/data/."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Generic, TypeVar

V = TypeVar("V")


def _lines(name: str) -> list[str]:
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file: '#' lines are comments, the first other line is the header."""
    lines = _lines(name)
    header = lines[0].split("\t")
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        cells += [""] * (len(header) - len(cells))
        rows.append({h: c.strip() for h, c in zip(header, cells, strict=False)})
    return rows


def read_words(name: str) -> frozenset[str]:
    """A one-word-per-line data file as a set."""
    return frozenset(ln.strip() for ln in _lines(name))


@dataclass(frozen=True)
class Division:
    """An administrative division of the gazetteer."""

    adcode: str
    name: str
    level: str
    parent: str
    short: str


@lru_cache(maxsize=1)
def divisions() -> dict[str, Division]:
    """All divisions by adcode."""
    return {r["adcode"]: Division(**r) for r in read_table("gazetteer.tsv")}


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """A cached TSV data file."""
    return tuple(read_table(name))


def named_entries(name: str, kind_column: str | None, kind: str = "") -> dict[str, tuple[str, str]]:
    """A name lexicon (columns name, aliases separated by |, and a kind) as a map from every
    form to (canonical name, kind)."""
    entries: dict[str, tuple[str, str]] = {}
    for r in table(name):
        value = (r["name"], r[kind_column] if kind_column else kind)
        entries[r["name"]] = value
        for a in filter(None, r.get("aliases", "").split("|")):
            entries[a] = value
    return entries


@cache
def words(name: str) -> frozenset[str]:
    """A cached word-list data file."""
    return read_words(name)


class Lexicon(Generic[V]):
    """Longest-match dictionary lookup over a string (a small, dependency-free matcher)."""

    def __init__(self, entries: dict[str, V]):
        self.entries = entries
        self.lengths: dict[str, list[int]] = {}
        for k in entries:
            if k:
                self.lengths.setdefault(k[0], []).append(len(k))
        for v in self.lengths.values():
            v.sort(reverse=True)

    def match_at(self, text: str, i: int) -> str | None:
        """The longest entry that starts at text[i], or None."""
        for n in self.lengths.get(text[i], ()):
            w = text[i : i + n]
            if w in self.entries:
                return w
        return None

    def find_all(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """Leftmost-longest, non-overlapping matches as (start, end, entry)."""
        end = len(text) if end is None else end
        out = []
        i = start
        while i < end:
            w = self.match_at(text, i)
            if w and i + len(w) <= end:
                out.append((i, i + len(w), w))
                i += len(w)
            else:
                i += 1
        return out


@cache
def org_heads() -> Lexicon[tuple[str, set[str]]]:
    """Heads of organisation names (org_heads.tsv): head → (subtype, what may stand before it).
    Kept here because places need them too: 农业农村局 ends no village (会同市农业农村局)."""
    return Lexicon({r["head"]: (r["subtype"], set(r["prefix"].split("|"))) for r in table("org_heads.tsv")})
