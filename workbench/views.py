"""HTML views of one story: the side-by-side aligned viewer, sources and discrepancies.

Article text is untrusted input: every piece of it (text, headline, byline, outlet, values) is
escaped with :func:`html.escape` before it enters markup, and the only markup is ours. The
functions take tables already narrowed to one story (the widgets do that selection) and return
an HTML string; they never change their inputs.
"""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd

__all__ = [
    "ALIGNMENT_STYLES",
    "DISAGREEMENT_RELATIONS",
    "aligned_view_html",
    "disagreements",
    "disagreements_html",
    "discrepancy_table_html",
    "message_html",
    "name_articles",
    "omission_summary",
    "prepare_aligned",
    "render_aligned",
    "sentence_status",
    "source_sentences_html",
    "table_html",
    "top_facts",
]

#: Strength of an alignment; a sentence shows the strongest it has with any other article.
_RANK = {"identical": 3, "edited": 2, "paraphrase": 1, "unique": 0}

#: Background colour and legend text of each alignment type.
ALIGNMENT_STYLES = {
    "identical": ("#dcebf7", "shared wire copy (identical)"),
    "edited": ("#fff1d6", "shared, edited"),
    "paraphrase": ("#e7f3e4", "paraphrase of a shared fact"),
    "unique": ("#ffffff", "unique to this article"),
    "unaligned": ("#f6f6f6", "not aligned (no alignment available)"),
}

_CSS = """
<style>
.wb-view{font-family:Helvetica,Arial,sans-serif;font-size:13px;line-height:1.4;color:#222}
.wb-legend span{display:inline-block;padding:1px 6px;margin:0 6px 4px 0;border:1px solid #ccc;
  border-radius:3px}
.wb-scroll{overflow-x:auto;max-width:100%}
.wb-grid{border-collapse:separate;border-spacing:6px 3px;table-layout:fixed}
.wb-grid th{text-align:left !important;vertical-align:bottom;width:300px;min-width:240px;
  border-bottom:2px solid #1f5a96;padding:2px 4px}
.wb-grid th .wb-outlet{font-size:14px;color:#1f5a96}
.wb-grid th .wb-meta{font-weight:normal;color:#555;font-size:12px}
.wb-grid td{vertical-align:top;padding:3px 5px;border-radius:3px;text-align:left !important}
.wb-grid td.wb-empty{background:repeating-linear-gradient(45deg,#fafafa,#fafafa 4px,#f0f0f0 4px,
  #f0f0f0 8px)}
.wb-fact{font-size:10px;color:#777;margin-right:4px}
.wb-diff{color:#555;font-size:11px;margin-top:2px}
mark.wb-disc{background:#ffd24d;padding:0 1px;border-radius:2px}
.wb-table{border-collapse:collapse;font-size:12px}
.wb-table th,.wb-table td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left !important;
  vertical-align:top}
.wb-note{color:#666;font-style:italic}
.wb-disagree{margin:0 0 10px 0;padding:6px 8px;border-left:4px solid #b23a48;background:#fbf7f7}
.wb-disagree h4{margin:0 0 4px 0;font-size:14px}
.wb-disagree .wb-rel{font-size:11px;color:#fff;background:#b23a48;border-radius:3px;
  padding:0 5px;margin-right:6px}
.wb-disagree .wb-rel.wb-update{background:#d9822b}
.wb-disagree ul{margin:2px 0 0 0;padding-left:18px}
.wb-disagree .wb-value{font-weight:bold}
</style>
"""


def message_html(text: str) -> str:
    """Return a short escaped note (used when a table is empty)."""
    return f'{_CSS}<div class="wb-view"><p class="wb-note">{escape(text)}</p></div>'


def _str(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def sentence_status(alignments: pd.DataFrame) -> pd.DataFrame:
    """Strongest alignment of each sentence with any other article of its story.

    Args:
        alignments: The ``alignments`` table (one row per (article_id, sentence_id, other
            article)), narrowed to one story.

    Returns:
        One row per (article_id, sentence_id): ``alignment_type`` (strongest), ``fact_id``
        (of that strongest pair), ``diff`` (of that pair, if edited).
    """
    cols = ["article_id", "sentence_id", "alignment_type", "fact_id", "diff"]
    if alignments.empty:
        return pd.DataFrame(columns=cols)
    codes, names = pd.factorize(alignments["alignment_type"])
    lut = np.array([_RANK.get(n, 0) for n in names] + [0], dtype="int8")
    rank = lut[codes]  # code -1 (missing) picks the trailing 0
    art = pd.factorize(alignments["article_id"])[0]
    sid = alignments["sentence_id"].to_numpy(dtype="int64", na_value=-1)
    order = np.lexsort((-rank, sid, art))
    key = art[order] * (int(sid.max()) + 2) + sid[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    return alignments.iloc[order[first]].loc[:, cols].reset_index(drop=True)


def _marked(text: str, spans: list[tuple[int, int, str]]) -> str:
    """Escape ``text`` and wrap the given (start, end, title) spans in ``<mark>``."""
    out, pos = [], 0
    for start, end, title in sorted(spans):
        start, end = max(start, pos), min(end, len(text))
        if end <= start:
            continue
        out.append(escape(text[pos:start]))
        out.append(f'<mark class="wb-disc" title="{escape(title)}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def prepare_aligned(
    articles: pd.DataFrame, sentences: pd.DataFrame, alignments: pd.DataFrame
) -> pd.DataFrame:
    """Lay out the sentences of one story for :func:`render_aligned` (the costly, cacheable part).

    Sentences that belong to the same aligned fact share a row; a fact's row sits at the mean
    relative position of its sentences in their articles; a sentence aligned to nothing has its
    own row.

    Args:
        articles: The story's articles (``article_id``).
        sentences: Their sentences.
        alignments: Their alignments (may be empty).

    Returns:
        One row per (article_id, sentence_id), in display order: ``row_key``,
        ``alignment_type`` (``unaligned`` when the story has no alignment), ``start_char``,
        ``sentence_text``, ``html`` (the escaped cell).
    """
    ids = list(articles["article_id"])
    cells = sentences.loc[sentences["article_id"].isin(ids),
                          ["article_id", "sentence_id", "start_char", "sentence_text"]]
    status = sentence_status(alignments)
    cells = cells.merge(status, on=["article_id", "sentence_id"], how="left")
    if status.empty:
        cells["alignment_type"] = "unaligned"
    cells["alignment_type"] = cells["alignment_type"].fillna("unique")
    unique_key = cells["article_id"].astype(str) + ":" + cells["sentence_id"].astype(str)
    cells["row_key"] = cells["fact_id"].where(cells["fact_id"].notna(), unique_key)
    n = cells.groupby("article_id")["sentence_id"].transform("max").astype(float) + 1.0
    cells["row_pos"] = (cells["sentence_id"].astype(float) / n).groupby(cells["row_key"]).transform(
        "mean")
    cells = cells.sort_values(["row_pos", "row_key", "sentence_id"], kind="stable")
    heads, tails, htmls = [], [], []
    for typ, fact, diff, text in zip(cells["alignment_type"].tolist(), cells["fact_id"].tolist(),
                                     cells["diff"].tolist(), cells["sentence_text"].tolist()):
        bg = ALIGNMENT_STYLES.get(typ, ALIGNMENT_STYLES["unique"])[0]
        badge = "" if _str(fact) == "" else f'<span class="wb-fact">{escape(str(fact))}</span>'
        head = (f'<div class="wb-sent" data-type="{escape(typ)}" style="background:{bg}"'
                f' title="{escape(typ)}">{badge}')
        tail = (f'<div class="wb-diff">{escape(_str(diff))}</div></div>'
                if typ == "edited" and _str(diff) else "</div>")
        heads.append(head)
        tails.append(tail)
        htmls.append(head + escape(_str(text)) + tail)
    cells = cells.reset_index(drop=True)
    cells["head"], cells["tail"], cells["html"] = heads, tails, htmls
    cells["has_alignment"] = not status.empty
    return cells.reset_index(drop=True)


def render_aligned(
    cells: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    discrepancies: pd.DataFrame | None = None,
    max_rows: int = 400,
) -> str:
    """Render the cells of :func:`prepare_aligned` for the given articles (one column each).

    Args:
        cells: Output of :func:`prepare_aligned` for the story.
        articles: The articles to show, in column order (``article_id``, ``outlet``,
            ``headline``, ``byline``); a subset of the prepared ones.
        discrepancies: Discrepancy rows to highlight in place (``article_id``, ``sentence_id``,
            ``start_char``, ``end_char``, ``kind``, ``subject``, ``value_text``); ``fact``
            omissions are not marked (the unique row already shows them).
        max_rows: Rows shown at most (the rest is summarized).

    Returns:
        An HTML fragment.
    """
    if articles.empty:
        return message_html("No articles in this selection.")
    ids = list(articles["article_id"])
    aligned = bool(cells["has_alignment"].iloc[0]) if len(cells) else False
    marks: dict[tuple, list] = {}
    if discrepancies is not None and not discrepancies.empty:
        d = discrepancies.dropna(subset=["sentence_id", "start_char", "end_char"])
        # a fact one article alone reports is already shown by its row; marking the whole
        # sentence as well would drown the value-level marks
        d = d.loc[d["kind"] != "fact"]
        for rec in d.itertuples(index=False):
            title = f"{_str(rec.kind)}: {_str(rec.subject)} = {_str(rec.value_text)}"
            marks.setdefault((rec.article_id, int(rec.sentence_id)), []).append(
                (int(rec.start_char), int(rec.end_char), title))
    col = {aid: i for i, aid in enumerate(ids)}
    rows: dict[str, list[list[str]]] = {}
    for aid, sid, key, html, head, tail, text, off in zip(
        *(cells[c].tolist() for c in ("article_id", "sentence_id", "row_key", "html", "head",
                                      "tail", "sentence_text", "start_char"))
    ):
        if aid not in col:
            continue
        spans = marks.get((aid, sid))
        if spans:
            html = head + _marked(_str(text), [(s - off, e - off, t) for s, e, t in spans]) + tail
        row = rows.get(key)
        if row is None:
            if len(rows) >= max_rows:
                continue
            row = rows[key] = [[] for _ in ids]
        row[col[aid]].append(html)
    n_rows = len(set(cells.loc[cells["article_id"].isin(ids), "row_key"].tolist()))
    body = [
        "<tr>" + "".join(f"<td>{''.join(c)}</td>" if c else '<td class="wb-empty"></td>'
                         for c in row) + "</tr>"
        for row in rows.values()
    ]
    if n_rows > max_rows:
        body.append(f'<tr><td colspan="{len(ids)}" class="wb-note">'
                    f"{n_rows - max_rows} more rows not shown</td></tr>")
    head = []
    for rec in articles.itertuples(index=False):
        meta = " · ".join(x for x in (_str(getattr(rec, "headline", None)),
                                       _str(getattr(rec, "byline", None))) if x)
        head.append(
            f'<th><div class="wb-outlet">{escape(_str(rec.outlet) or "(unknown outlet)")}</div>'
            f'<div class="wb-meta">{escape(meta)}</div></th>'
        )
    legend = "".join(
        f'<span style="background:{bg}">{escape(label)}</span>'
        for key, (bg, label) in ALIGNMENT_STYLES.items()
        if key != "unaligned" or not aligned
    ) + '<span><mark class="wb-disc">discrepancy</mark></span>'
    note = "" if aligned else (
        '<p class="wb-note">No sentence alignment for this story yet: sentences are listed in '
        "order, not aligned.</p>"
    )
    return (
        f'{_CSS}<div class="wb-view wb-aligned"><div class="wb-legend">{legend}</div>{note}'
        f'<div class="wb-scroll"><table class="wb-grid"><thead><tr>{"".join(head)}</tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table></div></div>'
    )


def aligned_view_html(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    alignments: pd.DataFrame,
    *,
    discrepancies: pd.DataFrame | None = None,
    max_rows: int = 400,
) -> str:
    """Side-by-side aligned text of the articles of one story.

    One column per article (in the order of ``articles``), one row per aligned fact: sentences
    that say the same thing sit on the same row, coloured by how they align (shared wire copy,
    edited, paraphrase, unique), with the word diff of edited pairs and discrepancy evidence
    highlighted. All article text is escaped.

    Args:
        articles: The story's articles (``article_id``, ``outlet``, ``headline``, ``byline``).
        sentences: Their sentences (``article_id``, ``sentence_id``, ``start_char``,
            ``sentence_text``).
        alignments: Their alignments (may be empty: sentences are then shown unaligned).
        discrepancies: Their discrepancies, highlighted in place.
        max_rows: Rows shown at most (the rest is summarized).

    Returns:
        An HTML fragment.
    """
    if articles.empty:
        return message_html("No articles in this selection.")
    cells = prepare_aligned(articles, sentences, alignments)
    return render_aligned(cells, articles, discrepancies=discrepancies, max_rows=max_rows)


def table_html(df: pd.DataFrame, *, columns: list[str] | None = None, max_rows: int = 200) -> str:
    """Render a frame as an escaped HTML table (cells are untrusted text)."""
    if df.empty:
        return message_html("Nothing to show for this selection.")
    cols = columns or list(df.columns)
    head = "".join(f"<th>{escape(c)}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(_str(v))}</td>" for v in row) + "</tr>"
        for row in df.loc[:, cols].head(max_rows).itertuples(index=False)
    )
    more = (f'<p class="wb-note">{len(df) - max_rows} more rows not shown</p>'
            if len(df) > max_rows else "")
    return (f'{_CSS}<div class="wb-view"><table class="wb-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>{more}</div>")


#: Relations that are real disagreements (everything but an omission).
DISAGREEMENT_RELATIONS = ("contradiction", "update", "precision", "attribution")

#: Columns of an article-keyed table that name an article, and the outlet column each gets.
_ID_COLUMNS = {"article_id": "outlet", "article_id_a": "outlet_a", "article_id_b": "outlet_b",
               "other_article_id": "other_outlet"}


def name_articles(table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Give every article id of a table a readable name: its outlet (and headline).

    For each of ``article_id``, ``article_id_a``, ``article_id_b`` and ``other_article_id``
    present, the outlet of that article is inserted just before it (``outlet``, ``outlet_a``,
    ``outlet_b``, ``other_outlet``; an existing column is filled where missing, never
    overwritten); a table keyed by ``article_id`` alone also gets the ``headline``. An article
    without an outlet is named ``(unknown outlet)``.

    Args:
        table: Any table keyed by article ids (``stories``, ``story_pairs``,
            ``publication_dates``, ...).
        articles: The ``articles`` table (``article_id``, ``outlet``, ``headline``).

    Returns:
        A new frame, same rows in the same order, with the name columns added.
    """
    out = table.copy()
    outlet = articles.drop_duplicates("article_id").set_index("article_id")["outlet"]
    headline = (articles.drop_duplicates("article_id").set_index("article_id")["headline"]
                if "headline" in articles.columns else None)
    for id_col, name_col in _ID_COLUMNS.items():
        if id_col not in out.columns:
            continue
        names = out[id_col].map(outlet).astype(object)
        names = names.where(names.notna() & out[id_col].notna(), "(unknown outlet)")
        if name_col in out.columns:
            out[name_col] = out[name_col].astype(object).where(out[name_col].notna(), names)
        else:
            out.insert(out.columns.get_loc(id_col), name_col, names)
        if (id_col == "article_id" and headline is not None and "headline" not in out.columns
                and "article_id_a" not in out.columns):
            out.insert(out.columns.get_loc(id_col), "headline", out[id_col].map(headline))
    return out


def disagreements(discrepancies: pd.DataFrame, *, kinds=None) -> pd.DataFrame:
    """The discrepancy rows that are disagreements, not omissions, most salient first.

    Args:
        discrepancies: The ``discrepancies`` table (one row per (discrepancy, article)), any
            selection of it. Rows without a ``relation`` (older tables) are kept unless their
            ``difference`` is ``omission``.
        kinds: Keep these kinds only (``date``, ``count``, ...); all when omitted.

    Returns:
        The rows with ``relation`` other than ``omission``, sorted by salience (highest first),
        then discrepancy and outlet; same columns.
    """
    d = discrepancies
    if "relation" in d.columns:
        d = d.loc[d["relation"].astype(object).fillna("") != "omission"]
    if "difference" in d.columns:
        d = d.loc[d["difference"].astype(object).fillna("") != "omission"]
    if kinds is not None:
        d = d.loc[d["kind"].isin(list(kinds))]
    return _by_salience(d)


def _by_salience(d: pd.DataFrame) -> pd.DataFrame:
    keys = [c for c in ("salience", "discrepancy_id", "as_of", "outlet") if c in d.columns]
    if not keys:
        return d
    return d.sort_values(keys, ascending=[k != "salience" for k in keys], kind="stable",
                         na_position="last")


def top_facts(discrepancies: pd.DataFrame, *, n: int = 12) -> pd.DataFrame:
    """The rows of the ``n`` most salient disputed facts (every outlet's row of each).

    Args:
        discrepancies: Rows of the ``discrepancies`` table (``subject``; ``fact_id`` and
            ``salience`` where present).
        n: How many facts to keep.

    Returns:
        The rows of the top ``n`` facts by their highest salience (ties: table order); the
        whole input when it has ``n`` facts or fewer.
    """
    key = "fact_id" if "fact_id" in discrepancies.columns else "subject"
    fact = discrepancies[key].astype(object).where(discrepancies[key].notna(),
                                                   discrepancies["subject"])
    if fact.nunique(dropna=False) <= n:
        return discrepancies
    if "salience" in discrepancies.columns:
        score = discrepancies["salience"].astype(float).fillna(0.0).groupby(fact).transform("max")
    else:
        score = pd.Series(0.0, index=discrepancies.index)
    order = (pd.DataFrame({"fact": fact, "score": score, "pos": range(len(fact))})
             .groupby("fact", sort=False).agg(score=("score", "max"), pos=("pos", "min"))
             .sort_values(["score", "pos"], ascending=[False, True]))
    return discrepancies.loc[fact.isin(list(order.index[:n]))]


def discrepancy_table_html(
    discrepancies: pd.DataFrame, *, articles: pd.DataFrame | None = None
) -> str:
    """The discrepancies of a story as an escaped table, one row per (discrepancy, article).

    Rows are sorted by salience (most salient first); columns: relation, salience, kind, what
    differs, outlet, the value as written, as of when, and the sentence that gives it.

    Args:
        discrepancies: Rows of the ``discrepancies`` table.
        articles: The ``articles`` table, to name an article whose ``outlet`` is missing.

    Returns:
        An HTML fragment.
    """
    if discrepancies.empty:
        return message_html("No discrepancies for this selection.")
    df = discrepancies
    if articles is not None and "article_id" in df.columns:
        df = name_articles(df, articles)
    df = _by_salience(df)
    if "salience" in df.columns:
        df = df.assign(salience=df["salience"].map(lambda v: "" if pd.isna(v) else f"{v:.2f}"))
    if "as_of" in df.columns:
        df = df.assign(as_of=_day(df["as_of"]))
    if "value_text" in df.columns:
        df = df.assign(value_text=df["value_text"].astype(object).fillna("(not reported)"))
    cols = ["relation", "salience", "kind", "subject", "outlet", "value_text", "as_of",
            "evidence_text"]
    return table_html(df, columns=[c for c in cols if c in df.columns])


def _day(values: pd.Series) -> pd.Series:
    dates = pd.to_datetime(values, errors="coerce")
    return dates.dt.strftime("%Y-%m-%d").astype(object).where(dates.notna(), "")


def disagreements_html(
    discrepancies: pd.DataFrame,
    *,
    articles: pd.DataFrame | None = None,
    n: int = 5,
    kinds=None,
) -> str:
    """What the outlets disagree about: the ``n`` most salient disagreements of a story.

    One block per disputed fact (contradictions, running figures that changed, precision and
    attribution differences; omissions left out), most salient first: what differs, how
    (relation) and, per outlet, the value as written, the time it is given for and the
    sentence that gives it. All article text is escaped.

    Args:
        discrepancies: Rows of the ``discrepancies`` table for one story.
        articles: The ``articles`` table, to name articles and date their values.
        n: Facts shown at most.
        kinds: Only these kinds (``["date"]``); all when omitted.

    Returns:
        An HTML fragment.
    """
    d = disagreements(discrepancies, kinds=kinds)
    if articles is not None and "article_id" in d.columns:
        d = name_articles(d, articles)
    if d.empty:
        return message_html("The outlets do not disagree on any "
                            + ("/".join(kinds) + " " if kinds else "") + "value in this story.")
    key = "discrepancy_id" if "discrepancy_id" in d.columns else "subject"
    blocks = []
    for _, rows in list(d.groupby(key, sort=False))[:n]:
        first = rows.iloc[0]
        relation = _str(first.get("relation")) or _str(first.get("difference"))
        salience = first.get("salience")
        sal = "" if salience is None or pd.isna(salience) else f" · salience {salience:.2f}"
        items = []
        for rec in rows.to_dict("records"):
            when = _day(pd.Series([rec.get("as_of")])).iloc[0]
            when = f' <span class="wb-note">as of {escape(when)}</span>' if when else ""
            value = _str(rec.get("value_text")) or "(not reported)"
            evidence = _str(rec.get("evidence_text"))
            evidence = f'<div class="wb-diff">{escape(evidence)}</div>' if evidence else ""
            items.append(f"<li><b>{escape(_str(rec.get('outlet')) or '(unknown outlet)')}</b>: "
                         f'<span class="wb-value">{escape(value)}</span>{when}{evidence}</li>')
        blocks.append(
            f'<div class="wb-disagree"><h4><span class="wb-rel wb-{escape(relation)}">'
            f"{escape(relation)}</span>{escape(_str(first.get('subject')))}"
            f'<span class="wb-note"> ({escape(_str(first.get("kind")))}{sal})</span></h4>'
            f"<ul>{''.join(items)}</ul></div>"
        )
    more = d[key].nunique() - len(blocks)
    tail = f'<p class="wb-note">{more} more disagreements not shown</p>' if more > 0 else ""
    return f'{_CSS}<div class="wb-view wb-disagreements">{"".join(blocks)}{tail}</div>'


def omission_summary(
    discrepancies: pd.DataFrame,
    outlet_omissions: pd.DataFrame,
    articles: pd.DataFrame,
) -> pd.DataFrame:
    """What each article of a story leaves out that others report, one row per article.

    Args:
        discrepancies: Rows of the ``discrepancies`` table for one story; its ``omission``
            rows without a value are the values this article does not give.
        outlet_omissions: Rows of ``outlet_omissions`` for the story (aligned facts).
        articles: The story's articles (``article_id``, ``outlet``, ``headline``).

    Returns:
        One row per article: ``outlet``, ``headline``, ``article_id``, ``omitted_value_count``
        (values others give and it does not), ``omitted_values`` (their subjects, most salient
        first), and ``fact_count``, ``omitted_count``, ``omitted_share``, ``omitted_examples``
        from ``outlet_omissions``; sorted by the number of omitted values (most first).
    """
    d = discrepancies
    rel = d["relation"] if "relation" in d.columns else d["difference"]
    missing = d.loc[(rel.astype(object) == "omission") & d["value_text"].isna()]
    missing = _by_salience(missing)
    per = missing.groupby("article_id", sort=False)["subject"].agg(
        omitted_value_count="nunique",
        omitted_values=lambda s: ", ".join(dict.fromkeys(_str(x) for x in s)))
    ids = articles.loc[:, ["article_id"]].drop_duplicates()
    out = ids.merge(per, left_on="article_id", right_index=True, how="left")
    om_cols = ["article_id", "fact_count", "omitted_count", "omitted_share", "omitted_examples"]
    out = out.merge(outlet_omissions.loc[:, [c for c in om_cols if c in outlet_omissions.columns]]
                    .drop_duplicates("article_id"), on="article_id", how="left")
    out["omitted_value_count"] = out["omitted_value_count"].fillna(0).astype("int64")
    out["omitted_values"] = out["omitted_values"].astype(object).fillna("")
    out = name_articles(out, articles)
    out = out.sort_values("omitted_value_count", ascending=False, kind="stable")
    cols = ["outlet", "headline", "article_id", "omitted_value_count", "omitted_values",
            "fact_count", "omitted_count", "omitted_share", "omitted_examples"]
    return out.loc[:, [c for c in cols if c in out.columns]].reset_index(drop=True)


def source_sentences_html(
    articles: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame
) -> str:
    """Every sentence, in every outlet, that cites one source.

    Args:
        articles: The story's articles (``article_id``, ``outlet``), one block each.
        sentences: Their sentences.
        mentions: The mentions of the source to show: rows of the ``sources`` table
            (``article_id``, ``sentence_id``, ``start_char``, ``end_char``, ``source_kind``,
            ``source_text``).

    Returns:
        An HTML fragment: one block per outlet, the source span highlighted in each sentence.
    """
    if mentions is None or mentions.empty:
        return message_html("Pick a source to see how each outlet cites it.")
    hits = mentions
    cols = ("article_id", "sentence_id", "start_char", "end_char", "source_kind", "source_text")
    by_article: dict[str, dict[int, list]] = {}
    for aid, sid, start, end, kind, text in zip(*(hits[c].tolist() for c in cols)):
        if pd.isna(sid):
            continue
        by_article.setdefault(aid, {}).setdefault(int(sid), []).append(
            (start, end, f"{_str(kind)}: {_str(text)}"))
    wanted = sentences.loc[sentences["article_id"].isin(list(by_article))]
    sent = {
        (aid, sid): (off, text)
        for aid, sid, off, text in zip(*(wanted[c].tolist() for c in
                                          ("article_id", "sentence_id", "start_char", "sentence_text")))
    }
    kinds_of = hits.groupby("article_id")["source_kind"].agg(
        lambda k: ", ".join(sorted({_str(x) for x in k})))
    blocks = []
    for aid, outlet in zip(articles["article_id"].tolist(), articles["outlet"].tolist()):
        items = []
        for sid, spans in sorted(by_article.get(aid, {}).items()):
            if (aid, sid) not in sent:
                continue
            off, text = sent[(aid, sid)]
            spans = [(int(s) - off, int(e) - off, t) for s, e, t in spans
                     if not (pd.isna(s) or pd.isna(e))]
            items.append(f"<li>{_marked(_str(text), spans)}</li>")
        body = f"<ul>{''.join(items)}</ul>" if items else '<p class="wb-note">does not cite it</p>'
        blocks.append(
            f'<div class="wb-source"><b>{escape(_str(outlet))}</b> '
            f'<span class="wb-note">{escape(kinds_of.get(aid, ""))}</span>{body}</div>'
        )
    return f'{_CSS}<div class="wb-view">{"".join(blocks)}</div>'
