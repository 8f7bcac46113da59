"""dateline: English news articles as typed, trustworthy data.

>>> import dateline
>>> x = dateline.extract(" date 2023-11-06 Mr Al Sudani met Antony Blinken in Baghdad. He left.")
>>> x.date
datetime.date(2023, 11, 6)
>>> [s.text for s in x.sentences]
['Mr Al Sudani met Antony Blinken in Baghdad.', 'He left.']
>>> s = x.sentences[0]; x.text[s.start:s.end] == s.text
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Union

from ._dateline import (
    SCHEMA_VERSION,
    Actor,
    Article,
    ArticleDate,
    Corpus,
    CorpusEntity,
    CorpusEvent,
    CorpusMention,
    ErrorRecord,
    ExtractMany,
    Extraction,
    Entity,
    EntityMention,
    Event,
    EventActor,
    EventCode,
    EventDate,
    EventFigure,
    EventMention,
    EventPlace,
    Evidence,
    Extractor,
    Figure,
    Files,
    Headline,
    JsonlFile,
    Linked,
    Mention,
    Quote,
    Paragraph,
    Place,
    Role,
    Sentence,
    Sourced,
    Span,
    Story,
    Timeline,
    TimelineEntry,
    Timex,
    Token,
    NounChunk,
    __version__,
    extract,
    link,
    read_file,
    read_folder,
    read_jsonl,
    render,
    samples,
)
from ._dateline import ArrowTable, _arrow_table
from ._corpus import TABLES as LINK_TABLES
from ._errors import ConfigError, DatelineError, InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import-untyped, unused-ignore]
    import polars  # type: ignore[import-not-found, unused-ignore]
    import pyarrow  # type: ignore[import-untyped, import-not-found, unused-ignore]

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "ArrowTable",
    "Article",
    "ArticleDate",
    "ConfigError",
    "Corpus",
    "CorpusEntity",
    "CorpusEvent",
    "CorpusMention",
    "DatelineError",
    "Entity",
    "EntityMention",
    "ErrorRecord",
    "Event",
    "EventActor",
    "EventCode",
    "EventDate",
    "EventFigure",
    "EventMention",
    "EventPlace",
    "Evidence",
    "ExtractMany",
    "Extraction",
    "Extractor",
    "Figure",
    "Files",
    "Headline",
    "InputError",
    "JsonlFile",
    "LAYERS",
    "LINK_TABLES",
    "Linked",
    "Mention",
    "Quote",
    "Paragraph",
    "Place",
    "Result",
    "Role",
    "Sentence",
    "Sourced",
    "Span",
    "Story",
    "Timeline",
    "TimelineEntry",
    "Timex",
    "Token",
    "NounChunk",
    "__version__",
    "extract",
    "link",
    "read_file",
    "read_folder",
    "read_jsonl",
    "render",
    "samples",
    "TABLES",
    "to_arrow",
    "to_pandas",
    "to_polars",
]

#: What `extract_many` yields for each input record.
Result = Union[Extraction, ErrorRecord]

#: The tables `to_pandas`, `to_arrow` and `to_polars` build (and `dateline
#: extract --format parquet|csv --tables` writes), in the core's order:
#: docs/tables.md lists every column with its type and meaning.
TABLES = (
    "articles", "headlines", "paragraphs", "sentences", "tokens", "noun_chunks", "timex", "mentions",
    "entities", "roles", "places", "quotes", "figures", "focus_countries", "events", "event_mentions", "errors",
)

#: The former name of `TABLES` (`to_pandas` called its tables layers).
LAYERS = TABLES


def to_pandas(
    results: Iterable[Union[Extraction, ErrorRecord]], table: str = "sentences", *, layer: Optional[str] = None
) -> "pandas.DataFrame":
    """One table of many results as a tidy DataFrame: the core's Arrow table of ``to_arrow``, in pandas.

    ``table`` is one of ``TABLES``; docs/tables.md lists every column with
    its type and meaning ("articles": one row per article with its metadata;
    "headlines", "paragraphs", "sentences", "tokens" with the syntax layer's
    lemma, part of speech, Penn tag, features, head token and relation,
    "noun_chunks", "timex", "mentions", "entities", "roles", "places",
    "quotes", "figures", "focus_countries", "events", "event_mentions", and
    "errors", one row per ErrorRecord; the other tables leave errors out).
    ``layer`` is the argument's former name. The tables are the same as those
    of ``to_arrow``, ``to_polars`` and the command's Parquet and CSV files:
    every table has the article's id, ``article_id``, and the keys join
    (``mentions.entity_id``, ``quotes.speaker_entity_id``,
    ``figures.place_entity_id`` and ``roles.entity`` are ``entities.entity`` of
    the same ``article_id``). Offsets are string indices into the article's
    text. The ``articles`` table also has a column per metadata field of the
    input records (``section``, ``url``, ...), in name order, after its own columns.

    The dtypes are the same for every batch (and for an empty table): dates
    as ``datetime64`` (``articles.datetime`` in UTC), whole numbers (indices,
    offsets, counts, ids) as pandas' nullable ``Int64``, flags as nullable
    ``boolean``, labels as ``category`` (with every value of a closed set,
    such as ``mentions.kind``, as categories, so that frames of several
    batches concatenate as categorical), confidences as ``float64`` to
    three decimals.

    A table whose layer did not run (``"entities"`` after
    ``Extractor(layers=["entities"])``, which runs the mention layer but not
    the ``resolve`` layer the table comes from) raises ``ValueError`` naming
    the layer, rather than giving an empty frame. So does the generator of
    ``extract_many`` once iterated: it yields each result once, so keep the
    results in a list to build several tables.
    """
    if layer is not None:
        table = layer
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; the tables are: {', '.join(TABLES)}")
    _consumed(results, "to_pandas")
    try:
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]
        import pyarrow as pa  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "dateline.to_pandas needs pandas and pyarrow, and one is not installed: pip install 'dateline[pandas]'"
        ) from e
    if not isinstance(results, (list, tuple)):
        # Kept, so that the articles' metadata can be read after the table.
        results = list(results)
    arrow = pa.table(_arrow_table(results, table, "to_pandas"))
    mapping = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    frame = arrow.to_pandas(types_mapper=mapping.get)
    if table == "articles" and len(frame):
        _metadata_columns(pd, frame, [r for r in results if isinstance(r, Extraction)])
    return frame


def _metadata_columns(pd: Any, frame: "pandas.DataFrame", articles: List[Extraction]) -> None:
    """Adds a column per metadata field of the articles (a field named like a column is left in ``metadata``)."""
    fields: Dict[str, None] = {}
    for x in articles:
        fields.update(dict.fromkeys(x.metadata))
    for name in fields:
        if name not in frame.columns:
            frame[name] = pd.Series([x.metadata.get(name) for x in articles], index=frame.index, dtype=object)

def _consumed(results: Any, what: str) -> None:
    if isinstance(results, ExtractMany) and results.yielded:
        raise ValueError(
            f"{what}: these results of extract_many were already iterated, and a generator yields each "
            "result once, so the table would miss them; keep them in a list first: "
            f"results = list(extractor.extract_many(...)), then call {what}(results, ...) once per table"
        )


def to_arrow(results: Iterable[Union[Extraction, ErrorRecord]], table: str = "sentences") -> "pyarrow.Table":
    """One table of many results as a ``pyarrow.Table``, built by the Rust core.

    ``table`` is one of ``TABLES`` (docs/tables.md lists every column with its
    type and meaning). The columns are the core's Arrow arrays handed over
    through the Arrow C stream interface, not copied; every table has the
    article's id, ``article_id``, and the keys join: ``mentions.entity_id``,
    ``quotes.speaker_entity_id``, ``figures.place_entity_id`` and
    ``roles.entity`` are ``entities.entity`` of the same ``article_id``. Offsets are
    string indices; labels are dictionary-encoded (categorical in pandas);
    dates are timestamps.

    A table whose layer did not run raises ``ValueError`` naming the layer,
    as does a generator of ``extract_many`` that was already iterated.
    """
    _consumed(results, "to_arrow")
    try:
        import pyarrow as pa  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("dateline.to_arrow needs pyarrow, which is not installed: pip install pyarrow") from e
    return pa.table(_arrow_table(results, table))


def to_polars(results: Iterable[Union[Extraction, ErrorRecord]], table: str = "sentences") -> "polars.DataFrame":
    """One table of many results as a ``polars.DataFrame`` (see ``to_arrow``)."""
    _consumed(results, "to_polars")
    try:
        import polars as pl  # type: ignore[import-not-found, unused-ignore]
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("dateline.to_polars needs polars, which is not installed: pip install polars") from e
    return pl.DataFrame(_arrow_table(results, table, "to_polars"))
