"""dateline on Spark: the recipe to copy (docs/spark.md).

Extraction is a `mapInArrow` over a DataFrame of articles: each task makes one
`dateline.Extractor` and turns its Arrow batches of articles into Arrow batches
of one of dateline's tables, with the output schema given up front (the
core's own Arrow schema, labels as strings and times in microseconds). Linking
keeps each partition's compact records (a pickled `dateline.Corpus`) on the
executors and runs the stages of `dateline.shard`, each a `groupByKey`.

    python examples/python/spark.py ARTICLES.jsonl OUT [TABLE ...]

writes `OUT/<table>/` (Parquet, partitioned by the publication day) for each
table (default: entities, quotes, figures, events) and `OUT/linked.json`
(what `dateline link` gives). Runs in Spark local mode with `pip install
pyspark` and a Java runtime (17 or later).
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import Any, Dict, Iterator, List

import pyarrow as pa

import dateline
import dateline.shard as shard
from dateline._dateline import _arrow_table

#: Tables written when none are named.
TABLES = ["entities", "quotes", "figures", "events"]

# One extractor per Python worker process, made by its first task.
_EXTRACTOR: List[dateline.Extractor] = []


def extractor() -> dateline.Extractor:
    if not _EXTRACTOR:
        _EXTRACTOR.append(dateline.Extractor(threads=1))
    return _EXTRACTOR[0]


def plain(table: pa.Table) -> pa.Table:
    """The table in the Arrow types Spark reads: labels (Arrow dictionaries)
    as strings, times in microseconds (dateline's are in milliseconds)."""
    columns = []
    for field, column in zip(table.schema, table.columns):
        if pa.types.is_dictionary(field.type):
            column = column.cast(field.type.value_type)
        elif pa.types.is_timestamp(field.type):
            column = column.cast(pa.timestamp("us", field.type.tz))
        columns.append(column)
    return pa.table(columns, names=table.column_names)


def records(batch: pa.RecordBatch) -> List[Dict[str, Any]]:
    """The rows of a batch of articles as dateline records: `text`, `id`,
    `date`, `title`, and any other column as metadata (nulls left out)."""
    return [{k: v for k, v in row.items() if v is not None} for row in batch.to_pylist()]


def extract_table(table: str):
    """The function for `mapInArrow` that gives `table` for each batch of articles."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        ex = extractor()
        for batch in batches:
            results = list(ex.extract_many(records(batch)))
            yield from plain(pa.table(_arrow_table(results, table))).to_batches()

    return run


def spark_schema(table: str):
    """The Spark schema of a table: the core's Arrow schema, as `plain` gives it."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(plain(pa.table(_arrow_table([], table))).schema)


def corpus_of(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The function for `mapInArrow` that gives each partition's compact
    records: one row holding its pickled `dateline.Corpus`."""
    corpus = dateline.Corpus()
    ex = extractor()
    for batch in batches:
        corpus.extend(ex.extract_many(records(batch)))
    yield pa.record_batch([pa.array([pickle.dumps(corpus)], pa.binary())], names=["corpus"])


def extract(articles, table: str):
    """The DataFrame of one table of `articles` (a Spark DataFrame with a
    `text` column, and `id`, `date`, `title` where present)."""
    return articles.mapInArrow(extract_table(table), spark_schema(table))


def link(articles, groups: int = 0) -> dateline.Linked:
    """Links `articles` with the records kept on the executors (what
    `dateline link` gives on the same input): each partition's records (a
    `dateline.Corpus`, cached), then each stage of `dateline.shard` as a
    `groupByKey` on the batches' group, the step run where the group lands.
    The driver gathers only the joins between articles, between the two
    halves, and the output. `groups`: how many groups each shuffle makes
    (the partitions of the input by default)."""
    corpora = articles.mapInArrow(corpus_of, "corpus binary").rdd.map(lambda row: pickle.loads(row["corpus"]))
    corpora = corpora.cache()
    sc = corpora.context
    n = corpora.map(len).sum()
    errors = corpora.flatMap(lambda c: c.errors).collect()
    groups = groups or corpora.getNumPartitions()

    def run(outputs: list, stages) -> list:
        for stage in stages:
            mine = sc.union(outputs).filter(lambda b, s=stage: b[0] == s).map(lambda b: (b[1], b[2]))
            step = mine.groupByKey(groups).flatMap(lambda g, s=stage: shard.step(s, list(g[1]), n, groups))
            outputs.append(step.cache())
        return outputs

    def gather(outputs: list, stage: str) -> List[bytes]:
        return sc.union(outputs).filter(lambda b: b[0] == stage).map(lambda b: b[2]).collect()

    first = run([corpora.flatMap(lambda c: shard.first(c, n, groups))], shard.FIRST_STAGES)
    placed = sc.broadcast(shard.stories(gather(first, "stories")))
    second = run([corpora.flatMap(lambda c: shard.second(c, placed.value, n, groups))], shard.SECOND_STAGES)
    linked = shard.finish(gather(second, "done"), errors)
    for rdd in [corpora, *first[1:], *second[1:]]:
        rdd.unpersist()
    return linked


def main(argv: List[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    source, out, tables = argv[0], argv[1], argv[2:] or TABLES
    # Local mode: the Python workers run this interpreter, where dateline is
    # installed (on a cluster, install dateline where the executors run).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = SparkSession.builder.master("local[2]").appName("dateline").getOrCreate()
    try:
        articles = spark.read.json(source)
        if "id" not in articles.columns:
            raise SystemExit(f"{source}: the articles need an id column, to join the tables to their day")
        day = F.lit(None).cast("string")
        if "date" in articles.columns:
            day = F.substring(F.col("date").cast("string"), 1, 10)
        days = articles.select(F.col("id").alias("article_id"), day.alias("published"))
        for table in tables:
            rows = extract(articles, table)
            if table != "articles":
                rows = rows.join(days, "article_id", "left")
            else:
                rows = rows.withColumn("published", F.date_format("date", "yyyy-MM-dd"))
            rows.write.partitionBy("published").parquet(f"{out}/{table}", mode="errorifexists")
        with open(f"{out}/linked.json", "x", encoding="utf-8") as f:
            f.write(link(articles).to_json())
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
