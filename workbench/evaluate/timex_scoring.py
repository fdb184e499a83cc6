"""Score temporal expression extraction against TimeML gold (TimeBank, AQUAINT, MEANTIME).

TempEval-3 style: span precision/recall/F1, strict (same offsets) and relaxed (any overlap,
one-to-one), and value accuracy over the relaxed matches (gold ``value`` equals ours), plus type
accuracy. The system is run on the gold text with the gold document creation time (DCT) as the
``published_date`` anchor. Spans are compared without the leading preposition our rows keep
("on Thursday" is scored as "Thursday", as TimeML marks it), and "three days later", which our
rows read as the day it reaches, is scored as TimeML marks it: the duration "three days" (P3D).

Gold files are read in place (``../shared/corpora``); nothing from them is copied.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

__all__ = [
    "GoldDoc",
    "TimexScores",
    "baseline_timexes",
    "load_meantime",
    "load_timeml_jsonl",
    "score_documents",
    "system_timexes",
]


@dataclass(frozen=True)
class GoldDoc:
    """One gold document: text, creation date and TIMEX3 spans ``(start, end, type, value)``."""

    doc_id: str
    text: str
    dct: date | None
    timexes: tuple[tuple[int, int, str, str], ...]
    ignore: tuple[tuple[int, int], ...] = ()
    limit: int | None = None


@dataclass
class TimexScores:
    """Counts and scores of one evaluation run."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value_correct: int = 0
    type_correct: int = 0

    def _prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def strict_prf(self) -> tuple[float, float, float]:
        """Precision, recall, F1 with exact offsets."""
        return self._prf(self.strict)

    @property
    def relaxed_prf(self) -> tuple[float, float, float]:
        """Precision, recall, F1 with overlapping spans."""
        return self._prf(self.relaxed)

    @property
    def value_accuracy(self) -> float:
        """Share of relaxed matches whose normalized value equals the gold value."""
        return self.value_correct / self.relaxed if self.relaxed else 0.0

    @property
    def type_accuracy(self) -> float:
        """Share of relaxed matches whose TIMEX3 type equals the gold type."""
        return self.type_correct / self.relaxed if self.relaxed else 0.0

    def as_dict(self) -> dict:
        """Return the figures as a flat dict (for printing and tests)."""
        sp, sr, sf = self.strict_prf
        rp, rr, rf = self.relaxed_prf
        return {"gold": self.gold, "system": self.system, "strict_p": sp, "strict_r": sr,
                "strict_f1": sf, "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
                "value_accuracy": self.value_accuracy, "type_accuracy": self.type_accuracy}


def _dct(value) -> date | None:
    if isinstance(value, dict):
        value = value.get("value")
    if not value:
        return None
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", str(value))
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.match(r"(\d{2})-(\d{2})-(\d{4})", str(value))
    if m:  # MEANTIME's one dd-mm-yyyy value
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_DATELINE = re.compile(r"\s*([A-Za-z]+) (\d{1,2}), (\d{4})\s*")


def _dateline(line: str) -> date | None:
    m = _DATELINE.fullmatch(line)
    if not m or m.group(1).lower() not in _MONTHS:
        return None
    try:
        return date(int(m.group(3)), _MONTHS.index(m.group(1).lower()) + 1, int(m.group(2)))
    except ValueError:
        return None


def load_timeml_jsonl(path: Path) -> list[GoldDoc]:
    """Read a TimeBank/AQUAINT JSONL file (``dct``, ``text``, ``timex3`` with offsets)."""
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            tx = tuple((t["start"], t["end"], t["type"], t.get("value") or "")
                       for t in d["timex3"] if t.get("functionInDocument") != "CREATION_TIME")
            docs.append(GoldDoc(d["doc_id"], d["text"], _dct(d.get("dct")), tx))
    return docs


def load_meantime(path: Path) -> list[GoldDoc]:
    """Read MEANTIME's JSONL; the Wikinews date line (the DCT itself) is left out of scoring.

    The few documents without a DCT are anchored at their date line (it is not scored away
    there, as it is not marked as the creation time).
    """
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            spans = [t for t in d["timex3"] if t.get("start") is not None]
            tx = tuple((t["start"], t["end"], t.get("type", ""), t.get("value") or "")
                       for t in spans if t.get("functionInDocument") != "CREATION_TIME")
            ignore = tuple((t["start"], t["end"]) for t in spans
                           if t.get("functionInDocument") == "CREATION_TIME")
            # MEANTIME annotates TIMEX3 in the title, the date line and the first four
            # sentences only (one per line): score system output on those six lines
            lines = d["text"].split("\n")
            limit = sum(len(x) + 1 for x in lines[:6])
            dct = _dct(d.get("dct"))
            if dct is None and len(lines) > 1:
                # a few documents carry no DCT; their date line ("September 01, 2007") is the
                # document's date, as the product's dateline fallback would read it
                dct = _dateline(lines[1])
            docs.append(GoldDoc(d["doc_id"], d["text"], dct, tx, ignore, limit))
    return docs


def system_timexes(docs: list[GoldDoc], nlp, *, batch_size: int = 8) -> Iterator[list[tuple]]:
    """Run our extractor on each gold text, anchored at its DCT.

    Yields, per document, ``(start, end, type, value)`` with spans trimmed to TimeML extent.
    """
    from workbench.annotate.dates import resolve_candidates
    from workbench.annotate.timex_spans import find_timexes, governing_direction

    texts = ((d.text, d) for d in docs)
    for doc, gold in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
        cands = find_timexes(doc, composites=False)
        dirs = [governing_direction(doc, c.core_start, c.core_end) for c in cands]
        rows = resolve_candidates(doc.text, cands, dirs, gold.dct,
                                  "published_date" if gold.dct else "none")
        yield [_timeml_view(doc.text, c, r) for c, r in zip(cands, rows)]


_LATER = re.compile(r"\s+(?:later|earlier)$", re.IGNORECASE)


def _timeml_view(text: str, cand, row: dict) -> tuple[int, int, str, str]:
    """One row as TimeML marks it: ``(start, end, type, value)``.

    Our rows read "three days later" as the day it reaches (a DATE, so the product can compare
    it); TimeML marks the duration ("three days", P3D) and leaves "later" as its signal. Years
    are not mapped: "a year earlier" in an earnings report is the year-ago period in TimeML too.
    """
    from workbench.annotate.timex import parse_timex

    form = cand.form
    if form is not None and form.kind == "ago" and form.parts.get("previous") and \
            form.parts.get("unit") in {"S", "M", "H", "D", "W"}:
        m = _LATER.search(text[cand.core_start:cand.core_end])
        if m:
            end = cand.core_start + m.start()
            dur = parse_timex(text[cand.core_start:end])
            if dur is not None and dur.kind == "duration":
                return cand.core_start, end, "DURATION", dur.parts["value"]
    return cand.core_start, cand.core_end, row["timex_type"], row["value"] or ""


def baseline_timexes(docs: list[GoldDoc], nlp, *, batch_size: int = 8) -> Iterator[list[tuple]]:
    """The baseline: spaCy DATE/TIME entities, values by dateparser relative to the DCT.

    A document without a DCT never reads the current day: each entity is read from two fixed
    reference times, and one whose value differs between them (relative) gets no value.
    """
    from workbench.clean.meta import _PROBE_BASES

    texts = ((d.text, d) for d in docs)
    for doc, gold in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
        out = []
        bases = ((datetime.combine(gold.dct, datetime.min.time()),) if gold.dct
                 else _PROBE_BASES)
        for ent in doc.ents:
            if ent.label_ not in {"DATE", "TIME"}:
                continue
            value = ""
            values = {_baseline_value(ent.text, ent.label_, base) for base in bases}
            if len(values) == 1:
                value = values.pop()
            out.append((ent.start_char, ent.end_char, ent.label_, value))
        yield out


def _baseline_value(text: str, label: str, base: datetime) -> str:
    """The value dateparser reads for an entity from reference time ``base`` ('' if none)."""
    import warnings

    import dateparser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(text, settings={"RELATIVE_BASE": base}, languages=["en"])
    if parsed is None:
        return ""
    return parsed.strftime("%Y-%m-%dT%H:%M") if label == "TIME" else parsed.date().isoformat()


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_WEEK_PAD = re.compile(r"W0(\d)")


def _values_equal(sys_value: str, gold_value: str) -> bool:
    a = _WEEK_PAD.sub(r"W\1", sys_value.upper())
    b = _WEEK_PAD.sub(r"W\1", gold_value.upper())
    return a == b


def score_documents(gold_docs: Iterable[GoldDoc], system: Iterable[list[tuple]]) -> TimexScores:
    """Score system spans against gold, document by document (one-to-one matching)."""
    s = TimexScores()
    for gold, sys in zip(gold_docs, system):
        g = sorted(gold.timexes)
        sy = sorted(x for x in sys if not any(_overlap(x, ig) for ig in gold.ignore)
                    and (gold.limit is None or x[0] < gold.limit))
        s.gold += len(g)
        s.system += len(sy)
        used: set[int] = set()
        exact = {(x[0], x[1]) for x in sy}
        s.strict += sum(1 for x in g if (x[0], x[1]) in exact)
        for gx in g:
            best = None
            for i, sx in enumerate(sy):
                if i in used or not _overlap(gx, sx):
                    continue
                if best is None or (sx[0], sx[1]) == (gx[0], gx[1]):
                    best = i
            if best is None:
                continue
            used.add(best)
            s.relaxed += 1
            sx = sy[best]
            s.value_correct += _values_equal(sx[3], gx[3])
            s.type_correct += sx[2] == gx[2]
    return s
