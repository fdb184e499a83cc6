"""The story index: the corpus tables split by story once, for views of one story at a time.

Data access only (no widgets): :class:`StoryIndex` answers "which articles, outlets and rows
belong to this story" so that an update of a view touches only that story's rows (see
``benchmarks/bench_widgets.py``). :class:`workbench.widgets.StoryIndex` adds what the widgets
need on top (the aligned view's cached layout, the articles to compare first).
"""

from __future__ import annotations

import pandas as pd

__all__ = ["ALL_ARTICLES", "StoryIndex", "plain_text", "short_label"]

#: Story id used when the corpus has no story grouping: every article in one view.
ALL_ARTICLES = "__all__"


class StoryIndex:
    """The corpus tables split by story once, so a view of one story only touches its rows.

    When ``stories`` is empty (no grouping available), all articles form one pseudo-story
    :data:`ALL_ARTICLES`, labelled as such.
    """

    _TABLES = ("sentences", "alignments", "discrepancies", "sources", "timexes")

    def __init__(self, corpus):
        self.corpus = corpus
        self.articles = corpus.articles
        stories = corpus.stories
        if stories.empty:
            stories = pd.DataFrame({
                "story_id": ALL_ARTICLES,
                "article_id": self.articles["article_id"],
                "story_label": "All articles (stories not grouped)",
                "membership_confidence": float("nan"),
            })
        self.stories = stories
        self._members = {
            sid: list(g["article_id"]) for sid, g in stories.groupby("story_id", sort=False)
        }
        self._split: dict[str, dict] = {}

    def pick(self, story_id: str | None = None) -> str | None:
        """Return ``story_id`` if given, else the largest story's id (None when no articles)."""
        if story_id is not None:
            if story_id not in self._members:
                raise KeyError(f"unknown story {story_id!r}; known: {list(self._members)[:10]}")
            return story_id
        opts = self.options()
        return opts[0][1] if opts else None

    def options(self) -> list[tuple[str, str]]:
        """(label, story_id) for every story, largest first."""
        first = self.stories.drop_duplicates("story_id").set_index("story_id")["story_label"]
        sizes = {sid: len(m) for sid, m in self._members.items()}
        order = sorted(sizes, key=lambda s: (-sizes[s], str(s)))
        return [(f"{short_label(plain_text(first.get(s)) or str(s))} ({sizes[s]} articles)", s)
                for s in order]

    def _by_story(self, name: str) -> dict[str, pd.DataFrame]:
        if name not in self._split:
            table = getattr(self.corpus, name)
            if "story_id" not in table.columns:
                keys = self.stories.loc[:, ["article_id", "story_id"]]
                table = table.merge(keys, on="article_id", how="inner")
            self._split[name] = dict(tuple(table.groupby("story_id", sort=False)))
        return self._split[name]

    def table(self, name: str, story_id: str, *, outlets=None) -> pd.DataFrame:
        """Rows of table ``name`` for one story, optionally for some outlets only."""
        if name == "articles":
            ids = self.article_ids(story_id, outlets=outlets)
            return self.articles.set_index("article_id").loc[ids].reset_index()
        source = getattr(self.corpus, name)
        frame = self._by_story(name).get(story_id)
        if frame is None:
            return source.iloc[:0]
        frame = frame.loc[:, list(source.columns)]
        if outlets is not None and "article_id" in frame.columns:
            frame = frame.loc[frame["article_id"].isin(self.article_ids(story_id, outlets=outlets))]
        return frame

    def article_ids(self, story_id: str, *, outlets=None) -> list[str]:
        """Article ids of one story (in corpus order), optionally for some outlets only."""
        ids = set(self._members.get(story_id, []))
        arts = self.articles.loc[self.articles["article_id"].isin(ids)]
        if outlets:
            arts = arts.loc[arts["outlet"].isin(list(outlets))]
        return list(arts["article_id"])

    def article_options(self, story_id: str) -> list[tuple[str, str]]:
        """(``outlet — headline``, article_id) for every article of a story, in corpus order."""
        arts = self.table("articles", story_id)
        return [(short_label(f"{plain_text(o) or '(unknown outlet)'} — {plain_text(h)}"), a)
                for a, o, h in zip(arts["article_id"], arts["outlet"], arts["headline"])]

    def outlets(self, story_id: str) -> list[str]:
        """Outlets of one story's articles, sorted."""
        arts = self.articles.loc[self.articles["article_id"].isin(self._members.get(story_id, []))]
        return sorted({str(o) for o in arts["outlet"].dropna()})


def plain_text(value) -> str:
    """A cell as one line of text for a label (empty for a missing value, angle brackets swapped)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    # option labels are shown as text by the widgets; angle brackets are swapped anyway so a
    # label can never read as markup wherever it is copied
    return " ".join(str(value).split()).replace("<", "\u2039").replace(">", "\u203a")


def short_label(text: str, limit: int = 90) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
