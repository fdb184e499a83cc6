"""The bad-input corpus: what each file is, how it is made, and what loading it must give.

The small files are committed under ``tests/data/bad/`` (regenerate them with
``.venv/bin/python tests/hardening/bad_corpus.py``); the large ones (a 50 MB text, a 5 MB single
line, 100,000-deep nested HTML) are written at test time by :func:`write_large`. Every text below
was written for these tests.
"""

from __future__ import annotations

import gzip
import io
import json
import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

BAD_DIR = Path(__file__).resolve().parent.parent / "data" / "bad"

EN_PARAS = [
    "HARBOURTON (Wire) - Flood barriers along the river held overnight after three days of "
    "heavy rain, the city's emergency office said on Tuesday, as engineers began checking the "
    "older sections of the embankment for damage.",
    "About 1,200 residents who left their homes on Sunday were told they could return from "
    "Wednesday morning, two officials with knowledge of the plan said, asking not to be named "
    "because the decision had not been announced.",
    "\u201cWe were lucky this time, but the walls are sixty years old,\u201d said Mara Velde, "
    "the head of the regional water board, adding that repairs would cost at least 40 million "
    "euros.",
]
EN_HEADLINE = "River barriers hold as flood waters begin to fall"
EN_TEXT = EN_HEADLINE + "\n\n" + "\n\n".join(EN_PARAS) + "\n"

# cp1252 bytes 0x80-0x9f: curly quotes, dashes, euro, ellipsis; plus Latin-1 letters.
CP1252_TEXT = (
    "Caf\u00e9 owners in the old town count the cost\n\n"
    "LISBON - The owners of the caf\u00e9s along the Rua Augusta said on Monday that the "
    "closure had cost them about \u20ac3,000 a week \u2013 more than they earn in a good month "
    "\u2014 and that the city\u2019s offer of help came \u201ctoo late and too small\u201d.\n\n"
    "\u201cWe opened in 1987 and never closed a single day\u2026 until now,\u201d said "
    "Jos\u00e9 Ant\u00f3nio, who runs a pastelaria near the square, adding that his "
    "na\u00efve hope was a reopening by the end of the month.\n"
)

SJIS_TEXT = (
    "東京都、来月から新たな防災訓練を実施へ\n\n"
    "東京都は十日、大規模な地震に備えた新しい防災訓練を来月から都内の全区で実施すると発表した。"
    "訓練には住民や企業の約三万人が参加する見通しだという。\n\n"
    "都の担当者は「日頃の備えが命を守る」と述べ、参加を呼びかけた。\n"
)

EUC_JP_TEXT = (
    "大阪市で新しい図書館が開館\n\n"
    "大阪市は一日、市内北部に新しい中央図書館を開館した。蔵書はおよそ五十万冊で、"
    "開館初日には多くの市民が訪れたという。\n"
)

EUC_KR_TEXT = (
    "서울시, 내년부터 대중교통 요금 조정\n\n"
    "서울시는 14일 내년 상반기부터 지하철과 버스의 기본 요금을 조정한다고 밝혔다. "
    "시 관계자는 운영 적자가 계속 늘어나고 있다고 설명했다.\n\n"
    "시민단체들은 요금 인상이 서민 부담을 키울 수 있다며 우려를 나타냈다.\n"
)

ARABIC_TEXT = (
    "الحكومة تعلن خطة جديدة لدعم المزارعين\n\n"
    "أعلنت الحكومة يوم الثلاثاء عن خطة جديدة لدعم المزارعين المتضررين من الجفاف، وقال وزير "
    "الزراعة إن الخطة تشمل قروضا ميسرة بقيمة 200 مليون دولار.\n\n"
    "وأضاف الوزير في مؤتمر صحفي أن المساعدات ستصل إلى نحو 15 ألف أسرة في المناطق الريفية خلال "
    "الأشهر الثلاثة المقبلة.\n\n"
    "وقال مسؤولان في الوزارة، طلبا عدم نشر اسميهما، إن التفاصيل النهائية لم تحسم بعد.\n"
)

# Hebrew with embedded left-to-right words and explicit bidi controls (RLE/PDF, RLM).
HEBREW_TEXT = (
    "הממשלה אישרה את תקציב התחבורה\n\n"
    "הממשלה אישרה ביום ראשון את תקציב התחבורה לשנה הבאה, כך נמסר בהודעה רשמית של משרד "
    "האוצר.\n\n"
    "לדברי שני פקידים בכירים, התקציב כולל \u202bכ-3 מיליארד שקל\u202c לפרויקטים של רכבת "
    "קלה.\n\n"
    "שר התחבורה אמר כי \u200fהתוכנית\u200f תוצג לציבור בחודש הבא, ו-Reuters דיווחה על כך "
    "לראשונה.\n"
)

# An English article carrying right-to-left words and bidi overrides (the "Trojan source" marks).
BIDI_TEXT = (
    "Officials in two capitals differ on the border talks\n\n"
    "Officials in both capitals said on Friday that the talks on the border crossing would "
    "resume next week, although the date given by each side was different.\n\n"
    "A spokesman said the \u200fاتفاق\u200f (agreement) was \u202bnot yet final\u202c and "
    "that a \u202eversion with a bidi override\u202c had circulated online, two officials "
    "said.\n"
)

EMOJI_TEXT = (
    "\U0001f30a\U0001f30a Surf contest draws record crowd \U0001f3c4\u200d\u2640\ufe0f\n\n"
    "\U0001f1f5\U0001f1f9 PENICHE - More than 40,000 people \U0001f465 watched the final on "
    "Saturday \U0001f31e, organisers said \U0001f4e3, up from 25,000 last year "
    "\U0001f4c8\U0001f4c8\U0001f4c8.\n\n"
    "\u201cIt was unreal \U0001f92f\U0001f525\U0001f525,\u201d said the winner "
    "\U0001f3c6\U0001f44f\U0001f3fd, who is 19 \U0001f382 and from the town "
    "\U0001f3e0\u2764\ufe0f\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466.\n\n"
    + "\U0001f600\U0001f603\U0001f604\U0001f601\U0001f606 " * 40
    + "\n"
)

MIXED_NEWLINE_PARTS = [
    "Council approves the new harbour budget",
    "The city council approved the harbour budget on Thursday after a four-hour debate, "
    "the mayor's office said in a statement.",
    "Opposition members said the plan left out the fishing quarter, which was damaged in "
    "last winter's storms.",
    "A final vote on the dredging contract is expected next month, two council members said.",
]
MIXED_NEWLINE_BYTES = (
    MIXED_NEWLINE_PARTS[0].encode() + b"\r\n\r\n"
    + MIXED_NEWLINE_PARTS[1].encode() + b"\r\r"
    + MIXED_NEWLINE_PARTS[2].encode() + b"\n\n"
    + MIXED_NEWLINE_PARTS[3].encode() + b"\r\n"
)

SCRIPT_PAYLOAD = "<script>window.__pwned = 1; alert('pwned')</script>"

HTML_ARTICLE = (
    "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title>"
    "<style>body {{ color: red }} .ad {{ display: none }}</style>"
    "<script>var tracker = 'alert(1)'; document.write('injected-by-script');</script>"
    "</head><body><nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a></nav>"
    "<article><h1>{title}</h1>{paras}</article>"
    "<script>alert('pwned-inline')</script><footer>Copyright footer</footer></body></html>"
)


def html_article(title: str, paras: list[str]) -> str:
    """Return a small well-formed news page with scripts and styles around the article."""
    body = "".join(f"<p>{p}</p>" for p in paras)
    return HTML_ARTICLE.format(title=title, paras=body)


SCRIPTS_ONLY_HTML = (
    "<!doctype html><html><head><style>p { color: blue } .x::before { content: 'styled' }"
    "</style><script>for (var i = 0; i < 10; i++) { console.log('script text ' + i); }"
    "</script></head><body><script>document.body.innerHTML = 'only a script wrote this';"
    "</script><noscript><style>.y{}</style></noscript><script type=\"application/ld+json\">"
    "{\"@type\": \"NewsArticle\"}</script></body></html>"
)

# A 1x1 PNG, byte for byte (binary with NULs), saved with a .txt name.
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n"
    + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    + struct.pack(">I", zlib.crc32(b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)))
    + struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
)


def _zip_bytes() -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo("a.bin", date_time=(2024, 1, 1, 0, 0, 0))
        zf.writestr(info, bytes(range(256)) * 8, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _warc_bytes(*, gzipped: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzipped)
    pages = [
        ("https://example.org/news/flood-barriers", EN_HEADLINE, EN_PARAS),
        ("https://example.org/news/harbour-budget", MIXED_NEWLINE_PARTS[0],
         MIXED_NEWLINE_PARTS[1:]),
    ]
    for n, (uri, title, paras) in enumerate(pages):
        payload = html_article(title, paras).encode("utf-8")
        http = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        rec = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), http_headers=http,
            warc_headers_dict={
                "WARC-Date": "2024-03-05T10:00:00Z",
                "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-00000000000{n}>",
            },
        )
        writer.write_record(rec)
    return buf.getvalue()


def truncated_warc(*, gzipped: bool) -> bytes:
    """Two HTML response records, the second cut off in the middle of its payload."""
    data = _warc_bytes(gzipped=gzipped)
    marker = b"harbour-budget"
    if gzipped:
        # Each record is its own gzip member: cut inside the second member.
        first_len = len(_first_gzip_member(data))
        return data[: first_len + (len(data) - first_len) // 2]
    return data[: data.rindex(marker) + 200]


def _first_gzip_member(data: bytes) -> bytes:
    d = zlib.decompressobj(wbits=31)
    d.decompress(data)
    return data[: len(data) - len(d.unused_data)]


JSONL_LINES = [
    json.dumps({"title": EN_HEADLINE, "maintext": "\n\n".join(EN_PARAS),
                "url": "https://example.org/a", "date_publish": "2024-03-05 09:00:00"}),
    '{"title": "Broken record", "maintext": "this line is cut off in the mid',
    json.dumps({"title": MIXED_NEWLINE_PARTS[0], "maintext": "\n\n".join(MIXED_NEWLINE_PARTS[1:]),
                "url": "https://example.org/b"}),
    "[1, 2, 3]",
    json.dumps({"title": "A record with no text at all", "url": "https://example.org/c"}),
]
#: 1-based line numbers of the JSONL lines that must load, and that must fail.
JSONL_GOOD, JSONL_BAD = {1, 3}, {2, 4, 5}

CSV_TEXT = (
    "title,text,url\n"
    f"\"{EN_HEADLINE}\",\"{' '.join(EN_PARAS).replace(chr(34), chr(34) * 2)}\",https://example.org/a\n"
    "Too many fields,\"some text here\",https://example.org/x,extra,columns,here\n"
    f"\"{MIXED_NEWLINE_PARTS[0]}\",\"{' '.join(MIXED_NEWLINE_PARTS[1:])}\",https://example.org/b\n"
    "Empty text row,,https://example.org/y\n"
)
#: 1-based data row numbers (header excluded) that must load.
CSV_GOOD = {1, 3}


@dataclass(frozen=True)
class BadInput:
    """One committed bad input and what loading it must give."""

    name: str
    data: bytes
    expect: str  # "loaded", "failed", "skipped", "failed_or_skipped", "multi"
    text: str | None = None  # the decoded text that raw_text must equal (loaded inputs)
    reason: str | None = None  # regex the reason of a failed/skipped row must match


def small_inputs() -> list[BadInput]:
    """Every committed bad input, in file-name order."""
    gz_page = gzip.compress(html_article(EN_HEADLINE, EN_PARAS).encode("utf-8"), mtime=0)
    items = [
        BadInput("empty.txt", b"", "failed", reason=r"(?i)empty|0 bytes|no (article )?text"),
        BadInput("empty.html", b"", "failed", reason=r"(?i)empty|0 bytes|no (article )?text"),
        BadInput("whitespace_only.txt", b" \n\t\r\n   \n", "failed",
                 reason=r"(?i)empty|no (article )?text|blank|whitespace"),
        BadInput("binary_png.txt", PNG_BYTES, "failed",
                 reason=r"(?i)binary|undecodable|not text|decode"),
        BadInput("binary_zip.html", _zip_bytes(), "failed",
                 reason=r"(?i)binary|undecodable|not text|decode|no (article )?text"),
        BadInput("nul_bytes.txt", EN_TEXT[:200].encode() + b"\x00\x00\x00" + EN_TEXT[200:].encode(),
                 "failed_or_loaded", text=EN_TEXT.replace("\x00", ""),
                 reason=r"(?i)NUL|binary"),
        BadInput("scripts_only.html", SCRIPTS_ONLY_HTML.encode(), "failed",
                 reason=r"(?i)no (article |main )?text|empty|nothing"),
        BadInput("script_around_article.html", html_article(EN_HEADLINE, EN_PARAS).encode(),
                 "loaded"),
        BadInput("truncated.html.gz", gz_page[: len(gz_page) // 2], "failed",
                 reason=r"(?i)truncat|gzip|compress|corrupt|end of|incomplete|EOF"),
        BadInput("truncated.warc.gz", truncated_warc(gzipped=True), "multi",
                 reason=r"(?i)truncat|gzip|compress|corrupt|end of|incomplete|EOF|warc|record"),
        BadInput("truncated.warc", truncated_warc(gzipped=False), "multi",
                 reason=r"(?i)truncat|corrupt|end of|incomplete|EOF|warc|record|length"),
        BadInput("invalid.json", b'{"title": "x", "maintext": "unterminated', "failed",
                 reason=r"(?i)json"),
        BadInput("invalid_lines.jsonl", ("\n".join(JSONL_LINES) + "\n").encode(), "multi"),
        BadInput("bad_rows.csv", CSV_TEXT.encode(), "multi"),
        BadInput("shift_jis.txt", SJIS_TEXT.encode("shift_jis"), "loaded", text=SJIS_TEXT),
        BadInput("euc_jp.txt", EUC_JP_TEXT.encode("euc_jp"), "loaded", text=EUC_JP_TEXT),
        BadInput("euc_kr.txt", EUC_KR_TEXT.encode("euc_kr"), "loaded", text=EUC_KR_TEXT),
        BadInput("cp1252.txt", CP1252_TEXT.encode("cp1252"), "loaded", text=CP1252_TEXT),
        BadInput("utf16le_bom.txt", CP1252_TEXT.encode("utf-16"), "loaded", text=CP1252_TEXT),
        BadInput("utf16be_bom.txt", b"\xfe\xff" + EN_TEXT.encode("utf-16-be"), "loaded",
                 text=EN_TEXT),
        BadInput("utf16le_nobom.txt", EN_TEXT.encode("utf-16-le"), "loaded", text=EN_TEXT),
        BadInput("utf16be_nobom.txt", CP1252_TEXT.encode("utf-16-be"), "loaded",
                 text=CP1252_TEXT),
        BadInput("utf8_bom.txt", b"\xef\xbb\xbf" + EN_TEXT.encode(), "loaded", text=EN_TEXT),
        BadInput("mixed_newlines.txt", MIXED_NEWLINE_BYTES, "loaded",
                 text="\n\n".join(MIXED_NEWLINE_PARTS) + "\n"),
        BadInput("rtl_arabic.txt", ARABIC_TEXT.encode(), "loaded", text=ARABIC_TEXT),
        BadInput("rtl_hebrew.txt", HEBREW_TEXT.encode(), "loaded", text=HEBREW_TEXT),
        BadInput("bidi_controls.txt", BIDI_TEXT.encode(), "loaded", text=BIDI_TEXT),
        BadInput("emoji.txt", EMOJI_TEXT.encode(), "loaded", text=EMOJI_TEXT),
        BadInput("unsupported.xyz", b"some bytes in a file type nobody reads\n",
                 "failed_or_skipped", reason=r"(?i)unsupported|unknown|not supported"),
        BadInput("no_extension", EN_TEXT.encode(), "failed_or_skipped_or_loaded",
                 reason=r"(?i)unsupported|unknown|extension"),
    ]
    return sorted(items, key=lambda b: b.name)


def write_small(target: Path = BAD_DIR) -> list[Path]:
    """Write the committed bad inputs to ``target``; return their paths."""
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in small_inputs():
        path = target / item.name
        path.write_bytes(item.data)
        paths.append(path)
    return paths


#: Sizes of the generated large inputs.
BIG_TEXT_BYTES = 50 * 1024 * 1024
LONG_LINE_BYTES = 5 * 1024 * 1024
NESTING_DEPTH = 100_000


def write_large(target: Path) -> dict[str, Path]:
    """Write the large inputs (never committed) into ``target``; return them by kind."""
    target.mkdir(parents=True, exist_ok=True)
    para = " ".join(EN_PARAS) + "\n\n"
    big = target / "big_50mb.txt"
    with big.open("w", encoding="utf-8") as fh:
        fh.write(EN_HEADLINE + "\n\n")
        written = len(EN_HEADLINE) + 2
        while written < BIG_TEXT_BYTES:
            fh.write(para)
            written += len(para.encode())
    line = target / "one_5mb_line.txt"
    sentence = "The council said the budget would be published on Friday, officials said. "
    reps = LONG_LINE_BYTES // len(sentence) + 1
    line.write_text(EN_HEADLINE + "\n\n" + sentence * reps + "\n", encoding="utf-8")
    nested = target / "nested_100k.html"
    nested.write_text(
        "<html><body>" + "<div>" * NESTING_DEPTH + "<p>" + EN_PARAS[0] + "</p>"
        + "</div>" * NESTING_DEPTH + "</body></html>",
        encoding="utf-8",
    )
    unclosed = target / "unclosed_100k.html"
    unclosed.write_text(
        "<html><body>" + "<span><b>" * (NESTING_DEPTH // 2) + EN_PARAS[1], encoding="utf-8"
    )
    return {"big_text": big, "long_line": line, "nested_html": nested, "unclosed_html": unclosed}


if __name__ == "__main__":
    for p in write_small(Path(sys.argv[1]) if len(sys.argv) > 1 else BAD_DIR):
        print(p, p.stat().st_size)
