"""Article text in every HTML output is shown as text: no payload becomes a live tag.

The payloads travel the real route: written into JSON records (headline, byline, outlet, body),
loaded, annotated and compared; then every public function that returns HTML (views, widget
views and snapshots, exported chart SVG/HTML) is called and its output parsed as a browser
would parse it.
"""

import json

import pytest
from lxml import html as lxml_html

import workbench

PAYLOADS = {
    "script": "<script>window.__xss=1</script>",
    "img": '<img src=x onerror="window.__xss=2">',
    "svg": '"><svg onload="window.__xss=3">',
    "iframe": '</td></textarea><iframe srcdoc="<script>parent.__xss=4</script>"></iframe>',
    "link": '<a href="javascript:window.__xss=5">click</a>',
    "style": "<style>body{display:none}</style>",
    "attr": "' onmouseover='window.__xss=6' x='",
    "close": "</script><img src=x onerror=window.__xss=7>",
}
#: Elements that only a payload could have put there.
FORBIDDEN_TAGS = {"script", "img", "svg", "iframe", "object", "embed", "frame", "frameset",
                  "base", "meta", "link", "form", "input", "textarea", "math"}

BODY_A = (
    "HARBOURTON (Wire) - The river barriers {script} held on Tuesday, three officials said, "
    "and 12 people {img} were injured in the town.\n\n"
    "\u201cWe were lucky this time {svg},\u201d said Mara Velde, the head of the water board, "
    "on March 17, adding that {iframe} the walls were old.\n\n"
    "The repairs will cost 40 million euros {link} and take a year {style}, the city's {close} "
    "emergency office said in a statement.\n\n"
    "Residents who left their homes on Sunday were told they could return on Wednesday, the "
    "office said."
)
BODY_B = (
    "HARBOURTON (Wire) - The river barriers {script} held on Tuesday, two officials said, "
    "and 155 people {img} were injured in the town.\n\n"
    "\u201cWe were lucky this time {svg},\u201d said Mara Velde, the head of the water board, "
    "on March 15, adding that {attr} the walls were old.\n\n"
    "The repairs will cost 45 million euros {link} and take a year {close} {style}, the city's "
    "emergency office said in a statement.\n\n"
    "Residents who left their homes on Sunday were told they could return on Wednesday, the "
    "office said."
)


@pytest.fixture(scope="module")
def xss_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xss")
    for i, (body, outlet) in enumerate([(BODY_A, "Daily {script}"), (BODY_B, "Post {img}")]):
        record = {
            "title": f"River barriers hold {PAYLOADS['script']} {PAYLOADS['close']}",
            "authors": [f"Jane Doe {PAYLOADS['img']}", PAYLOADS["attr"]],
            "outlet": outlet.format(**PAYLOADS),
            "url": f"https://example.org/{i}",
            "date_publish": "2024-03-17 10:00:00",
            "maintext": body.format(**PAYLOADS),
        }
        (folder / f"article{i}.json").write_text(json.dumps(record), encoding="utf-8")
    corpus = workbench.load(str(folder))
    assert len(corpus.articles) == 2, corpus.load_report.to_dict("records")
    return corpus


_SVG_URI = "data:image/svg+xml;base64,"


def _chart_image(el) -> bool:
    """A chart's static image: an <img> of a base64 SVG with only alt and src (never runs)."""
    return (el.tag == "img" and set(el.attrib) == {"alt", "src"}
            and el.get("src", "").startswith(_SVG_URI))


def _svg_problems(src: str) -> list[str]:
    """What in a chart image's SVG could be live: script, foreign content, handlers, links."""
    import base64

    from lxml import etree

    svg = etree.fromstring(base64.b64decode(src[len(_SVG_URI):]))
    problems = []
    for el in svg.iter():
        tag = etree.QName(el).localname.lower() if isinstance(el.tag, str) else ""
        if tag in {"script", "foreignobject", "iframe", "a"}:
            problems.append(f"<{tag}> in a chart's SVG")
        problems += [f"{k}= in a chart's SVG" for k in el.attrib
                     if etree.QName(k).localname.lower().startswith("on")
                     or "javascript:" in el.attrib[k].lower()]
    return problems


def assert_inert(markup: str, where: str) -> None:
    """Parse ``markup`` like a browser; fail on any element or attribute a payload could add."""
    if not markup.strip():
        return
    root = lxml_html.fromstring(f"<html><body>{markup}</body></html>")
    problems = []
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if _chart_image(el):
            problems += _svg_problems(el.get("src"))
            continue
        if tag.lower() in FORBIDDEN_TAGS:
            problems.append(f"<{tag}> element")
        if tag.lower() == "style" and "display:none" in (el.text or "").replace(" ", ""):
            problems.append("payload <style> element")
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                problems.append(f"{name}= attribute on <{tag}>")
            if name.lower() in {"href", "src", "action", "formaction", "srcdoc"} and (
                "javascript:" in value.lower() or "<script" in value.lower()
            ):
                problems.append(f"{name}={value!r} on <{tag}>")
    assert not problems, f"{where}: live markup from article text: {problems}"


def _shows_payload_as_text(markup: str) -> bool:
    root = lxml_html.fromstring(f"<html><body>{markup}</body></html>")
    text = root.text_content()
    return any(p in text for p in (PAYLOADS["script"], PAYLOADS["img"]))


def _html_children(widget) -> list[str]:
    import ipywidgets as w

    out = []
    stack = [widget]
    while stack:
        node = stack.pop()
        if isinstance(node, w.HTML):
            out.append(node.value)
        for attr in ("options",):
            if isinstance(node, (w.Dropdown, w.SelectMultiple)):
                out.extend(str(label) for label, *_ in (getattr(node, attr) or ()))
        stack.extend(getattr(node, "children", ()))
    return out


def test_payloads_reach_the_tables_as_text(xss_corpus):
    arts = xss_corpus.articles
    assert arts["text"].str.contains("<script>window.__xss=1</script>", regex=False).all()
    assert arts["headline"].str.contains("<script>", regex=False).all()


def test_views_escape_article_text(xss_corpus):
    from workbench import views

    c = xss_corpus
    outputs = {
        "aligned_view_html": views.aligned_view_html(
            c.articles, c.sentences, c.alignments, discrepancies=c.discrepancies),
        "discrepancy_table_html": views.discrepancy_table_html(c.discrepancies),
        "table_html(articles)": views.table_html(
            c.articles, columns=["outlet", "headline", "byline", "text"]),
        "table_html(sentences)": views.table_html(c.sentences),
        "source_sentences_html": views.source_sentences_html(c.articles, c.sentences, c.sources),
        "message_html": views.message_html(PAYLOADS["script"] + PAYLOADS["img"]),
    }
    for name, markup in outputs.items():
        assert_inert(markup, name)
    assert _shows_payload_as_text(outputs["aligned_view_html"])
    assert _shows_payload_as_text(outputs["table_html(articles)"])
    assert len(c.sentences) > 3


def test_widgets_escape_article_text(xss_corpus):
    from workbench import widgets

    c = xss_corpus
    built = {
        "compare_dashboard": widgets.compare_dashboard(c),
        "source_inspector": widgets.source_inspector(c),
        "date_explorer": widgets.date_explorer(c),
    }
    shown = 0
    for name, box in built.items():
        for i, markup in enumerate(_html_children(box)):
            assert_inert(markup, f"{name} view {i}")
            shown += bool(markup)
        assert_inert(box.snapshot_html(), f"{name}.snapshot_html()")
        bundle = box._repr_mimebundle_()
        assert_inert(bundle.get("text/html", ""), f"{name} text/html bundle")
    assert _shows_payload_as_text(built["compare_dashboard"].view.value)
    assert shown >= 3


def _export_charts(corpus, folder):
    from workbench import charts
    from workbench.export import save_chart

    made = []
    for i, chart in enumerate((
        charts.discrepancy_chart(corpus.discrepancies),
        charts.coverage_chart(corpus.coverage),
        charts.date_intervals_chart(corpus.story_dates.loc[:, [
            "outlet", "subject", "timex_text", "start_date", "end_date", "granularity"]]),
    )):
        made.append(save_chart(chart, folder / f"chart{i}", formats=("svg", "html")))
    return made


def test_exported_charts_keep_payloads_as_text(xss_corpus, tmp_path):
    from lxml import etree

    made = 0
    for written in _export_charts(xss_corpus, tmp_path):
        svg = written["svg"].read_text(encoding="utf-8")
        tree = etree.fromstring(svg.encode("utf-8"), etree.XMLParser(resolve_entities=False,
                                                                      no_network=True))
        for el in tree.iter():
            tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
            assert tag not in {"script", "foreignObject", "iframe", "img"}, f"<{tag}> in SVG"
            assert not [a for a in el.attrib if a.lower().startswith("on")], el.attrib
        page = written["html"].read_text(encoding="utf-8")
        # The standalone page carries Vega in <script>; chart data inlined there must not be
        # able to close it ("</script>" inside a JSON string ends the element in HTML).
        assert "__xss=7>" not in page and "__xss=1</script>" not in page, (
            "a payload can close the chart page's script element"
        )
        made += 1
    assert made == 3


@pytest.mark.browser
def test_payloads_do_not_run_in_a_browser(xss_corpus, tmp_path, browser):
    """Open every HTML output in Chromium: the payloads show as text and none runs."""
    from workbench import views

    c = xss_corpus
    pages = {
        "aligned_view": views.aligned_view_html(c.articles, c.sentences, c.alignments,
                                                discrepancies=c.discrepancies),
        "discrepancy_table": views.discrepancy_table_html(c.discrepancies),
        "articles_table": views.table_html(c.articles, columns=["outlet", "headline", "byline"]),
    }
    files = {}
    for name, markup in pages.items():
        files[name] = tmp_path / f"{name}.html"
        files[name].write_text(f"<!doctype html><meta charset=utf-8><body>{markup}</body>",
                               encoding="utf-8")
    for i, written in enumerate(_export_charts(c, tmp_path)):
        files[f"chart{i}.html"] = written["html"]
    ran, shown, drawn = {}, {}, {}
    for name, path in files.items():
        page = browser.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
            ("file:", "data:", "blob:")) else r.abort())
        page.goto(path.as_uri())
        page.wait_for_timeout(700)
        ran[name] = page.evaluate("typeof window.__xss === 'undefined' ? null : window.__xss")
        shown[name] = page.evaluate("document.body.innerText")
        drawn[name] = page.evaluate("document.querySelectorAll('#vega-chart svg .mark-rect path,"
                                    " #vega-chart svg path, #vega-chart svg text').length")
        page.close()
    executed = {k: v for k, v in ran.items() if v is not None}
    for name in ("aligned_view", "articles_table"):
        assert "<script>window.__xss=1</script>" in shown[name], f"{name}: payload not shown as text"
    assert not executed, f"payloads executed: {executed}"
    charts_drawn = [k for k in files if k.startswith("chart")]
    assert len(charts_drawn) == 3
    for name in charts_drawn:
        # the chart drew (Vega put its SVG in the page) and the payload text is in it as text
        assert drawn[name], f"{name}: no chart drawn"
