"""Bytes to clean Unicode: charset detection, mojibake repair, normalization."""

from __future__ import annotations

import re
import unicodedata

import ftfy
from charset_normalizer import from_bytes

__all__ = ["decode_bytes", "declared_charset"]

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_XML_CHARSET = re.compile(rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""", re.I)
# UTF-8 read as Latin-1/cp1252 leaves a lead byte (Â..ô) followed by a continuation byte
# shown as C1, Latin-1 or cp1252 punctuation: the signature of mojibake. ftfy is slow on whole
# pages, so it runs only where this signature occurs.
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d"
                       "\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022"
                       "\u2026\u2030\u2039\u203a\u20ac\u2122]")
# The same signature in UTF-8 bytes, for text decoded from valid UTF-8 (where a byte match is a
# character match): its literal first byte makes the scan several times faster.
_MOJIBAKE_UTF8 = re.compile(
    rb"\xc3[\x82-\xb4](?:\xc2[\x80-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92|"
    rb"\xcb[\x86\x9c]|\xe2\x80[\x93\x94\x98-\x9e\xa0-\xa2\xa6\xb0\xb9\xba]|\xe2\x82\xac|"
    rb"\xe2\x84\xa2)")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


_MULTIBYTE = ("utf", "shift", "sjis", "euc", "gb", "big5", "cp932", "cp936", "cp949", "cp950",
              "iso2022", "johab", "hz", "ms9", "ms1361")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_a-zA-Z]")
_ANY_LETTER = re.compile(r"[^\W\d_]")


def _prefer_cp1252(data: bytes, guessed: str) -> str:
    """Prefer cp1252 over another guess for Western text with a few non-ASCII letters.

    charset-normalizer often ties cp1252 with cp1250 or Latin-2 on short English or French text
    with curly quotes and accents ("naïve" read as "naďve"); text where nearly every letter is
    ASCII is far more likely to be cp1252, the commonest single-byte code page on the web.
    """
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        return guessed
    letters = len(_ANY_LETTER.findall(western))
    if letters and len(_NON_ASCII_LETTER.findall(western)) <= 0.05 * letters:
        return western
    return guessed


def declared_charset(data: bytes) -> str | None:
    """Return the charset an HTML or XML document declares in its first 4 KB, if any."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        "".encode(name)
    except LookupError:
        return None
    return name


def _utf16_without_bom(data: bytes) -> str | None:
    """Detect UTF-16 without a BOM by where the NUL bytes fall (mostly ASCII text)."""
    sample = data[:4000]
    if len(sample) < 4 or len(data) % 2:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nul > 0.3 * half and even_nul < 0.05 * half:
        enc = "utf-16-le"
    elif even_nul > 0.3 * half and odd_nul < 0.05 * half:
        enc = "utf-16-be"
    else:
        return None
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes, path=None, *, hint: str | None = None) -> str:
    """Decode ``data`` to NFC text: BOMs honoured, UTF-8 first, else declared, else detected.

    Mojibake is repaired with ftfy (quotes are left curled: they matter downstream).

    Args:
        data: The raw bytes.
        path: The file they come from (unused; kept for messages by callers).
        hint: A charset declared outside the bytes (an HTTP ``Content-Type`` header).

    Raises:
        ValueError: when the bytes are binary or cannot be decoded as text.
    """
    text = None
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        text = _utf16_without_bom(data)
    utf8 = False  # text is exactly ``data`` decoded as UTF-8
    if text is None:
        try:
            text = data.decode("utf-8")
            utf8 = True
        except UnicodeDecodeError:
            text = None
    if text is None:
        for enc in (hint, declared_charset(data)):
            if enc:
                try:
                    text = data.decode(enc)
                    break
                except (UnicodeDecodeError, LookupError):
                    continue
    if text is None:
        if b"\x00" in data[:8192]:
            raise ValueError("binary content, not text (contains NUL bytes)")
        best = from_bytes(data).best()
        if best is None:
            raise ValueError("undecodable bytes: no text encoding fits this file")
        text = str(best)
        if not best.encoding.lower().replace("-", "").replace("_", "").startswith(_MULTIBYTE):
            text = _prefer_cp1252(data, text)
    controls = len(_CONTROL.findall(text[:20000]))
    if "\x00" in text[:20000] or controls > max(8, 0.01 * min(len(text), 20000)):
        raise ValueError("binary content, not text (control characters)")
    if text.count("\ufffd") > max(8, 0.01 * len(text)):
        raise ValueError("undecodable bytes: too many invalid characters for any encoding")
    if _MOJIBAKE_UTF8.search(data) if utf8 else _MOJIBAKE.search(text):
        text = ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False,
                             normalization="NFC")
    elif "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)
