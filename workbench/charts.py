"""Charts: Altair figures built from tidy, already-aggregated comparison tables.

Every ``<subject>_chart`` function takes one tidy frame (columns named as in
:mod:`workbench.schema`), selects nothing beyond what it is given, and returns an Altair chart
with typed encodings, a title and tooltips. Reshaping belongs in :mod:`workbench.compare`.

One theme, ``workbench``, is registered (and enabled) the first time a chart is built, never at
import time. Rendering without network is set up by :func:`enable_offline_rendering`, which the
notebooks call once: Altair's default HTML renderer would fetch Vega from a CDN. A chart then
displays as a live widget that also carries static SVG and PNG renderings
(:func:`chart_bundle`), so a saved notebook shows it without a kernel (nbviewer, GitHub,
nbconvert, a notebook opened untrusted).
"""

from __future__ import annotations

import base64
import os
import re

import altair as alt
import pandas as pd

from workbench.render import enable_report_renderer
from workbench.theme import CHART_WIDTH, THEME, use_theme

__all__ = [
    "NOT_REPORTED",
    "RENDERER",
    "THEME",
    "anonymous_share_chart",
    "chart_bundle",
    "chart_img_html",
    "coverage_chart",
    "date_intervals_chart",
    "discrepancy_chart",
    "discrepancy_kinds_chart",
    "enable_offline_rendering",
    "outlet_share_chart",
    "running_figure_chart",
    "sourcing_chart",
    "static_svg",
    "timeline_chart",
    "use_theme",
    "wire_copy_share_chart",
]

#: Width of one outlet column in the matrix charts (the chart grows with the outlets).
_STEP = 150
#: Label of a cell where an article does not report the disputed value.
NOT_REPORTED = "(not reported)"
#: Name of the Altair renderer :func:`enable_offline_rendering` enables in notebooks.
RENDERER = "workbench"


def enable_offline_rendering(*, report_dir: str | os.PathLike | None = None) -> str:
    """Make charts display with no network access; call once per notebook.

    In JupyterLab and Voila charts render through ``alt.JupyterChart`` (an anywidget) with the
    Vega bundle inlined, and carry static SVG and PNG renderings for a saved notebook
    (:func:`chart_bundle`). When ``report_dir`` (or the ``WORKBENCH_REPORT_DIR`` environment
    variable, set by ``make report``) is given, charts render as static SVG instead and every
    displayed chart is also exported there as PNG and SVG (see :mod:`workbench.report`).

    Args:
        report_dir: Folder to export every displayed chart to.

    Returns:
        The name of the enabled Altair renderer.
    """
    use_theme()
    report_dir = report_dir or os.environ.get("WORKBENCH_REPORT_DIR")
    if report_dir:
        return enable_report_renderer(report_dir)
    alt.JupyterChart.enable_offline()
    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, chart_bundle)
    alt.renderers.enable(RENDERER)
    return RENDERER


def static_svg(chart: alt.TopLevelMixin | dict) -> str:
    """Render a chart (or its Vega-Lite spec) as SVG text, locally with vl-convert."""
    import vl_convert as vlc

    from workbench.export import _vl_version, chart_spec

    return vlc.vegalite_to_svg(chart_spec(chart), vl_version=_vl_version())


def chart_img_html(chart: alt.TopLevelMixin | dict, *, svg: str | None = None) -> str:
    """The chart as an HTML ``<img>``: its SVG as a data URI, with a text description as ``alt``.

    An SVG shown through ``<img>`` never runs script, whatever text the chart holds (article
    text is untrusted); the ``alt`` text is escaped.

    Args:
        chart: A chart or its Vega-Lite spec.
        svg: The chart's SVG when already drawn (else drawn here, :func:`static_svg`).
    """
    import html

    from workbench.export import chart_spec
    from workbench.render import chart_alt_text

    spec = chart_spec(chart)
    data = base64.b64encode((svg or static_svg(spec)).encode("utf-8")).decode("ascii")
    return (f'<img alt="{html.escape(chart_alt_text(spec), quote=True)}" '
            f'src="data:image/svg+xml;base64,{data}">')


def _svg_size(svg: str) -> tuple[float, float]:
    head = svg[: svg.find(">", svg.find("<svg")) + 1]
    size = [re.search(rf'\b{k}="([0-9.]+)', head) for k in ("width", "height")]
    return tuple(float(m.group(1)) if m else 0.0 for m in size)


def chart_bundle(spec: dict, **_) -> tuple[dict, dict]:
    """The display bundle of a chart: live widget, static SVG and PNG, and a text description.

    JupyterLab and Voila with a kernel show the live ``alt.JupyterChart`` widget; where its
    model is gone (a saved notebook in nbviewer, on GitHub, exported by nbconvert) the
    renderer falls back to the SVG, and JupyterLab shows an untrusted notebook's PNG (the
    image type it renders without trust). Everything is rendered locally (vl-convert).

    Args:
        spec: A Vega-Lite spec (``chart.to_dict()``), as Altair passes to a renderer.

    Returns:
        ``(data, metadata)``: the widget view, ``image/svg+xml``, ``image/png`` (drawn at
        twice the size, shown at the chart's size) and ``text/plain`` (what the chart shows).
    """
    import vl_convert as vlc

    from workbench.render import chart_alt_text

    alt.JupyterChart.enable_offline()
    data = alt.JupyterChart(chart=alt.Chart.from_dict(spec))._repr_mimebundle_() or {}
    if isinstance(data, tuple):
        data = data[0]
    svg = static_svg(spec)
    width, height = _svg_size(svg)
    bundle = {**data, "image/svg+xml": svg,
              "image/png": base64.b64encode(vlc.svg_to_png(svg, scale=2)).decode("ascii"),
              "text/plain": chart_alt_text(spec)}
    metadata = {"image/png": {"width": width, "height": height}} if width and height else {}
    return bundle, metadata


def _data(df: pd.DataFrame, required: list[str], name: str) -> pd.DataFrame:
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise ValueError(f"{name}: missing columns {missing}; got {list(df.columns)}")
    return df


def _inline(df: pd.DataFrame, columns: list[str]) -> alt.InlineData:
    """The columns a chart draws, as strict-JSON rows: missing values are null, dates ISO.

    Passing rows rather than the frame keeps gaps as ``null`` (Altair on pandas 3 turns them
    into NaN, which is not JSON: a live widget then fails to receive the spec) and keeps
    unused columns (article text, evidence) out of the page.
    """
    cols = [c for c in columns if c in df.columns]
    values = {}
    for c in cols:
        col = df[c]
        if pd.api.types.is_datetime64_any_dtype(col):
            text = col.dt.strftime("%Y-%m-%dT%H:%M:%S").astype(object)
            values[c] = [None if pd.isna(v) else v for v in text.tolist()]
        else:
            values[c] = [None if not isinstance(v, list | dict) and pd.isna(v) else v
                         for v in col.astype(object).tolist()]
    return alt.InlineData(values=[dict(zip(cols, row)) for row in zip(*values.values())])


def _empty_note(chart, df: pd.DataFrame, title: str, *, shown: str = ""):
    if not len(df):
        return chart.properties(title=alt.Title(title, subtitle="no data for this selection"))
    return chart.properties(title=alt.Title(title, subtitle=shown) if shown else title)


#: Characters of an axis label drawn at most (the whole text is in the tooltip). Vega cuts a
#: longer label by measuring it again and again, which made a chart with sentence-long labels
#: take seconds to draw (5.8 s instead of 0.9 s for 30 facts).
_LABEL_CHARS = 52
#: Characters of a cell's value drawn at most (11 px text in a 150 px column).
_CELL_CHARS = 22
_SHORT_LABEL = (f"length(datum.label) > {_LABEL_CHARS} ? "
                f"substring(datum.label, 0, {_LABEL_CHARS - 1}) + '\u2026' : datum.label")


def _shown(df: pd.DataFrame, kept: pd.DataFrame, key: str, what: str) -> str:
    """Subtitle of a capped chart: how many of the ``key`` values it draws."""
    total, drawn = df[key].nunique(), kept[key].nunique()
    return f"the {drawn} {what} of {total}" if drawn < total else ""


def sourcing_chart(sourcing: pd.DataFrame) -> alt.Chart:
    """Sources cited by each outlet, stacked by kind.

    Args:
        sourcing: One row per (article or outlet, source_kind): ``outlet``, ``source_kind``,
            ``distinct_source_count`` (distinct sources of that kind), as ``corpus.sourcing``.
            An outlet's rows are summed.

    Returns:
        A horizontal stacked bar chart.
    """
    use_theme()
    df = _data(sourcing, ["outlet", "source_kind", "distinct_source_count"], "sourcing_chart")
    chart = (
        alt.Chart(_inline(df, ["outlet", "source_kind", "distinct_source_count"]))
        .mark_bar()
        .encode(
            y=alt.Y("outlet:N", title="Outlet", sort="-x"),
            x=alt.X("sum(distinct_source_count):Q", title="Distinct sources cited"),
            color=alt.Color("source_kind:N", title="Kind of source"),
            tooltip=[
                alt.Tooltip("outlet:N", title="Outlet"),
                alt.Tooltip("source_kind:N", title="Kind"),
                alt.Tooltip("sum(distinct_source_count):Q", title="Sources"),
            ],
        )
    )
    return _empty_note(chart, df, "Whom each outlet cites")


def outlet_share_chart(
    shares: pd.DataFrame, *, field: str = "anonymous_share", title: str | None = None
) -> alt.Chart:
    """A 0..1 share per outlet as bars (anonymous-source share, wire-copy share, ...).

    Args:
        shares: One row per outlet, or per article (an outlet's bar is then the mean over its
            articles, with the article count in the tooltip): ``outlet`` and ``field`` (0..1).
            With an ``article_id`` column, rows repeating an article's share (as in
            ``corpus.sourcing``, one row per kind) count once.
        field: The ``_share`` column to draw.
        title: Chart title; derived from ``field`` when omitted.

    Returns:
        A horizontal bar chart with a 0..1 percentage axis.
    """
    use_theme()
    df = _data(shares, ["outlet", field], "outlet_share_chart")
    keys = [c for c in ("story_id", "article_id") if c in df.columns]
    if "article_id" in keys:
        # per-article shares may repeat on several rows (corpus.sourcing has one per kind)
        df = df.drop_duplicates(keys)
    label = field.replace("_", " ").capitalize()
    chart = (
        alt.Chart(_inline(df, ["outlet", field]))
        .mark_bar()
        .encode(
            y=alt.Y("outlet:N", title="Outlet", sort="-x"),
            x=alt.X(f"mean({field}):Q", title=label, scale=alt.Scale(domain=[0, 1]),
                    axis=alt.Axis(format="%")),
            tooltip=[alt.Tooltip("outlet:N", title="Outlet"),
                     alt.Tooltip(f"mean({field}):Q", title=label, format=".0%"),
                     alt.Tooltip("count():Q", title="Articles")],
        )
    )
    return _empty_note(chart, df, title or f"{label} by outlet")


def anonymous_share_chart(shares: pd.DataFrame) -> alt.Chart:
    """Share of each outlet's distinct sources that are anonymous.

    Args:
        shares: One row per outlet or per article: ``outlet``, ``anonymous_share`` (0..1).

    Returns:
        A horizontal bar chart.
    """
    return outlet_share_chart(shares, field="anonymous_share",
                              title="Anonymous sources: share of each outlet's sources")


def date_intervals_chart(dates: pd.DataFrame, *, max_dates: int | None = 12) -> alt.Chart:
    """Dates each outlet gives, drawn as the intervals they denote.

    A day is drawn as a one-day bar (``end_date`` is inclusive); a missing ``end_date`` (open
    interval) is drawn as a point at ``start_date``.

    Args:
        dates: One row per (article, date expression), as ``corpus.story_dates``: ``outlet``,
            ``timex_text``, ``start_date``, ``end_date`` (and ``subject``, shown in tooltips).
        max_dates: Dates (``subject`` and text as written) drawn at most: those the most
            articles give (ties: first seen); every outlet has a lane for each. None draws all.

    Returns:
        A layered chart: interval bars plus start points.
    """
    use_theme()
    full = _data(dates, ["outlet", "timex_text", "start_date", "end_date"],
                 "date_intervals_chart")
    has_subject = "subject" in full.columns
    lane = ((full["subject"].fillna("").astype(str) if has_subject else "") + " | "
            + full["timex_text"].fillna("").astype(str))
    full = full.assign(_lane=lane)
    df = _top_by(full, "_lane", full.groupby("_lane")["_lane"].transform("size").astype(float),
                 max_dates)
    tooltip = [
        alt.Tooltip("outlet:N", title="Outlet"),
        *([alt.Tooltip("subject:N", title="Date of")] if has_subject else []),
        alt.Tooltip("timex_text:N", title="As written"),
        alt.Tooltip("start_date:T", title="From", format="%Y-%m-%d"),
        alt.Tooltip("end_date:T", title="To (inclusive)", format="%Y-%m-%d"),
    ]
    label = "subject" if has_subject else "timex_text"
    base = (
        alt.Chart()
        .transform_calculate(lane="(datum.subject || '') + ' | ' + (datum.timex_text || '')")
        .encode(
            y=alt.Y("outlet:N", title="Outlet"),
            yOffset=alt.YOffset("lane:N"),
            color=alt.Color(f"{label}:N", title="Date of" if has_subject else "Date as written"),
            tooltip=tooltip,
        )
    )
    bars = (
        base.transform_filter("isValid(datum.end_date)")
        .transform_calculate(end_next="timeOffset('date', toDate(datum.end_date), 1)")
        .mark_bar(height={"band": 0.8}, opacity=0.75)
        .encode(x=alt.X("start_date:T", title="Date"), x2="end_next:T")
    )
    points = base.mark_point(filled=True, size=60, shape="triangle-right").encode(
        x=alt.X("start_date:T", title="Date")
    )
    chart = alt.layer(bars, points, data=_inline(
        df, ["outlet", "subject", "timex_text", "start_date", "end_date"]))
    return _empty_note(chart, df, "Dates each outlet gives",
                       shown=_shown(full, df, "_lane", "dates the most articles give"))


def timeline_chart(timeline: pd.DataFrame, *, value: str = "value_numeric") -> alt.Chart:
    """How each reported fact moved as the story developed.

    Args:
        timeline: One row per (subject, article), as ``corpus.story_timeline``: ``subject``,
            ``outlet``, ``published_date``, ``value_text`` and the ``value`` column.
        value: ``value_numeric`` (counts, numbers) or ``value_date`` (dates given).

    Returns:
        Lines with points: x publication time, y the value given, one colour per subject.
        Rows without a publication date or without the value are not drawn.
    """
    use_theme()
    if value not in ("value_numeric", "value_date"):
        raise ValueError("value must be 'value_numeric' or 'value_date'")
    df = _data(
        timeline, ["subject", "outlet", "published_date", value, "value_text"], "timeline_chart",
    )
    y = (alt.Y("value_numeric:Q", title="Value reported") if value == "value_numeric"
         else alt.Y("value_date:T", title="Date reported"))
    chart = (
        alt.Chart(_inline(df, ["subject", "outlet", "published_date", value, "value_text"]))
        .transform_filter(f"isValid(datum.{value}) && isValid(datum.published_date)")
        .mark_line(point=alt.OverlayMarkDef(filled=True, size=70))
        .encode(
            x=alt.X("published_date:T", title="Published"),
            y=y,
            color=alt.Color("subject:N", title="Fact"),
            shape=alt.Shape("outlet:N", title="Outlet"),
            tooltip=[
                alt.Tooltip("subject:N", title="Fact"),
                alt.Tooltip("outlet:N", title="Outlet"),
                alt.Tooltip("published_date:T", title="Published"),
                alt.Tooltip("value_text:N", title="As written"),
            ],
        )
    )
    return _empty_note(chart, df, "Story timeline: how the reported facts moved")


def _top_by(df: pd.DataFrame, key: str, score: pd.Series, n: int | None) -> pd.DataFrame:
    """Rows of the ``n`` values of ``key`` with the highest ``score`` (ties: first seen)."""
    if n is None or df[key].nunique() <= n:
        return df
    ranked = (pd.DataFrame({"key": df[key].to_numpy(), "score": score.to_numpy(),
                            "pos": range(len(df))})
              .groupby("key", sort=False).agg(score=("score", "max"), pos=("pos", "min"))
              .sort_values(["score", "pos"], ascending=[False, True]))
    return df.loc[df[key].isin(list(ranked.index[:n]))]


def coverage_chart(coverage: pd.DataFrame, *, max_facts: int | None = 30) -> alt.Chart:
    """Which outlet reports which aligned fact.

    Args:
        coverage: One row per (fact, article): ``fact_id``, ``fact_text``, ``outlet``,
            ``is_covered``.
        max_facts: Facts drawn at most: those some outlets report and others do not come first
            (then in ``fact_id`` order); None draws all.

    Returns:
        A matrix: facts down, outlets across (one fixed-width column per outlet, so the chart
        grows with the outlets), filled where the outlet reports the fact.
    """
    use_theme()
    df = _data(coverage, ["fact_id", "fact_text", "outlet", "is_covered"], "coverage_chart")
    covered = df["is_covered"].astype("boolean").fillna(False).astype(float)
    mixed = covered.groupby(df["fact_id"]).transform(lambda s: min(s.mean(), 1 - s.mean()))
    full, df = df, _top_by(df, "fact_id", mixed, max_facts)
    chart = (
        alt.Chart(_inline(df, ["fact_id", "fact_text", "outlet", "is_covered"]))
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(
            x=alt.X("outlet:N", title="Outlet",
                    axis=alt.Axis(orient="top", labelAngle=0, labelLimit=_STEP - 6)),
            y=alt.Y("fact_text:N", title=None, sort=alt.EncodingSortField("fact_id"),
                    axis=alt.Axis(labelLimit=320, labelExpr=_SHORT_LABEL)),
            color=alt.Color(
                "is_covered:N", title="Reported",
                scale=alt.Scale(domain=[True, False], range=["#1f5a96", "#eeeeee"]),
            ),
            tooltip=[
                alt.Tooltip("fact_id:N", title="Fact id"),
                alt.Tooltip("fact_text:N", title="Fact"),
                alt.Tooltip("outlet:N", title="Outlet"),
                alt.Tooltip("is_covered:N", title="Reported"),
            ],
        )
        .properties(width=alt.Step(_STEP), height=alt.Step(18))
    )
    return _empty_note(chart, df, "Coverage: which outlet reports which fact",
                       shown=_shown(full, df, "fact_id", "facts outlets differ on most"))


def discrepancy_chart(discrepancies: pd.DataFrame, *, max_facts: int | None = 12) -> alt.Chart:
    """The value each outlet gives for each disputed fact, the most salient facts first.

    Args:
        discrepancies: One row per (discrepancy, article), as ``corpus.discrepancies``:
            ``subject``, ``kind``, ``outlet``, ``value_text``; with ``salience`` facts are
            ranked by it (most salient on top) and with ``relation`` cells are coloured by it
            (contradiction, update, ..., omission), else by kind.
        max_facts: Facts (``fact_id``, else ``subject``) drawn at most, the most salient;
            None draws all.

    Returns:
        A table-like chart: facts down, outlets across (one fixed-width column per outlet, so
        every outlet is visible and the chart grows with them), cells labelled with the value
        as written.
    """
    use_theme()
    df = _data(discrepancies, ["subject", "kind", "outlet", "value_text"], "discrepancy_chart")
    key = "fact_id" if "fact_id" in df.columns else "subject"
    salience = (df["salience"].astype(float).fillna(0.0) if "salience" in df.columns
                else pd.Series(0.0, index=df.index))
    full, df = df, _top_by(df, key, salience, max_facts)
    # An omission has no value; Altair on pandas 3 would serialize the gap as NaN ("nan").
    df = df.assign(value_text=df["value_text"].astype(object).fillna(NOT_REPORTED))
    # two articles of one outlet giving the same value would draw the same cell twice
    df = df.drop_duplicates([key, "outlet", "value_text"])
    has_salience, has_relation = "salience" in df.columns, "relation" in df.columns
    sort = (alt.EncodingSortField("salience", op="max", order="descending") if has_salience
            else alt.EncodingSortField("kind", op="min"))
    colour = "relation" if has_relation else "kind"
    base = alt.Chart().encode(
        x=alt.X("outlet:N", title="Outlet",
                axis=alt.Axis(orient="top", labelAngle=0, labelLimit=_STEP - 6)),
        y=alt.Y("subject:N", title=None, sort=sort,
                axis=alt.Axis(labelLimit=320, labelExpr=_SHORT_LABEL)),
        tooltip=[
            alt.Tooltip("subject:N", title="What differs"),
            alt.Tooltip("kind:N", title="Kind"),
            *([alt.Tooltip("relation:N", title="How")] if has_relation else []),
            *([alt.Tooltip("salience:Q", title="Salience", format=".2f")] if has_salience
              else []),
            alt.Tooltip("outlet:N", title="Outlet"),
            alt.Tooltip("value_text:N", title="Value given"),
        ],
    )
    cells = base.mark_rect(opacity=0.35, stroke="white").encode(
        color=alt.Color(f"{colour}:N", title="How they differ" if has_relation
                        else "Kind of difference")
    )
    # cut by characters, not by Vega's pixel 'limit', which measures every label (0.5 s of
    # the 1.1 s a 12-fact chart of a 15-article story took to draw)
    labels = base.transform_calculate(value_label=(
        f"length(datum.value_text) > {_CELL_CHARS} ? "
        f"substring(datum.value_text, 0, {_CELL_CHARS - 1}) + '\u2026' : datum.value_text")
    ).mark_text(fontSize=11).encode(text="value_label:N")
    data = _inline(df, ["subject", "kind", "relation", "salience", "outlet", "value_text"])
    chart = alt.layer(cells, labels, data=data).properties(width=alt.Step(_STEP),
                                                            height=alt.Step(26))
    return _empty_note(chart, df, "Discrepancies: the value each outlet gives",
                       shown=_shown(full, df, key, "most salient facts"))


def discrepancy_kinds_chart(summary: pd.DataFrame) -> alt.Chart:
    """The stories' top disagreements, counted by kind and relation.

    Args:
        summary: One row per (story, ranked discrepancy), as ``corpus.discrepancy_summary``:
            ``kind``, ``relation``.

    Returns:
        A horizontal stacked bar chart: kinds down, number of top disagreements across,
        coloured by relation.
    """
    use_theme()
    df = _data(summary, ["kind", "relation"], "discrepancy_kinds_chart")
    chart = (
        alt.Chart(_inline(df, ["story_id", "kind", "relation"]))
        .mark_bar()
        .encode(
            y=alt.Y("kind:N", title="Kind", sort="-x"),
            x=alt.X("count():Q", title="Top disagreements of the stories"),
            color=alt.Color("relation:N", title="How they differ"),
            tooltip=[alt.Tooltip("kind:N", title="Kind"),
                     alt.Tooltip("relation:N", title="How"),
                     alt.Tooltip("count():Q", title="Disagreements")],
        )
    )
    return _empty_note(chart, df, "Top disagreements by kind and relation")


def running_figure_chart(timeline: pd.DataFrame, *, value: str = "value_numeric",
                         max_facts: int | None = 12) -> alt.Chart:
    """Running figures: every value each outlet gave for a disputed fact, by publication time.

    Args:
        timeline: One row per claim, as ``corpus.story_timeline``: ``subject`` (the fact),
            ``outlet``, ``published_date``, ``value_text`` and the ``value`` column.
        value: ``value_numeric`` (counts, quantities) or ``value_date`` (dates given).
        max_facts: Facts (panels) drawn at most: those with the most values given (ties:
            first seen); None draws all.

    Returns:
        One panel per fact (its own y scale): x publication time, y the value given, one
        colour per outlet, an outlet's values joined in time order. Rows without a
        publication date or without the value are not drawn.
    """
    use_theme()
    if value not in ("value_numeric", "value_date"):
        raise ValueError("value must be 'value_numeric' or 'value_date'")
    df = _data(timeline, ["subject", "outlet", "published_date", value, "value_text"],
               "running_figure_chart")
    full = df.loc[df[value].notna() & df["published_date"].notna()]
    df = _top_by(full, "subject", full.groupby("subject")["subject"].transform("size")
                 .astype(float), max_facts) if len(full) else full
    y = (alt.Y("value_numeric:Q", title="Value given", scale=alt.Scale(zero=False))
         if value == "value_numeric" else alt.Y("value_date:T", title="Date given"))
    base = alt.Chart().encode(
        x=alt.X("published_date:T", title="Published"),
        y=y,
        color=alt.Color("outlet:N", title="Outlet"),
        tooltip=[
            alt.Tooltip("subject:N", title="Fact"),
            alt.Tooltip("outlet:N", title="Outlet"),
            alt.Tooltip("published_date:T", title="Published", format="%Y-%m-%d %H:%M"),
            alt.Tooltip("value_text:N", title="As written"),
            (alt.Tooltip("value_numeric:Q", title="Value") if value == "value_numeric"
             else alt.Tooltip("value_date:T", title="Date", format="%Y-%m-%d")),
        ],
    )
    lines = base.mark_line(point=alt.OverlayMarkDef(filled=True, size=80)).encode(
        order=alt.Order("published_date:T"))
    labels = base.mark_text(align="left", dx=8, fontSize=11, limit=220).encode(
        text="value_text:N")
    chart = (
        alt.layer(lines, labels)
        .properties(width=CHART_WIDTH - 160, height=110)
        .facet(row=alt.Row("subject:N", title=None,
                           header=alt.Header(labelAngle=0, labelAlign="left",
                                             labelLimit=240)),
               data=_inline(df, ["subject", "kind", "outlet", "published_date", value,
                                 "value_text"]))
        .resolve_scale(y="independent")
    )
    what = "counts and quantities" if value == "value_numeric" else "dates"
    return _empty_note(chart, df, f"Running figures: the {what} each outlet gave, over time",
                       shown=_shown(full, df, "subject", "facts with the most values"))


def wire_copy_share_chart(outlets: pd.DataFrame) -> alt.Chart:
    """Share of each outlet's text that is shared wire copy.

    Args:
        outlets: One row per outlet, as ``corpus.outlet_summary``: ``outlet``,
            ``wire_copy_share`` (0..1).

    Returns:
        A horizontal bar chart.
    """
    return outlet_share_chart(outlets, field="wire_copy_share",
                              title="Wire copy: share of each outlet's text shared with others")
