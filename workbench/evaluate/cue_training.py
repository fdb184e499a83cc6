"""Fit the learned cue scorer on PolNeAR train and write the model file given as ``--out``.

How it is built (PolNeAR is read in place; no corpus text reaches the repository):

1. Parse every train article and run the attribution rules alone
   (``find_attributions(doc, use_model=False)``).
2. Candidate lemmas: the lemmas of words inside gold cue spans that no rule cue overlaps,
   kept when they occur at least ``--min-count`` times (generic English words).
3. Examples (:func:`workbench.annotate.quotes.cue_candidates`): every rule cue without a direct
   quote, labelled 1 when its cue span shares a character with a gold cue; every candidate-lemma
   word outside quotes and rule cues from which an attribution can be built (a content is
   found: the scorer never sees the others when annotating), labelled 1 when it lies inside a
   gold cue span that no rule cue overlaps.
4. A scikit-learn logistic regression (L2, ``C``) over the binary features of
   :func:`workbench.annotate.cue_model.cue_features`. The two thresholds (drop a rule cue under
   ``DROP_THRESHOLD``, add a word at or over ``ADD_THRESHOLD``) are chosen on out-of-fold
   probabilities (two folds of train articles) to maximise the cue overlap F1 they imply;
   thresholds within ``TIE_F1`` of the best count as ties, among which the fewest rule cues
   are dropped. :func:`fit` does steps 2-5 on any list of articles (e.g. one fold).
5. The final model is fitted on all of train; weights under ``--min-weight`` are pruned, and
   candidate lemmas none of whose train words reaches ``--reach`` times the adding threshold
   are dropped (they are never added, and scoring them costs time).

Dev is not read. Run: ``python -m workbench.evaluate.cue_training --out cue_model.json.gz
[--cache train.spacy]``; the command writes nothing but ``--out``. The packaged model is
``workbench/annotate/cue_model.json.gz``: to ship a refit, write there (``--out
workbench/annotate/cue_model.json.gz``) and commit it with the figures it changes.

The file is gzip-compressed JSON (see :func:`model_document`): the weights, intercept,
thresholds and candidate lemmas, and under ``fit`` the corpus SHA-256
(:func:`corpus_sha256` of the train split's files), the options, the scikit-learn, spaCy and
model versions and the git commit the fit ran on.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import inspect
import json
import subprocess
from collections import Counter
from pathlib import Path

from workbench.evaluate.attribution import _chars, read_polnear

__all__ = ["build_examples", "corpus_sha256", "fit", "main", "model_document"]

_REPO = Path(__file__).resolve().parents[2]
#: Implied out-of-fold F1 differences treated as ties when choosing the thresholds.
TIE_F1 = 0.0005


def _parsed(docs, cache: str | None):
    from workbench.annotate.nlp import get_nlp

    nlp = get_nlp()
    if cache:
        from spacy.tokens import DocBin

        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    return list(nlp.pipe((d.text for d in docs), batch_size=16))


def build_examples(gold_docs, parsed, *, min_count: int = 2):
    """Return (candidate lemmas, examples, n gold cues, n rule cues, n rule cues matched).

    Args:
        gold_docs: :class:`~workbench.evaluate.attribution.GoldDocument` list.
        parsed: Their spaCy Docs, in the same order.
        min_count: Least number of missed gold cue words for a lemma to become a candidate.

    Returns:
        ``examples`` is a list of ``(doc index, features, label, is_rule, gold cue id)``.
    """
    from workbench.annotate.quotes import (
        _lemma,
        cue_candidates,
        find_attributions,
        find_quote_spans,
        quote_chars,
    )

    rule_runs = []
    lemma_counts: Counter[str] = Counter()
    n_gold = n_rule = n_rule_hit = 0
    for g, doc in zip(gold_docs, parsed, strict=True):
        doc.user_data.clear()
        attrs = find_attributions(doc, use_model=False)
        cues = [_chars(g.text, ((a.cue_start, a.cue_end),), trim=False)
                for a in attrs if a.cue_start is not None and a.cue_end > a.cue_start]
        covered = set().union(*cues) if cues else set()
        gold = [c for c in {_chars(g.text, s, trim=False) for s in g.spans["cue"]} if c]
        gold_chars = set().union(*gold) if gold else set()
        n_gold += len(gold)
        n_rule += len({c for c in cues if c})
        n_rule_hit += len({c for c in cues if c and c & gold_chars})
        missed: dict[int, int] = {}
        for k, c in enumerate(gold):
            if not c & covered:
                for ch in c:
                    missed[ch] = k
        for tok in doc:
            if tok.idx in missed:
                lemma_counts[_lemma(tok)] += 1
        rule_runs.append((attrs, missed, gold_chars))
    lemmas = frozenset(w for w, n in lemma_counts.items() if n >= min_count and w.isalpha())
    examples = []
    for di, (doc, (attrs, missed, gold_chars)) in enumerate(zip(parsed, rule_runs, strict=True)):
        qoc = quote_chars(doc, find_quote_spans(doc.text))
        for tok, _subject, feats, attr in cue_candidates(doc, attrs, qoc, lemmas):
            if attr is not None:
                hit = bool(set(range(attr.cue_start, attr.cue_end)) & gold_chars)
                examples.append((di, feats, int(hit), True, None))
            else:
                k = missed.get(tok.idx)
                examples.append((di, feats, int(k is not None), False,
                                 None if k is None else (di, k)))
    return lemmas, examples, n_gold, n_rule, n_rule_hit


def _implied_f1(probs, examples, n_gold, n_rule, n_rule_hit, drop_t, add_t):
    matched, predicted = n_rule_hit, n_rule
    hits = set()
    for p, (_, _, label, is_rule, gid) in zip(probs, examples, strict=True):
        if is_rule:
            if p < drop_t:
                predicted -= 1
                matched -= label
        elif p >= add_t:
            predicted += 1
            if label:
                hits.add(gid)
    matched += len(hits)
    return 2 * matched / (n_gold + predicted)


def fit(gold_docs, parsed, *, min_count: int = 2, C: float = 0.3, min_weight: float = 0.1,
        reach: float = 0.9, verbose: bool = True) -> dict:
    """Fit the scorer on gold articles and return the contents of the weights module.

    Args:
        gold_docs: :class:`~workbench.evaluate.attribution.GoldDocument` list (PolNeAR train).
        parsed: Their spaCy Docs, in the same order.
        min_count: Least number of missed gold cue words for a lemma to become a candidate.
        C: Inverse L2 regularisation strength of the logistic regression.
        min_weight: Weights under this magnitude are pruned.
        reach: Keep candidate lemmas whose words reach this share of the adding threshold.
        verbose: Print the out-of-fold figures.

    Returns:
        ``{"WEIGHTS", "BIAS", "ADD_THRESHOLD", "DROP_THRESHOLD", "CANDIDATE_LEMMAS", "FIGURES"}``
        (``FIGURES``: the implied cue F1 of the rules alone and out of fold, example counts).
    """
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    lemmas, examples, n_gold, n_rule, n_rule_hit = build_examples(
        gold_docs, parsed, min_count=min_count)
    dv = DictVectorizer()
    x = dv.fit_transform([dict.fromkeys(e[1], 1) for e in examples])
    y = np.array([e[2] for e in examples])
    fold = np.array([e[0] % 2 for e in examples])
    oof = np.zeros(len(y))
    for f in (0, 1):
        clf = LogisticRegression(C=C, max_iter=3000)
        clf.fit(x[fold != f], y[fold != f])
        oof[fold == f] = clf.predict_proba(x[fold == f])[:, 1]
    base = 2 * n_rule_hit / (n_gold + n_rule)
    grid = {(drop_t, add_t): _implied_f1(oof, examples, n_gold, n_rule, n_rule_hit, drop_t, add_t)
            for drop_t in (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35)
            for add_t in (0.25, 0.3, 0.35, 0.375, 0.4, 0.425, 0.45, 0.475, 0.5, 0.55, 0.6, 1.01)}
    top = max(grid.values())
    # Differences under TIE_F1 are out-of-fold noise: within that band, drop the fewest rule
    # cues (the lowest drop threshold), then take the best adding threshold.
    drop_t = min(d for (d, _), f1 in grid.items() if f1 >= top - TIE_F1)
    add_t = max((a for d, a in grid if d == drop_t), key=lambda a: grid[(drop_t, a)])
    best = (grid[(drop_t, add_t)], drop_t, add_t) if top > base else (base, 0.0, 1.01)
    if verbose:
        print(f"rules alone: implied cue F1 {base:.4f}; out-of-fold best {best[0]:.4f} "
              f"(drop < {best[1]}, add >= {best[2]}); {len(lemmas)} candidate lemmas, "
              f"{len(y)} examples, {int(y.sum())} positive")
    clf = LogisticRegression(C=C, max_iter=3000)
    clf.fit(x, y)
    weights = {name: round(float(w), 3) for name, w in zip(dv.feature_names_, clf.coef_[0], strict=True)
               if abs(w) >= min_weight}
    # Keep as candidates only the lemmas whose words come near the adding threshold on train
    # (the others cost time and are never added).
    probs = clf.predict_proba(x)[:, 1]
    near = {e[1][0][2:] for p, e in zip(probs, examples, strict=True)
            if not e[3] and p >= reach * best[2]}
    if verbose:
        print(f"{len(near & lemmas)} of {len(lemmas)} candidate lemmas reach the threshold")
    return {"WEIGHTS": weights, "BIAS": float(clf.intercept_[0]), "ADD_THRESHOLD": best[2],
            "DROP_THRESHOLD": best[1], "CANDIDATE_LEMMAS": frozenset(lemmas & near),
            "FIGURES": {"rules_alone_cue_f1": round(base, 4), "out_of_fold_cue_f1": round(best[0], 4),
                        "examples": len(y), "positive_examples": int(y.sum())}}


def main(argv: list[str] | None = None) -> None:
    """Fit the scorer and write the model file ``--out`` (see the module docstring)."""
    default = {k: p.default for k, p in inspect.signature(fit).parameters.items()}  # fit's own
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", default=str(Path(__file__).resolve().parents[3] / "shared" / "corpora" / "polnear"))
    ap.add_argument("--cache", help="DocBin of the parsed train articles (same order)")
    ap.add_argument("--min-count", type=int, default=default["min_count"])
    ap.add_argument("--C", type=float, default=default["C"])
    ap.add_argument("--min-weight", type=float, default=default["min_weight"])
    ap.add_argument("--reach", type=float, default=default["reach"],
                    help="keep candidate lemmas whose train words reach this share of the threshold")
    ap.add_argument("--out", required=True,
                    help="model file to write (gzip-compressed JSON, e.g. cue_model.json.gz)")
    args = ap.parse_args(argv)

    gold_docs = read_polnear(args.root, "train")
    parsed = _parsed(gold_docs, args.cache)
    options = {"min_count": args.min_count, "C": args.C, "min_weight": args.min_weight,
               "reach": args.reach, "tie_f1": TIE_F1}
    model = fit(gold_docs, parsed, min_count=args.min_count, C=args.C, min_weight=args.min_weight,
                reach=args.reach)
    from workbench.annotate.nlp import get_nlp

    nlp = get_nlp()
    fit_record = _fit_record(Path(args.root) / "train", len(gold_docs), options,
                             spacy_model=f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}")
    fit_record["figures"] = model["FIGURES"]
    write_model(Path(args.out), model_document(model, fit_record))
    print(f"wrote {len(model['WEIGHTS'])} weights to {args.out}")


def corpus_sha256(root: str | Path) -> str:
    """Return the SHA-256 of every file under ``root`` (a corpus split), names and contents.

    The digest runs over the files in sorted order of their path relative to ``root``: for each,
    its relative path (POSIX), a NUL byte, the hex SHA-256 of its bytes and a newline.
    """
    root = Path(root)
    files = sorted(p for p in root.rglob("*") if p.is_file())
    if not files:
        raise ValueError(f"{root}: no corpus files to hash")
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.relative_to(root).as_posix()}\0"
                      f"{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()


def _git_commit() -> str | None:
    """Return the checkout's commit (``+dirty`` when workbench/ has changes), or None."""
    try:
        head = subprocess.run(["git", "-C", str(_REPO), "rev-parse", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(_REPO), "status", "--porcelain", "--", "workbench"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+dirty" if dirty else "")


def _fit_record(split_dir: Path, documents: int, options: dict, *, spacy_model: str) -> dict:
    import sklearn
    import spacy

    return {
        "corpus": f"PolNeAR {split_dir.name}",
        "corpus_sha256": corpus_sha256(split_dir),
        "documents": documents,
        "options": options,
        "sklearn_version": sklearn.__version__,
        "spacy_version": spacy.__version__,
        "spacy_model": spacy_model,
        "commit": _git_commit(),
    }


def model_document(model: dict, fit_record: dict) -> dict:
    """Return the JSON document of a fitted model (what :func:`fit` returns) and its fit record.

    Weights and candidate lemmas are sorted, so a refit with the same result gives the same
    file. :func:`workbench.annotate.cue_model.read_cue_model` reads it back.
    """
    from workbench.annotate.cue_model import CUE_MODEL_FORMAT

    return {
        "format": CUE_MODEL_FORMAT,
        "model": "learned cue scorer (workbench.annotate.cue_model): logistic regression",
        "fit": fit_record,
        "bias": model["BIAS"],
        "add_threshold": model["ADD_THRESHOLD"],
        "drop_threshold": model["DROP_THRESHOLD"],
        "candidate_lemmas": sorted(model["CANDIDATE_LEMMAS"]),
        "weights": {name: model["WEIGHTS"][name] for name in sorted(model["WEIGHTS"])},
    }


def write_model(path: Path, document: dict) -> None:
    """Write a model document as gzip-compressed JSON (no timestamp in the gzip header)."""
    data = json.dumps(document, indent=0, ensure_ascii=False).encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0))


if __name__ == "__main__":
    main()
