"""Quality gate: article body extraction on the Zyte article-extraction benchmark.

Scoring as the benchmark defines it (reimplemented here): the article body and the extracted
text are turned into sets of word 4-gram shingles (case-folded ``\\w+`` words), precision and
recall of the extracted shingles against the gold ones, F1 per page, macro-averaged over pages.

Two paths are gated:

* HTML through the workbench's HTML path (trafilatura + furniture removal + dateline/credit
  restoration): it must not lose anything against trafilatura alone.
* The same pages rendered to plain text first (inscriptis), then cleaned by our plain-text
  cleaner: the path for pages saved as text (uncleaned text scores about 0.66).

Measured figures (P / R / F1, macro over the 91 pages; halves split by the first hex digit of
the page id, 0-7: 44 pages, 8-f: 47 pages):

* trafilatura alone (``extract``, include_comments=False): 0.950 / 0.989 / 0.967
  (halves F1 0.957 / 0.977).
* HTML path, before the furniture pass: 0.954 / 0.989 / 0.969; now 0.981 / 0.993 / 0.986
  (halves F1 0.988 / 0.985). No page scores below trafilatura alone.
* Text path, before: 0.904 / 0.929 / 0.909; now 0.945 / 0.957 / 0.945
  (halves F1 0.926 / 0.963).

The rules behind the gains were developed on these same pages (there is no held-out split of
them here), so the floors are pinned a little under the measured figures.
"""

import gzip
import json
import re

import pytest
from helpers import shared_corpus
from quality.baseline import floor, record

pytestmark = pytest.mark.shared

HTML_F1_FLOOR = floor("extraction.html_f1")  # tests/quality/baseline.json
TEXT_F1_FLOOR = floor("extraction.text_f1")
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def prf(pred: str, gold: str) -> tuple[float, float, float]:
    p, g = shingles(pred), shingles(gold)
    if not p and not g:
        return 1.0, 1.0, 1.0
    if not p or not g:
        return 0.0, 0.0, 0.0
    inter = len(p & g)
    precision, recall = inter / len(p), inter / len(g)
    f1 = 2 * precision * recall / (precision + recall) if inter else 0.0
    return precision, recall, f1


def test_scorer():
    assert prf("a b c d e", "a b c d e") == (1.0, 1.0, 1.0)
    assert prf("", "a b c d") == (0.0, 0.0, 0.0)
    p, r, f = prf("a b c d x", "a b c d e f")
    assert (p, r) == (0.5, 1 / 3) and abs(f - 0.4) < 1e-9


@pytest.fixture(scope="module")
def pages():
    root = shared_corpus("article_extraction_benchmark")
    from workbench.ingest.decode import decode_bytes

    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        (decode_bytes(gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())),
         item["url"], item["articleBody"])
        for key, item in sorted(gold.items())
    ]


def _macro(scores):
    n = len(scores)
    return tuple(sum(s[i] for s in scores) / n for i in range(3))


def test_html_path_f1(pages):
    from workbench.clean.html import extract_html

    scores = [prf(extract_html(html, url=url).text, gold) for html, url, gold in pages]
    precision, recall, f1 = _macro(scores)
    print(f"HTML path on {len(pages)} pages: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    assert record("extraction.html_f1", f1) >= HTML_F1_FLOOR


def test_text_path_f1(pages):
    get_text = pytest.importorskip("inscriptis").get_text
    from workbench.clean.text import clean_page_text

    scores = [prf(clean_page_text(get_text(html), url=url).text, gold)
              for html, url, gold in pages]
    precision, recall, f1 = _macro(scores)
    print(f"Text path on {len(pages)} pages: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    assert record("extraction.text_f1", f1) >= TEXT_F1_FLOOR


def test_html_path_loses_no_page_against_trafilatura(pages):
    """Per page, our HTML path scores at least what trafilatura alone does (small slack)."""
    import trafilatura

    from workbench.clean.html import extract_html

    worse = []
    for html, url, gold in pages:
        ours = prf(extract_html(html, url=url).text, gold)[2]
        alone = prf(trafilatura.extract(html, url=url, include_comments=False) or "", gold)[2]
        if ours < alone - 0.01:
            worse.append((url, round(alone, 3), round(ours, 3)))
    assert not worse, worse
