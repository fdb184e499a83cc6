"""Metadata helpers: dateline, wire agency, credits, dates, language, outlets."""

import json
import re
import sys
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from workbench.clean.meta import (
    crawl_date,
    date_from_text,
    date_from_url,
    detect_language,
    detect_wire_agency,
    find_dateline,
    is_relative_date,
    outlet_for_url,
    parse_credits,
    parse_date,
)


@pytest.mark.parametrize("text,place,agency", [
    ("TOKYO/WASHINGTON (Reuters) - U.S. officials said", "TOKYO/WASHINGTON", "Reuters"),
    ("BERLIN (AP) — A tourist ship struck", "BERLIN", "AP"),
    ("LONDON, March 3 (Reuters) - Britain's", "LONDON", "Reuters"),
    ("WASHINGTON — The Senate voted", "WASHINGTON", None),
    ("NEW YORK, N.Y. -- Shares rose", "NEW YORK", None),
    ("Paris (AFP) - France said", "Paris", "AFP"),
    ("SEOUL, March 5 (Yonhap) -- South Korea", "SEOUL", "Yonhap"),
])
def test_find_dateline(text, place, agency):
    got = find_dateline(text)
    assert got is not None and got[0] == place and got[2] == agency


@pytest.mark.parametrize("text", [
    "Trump: I will win", "The president said on Monday - in a tweet - that", "U.S. Secretary of "
    "State Antony Blinken said", "Breaking - news"])
def test_no_dateline(text):
    assert find_dateline(text) is None


@pytest.mark.parametrize("kwargs,agency,evidence", [
    ({"text": "BERLIN (AP) — A ship hit a bridge."}, "AP", "(AP) -"),
    ({"text": "Story.\n\n© Thomson Reuters 2021."}, "Reuters", "© Thomson Reuters 2021."),
    ({"text": "Story text.", "page_text": "Copyright 2019 The Associated Press. All rights reserved."},
     "AP", "Copyright 2019 The Associated Press. All rights reserved."),
    ({"text": "Story.", "url": "https://www.dailymail.co.uk/wires/ap/article-1/x.html"}, "AP",
     "URL path /wires/ap/"),
    ({"text": "Story.", "url": "https://www.dailymail.co.uk/wires/reuters/article-1/x.html"},
     "Reuters", "URL path /wires/reuters/"),
    ({"text": "Story.", "byline": "Agence France-Presse"}, "AFP", "byline: Agence France-Presse"),
    ({"text": "Story.\n\nThe Associated Press contributed to this report."}, "AP",
     "The Associated Press contributed to this report."),
    ({"text": "Story.", "url": "https://apnews.com/article/abc"}, "AP", "URL domain apnews.com"),
])
def test_detect_wire_agency(kwargs, agency, evidence):
    assert detect_wire_agency(**kwargs) == (agency, evidence)


def test_no_wire_agency():
    assert detect_wire_agency("A local council story with no agency.", url="https://x.example/a/b",
                              byline="Jane Doe") == (None, None)
    # A photo credit is not wire copy.
    assert detect_wire_agency("Story.", page_text="Photo: AFP")[0] is None


def test_parse_credits():
    got = parse_credits(["(Reporting by Ana Ruiz in Madrid and Li Wei in Beijing; Additional "
                         "reporting by Sam Obi; Writing by Ana Ruiz; editing by Tom Hale and "
                         "Kim Park)"])
    assert got == [
        {"name": "Ana Ruiz", "role": "reporting", "place": "Madrid"},
        {"name": "Li Wei", "role": "reporting", "place": "Beijing"},
        {"name": "Sam Obi", "role": "additional reporting", "place": None},
        {"name": "Ana Ruiz", "role": "writing", "place": None},
        {"name": "Tom Hale", "role": "editing", "place": None},
        {"name": "Kim Park", "role": "editing", "place": None},
    ]
    got = parse_credits(["Associated Press writers Tom Reyes in Boston and Amy Ng contributed "
                         "to this report."])
    assert got == [{"name": "Tom Reyes", "role": "contributing", "place": "Boston"},
                   {"name": "Amy Ng", "role": "contributing", "place": None}]


@pytest.mark.parametrize("url,expected", [
    ("https://x.example/2021/03/04/story", (datetime(2021, 3, 4), "day")),
    ("https://nippon.example/en/news/reu20210304KCN2AW0VG", (datetime(2021, 3, 4), "day")),
    ("https://x.example/news/2019-11-20-story.html", (datetime(2019, 11, 20), "day")),
    ("https://x.example/politics/2010/07/title.html", (datetime(2010, 7, 1), "month")),
    ("https://x.example/article/12345678/title", None),
    ("https://x.example/a/20211399/", None),
    (None, None),
])
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


def test_dates_from_text_and_values():
    assert date_from_text("Updated 3:45 PM EST, Tue March 9, 2021") == (datetime(2021, 3, 9), "day")
    assert date_from_text("Published: 12 April 2022") == (datetime(2022, 4, 12), "day")
    assert date_from_text("no date here") is None
    assert parse_date("2021") == (datetime(2021, 1, 1), "year")
    assert parse_date("2021-03") == (datetime(2021, 3, 1), "month")
    assert parse_date("2017-12-27T08:27:55+01:00") == (datetime(2017, 12, 27, 7, 27, 55), "day")
    assert parse_date("March 4, 2021") == (datetime(2021, 3, 4), "day")
    assert parse_date("") is None


@pytest.mark.parametrize("text,lang", [
    ("The government said on Monday that it was going to raise taxes for the rich.", "en"),
    ("Die Regierung hat am Montag gesagt, dass sie die Steuern für die Reichen erhöhen wird.", "de"),
    ("Le gouvernement a dit lundi qu'il allait augmenter les impôts pour les riches.", "fr"),
    ("El gobierno dijo el lunes que va a subir los impuestos para los ricos de la ciudad.", "es"),
    ("政府は月曜日、富裕層への増税を発表した。", "ja"),
    ("정부는 월요일에 부유층에 대한 세금을 인상하겠다고 밝혔다.", "ko"),
    ("Правительство заявило в понедельник, что оно будет повышать налоги для богатых.", "ru"),
    ("12345 67890", "und"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_outlet_for_url():
    assert outlet_for_url("https://www.nytimes.com/2020/01/01/us/x.html") == "The New York Times"
    assert outlet_for_url("http://edition.cnn.com/x") == "CNN"
    assert outlet_for_url("https://japantoday.com/category/politics/x") == "Japan Today"
    assert outlet_for_url("https://unknown-site.example/x") is None


@pytest.mark.parametrize("line,name", [
    ("© 2021 Harbor Herald Media Group", "Harbor Herald"),
    ("© 2023 Lakeside Courier. All rights reserved.", "Lakeside Courier"),
    ("© Thomson Reuters 2021.", None),
    ("Copyright 2021 The Associated Press. All rights reserved.", None),
    ("Privacy policy", None),
])
def test_outlet_from_page(line, name):
    from workbench.clean.meta import outlet_from_page

    assert outlet_from_page([line]) == name


# --- dates never depend on the day the code runs (#20 item 4) --------------------------------
CRAWLED = datetime(2021, 3, 5, 12, 0)


@pytest.mark.parametrize("value,expected", [
    ("yesterday", datetime(2021, 3, 4, 12, 0)),
    ("3 hours ago", datetime(2021, 3, 5, 9, 0)),
    ("March 4", datetime(2021, 3, 4)),  # no year: the crawl date's
    ("10:30", datetime(2021, 3, 5, 10, 30)),
    ("today", CRAWLED),
])
def test_relative_dates_count_from_the_crawl_date(value, expected):
    assert is_relative_date(value)
    assert parse_date(value, base=CRAWLED) == (expected, "day")
    assert parse_date(value, base="2021-03-05T12:00:00Z") == (expected, "day")
    assert parse_date(value) is None  # no base: no date, never one counted from today


@pytest.mark.parametrize("value", ["2021", "2021-03", "March 2021", "March 4, 2021",
                                   "2017-12-27T08:27:55+01:00", "Thu, 04 Mar 2021 10:02:00 GMT"])
def test_absolute_dates_are_not_relative(value):
    assert not is_relative_date(value)
    assert parse_date(value) == parse_date(value, base=datetime(1999, 1, 1))


def test_crawl_date_from_record_manifest_or_warc():
    assert crawl_date({"extra": {"date_download": "2017-12-27 08:27:55"}}) == (
        datetime(2017, 12, 27, 8, 27, 55), "date_download")
    assert crawl_date({"crawl_date": "2021-03-05"}) == (datetime(2021, 3, 5), "crawl_date")
    assert crawl_date({"warc_date": "2021-03-04T10:00:00Z"}) == (
        datetime(2021, 3, 4, 10, 0), "warc_date")
    assert crawl_date({"extra": {"date_download": "yesterday"}}) is None
    assert crawl_date({}) is None


def test_url_and_text_dates_bounded_by_the_crawl_date_not_today():
    url = "https://x.example/2031/05/06/story.html"
    assert date_from_url(url) == (datetime(2031, 5, 6), "day")
    assert date_from_url(url, base=CRAWLED) is None  # ten years after the crawl: no date
    assert date_from_text("May 6, 2031", base=CRAWLED) is None
    assert date_from_text("March 4, 2021", base=CRAWLED) == (datetime(2021, 3, 4), "day")


_TODAY_CALLS = re.compile(r"datetime\.now\(|date\.today\(|datetime\.today\(|\butcnow\(|"
                          r"Timestamp\.now\(|Timestamp\(\s*[\"'](?:now|today)[\"']")


def test_no_module_reads_the_current_day_for_a_date():
    """Every dateparser call passes RELATIVE_BASE; nothing asks for today's date.

    ``provenance.py`` alone reads the clock, to say when something ran (provenance records).
    """
    root = Path(__file__).resolve().parents[2] / "workbench"
    offenders = []
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).as_posix() == "provenance.py":
            continue
        source = path.read_text(encoding="utf-8")
        for m in _TODAY_CALLS.finditer(source):
            offenders.append(f"{path.relative_to(root)}: {m.group(0)}")
        for m in re.finditer(r"dateparser\.parse\(", source):
            call = source[m.start(): m.start() + 300]
            if "RELATIVE_BASE" not in call:
                offenders.append(f"{path.relative_to(root)}: dateparser.parse without RELATIVE_BASE")
    assert offenders == []


class _Clock:
    """A fake 'today' for dateparser, dateutil and the workbench: datetime/date subclasses."""

    def __init__(self, today: datetime):
        import datetime as dt

        class Real(type):  # real datetimes and dates still pass isinstance checks
            def __instancecheck__(cls, obj):
                return isinstance(obj, cls.__mro__[1])

        class FakeDatetime(dt.datetime, metaclass=Real):
            @classmethod
            def now(cls, tz=None):
                return today.replace(tzinfo=tz) if tz else today

            @classmethod
            def today(cls):
                return today

            @classmethod
            def utcnow(cls):
                return today

        class FakeDate(dt.date, metaclass=Real):
            @classmethod
            def today(cls):
                return today.date()

        self.swaps = {dt.datetime: FakeDatetime, dt.date: FakeDate}

    def install(self, monkeypatch):
        for name, module in list(sys.modules.items()):
            if name.split(".")[0] not in {"dateparser", "dateutil", "workbench", "htmldate",
                                          "trafilatura"}:
                continue
            for attr, value in list(vars(module).items()):
                if isinstance(value, type) and value in self.swaps:
                    monkeypatch.setattr(module, attr, self.swaps[value])


def _write_relative_corpus(folder: Path) -> Path:
    body = ("LONDON (Reuters) - The council approved the budget on a vote of nine to two, "
            "officials said, after a debate that lasted most of the day. " * 3)
    records = [
        {"title": "Anchored", "maintext": body + "one", "date_publish": "yesterday",
         "date_download": "2021-03-05 12:00:00", "url": "https://a.example/x"},
        {"title": "Hours", "maintext": body + "two", "date_publish": "3 hours ago",
         "date_download": "2021-03-05 12:00:00", "url": "https://a.example/y"},
        {"title": "Unanchored", "maintext": body + "three", "date_publish": "yesterday",
         "url": "https://a.example/z"},
        {"title": "No year", "maintext": body + "four", "date_publish": "March 4",
         "url": "https://a.example/w"},
        {"title": "Absolute", "maintext": body + "five", "date_publish": "2021-03-01 08:00:00",
         "url": "https://a.example/v"},
    ]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "records.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    return path


def _dates(path):
    from workbench.ingest import load_articles

    articles, report = load_articles(path)
    got = articles.set_index("headline")["published_date"].to_dict()
    notes = report.set_index("article_id")["reason"].to_dict()
    return got, {h: notes[a] for h, a in articles.set_index("headline")["article_id"].items()}


@pytest.mark.parametrize("today", [datetime(2031, 6, 15, 9, 30), datetime(2093, 1, 2, 23, 59)])
def test_same_corpus_same_dates_whatever_the_day(tmp_path, monkeypatch, today):
    path = _write_relative_corpus(tmp_path / "in")
    real_dates, real_notes = _dates(path)
    _Clock(today).install(monkeypatch)
    import dateparser

    assert dateparser.parse("today").year == today.year  # the fake clock is in force
    faked_dates, faked_notes = _dates(path)
    assert faked_dates == real_dates and faked_notes == real_notes
    assert real_dates["Anchored"] == pd.Timestamp("2021-03-04 12:00")
    assert real_dates["Hours"] == pd.Timestamp("2021-03-05 09:00")
    assert real_dates["Absolute"] == pd.Timestamp("2021-03-01 08:00")
    assert pd.isna(real_dates["Unanchored"]) and pd.isna(real_dates["No year"])
    assert "left empty: no crawl date" in real_notes["Unanchored"]
    assert "'March 4'" in real_notes["No year"]
    assert "counted from the crawl date 2021-03-05 12:00 (date_download)" in real_notes["Anchored"]
    assert real_notes["Absolute"] == ""


def test_relative_record_dates_from_the_crawl_date_or_empty_with_a_note(tmp_path):
    """No clock involved: the dates follow from the records alone."""
    from workbench.ingest import load_articles

    articles, report = load_articles(_write_relative_corpus(tmp_path / "in"))
    got = articles.set_index("headline")
    notes = report.set_index("article_id")["reason"]
    assert got.loc["Anchored", "published_date"] == pd.Timestamp("2021-03-04 12:00")
    assert got.loc["Anchored", "published_date_source"] == "record"
    assert got.loc["Hours", "published_date"] == pd.Timestamp("2021-03-05 09:00")
    assert pd.isna(got.loc["Unanchored", "published_date"])
    note = notes[got.loc["Unanchored", "article_id"]]
    assert note == "relative record date 'yesterday' left empty: no crawl date to count it from"
    assert got.loc["Unanchored", "metadata"]["date_note"] == note
