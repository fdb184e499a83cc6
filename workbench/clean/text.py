"""Our plain-page-text cleaner: keep the story's paragraphs, remove the page furniture.

No library cleans text that was saved from a page without its DOM, so this is ours. It works on
lines and uses general features only (nothing keyed to one site):

* each line gets features: length in words (or characters for CJK), sentence shape (starts
  like a sentence, ends with terminal punctuation), share of function words, and matches against
  small multi-site lexicons of furniture (sign-up/login prompts, comment and share widgets,
  copyright/footer lines, "related"/"most read" headers, language names of language menus);
* runs of three or more short lines without sentence punctuation are link lists or menus,
  unless they are a table (columns kept apart by runs of spaces), a data list (lines that each
  carry a figure and share a separator: schedules, prices, results) or a list the story
  announces (after a story line ending in a colon or an ellipsis);
* captions (a line ending on its picture's credit or on an expand toggle) and legal
  disclaimers are furniture;
* lines that recur across several pages of one site (``site_lines``) are site furniture;
* the story is the contiguous stretch of lines with the best score (a maximum-sum segment over
  line weights: sentence-like lines weigh by their length, furniture weighs against), cut at
  copyright lines and comment sections once the story has begun, and at the first of three or
  more date lines inside it (a list of dated teasers or comments);
* inside the story, furniture lines are removed one by one (and a byline among its first
  lines); before it, the headline, byline, date line and a stand-alone dateline are
  recognised and recorded with their reasons.

The result keeps ``raw_text``-offsets for every kept line (the offset map) and every removed line
with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = [
    "CleanResult",
    "Line",
    "clean_page_text",
    "is_dateline_line",
    "normalize_line",
    "split_lines",
    "unwrap_lines",
]

# --- lexicons: furniture common to many sites (English plus a few frequent languages) ---------
_LANGUAGE_NAMES = {
    "english", "日本語", "简体字", "繁體字", "简体中文", "繁體中文", "中文", "한국어", "français",
    "francais", "español", "espanol", "deutsch", "italiano", "português", "portugues",
    "русский", "العربية", "عربي", "فارسی", "türkçe", "polski", "nederlands", "svenska",
    "norsk", "dansk", "suomi", "ελληνικά", "עברית", "हिन्दी", "bahasa indonesia",
    "bahasa melayu", "tiếng việt", "ไทย", "українська", "română", "magyar", "čeština",
    "català", "tagalog", "kiswahili", "urdu", "اردو", "বাংলা",
}

_PROMPT = re.compile(
    r"\b(?:sign[ -]?up|sign[ -]?in|log[ -]?in|log[ -]?out|register|registration|subscribe|"
    r"subscription|subscriber|newsletters?|create (?:an |your )?account|forgot (?:your )?password|"
    r"my account|already (?:a member|have an account)|premium|paywall|unlock|free trial|"
    r"download (?:the|our) app|get the app|notifications?|alerts?)\b",
    re.I,
)
_STRONG_PROMPT = re.compile(
    r"\b(?:sign[ -]?up|sign[ -]?in|log[ -]?in|subscribe|newsletters?|create (?:an |your )?account|"
    r"register (?:now|for free|today|here)|already (?:a member|have an account)|free trial|"
    r"download (?:the|our) app)\b",
    re.I,
)
_COMMENTS = re.compile(
    r"^(?:\d+\s+)?(?:comments?|no comments?|reader comments|discussion|replies)\s*(?:\(\d+\))?$|"
    r"\b(?:leave a (?:comment|reply)|post a comment|add a comment|login to (?:comment|leave)|"
    r"to (?:leave|post) a comment|join the (?:conversation|discussion)|comments? (?:are|is) "
    r"closed|show comments|view comments|community guidelines|be the first to comment)\b",
    re.I,
)
_SHARE = re.compile(
    r"^(?:share|share this(?: article| story)?|share on \w+|tweet|email|print|copy link|"
    r"facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram|messenger|flipboard|x)"
    r"(?:\s*[|/·•,]\s*\w+)*$|\b(?:share (?:this|on|via)\b|follow us\b|click to share\b|"
    r"follow\b.{0,60}?\bon (?:twitter|facebook|instagram|x|youtube|tiktok|linkedin|threads)\b)",
    re.I,
)
_FOOTER = re.compile(
    r"©|\(c\)\s*(?:19|20)\d\d|\b(?:copyright\b|all rights reserved\b|privacy (?:policy|notice)\b|"
    r"terms (?:of|and) (?:use|service|conditions)\b|cookie (?:policy|settings|preferences)\b|"
    r"contact us\b|about us\b|advertise with us\b|site ?map\b|powered by\b)",
    re.I,
)
_RELATED = re.compile(
    r"^(?:related(?: (?:articles?|stories|news|coverage|content|links|topics))?|"
    r"more (?:from|on|in|about|stories|news|articles|headlines)\b.*|"
    r"most (?:read|popular|viewed|shared|commented)\b.*|read (?:more|next|also)\b.*|"
    r"see also|also read\b.*|you (?:may|might) (?:also )?(?:like|enjoy|be interested)\b.*|"
    r"recommended(?: for you| stories| reading)?|trending(?: now| stories)?|popular(?: now| stories)?|"
    r"top stories|latest(?: news| stories| headlines)?|editor'?s picks|what'?s (?:happening|new|hot)\b.*|"
    r"in (?:other|case you missed)\b.*|don'?t miss\b.*|more to explore|further reading|"
    r"sponsored(?: content| stories)?|promoted(?: stories)?|from around the web|"
    r"a mix of what'?s trending\b.*|advertisement|advertising|ad|scroll (?:down )?to continue\b.*|"
    r"continue reading\b.*|skip to (?:main )?content|jump to\b.*|back to top|menu|search|home|"
    r"close|open|next|previous|prev|load more|show more|view all|see all|more)[\s:.!›»>→-]*$",
    re.I,
)
_TIMESTAMP = re.compile(
    r"^(?:(?:published|updated|posted|last updated|first published|modified|date)\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d\d\b[^.!?]{0,40}$|"
    r"^(?:(?:published|updated|posted|last updated)\s*:?\s*)?(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}"
    r"[^.!?]{0,30}$|^\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d[^.!?]{0,30}$|"
    r"^(?:(?:updated|published|posted|last updated)\s*:?\s*(?:at\s+|on\s+)?)?\d{1,2}:\d\d"
    r"(?:\s*(?:am|pm|[ap]\.m\.)(?!\w))?[^.!?]{0,80}$|"
    r"^\d+\s+(?:min(?:ute)?s?|hours?|hrs?|days?)\s+(?:ago|read)$",
    re.I,
)
_BYLINE = re.compile(
    r"^(?:by|from|written by|story by|words by|reporting by|von|par|por|di)\s+"
    r"(\S.{0,120}?)\s*$",
    re.I,
)
_CREDIT = re.compile(
    r"^[(\[]?\s*(?:\(?(?:additional |extra )?(?:reporting|writing|editing|edited|compiled|"
    r"research|graphics|production|fact-checking)\b[^;]{0,200}?\bby\b)",
    re.I,
)
_CONTRIB = re.compile(
    r"\b(?:contributed (?:to )?(?:this|reporting|the) (?:report|story|article)?|"
    r"contributed reporting|contributed to this report)\b",
    re.I,
)
_DATELINE_LINE = re.compile(
    r"^[A-Z][A-Z.'\u2019]*(?:-[A-Z][A-Z.'\u2019]*)*(?:[ /,]+[A-Z][A-Z.'\u2019]*"
    r"(?:-[A-Z][A-Z.'\u2019]*)*){0,4}(?:,\s+[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+)?)?$"
)
_SECTION_WORDS = frozenset(
    """news world politics business sports sport opinion tech technology health science
    entertainment lifestyle life culture travel local national international economy markets
    money finance video videos photos home latest breaking live weather features analysis
    editorial editorials commentary columns blogs arts style food education environment
    climate crime law society media us u.s. uk""".split()
)


def is_dateline_line(text: str) -> bool:
    """True for a stand-alone dateline line: an upper-case place ('TOKYO', 'NEW YORK')."""
    t = text.strip(" ,-\u2013\u2014")
    if not t or len(t) > 60 or len(t.split()) > 5:
        return False
    if t.casefold() in _SECTION_WORDS or t.casefold() in _LANGUAGE_NAMES:
        return False
    return _DATELINE_LINE.match(t) is not None and sum(c.isalpha() for c in t) >= 2


_COOKIES = re.compile(
    r"\b(?:cookies?\b.{0,200}?\b(?:website|site|browser|browsing|consent|experience|opt[ -]out|"
    r"accept|preferences|settings|privacy)\b|(?:accept|reject|manage) (?:all )?cookies\b|"
    r"javascript (?:is )?(?:required|disabled)|enable javascript\b|requires javascript\b|"
    r"ad ?blocker\b)",
    re.I,
)
# A site's legal notices (health, finance and general disclaimers).
_DISCLAIMER = re.compile(
    r"\b(?:the (?:information|content|materials?) (?:provided |published |contained )?(?:on|in) "
    r"this (?:web ?site|site|blog|page)\b|have not been evaluated by the food and drug\b|"
    r"not intended to diagnose, treat\b|for (?:general )?informational purposes only\b|"
    r"(?:does|do|should) not constitute (?:legal|financial|investment|medical|tax) advice\b|"
    r"results (?:may )?vary depending\b)",
    re.I,
)
_CONTACT = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{2,}|\b(?:tel(?:ephone)?|phone|fax|e-?mail)\s*:\s*\S",
    re.I,
)
_PHOTO_CREDIT = re.compile(
    r"^\W{0,3}(?:image|photo|picture|photograph|video|illustration|graphic)s?"
    r"(?:\s+(?:copyright|credit|caption|source|courtesy))?\b\s*:?|"
    r"\((?:[A-Z]{2,8} )?(?:photo|image|picture)s?\b[^)]{0,80}\)$|^getty images\b|"
    r"\b(?:getty images|shutterstock|afp via getty|ap photo|reuters/)\b",
    re.I,
)
_RIGHTS = re.compile(
    r"^\W{0,3}(?:©|\(c\)|copyright\b)|\b(?:all rights reserved\b|subject to copyright\b|"
    r"no part (?:of this \w+ )?may be reproduced\b)", re.I)
# A caption ends on its picture's credit: "(AP Photo/Name)", "(NASA via AP, File)", "Credit: ESA".
_CAPTION_END = re.compile(
    r"(?:\((?:[^()]{0,60}\b)?(?:photo|photograph|image|picture|file|via [A-Z]\w*)\b[^()]{0,80}\)|"
    r"\b(?:credit|photo|image|picture)s?\s*:\s*[^.:;]{1,60}\.?)"
    r"(?:\s+(?:less|more|hide caption|expand))?\s*$|"
    # a caption's expand or collapse toggle: "... more", ". less"
    r"(?:\.\.\.|\u2026)\s*more$|[.!?\"\u201d]\s+less$", re.I)
# "12 comments", and a commenter's handle line ("bahnfan77 says:"): a handle is one token,
# lower-case or carrying digits or underscores, unlike a source introducing a quote ("Abe said:").
_COMMENT_HEAD = re.compile(
    r"(?i:\b\d+\s+(?:comments?|responses?|replies|reactions)\b)|"
    r"^(?:\d+\.\s*)?(?:[a-z][\w.-]{1,40}|[\w.-]*[\d_][\w.-]*)\s+(?:says|wrote|writes|replied|"
    r"commented):$"
)
_BULLET = re.compile(r"^(?:[*+\u2022\u25aa\u25cf\u2013-]|\d{1,3}[.)])\s+")
# Scripts whose words our function-word lists cover: Latin and Cyrillic.
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]{2}")
_WORD = re.compile(r"\w+(?:['\u2019-]\w+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net|html?)\b", re.I)
_TERMINAL = frozenset('.!?。！？…"”’»)\']:\u061f\u06d4\u0964\u0965')
_OPENERS = '"“‘«(\'[-–—•*'

# Function words of frequent languages: the share of them marks running prose (as in jusText).
_STOP_WORDS = frozenset(
    """
    a an the and or but of to in on at by for with from as is are was were be been has have had
    it its this that these those he she they we you his her their our not no said says will would
    can could may might also after before than then there which who whom what when where while
    about into over under up out more most one two three all some any if so only just new
    der die das und ist nicht mit von den dem des ein eine einer zu im auf für sich auch es sie
    wird wurde werden hat haben bei nach aus wie noch nur oder aber um am vor zum zur
    le la les et est des un une du dans pour pas que qui sur au aux par il elle ne se ce sont ont
    plus avec été son sa ses leur été mais ou où comme
    el los las y en es del se por con para una su al lo como más pero sus le ya fue ha muy sin
    sobre entre también hasta desde
    il di che è per non una sono della nel alla dei delle anche più ha da gli ma come
    o os as e do da em um uma não com na no mais foi ao dos das pelo pela seu sua
    de het een van en is op te dat die niet met zijn voor er aan ook als bij
    и в не на что с по это как а но из к у за от то же так для о его она они был
    """.split()
)


@dataclass(frozen=True)
class Line:
    """One non-blank line of page text with its offsets into the raw text."""

    index: int
    start: int
    end: int
    text: str
    #: For a paragraph joined from hard-wrapped lines: (offset in text, raw start, length).
    parts: tuple[tuple[int, int, int], ...] = ()


@dataclass
class CleanResult:
    """What the cleaner kept and removed on one page."""

    text: str
    offset_map: list[list[int]]
    removed: list[dict]
    kept_lines: list[Line]
    headline: str | None = None
    byline: str | None = None
    dateline: str | None = None
    date_line: str | None = None
    credit_lines: list[str] = field(default_factory=list)
    story_start: int = 0


def normalize_line(text: str) -> str:
    """Return the comparison key of a line: case-folded words and digits masked."""
    return " ".join(re.sub(r"\d", "0", w) for w in _WORD.findall(text.casefold()))


def split_lines(raw: str) -> list[Line]:
    """Split ``raw`` into non-blank lines, stripped, with their raw offsets."""
    out: list[Line] = []
    pos = 0
    for i, piece in enumerate(raw.splitlines(keepends=True)):
        body = piece.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            start = pos + lead
            out.append(Line(i, start, start + len(stripped), stripped))
        pos += len(piece)
    return out


def unwrap_lines(lines: list[Line]) -> list[Line]:
    """Join hard-wrapped lines (text saved or mailed at a fixed width) back into paragraphs.

    A page is taken as wrapped when most of its long lines end near one width (at most 100
    characters) and many of them end mid-sentence; a line that reaches that width then continues
    on the next raw line (no blank line between). Pages saved one paragraph per line are
    returned unchanged.
    """
    lengths = sorted(len(ln.text) for ln in lines if len(ln.text) >= 30)
    if len(lengths) < 5:
        return lines
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width > 100:
        return lines
    near = [ln for ln in lines if width - 15 <= len(ln.text) <= width]
    if len(near) < 0.5 * len(lengths):
        return lines
    if sum(ln.text[-1:] not in ".!?\"”'" for ln in near) < 0.5 * len(near):
        return lines
    out: list[Line] = []
    last_index, last_len = -2, 0
    for ln in lines:
        prev = out[-1] if out else None
        if (prev is not None and ln.index == last_index + 1 and last_len >= width - 20
                and not _BULLET.match(ln.text)):
            base = prev.parts or ((0, prev.start, len(prev.text)),)
            out[-1] = Line(prev.index, prev.start, ln.end, f"{prev.text} {ln.text}",
                           (*base, (len(prev.text) + 1, ln.start, len(ln.text))))
        else:
            out.append(ln)
        last_index, last_len = ln.index, len(ln.text)
    return out


@dataclass
class _Feat:
    words: int
    length: int
    sentence: bool
    stop_share: float
    furniture: str | None  # reason when a furniture lexicon matches
    hard_end: bool
    credit: bool
    linkish: bool = False
    latin: bool = True


def _word_count(text: str) -> int:
    cjk = len(_CJK.findall(text))
    if cjk > len(text) * 0.3:
        return max(1, cjk // 2)
    return len(_WORD.findall(text))


def _is_sentence(text: str, words: int) -> bool:
    s = text.rstrip()
    if not s:
        return False
    last = s[-1]
    if last not in _TERMINAL:
        return False
    if last == ")" and not (s[:1] in "([" or (len(s) > 2 and s[-2] in ".!?\"”")):
        return False
    if last == ":" and words < 12:
        return False
    first = s.lstrip(_OPENERS)[:1]
    caseless = first.isalpha() and not first.isupper() and not first.islower()
    return bool(first) and (first.isupper() or first.isdigit() or not first.isalpha()
                            or caseless or first.islower() and words >= 12)


def _features(line: Line) -> _Feat:
    text = line.text
    words = _word_count(text)
    tokens = [w.casefold() for w in _WORD.findall(text)]
    stop_share = sum(t in _STOP_WORDS for t in tokens) / len(tokens) if tokens else 0.0
    sentence = _is_sentence(text, words)
    low = text.casefold().strip(" -–—•·|*:>»")
    credit = bool(_CREDIT.match(text)) or (bool(_CONTRIB.search(text)) and words < 40)
    furniture, hard_end = _furniture(text, low, words, credit, sentence, stop_share)
    bullet = _BULLET.match(text) is not None
    linkish = not credit and (
        (not sentence and words <= 14)
        or (bullet and words <= 16 and (not sentence or text.rstrip()[-1:] not in ".!?"))
    )
    latin = _LATIN.search(text) is not None
    return _Feat(words, len(text), sentence, stop_share, furniture, hard_end, credit, linkish,
                 latin)


def _furniture(text: str, low: str, words: int, credit: bool | None = None,
               sentence: bool | None = None, stop_share: float | None = None,
               ) -> tuple[str | None, bool]:
    """(reason, hard end) when a furniture lexicon matches the line, else (None, False).

    ``low`` is the case-folded line stripped of bullets; ``credit``, ``sentence`` and
    ``stop_share`` are computed here, only when a rule needs them, when not given.
    """
    if low in _LANGUAGE_NAMES or low.lstrip("- ") in _LANGUAGE_NAMES:
        return "language menu", False
    if _PHOTO_CREDIT.search(text) and words <= 25:
        return "photo credit or caption", False
    if words <= 120:
        if credit is None:
            credit = bool(_CREDIT.match(text)) or (bool(_CONTRIB.search(text)) and words < 40)
        if not credit and _CAPTION_END.search(text[-200:]):
            return "photo credit or caption", False
    if _COOKIES.search(text):
        return "cookie or script notice", False
    if words <= 200 and _DISCLAIMER.search(text):
        return "disclaimer", False
    if _CONTACT.search(text):
        if stop_share is None and words > 40:
            tokens = [w.casefold() for w in _WORD.findall(text)]
            stop_share = sum(t in _STOP_WORDS for t in tokens) / len(tokens) if tokens else 0.0
        if words <= 40 or stop_share < 0.2 or len(_CONTACT.findall(text)) >= 2:
            return "contact details", False
    if (_COMMENTS.search(text) or _COMMENT_HEAD.search(text)) and words <= 14:
        return "comment widget", True
    if _FOOTER.search(text):
        if sentence is None and words > 25:
            sentence = _is_sentence(text, words)
        if words <= 25 or not sentence or _RIGHTS.search(text):
            return "copyright or footer", _RIGHTS.search(text) is not None
    second_person = None
    if _PROMPT.search(text):
        if sentence is None and words > 8:
            sentence = _is_sentence(text, words)
        if words <= 8 or not sentence:
            return "sign-up or login prompt", False
        second_person = re.search(r"\b(?:you|your|yours)\b", low) is not None
        if second_person and words <= 40 and _STRONG_PROMPT.search(text):
            return "sign-up or login prompt", False
    if _SHARE.search(text):
        if words <= 12:
            return "share bar", False
        if second_person is None:
            second_person = re.search(r"\b(?:you|your|yours)\b", low) is not None
        if second_person:
            return "share bar", False
    if _RELATED.match(low):
        return "related or section label", False
    if _URLISH.search(text) and words <= 12:
        return "link", False
    if _TIMESTAMP.match(text.strip()):
        return "date line", False
    return None, False


def furniture_reason(text: str) -> str | None:
    """The furniture lexicon a line matches ("share bar", "copyright or footer"...), or None.

    The same rules as the cleaner's line features, computing only what they need.
    """
    return _furniture(text, text.casefold().strip(" -–—•·|*:>»"), _word_count(text))[0]


def _is_good(f: _Feat) -> bool:
    """A line that reads like a story paragraph."""
    if f.furniture is not None:
        return False
    if f.credit:
        return False
    if f.sentence and f.words >= 8 and (f.stop_share >= 0.08 or not f.latin):
        return True
    if f.sentence and f.words >= 15:
        return True
    return f.words >= 30 and f.stop_share >= 0.15


def _weight(f: _Feat, in_link_run: bool, site_repeat: bool) -> float:
    if site_repeat:
        return -8.0 - f.words
    if f.furniture == "photo credit or caption":
        return -3.0  # captions sit inside stories: the story bridges them
    if f.furniture is not None:
        return -6.0 - min(f.words, 60)
    if in_link_run:
        return -3.0 - f.words
    if f.credit:
        return 1.0
    if _is_good(f):
        return float(f.words)
    if f.sentence:
        return f.words * 0.3
    return -2.0 - 0.5 * min(f.words, 10)


def _link_runs(feats: list[_Feat], *, min_run: int = 3) -> list[bool]:
    """Mark runs of ``min_run`` or more short non-sentence lines (menus, link lists)."""
    flags = [False] * len(feats)
    i = 0
    n = len(feats)
    while i < n:
        j = i
        while j < n and feats[j].linkish:
            j += 1
        if j - i >= min_run:
            for k in range(i, j):
                flags[k] = True
        i = max(j, i + 1)
    return flags


_CELL_GAP = re.compile(r"\s{2,}|\t")
_INTRO_END = (":", "\u2026", "...")
# What announces a list of links rather than a list of the story's own.
_LIST_OF_LINKS = re.compile(
    r"^\W*(?:related|more|see|read|also|recommended|further|popular|trending|latest|top|"
    r"watch|listen|follow|share|most)\b", re.I)
_BARE_BULLET = re.compile(r"^(?:[*+\u2022\u25aa\u25cf\u2013-]|\d{1,3}[.)])$")


def _story_lists(lines: list[Line], feats: list[_Feat]) -> list[float | None]:
    """Weights for the lines of tables and lists that belong to a story: they are not menus.

    * A table: three or more consecutive lines of three or more cells (text rendered from an
      HTML table keeps its columns apart by runs of spaces).
    * A data list: four or more consecutive lines that each carry a figure and share a
      separator (schedules such as "June 9 -- Arena, City", prices "... for $20", results).
      A short line right above a table or data list is its heading.
    * A list the story announces: the items after a story line that ends in a colon or an
      ellipsis ("The tour dates:", "... so you can:"); they run while they keep the first
      item's bullet and are no furniture.

    Tables and data lists weigh a little (they bridge parts of a story, but do not make one);
    announced items weigh like short story lines. ``None`` for every other line.
    """
    n = len(lines)
    out: list[float | None] = [None] * n

    def mark(i: int, j: int, weight: float) -> None:
        for k in range(i, j):
            out[k] = max(out[k] or 0.0, weight)

    def extend(i: int, ok) -> int:
        j = i
        while j < n and feats[j].furniture is None and not _is_good(feats[j]) and ok(j):
            j += 1
        return j

    def mark_run(i: int, j: int) -> None:
        # The run and the short heading right above it ("Tour dates", "Standings").
        if i > 0 and feats[i - 1].furniture is None and feats[i - 1].words <= 12:
            i -= 1
        mark(i, j, 0.5)

    i = 0
    while i < n:
        j = extend(i, lambda k: len(_CELL_GAP.split(lines[k].text)) >= 3)
        if j - i >= 3:
            mark_run(i, j)
        i = max(j, i + 1)
    i = 0
    while i < n:
        seps = _data_seps(lines[i].text)
        j = extend(i, lambda k, seps=seps: bool(_data_seps(lines[k].text) & seps)) if seps else i
        if j - i >= 4:
            mark_run(i, j)
        i = max(j, i + 1)
    for k in range(1, n - 1):
        f = feats[k]
        text = lines[k].text
        if (not text.endswith(_INTRO_END) or f.words < 3 or f.furniture is not None
                or _LIST_OF_LINKS.match(text)):
            continue
        prev = feats[k - 1]
        if not (_is_good(prev) or prev.sentence or out[k - 1] is not None):
            continue
        m = k + 1
        while m < n and _BARE_BULLET.match(lines[m].text):
            m += 1
        if m >= n:
            continue
        bullet = _BULLET.match(lines[m].text)
        kind = bullet.group(0).strip()[:1] if bullet else ""
        items = []
        while m < n and len(items) < 80:
            t = lines[m].text
            if _BARE_BULLET.match(t):
                m += 1
                continue
            b = _BULLET.match(t)
            if (b.group(0).strip()[:1] if b else "") != kind or feats[m].furniture is not None:
                break
            if not (feats[m].linkish or feats[m].sentence) or feats[m].words < 2:
                break
            items.append(m)
            m += 1
        if items:
            mark(k, k + 1, 0.5 + 0.3 * min(f.words, 30))
            for m in items:
                mark(m, m + 1, 0.5 + 0.3 * min(feats[m].words, 30))
    return out


_DATA_SEP = re.compile(r"\s(?:--|[\u2013\u2014@|\u2022\u00b7-])\s|\$|\u20ac|\u00a3|:\s")
_DIGIT = re.compile(r"\d")


def _data_seps(text: str) -> frozenset[str]:
    """The separators of a line that carries a figure (after its bullet); empty otherwise."""
    body = _BULLET.sub("", text, count=1)
    if not _DIGIT.search(body):
        return frozenset()
    return frozenset(m.strip() for m in _DATA_SEP.findall(body))


def _best_segment(weights: list[float], hard: list[bool]) -> tuple[int, int]:
    """Return [start, end) of the maximum-sum run of lines, never crossing a hard end.

    A hard end (copyright line, comment section) closes the story only after it has begun, so
    the run may start after one but not extend across one.
    """
    best = (0, 0, float("-inf"))
    cur_start, cur = 0, 0.0
    for i, w in enumerate(weights):
        if hard[i]:
            cur_start, cur = i + 1, 0.0
            continue
        if cur <= 0:
            cur_start, cur = i, 0.0
        cur += w
        if cur > best[2]:
            best = (cur_start, i + 1, cur)
    if best[2] == float("-inf") or best[2] <= 0:
        return 0, 0
    return best[0], best[1]


def _content_words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)
            if len(w) > 2 and w.casefold() not in _STOP_WORDS}


def _title_anchor(lines: list[Line], feats: list[_Feat], slug: set[str],
                  headline: str | None) -> tuple[int | None, set[str]]:
    """The line that is the page's headline, found by the URL slug or a known headline.

    Story paragraphs follow the headline and share its words; a sidebar before it does not.
    """
    key = set(slug)
    target = normalize_line(headline) if headline else None
    if headline:
        key |= _content_words(headline)
    if len(key) < 3:
        return None, key
    best, best_ov = None, 0
    for i, (ln, f) in enumerate(zip(lines, feats)):
        if target and normalize_line(ln.text) == target:
            return i, key
        if not 3 <= f.words <= 30 or f.furniture or _is_good(f):
            continue
        words = _content_words(ln.text)
        ov = len(words & key)
        if ov >= 3 and ov >= 0.5 * len(words) and ov > best_ov:
            best, best_ov = i, ov
    return best, key


def _slug_words(url: str | None) -> set[str]:
    if not url:
        return set()
    path = url.split("://", 1)[-1].split("/", 1)[-1]
    return {w for w in re.split(r"[^a-z0-9]+", path.casefold().replace("%27", "")) if len(w) > 2}


def _pick_headline(
    lines: list[Line], feats: list[_Feat], before: int, body_words: set[str], slug: set[str],
    given: str | None,
) -> int | None:
    """Index of the headline among the lines before the story, by overlap with body and URL."""
    best, best_score = None, 0.0
    for i in range(before):
        f = feats[i]
        if f.furniture or f.credit or not 3 <= f.words <= 30:
            continue
        words = {w.casefold() for w in _WORD.findall(lines[i].text) if len(w) > 2}
        if not words:
            continue
        if given and normalize_line(given) == normalize_line(lines[i].text):
            return i
        overlap = len(words & body_words) / len(words)
        slug_overlap = len(words & slug) / len(words) if slug else 0.0
        score = overlap + slug_overlap + 0.05 * min(f.words, 12) / 12 - 0.02 * (before - i) / max(
            before, 1)
        if lines[i].text.rstrip()[-1:] in ".!?" and f.words > 20:
            score -= 0.3
        if score > best_score:
            best, best_score = i, score
    return best if best_score >= 0.3 else None


def clean_page_text(
    raw: str,
    *,
    url: str | None = None,
    headline: str | None = None,
    site_lines: frozenset[str] | set[str] = frozenset(),
) -> CleanResult:
    """Clean plain page text to the story's paragraphs.

    Args:
        raw: The page text as saved (one paragraph or furniture item per line).
        url: The page URL, used to recognise the headline by its slug.
        headline: A headline known from elsewhere (record, manifest), matched first.
        site_lines: Normalized lines (:func:`normalize_line`) that recur across the pages of
            this page's site; such lines are furniture.

    Returns:
        A :class:`CleanResult`: clean text (kept lines joined by blank lines), the offset map
        ``[clean_start, raw_start, length]`` per kept line, and the removed lines as dicts
        ``{"text", "reason", "line"}``.
    """
    lines = unwrap_lines(split_lines(raw))
    feats = [_features(ln) for ln in lines]
    runs = _link_runs(feats)
    listed = _story_lists(lines, feats)
    runs = [r and li is None for r, li in zip(runs, listed)]
    repeat = [bool(site_lines) and normalize_line(ln.text) in site_lines
              and not _is_good(f) for ln, f in zip(lines, feats)]
    # Prose that recurs is kept: two versions of one wire story on one site share paragraphs.
    weights = [_weight(f, r, s) for f, r, s in zip(feats, runs, repeat)]
    for i, li in enumerate(listed):
        if li is not None and not repeat[i]:
            weights[i] = li
    anchor, key_words = _title_anchor(lines, feats, _slug_words(url), headline)
    if anchor is not None:
        for i, ln in enumerate(lines):
            if weights[i] <= 0:
                continue
            if i < anchor:
                weights[i] *= 0.3
            elif len(_content_words(ln.text) & key_words) >= 2:
                weights[i] *= 1.3
    hard = [f.hard_end for f in feats]
    start, end = _best_segment(weights, hard)
    # Dated items repeating inside the run are a list of teasers or comments: the first of three
    # or more date lines after the story's opening lines ends the story. Where the dated items
    # are long (median of 60 words or more) and hold more prose than precedes them, the dates
    # head the sections of one story instead (a live blog such as AP's "The Latest":
    # "7 p.m. ... 6:05 p.m. ..."): no cut.
    dated = [i for i in range(start + 3, end) if feats[i].furniture == "date line"]
    if len(dated) >= 3:
        def words(lo: int, hi: int) -> int:
            return sum(len(lines[i].text.split()) for i in range(lo, hi) if weights[i] > 0)

        bounds = [*dated, end]
        per_item = sorted(words(a + 1, b) for a, b in zip(bounds, bounds[1:]))
        short_items = per_item[len(per_item) // 2] < 60  # teasers and comments are short
        if short_items or words(start, dated[0]) >= words(dated[0], end):
            hard[dated[0]] = True
            start, end = _best_segment(weights, hard)
    if end <= start:
        return CleanResult("", [], [{"text": ln.text, "reason": "no story text", "line": ln.index}
                                    for ln in lines], [])
    # Credit lines right after the story belong to it.
    while end < len(lines) and feats[end].credit and not hard[end]:
        end += 1
    # A stand-alone dateline or byline right before the first story line.
    body_words: set[str] = set()
    for i in range(start, min(end, start + 6)):
        body_words |= {w.casefold() for w in _WORD.findall(lines[i].text) if len(w) > 2}
    reasons: dict[int, str] = {}
    dateline = byline = date_line = None
    k = start - 1
    while k >= 0 and start - k <= 4:
        t = lines[k].text
        if dateline is None and feats[k].furniture is None and is_dateline_line(t):
            dateline = t.strip(" ,-–—")
            reasons[k] = "dateline"
        elif byline is None and _BYLINE.match(t) and feats[k].words <= 16 and not feats[k].sentence:
            byline = _BYLINE.match(t).group(1).strip()
            reasons[k] = "byline"
        elif date_line is None and _TIMESTAMP.match(t):
            date_line = t
            reasons[k] = "date line"
        k -= 1
    h = _pick_headline(lines, feats, start, body_words, _slug_words(url), headline)
    if h is not None:
        reasons[h] = "headline"
    kept: list[Line] = []
    credits: list[str] = []
    for i, ln in enumerate(lines):
        f = feats[i]
        if i in reasons:
            continue
        if i < start:
            reasons[i] = _outside_reason(f, runs[i], repeat[i], "before story")
        elif i >= end:
            reasons[i] = _outside_reason(f, runs[i], repeat[i], "after story")
        elif repeat[i]:
            reasons[i] = "repeated on the site's other pages"
        elif f.furniture is not None:
            reasons[i] = f.furniture
        elif runs[i]:
            reasons[i] = "link list or menu"
        elif f.credit:
            credits.append(ln.text)
            kept.append(ln)
        elif (byline is None and i < start + 6 and not f.sentence and f.words <= 8
              and _BYLINE.match(ln.text)):
            byline = _BYLINE.match(ln.text).group(1).strip()
            reasons[i] = "byline"
        elif (not f.sentence and f.words <= 3 and i > start and _lonely(feats, i)
              and not is_dateline_line(ln.text)):
            reasons[i] = "short label"
        else:
            kept.append(ln)
    # Credit lines after the story (within a few lines) are kept as credits even when cut off.
    for i in range(end, min(len(lines), end + 3)):
        if feats[i].credit and reasons.get(i, "").startswith("after story"):
            credits.append(lines[i].text)
    parts, omap, pos = [], [], 0
    for ln in kept:
        parts.append(ln.text)
        for off, raw_start, n in ln.parts or ((0, ln.start, len(ln.text)),):
            omap.append([pos + off, raw_start, n])
        pos += len(ln.text) + 2
    removed = [
        {"text": lines[i].text, "reason": reasons[i], "line": lines[i].index}
        for i in sorted(reasons)
    ]
    return CleanResult(
        text="\n\n".join(parts),
        offset_map=omap,
        removed=removed,
        kept_lines=kept,
        headline=lines[h].text if h is not None else None,
        byline=byline,
        dateline=dateline,
        date_line=date_line,
        credit_lines=credits,
        story_start=lines[start].start,
    )


def _lonely(feats: list[_Feat], i: int) -> bool:
    """True for a short label whose neighbours are not short labels of a list."""
    prev_short = i > 0 and feats[i - 1].words <= 3 and not feats[i - 1].sentence
    next_short = i + 1 < len(feats) and feats[i + 1].words <= 3 and not feats[i + 1].sentence
    return not (prev_short and next_short) and (feats[i].stop_share == 0.0)


def _outside_reason(f: _Feat, in_run: bool, repeat: bool, where: str) -> str:
    if repeat:
        return "repeated on the site's other pages"
    if f.furniture is not None:
        return f.furniture
    if in_run:
        return "link list or menu"
    return f"{where}: " + ("paragraph outside the story" if _is_good(f) else "short line")
