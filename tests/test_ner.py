"""The batched Viterbi decoder against an exhaustive search, and batching against one text at a time."""
from itertools import product

import numpy as np

from kg.ner import _viterbi, tag_many


def _best_path(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    length, k = emissions.shape

    def score(path: tuple[int, ...]) -> float:
        return float(sum(emissions[t, p] for t, p in enumerate(path))
                     + sum(transitions[a, b] for a, b in zip(path, path[1:], strict=False)))

    return list(max(product(range(k), repeat=length), key=score))


def test_viterbi_finds_the_best_path_of_every_sequence_in_a_batch() -> None:
    rng = np.random.default_rng(3)
    transitions = rng.standard_normal((4, 4)).astype(np.float32)
    emissions = rng.standard_normal((5, 6, 4)).astype(np.float32)
    paths = _viterbi(emissions, transitions)
    assert [list(p) for p in paths] == [_best_path(e, transitions) for e in emissions]


def test_texts_tagged_together_are_tagged_as_alone() -> None:
    texts = ["南昌市公安局西湖分局开展巡逻。", "樟树市综治中心整合调解室。", "今年以来全省电诈案件下降。",
             "南昌市公安局红谷滩分局出警。"]  # two of equal length share a model call
    assert tag_many(texts) == [tag_many([t])[0] for t in texts]
