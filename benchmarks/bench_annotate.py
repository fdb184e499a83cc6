"""Benchmark: annotation throughput (words/s) against a bare spaCy parse of the same texts.

Texts: PolNeAR articles (political news, read in place from ``../shared/corpora/polnear``).
In one run, on the same texts:

1. ``nlp.pipe`` alone (the parse every layer needs: the baseline);
2. ``nlp.pipe`` + the quotes-and-sources layer (``extract_attributions``) only;
3. ``workbench.annotate.annotate_articles`` (parse + sentences, entities, quotes, sources,
   timexes, publication dates, schema validation), one process;
4. the same with ``n_process=2`` (and ``nlp.pipe(n_process=2)`` as its baseline).

Target: our layers cost at most 25% on top of the parse (overhead = time / parse time - 1).

The machine's speed drifts between runs (the same parse has taken 10.9 s and 15.2 s in two runs
a minute apart), so ``--repeat N`` times the bare parse and ``annotate_articles`` (one process)
side by side in N rounds, in chunks of 10 articles in alternating order, and reports each
round's ratio, wall and CPU, and their medians.

Run: ``.venv/bin/python benchmarks/bench_annotate.py [--articles 60] [--split dev] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear"


def load_texts(split: str, n: int) -> list[str]:
    """Return the first ``n`` PolNeAR texts of ``split`` (sorted by file name)."""
    files = sorted((POLNEAR / split / "text").glob("*.txt"))[:n]
    return [f.read_text(encoding="utf-8") for f in files]


def _timed(fn):
    """Return (wall seconds, result) of ``fn()``."""
    wall, _cpu, out = _clocked(fn)
    return wall, out


def _clocked(fn) -> tuple[float, float, object]:
    """Return (wall seconds, CPU seconds of this process, result) of ``fn()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, out


def main(argv: list[str] | None = None) -> int:
    """Print the throughput figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of parse vs annotate_articles side by side (alternating order)")
    parser.add_argument("--parallel", type=int, default=0, metavar="ROUNDS",
                        help="only time one process against two (kept workers, and spaCy's own "
                             "n_process) over --articles articles, ROUNDS rounds")
    parser.add_argument("--spacy-batch", type=int, default=64,
                        help="nlp.pipe batch_size of the spaCy n_process=2 variant")
    parser.add_argument("--reannotate", action="store_true",
                        help="only time a store's first annotation against re-annotating it after "
                             "a layer change (stored parses), one process")
    parser.add_argument("--components", type=int, default=0, metavar="ROUNDS",
                        help="only time the full nlp.pipe against the pipe without each component, "
                             "and count what a selective parse could skip")
    args = parser.parse_args(argv)
    if not POLNEAR.exists():
        print(f"skipped: {POLNEAR} is absent")
        return 0
    if args.components:
        return _components(load_texts(args.split, args.articles), args.split, args.components)
    if args.reannotate:
        return _reannotate(args.split, args.articles)
    if args.parallel:
        return _parallel(load_texts(args.split, args.articles), args.split, args.parallel,
                         args.spacy_batch)

    from workbench.annotate import annotate_articles, parse
    from workbench.annotate.nlp import get_nlp
    from workbench.annotate.sources import extract_attributions

    texts = load_texts(args.split, args.articles)
    words = sum(len(t.split()) for t in texts)
    articles = pd.DataFrame(
        {"article_id": [f"a{i}" for i in range(len(texts))], "text": texts, "language": "en"}
    )
    nlp = get_nlp()
    list(nlp.pipe(texts[:2]))  # warm-up: model load and first-batch costs out of the figures

    # The docs for the layer timing are parsed first, untimed: the first pass over new texts
    # also grows the vocabulary, which every later pass (annotate_articles too) skips, so a
    # timed first pass would make the baseline slow and flatter our overhead.
    docs = list(nlp.pipe(texts, batch_size=16))
    t_parse, _ = _timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=16)))

    def layer():
        for doc in docs:
            extract_attributions(doc, parse.sentence_rows(doc))

    t_layer, _ = _timed(layer)

    def other_layers():
        from workbench.annotate import dates

        for i, doc in enumerate(docs):
            sentences = parse.sentence_rows(doc)
            parse.entity_rows(doc, sentences)
            dates.extract_dates(doc, {"article_id": f"a{i}", "text": texts[i]}, sentences)

    try:
        t_other, _ = _timed(other_layers)
    except Exception as exc:
        t_other = None
        print(f"sentences/entities/dates layers failed: {type(exc).__name__}: {exc}")
    chunk = max(1, -(-len(texts) // 4))
    t_parse2, _ = _timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=16, n_process=2)))
    def attempt(fn):
        try:
            return _timed(fn)
        except Exception as exc:  # another layer failing must not hide this layer's figures
            print(f"annotate_articles failed: {type(exc).__name__}: {exc}")
            return None, None

    t_all, ann = attempt(lambda: annotate_articles(articles, n_process=1))
    t_all2, _ = attempt(lambda: annotate_articles(articles, n_process=2, chunk_size=chunk))

    def line(label, seconds, base=None):
        extra = f"  overhead vs parse {seconds / base - 1:+.1%}" if base else ""
        print(f"{label:<52} {seconds:7.2f} s  {words / seconds:9.0f} words/s{extra}")

    print(f"{len(texts)} PolNeAR {args.split} articles, {words} words")
    line("nlp.pipe (bare parse, baseline)", t_parse)
    line("quotes+sources layer alone (on parsed docs)", t_layer)
    line("parse + quotes+sources", t_parse + t_layer, t_parse)
    if t_other is not None:
        line("sentences+entities+dates layers alone (not ours)", t_other)
    line("nlp.pipe, n_process=2", t_parse2)
    if ann is not None:
        print(f"annotate_articles: {len(ann.quotes)} quotes, {len(ann.sources)} source mentions")
        line("annotate_articles, n_process=1 (all layers)", t_all, t_parse)
    if t_all2 is not None:
        line("annotate_articles, n_process=2", t_all2, t_parse2)
        if t_all is not None:
            print(f"speed-up of annotate_articles from 2 processes: {t_all / t_all2:.2f}x")
    if args.repeat > 1 and t_all is not None:
        _rounds(args.repeat, nlp, articles, annotate_articles)
    return 0


def _rounds(n: int, nlp, articles: pd.DataFrame, annotate_articles, chunk: int = 10) -> None:
    """Time the bare parse and ``annotate_articles`` side by side, ``n`` rounds.

    Each round walks the articles in chunks of ``chunk``; each chunk is parsed bare and annotated
    back to back, in alternating order, so a drift of the machine's speed falls on both sides.
    """
    walls, cpus = [], []
    print(f"\n{n} rounds, bare parse and annotate_articles (1 process) side by side "
          f"in chunks of {chunk} articles:")
    for r in range(n):
        spent = {"parse": [0.0, 0.0], "ours": [0.0, 0.0]}  # wall, CPU
        for k, lo in enumerate(range(0, len(articles), chunk)):
            part = articles.iloc[lo : lo + chunk]
            sides = {"parse": lambda part=part: sum(1 for _ in nlp.pipe(part["text"], batch_size=16)),
                     "ours": lambda part=part: annotate_articles(part, n_process=1)}
            for name in (("parse", "ours") if (r + k) % 2 == 0 else ("ours", "parse")):
                wall, cpu, _ = _clocked(sides[name])
                spent[name][0] += wall
                spent[name][1] += cpu
        parse_t, ann_t = spent["parse"], spent["ours"]
        walls.append(ann_t[0] / parse_t[0] - 1)
        cpus.append(ann_t[1] / parse_t[1] - 1)
        print(f"  round {r + 1}: parse {parse_t[0]:6.2f} s wall {parse_t[1]:6.2f} s CPU; "
              f"annotate_articles {ann_t[0]:6.2f} s wall {ann_t[1]:6.2f} s CPU; "
              f"overhead {walls[-1]:+.1%} wall {cpus[-1]:+.1%} CPU")
    print(f"median overhead of annotate_articles over the parse: {statistics.median(walls):+.1%} "
          f"wall, {statistics.median(cpus):+.1%} CPU (target <= +25%)")


def _all_cpu() -> float:
    """CPU seconds of this process, its finished children and the kept annotation workers."""
    import multiprocessing
    import os
    import resource

    from workbench.annotate import workers

    kept = set(workers.worker_pids())
    for _ in range(100):  # reap spaCy's terminated children, so that their CPU is counted
        if not [c for c in multiprocessing.active_children() if c.pid not in kept]:
            break
        time.sleep(0.05)
    total = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    total += children.ru_utime + children.ru_stime
    tick = os.sysconf("SC_CLK_TCK")
    for pid in workers.worker_pids():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def _parallel(texts: list[str], split: str, rounds: int, spacy_batch: int) -> int:
    """Time ``annotate_articles`` on one process against two, side by side, ``rounds`` rounds.

    Sides per round, in rotating order: one process; two processes (this one and a spawned
    worker kept for the session: the first round's call includes spawning it and loading its
    model, later rounds reuse it); spaCy's own ``nlp.pipe(n_process=2)`` with the layers run here
    on the docs it sends back. Wall seconds (the workers' CPU is not this process's).
    """
    import os

    from workbench.annotate import annotate_articles, workers
    from workbench.annotate.nlp import get_nlp
    from workbench.annotate.pipeline import (
        _article_records,
        annotate_records,
        annotations_from_rows,
    )

    words = sum(len(t.split()) for t in texts)
    articles = pd.DataFrame(
        {"article_id": [f"a{i}" for i in range(len(texts))], "text": texts, "language": "en"}
    )
    records = _article_records(articles)
    nlp = get_nlp()
    list(nlp.pipe(texts[:4]))
    workers.shutdown_workers()
    sides = {
        "one": lambda: annotate_articles(articles, n_process=1),
        "two": lambda: annotate_articles(articles, n_process=2),
        "spacy2": lambda: annotations_from_rows(
            annotate_records(records, spacy_processes=2, batch_size=spacy_batch)),
    }
    names = list(sides)
    spent: dict[str, list[float]] = {n: [] for n in names}
    cpu: dict[str, list[float]] = {n: [] for n in names}
    sizes = {}
    print(f"{len(texts)} PolNeAR {split} articles, {words} words; load {os.getloadavg()[0]:.2f}")
    for r in range(rounds):
        order = names[r % 3:] + names[: r % 3]
        for name in order:
            before = _all_cpu()
            wall, _cpu, ann = _clocked(sides[name])
            spent[name].append(wall)
            cpu[name].append(_all_cpu() - before)
            sizes[name] = {k: len(v) for k, v in ann.tables().items()}
        print(f"  round {r + 1} ({' '.join(order)}): " + ", ".join(
            f"{n} {spent[n][-1]:.1f} s ({cpu[n][-1]:.1f} CPU-s)" for n in names)
            + f"; load {os.getloadavg()[0]:.2f}")
    if len({tuple(sorted(v.items())) for v in sizes.values()}) != 1:
        print(f"  tables differ between sides: {sizes}")
    one = statistics.median(spent["one"])
    for n in ("two", "spacy2"):
        later = spent[n][1:] or spent[n]
        print(f"{n}: speed-up over one process {one / statistics.median(spent[n]):.2f}x (median of "
              f"rounds), first round {spent['one'][0] / spent[n][0]:.2f}x, later rounds "
              f"{one / statistics.median(later):.2f}x; per round "
              + " ".join(f"{a / b:.2f}" for a, b in zip(spent["one"], spent[n], strict=True)))
    print(f"one process: {words / one:.0f} words/s (median {one:.1f} s)")
    print("CPU-s of every process of a side (this one, kept workers, spaCy's children), median: "
          + ", ".join(f"{n} {statistics.median(cpu[n]):.1f}" for n in names)
          + ": what two processes add in work (start-up, transfer) whatever the load")
    workers.shutdown_workers()
    return 0


def _reannotate(split: str, n: int) -> int:
    """Time a store's annotation three ways, one process, in this order.

    1. first annotation (parses stored under ``parses/``);
    2. after a layer change (a new annotation cache key, as any edit of ``workbench/annotate``
       gives), re-annotation from the stored parses;
    3. another layer change with ``parses/`` removed: the full annotation again, on the same
       warm vocabulary as 2 (the fair baseline).
    """
    import shutil
    import tempfile

    import workbench
    import workbench.store
    from workbench.annotate import pipeline
    from workbench.store import CorpusStore

    corpus = workbench.load(POLNEAR / split / "text")
    articles = corpus.articles.sort_values("article_id").head(n)
    words = sum(len(t.split()) for t in articles["text"])
    real_key = pipeline.cache_key
    with tempfile.TemporaryDirectory() as tmp:
        store = CorpusStore(Path(tmp) / "store", create=True)
        store.add_articles(articles)
        figures, keys = {}, []
        for step, key in (("first annotation", None), ("re-annotation from stored parses", "layers-2"),
                          ("full annotation again (parses removed)", "layers-3")):
            if key is not None:
                pipeline.cache_key = workbench.store._current_key = lambda key=key: f"{real_key()}+{key}"
            if key == "layers-3":
                shutil.rmtree(Path(tmp) / "store" / "parses")
            wall, cpu, summary = _clocked(lambda: store.annotate(n_process=1))
            figures[step] = (wall, cpu)
            keys.append(summary.cache_key)
            print(f"{step:<42} {wall:7.1f} s wall {cpu:7.1f} s CPU  ({summary.annotated} articles)")
        size = sum(f.stat().st_size for f in (Path(tmp) / "store" / "parses").rglob("*.spacy"))
        tables = [store.read_annotations(key=k, corrected=False).tables() for k in keys]
        same = all(tables[0][name].equals(t[name]) for t in tables[1:] for name in tables[0])
        print(f"tables of the three runs equal: {'yes' if same else 'NO'} "
              f"({', '.join(f'{len(v)} {k}' for k, v in tables[0].items())})")
    again = figures["re-annotation from stored parses"]
    for step in ("first annotation", "full annotation again (parses removed)"):
        print(f"re-annotation speed-up over the {step}: {figures[step][0] / again[0]:.1f}x wall, "
              f"{figures[step][1] / again[1]:.1f}x CPU")
    print(f"{len(articles)} PolNeAR {split} articles, {words} words; parses {size / 1e6:.1f} MB "
          f"({size / len(articles) / 1e3:.1f} KB per article)")
    return 0


def _components(texts: list[str], split: str, rounds: int) -> int:
    """CPU seconds of the full ``nlp.pipe`` and of the pipe without each component; what a
    selective parse could skip (#22 item 1).

    Prints, per round (sides in turn, one process): full pipe, without parser / NER /
    lemmatizer / attribute_ruler, tok2vec + tagger alone, senter alone. Then, on the full parse:
    the share of tokens in sentences with no entity (all NER could skip: every other sentence
    feeds the entities table, which grouping and compare read), the share of sentences with a
    quote mark or a rule cue lemma (where the attribution rules read the parse), and how many
    of the parser's sentence starts ``senter`` (the segmenter a selective parse would need)
    finds.
    """
    import warnings

    from workbench.annotate import lexicons
    from workbench.annotate.nlp import get_nlp

    nlp = get_nlp()
    list(nlp.pipe(texts, batch_size=16))  # warm vocabulary
    variants = {"full": {"disable": []}, "without parser": {"disable": ["parser"]},
                "without ner": {"disable": ["ner"]}, "without lemmatizer": {"disable": ["lemmatizer"]},
                "without attribute_ruler": {"disable": ["attribute_ruler"]},
                "tok2vec + tagger alone": {"enable": ["tok2vec", "tagger"]}}
    spent: dict[str, list[float]] = {k: [] for k in variants}
    for _ in range(rounds):
        for name, sel in variants.items():
            with warnings.catch_warnings(), nlp.select_pipes(**sel):
                warnings.simplefilter("ignore")
                spent[name].append(_clocked(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=16)))[1])
    nlp.enable_pipe("senter")
    try:
        with nlp.select_pipes(enable=["senter"]):
            t_senter, sdocs = _clocked(lambda: list(nlp.pipe(texts, batch_size=16)))[1:]
    finally:
        nlp.disable_pipe("senter")
    docs = list(nlp.pipe(texts, batch_size=16))
    full = statistics.median(spent["full"])
    print(f"{len(texts)} PolNeAR {split} articles; CPU s, median of {rounds} rounds:")
    for name, values in spent.items():
        print(f"  {name:<26} {statistics.median(values):6.2f}  ({statistics.median(values) / full:.0%} of full)")
    print(f"  {'senter alone':<26} {t_senter:6.2f}")
    cues = set().union(*(set(getattr(lexicons, n)) for n in (
        "SPEECH_VERBS", "COGNITION_VERBS", "STANCE_VERBS", "XCOMP_CUE_VERBS", "PREP_CUE_VERBS",
        "NOUN_CUES")))
    quotes = set("\"“”‘’«»'")
    tokens = no_ent = sents = cued = same = parser_starts = 0
    for doc, sdoc in zip(docs, sdocs, strict=True):
        starts = {s.start for s in doc.sents}
        parser_starts += len(starts)
        same += len(starts & {s.start for s in sdoc.sents})
        for sent in doc.sents:
            sents += 1
            tokens += len(sent)
            no_ent += 0 if sent.ents else len(sent)
            cued += any(ch in quotes for ch in sent.text) or any(
                t.lemma_.lower() in cues or t.lower_ == "according" for t in sent)
    print(f"tokens in sentences without an entity: {no_ent / tokens:.1%}; sentences with a quote "
          f"mark or a cue lemma: {cued / sents:.1%}; parser sentence starts senter also finds: "
          f"{same} of {parser_starts} ({same / parser_starts:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
