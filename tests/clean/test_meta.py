"""Metadata helpers: dateline, wire agency, credits, dates, language, outlets."""

from datetime import datetime

import pytest

from workbench.clean.meta import (
    date_from_text,
    date_from_url,
    detect_language,
    detect_wire_agency,
    find_dateline,
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
