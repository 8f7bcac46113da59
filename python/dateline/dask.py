"""dateline on Dask: extraction as a map over partitions, linking as keyed steps on the workers.

    import dateline.dask
    articles = dateline.dask.read_articles(["feeds/"])      # a Dask Bag of Articles
    tables = dateline.dask.extract(articles, tables=["entities", "quotes"])
    tables["quotes"].compute()                              # Dask DataFrames
    dateline.dask.to_parquet(articles, "out/")              # Parquet by day, written by the workers
    linked = dateline.dask.link(articles)                   # what `dateline link` gives

Extraction is a stateless map: each partition is extracted where it lives
by one `Extractor` per worker process (made once, kept for the process's
life; the GIL is released while it works), and gives the same tables as
``dateline extract --format parquet --tables`` on the same input, row for
row, on any number of workers. Linking keeps each partition's compact
records where they were extracted and links them in keyed steps, shuffles
of small items between the workers, which gives what ``dateline link``
gives (see ``docs/scale.md``).

Needs ``pip install dateline[dask]`` (dask, distributed, pandas, pyarrow).
"""

from __future__ import annotations

import functools
import os
import threading
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

try:
    import dask
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]
    import pyarrow as pa  # type: ignore[import-untyped, import-not-found, unused-ignore]
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError(
        "dateline.dask needs dask, pandas and pyarrow, which are not all installed: "
        "pip install 'dateline[dask]'"
    ) from e

from . import TABLES, Corpus, Extractor, Linked
from . import shard
from ._dateline import _arrow_table, _read_part, _split

if TYPE_CHECKING:  # pragma: no cover
    from dask.delayed import Delayed

__all__ = ["DEFAULT_TABLES", "extract", "link", "read_articles", "to_parquet"]

#: The tables `extract` and `to_parquet` give when not told: every table but
#: ``sentences`` and ``tokens`` (the largest), as ``dateline extract --tables``.
DEFAULT_TABLES: Tuple[str, ...] = tuple(t for t in TABLES if t not in ("sentences", "tokens"))

#: How much input one partition of `read_articles` reads, by default.
PART_BYTES = 16 << 20

#: Extractions a partition holds at once before turning them into rows.
BATCH = 256

# One extractor per worker thread and configuration, made on first use and
# kept for the process's life (the models are shared by all of a process's
# extractors: a second one costs next to nothing).
_EXTRACTORS: Dict[Tuple[Any, ...], Extractor] = {}


def _extractor(layers: Optional[Sequence[str]], threads: int, max_article_bytes: int) -> Extractor:
    key = (threading.get_ident(), tuple(layers) if layers is not None else None, threads, max_article_bytes)
    ex = _EXTRACTORS.get(key)
    if ex is None:
        ex = Extractor(
            layers=list(layers) if layers is not None else None,
            threads=threads,
            max_article_bytes=max_article_bytes,
        )
        _EXTRACTORS[key] = ex
    return ex


def read_articles(
    paths: Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]],
    *,
    part_bytes: int = PART_BYTES,
    max_article_bytes: int = 524288,
) -> "db.Bag":
    """The articles of files and folders as a Dask Bag of ``dateline.Article``,
    read as ``dateline extract`` reads them (``.txt``, ``.json``, ``.jsonl``,
    ``.parquet``, folders walked in name order), with an ``ErrorRecord`` in
    place of each record that cannot be read (never dropped).

    The input is split on the client into partitions of about ``part_bytes``:
    small files are grouped, a JSONL file larger than that is cut at line
    starts (one quick read of it counts its lines, so that each record keeps
    the line, record number, byte and id it has in a whole read), and a
    Parquet file larger than that into runs of its row groups (rows keep
    their numbers). The workers
    read their partitions themselves, so they must see the same paths (a
    shared file system).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    names = [os.fspath(p) for p in paths]
    if part_bytes < 1:
        raise ValueError(f"part_bytes must be at least 1, not {part_bytes}")
    parts = _split(names, int(part_bytes), max_article_bytes=max_article_bytes)
    if not parts:
        return db.from_sequence([], npartitions=1)

    def read(chunk: List[str]) -> List[Any]:
        return [r for part in chunk for r in _read_part(part, max_article_bytes=max_article_bytes)]

    return db.from_sequence(parts, npartitions=len(parts)).map_partitions(read)


def _records(
    frame: "pd.DataFrame", text: str, id: Optional[str], date: Optional[str], title: Optional[str]
) -> List[Dict[str, Any]]:
    """The rows of one pandas partition as records for `extract_many`: the
    named columns as the record's text, id, date and title, every other
    column as metadata."""
    if text not in frame.columns:
        raise KeyError(f"dateline.dask.extract: no column {text!r} (the text); the columns are {list(frame.columns)}")
    named = {text: "text"}
    for column, key in ((id, "id"), (date, "date"), (title, "title")):
        if column is not None and column in frame.columns:
            named[column] = key
    out = []
    for row in frame.to_dict("records"):
        record: Dict[str, Any] = {}
        for column, value in row.items():
            # Missing values (None, NaN, NaT, pd.NA) are absent fields.
            if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
                continue
            if isinstance(value, pd.Timestamp):
                value = value.isoformat()
            record[named.get(str(column), str(column))] = value
        out.append(record)
    return out


def _typed(table: "pa.Table") -> "pd.DataFrame":
    """A table in pandas with the same dtypes whatever its rows: Arrow-backed
    columns (nullable integers stay integers), labels as strings."""
    columns = []
    for field, column in zip(table.schema, table.columns):
        if pa.types.is_dictionary(field.type):
            column = column.cast(field.type.value_type)
        columns.append(column)
    plain = pa.table(columns, names=table.column_names)
    return plain.to_pandas(types_mapper=pd.ArrowDtype)


def _empty(table: str) -> "pd.DataFrame":
    return _typed(pa.table(_arrow_table([], table)))


def _extract_partition(
    items: Union[List[Any], "pd.DataFrame"],
    tables: Sequence[str],
    columns: Tuple[str, Optional[str], Optional[str], Optional[str]],
    layers: Optional[Sequence[str]],
    threads: int,
    max_article_bytes: int,
) -> Dict[str, "pa.Table"]:
    if isinstance(items, pd.DataFrame):
        records: List[Any] = _records(items, *columns)
    else:
        records = list(items)
    # The tables are built every BATCH results, so that a partition holds its
    # tables and one batch of extractions (tokens and all), not all of them.
    tables = list(dict.fromkeys(tables))
    pieces: Dict[str, List["pa.Table"]] = {t: [] for t in tables}
    batch: List[Any] = []
    for result in _extractor(layers, threads, max_article_bytes).extract_many(records):
        batch.append(result)
        if len(batch) == BATCH:
            for t in tables:
                pieces[t].append(pa.table(_arrow_table(batch, t)))
            batch = []
    if batch or not records:
        for t in tables:
            pieces[t].append(pa.table(_arrow_table(batch, t)))
    return {t: _concat(pieces[t]) for t in tables}


def _concat(pieces: List["pa.Table"]) -> "pa.Table":
    """One table of the batches' tables (dictionaries of labels unified)."""
    if len(pieces) == 1:
        return pieces[0]
    return pa.concat_tables(pieces).unify_dictionaries().combine_chunks()


def _partitions(articles: Any) -> List["Delayed"]:
    if isinstance(articles, (dd.DataFrame, db.Bag)):
        return list(articles.to_delayed())
    raise TypeError(
        "dateline.dask takes a Dask DataFrame of articles (a text column, and id, date, title columns) "
        f"or the Bag of dateline.dask.read_articles, not {type(articles).__name__}"
    )


def _check_tables(tables: Optional[Sequence[str]]) -> List[str]:
    chosen = list(dict.fromkeys(DEFAULT_TABLES if tables is None else tables))
    for t in chosen:
        if t not in TABLES:
            raise ValueError(f"unknown table {t!r}; the tables are: {', '.join(TABLES)}")
    return chosen


def extract(
    articles: Union["dd.DataFrame", "db.Bag"],
    *,
    text: str = "text",
    id: Optional[str] = "id",
    date: Optional[str] = "date",
    title: Optional[str] = "title",
    tables: Optional[Sequence[str]] = None,
    layers: Optional[Sequence[str]] = None,
    threads: int = 1,
    max_article_bytes: int = 524288,
) -> Dict[str, "dd.DataFrame"]:
    """The tables of ``articles`` (docs/tables.md) as Dask DataFrames, by name.

    ``articles`` is a Dask DataFrame with a ``text`` column (and ``id``,
    ``date``, ``title`` columns where present; other columns are the
    articles' metadata), or the Bag of `read_articles`. Each partition is
    extracted once for all the tables, on its worker, by that process's
    ``Extractor(layers=layers, threads=threads)`` (one thread per task by
    default: give the cluster its parallelism). Records that cannot be
    extracted are rows of the ``errors`` table, with where they came from.

    Compute the tables together (``dask.compute(*tables.values())``) or
    write them with `to_parquet`: each table computed alone extracts again.
    The columns are Arrow-backed (``pd.ArrowDtype``): whole numbers stay
    whole where some are missing, labels are strings, and every partition
    has the same dtypes. Rows come in input order, so the tables equal
    ``dateline extract --format parquet --tables`` on the same input, on any
    number of workers.
    """
    chosen = _check_tables(tables)
    columns = (text, id, date, title)
    parts = [
        dask.delayed(_extract_partition, pure=True)(p, chosen, columns, layers, threads, max_article_bytes)
        for p in _partitions(articles)
    ]
    out = {}
    for t in chosen:
        pieces = [dask.delayed(lambda d, t=t: _typed(d[t]), pure=True)(p) for p in parts]
        out[t] = dd.from_delayed(pieces, meta=_empty(t), verify_meta=False)
    return out


def _write_partition(
    index: int,
    items: Union[List[Any], "pd.DataFrame"],
    path: str,
    tables: Sequence[str],
    columns: Tuple[str, Optional[str], Optional[str], Optional[str]],
    layers: Optional[Sequence[str]],
    threads: int,
    max_article_bytes: int,
) -> Dict[str, int]:
    import pyarrow.compute as pc  # type: ignore[import-untyped, import-not-found, unused-ignore]
    import pyarrow.dataset as ds  # type: ignore[import-untyped, import-not-found, unused-ignore]

    wanted = list(dict.fromkeys(list(tables) + ["articles"]))
    done = _extract_partition(items, wanted, columns, layers, threads, max_article_bytes)
    articles = done["articles"]
    days = pc.strftime(articles.column("date"), format="%Y-%m-%d")
    day_of = dict(zip(articles.column("article_id").to_pylist(), days.to_pylist()))
    rows = {}
    for t in tables:
        table = done[t]
        published = pa.array([day_of.get(i) for i in table.column("article_id").to_pylist()], pa.string())
        table = table.append_column("published", published)
        ds.write_dataset(
            table,
            os.path.join(path, t),
            format="parquet",
            partitioning=ds.partitioning(pa.schema([("published", pa.string())]), flavor="hive"),
            basename_template=f"part-{index:06d}-{{i}}.parquet",
            existing_data_behavior="overwrite_or_ignore",
        )
        rows[t] = table.num_rows
    return rows


def to_parquet(
    articles: Union["dd.DataFrame", "db.Bag"],
    path: Union[str, "os.PathLike[str]"],
    *,
    text: str = "text",
    id: Optional[str] = "id",
    date: Optional[str] = "date",
    title: Optional[str] = "title",
    tables: Optional[Sequence[str]] = None,
    layers: Optional[Sequence[str]] = None,
    threads: int = 1,
    max_article_bytes: int = 524288,
) -> Dict[str, int]:
    """Extracts ``articles`` and writes the tables as Parquet datasets, each
    worker writing its own partitions: ``path/<table>/published=<day>/
    part-<partition>-<n>.parquet``, partitioned by the article's publication
    day (``published=__HIVE_DEFAULT_PARTITION__`` without one). Each
    partition is extracted once for all the tables. Returns the rows written
    per table.

    ``path`` must not exist or be an empty folder: a run never writes over
    or among files already there. Read back with
    ``pandas.read_parquet(path + "/entities")`` or
    ``dask.dataframe.read_parquet``; the ``published`` column is the
    partition key.
    """
    chosen = _check_tables(tables)
    path = os.fspath(path)
    if os.path.exists(path):
        if not os.path.isdir(path) or os.listdir(path):
            raise FileExistsError(
                f"dateline.dask.to_parquet: {path} exists and is not an empty folder; "
                "write to a new folder (nothing is ever written over)"
            )
    os.makedirs(path, exist_ok=True)
    columns = (text, id, date, title)
    written = [
        dask.delayed(_write_partition)(i, p, path, chosen, columns, layers, threads, max_article_bytes)
        for i, p in enumerate(_partitions(articles))
    ]
    total = {t: 0 for t in chosen}
    for rows in dask.compute(*written):
        for t, n in rows.items():
            total[t] += n
    return total


def _corpus_partition(
    items: Union[List[Any], "pd.DataFrame"],
    columns: Tuple[str, Optional[str], Optional[str], Optional[str]],
    layers: Optional[Sequence[str]],
    threads: int,
    max_article_bytes: int,
) -> Corpus:
    if isinstance(items, pd.DataFrame):
        records: List[Any] = _records(items, *columns)
    else:
        records = list(items)
    return Corpus(_extractor(layers, threads, max_article_bytes).extract_many(records))


def _errors(corpus: Corpus) -> List[Any]:
    return corpus.errors


def _group_step(stage: str, articles: int, groups: int, group: Tuple[int, List[shard.Batch]]) -> List[shard.Batch]:
    return shard.step(stage, [b for _, _, b in group[1]], articles, groups)


def _stage(outputs: List["db.Bag"], stage: str) -> "db.Bag":
    """The batches of every bag so far that ``stage`` reads."""
    return db.concat([b.filter(lambda it, s=stage: it[0] == s) for b in outputs])


def _steps(outputs: List["db.Bag"], stages: Sequence[str], articles: int, groups: int) -> None:
    """Runs ``stages`` in order: each brings the batches of one group
    together (a shuffle) and runs the step on them where they land; what a
    step gives joins ``outputs`` for the stages after it."""
    for stage in stages:
        grouped = _stage(outputs, stage).groupby(lambda it: it[1], npartitions=groups)
        outputs.append(grouped.map(functools.partial(_group_step, stage, articles, groups)).flatten())


def _gather(outputs: List["db.Bag"], stage: str) -> List[bytes]:
    """The batches of ``stage``, computed and brought to this process."""
    (batches,) = dask.compute(_stage(outputs, stage).map(lambda it: it[2]))
    return list(batches)


def _fetch(bag: "db.Bag") -> Iterator[bytes]:
    """The items of a persisted bag, one partition at a time."""
    for part in bag.to_delayed():
        (items,) = dask.compute(part)
        yield from items


def link(
    articles: Union["dd.DataFrame", "db.Bag"],
    *,
    text: str = "text",
    id: Optional[str] = "id",
    date: Optional[str] = "date",
    title: Optional[str] = "title",
    threads: int = 1,
    max_article_bytes: int = 524288,
    partitions: Optional[int] = None,
) -> Linked:
    """Links ``articles`` across the cluster, the records staying on the
    workers: each partition is extracted where it lives and kept there (a
    ``dateline.Corpus``, persisted), and linking runs as keyed steps
    (``dateline.shard``), each a shuffle of batches and a step per group on
    the workers: story keys and their articles, the pairs of
    articles to compare, their cosines, each article's best matches; then
    each entity's home, the corpus entities, each story's events. Two
    gathers run in this process: the joins between articles (at most two
    per article) that make the stories, and the output. Stories, corpus
    entities, events and timelines equal ``dateline link`` on the same
    input, on any number of workers and partitions. ``partitions``: how many
    groups each shuffle makes (the input's partitions by default). Error
    records are kept in ``Linked.errors``.
    """
    columns = (text, id, date, title)
    corpora = [
        dask.delayed(_corpus_partition, pure=True)(p, columns, None, threads, max_article_bytes)
        for p in _partitions(articles)
    ]
    # Kept where they were made (on the workers with a distributed client):
    # both maps read them, and extraction runs once.
    corpora = list(dask.persist(*corpora))
    counts, errors = dask.compute([dask.delayed(len)(c) for c in corpora], [dask.delayed(_errors)(c) for c in corpora])
    n = sum(counts)
    errs = [e for part in errors for e in part]
    groups = partitions or max(1, len(corpora))
    first = db.from_delayed([dask.delayed(shard.first)(c, n, groups) for c in corpora]) if corpora else db.from_sequence([])
    outputs: List["db.Bag"] = [first]
    _steps(outputs, shard.FIRST_STAGES, n, groups)
    placed = dask.delayed(shard.stories(_gather(outputs, "stories")), pure=True)
    # The second half starts again from the records.
    second = [dask.delayed(shard.second)(c, placed, n, groups) for c in corpora]
    outputs = [db.from_delayed(second) if corpora else db.from_sequence([])]
    _steps(outputs, shard.SECOND_STAGES, n, groups)
    # The output, fetched a partition at a time: the client never holds
    # every batch and the output at once.
    done = _stage(outputs, "done").map(lambda it: it[2]).persist()
    return shard.finish(_fetch(done), errs)
