"""The column dictionary: every column of every table, its dtype and meaning, and validation.

Modelled on PUDL's ``FIELD_METADATA``: a column has one name, one dtype and one meaning wherever
it appears. ``TABLES`` lists the columns of each table in order. Every stage ends by calling
:func:`validate` on what it returns, which raises :class:`SchemaError` naming missing or
unexpected columns and columns of the wrong kind.

Dtype kinds used below:

* ``string``: Python ``str`` or missing (``None``/``NA``); object or pandas string dtype.
* ``int``: integer, nullable (pandas ``Int64``) where the meaning allows missing.
* ``float``: float64, ``NaN`` for missing.
* ``bool``: bool (``boolean`` where nullable).
* ``datetime``: ``datetime64`` (naive, UTC where a time is known); ``NaT`` for missing.
* ``object``: a Python container per cell (list or dict), documented per column.

Character offsets (``start_char``/``end_char`` and the ``*_start``/``*_end`` pairs) are always
offsets into the article's clean ``text``, half-open ``[start, end)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = [
    "FIELDS",
    "PRIMARY_KEYS",
    "TABLES",
    "Field",
    "SchemaError",
    "coerce",
    "describe",
    "empty_frame",
    "validate",
]


@dataclass(frozen=True)
class Field:
    """One column: its dtype kind and its meaning."""

    dtype: str
    description: str
    unit: str | None = None


FIELDS: dict[str, Field] = {
    # --- keys -------------------------------------------------------------------------------
    "article_id": Field(
        "string",
        "Stable article key: first 16 hex digits of the SHA-256 of the decoded raw text "
        "(plus the record index for multi-record files). Same content, same id.",
    ),
    "sentence_id": Field("int", "0-based index of the sentence within its article."),
    "paragraph_id": Field("int", "0-based index of the paragraph within its article's clean text."),
    "entity_id": Field("int", "0-based index of the entity mention within its article."),
    "quote_id": Field("int", "0-based index of the quotation within its article."),
    "source_id": Field("int", "0-based index of the source mention within its article."),
    "timex_id": Field("int", "0-based index of the temporal expression within its article."),
    "story_id": Field("string", "Key of a story: articles that report the same event."),
    "discrepancy_id": Field("string", "Key of one typed difference within a story."),
    "fact_id": Field(
        "string",
        "Key of one fact within a story. In alignments and coverage: a group of sentences that "
        "say the same thing. In claims and discrepancies: one measured, dated or named thing, "
        "the same across the story's articles ('<story_id>:c007').",
    ),
    "start_char": Field("int", "Start offset of the span in the article's clean text.", "chars"),
    "end_char": Field("int", "End offset (exclusive) of the span in the clean text.", "chars"),
    # --- load report ------------------------------------------------------------------------
    "source_path": Field("string", "Path of the input file the row comes from."),
    "record": Field(
        "string",
        "Where in a multi-record input the row comes from (JSONL line number, CSV row, WARC "
        "record offset); empty for single-article files.",
    ),
    "input_format": Field("string", "Input format: txt, html, json, jsonl, csv, parquet, warc."),
    "status": Field("string", "Outcome for one input: loaded, skipped or failed."),
    "reason": Field("string", "Why an input was skipped or failed, in words a person understands."),
    "byte_count": Field("int", "Size of the input (file or record) in bytes.", "bytes"),
    # --- articles ---------------------------------------------------------------------------
    "url": Field("string", "Canonical URL of the article, from the manifest, record or page."),
    "outlet": Field("string", "Publishing outlet's name (e.g. 'Japan Today')."),
    "outlet_source": Field(
        "string",
        "Where the outlet came from, by precedence: manifest, record, url (known-outlet table "
        "by URL or source domain), page (the page's own evidence: HTML site name, copyright "
        "line, masthead or 'Subscribe to ...' line, title tail '| Reuters', own dateline tag "
        "'(CNN) -', staff credit; the line is kept in metadata['outlet_evidence']), url again "
        "(the bare host when the table has no name for it), filename (a file name that is a "
        "domain, 'www.japantimes.co.jp.txt'), unknown.",
    ),
    "headline": Field("string", "Headline of the article."),
    "dateline": Field("string", "Place of the dateline, e.g. 'TOKYO/WASHINGTON'."),
    "wire_agency": Field(
        "string", "Wire agency that wrote the copy (Reuters, AP, AFP, ...), or missing."
    ),
    "wire_agency_evidence": Field(
        "string", "The text that shows the wire agency, e.g. '(Reuters) -' or '© Thomson Reuters'."
    ),
    "credits": Field(
        "object",
        "List of dicts {'name', 'role', 'place'} from credit lines such as 'Reporting by X in "
        "Tokyo; Editing by Y' (role: reporting, writing, editing, additional reporting, ...).",
    ),
    "byline": Field("string", "Author line as printed (names joined by ', ')."),
    "published_date": Field("datetime", "Publication date (and time where known)."),
    "published_date_source": Field(
        "string",
        "Where published_date came from: manifest, record, html-meta, url, text, warc, inferred.",
    ),
    "published_date_precision": Field("string", "Precision of published_date: day, month, year."),
    "language": Field("string", "ISO 639-1 code of the text's language ('en'), or 'und'."),
    "text": Field("string", "Clean article text: story paragraphs only, separated by blank lines."),
    "raw_text": Field("string", "Decoded input text before cleaning (page text or HTML)."),
    "offset_map": Field(
        "object",
        "List of [clean_start, raw_start, length] segments mapping clean-text offsets back to "
        "raw_text offsets (empty when raw_text is HTML and no exact mapping exists).",
    ),
    "removed_text": Field(
        "object",
        "List of dicts {'text', 'reason', 'line'}: each line or block the cleaner removed (or, "
        "for HTML, restored), in page order; reason in words ('headline', 'language menu', "
        "'link list or menu', 'comment widget', 'copyright or footer', 'dateline restored', ...); "
        "line is the 0-based raw line number for plain text.",
    ),
    "is_duplicate_of": Field(
        "string", "article_id of an earlier article with identical or near-identical text."
    ),
    "word_count": Field("int", "Number of words in the clean text.", "words"),
    "metadata": Field(
        "object", "Dict of any further fields from the manifest or record (e.g. 'section')."
    ),
    # --- sentences and entities ---------------------------------------------------------------
    "sentence_text": Field("string", "Text of the sentence."),
    "entity_text": Field("string", "Text of the entity mention."),
    "entity_label": Field("string", "spaCy entity label (PERSON, ORG, GPE, DATE, CARDINAL, ...)."),
    "entity_norm": Field(
        "string", "Normalized entity: case-folded, 'the' and possessives removed, for matching."
    ),
    # --- quotes -----------------------------------------------------------------------------
    "quote_type": Field("string", "direct (in quote marks), indirect (reported speech) or mixed."),
    "cue": Field("string", "The attribution cue ('said', 'told Reuters', 'according to')."),
    "cue_start": Field("int", "Start of the cue in the clean text.", "chars"),
    "cue_end": Field("int", "End of the cue in the clean text.", "chars"),
    "speaker": Field("string", "Text of the speaker span as written ('he', 'Ned Price')."),
    "speaker_start": Field("int", "Start of the speaker span.", "chars"),
    "speaker_end": Field("int", "End of the speaker span.", "chars"),
    "content": Field("string", "What was said (quote or reported content)."),
    "content_start": Field("int", "Start of the content span.", "chars"),
    "content_end": Field("int", "End of the content span.", "chars"),
    "speaker_key": Field(
        "string", "source_key of the speaker after resolving pronouns and short names."
    ),
    "nested_in": Field(
        "int",
        "quote_id of the attribution whose content holds this one's cue ('officials said Trump "
        "claimed ...': Trump's claim is nested in the officials' report); empty at top level.",
    ),
    # --- sources ----------------------------------------------------------------------------
    "source_text": Field(
        "string",
        "The source description as written ('three government sources with direct knowledge "
        "of the matter').",
    ),
    "source_kind": Field(
        "string",
        "named_person, named_organization, news_agency (an agency or outlet cited as source), "
        "anonymous (unnamed person or people), unnamed_official (unnamed with an affiliation, "
        "'a Foreign Ministry official'), document (document or statement), other.",
    ),
    "is_anonymous": Field("bool", "True when the source is not identified by name."),
    "source_count": Field(
        "int", "How many people the mention stands for ('three' -> 3, 'a source' -> 1)."
    ),
    "is_plural": Field("bool", "True for plural mentions, with or without a number."),
    "source_name": Field("string", "Canonical name of a named source ('Ned Price', 'Yonhap')."),
    "role": Field("string", "Role or title ('spokesman', 'Foreign Minister')."),
    "affiliation": Field("string", "Institution the source belongs to ('U.S. State Department')."),
    "basis": Field("string", "Basis of knowledge ('with direct knowledge of the matter')."),
    "is_on_record": Field("bool", "True when the source speaks on the record (named)."),
    "source_key": Field(
        "string",
        "Same source across mentions of one article: 'the sources' and 'he' carry the key of "
        "the mention they refer back to.",
    ),
    # --- source summary -----------------------------------------------------------------------
    "distinct_source_count": Field("int", "Distinct sources (source_key) cited by the article."),
    "named_person_count": Field("int", "Distinct named people cited."),
    "named_organization_count": Field("int", "Distinct named organizations cited."),
    "news_agency_count": Field("int", "Distinct news agencies or outlets cited as sources."),
    "anonymous_count": Field("int", "Distinct anonymous sources cited."),
    "unnamed_official_count": Field("int", "Distinct unnamed officials cited."),
    "document_count": Field("int", "Distinct documents or statements cited."),
    "other_count": Field("int", "Distinct other sources cited."),
    "anonymous_share": Field("float", "Share of distinct sources that are anonymous (0..1)."),
    "on_record_named_count": Field("int", "Distinct named sources speaking on the record."),
    # --- timexes ----------------------------------------------------------------------------
    "timex_text": Field("string", "The temporal expression as written ('on Thursday')."),
    "timex_type": Field("string", "TIMEX3 type: DATE, TIME, DURATION or SET."),
    "value": Field("string", "TIMEX3-style value ('2021-03-17', '2021-03', 'P2D', 'XXXX-WXX-4')."),
    "start_date": Field("datetime", "Start of the interval the expression denotes; NaT if open."),
    "end_date": Field(
        "datetime", "Last day of the interval the expression denotes (inclusive); NaT if open."
    ),
    "granularity": Field(
        "string", "day, week, month, quarter, season, half, year, decade, century, time, none."
    ),
    "anchor_date": Field("datetime", "Date the expression was resolved against."),
    "anchor_source": Field(
        "string",
        "What anchor_date is: published_date, inferred_published_date, dateline, "
        "previous_timex, publication_window (resolved over every possible publication day of "
        "an undated page: the interval of the answers, anchor_date missing), none.",
    ),
    "direction": Field("string", "Tense used to resolve it: past, future, present or none."),
    "is_ambiguous": Field("bool", "True when more than one resolution was plausible."),
    "note": Field("string", "Why a resolution is ambiguous, or other resolution remarks."),
    # --- publication dates -------------------------------------------------------------------
    "earliest_date": Field("datetime", "Earliest plausible publication date."),
    "latest_date": Field("datetime", "Latest plausible publication date."),
    "confidence": Field("float", "Confidence of an estimate, 0..1."),
    "evidence": Field("string", "The evidence used, in words, with the text that shows it."),
    # --- stories ----------------------------------------------------------------------------
    "story_label": Field(
        "string",
        "Label of a story: its most central headline (the member headline most like the others'; "
        "ties: earliest published), cut at a word boundary past 100 characters; without "
        "headlines, its key names and date span.",
    ),
    "thread_id": Field(
        "string",
        "Key of a thread: stories of one developing event (announcement, talks, follow-up) "
        "linked because they share their key names within a time window; derived from the "
        "thread's story ids. A story linked to none is a thread of one.",
    ),
    "membership_confidence": Field("float", "Confidence that the article belongs to the story."),
    "article_id_a": Field("string", "First article of a pair."),
    "article_id_b": Field("string", "Second article of a pair."),
    "relation": Field(
        "string",
        "In story_pairs, the relation of two articles of one story: same_wire_text, "
        "wire_version (a version or write-through of the same wire story) or independent. In "
        "discrepancies, how the articles' values of one fact differ: contradiction (they cannot "
        "both hold at a comparable time of report), update (a running figure that changed "
        "between reports), precision (rounded or hedged vs exact, compatible), attribution "
        "(the same value credited to different sources), omission (some articles give it, "
        "others do not).",
    ),
    "similarity": Field("float", "Similarity score, 0..1."),
    "added_text": Field("string", "Sentences in article b that article a does not have."),
    "cut_text": Field("string", "Sentences in article a that article b does not have."),
    # --- alignments ---------------------------------------------------------------------------
    "other_article_id": Field("string", "The article aligned to."),
    "other_sentence_id": Field("int", "The sentence aligned to; missing when unique."),
    "alignment_type": Field("string", "identical, edited, paraphrase or unique."),
    "diff": Field(
        "string", "Word-level diff of an edited pair: '[-removed-] {+added+}' notation."
    ),
    # --- discrepancies ------------------------------------------------------------------------
    "kind": Field(
        "string",
        "Kind of value: count, quantity, date, place, person, organization, source, speaker "
        "(who a quotation is credited to), cause (what a happening is blamed on or explained "
        "by).",
    ),
    "difference": Field(
        "string",
        "conflict (articles give different values) or omission (some articles report it, "
        "others do not).",
    ),
    "subject": Field("string", "What differs, e.g. 'number of government sources'."),
    "salience": Field(
        "float",
        "How much a disagreement matters, 0..1: its relation (contradiction weighs most, then "
        "update, attribution, precision, omission), the share of the story's articles that "
        "give the fact, the number of outlets in the disagreement, whether the fact is in a "
        "lead sentence, and the size of the gap between the values. Tables come sorted by it.",
    ),
    "rank": Field("int", "1-based rank within the story, by salience."),
    "values_by_outlet": Field(
        "string", "The values each outlet gives: 'Outlet: value (as of date); ...'."
    ),
    # --- claims -------------------------------------------------------------------------------
    "claim_id": Field("string", "Key of one claim: one value one article gives for one fact."),
    "fact": Field(
        "string",
        "Readable name of what a fact measures, dates or names ('people injured', 'date of "
        "visit (Japan)', 'number of government sources').",
    ),
    "value_low": Field(
        "float",
        "Lower bound of a count or quantity ('more than 100' -> 101, 'about 50' -> 45, "
        "'dozens' -> 24); for dates see start_date.",
    ),
    "value_high": Field(
        "float", "Upper bound of a count or quantity (inf when open: 'at least 12')."
    ),
    "unit": Field("string", "Unit of a quantity: a currency code, '%', 'km', ...; missing for counts."),
    "as_of": Field(
        "datetime",
        "The time a value is given for: from the text ('as of Sunday') or else the article's "
        "publication date.",
    ),
    "is_background": Field(
        "bool",
        "True for a value of a past or other event ('the 2011 quake killed ...'): never "
        "compared with the story's own values.",
    ),
    "attributed_to": Field(
        "string", "The story source key of the source the sentence credits the value to."
    ),
    "fact_link": Field(
        "string",
        "How a claim joined its fact: 'copy' (the same slot of a copied sentence), "
        "'statement' (the source each of two outlets credits one statement to: copied, edited "
        "or said in other words; or one figure, given alike in a fact of its own), 'key' (the "
        "same key that names the fact: what happened to counted people, who is that old, a "
        "source group, a quotation, a cause; or any shared key between two versions of one "
        "wire story), 'context' (only the words around the value agree, closely; never for "
        "dates or places), 'loose key' (a key that names no single fact: a happening and its "
        "place, a counted phrase, the word before an amount, or any key of a past event), "
        "'paraphrase' (the one count or amount of two sentences that say one thing in other "
        "words), 'loose context' (the words agree in part), 'near value' (two "
        "measures of one dimension or currency, such as '40 feet' and '39.9 ft' or '$7 "
        "million' and '$7m', within 2 % of each other "
        "and joined by nothing else), 'elapsed time' (durations given on different report "
        "days that count the time since one start: 'two days', 'more than 85 hours'), "
        "'repeated' (a count or amount an article repeats, put in the fact of its first "
        "telling) or 'alone'. A value linked by a loose key, paraphrase, loose context, near "
        "value, elapsed time or repetition is never reported as contradicting the others.",
    ),
    "fact_part": Field(
        "int",
        "The part of its fact a claim is in: claims joined by copy, key or close context share "
        "a part; parts joined only by a loose link (loose key, paraphrase, loose context, near "
        "value, elapsed time, repeated) "
        "are compared for precision "
        "and updates (a count that grew from one report day to a later one), never reported "
        "as contradicting each other.",
    ),
    "value_text": Field("string", "The value as the article gives it ('three', 'March 17')."),
    "value_norm": Field("string", "The value normalized for comparison ('3', '2021-03-17')."),
    "evidence_text": Field("string", "The sentence that gives the value."),
    # --- comparison tables --------------------------------------------------------------------
    "fact_text": Field("string", "Representative text of an aligned fact."),
    "is_covered": Field("bool", "True when the article reports the fact."),
    "mention_count": Field("int", "Number of mentions."),
    "value_numeric": Field("float", "A numeric value, for charts."),
    "value_date": Field("datetime", "A date value, for charts."),
    "story_source_key": Field(
        "string",
        "Same source across the articles of one story: the casefolded name of a named source, "
        "'<source_kind>|<affiliation>' of an unnamed one.",
    ),
    "cited_by_count": Field("int", "Number of the story's articles that cite this source."),
    "article_count": Field("int", "Number of articles."),
    "story_count": Field("int", "Number of stories."),
    "wire_copy_share": Field(
        "float",
        "Share (0..1) of sentences, in stories of two or more articles, that are identical or "
        "edited copies of a sentence of another article of the story.",
    ),
    "discrepancy_count": Field("int", "Number of discrepancies."),
    "fact_count": Field("int", "Number of facts (aligned groups of sentences) the story reports."),
    "omitted_count": Field(
        "int", "Facts that other articles of the story report and this article does not."
    ),
    "omitted_share": Field("float", "omitted_count / fact_count (0..1)."),
    "omitted_examples": Field("string", "Up to three omitted facts, each cut to a few words."),
    # --- edits (workbench.corrections) and inter-coder agreement ------------------------------
    "edit_id": Field("string", "Key of one edit in a corpus's edit log: 'e-' + 16 hex digits."),
    "edited_datetime": Field("datetime", "When the edit was made (UTC)."),
    "coder_name": Field("string", "Who made the edit, or coded the sheet."),
    "action": Field(
        "string",
        "What an edit does: merge_stories, split_story, make_story (which articles are one "
        "story), correct (set values of the rows named), add (a row the annotator missed), "
        "remove (a row it should not have found).",
    ),
    "table_name": Field(
        "string",
        "Table an edit changes: stories, articles, publication_dates, sources, quotes, timexes "
        "or entities (a correction of articles.published_date also sets publication_dates).",
    ),
    "row_key": Field(
        "object",
        "Dict naming the rows an edit changes by stable keys, never by position: {article_id} "
        "for articles and publication_dates; {article_id, start_char, end_char} for sources, "
        "timexes and entities, or {article_id, source_key} for every mention of one source; "
        "{article_id, content_start, content_end} for quotes, or {article_id, speaker_key}; "
        "{article_ids: [...]} (the members) for story edits.",
    ),
    "new_values": Field(
        "object",
        "Dict {column: value} an edit sets (correct) or the added row's values (add); dates as "
        "ISO text. Empty for remove and story edits.",
    ),
    "old_values": Field(
        "object", "Dict {column: value}: what the first row named held before the edit."
    ),
    "edit_note": Field("string", "Why the edit was made, in the coder's words."),
    "field_name": Field("string", "A column coded in a coding sheet."),
    "level_of_measurement": Field(
        "string", "How coded values compare: nominal, ordinal, interval or ratio."
    ),
    "alpha": Field(
        "float",
        "Krippendorff's alpha between coders (1 perfect agreement, 0 chance, below 0 worse "
        "than chance); NaN when undefined (fewer than two coders, or one value in all).",
    ),
    "unit_count": Field("int", "Number of units (rows of a coding sheet) coded."),
    "coder_count": Field("int", "Number of coders."),
    "coded_value_count": Field("int", "Number of values coded, over all coders and units."),
}


TABLES: dict[str, list[str]] = {
    "load_report": [
        "source_path",
        "record",
        "input_format",
        "status",
        "reason",
        "article_id",
        "byte_count",
    ],
    "articles": [
        "article_id",
        "source_path",
        "record",
        "input_format",
        "url",
        "outlet",
        "outlet_source",
        "headline",
        "dateline",
        "wire_agency",
        "wire_agency_evidence",
        "credits",
        "byline",
        "published_date",
        "published_date_source",
        "published_date_precision",
        "language",
        "text",
        "raw_text",
        "offset_map",
        "removed_text",
        "is_duplicate_of",
        "word_count",
        "metadata",
    ],
    "sentences": [
        "article_id",
        "sentence_id",
        "paragraph_id",
        "start_char",
        "end_char",
        "sentence_text",
    ],
    "entities": [
        "article_id",
        "entity_id",
        "sentence_id",
        "start_char",
        "end_char",
        "entity_text",
        "entity_label",
        "entity_norm",
    ],
    "quotes": [
        "article_id",
        "quote_id",
        "sentence_id",
        "quote_type",
        "cue",
        "cue_start",
        "cue_end",
        "speaker",
        "speaker_start",
        "speaker_end",
        "content",
        "content_start",
        "content_end",
        "speaker_key",
        "nested_in",
    ],
    "sources": [
        "article_id",
        "source_id",
        "sentence_id",
        "start_char",
        "end_char",
        "source_text",
        "source_kind",
        "is_anonymous",
        "source_count",
        "is_plural",
        "source_name",
        "role",
        "affiliation",
        "basis",
        "cue",
        "is_on_record",
        "source_key",
        "quote_id",
    ],
    "source_summary": [
        "article_id",
        "distinct_source_count",
        "named_person_count",
        "named_organization_count",
        "news_agency_count",
        "anonymous_count",
        "unnamed_official_count",
        "document_count",
        "other_count",
        "anonymous_share",
        "on_record_named_count",
    ],
    "timexes": [
        "article_id",
        "timex_id",
        "sentence_id",
        "start_char",
        "end_char",
        "timex_text",
        "timex_type",
        "value",
        "start_date",
        "end_date",
        "granularity",
        "anchor_date",
        "anchor_source",
        "direction",
        "is_ambiguous",
        "note",
    ],
    "publication_dates": [
        "article_id",
        "published_date",
        "published_date_source",
        "published_date_precision",
        "earliest_date",
        "latest_date",
        "confidence",
        "evidence",
    ],
    "stories": [
        "story_id",
        "article_id",
        "story_label",
        "membership_confidence",
        "thread_id",
    ],
    "story_pairs": [
        "story_id",
        "article_id_a",
        "article_id_b",
        "relation",
        "similarity",
        "added_text",
        "cut_text",
    ],
    "alignments": [
        "story_id",
        "article_id",
        "sentence_id",
        "other_article_id",
        "other_sentence_id",
        "alignment_type",
        "similarity",
        "diff",
        "fact_id",
    ],
    "claims": [
        "claim_id",
        "story_id",
        "article_id",
        "outlet",
        "sentence_id",
        "start_char",
        "end_char",
        "fact_id",
        "fact",
        "kind",
        "value_text",
        "value_norm",
        "value_low",
        "value_high",
        "unit",
        "start_date",
        "end_date",
        "as_of",
        "is_background",
        "attributed_to",
        "fact_link",
        "fact_part",
    ],
    "discrepancies": [
        "story_id",
        "discrepancy_id",
        "fact_id",
        "kind",
        "relation",
        "salience",
        "difference",
        "subject",
        "article_id",
        "outlet",
        "value_text",
        "value_norm",
        "sentence_id",
        "start_char",
        "end_char",
        "evidence_text",
        "as_of",
    ],
    "thread_discrepancies": [
        "thread_id",
        "discrepancy_id",
        "fact_id",
        "kind",
        "relation",
        "salience",
        "subject",
        "story_id",
        "article_id",
        "outlet",
        "value_text",
        "value_norm",
        "sentence_id",
        "start_char",
        "end_char",
        "evidence_text",
        "as_of",
    ],
    "coverage": [
        "story_id",
        "fact_id",
        "fact_text",
        "article_id",
        "outlet",
        "is_covered",
        "sentence_id",
    ],
    "story_sources": [
        "story_id",
        "article_id",
        "outlet",
        "source_key",
        "story_source_key",
        "source_text",
        "source_kind",
        "source_name",
        "affiliation",
        "is_anonymous",
        "source_count",
        "mention_count",
        "cited_by_count",
    ],
    "sourcing": [
        "story_id",
        "article_id",
        "outlet",
        "source_kind",
        "distinct_source_count",
        "mention_count",
        "anonymous_share",
    ],
    "story_dates": [
        "story_id",
        "article_id",
        "outlet",
        "subject",
        "timex_text",
        "value",
        "start_date",
        "end_date",
        "granularity",
        "sentence_id",
        "start_char",
        "end_char",
    ],
    "outlet_summary": [
        "outlet",
        "article_count",
        "story_count",
        "anonymous_share",
        "wire_copy_share",
        "discrepancy_count",
    ],
    "discrepancy_summary": [
        "story_id",
        "story_label",
        "rank",
        "discrepancy_id",
        "fact_id",
        "kind",
        "relation",
        "subject",
        "salience",
        "article_count",
        "values_by_outlet",
    ],
    "outlet_omissions": [
        "story_id",
        "article_id",
        "outlet",
        "fact_count",
        "omitted_count",
        "omitted_share",
        "omitted_examples",
    ],
    "story_timeline": [
        "story_id",
        "article_id",
        "outlet",
        "published_date",
        "kind",
        "subject",
        "value_text",
        "value_norm",
        "value_numeric",
        "value_date",
    ],
    "edits": [
        "edit_id",
        "edited_datetime",
        "coder_name",
        "action",
        "table_name",
        "row_key",
        "new_values",
        "old_values",
        "edit_note",
    ],
    "coder_agreement": [
        "field_name",
        "level_of_measurement",
        "alpha",
        "unit_count",
        "coder_count",
        "coded_value_count",
    ],
}

#: The primary key of each table: the columns whose values name one row, which no two rows of a
#: valid table share (:func:`validate` rejects duplicates). Left out, having no natural key:
#: ``load_report`` (one row per input of every ingest run: loading a file twice gives two rows)
#: and ``story_timeline`` (one row per claim, and the table keeps no ``claim_id``). In
#: ``story_dates`` a date is keyed by its span; the one publication-date row of an article has
#: no span (missing values compare equal).
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id",),
    "sentences": ("article_id", "sentence_id"),
    "entities": ("article_id", "entity_id"),
    "quotes": ("article_id", "quote_id"),
    "sources": ("article_id", "source_id"),
    "source_summary": ("article_id",),
    "timexes": ("article_id", "timex_id"),
    "publication_dates": ("article_id",),
    "stories": ("story_id", "article_id"),
    "story_pairs": ("story_id", "article_id_a", "article_id_b"),
    "alignments": ("story_id", "article_id", "sentence_id", "other_article_id"),
    "claims": ("claim_id",),
    "discrepancies": ("discrepancy_id", "article_id"),
    "thread_discrepancies": ("discrepancy_id", "article_id"),
    "coverage": ("story_id", "fact_id", "article_id"),
    "story_sources": ("story_id", "article_id", "source_key"),
    "sourcing": ("story_id", "article_id", "source_kind"),
    "story_dates": ("story_id", "article_id", "start_char", "end_char"),
    "outlet_summary": ("outlet",),
    "discrepancy_summary": ("story_id", "discrepancy_id"),
    "outlet_omissions": ("story_id", "article_id"),
    "edits": ("edit_id",),
    "coder_agreement": ("field_name",),
}

_KIND_CHECKS = {
    "int": lambda s: pd.api.types.is_integer_dtype(s) or s.isna().all(),
    "float": lambda s: pd.api.types.is_float_dtype(s) or pd.api.types.is_integer_dtype(s)
    or s.isna().all(),
    "bool": lambda s: pd.api.types.is_bool_dtype(s) or s.isna().all(),
    "datetime": lambda s: pd.api.types.is_datetime64_any_dtype(s) or s.isna().all(),
    "string": lambda s: pd.api.types.is_string_dtype(s)
    or pd.api.types.is_object_dtype(s)
    or s.isna().all(),
    "object": lambda s: pd.api.types.is_object_dtype(s) or s.isna().all(),
}

_PANDAS_DTYPES = {
    "int": "Int64",
    "float": "float64",
    "bool": "boolean",
    "datetime": "datetime64[ns]",
    "string": "object",
    "object": "object",
}


class SchemaError(ValueError):
    """A table does not match its documented columns."""


def validate(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Check that ``df`` has exactly the documented columns of ``table``, of the right kinds.

    A table with a primary key (:data:`PRIMARY_KEYS`) must not repeat one; missing values in key
    columns compare equal to each other.

    Args:
        df: The table to check.
        table: Its name, a key of :data:`TABLES`.

    Returns:
        ``df`` with its columns in the documented order (a new frame; the input is not changed).

    Raises:
        SchemaError: naming the missing, unexpected or wrongly typed columns, or the key that
            rows repeat with an example.
    """
    if table not in TABLES:
        raise SchemaError(f"unknown table {table!r}; known: {', '.join(sorted(TABLES))}")
    expected = TABLES[table]
    missing = [c for c in expected if c not in df.columns]
    unexpected = [c for c in df.columns if c not in expected]
    problems = []
    if missing:
        problems.append(f"missing columns {missing}")
    if unexpected:
        problems.append(f"unexpected columns {unexpected}")
    if not problems and len(df):
        wrong = [
            f"{c} (expected {FIELDS[c].dtype}, got {df[c].dtype})"
            for c in expected
            if not _KIND_CHECKS[FIELDS[c].dtype](df[c])
        ]
        if wrong:
            problems.append(f"wrong dtypes: {', '.join(wrong)}")
    if not problems and len(df) > 1 and table in PRIMARY_KEYS:
        problems.extend(_duplicate_keys(df, PRIMARY_KEYS[table]))
    if problems:
        raise SchemaError(f"table {table!r}: " + "; ".join(problems))
    return df.loc[:, expected]


def _duplicate_keys(df: pd.DataFrame, key: tuple[str, ...]) -> list[str]:
    """Describe the rows of ``df`` that repeat a value of ``key`` (empty list when none do)."""
    repeated = df.duplicated(subset=list(key), keep=False)
    if not repeated.any():
        return []
    first = df.loc[repeated, list(key)].iloc[0]
    example = ", ".join(f"{col}={_plain(v)!r}" for col, v in first.items())
    count = int(df.duplicated(subset=list(key)).sum())
    return [
        f"duplicate primary key ({', '.join(key)}): {count} extra row(s) repeat a key, "
        f"e.g. {example}"
    ]


def _plain(value):
    """A cell as a plain Python value for messages (numpy scalars unwrapped, missing as None)."""
    if pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def empty_frame(table: str) -> pd.DataFrame:
    """Return an empty frame with the documented columns and dtypes of ``table``."""
    return pd.DataFrame(
        {c: pd.Series(dtype=_PANDAS_DTYPES[FIELDS[c].dtype]) for c in TABLES[table]}
    )


def coerce(records: list[dict], table: str) -> pd.DataFrame:
    """Build a table from a list of row dicts, with documented dtypes, and validate it.

    Missing keys become missing values; int, bool and datetime columns get nullable dtypes.

    Args:
        records: One dict per row.
        table: Name of the table.

    Returns:
        The validated table.
    """
    if not records:
        return empty_frame(table)
    df = pd.DataFrame.from_records(records, columns=TABLES[table])
    for col in TABLES[table]:
        kind = FIELDS[col].dtype
        if kind == "int":
            df[col] = pd.array(df[col].tolist(), dtype="Int64")
        elif kind == "bool":
            df[col] = pd.array(df[col].tolist(), dtype="boolean")
        elif kind == "float":
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
        elif kind == "datetime":
            df[col] = _to_datetime_ns(df[col])
        else:
            df[col] = df[col].astype(object).where(df[col].notna(), None)
    return validate(df, table)


def _to_datetime_ns(values: pd.Series) -> pd.Series:
    """Return ``values`` as ``datetime64[ns]``; what it cannot hold becomes NaT.

    Nanosecond timestamps span 1677-09-21 to 2262-04-11: a year outside (a historical "in
    1630", a clock time "1353" read as a year) has no timestamp, and its row keeps its text
    and TIMEX3 ``value``, never failing the whole table.
    """
    out = pd.to_datetime(values, errors="coerce")
    lost = out.isna() & values.notna()
    if lost.any() and (values.dtype == object or pd.api.types.is_string_dtype(values.dtype)):
        # pandas reads a column in the format of its first value: '2010-07-04' after
        # '2017-12-27T08:27:55' (or 'March 5, 2021') would silently become NaT
        again = pd.to_datetime(values[lost], errors="coerce", format="mixed")
        if again.dtype.kind == "M" and again.dt.tz is None:
            out = out.astype(again.dtype) if out.dtype != again.dtype else out
            out[lost] = again
    if out.dtype != "datetime64[ns]":
        out = out.where(out.isna() | ((out >= pd.Timestamp.min) & (out <= pd.Timestamp.max)))
        out = out.astype("datetime64[ns]")
    return out


def describe(table: str) -> pd.DataFrame:
    """Return the column dictionary of one table: column, dtype, unit, description."""
    return pd.DataFrame(
        [
            {
                "column": c,
                "dtype": FIELDS[c].dtype,
                "unit": FIELDS[c].unit,
                "description": FIELDS[c].description,
            }
            for c in TABLES[table]
        ]
    )
