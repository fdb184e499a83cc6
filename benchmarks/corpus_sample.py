"""Build N real, distinct news articles from ../shared/corpora for benchmarks (read in place).

Sources, in order of preference: BASIL, Giveme5W1H (clusters + Google News), the AllSides
article-bias sample, ECB+, PolNeAR texts; then TimeBank/AQUAINT, MEANTIME and the AllSides
story-cluster article openings. Articles are deduplicated on whitespace/case-normalised text, so
no article appears twice. When more articles are asked for than exist, ``split=True`` splits the
longest articles into halves at a paragraph boundary (each half a distinct real passage, the
whole article then not used); without it a ``ValueError`` names how many exist.

Usage from another benchmark::

    from corpus_sample import sample_articles, write_corpus
    arts = sample_articles(1000)
    folder = write_corpus(arts, tmpdir)   # one .txt per article + manifest.csv
    corpus = workbench.load(folder)
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
import random
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"


def _jsonl(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _art(corpus, key, title, text, outlet=None, url=None, published=None) -> dict | None:
    text = (text or "").strip()
    if len(text.split()) < 40:
        return None
    return {"corpus": corpus, "key": str(key), "title": (title or "").strip(), "text": text,
            "outlet": outlet or "", "url": url or "", "published": (published or "")[:10]}


def _basil():
    for d in _jsonl(CORPORA / "basil" / "basil_articles.jsonl"):
        yield _art("basil", d["id"], d.get("title"), d.get("text"), d.get("outlet"), d.get("url"),
                   d.get("date"))


def _giveme():
    for name in ("news_cluster_articles.jsonl", "google_news_articles.jsonl"):
        for d in _jsonl(CORPORA / "giveme5w1h_news" / name):
            yield _art("giveme5w1h", d["id"], d.get("title"), d.get("text"), d.get("source_domain"),
                       d.get("url"), d.get("date_publish"))


def _allsides():
    for d in _jsonl(CORPORA / "allsides_article_bias" / "articles_sample.jsonl"):
        yield _art("allsides_article_bias", d["ID"], d.get("title"), d.get("content_original"),
                   d.get("source"), d.get("url"), d.get("date"))


def _ecb():
    for d in _jsonl(CORPORA / "ecbplus_texts" / "ecbplus_docs.jsonl"):
        yield _art("ecbplus", d["doc_id"], d.get("title"), d.get("text"))


def _polnear():
    meta = {}
    path = CORPORA / "polnear" / "metadata.tsv"
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    for f in sorted((CORPORA / "polnear").glob("*/text/*.txt")):
        m = meta.get(f.stem, {})
        yield _art("polnear", f"{f.parent.parent.name}/{f.stem}", m.get("title"),
                   f.read_text(encoding="utf-8"), m.get("publisher"), None, m.get("publication_date"))


def _timebank():
    for name in ("TimeBank.jsonl", "AQUAINT.jsonl"):
        for d in _jsonl(CORPORA / "timebank_aquaint" / name):
            title = d.get("title") if d.get("title") not in (None, "None") else ""
            yield _art("timebank_aquaint", d["doc_id"], title, d.get("text"))


def _meantime():
    for d in _jsonl(CORPORA / "meantime_en" / "meantime_en.jsonl"):
        yield _art("meantime", d["doc_id"], d.get("title"), d.get("text"), "Wikinews", d.get("url"),
                   d.get("dct"))


def _neus():
    for d in _jsonl(CORPORA / "allsides_neus_stories" / "allsides_stories_2021-10-19.jsonl"):
        for side, item in (d.get("news") or {}).items():
            body = item.get("newBody")
            if isinstance(body, str) and body.startswith("["):
                try:
                    body = ast.literal_eval(body)
                except (ValueError, SyntaxError):
                    body = [body]
            text = "\n\n".join(body) if isinstance(body, list) else (body or "")
            yield _art("allsides_neus", f"{d['id']}/{side}", item.get("newsTitle"), text,
                       item.get("newsSource"), item.get("newsLink"), d.get("date"))


PRIMARY = (_basil, _giveme, _allsides, _ecb, _polnear)
EXTRA = (_timebank, _meantime, _neus)


def all_articles() -> list[dict]:
    """Every distinct article of the shared corpora (primary sources first)."""
    if not CORPORA.is_dir():
        raise FileNotFoundError(f"{CORPORA} is absent (research corpora are not redistributed)")
    seen: set[str] = set()
    out = []
    for source in (*PRIMARY, *EXTRA):
        for art in source():
            if art is None:
                continue
            digest = hashlib.sha256(" ".join(art["text"].split()).casefold().encode()).hexdigest()
            if digest not in seen:
                seen.add(digest)
                out.append(art)
    return out


def _halves(art: dict) -> list[dict]:
    paras = [p for p in art["text"].split("\n") if p.strip()]
    if len(paras) < 2:
        words = art["text"].split()
        mid = len(words) // 2
        parts = [" ".join(words[:mid]), " ".join(words[mid:])]
    else:
        total = sum(len(p) for p in paras)
        acc, cut = 0, 1
        for i, p in enumerate(paras):
            acc += len(p)
            if acc >= total / 2:
                cut = max(1, min(i + 1, len(paras) - 1))
                break
        parts = ["\n\n".join(paras[:cut]), "\n\n".join(paras[cut:])]
    return [{**art, "key": f"{art['key']}#part{i + 1}", "text": t,
             "title": f"{art['title']} (part {i + 1})".strip()} for i, t in enumerate(parts)]


def sample_articles(n: int, *, seed: int = 13, split: bool = False) -> list[dict]:
    """Return ``n`` distinct real articles, shuffled reproducibly.

    Primary sources are used first; extra ones only when ``n`` needs them. With ``split`` the
    longest articles are split in two when ``n`` exceeds the number of articles.
    """
    pool = all_articles()
    primary = [a for a in pool if a["corpus"] in {"basil", "giveme5w1h", "allsides_article_bias",
                                                   "ecbplus", "polnear"}]
    rng = random.Random(seed)
    if n <= len(primary):
        rng.shuffle(primary)
        return primary[:n]
    if n <= len(pool):
        extra = [a for a in pool if a not in primary]
        rng.shuffle(extra)
        chosen = primary + extra[: n - len(primary)]
        rng.shuffle(chosen)
        return chosen
    if not split:
        raise ValueError(f"only {len(pool)} distinct articles in {CORPORA}; asked for {n}")
    by_length = sorted(pool, key=lambda a: len(a["text"]), reverse=True)
    need = n - len(pool)
    if need > len(by_length):
        raise ValueError(f"cannot reach {n} even splitting all {len(pool)} articles in two")
    out = [h for a in by_length[:need] for h in _halves(a)] + by_length[need:]
    rng.shuffle(out)
    return out


def write_corpus(articles: list[dict], folder: Path) -> Path:
    """Write one ``.txt`` per article (headline, blank line, body) and a ``manifest.csv``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for i, art in enumerate(articles):
        name = f"a{i:06d}.txt"
        body = f"{art['title']}\n\n{art['text']}\n" if art["title"] else f"{art['text']}\n"
        (folder / name).write_text(body, encoding="utf-8")
        rows.append({"file": name, "url": art["url"], "outlet": art["outlet"],
                     "published": art["published"]})
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["file", "url", "outlet", "published"])
        writer.writeheader()
        writer.writerows(rows)
    return folder


if __name__ == "__main__":
    from collections import Counter

    arts = all_articles()
    print(f"{len(arts)} distinct articles; by corpus: {dict(Counter(a['corpus'] for a in arts))}")
    print(f"words: {sum(len(a['text'].split()) for a in arts):,}")
