"""The perturbation generator on hand-written texts: one edit per copy, where its record says."""

import re

import pandas as pd
import pytest

from workbench.evaluate.perturb import (
    EDIT_KINDS,
    apply_replacements,
    count_targets,
    date_targets,
    named_source_targets,
    perturb_article,
    place_targets,
    source_count_targets,
)

TEXT = (
    "BERLIN (AP) - A tourist ship struck a bridge in Duisburg on Tuesday evening, and 27 people "
    "were injured, police said. The ship left Basel on Dec. 22 with 103 passengers at 5 p.m. "
    "and reached the 2017 Rhine festival. Two senior officials said the crew of 26 was safe. "
    "Captain Ned Price said the ship would sail again. \"We were lucky,\" Price said. "
    "Price's deputy agreed."
)


def _span(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    starts = [m.start() for m in re.finditer(re.escape(phrase), text)]
    return starts[nth], starts[nth] + len(phrase)


def _entities(text: str, items: list[tuple[str, str]]) -> pd.DataFrame:
    rows = [{"entity_label": label, "start_char": _span(text, phrase)[0],
             "end_char": _span(text, phrase)[1]} for phrase, label in items]
    return pd.DataFrame(rows, columns=["entity_label", "start_char", "end_char"])


def _sources(text: str, items: list[tuple[str, str, str | None, int | None]]) -> pd.DataFrame:
    rows = []
    for phrase, kind, name, count in items:
        s, e = _span(text, phrase)
        rows.append({"start_char": s, "end_char": e, "source_text": phrase, "source_kind": kind,
                     "source_name": name, "source_count": count,
                     "is_anonymous": kind in ("anonymous", "unnamed_official")})
    return pd.DataFrame(rows)


def _timexes(text: str, phrases: list[str]) -> pd.DataFrame:
    rows = [{"start_char": _span(text, p)[0], "end_char": _span(text, p)[1], "timex_type": "DATE",
             "granularity": "day", "start_date": pd.Timestamp("2017-12-26")} for p in phrases]
    return pd.DataFrame(rows)


@pytest.fixture
def tables():
    entities = _entities(TEXT, [("BERLIN", "GPE"), ("Duisburg", "GPE"), ("27", "CARDINAL"),
                                ("Basel", "GPE"), ("Dec. 22", "DATE"), ("103", "CARDINAL"),
                                ("5 p.m.", "TIME"), ("2017", "DATE"), ("Two", "CARDINAL"),
                                ("26", "CARDINAL"), ("Ned Price", "PERSON")])
    sources = _sources(TEXT, [("police", "other", None, None),
                              ("Two senior officials", "unnamed_official", None, 2),
                              ("Captain Ned Price", "named_person", "Ned Price", 1)])
    timexes = _timexes(TEXT, ["on Tuesday evening", "on Dec. 22", "5 p.m.", "2017"])
    return {"entities": entities, "sources": sources, "timexes": timexes}


def test_every_kind_one_edit_where_the_record_says(tables):
    copies = perturb_article(TEXT, seed=3, **tables)
    assert [p.edit.kind for p in copies] == list(EDIT_KINDS)
    for p in copies:
        e = p.edit
        assert TEXT[e.start_char : e.end_char] == e.original
        assert p.text[e.copy_start : e.copy_end] == e.new
        assert e.new != e.original
        # outside the rewritten spans the copy is the original, character for character
        assert len(e.spans) == len(e.original_spans)
        assert (apply_replacements(p.text, [(s, t, "") for s, t in e.spans])[0]
                == apply_replacements(TEXT, [(s, t, "") for s, t in e.original_spans])[0])
        assert (e.start_char, e.end_char) in e.original_spans
        assert (e.copy_start, e.copy_end) in e.spans
        if e.kind != "named_source":
            assert e.spans == ((e.copy_start, e.copy_end),)


def test_kinds_pick_the_right_targets(tables):
    assert [t.original for t in count_targets(TEXT, **tables)] == ["27", "103"]
    assert [t.original for t in date_targets(TEXT, timexes=tables["timexes"])] == ["Tuesday", "Dec. 22"]
    assert [t.original for t in place_targets(TEXT, entities=tables["entities"])] == ["Duisburg"]
    assert [t.original for t in source_count_targets(TEXT, sources=tables["sources"])] == ["Two"]
    (person,) = named_source_targets(TEXT, sources=tables["sources"], entities=tables["entities"])
    assert person.original == "Ned Price"
    assert [TEXT[s:e] for s, e, _ in person.replacements] == ["Ned Price", "Price", "Price"]


def test_named_source_rewrites_every_mention(tables):
    (copy,) = perturb_article(TEXT, seed=1, kinds=["named_source"], **tables)
    assert "Price" not in copy.text
    full = copy.edit.new
    surname = full.split()[-1]
    assert len(full.split()) == 2 and copy.text.count(surname) == 3
    assert f"Captain {full} said" in copy.text and f"{surname}'s deputy" in copy.text
    assert len(copy.edit.spans) == 3
    for s, e in copy.edit.spans:
        assert copy.text[s:e] in (full, surname)


@pytest.mark.parametrize("seed", range(30))
def test_years_clock_times_and_dates_are_never_counts(tables, seed):
    for p in perturb_article(TEXT, seed=seed, kinds=["count", "source_count"], **tables):
        assert p.edit.original in ("27", "103", "Two")
        assert "2017 Rhine" in p.text and "at 5 p.m." in p.text and "Dec. 22" in p.text


def test_counts_without_annotations_skip_years_times_ordinals_hedges_and_names():
    text = ("In 2016, 12 people died at 10 a.m. on 3 March. The 2nd battalion lost more than 40 "
            "soldiers, 5 to 7 trucks and 3,000 dollars. Apollo 11 astronauts met six in 10 "
            "voters. Nine children and 2,400 residents fled.")
    found = [t.original for t in count_targets(text)]
    assert found == ["12", "Nine", "2,400"]


def test_new_values_are_clearly_different_and_keep_the_writing(tables):
    for seed in range(40):
        copies = {p.edit.kind: p.edit for p in perturb_article(TEXT, seed=seed, **tables)}
        count = copies["count"]
        old, new = int(count.original), int(count.new)
        assert max(old, new) >= 1.5 * min(old, new)
        assert copies["source_count"].new[0].isupper() and copies["source_count"].new.isalpha()
        date = copies["date"]
        if date.original == "Dec. 22":
            assert date.new.startswith("Dec. ") and abs(int(date.new[5:]) - 22) >= 3
        else:
            assert date.new in ("Thursday", "Friday", "Saturday", "Sunday")
        assert copies["place"].new not in TEXT


def test_same_seed_same_copies_and_no_target_no_copy(tables):
    assert perturb_article(TEXT, seed=9, **tables) == perturb_article(TEXT, seed=9, **tables)
    assert perturb_article("Nothing to see here.", seed=1, entities=tables["entities"].iloc[:0],
                           sources=tables["sources"].iloc[:0],
                           timexes=tables["timexes"].iloc[:0]) == []
    with pytest.raises(ValueError, match="unknown"):
        perturb_article(TEXT, kinds=["colour"])


def test_shared_surname_and_weekday_with_month_day_are_left_alone():
    text = ("Hillary Clinton said on Tuesday, March 17 that Bill Clinton would speak. "
            "Clinton said so.")
    entities = _entities(text, [("Hillary Clinton", "PERSON"), ("Bill Clinton", "PERSON")])
    sources = _sources(text, [("Hillary Clinton", "named_person", "Hillary Clinton", 1)])
    timexes = _timexes(text, ["on Tuesday", "March 17"])
    assert named_source_targets(text, sources=sources, entities=entities) == []
    assert date_targets(text, timexes=timexes) == []


def test_place_needs_a_locative_and_a_whole_place():
    text = "Police in Duisburg, Germany said a Berlin-based firm worked in France and near Paris."
    entities = _entities(text, [("Duisburg", "GPE"), ("Germany", "GPE"), ("Berlin", "GPE"),
                                ("France", "GPE"), ("Paris", "GPE")])
    assert [t.original for t in place_targets(text, entities=entities)] == ["France", "Paris"]


def test_apply_replacements_reports_spans_in_the_new_text():
    new, where = apply_replacements("a bb ccc", [(5, 8, "X"), (0, 1, "YYYY")])
    assert new == "YYYY bb X"
    assert [new[s:e] for s, e in where] == ["X", "YYYY"]
    with pytest.raises(ValueError):
        apply_replacements("abc", [(0, 2, "x"), (1, 3, "y")])


def test_on_a_real_parse(nlp):
    from workbench.annotate import annotate_articles

    text = ("Two police officials said 14 people were hurt when a bus crashed in Ohio on Monday. "
            "Governor Mike DeWine said the driver was tired. \"It was a long night,\" DeWine said.")
    articles = pd.DataFrame({"article_id": ["a"], "text": [text], "language": "en",
                             "published_date": pd.to_datetime(["2021-03-17"])})
    ann = annotate_articles(articles, n_process=1)
    copies = perturb_article(text, entities=ann.entities, sources=ann.sources,
                             timexes=ann.timexes, seed=0)
    by_kind = {p.edit.kind: p.edit for p in copies}
    assert by_kind["count"].original == "14"
    assert by_kind["date"].original == "Monday"
    assert by_kind["place"].original == "Ohio"
    if "named_source" in by_kind:
        assert by_kind["named_source"].original in ("Mike DeWine", "DeWine")
    for p in copies:
        assert p.text[p.edit.copy_start : p.edit.copy_end] == p.edit.new


def test_a_counted_group_that_speaks_is_a_source_not_a_count():
    text = ("CNN says that three sources said it. According to four people it was bad. "
            "Then 12 people died, police said. Two polls showed a lead.")
    assert [t.original for t in count_targets(text)] == ["12", "Two"]
    sources = _sources(text, [("three sources", "anonymous", None, 3),
                              ("Two polls", "document", None, 2)])
    assert [t.original for t in source_count_targets(text, sources=sources)] == ["three"]
