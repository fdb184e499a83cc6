"""Settings objects: the options of a stage as one frozen value, with the defaults in one place.

Each stage function takes ``settings=`` (one of these, or None for the defaults) and still
accepts every field as a keyword, which overrides that field::

    from workbench.settings import GroupingSettings
    strict = GroupingSettings(threshold=0.2, cohesion=0.7)
    group_stories(articles, settings=strict)
    group_stories(articles, settings=strict, neighbors=50)   # strict, with 50 neighbours

A leaf module: it imports nothing from :mod:`workbench`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from workbench.ingest.fetch import FetchOptions

__all__ = ["DEFAULT_MAX_BYTES", "AnnotateSettings", "GroupingSettings", "LoadSettings",
           "resolve_settings"]

#: Default largest input file accepted, in bytes (``max_bytes`` overrides).
DEFAULT_MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class GroupingSettings:
    """How :func:`workbench.compare.group_stories` groups articles into stories.

    Attributes:
        threshold: Least mean cosine similarity between two clusters for them to merge.
        neighbors: Most similar candidates kept per article.
        block_terms: Features per article used for blocking.
        max_block_df: Features shared by more articles are not used for blocking.
        lead_chars: Characters of each text read.
        date_scale_days: Publication dates further apart scale similarity by
            ``date_scale_days / gap`` (at least ``date_min_factor``).
        weights: Weights of the word, name and number views (see
            :func:`workbench.compare.stories.article_vectors`).
        cohesion: Two clusters of several articles each merge only when their mean similarity
            is at least this share of the mean similarity inside the looser of the two (same
            topic, different events stay apart); 0 turns the rule off.
        strong_link: Clusters whose mean similarity is at least this merge whatever their
            cohesion (two halves of one story that each are near-duplicates inside); None: no
            such bar.
        date_min_factor: Least factor for far-apart publication dates.
        residual: Weight of the event-specific similarity added to the cosine: the cosine of
            the two articles once ``residual_alpha`` of their projection on their neighbourhood
            centroid (their topic) is removed; 0 turns it off.
        residual_alpha: Share of the topic projection removed for the residual similarity.
    """

    threshold: float = 0.1
    neighbors: int = 30
    block_terms: int = 40
    max_block_df: int = 300
    lead_chars: int = 2500
    date_scale_days: float = 3.0
    weights: tuple[float, ...] = (1.0, 0.5, 0.2, 0.5)
    cohesion: float = 0.6
    strong_link: float | None = 0.24
    date_min_factor: float = 0.5
    residual: float = 0.75
    residual_alpha: float = 0.75


@dataclass(frozen=True)
class AnnotateSettings:
    """How :meth:`workbench.store.CorpusStore.annotate` runs.

    What a call works on (``article_ids``), reports to (``progress``) or runs on (a live Dask
    ``client``) stays a parameter of the call, not a setting.

    Attributes:
        n_process: Local worker processes (None: all cores when more than 150 articles are
            pending, else 1). Ignored when ``scheduler`` or a client is given.
        scheduler: Address of a Dask scheduler (``tcp://host:8786``), or ``"local"`` for a
            Dask ``LocalCluster`` of ``n_process`` workers.
        batch_size: Articles per committed batch.
        chunk_size: Articles per unit of work.
        model: spaCy model name (None: the configured one).
        compact: Merge the batch files of each table into one when the run ends.
        retry_failed: Also retry articles whose annotation failed before under this key.
    """

    n_process: int | None = None
    scheduler: str | None = None
    batch_size: int = 200
    chunk_size: int = 50
    model: str | None = None
    compact: bool = True
    retry_failed: bool = False


@dataclass(frozen=True)
class LoadSettings:
    """How :func:`workbench.load` reads a corpus (the inputs themselves are its arguments).

    Attributes:
        strict: Raise on the first bad input instead of reporting it.
        max_bytes: Inputs larger than this are reported as failed.
        fetch: Download the page of every link record (the network is used only then).
        fetch_options: A :class:`workbench.ingest.fetch.FetchOptions` (delay per host,
            timeout, user agent, robots.txt); None: its defaults.
        progress: Bars for load, annotate and compare: True, False, or None to follow
            ``WORKBENCH_PROGRESS`` (:mod:`workbench.progress`).
        n_process: Worker processes for the annotation (None: chosen by the corpus size).
        store: A folder where the articles are saved and annotations cached
            (:mod:`workbench.store`); None: nothing is written.
        one_story: All the loaded articles are one story, not grouped by text.
    """

    strict: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    fetch: bool = False
    fetch_options: FetchOptions | None = None
    progress: bool | None = None
    n_process: int | None = None
    store: Any = None
    one_story: bool = False


S = TypeVar("S")


def resolve_settings(cls: type[S], settings: S | None, options: dict[str, Any], *,
                     where: str) -> S:
    """Return ``settings`` (or the defaults of ``cls``) with ``options`` replacing fields.

    Args:
        cls: The settings class.
        settings: A ``cls`` instance, or None for its defaults.
        options: Keyword arguments of the call, each naming a field of ``cls``.
        where: The calling function's name, for the error message.

    Raises:
        TypeError: when ``settings`` is not a ``cls`` or an option names no field of it.
    """
    base = cls() if settings is None else settings
    if not isinstance(base, cls):
        raise TypeError(f"{where}(): settings must be a {cls.__name__}, "
                        f"got {type(settings).__name__}")
    names = {f.name for f in fields(cls)}
    unknown = sorted(set(options) - names)
    if unknown:
        raise TypeError(f"{where}() got unexpected keyword argument(s) {unknown}; "
                        f"{cls.__name__} has {sorted(names)}")
    return replace(base, **options) if options else base
