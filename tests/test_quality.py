"""Regression floors of extraction quality (issue 3's bar) on the seeds and the dev set."""
from pathlib import Path

import pytest

from kg.evaluate import Report, evaluate

from .conftest import ROOT, SHARED, SOURCES

# (entity, relation, statistic) F1 floors; regression guards, to be raised as extraction improves
SETS = {
    "seeds": (SHARED / "gold", SOURCES, (0.92, 0.81, 0.87)),
    "dev": (SHARED / "dev" / "gold", SHARED / "dev" / "docs", (0.95, 0.85, 0.87)),
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_f1_floors(name: str) -> None:
    gold, docs, (entity, relation, statistic) = SETS[name]
    if not gold.is_dir():
        pytest.skip(f"{gold} not present")
    report = evaluate(gold, docs, ROOT / "ontology")
    figures = (report.entities.f1, report.relations.f1, report.statistics.f1)
    assert report.entities.f1 >= entity, figures
    assert report.relations.f1 >= relation, figures
    assert report.statistics.f1 >= statistic, figures


def test_eval_rules_on_a_hand_made_document(tmp_path: Path) -> None:
    """Scoring counts a hit by alias and type, and a miss otherwise (the scorer can fail)."""
    import json

    docs = tmp_path / "docs"
    gold = tmp_path / "gold"
    docs.mkdir()
    gold.mkdir()
    (docs / "x.txt").write_text("九江市公安局聯合煙草部門跨省追查,抓獲犯罪嫌疑人19人。", encoding="utf-8")
    (gold / "x.json").write_text(json.dumps({
        "doc": "x",
        "entities": [
            {"name": "九江市公安局", "type": "Organization", "aliases": []},
            {"name": "九江市", "type": "Place", "aliases": []},
            {"name": "烟草部门", "type": "Organization", "aliases": []},
        ],
        "statistics": [{"subject": "九江市公安局", "indicator": "抓获", "value": "19人", "year": None}],
        "relations": [{"s": "九江市公安局", "p": "locatedIn", "o": "九江市", "evidence": ""}],
    }, ensure_ascii=False), encoding="utf-8")
    report = evaluate(gold, docs, ROOT / "ontology")
    assert (report.entities.tp, report.entities.gold) == (2, 3)
    assert report.relations.tp == 1
    assert report.statistics.tp == 1


def _score_one(tmp_path: Path, statistics: list[dict], relations: list[dict]) -> Report:
    """kg eval on one sentence of real text against a gold with these statistics and relations."""
    import json

    docs, gold = tmp_path / "docs", tmp_path / "gold"
    docs.mkdir()
    gold.mkdir()
    (docs / "x.txt").write_text("九江市公安局聯合煙草部門跨省追查,抓獲犯罪嫌疑人19人。", encoding="utf-8")
    (gold / "x.json").write_text(json.dumps({
        "doc": "x",
        "entities": [{"name": "九江市公安局", "type": "Organization", "aliases": []},
                     {"name": "九江市", "type": "Place", "aliases": []}],
        "statistics": statistics,
        "relations": relations,
    }, ensure_ascii=False), encoding="utf-8")
    return evaluate(gold, docs, ROOT / "ontology")


def test_eval_lists_missed_and_spurious_relations(tmp_path: Path) -> None:
    """A relation the gold lacks is listed as spurious, one the graph lacks as missed."""
    report = _score_one(tmp_path, [], [{"s": "九江市", "p": "locatedIn", "o": "九江市公安局", "evidence": ""}])
    assert report.missed_relations["x"] == ["九江市 -locatedIn-> 九江市公安局"]
    assert report.spurious_relations["x"] == ["九江市公安局 -locatedIn-> 九江市"]


def test_eval_lists_missed_and_spurious_statistics(tmp_path: Path) -> None:
    """A figure the gold gives another subject is both missed (as the gold has it) and spurious
    (as the graph has it), so the user sees which subject each side chose."""
    report = _score_one(tmp_path, [{"subject": "九江市", "indicator": "抓获犯罪嫌疑人", "value": "19人", "year": None}], [])
    assert report.missed_statistics["x"] == ["九江市 · 抓获犯罪嫌疑人: 19人"]
    assert len(report.spurious_statistics["x"]) == 1
    assert report.spurious_statistics["x"][0].startswith("九江市公安局 · ") and "19" in report.spurious_statistics["x"][0]
