#!/usr/bin/env python3
"""Generate a corpus for benchmarks: documents made of the real sentences of sources/ (and
../shared/dev/docs when present), recombined, with the divisions they name replaced by other
divisions of the same level from the gazetteer. Deterministic for a given seed.

usage: python benchmarks/corpus.py N OUT_DIR [--seed S]
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

from kg import lexicon
from kg.normalise import normalise
from kg.places import find_places
from kg.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent


def _sentences() -> list[str]:
    folders = [ROOT / "sources", ROOT.parent / "shared" / "dev" / "docs"]
    out = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            text = path.read_text(encoding="utf-8")
            out += [text[s.start : s.end] for s in split_sentences(text) if s.end - s.start >= 12]
    return out


def _vary(sentence: str, rng: random.Random, by_level: dict[str, list[str]]) -> str:
    """The sentence with each division it names replaced by another of the same level."""
    norm = normalise(sentence)
    pieces, last = [], 0
    for m in sorted(find_places(norm), key=lambda m: m.start):
        if m.source != "gazetteer" or m.start < last or m.subtype not in by_level:
            continue
        if norm[m.start : m.end] != m.name:
            continue  # short forms stay as they are
        pieces += [sentence[last : m.start], rng.choice(by_level[m.subtype])]
        last = m.end
    return "".join(pieces) + sentence[last:]


def generate(n: int, out: Path, seed: int = 1) -> list[Path]:
    """Write ``n`` documents of 8–24 sentences into ``out``."""
    rng = random.Random(seed)
    sentences = _sentences()
    by_level: dict[str, list[str]] = {}
    for d in lexicon.divisions().values():
        by_level.setdefault(d.level, []).append(d.name)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        body = [_vary(rng.choice(sentences), rng, by_level) for _ in range(rng.randint(8, 24))]
        path = out / f"{i:06d}_gen{seed}.txt"
        path.write_text("\n".join(body) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    paths = generate(a.n, a.out, a.seed)
    print(f"wrote {len(paths)} documents ({sum(p.stat().st_size for p in paths) / 1e6:.1f} MB) to {a.out}")


if __name__ == "__main__":
    main()
