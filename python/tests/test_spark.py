"""The Spark recipe (examples/python/spark.py) in Spark local mode gives the
tables of `dateline extract` and the links of `dateline link`. Skips without
pyspark or a Java runtime (scripts/test-spark installs pyspark and runs it)."""

import importlib.util
import json
import pathlib
import shutil
import subprocess
import warnings

import pytest

pytest.importorskip("pyspark")
pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
if shutil.which("java") is None:
    pytest.skip("no Java runtime for Spark", allow_module_level=True)

import dateline  # noqa: E402
from conftest import REPO, SHARED, command  # noqa: E402

N_BBC = 120
TABLES = ["articles", "entities", "quotes", "figures", "events", "errors"]


def _recipe():
    spec = importlib.util.spec_from_file_location("spark_recipe", REPO / "examples" / "python" / "spark.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def feed(tmp_path_factory) -> pathlib.Path:
    path = tmp_path_factory.mktemp("spark") / "feed.jsonl"
    bbc = SHARED / "eval" / "bbc_news" / "unlabelled.jsonl"
    if bbc.is_file():
        with open(bbc, encoding="utf-8") as f:
            lines = [next(f) for _ in range(N_BBC)]
    else:
        lines = [json.dumps({"id": a.id, "text": a.text, "title": a.title}) + "\n" for a in dateline.samples()]
    # A record without text: an error row, not a failed task.
    lines.insert(3, json.dumps({"id": "no-text", "title": "Nothing here"}) + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def spark():
    import os
    import sys

    from pyspark.sql import SparkSession

    # The workers run this interpreter, where dateline is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        session = (
            SparkSession.builder.master("local[2]")
            .appName("dateline-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate()
        )
    yield session
    session.stop()


def _sorted(frame: "pd.DataFrame", table: str) -> "pd.DataFrame":
    key = [c for c in ("article_id", "entity", "quote", "figure", "event", "kind") if c in frame.columns]
    return frame.sort_values(key, kind="stable").reset_index(drop=True)


def test_the_recipe_gives_the_commands_tables_and_links(spark, feed, tmp_path):
    recipe = _recipe()
    out = tmp_path / "command"
    done = subprocess.run(
        [str(command()), "extract", "--format", "parquet", "--tables", ",".join(TABLES), "-o", str(out),
         "--quiet", str(feed)],
        stdin=subprocess.DEVNULL, capture_output=True, text=True,
    )
    # 1: the record without text is an error record (the command says so and exits 1).
    assert done.returncode == 1 and "1 of" in done.stderr, done.stderr
    articles = spark.read.json(str(feed)).repartition(3, "id")
    for table in TABLES:
        mine = recipe.extract(articles, table).toArrow()
        theirs = recipe.plain(pq.read_table(out / f"{table}.parquet"))
        if table in ("articles", "errors"):
            theirs = theirs.drop_columns(["file"])
            mine = mine.drop_columns(["file"])
        if table == "errors":
            # The command names the file, line and byte; Spark's rows have none.
            theirs = theirs.select(["article_id", "kind"])
            mine = mine.select(["article_id", "kind"])
        a = _sorted(mine.to_pandas(types_mapper=pd.ArrowDtype), table)
        b = _sorted(theirs.cast(mine.schema).to_pandas(types_mapper=pd.ArrowDtype), table)
        pd.testing.assert_frame_equal(a, b, obj=table)
        if table == "entities":
            assert len(a) > 3 * len(set(a["article_id"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        linked = recipe.link(articles)
        regrouped = recipe.link(articles, groups=5)
        here = dateline.link(dateline.Extractor().extract_many(dateline.read_jsonl(feed)))
    assert linked.to_json() == here.to_json()
    assert regrouped.to_json() == here.to_json()
    assert len(linked.stories) < len(json.loads(linked.to_json())["entities"])


def test_the_recipe_writes_parquet_by_day_and_never_over(feed, tmp_path):
    # The script as users run it (its own session, local mode).
    import sys

    out = tmp_path / "out"
    run = [sys.executable, str(REPO / "examples" / "python" / "spark.py"), str(feed), str(out), "quotes"]
    done = subprocess.run(run, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    import pyarrow.dataset as ds

    by_day = ds.partitioning(pa.schema([("published", pa.string())]), flavor="hive")
    quotes = pq.read_table(out / "quotes", partitioning=by_day)
    assert quotes.num_rows > 0
    assert json.loads((out / "linked.json").read_text(encoding="utf-8"))["stories"]
    again = subprocess.run(run, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    assert again.returncode != 0
    assert "already exists" in again.stderr or "FileExistsError" in again.stderr
