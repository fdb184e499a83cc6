"""Article metadata from text, URL and page: dateline, wire agency, credits, dates, language, outlet.

Every function is general (patterns and small lexicons of wire agencies and outlets), never keyed
to one page.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

__all__ = [
    "WIRE_AGENCIES",
    "canonical_agency",
    "crawl_date",
    "date_from_text",
    "date_from_url",
    "detect_language",
    "detect_wire_agency",
    "find_dateline",
    "is_relative_date",
    "known_outlets",
    "looks_like_outlet",
    "outlet_evidence",
    "outlet_for_url",
    "outlet_from_filename",
    "outlet_from_page",
    "parse_credits",
    "parse_date",
]

#: Canonical wire agency -> name patterns (regex fragments) that denote it.
WIRE_AGENCIES: dict[str, str] = {
    "Reuters": r"Reuters|Thomson Reuters",
    "AP": r"AP|Associated Press|The Associated Press",
    "AFP": r"AFP|Agence France[- ]Presse|Agence France Presse",
    "Kyodo": r"Kyodo|Kyodo News",
    "Jiji": r"Jiji|Jiji Press",
    "Yonhap": r"Yonhap",
    "Xinhua": r"Xinhua",
    "dpa": r"dpa|DPA|Deutsche Presse-Agentur",
    "ANI": r"ANI|Asian News International",
    "PTI": r"PTI|Press Trust of India",
    "IANS": r"IANS",
    "PA": r"PA|PA Media|Press Association",
    "UPI": r"UPI|United Press International",
    "Bloomberg": r"Bloomberg|Bloomberg News",
    "ANSA": r"ANSA",
    "EFE": r"EFE",
    "TASS": r"TASS",
    "CNA": r"CNA|Central News Agency",
    "AAP": r"AAP|Australian Associated Press",
    "CP": r"The Canadian Press|Canadian Press|CP",
}
_AGENCY_ALT = "|".join(f"(?:{v})" for v in WIRE_AGENCIES.values())
_AGENCY_LOOKUP = [(k, re.compile(rf"^(?:{v})$", re.I if k not in {"AP", "PA", "CP", "ANI", "CNA"}
                                 else 0)) for k, v in WIRE_AGENCIES.items()]

# "TOKYO/WASHINGTON (Reuters) -", "BERLIN (AP) —", "LONDON, March 3 (Reuters) -", "PARIS, France (AFP) -"
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'\u2019]*(?:-[A-Za-z][A-Za-z.'\u2019]*)*"
    r"(?:[ /]+[A-Z][A-Za-z.'\u2019]*(?:-[A-Za-z][A-Za-z.'\u2019]*)*){0,4})"
    r"(?P<rest>(?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){0,2}){0,2}"
    r"(?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:,\s*\d{4})?)?)"
    r"\s*(?P<agency>\((?:" + _AGENCY_ALT + r")(?:/[A-Za-z ]{1,30})?\))?"
    r"\s*(?P<dash>[-\u2013\u2014\u2015]+|:)\s+(?=\S)"
)
_AGENCY_TAG = re.compile(r"\((" + _AGENCY_ALT + r")\)\s*[-\u2013\u2014]")
_AGENCY_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s*)?(?:the\s+)?(" + _AGENCY_ALT + r")\b",
    re.I,
)
_AGENCY_CONTRIB = re.compile(
    r"\b(?:The\s+)?(" + _AGENCY_ALT + r")\s+(?:contributed|writers?|reporters?|correspondents?)\b"
)
_AGENCY_URL = re.compile(
    r"/(?:wires?|agencies|agency|newswires?|feeds?)/(ap|reuters|afp|pa|dpa|bloomberg|upi|ani|"
    r"xinhua|kyodo|jiji|yonhap|aap|efe|ansa|cp|pti|ians)(?:[/_-]|$)|"
    r"/(ap|reuters|afp|dpa|upi|xinhua|kyodo|jiji|yonhap|aap|efe|ansa)(?:online|news|wire)?/",
    re.I,
)
_AGENCY_DOMAINS = {
    "reuters.com": "Reuters", "apnews.com": "AP", "ap.org": "AP", "afp.com": "AFP",
    "kyodonews.net": "Kyodo", "jiji.com": "Jiji", "yna.co.kr": "Yonhap", "en.yna.co.kr": "Yonhap",
    "xinhuanet.com": "Xinhua", "news.cn": "Xinhua", "dpa.com": "dpa", "aninews.in": "ANI",
    "upi.com": "UPI", "bloomberg.com": "Bloomberg", "ptinews.com": "PTI", "ansa.it": "ANSA",
    "efe.com": "EFE", "tass.com": "TASS", "aap.com.au": "AAP", "thecanadianpress.com": "CP",
}

_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def canonical_agency(name: str) -> str | None:
    """Map an agency name as written ('Associated Press', 'Thomson Reuters') to its short name."""
    name = " ".join(name.split()).strip(" .()")
    for key, pattern in _AGENCY_LOOKUP:
        if pattern.match(name):
            return key
    return None


def find_dateline(text: str) -> tuple[str, str, str | None] | None:
    """Find the dateline that opens ``text``.

    Returns:
        ``(place, matched_text, agency)`` with place like ``"TOKYO/WASHINGTON"`` and agency the
        canonical wire agency named in it (or None), else None when the text opens otherwise.
    """
    m = _DATELINE.match(text[:300])
    if not m:
        return None
    place = m.group("place").strip()
    letters = [c for c in place if c.isalpha()]
    if not letters:
        return None
    upper_share = sum(c.isupper() for c in letters) / len(letters)
    agency = m.group("agency")
    if upper_share < 0.8 and not agency:
        return None
    if upper_share < 0.8 and agency and len(place.split()) > 3:
        return None
    agency_name = canonical_agency(agency.strip("()").split("/")[0]) if agency else None
    return place, m.group(0).strip(), agency_name


def detect_wire_agency(
    text: str = "",
    *,
    url: str | None = None,
    byline: str | None = None,
    page_text: str | None = None,
) -> tuple[str | None, str | None]:
    """Detect the wire agency that wrote an article, with the text that shows it.

    Evidence, strongest first: an agency tag in the dateline ("(Reuters) -"), a byline that is
    an agency, an agency copyright or credit line ("© Thomson Reuters", "The Associated Press
    contributed"), a wire path in the URL ("/wires/ap/"), an agency's own domain.

    Args:
        text: The clean article text.
        url: The article URL.
        byline: The byline or author field.
        page_text: Further page text (footer lines the cleaner removed) to search for credits.

    Returns:
        ``(agency, evidence)``, both None when nothing shows a wire agency.
    """
    head = text[:400]
    m = _AGENCY_TAG.search(head)
    if m:
        return canonical_agency(m.group(1)), m.group(0).rstrip(" -\u2013\u2014").strip() + " -"
    if byline:
        for part in re.split(r",|\band\b|;|/", byline):
            agency = canonical_agency(part)
            if agency:
                return agency, f"byline: {byline.strip()}"
    tail = text[-1500:]
    for pool in (tail, page_text or ""):
        if not pool:
            continue
        m = _AGENCY_COPYRIGHT.search(pool)
        if m:
            agency = canonical_agency(m.group(1))
            if agency:
                return agency, _line_around(pool, m.start(), m.end())
        m = _AGENCY_CONTRIB.search(pool)
        if m:
            agency = canonical_agency(m.group(1))
            if agency:
                return agency, _line_around(pool, m.start(), m.end())
    if url:
        m = _AGENCY_URL.search(urlparse(url).path)
        if m:
            name = m.group(1) or m.group(2)
            return canonical_agency(name.upper()) or canonical_agency(name), (
                f"URL path {m.group(0)}")
        host = _host(url)
        for dom, agency in _AGENCY_DOMAINS.items():
            if host == dom or host.endswith("." + dom):
                return agency, f"URL domain {host}"
    m = _AGENCY_TAG.search(text[:3000])
    if m:
        return canonical_agency(m.group(1)), m.group(0).strip()
    return None, None


def _line_around(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    line = text[a: b if b >= 0 else len(text)].strip()
    return line[:200]


# --- credits -------------------------------------------------------------------------------
_ROLE = re.compile(
    r"^(?P<role>(?:additional |extra )?(?:reporting|writing|editing|edited|compiled|research|"
    r"graphics|production|fact-checking|photos?|video)(?: and (?:writing|editing|reporting))?)"
    r"\s+by\s+(?P<names>.+)$",
    re.I,
)
_NAME_PLACE = re.compile(r"^(?P<name>.+?)(?:\s+in\s+(?P<place>[A-Z][\w .'\u2019-]{1,40}))?$")
_CONTRIB_LINE = re.compile(
    r"^(?:The\s+)?(?:(?:[A-Z][\w.&'\u2019-]*\s+){0,4}(?:writers?|reporters?|correspondents?|"
    r"staff|journalists?)\s+)?(?P<names>[A-Z][^.]{1,200}?)\s+contributed\b"
)


def parse_credits(lines: list[str]) -> list[dict]:
    """Parse credit lines into ``{"name", "role", "place"}`` dicts.

    Handles "(Reporting by A in Tokyo and B in Washington; Writing by C; editing by D and E)"
    and "Associated Press writers A and B in Paris contributed to this report.".
    """
    out: list[dict] = []
    for raw in lines:
        line = raw.strip().strip("()[]").strip()
        line = line.rstrip(".")
        for part in re.split(r";|\.\s+(?=[A-Z])", line):
            part = part.strip()
            m = _ROLE.match(part)
            if m:
                role = m.group("role").lower().replace("edited", "editing")
                _add_names(out, m.group("names"), role)
                continue
            m = _CONTRIB_LINE.match(part)
            if m and "contributed" in part:
                _add_names(out, m.group("names"), "contributing")
    return out


def _add_names(out: list[dict], names: str, role: str) -> None:
    names = re.sub(r"\s*[;)]+$", "", names.strip())
    for chunk in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", names):
        chunk = chunk.strip(" .")
        if not chunk:
            continue
        m = _NAME_PLACE.match(chunk)
        name = m.group("name").strip() if m else chunk
        place = m.group("place").strip() if m and m.group("place") else None
        if not name or not name[0].isupper() or len(name.split()) > 5:
            continue
        out.append({"name": name, "role": role, "place": place})


# --- dates ---------------------------------------------------------------------------------
_URL_YMD = re.compile(
    r"(?<!\d)((?:19|20)\d\d)[/_.-](0?[1-9]|1[0-2])[/_.-](0?[1-9]|[12]\d|3[01])(?!\d)"
)
_URL_YMD8 = re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_URL_YM = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/")
_TEXT_DATE = re.compile(
    r"\b(?:(?P<d1>\d{1,2})\s+)?(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+(?:(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+)?(?P<y>(?:19|20)\d\d)\b"
    r"|\b(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)\b",
    re.I,
)


#: How far past its crawl date a page's own date may lie and still be read as a date (a page
#: crawled before an embargo lifts, a time zone ahead); later numbers in a URL are no date.
_AFTER_CRAWL = timedelta(days=366)


def _valid(y: int, m: int, d: int, base: datetime | None = None) -> date | None:
    try:
        got = date(y, m, d)
    except ValueError:
        return None
    if base is not None and got > (base + _AFTER_CRAWL).date():
        return None
    return got


def date_from_url(url: str | None, *, base: datetime | None = None) -> tuple[datetime, str] | None:
    """Find a publication date in a URL path: ``/2021/03/04/``, ``2021-03-04``, ``20210304``.

    Args:
        url: The article URL.
        base: The page's crawl date, when known: a date more than a year after it is no date.
            Never the day the code runs, so the same URL gives the same date any day.

    Returns:
        ``(date, precision)`` with precision ``"day"`` or ``"month"``, or None.
    """
    if not url:
        return None
    path = unquote(urlparse(url).path)
    for rx in (_URL_YMD, _URL_YMD8):
        for m in rx.finditer(path):
            got = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)), base)
            if got:
                return datetime(got.year, got.month, got.day), "day"
    m = _URL_YM.search(path)
    if m:
        got = _valid(int(m.group(1)), int(m.group(2)), 1, base)
        if got:
            return datetime(got.year, got.month, 1), "month"
    return None


def date_from_text(line: str | None, *, base: datetime | None = None) -> tuple[datetime, str] | None:
    """Parse a date line ('Published March 4, 2021 10:02 AM', '2021-03-04') to (date, 'day').

    Only dates that give their year are read. ``base`` is the crawl date, as in
    :func:`date_from_url`.
    """
    if not line:
        return None
    m = _TEXT_DATE.search(line)
    if not m:
        return None
    if m.group("iy"):
        got = _valid(int(m.group("iy")), int(m.group("im")), int(m.group("id")), base)
        return (datetime(got.year, got.month, got.day), "day") if got else None
    month = _MONTHS.get(m.group("mon")[:3].casefold())
    day = m.group("d1") or m.group("d2")
    year = int(m.group("y"))
    if day:
        got = _valid(year, month, int(day), base)
        return (datetime(got.year, got.month, got.day), "day") if got else None
    return datetime(year, month, 1), "month"


#: Two reference times that differ in every field: a value that dateparser reads differently
#: from each of them ("yesterday", "3 hours ago", "March 4", "Monday", "10:30") is relative.
_PROBE_BASES = (datetime(2001, 2, 3, 4, 5, 6), datetime(2012, 11, 25, 17, 43, 51))
#: The same for dateutil, whose default fills the fields a value lacks: first of the month at
#: midnight, as an absolute 'March 2021' or 'March 4, 2021' is read.
_DEFAULT_PROBES = (datetime(2001, 2, 1), datetime(2012, 11, 1))
_ISO_DATE = re.compile(r"(?:19|20)\d\d-\d\d-\d\d(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?")
#: Field names of a record's or manifest's crawl (download, capture) date, in priority order.
CRAWL_DATE_FIELDS = ("date_download", "download_date", "downloaded", "crawl_date", "crawled",
                     "crawled_at", "capture_date", "retrieved", "accessed", "fetched_at",
                     "warc_date", "indexed_date")


@lru_cache(maxsize=4096)
def _dateparser(s: str, base: datetime):
    """Read ``s`` with dateparser relative to ``base`` (never to the current time)."""
    import warnings

    import dateparser

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return dateparser.parse(s, settings={"PREFER_DAY_OF_MONTH": "first",
                                                 "RELATIVE_BASE": base})
    except Exception:  # noqa: BLE001 - dateparser raises on odd input
        return None


def is_relative_date(value) -> bool:
    """Whether a date value needs a reference day to mean a date ('yesterday', 'March 4').

    A value is relative when dateparser reads it as two different times from two different
    reference times; ``'2021'``, ``'March 2021'`` and ``'2021-03-04T10:02Z'`` are not.
    """
    if value is None or (isinstance(value, float) and value != value):
        return False
    s = str(value).strip()
    if not s or re.fullmatch(r"(?:19|20)\d\d(?:-\d\d)?", s) or _ISO_DATE.fullmatch(s):
        return False
    # dateutil first (fast): it fills what a value leaves out from its default
    first, second = (_dateutil(s, b) for b in _DEFAULT_PROBES)
    if first is None or second is None:  # 'yesterday', '3 hours ago': dateparser's words
        first, second = (_dateparser(s, b) for b in _PROBE_BASES)
    return first is not None and second is not None and first != second


def _dateutil(s: str, default: datetime):
    from dateutil import parser

    try:
        return parser.parse(s, default=default)
    except (ValueError, OverflowError, TypeError):
        return None


def parse_date(value, *, base=None) -> tuple[datetime, str] | None:
    """Parse a date value from a manifest or record field; precision from its form.

    Args:
        value: The field's value ('2021-03-04', 'March 4, 2021', 'yesterday', '3 hours ago').
        base: The reference time of a relative value: the record's crawl date (a datetime or
            any absolute value this function parses). A relative value without a base gives
            None, never a date counted from the day the code runs.

    Returns:
        ``(datetime, precision)``, naive UTC, precision ``"day"``, ``"month"`` or ``"year"``;
        None when the value is no date, or relative with no base.
    """
    import pandas as pd

    if value is None or (isinstance(value, float) and value != value):
        return None
    s = str(value).strip()
    if not s:
        return None
    if re.fullmatch(r"(?:19|20)\d\d", s):
        return datetime(int(s), 1, 1), "year"
    if re.fullmatch(r"(?:19|20)\d\d-\d\d", s):
        return datetime(int(s[:4]), int(s[5:7]), 1), "month"
    ts = None
    if is_relative_date(s):
        anchor = _as_base(base)
        if anchor is None:
            return None
        got = _dateparser(s, anchor)
        ts = pd.Timestamp(got) if got is not None else None
    else:
        # Absolute: pandas reads it as before; pandas' own fallback ('now', '10:30') would use
        # the current time, but such values are relative and never get here.
        try:
            ts = pd.Timestamp(s)
        except (ValueError, TypeError, OverflowError):
            ts = None
        if ts is None or ts is pd.NaT:
            got = _dateparser(s, _PROBE_BASES[0])
            ts = pd.Timestamp(got) if got is not None else None
    if ts is None or ts is pd.NaT:
        return None
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts.to_pydatetime(), "day"


def _as_base(value) -> datetime | None:
    """A reference time as a naive UTC datetime (a crawl date given in any absolute form)."""
    if value is None:
        return None
    if isinstance(value, datetime):  # pandas Timestamps too
        if value.tzinfo is not None:
            value = (value - value.utcoffset()).replace(tzinfo=None)
        return value
    got = parse_date(value)
    return got[0] if got else None


def crawl_date(meta: dict) -> tuple[datetime, str] | None:
    """The crawl (download, capture) date a record or its manifest row gives, with its field.

    Looks in :data:`CRAWL_DATE_FIELDS` of the merged record fields, then of the record's
    ``extra`` fields (news-please's ``date_download`` arrives there). Relative values are no
    crawl date.

    Returns:
        ``(datetime, field name)``, naive UTC, or None.
    """
    pools = [meta, meta.get("extra") or {}]
    for pool in pools:
        lower = {str(k).casefold(): v for k, v in pool.items()}
        for name in CRAWL_DATE_FIELDS:
            value = lower.get(name)
            got = parse_date(value) if value is not None and not isinstance(value, dict) else None
            if got:
                return got[0], name
    return None


# --- language ------------------------------------------------------------------------------
_LANG_STOPS = {
    "en": "the and of to in is that for on with was said as by it are from at has have",
    "de": "der die das und ist nicht mit von den dem ein eine zu im auf für sich auch wird",
    "fr": "le la les et est des un une du dans pour pas que qui sur au aux par il elle",
    "es": "el los las y en es del se por con para una su al lo como más pero que fue",
    "it": "il di che è per non una sono della nel alla dei delle anche più gli come",
    "pt": "o os as e do da em um uma não com na no mais foi ao dos das pelo pela que",
    "nl": "de het een van en is op te dat die niet met zijn voor er aan ook als bij",
    "ru": "и в не на что с по это как а но из к у за от то же так для о его она они был",
    "pl": "i w nie na się z do że to jest o jak ale po co tak za od przez jego",
    "sv": "och i att det som en på är av för med till den har de inte om ett",
    "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke",
    "tr": "ve bir bu da de için ile olarak çok daha olan gibi ama",
}
_LANG_SETS = {k: frozenset(v.split()) for k, v in _LANG_STOPS.items()}
# word -> the languages whose function-word list holds it (one dictionary look-up per word)
_WORD_LANGS: dict[str, tuple[str, ...]] = {}
for _code, _stops in _LANG_SETS.items():
    for _w in _stops:
        _WORD_LANGS[_w] = (*_WORD_LANGS.get(_w, ()), _code)
_SCRIPTS = [
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
]
_NON_LETTERS = re.compile(r"[\W\d_]+")  # runs of what is not a letter ([^\W\d_])
_CYR = re.compile(r"[\u0400-\u04ff]")
# Any character of the scripts above or Cyrillic: absent from most text.
_OTHER_SCRIPTS = re.compile(
    "[" + "".join(rx.pattern[1:-1] for _, rx in _SCRIPTS) + _CYR.pattern[1:-1] + "]")
_TOKEN = re.compile(r"\w+")


def detect_language(text: str) -> str:
    """Detect the language of ``text`` (ISO 639-1), or 'und'.

    Script first (kana means Japanese, Hangul Korean, Han alone Chinese, ...), then the share of
    each language's commonest function words among the words for Latin and Cyrillic text.
    """
    sample = text[:5000]
    letters = len(_NON_LETTERS.sub("", sample))  # the letters, counted without a list of them
    if letters < 10:
        return "und"
    other = _OTHER_SCRIPTS.search(sample) is not None
    if other:
        counts = {code: len(rx.findall(sample)) for code, rx in _SCRIPTS}
    else:  # Latin-script text: one scan instead of one per script
        counts = dict.fromkeys((code for code, _ in _SCRIPTS), 0)
    if counts["ja"] > 0.05 * letters:
        return "ja"
    if counts["ko"] > 0.2 * letters:
        return "ko"
    if counts["zh"] > 0.2 * letters:
        return "zh"
    for code in ("ar", "he", "el", "th", "hi"):
        if counts[code] > 0.3 * letters:
            return "fa" if code == "ar" and re.search("[پچژگ]", sample) else code
    tokens = [t.casefold() for t in _TOKEN.findall(sample)]
    if not tokens:
        return "und"
    cyr = other and len(_CYR.findall(sample)) > 0.3 * letters
    hits = dict.fromkeys(_LANG_SETS, 0)
    for t, n in Counter(tokens).items():
        for code in _WORD_LANGS.get(t, ()):
            hits[code] += n
    scores = {code: hits[code] / len(tokens) for code in _LANG_SETS if cyr == (code == "ru")}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 0.08 else "und"


# --- outlets -------------------------------------------------------------------------------
_HOLDER = re.compile(
    r"(?<![\w-])(?:©|\(c\)|copyright)\s*(?:©\s*)?"
    r"(?:(?:19|20)\d\d\s*(?:[-\u2013]\s*(?:(?:19|20)\d\d)?\s*)?)?(?:©\s*)?"
    r"(?P<name>(?:[A-Z][\w&'.\u2019-]*|the|by)(?:[ ][A-Za-z0-9&][\w&'.\u2019-]*){0,6})",
    re.I,
)
# "Image copyright Getty Images", "Photo: ... ©": a picture's rights holder, not the site's.
_PICTURE_CREDIT = re.compile(r"\b(?:image|photo|photograph|picture|video|caption)s?\s*:?\s*$",
                             re.I)
_CORPORATE = re.compile(
    r"(?:,?\s+(?:inc|llc|ltd|limited|plc|corp|corporation|co|gmbh|media|group|holdings|company|"
    r"publishing|publications|news ?media|newspapers?|digital|network|internet|ventures|"
    r"interactive|enterprises|all|rights|and|&))+\.?$",
    re.I,
)
# Content syndicates and picture agencies: like wire agencies, they name the copy's source.
_SYNDICATE = re.compile(
    r"^(?:creators(?:\.com| syndicate)?|king features(?: syndicate)?|tribune (?:content|media) "
    r"(?:agency|services)|andrews mcmeel(?: syndication)?|universal (?:press|uclick)(?: "
    r"syndicate)?|washington post writers group|project syndicate|getty(?: images)?|"
    r"shutterstock|epa|alamy|ap photos?|afp photos?|reuters pictures)$",
    re.I,
)
#: Last words that make a name look like a publication ("Harbor Herald", "Daily Wire").
_OUTLET_WORDS = frozenset(
    "times post news herald journal tribune daily gazette chronicle observer guardian telegraph "
    "express mail star sun courier monitor review magazine today weekly report press record "
    "register inquirer examiner standard independent mirror bulletin dispatch radio tv network "
    "online wire beast caller blaze insider week world sentinel leader globe nation statesman "
    "advocate enquirer free ledger mercury citizen argus eagle post-gazette shimbun ilbo "
    "dailymail".split())
_DOMAIN = re.compile(r"(?:www\.)?(?P<host>[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,})",
                     re.I)
_NAME = r"(?:The\s+)?[A-Z][\w&'.\u2019-]*(?:\s+[A-Z&][\w&'.\u2019-]*){0,4}"
# "Subscribe to The Washington Post", "Follow NPR on Twitter", "Sign up for Politico's newsletter"
_CALL = re.compile(
    r"^\W*(?i:subscribe to|follow|like|sign up for|download|get|support|read more from)\s+"
    r"(?:the\s+(?=[A-Z][\w.-]*\s+app))?(?P<name>" + _NAME + r")(?:[\u2019']s?)?"
    r"(?i:\s+(?:on\s+(?:twitter|facebook|instagram)|app|newsletters?|today|now|for\b.*))?\W*$"
)
# "X (CNN) —": the page's own tag where a wire agency's would stand
_OWN_TAG = re.compile(r"^[^\n(]{0,60}\((?P<name>[A-Z][A-Za-z&.]*(?: [A-Z][A-Za-z&.]*){0,3})\)"
                      r"\s*[-\u2013\u2014]")
# "Fox News' Ed Henry contributed to this report", "CNN's Jim Acosta and ... contributed"
_OWN_CREDIT = re.compile(
    r"(?:^|\.\s+)(?P<name>" + _NAME + r")[\u2019'](?:s)?\s+[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'"
    r"\u2019-]+){0,3}(?:,?\s+(?:and\s+)?[^.\n]{0,80})?\s+contributed\b"
)
# "Contributing: Jane Doe, USA TODAY"
_CONTRIBUTING = re.compile(r"^\W*contribut(?:ing|ors?)\s*:.*,\s*(?P<name>[^,;.]{2,40}?)\W*$",
                           re.I)
# "Headline | Reuters", "Headline - The New York Times"
_TITLE_TAIL = re.compile(r"\s(?:\||-|\u2013|\u2014|::)\s(?P<name>[^|\u2013\u2014]{2,60})$")


def _clean_name(name: str) -> str:
    name = " ".join(name.split()).strip(" .,;:|-\u2013\u2014\"'\u201c\u201d")
    name = re.split(r"\s+(?:all rights|\||-\s|\u2013|\u2014)|\.\s", name, flags=re.I)[0]
    name = re.sub(r"(?:\s+(?:19|20)\d\d)+$", "", name.strip(" .,"))  # "Thomson Reuters 2021"
    return _CORPORATE.sub("", name).strip(" .,")


def _is_source_not_outlet(name: str) -> bool:
    """Whether a name is a wire agency, syndicate or picture agency (not a publisher)."""
    for form in {name, name.title()} if name.isupper() else {name}:
        words = form.split()
        if (canonical_agency(form) or (words and canonical_agency(words[-1]))
                or (words and canonical_agency(words[0]) and len(words) <= 2)
                or _SYNDICATE.match(form)):
            return True
    return False


def _table_name(name: str) -> str | None:
    """The known-outlet table's spelling of a name or domain ('NIPPON.COM' -> 'Nippon.com')."""
    m = _DOMAIN.fullmatch(name.strip())
    if m:
        return outlet_for_url(m.group("host"))
    key = _name_key(name)
    return _table_by_key().get(key)


def _name_key(name: str) -> str:
    return re.sub(r"[\W_]+", "", re.sub(r"^the\s+", "", name.strip().casefold()))


@lru_cache(maxsize=1)
def _table_by_key() -> dict[str, str]:
    return {_name_key(v): v for v in known_outlets().values()}


def looks_like_outlet(name: str) -> bool:
    """Whether a name reads as a publication: a known outlet, a domain, or '... Herald'."""
    if not name or len(name) > 60 or _is_source_not_outlet(name):
        return False
    if _table_name(name) or _DOMAIN.fullmatch(name):
        return True
    words = name.split()
    return (1 <= len(words) <= 6 and all(w[:1].isupper() or w[:1].isdigit() or w == "&"
                                         or w.casefold() in {"of", "and", "the"} for w in words)
            and words[-1].casefold().strip(".") in _OUTLET_WORDS)


def _named(name: str) -> str:
    """A found name as shown: the known-outlet table's spelling where it has one."""
    return _table_name(name) or name


def outlet_from_page(lines: list[str]) -> str | None:
    """The site name a page's own copyright line gives ('© 2021 Harbor Herald Media Group').

    Wire agency, syndicate and picture agency notices ('© Thomson Reuters', 'Image copyright
    Getty Images') are skipped: they name the copy's source, not the publisher. Corporate
    suffixes are dropped.
    """
    for line in lines:
        if len(line) > 300:
            continue
        for m in _HOLDER.finditer(line):
            if _PICTURE_CREDIT.search(line[: m.start()]):
                continue
            raw = m.group("name")
            if re.match(r"by\b|the\s+[^A-Z]|the$", raw, re.I):
                continue  # "Copyright 2015 by Dinesh D'Souza": an author, not a site
            name = _clean_name(raw)
            if len(name) < 3 or name.casefold() in {"the", "copyright", "all", "by"}:
                continue
            if not name[0].isupper() or _is_source_not_outlet(name):
                continue
            if not (looks_like_outlet(name) or re.search(r"\b(?:19|20)\d\d\b", m.group(0))
                    or re.search(r"all rights", line[m.end():], re.I)):
                continue  # "© Jane Doe" under a picture: only a dated or reserved notice counts
            return _named(name)
    return None


def outlet_evidence(
    raw_lines: list[str],
    text: str = "",
    *,
    headline: str | None = None,
    footer_lines: list[str] = (),
) -> tuple[str, str] | None:
    """The outlet a page names itself, with the text that shows it.

    Evidence, strongest first: a copyright line (footer lines, then the page's last lines); a
    masthead line at the top or bottom of the page that is an outlet's name or domain ("The
    Japan Times", "NIPPON.COM") or a call to follow it ("Subscribe to The Washington Post");
    the site named after the headline ("... | Reuters"); the page's own tag in the dateline
    ("WASHINGTON (CNN) -"); a credit to the outlet's own staff ("Fox News' Ed Henry contributed
    to this report"). Wire agencies and syndicates never count, except a title tail that names
    the agency's own site.

    Args:
        raw_lines: The page's lines as scraped (or the HTML page's text lines).
        text: The clean article text.
        headline: The page title or headline.
        footer_lines: Lines the cleaner removed as copyright or footer.

    Returns:
        ``(outlet, evidence)``, or None.
    """
    lines = [ln.strip() for ln in raw_lines if ln.strip()]
    top, bottom = lines[:12], lines[-25:]
    body_tail = [p.strip() for p in text.split("\n") if p.strip()][-6:]
    for pool in (list(footer_lines), bottom, body_tail):
        for line in pool:
            name = outlet_from_page([line])
            if name:
                return name, line[:200]
    for at_top, line in [(True, ln) for ln in top] + [(False, ln) for ln in bottom[::-1]]:
        if len(line) > 80:
            continue
        bare = line.strip(" |\u00b7\u2022-")
        known = _table_name(bare) or _DOMAIN.fullmatch(bare)
        # A masthead is a name alone: no comma, colon or slash ("Jane Doe, Daily Herald" and
        # "Photo: X/Y Press" are credits); a name in capitals ("ORIGINAL POST") or at the foot
        # of the page counts only when it is a known outlet or a domain.
        if (looks_like_outlet(bare) and not re.search(r"[,:/]|\.$", bare)
                and (known or (at_top and not bare.isupper() and len(bare.split()) >= 2))):
            return _named(bare), line
        m = _CALL.match(line)
        if m:
            name = _clean_name(m.group("name"))
            if looks_like_outlet(name):
                return _named(name), line
    if headline:
        m = _TITLE_TAIL.search(headline.strip())
        if m:
            name = _clean_name(m.group("name"))
            agency = canonical_agency(name)
            if agency and _table_name(name):
                return _named(name), headline.strip()[:200]
            if looks_like_outlet(name):
                return _named(name), headline.strip()[:200]
    m = _OWN_TAG.match(text[:200])
    if m:
        name = m.group("name")
        if not _is_source_not_outlet(name) and (len(name) <= 6 and name.isupper()
                                                 or looks_like_outlet(name)):
            return _named(name), m.group(0).strip()
    for para in body_tail:
        m = _OWN_CREDIT.search(para) or _CONTRIBUTING.match(para)
        if m:
            name = _clean_name(m.group("name"))
            if looks_like_outlet(name) or (name.isupper() and 2 <= len(name) <= 6
                                           and not _is_source_not_outlet(name)):
                return _named(name), para[:200]
    return None


def outlet_from_filename(path: str | None) -> tuple[str, str] | None:
    """The outlet a file name gives when it is a domain: the known-outlet table's name or it.

    'www.japantimes.co.jp.txt' gives 'The Japan Times'; 'smalltown-news.org_2021-03-01.html'
    gives 'smalltown-news.org'; 'page-3.txt' gives nothing.

    Returns:
        ``(outlet, domain)``, or None when the file name does not start with a domain.
    """
    if not path:
        return None
    stem = Path(str(path)).name
    stem = re.sub(r"(?:\.(?:txt|text|html?|xhtml|json|jsonl|csv|parquet|warc|gz|bz2|xz|zip))+$",
                  "", stem, flags=re.I)
    m = _DOMAIN.match(stem)
    if not m or (m.end() < len(stem) and stem[m.end()] not in "_ -+@#,"):
        return None
    host = m.group("host").casefold()
    tld = host.rsplit(".", 1)[-1]
    if tld in {"txt", "html", "htm", "json", "csv", "md", "pdf", "xml", "py"} or host[0].isdigit():
        return None
    if not re.search(r"[a-z]{3,}", host.split(".")[0] if not host.startswith("www.") else host):
        return None
    return outlet_for_url(host) or host, host


_OUTLETS_FILE = Path(__file__).with_name("outlets.csv")


def _host(url: str) -> str:
    host = (urlparse(url if "://" in url else "http://" + url).hostname or "").casefold()
    return host[4:] if host.startswith("www.") else host


@lru_cache(maxsize=1)
def known_outlets() -> dict[str, str]:
    """The shipped table of known outlets: registered domain -> outlet name."""
    with _OUTLETS_FILE.open(encoding="utf-8") as fh:
        return {row["domain"].casefold(): row["outlet"] for row in csv.DictReader(fh)}


def outlet_for_url(url: str | None) -> str | None:
    """Return the outlet name for a URL's domain from the known-outlet table (suffix match)."""
    if not url:
        return None
    host = _host(url)
    table = known_outlets()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = table.get(".".join(parts[i:]))
        if name:
            return name
    return None
