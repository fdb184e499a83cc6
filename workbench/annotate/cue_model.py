"""Learned cue scorer: a small logistic model over parse features of a candidate cue word.

The rules of :mod:`workbench.annotate.quotes` find the reporting verbs, frames and noun cues
of the lexicons. Attribution in news is wider than that: stance, feeling and cognition
predicates ("is skeptical that", "were critical of", "wants no repeat of", "his support for")
spread over hundreds of head words, each ambiguous on its own. This module scores one
candidate word from its parse neighbourhood with a linear model:

* the word's lemma, part of speech, tag and dependency, and their conjunctions;
* its head's lemma and part of speech, its children's dependencies and the lemmas of its
  prepositions, particles, objects and adjectival complements (a name, number or entity
  stands as its part of speech: no name is a feature);
* its subject (inherited through coordination and control): part of speech, entity type and
  pronoun form;
* whether a rule already made it a cue (and with which kind of content), and whether it sits
  inside another attribution's content.

The model (``cue_model.json.gz``, package data read once by :func:`load_cue_model`) holds
feature names (generic English lemmas and spaCy labels) and numbers only, no corpus text, with
the record of its fit (corpus SHA-256, options, library versions, commit). It is written by
``python -m workbench.evaluate.cue_training --out ...``, which fits a scikit-learn logistic
regression on the PolNeAR train split (read in place): one example per candidate word (the
model's ``candidate_lemmas``) and per rule cue, labelled by whether it lies in a gold cue span.
Dev is never used for fitting or for the thresholds.
"""

from __future__ import annotations

import functools
import gzip
import importlib.resources
import json
import math
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

from workbench.annotate.lexicons import (
    ANONYMOUS_NOUNS,
    COGNITION_VERBS,
    INSTITUTION_NOUNS,
    NOUN_CUES,
    ROLE_NOUNS,
    SPEECH_VERBS,
    STANCE_VERBS,
    XCOMP_CUE_VERBS,
)

__all__ = ["CueModel", "cue_features", "cue_probability", "load_cue_model", "read_cue_model"]

#: Package data file of the fitted model (in :mod:`workbench.annotate`).
CUE_MODEL_FILE = "cue_model.json.gz"
#: Version of the model file layout written by :mod:`workbench.evaluate.cue_training`.
CUE_MODEL_FORMAT = 1

_CHILD_LEMMA_DEPS = frozenset({"prep", "prt", "acomp", "dobj", "attr", "agent", "mark"})
_LEXICONS = (("speech", SPEECH_VERBS), ("cognition", COGNITION_VERBS), ("stance", STANCE_VERBS),
             ("xcomp", XCOMP_CUE_VERBS), ("noun", NOUN_CUES))
_PERSON_PRONOUNS = frozenset("i you he she we they who me him her us them".split())
_PERSON_NOUNS = ROLE_NOUNS | ANONYMOUS_NOUNS


def _word(tok) -> str:
    """Return the lower-case lemma of a common word.

    A name (proper noun, entity, or a capitalized word inside a sentence), a number or a
    token that is not a plain word stands as a placeholder: no name is a feature.
    """
    if tok.pos_ in ("PROPN", "NUM", "X", "SYM") or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return f"<{tok.pos_}>"
    if tok.text[:1].isupper() and not tok.is_sent_start:
        return "<NAME>"
    lemma = tok.lemma_.lower()
    if not lemma.replace("-", "").isalpha():
        return "<OTHER>"
    return lemma


def _subject_class(subject) -> str:
    """Return 'person', 'group' or 'thing' for a subject token (entity type, pronoun, noun)."""
    ent = subject.ent_type_
    if ent == "PERSON" or subject.lower_ in _PERSON_PRONOUNS:
        return "person"
    lemma = subject.lemma_.lower()
    if lemma in _PERSON_NOUNS:
        return "person"
    if ent in ("ORG", "NORP", "GPE") or lemma in INSTITUTION_NOUNS:
        return "group"
    return "thing"


def cue_features(tok, lemma: str, subject, *, rule_kind: str | None, nested: bool) -> list[str]:
    """Return the feature names of candidate cue word ``tok``.

    Args:
        tok: The candidate spaCy token.
        lemma: Its lower-case lemma (as :func:`workbench.annotate.quotes._lemma` gives it).
        subject: Its subject token, or None.
        rule_kind: ``None`` for a word no rule made a cue; else the rule's content kind
            (``clause``, ``object``, ``xcomp``, ``prep``, ``stance``, ``noun``, ``quote``,
            ``none``).
        nested: Whether the word sits inside another attribution's content.

    Returns:
        Feature names (strings); a name absent from the weights counts zero.
    """
    pos, dep = tok.pos_, tok.dep_
    head = tok.head
    if tok.text[:1].isupper() and not tok.is_sent_start or not lemma.replace("-", "").isalpha():
        lemma = "<NAME>"  # a name mistagged as a verb or noun ('Trump'): no name is a feature
    feats = [
        f"l={lemma}", f"p={pos}", f"d={dep}", f"t={tok.tag_}", f"ld={lemma}|{dep}",
        f"lp={lemma}|{pos}", f"hl={_word(head)}", f"hd={dep}|{head.pos_}",
        f"lhd={lemma}|{head.pos_}",
    ]
    for name, words in _LEXICONS:
        if lemma in words:
            feats.append(f"lex={name}")
            feats.append(f"lexd={name}|{dep}")
    for c in tok.children:
        cdep = c.dep_
        if cdep == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            feats.append("that")
        feats.append(f"cd={cdep}")
        feats.append(f"lcd={lemma}|{cdep}")
        if cdep in _CHILD_LEMMA_DEPS:
            clem = _word(c)
            feats.append(f"lc={lemma}|{cdep}|{clem}")
            feats.append(f"dc={cdep}|{clem}")
            if cdep == "acomp":
                for g in c.children:
                    if g.dep_ in ("prep", "ccomp", "xcomp"):
                        feats.append(f"ac={clem}|{g.dep_}")
                        feats.append(f"acl={clem}|{g.lower_}")
    if subject is None:
        feats.append("nosubj")
        feats.append(f"lns={lemma}")
    else:
        spos = subject.pos_
        feats.append(f"sp={spos}")
        feats.append(f"se={subject.ent_type_}")
        feats.append(f"ls={lemma}|{spos}")
        sclass = _subject_class(subject)
        feats.append(f"sc={sclass}")
        feats.append(f"lsc={lemma}|{sclass}")
        if spos == "PRON":
            feats.append(f"sw={subject.lower_}")
    if rule_kind is None:
        feats.append("new")
    else:
        feats.append(f"r={rule_kind}")
        feats.append(f"rl={lemma}|{rule_kind}")
        feats.append(f"rd={rule_kind}|{dep}")
    if nested:
        feats.append("nested")
        feats.append(f"nl={lemma}")
        feats.append(f"nd={dep}|{rule_kind is not None}")
    return feats


def cue_probability(feats: list[str], weights: dict[str, float], bias: float) -> float:
    """Return the model's probability that the candidate is a cue.

    Args:
        feats: Feature names from :func:`cue_features`.
        weights: Feature name -> weight.
        bias: The intercept.

    Returns:
        The logistic of the summed weights.
    """
    z = bias + sum(map(weights.get, feats, repeat(0.0, len(feats))))
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True)
class CueModel:
    """The fitted cue scorer: weights, intercept, thresholds, candidate lemmas and fit record.

    Attributes:
        weights: Feature name -> weight (names absent count zero).
        bias: The intercept.
        add_threshold: A candidate word no rule made a cue becomes one at or over this.
        drop_threshold: A rule cue without a direct quote is dropped under this.
        candidate_lemmas: Lemmas of the words scored as new cues.
        fit: How the model was fitted (corpus SHA-256, options, library versions, commit).
    """

    weights: dict[str, float]
    bias: float
    add_threshold: float
    drop_threshold: float
    candidate_lemmas: frozenset[str]
    fit: dict[str, Any]


def read_cue_model(source) -> CueModel:
    """Read a cue model file (gzip-compressed JSON, as the training command writes it).

    Args:
        source: A path, or a :mod:`importlib.resources` traversable.

    Returns:
        The model.

    Raises:
        ValueError: The file is not a cue model of the known format (the message names it).
    """
    name = str(source)
    try:
        data = json.loads(gzip.decompress(Path(source).read_bytes() if isinstance(source, str | Path)
                                          else source.read_bytes()))
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{name}: not a readable gzip-compressed JSON cue model ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != CUE_MODEL_FORMAT:
        got = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"{name}: cue model format {got!r}, expected {CUE_MODEL_FORMAT}")
    missing = {"weights", "bias", "add_threshold", "drop_threshold", "candidate_lemmas",
               "fit"} - data.keys()
    if missing:
        raise ValueError(f"{name}: cue model without {sorted(missing)}")
    weights = data["weights"]
    if not isinstance(weights, dict) or not all(
            isinstance(w, int | float) and not isinstance(w, bool) for w in weights.values()):
        raise ValueError(f"{name}: cue model weights must map feature names to numbers")
    return CueModel(
        weights={str(k): float(w) for k, w in weights.items()},
        bias=float(data["bias"]),
        add_threshold=float(data["add_threshold"]),
        drop_threshold=float(data["drop_threshold"]),
        candidate_lemmas=frozenset(map(str, data["candidate_lemmas"])),
        fit=dict(data["fit"]),
    )


@functools.cache
def load_cue_model() -> CueModel:
    """Return the packaged cue model, read on first use and then cached for the process."""
    return read_cue_model(importlib.resources.files("workbench.annotate") / CUE_MODEL_FILE)
