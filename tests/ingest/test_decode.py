"""Encodings are detected and decoded; mojibake repaired; curly quotes kept."""

import pytest

from workbench.ingest import load_articles
from workbench.ingest.decode import decode_bytes

JA = ("東京（共同）政府は五日、日韓の財務相会談を来月ソウルで開くと発表した。"
      "両国は通貨協力と供給網について話し合う予定で、関係改善への期待が高まっている。") * 3
KO = ("서울 정부는 5일 한일 재무장관 회담을 다음 달 서울에서 열기로 했다고 밝혔다. "
      "양국은 통화 협력과 공급망 문제를 논의할 예정이다.") * 3
EN = ("The mayor’s office said the café would reopen on Monday – after a two-week closure – "
      "and that “nobody was hurt” in the kitchen fire.") * 3


@pytest.mark.parametrize("text,encoding", [
    (JA, "shift_jis"), (JA, "euc_jp"), (KO, "euc_kr"), (EN, "cp1252"),
    (EN, "utf-16"), (EN, "utf-16-le"), (EN, "utf-16-be"), (JA, "utf-16"), (EN, "utf-8-sig"),
])
def test_decode(text, encoding):
    assert decode_bytes(text.encode(encoding)) == text


def test_declared_charset_in_html_is_used():
    page = f'<html><head><meta charset="Shift_JIS"></head><body><p>{JA}</p></body></html>'
    assert JA in decode_bytes(page.encode("shift_jis"))


def test_mojibake_repaired_quotes_kept():
    text = "The mayor’s office said the café – closed for a week – would reopen."
    broken = text.encode("utf-8").decode("cp1252")
    assert broken != text
    assert decode_bytes(broken.encode("utf-8")) == text


def test_loaded_japanese_page_language(tmp_path):
    (tmp_path / "ja.txt").write_bytes(("日韓財務相会談、来月ソウルで\n" + JA).encode("euc_jp"))
    (tmp_path / "ko.txt").write_bytes(("한일 재무장관 회담 다음 달 서울서\n" + KO).encode("euc_kr"))
    articles, report = load_articles(tmp_path)
    assert list(report.status) == ["loaded", "loaded"]
    assert list(articles.language) == ["ja", "ko"]
    assert JA[:20] in articles.iloc[0].text and KO[:20] in articles.iloc[1].text


def test_cp1252_preferred_for_western_text():
    text = ("The naïve plan would cost €3,000 – “too late”, said the café owner, "
            "who had hoped to reopen before the summer season started in earnest.")
    assert decode_bytes(text.encode("cp1252")) == text


def test_arabic_and_hebrew_pages_load(tmp_path):
    ar = ("أعلنت الحكومة يوم الاثنين أنها ستفتح ثلاثة مستشفيات جديدة في المدينة خلال العام "
          "المقبل، وذلك بتكلفة تبلغ 200 مليون دولار.")
    he = "הממשלה הודיעה ביום שני כי תפתח שלושה בתי חולים חדשים בעיר בשנה הבאה, בעלות של 200 מיליון דולר."
    (tmp_path / "ar.txt").write_text("مستشفيات جديدة\n" + "\n".join([ar] * 3), encoding="utf-8")
    (tmp_path / "he.txt").write_text("בתי חולים חדשים\n" + "\n".join([he] * 3), encoding="utf-8")
    articles, report = load_articles(tmp_path)
    assert list(report.status) == ["loaded", "loaded"]
    assert list(articles.language) == ["ar", "he"]
    assert [t.count("\n\n") for t in articles.text] == [2, 2]


def test_mojibake_signature_in_bytes_is_the_text_signature():
    """The UTF-8 byte pattern finds mojibake exactly where the text pattern does."""
    from workbench.ingest.decode import _MOJIBAKE, _MOJIBAKE_UTF8

    seconds = [chr(c) for c in (*range(0x20, 0x800), *range(0x2000, 0x2200), 0x20AC, 0x2122,
                                0x1F600)]
    for lead in map(chr, range(0xA0, 0x180)):
        for second in seconds:
            s = f"x{lead}{second}y"
            assert bool(_MOJIBAKE.search(s)) == bool(_MOJIBAKE_UTF8.search(s.encode())), s


def test_carriage_returns_normalized():
    assert decode_bytes(b"one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"
