"""Scoring against gold annotations by the rules of ANNOTATION.md: each document is built
alone, exported to RDF, and the RDF is matched against the gold file."""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SKOS

from .errors import KGError
from .export import build_dataset, union_graph
from .extract import extract_document
from .normalise import normalise_name
from .sources import read_document

TOP_TYPES = ("MediationRoom", "Place", "Organization", "Campaign", "Program", "Person")
RELATION_PREDICATES = ("locatedIn", "subOrganizationOf", "conducts", "implements", "cooperatesWith",
                       "affiliatedWith", "partOf")
_NUM = re.compile(r"\d+(?:\.\d+)?")


def _local(iri: object) -> str:
    return re.split(r"[#/]", str(iri).rstrip("/#"))[-1]


@dataclass
class Score:
    """Counts for precision / recall / F1."""

    tp: int = 0
    found: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.found += other.found
        self.gold += other.gold

    @property
    def p(self) -> float:
        return self.tp / self.found if self.found else 0.0

    @property
    def r(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass
class Report:
    """Scores per entity type, for relations and statistics, and the errors behind them."""

    types: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    relations: Score = field(default_factory=Score)
    statistics: Score = field(default_factory=Score)
    missed: dict[str, list[str]] = field(default_factory=dict)
    spurious: dict[str, list[str]] = field(default_factory=dict)
    missed_relations: dict[str, list[str]] = field(default_factory=dict)
    spurious_relations: dict[str, list[str]] = field(default_factory=dict)
    missed_statistics: dict[str, list[str]] = field(default_factory=dict)
    spurious_statistics: dict[str, list[str]] = field(default_factory=dict)

    @property
    def entities(self) -> Score:
        total = Score()
        for s in self.types.values():
            total.add(s)
        return total


def _class_top(g: Graph) -> Callable[[Any], str | None]:
    """A function from a class to the top type it falls under (MediationRoom first)."""
    memo: dict[Any, str | None] = {}

    def top(cls: Any) -> str | None:
        if cls in memo:
            return memo[cls]
        seen, todo, found = set(), [cls], set()
        while todo:
            c = todo.pop()
            if c in seen:
                continue
            seen.add(c)
            if _local(c) in TOP_TYPES or _local(c) == "Statistic":
                found.add(_local(c))
            todo.extend(g.objects(c, RDFS.subClassOf))
        memo[cls] = next((t for t in (*TOP_TYPES, "Statistic") if t in found), None)
        return memo[cls]

    return top


def graph_for_document(path: Path, ontology: Graph) -> Graph:
    """The RDF of one document built alone, with the ontology loaded beside it."""
    result = extract_document(read_document(path))
    ds = build_dataset([result])
    g = union_graph(ds)
    g += ontology
    return g


@dataclass
class DocumentScore:
    """One document's scores and the errors behind them (names as the gold or the graph writes them)."""

    types: dict[str, Score]
    relations: Score
    statistics: Score
    missed: list[str]
    spurious: list[str]
    missed_relations: list[str]
    spurious_relations: list[str]
    missed_statistics: list[str]
    spurious_statistics: list[str]


def score_document(gold: dict, g: Graph) -> DocumentScore:
    """Scores of one document's graph against its gold annotation."""
    top = _class_top(g)
    ents: dict = {}
    for node, cls in g.subject_objects(RDF.type):
        t = top(cls)
        if t is None:
            continue
        labels = {normalise_name(str(lit)) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
                  for lit in g.objects(node, p) if isinstance(lit, Literal)} - {""}
        prev = ents.get(node)
        ents[node] = (prev[0] if prev and prev[0] == "MediationRoom" else t, labels | (prev[1] if prev else set()))
    mentioned = {s for s, p, _ in g if _local(p) == "mentionedIn"}
    if mentioned:
        ents = {n: v for n, v in ents.items() if n in mentioned or v[0] == "Statistic"}
    scored = {n: v for n, v in ents.items() if v[0] != "Statistic"}
    gold_ents = [e for e in gold["entities"] if e["type"] in TOP_TYPES]
    forms = [{normalise_name(e["name"])} | {normalise_name(a) for a in e.get("aliases", [])} for e in gold_ents]
    pairs = []
    for gi, e in enumerate(gold_ents):
        for node, (t, labels) in scored.items():
            if t == e["type"] and forms[gi] & labels:
                pairs.append((0 if normalise_name(e["name"]) in labels else 1, gi, str(node), node))
    pairs.sort(key=lambda x: (x[0], x[1], x[2]))
    g2n, used = {}, set()
    for _, gi, _, node in pairs:
        if gi not in g2n and node not in used:
            g2n[gi] = node
            used.add(node)
    types: dict[str, Score] = {}
    for t in TOP_TYPES:
        types[t] = Score(sum(1 for gi in g2n if gold_ents[gi]["type"] == t),
                         sum(1 for v in scored.values() if v[0] == t),
                         sum(1 for e in gold_ents if e["type"] == t))
    name2nodes: dict[str, set] = defaultdict(set)
    for gi, e in enumerate(gold_ents):
        for node, (_, labels) in scored.items():
            if forms[gi] & labels:
                name2nodes[normalise_name(e["name"])].add(node)
    rels = {(s, _local(p), o) for s, p, o in g if _local(p) in RELATION_PREDICATES and s in ents and o in ents}
    gold_rels = [r for r in gold.get("relations", []) if r["p"] in RELATION_PREDICATES]
    tp = 0
    missed_rel = []
    matched: set = set()
    for r in gold_rels:
        subj = name2nodes.get(normalise_name(r["s"]), set())
        obj = name2nodes.get(normalise_name(r["o"]), set())
        symmetric = r["p"] == "cooperatesWith"
        hits = {x for x in rels if x[1] == r["p"] and ((x[0] in subj and x[2] in obj) or (symmetric and x[0] in obj and x[2] in subj))}
        matched |= hits
        hit = bool(hits)
        tp += hit
        if not hit:
            missed_rel.append(f'{r["s"]} -{r["p"]}-> {r["o"]}')
    rel_score = Score(tp, len(rels), len(gold_rels))
    stats = []
    for node, (t, _) in sorted(ents.items(), key=lambda kv: str(kv[0])):
        if t != "Statistic":
            continue
        lits = " ".join(sorted(normalise_name(str(lit)) for _, lit in g.predicate_objects(node) if isinstance(lit, Literal)))
        subjects = {s for s in g.subjects(None, node) if s in ents}
        stats.append((lits, subjects))
    stp, used_s, missed_stats = 0, set(), []
    for s in gold.get("statistics", []):
        value = normalise_name(s["value"])
        nums = _NUM.findall(value)
        S = name2nodes.get(normalise_name(s["subject"]), set())
        for i, (lits, subj) in enumerate(stats):
            if i in used_s or not subj & S:
                continue
            found = _NUM.findall(lits)
            if all(n in found for n in nums) if nums else value in lits:
                used_s.add(i)
                stp += 1
                break
        else:
            missed_stats.append(f'{s["subject"]} · {s.get("indicator", "")}: {s["value"]}')
    stat_score = Score(stp, len(stats), len(gold.get("statistics", [])))
    missed = [gold_ents[i]["name"] + "/" + gold_ents[i]["type"] for i in range(len(gold_ents)) if i not in g2n]
    spurious = sorted(f"{sorted(v[1])[0] if v[1] else n}/{v[0]}" for n, v in scored.items() if n not in used)
    def name(n: Any) -> str:
        label = g.value(n, RDFS.label)
        return normalise_name(str(label)) if label is not None else (sorted(ents[n][1]) or [str(n)])[0]

    spurious_rel = sorted(f"{name(a)} -{p}-> {name(b)}" for a, p, b in rels - matched)
    spurious_stats = sorted(f"{'/'.join(sorted(name(n) for n in subj))} · {lits}"
                            for i, (lits, subj) in enumerate(stats) if i not in used_s)
    return DocumentScore(types, rel_score, stat_score, missed, spurious, missed_rel, spurious_rel,
                         missed_stats, spurious_stats)


def evaluate(gold_dir: Path, docs_dir: Path, ontology_dir: Path) -> Report:
    """Build each gold document alone and score it; micro-averaged over documents."""
    ontology = Graph()
    for f in sorted(ontology_dir.glob("*.ttl")):
        ontology.parse(f, format="turtle")
    report = Report()
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise KGError(f"{gold_dir}: no gold files (*.json)")
    for gf in files:
        try:
            gold = json.loads(gf.read_text(encoding="utf-8"))
            doc_id = gold["doc"]
            gold.setdefault("entities", [])
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise KGError(f"{gf}: not a gold file ({type(e).__name__}: {e}); see ANNOTATION.md") from None
        path = docs_dir / (doc_id + ".txt")
        g = graph_for_document(path, ontology)
        scored = score_document(gold, g)
        for t, s in scored.types.items():
            report.types[t].add(s)
        report.relations.add(scored.relations)
        report.statistics.add(scored.statistics)
        doc = gold["doc"]
        report.missed[doc] = scored.missed
        report.spurious[doc] = scored.spurious
        report.missed_relations[doc] = scored.missed_relations
        report.spurious_relations[doc] = scored.spurious_relations
        report.missed_statistics[doc] = scored.missed_statistics
        report.spurious_statistics[doc] = scored.spurious_statistics
    return report
