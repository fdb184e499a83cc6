"""Bytes to clean Unicode: charset detection, mojibake repair, normalization."""

from __future__ import annotations

import unicodedata

import ftfy
from charset_normalizer import from_bytes

__all__ = ["decode_bytes"]


def decode_bytes(data: bytes, path=None) -> str:
    """Decode ``data`` to NFC text: BOMs honoured, UTF-8 first, else detected; mojibake repaired.

    Raises:
        ValueError: when the bytes are binary or cannot be decoded as text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(data).best()
            if best is None:
                raise ValueError("binary or undecodable content (no text encoding fits)") from None
            text = str(best)
    if "\x00" in text:
        raise ValueError("binary content (contains NUL bytes)")
    text = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    return unicodedata.normalize("NFC", text)
