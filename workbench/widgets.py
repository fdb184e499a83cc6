"""Widgets for exploring one story: pickers, filters, the aligned viewer, the source inspector.

Each builder returns an ipywidgets container whose callbacks only select rows (by story,
outlet, kind, date range) and call tested functions of :mod:`workbench.views` and
:mod:`workbench.charts`. Tables are indexed by story once, so an update touches only the rows of
the picked story (see ``benchmarks/bench_widgets.py``).

Builders take a :class:`workbench.Corpus` or any object with the same table attributes
(``articles``, ``sentences``, ``stories``, ``alignments``, ``discrepancies``, ``sources``,
``story_sources``, ``story_dates``).
"""

from __future__ import annotations

import os

import altair as alt
import ipywidgets as w
import pandas as pd
from IPython.display import HTML

from workbench import charts, edit_keys, views
from workbench.compare.story_index import ALL_ARTICLES, plain_text, short_label
from workbench.compare.story_index import StoryIndex as _StoryIndex
from workbench.render import export_chart

__all__ = [
    "ALL_ARTICLES",
    "Dashboard",
    "StoryIndex",
    "MAX_COMPARED",
    "aligned_view",
    "article_select",
    "compare_dashboard",
    "correction_panel",
    "date_explorer",
    "date_range_filter",
    "disagreements_view",
    "discrepancy_table",
    "kind_filter",
    "omissions_panel",
    "outlet_select",
    "source_inspector",
    "story_picker",
]

#: Articles the aligned view compares at most.
MAX_COMPARED = 4


class StoryIndex(_StoryIndex):
    """:class:`workbench.compare.story_index.StoryIndex` with what the widgets need on top.

    When ``stories`` is empty (no grouping available), all articles form one pseudo-story
    :data:`ALL_ARTICLES`, labelled as such.
    """

    def __init__(self, corpus):
        super().__init__(corpus)
        self._cells: dict[str, pd.DataFrame] = {}

    def cells(self, story_id: str) -> pd.DataFrame:
        """The story's sentences laid out for the aligned view (cached per story)."""
        if story_id not in self._cells:
            self._cells[story_id] = views.prepare_aligned(
                self.table("articles", story_id), self.table("sentences", story_id),
                self.table("alignments", story_id))
        return self._cells[story_id]

    def default_articles(self, story_id: str, *, limit: int = MAX_COMPARED) -> list[str]:
        """Up to ``limit`` article ids of a story to compare first.

        The articles that take part in most of the story's disagreements (omissions not
        counted) come first, then the rest in corpus order.
        """
        ids = self.article_ids(story_id)
        d = views.disagreements(self.table("discrepancies", story_id))
        count = d.loc[d["value_text"].notna(), "article_id"].value_counts()
        ranked = sorted(ids, key=lambda a: (-int(count.get(a, 0)), ids.index(a)))
        return ranked[:limit]


class Dashboard(w.VBox):
    """A ``VBox`` that also carries a static HTML snapshot of its views.

    Live frontends (JupyterLab, Voila) render the widgets; static renderings (the HTML of
    ``make report``, a notebook viewed without a kernel) show the snapshot instead: the HTML
    views as they are, and charts as SVG images (also exported when ``WORKBENCH_REPORT_DIR`` is
    set).
    """

    def snapshot_html(self) -> str:
        """Static HTML of the current views, in order."""
        parts = []
        for child in self.children:
            if isinstance(child, w.HTML):
                parts.append(child.value)
            elif isinstance(child, alt.JupyterChart) and child.spec:
                # an <img> of the SVG: never live markup, whatever article text the chart holds
                parts.append(export_chart(child.spec)["text/html"]
                             if os.environ.get("WORKBENCH_REPORT_DIR")
                             else charts.chart_img_html(child.spec))
        return "".join(parts)

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/html"] = self.snapshot_html()
        return bundle


def aligned_view(
    index: StoryIndex, story_id: str | None, *, kinds=None, article_ids=None
) -> HTML:
    """The aligned side-by-side view of two to four articles of one story, as a static display.

    Args:
        index: The corpus's :class:`StoryIndex`.
        story_id: The story (see :meth:`StoryIndex.pick`).
        kinds: Discrepancy kinds to highlight (all when omitted).
        article_ids: The articles to compare, in column order (at most :data:`MAX_COMPARED`
            are shown); :meth:`StoryIndex.default_articles` when omitted.

    Returns:
        An ``IPython.display.HTML`` of escaped markup.
    """
    if story_id is None:
        return HTML(views.message_html("No articles loaded."))
    ids = list(article_ids) if article_ids is not None else index.default_articles(story_id)
    return HTML(_aligned_html(index, story_id, ids[:MAX_COMPARED], kinds))


def _aligned_html(index: StoryIndex, story_id: str, ids: list[str], kinds,
                  disagreements_only: bool = False) -> str:
    if not ids:
        return views.message_html("Pick two to four articles to compare.")
    arts = index.articles.set_index("article_id").loc[ids].reset_index()
    disc = _discrepancies(index, story_id, disagreements_only=disagreements_only, kinds=kinds)
    disc = disc.loc[disc["article_id"].isin(ids)]
    return views.render_aligned(index.cells(story_id), arts, discrepancies=disc)


def disagreements_view(
    index: StoryIndex, story_id: str | None, *, n: int = 5, kinds=None
) -> HTML:
    """What the outlets of one story disagree about, most salient first (static display).

    See :func:`workbench.views.disagreements_html`: per disputed fact, each outlet's value,
    the time it is given for and the sentence; omissions are left out.
    """
    if story_id is None:
        return HTML(views.message_html("No articles loaded."))
    return HTML(views.disagreements_html(index.table("discrepancies", story_id),
                                         articles=index.articles, n=n, kinds=kinds))


def discrepancy_table(
    index: StoryIndex, story_id: str | None, *, disagreements_only: bool = False, kinds=None
) -> HTML:
    """The discrepancy table of one story with outlet names, sorted by salience (static).

    Args:
        index: The corpus's :class:`StoryIndex`.
        story_id: The story.
        disagreements_only: Leave out omissions (``relation == 'omission'``).
        kinds: Only these kinds (all when omitted).
    """
    if story_id is None:
        return HTML(views.message_html("No articles loaded."))
    return HTML(views.discrepancy_table_html(
        _discrepancies(index, story_id, disagreements_only=disagreements_only, kinds=kinds),
        articles=index.articles))


def _discrepancies(index: StoryIndex, story_id: str, *, disagreements_only: bool, kinds):
    disc = index.table("discrepancies", story_id)
    if kinds is not None:
        disc = disc.loc[disc["kind"].isin(list(kinds))]
    return views.disagreements(disc) if disagreements_only else disc


def _omissions_html(index: StoryIndex, story_id: str | None) -> str:
    if story_id is None:
        return views.message_html("No articles loaded.")
    om = getattr(index.corpus, "outlet_omissions", None)
    om = index.table("outlet_omissions", story_id) if om is not None else pd.DataFrame(
        columns=["article_id"])
    summary = views.omission_summary(index.table("discrepancies", story_id), om,
                                     index.table("articles", story_id))
    return views.table_html(summary.drop(columns=["article_id"]))


def omissions_panel(index: StoryIndex, story_id: str | None) -> w.Accordion:
    """What each outlet of a story leaves out, behind a collapsed toggle.

    Returns:
        A closed ``Accordion`` with one ``HTML`` child: per article (outlet and headline), the
        values other outlets give and it does not, and its share of omitted aligned facts
        (:func:`workbench.views.omission_summary`).
    """
    body = w.HTML(_omissions_html(index, story_id))
    panel = w.Accordion(children=[body], selected_index=None)
    panel.set_title(0, "Omissions: what each outlet leaves out")
    panel.body = body
    return panel


def article_select(options: list[tuple[str, str]], value, *, limit: int = MAX_COMPARED):
    """A multi-select of a story's articles (label: outlet — headline; value: article ids).

    Selecting more than ``limit`` keeps the earlier picks and the newest ones up to ``limit``.
    """
    box = w.SelectMultiple(options=options, value=tuple(value)[:limit],
                           description="Compare", rows=min(8, max(2, len(options))),
                           layout=w.Layout(width="60%"))

    def cap(change):
        new = list(change["new"])
        if len(new) > limit:
            old = list(change["old"])
            keep = [a for a in new if a in old] + [a for a in new if a not in old]
            box.value = tuple(keep[:limit])

    box.observe(cap, names="value")
    return box


def story_picker(index: StoryIndex) -> w.Dropdown:
    """A dropdown of the corpus's stories (value: ``story_id``)."""
    opts = index.options()
    return w.Dropdown(options=opts, value=opts[0][1] if opts else None, description="Story",
                      layout=w.Layout(width="95%"))


def outlet_select(outlets: list[str]) -> w.SelectMultiple:
    """A multi-select of outlets, all selected (value: tuple of outlet names)."""
    return w.SelectMultiple(options=outlets, value=tuple(outlets), description="Outlets",
                            rows=min(6, max(2, len(outlets))))


def kind_filter(kinds: list[str]) -> w.SelectMultiple:
    """A multi-select of discrepancy kinds, all selected."""
    return w.SelectMultiple(options=kinds, value=tuple(kinds), description="Kinds",
                            rows=min(6, max(2, len(kinds))))


def date_range_filter(dates: pd.Series) -> w.SelectionRangeSlider:
    """A range slider over the distinct days in ``dates`` (value: (first, last) Timestamps)."""
    days = sorted({d.normalize() for d in pd.to_datetime(dates).dropna()})
    if not days:
        days = [pd.Timestamp("1970-01-01")]
    opts = [(d.strftime("%Y-%m-%d"), d) for d in days]
    return w.SelectionRangeSlider(options=opts, index=(0, len(opts) - 1), description="Dates",
                                  layout=w.Layout(width="95%"), continuous_update=False)


def _chart_widget(chart) -> alt.JupyterChart:
    alt.JupyterChart.enable_offline()
    return alt.JupyterChart(chart)


def _redraw(widget: alt.JupyterChart, chart) -> None:
    # The builders' specs are schema-validated in tests; re-validating on every update would
    # cost more than the rest of the update.
    widget.spec = chart.to_dict(validate=False)


_KINDS = ["count", "quantity", "date", "place", "person", "organization", "source", "speaker",
          "cause"]


def compare_dashboard(corpus, *, index: StoryIndex | None = None) -> w.VBox:
    """What the outlets disagree about, then the aligned text of the articles one picks.

    Args:
        corpus: A :class:`workbench.Corpus` (or an object with its tables).
        index: A prebuilt :class:`StoryIndex` (built from ``corpus`` when omitted).

    Returns:
        A ``VBox``; its ``.children`` are the story picker, the top disagreements (``HTML``),
        the omissions toggle (``Accordion``), the controls (articles to compare, at most
        :data:`MAX_COMPARED`; discrepancy kinds; "disagreements only"), the aligned view
        (``HTML``, the values of the shown discrepancies marked), the discrepancy chart
        (``JupyterChart``) and table (``HTML``). The parts
        are also attributes ``picker``, ``summary``, ``omissions``, ``articles``, ``kinds``,
        ``disagreements_only``, ``view``, ``chart``, ``table``. The chart and table cover
        every outlet of the story; the aligned view the picked articles.
    """
    index = index or StoryIndex(corpus)
    picker = story_picker(index)
    sid0 = picker.value
    articles = article_select(index.article_options(sid0) if sid0 else [],
                              index.default_articles(sid0) if sid0 else [])
    present = set(corpus.discrepancies["kind"].dropna())
    kinds = kind_filter([k for k in _KINDS if k in present] + sorted(present - set(_KINDS)))
    only = w.ToggleButton(value=True, description="Disagreements only",
                          tooltip="Hide omissions (values one outlet gives and another does not)")
    summary = w.HTML(layout=w.Layout(width="100%"))
    omissions = omissions_panel(index, sid0)
    view = w.HTML(layout=w.Layout(width="100%"))
    table = w.HTML()
    chart = _chart_widget(charts.discrepancy_chart(corpus.discrepancies.iloc[:0]))
    busy = {"articles": False}

    def selected_kinds():
        return list(kinds.value) if len(kinds.options) else None

    def show_view(*_):
        if busy["articles"] or picker.value is None:
            return
        view.value = _aligned_html(index, picker.value, list(articles.value)[:MAX_COMPARED],
                                   selected_kinds(), only.value)

    def show_discrepancies(*_):
        sid = picker.value
        if sid is None:
            return
        disc = _discrepancies(index, sid, disagreements_only=only.value, kinds=selected_kinds())
        table.value = views.discrepancy_table_html(disc, articles=index.articles)
        _redraw(chart, charts.discrepancy_chart(disc))

    def refresh(*_):
        sid = picker.value
        if sid is None:
            view.value = summary.value = views.message_html("No articles loaded.")
            return
        summary.value = views.disagreements_html(index.table("discrepancies", sid),
                                                 articles=index.articles)
        omissions.body.value = _omissions_html(index, sid)
        show_view()
        show_discrepancies()

    def new_story(change):
        busy["articles"] = True
        articles.options = index.article_options(change["new"])
        articles.value = tuple(index.default_articles(change["new"]))
        busy["articles"] = False
        refresh()

    def new_filter(*_):
        show_view()
        show_discrepancies()

    picker.observe(new_story, names="value")
    articles.observe(show_view, names="value")
    kinds.observe(new_filter, names="value")
    only.observe(new_filter, names="value")
    refresh()
    box = Dashboard([picker, summary, omissions, w.HBox([articles, kinds, only]), view, chart,
                     table])
    box.picker, box.summary, box.omissions, box.articles, box.kinds = (
        picker, summary, omissions, articles, kinds)
    box.disagreements_only, box.view, box.chart, box.table = only, view, chart, table
    box.add_class("wb-dashboard")
    return box


def source_inspector(corpus, *, index: StoryIndex | None = None) -> w.VBox:
    """Pick a story and a source; see the sentences that cite it in every outlet.

    Sources are matched across outlets by ``story_source_key`` (``corpus.story_sources``).

    Returns:
        A ``VBox`` with attributes ``picker``, ``source`` (Dropdown of story sources, value:
        ``story_source_key``) and ``view`` (``HTML``).
    """
    index = index or StoryIndex(corpus)
    picker = story_picker(index)
    source = w.Dropdown(description="Source", layout=w.Layout(width="95%"))
    view = w.HTML()
    busy = {"source": False}

    def show(*_):
        if busy["source"]:
            return
        sid = picker.value
        mentions = None
        if sid is not None and source.value is not None:
            ss = index.table("story_sources", sid)
            pairs = ss.loc[ss["story_source_key"] == source.value, ["article_id", "source_key"]]
            mentions = index.table("sources", sid).merge(pairs.drop_duplicates(),
                                                         on=["article_id", "source_key"])
        view.value = views.source_sentences_html(
            index.table("articles", sid) if sid else index.articles.iloc[:0],
            index.table("sentences", sid) if sid else corpus.sentences.iloc[:0], mentions,
        )

    def new_story(*_):
        ss = index.table("story_sources", picker.value) if picker.value else None
        opts = []
        if ss is not None and len(ss):
            name = ss["source_name"].where(ss["source_name"].notna(), ss["source_text"])
            g = ss.assign(_name=name).groupby("story_source_key", sort=False)
            summary = pd.DataFrame({"label": g["_name"].first(), "n": g["article_id"].nunique(),
                                    "kind": g["source_kind"].first()})
            summary = summary.sort_values("n", ascending=False, kind="stable")
            opts = [(f"{label} [{kind}] (cited by {n} of the story's articles)", key)
                    for key, label, n, kind in zip(summary.index, summary["label"], summary["n"],
                                                   summary["kind"])]
        busy["source"] = True
        source.options = opts
        source.value = opts[0][1] if opts else None
        busy["source"] = False
        show()

    picker.observe(new_story, names="value")
    source.observe(show, names="value")
    new_story()
    box = Dashboard([picker, source, view])
    box.picker, box.source, box.view = picker, source, view
    return box


def date_explorer(corpus, *, index: StoryIndex | None = None) -> w.VBox:
    """Pick a story and a date range; see the dates each outlet gives as intervals.

    Returns:
        A ``VBox`` with attributes ``picker``, ``dates`` (range slider), ``chart``
        (``JupyterChart``) and ``table`` (``HTML``).
    """
    index = index or StoryIndex(corpus)
    picker = story_picker(index)
    story_dates = corpus.story_dates
    dates = date_range_filter(pd.concat([story_dates["start_date"], story_dates["end_date"]]))
    cols = ["outlet", "subject", "timex_text", "start_date", "end_date", "granularity"]
    chart = _chart_widget(charts.date_intervals_chart(story_dates.loc[:, cols].iloc[:0]))
    table = w.HTML()

    def show(*_):
        tx = index.table("story_dates", picker.value) if picker.value else story_dates.iloc[:0]
        lo, hi = dates.value
        end = tx["end_date"].fillna(tx["start_date"])
        tx = tx.loc[(tx["start_date"] < hi + pd.Timedelta(days=1)) & (end >= lo)]
        sel = tx.loc[:, cols]
        _redraw(chart, charts.date_intervals_chart(sel))
        table.value = views.table_html(sel)

    picker.observe(show, names="value")
    dates.observe(show, names="value")
    show()
    box = Dashboard([picker, dates, chart, table])
    box.picker, box.dates, box.chart, box.table = picker, dates, chart, table
    return box


def correction_panel(corpus) -> Dashboard:
    """Correct a corpus by hand: merge or split stories; correct, add or remove a row.

    Every change goes through :class:`workbench.Corpus` (``merge_stories``, ``split_story``,
    ``correct``, ``add_row``, ``remove_row``), which records it in the edit log with the coder's
    name and note (:mod:`workbench.corrections`), so it is re-applied after every recompute;
    with a store, reopening it keeps the edits. The latest edits are listed below the controls.

    Returns:
        A ``VBox`` with attributes ``coder``, ``note``, ``stories`` and ``articles``
        (``SelectMultiple``), ``merge`` and ``split`` (buttons), ``table``, ``article``, ``row``
        and ``field`` (Dropdowns), ``current`` (``HTML``), ``value`` (``Text``), ``correct``,
        ``remove`` and ``add`` (buttons), ``start`` and ``end`` (``IntText``: the span of a row
        to add), ``status`` and ``edits`` (``HTML``: the latest edits).
    """
    import html
    import json

    wide = w.Layout(width="95%")
    coder = w.Text(value=edit_keys.default_coder(), description="Coder")
    note = w.Text(description="Note", placeholder="why (kept with the edit)", layout=wide)
    stories = w.SelectMultiple(description="Stories", layout=wide, rows=6)
    articles = w.SelectMultiple(description="Articles", layout=wide, rows=6)
    merge = w.Button(description="Merge stories")
    split = w.Button(description="Split off articles")
    table = w.Dropdown(options=list(edit_keys.ROW_KEYS), value="sources", description="Table")

    def article_options():
        arts = corpus.articles  # labels follow corrected outlets and headlines
        return [(short_label(f"{plain_text(o)}: {plain_text(h)}"), a) for a, o, h in
                zip(arts["article_id"], arts["outlet"], arts["headline"])]

    article = w.Dropdown(options=article_options(), description="Article", layout=wide)
    row = w.Dropdown(description="Row", layout=wide)
    field = w.Dropdown(description="Field")
    current = w.HTML()
    value = w.Text(description="New value", layout=wide)
    correct = w.Button(description="Correct")
    remove = w.Button(description="Remove row")
    start, end = w.IntText(description="Start"), w.IntText(description="End")
    add = w.Button(description="Add row at span")
    status, log_view = w.HTML(), w.HTML()
    busy = {"rows": False}

    def refresh_stories():
        st = corpus.stories
        sizes = st.groupby("story_id", sort=False)["article_id"].count()
        labels = st.drop_duplicates("story_id").set_index("story_id")["story_label"]
        stories.options = [(short_label(f"{plain_text(labels[s])} ({n} articles)"), s)
                           for s, n in sizes.items()]
        articles.options = options = article_options()
        busy["rows"] = True
        kept = article.value
        article.options = options
        article.value = kept
        busy["rows"] = False

    def refresh_rows(*_):
        if article.value is None or busy["rows"]:
            return
        kept_row, kept_field = row.value, field.value
        choices = edit_keys.row_choices(corpus, table.value, article.value)
        fields = edit_keys.editable_fields(table.value)
        busy["rows"] = True  # no view of a row of one table with a field of another
        row.options, field.options = choices, fields
        values = [v for _, v in choices]
        row.value = kept_row if kept_row in values else (values[0] if values else None)
        field.value = kept_field if kept_field in fields else fields[0]
        busy["rows"] = False
        show_current()

    def show_current(*_):
        if busy["rows"]:
            return
        if row.value is None or field.value is None:
            current.value = ""
            return
        now = edit_keys.current_value(corpus, table.value, json.loads(row.value), field.value)
        current.value = (f"<code>{html.escape(field.value)}</code> now: "
                         + html.escape(plain_text(now)))

    def show_log():
        edits = corpus.edit_log.table().tail(10).iloc[::-1]
        cols = ["edited_datetime", "coder_name", "action", "table_name", "row_key",
                "new_values", "edit_note"]
        log_view.value = views.table_html(edits[cols]) if len(edits) else ""

    def run(what, action):
        def click(_):
            try:
                done = action()
            except (KeyError, ValueError) as exc:
                status.value = f"<b>Not done:</b> {html.escape(str(exc))}"
                return
            status.value = html.escape(f"{what}: done" if done is not False else
                                       f"{what}: nothing to change")
            refresh_stories()
            refresh_rows()
            show_log()
        return click

    def do_merge():
        if len(stories.value) < 2:
            raise ValueError("pick two or more stories to merge")
        corpus.merge_stories(list(stories.value), coder=coder.value, note=note.value)

    def do_split():
        corpus.split_story(article_ids=list(articles.value), coder=coder.value, note=note.value)

    def do_correct():
        return corpus.correct(table.value, json.loads(row.value), coder=coder.value,
                              note=note.value, **{field.value: value.value}) is not None

    def do_remove():
        corpus.remove_row(table.value, json.loads(row.value), coder=coder.value, note=note.value)

    def do_add():
        span = edit_keys.span_columns(table.value)
        if span is None:
            raise ValueError(f"rows of {table.value!r} cannot be added")
        key = {"article_id": article.value, span[0]: start.value, span[1]: end.value}
        values = {field.value: value.value} if value.value else {}
        corpus.add_row(table.value, key, coder=coder.value, note=note.value, **values)

    merge.on_click(run("merge", do_merge))
    split.on_click(run("split", do_split))
    correct.on_click(run("correction", do_correct))
    remove.on_click(run("removal", do_remove))
    add.on_click(run("addition", do_add))
    table.observe(refresh_rows, names="value")
    article.observe(refresh_rows, names="value")
    row.observe(show_current, names="value")
    field.observe(show_current, names="value")
    refresh_stories()
    refresh_rows()
    show_log()
    where = ("kept in the store's edits.jsonl" if corpus.store is not None else
             "kept for this session only (load with store=... to keep them)")
    head = w.HTML(f"<b>Corrections</b>: every edit is recorded with the coder and note, {where}.")
    box = Dashboard([  # static renderings (saved notebooks, reports) show head and edits
        head, w.HBox([coder, note]),
        w.Tab(children=[
            w.VBox([stories, merge, articles, split]),
            w.VBox([table, article, row, field, current, value, w.HBox([correct, remove]),
                    w.HBox([start, end, add])]),
        ], titles=("Stories", "Rows")),
        status, log_view,
    ])
    for name, widget in dict(coder=coder, note=note, stories=stories, articles=articles,
                             merge=merge, split=split, table=table, article=article, row=row,
                             field=field, current=current, value=value, correct=correct,
                             remove=remove, add=add, start=start, end=end, status=status,
                             edits=log_view).items():
        setattr(box, name, widget)
    return box
