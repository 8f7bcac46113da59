"""dateline on Dask: a LocalCluster of two worker processes gives the tables and
the links of `dateline extract` and `dateline link` on the same input."""

import json
import pathlib
import subprocess
import warnings

import pytest

pytest.importorskip("dask")
pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

import dask  # noqa: E402
import dask.dataframe as dd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import dateline  # noqa: E402
import dateline.dask as ddl  # noqa: E402
from conftest import SHARED, command  # noqa: E402

#: Articles of ../shared's BBC corpus used (the bundled samples without it).
N_BBC = 90


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> pathlib.Path:
    """A folder as users have them: a JSONL feed (with a broken line and a
    blank one) and text files beside it."""
    root = tmp_path_factory.mktemp("feeds")
    bbc = SHARED / "eval" / "bbc_news" / "unlabelled.jsonl"
    if bbc.is_file():
        with open(bbc, encoding="utf-8") as f:
            lines = [next(f) for _ in range(N_BBC)]
    else:
        lines = [
            json.dumps({"id": a.id, "text": a.text, "title": a.title}) + "\n" for a in dateline.samples()
        ]
    lines.insert(len(lines) // 2, '{"id": "broken", "text": "Rockets hit\n')
    lines.insert(len(lines) // 3, "   \n")
    (root / "feed.jsonl").write_text("".join(lines), encoding="utf-8")
    seeds = SHARED / "seeds"
    texts = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    for i, seed in enumerate(texts):
        (root / f"seed-{i}.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    if not texts:
        (root / "wire.txt").write_text(" date 2023-11-09 Rockets hit Sderot on Monday, police said.\n")
    return root


@pytest.fixture(scope="module")
def client():
    # No memory limit (a busy machine must not pause or restart a worker) and
    # long timeouts (starting processes under load must not fail the test).
    slow = {"distributed.comm.timeouts.connect": "300s", "distributed.comm.timeouts.tcp": "300s"}
    with dask.config.set(slow), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", memory_limit=0,
            timeout="300s",
        )
        with Client(cluster, timeout="300s") as c:
            yield c
        cluster.close()


@pytest.fixture(scope="module")
def command_tables(corpus, tmp_path_factory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("command") / "tables"
    done = subprocess.run(
        [str(command()), "extract", "--format", "parquet", "--tables", ",".join(ddl.DEFAULT_TABLES),
         "-o", str(out), "--quiet", str(corpus)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    # 1: the broken line is an error record (the command says so and exits 1).
    assert done.returncode == 1 and "1 of" in done.stderr, done.stderr
    return out


def _command_frame(out: pathlib.Path, table: str) -> "pd.DataFrame":
    return ddl._typed(pq.read_table(out / f"{table}.parquet"))


def _same(mine: "pd.DataFrame", theirs: "pd.DataFrame", table: str) -> None:
    pd.testing.assert_frame_equal(
        mine.reset_index(drop=True), theirs.reset_index(drop=True), check_dtype=True, obj=table
    )


def test_parts_keep_every_record_with_its_line_and_id(corpus):
    def show(r):
        # An article's text, date, title, id, metadata and origin (file, line, record, byte).
        return repr(r.to_dict() if isinstance(r, dateline.ErrorRecord) else r.__reduce__()[1])

    whole = [show(r) for r in dateline.read_folder(corpus)]
    bag = ddl.read_articles(corpus, part_bytes=40_000)
    assert bag.npartitions > 4
    parts = bag.compute(scheduler="sync")
    assert [show(r) for r in parts] == whole
    broken = [r for r in parts if isinstance(r, dateline.ErrorRecord)]
    assert len(broken) == 1 and broken[0].kind == "json"
    assert broken[0].file.endswith("feed.jsonl")
    lines = (corpus / "feed.jsonl").read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith('{"id": "broken"'))
    assert broken[0].line == at + 1 and broken[0].record == at  # the blank line before it is no record


def test_a_parquet_file_is_split_by_row_groups(tmp_path):
    def show(r):
        return repr(r.to_dict() if isinstance(r, dateline.ErrorRecord) else r.__reduce__()[1])

    texts = [f"Officials in Basra said {i} people were hurt in floods." for i in range(40)]
    texts[17] = None
    frame = pd.DataFrame({"id": [f"a{i}" for i in range(40)], "text": texts})
    path = tmp_path / "feed.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, row_group_size=6)
    whole = [show(r) for r in dateline.read_file(path)]
    assert len(whole) == 40
    bag = ddl.read_articles(path, part_bytes=1)
    assert bag.npartitions == 7  # one per row group
    assert [show(r) for r in bag.compute(scheduler="sync")] == whole
    [missing] = [r for r in bag.compute(scheduler="sync") if isinstance(r, dateline.ErrorRecord)]
    assert (missing.id, missing.record, missing.kind) == ("a17", 18, "missing_field")


def test_tables_equal_the_commands_row_for_row_on_two_workers(client, corpus, command_tables):
    articles = ddl.read_articles(corpus, part_bytes=40_000)
    assert articles.npartitions >= 4
    tables = ddl.extract(articles)
    assert set(tables) == set(ddl.DEFAULT_TABLES)
    computed = dict(zip(tables, dask.compute(*tables.values())))
    for table, frame in computed.items():
        _same(frame, _command_frame(command_tables, table), table)
    # Real rows, not empty tables that match trivially.
    assert len(computed["articles"]) >= 3
    assert len(computed["entities"]) > 10 * len(computed["articles"]) // 4
    assert len(computed["errors"]) == 1
    assert computed["errors"]["kind"].tolist() == ["json"]


def test_the_same_tables_on_one_worker_and_other_partitions(client, corpus):
    one = ddl.extract(ddl.read_articles(corpus, part_bytes=1 << 30), tables=["mentions", "quotes"])
    many = ddl.extract(ddl.read_articles(corpus, part_bytes=25_000), tables=["mentions", "quotes"])
    assert ddl.read_articles(corpus, part_bytes=25_000).npartitions > ddl.read_articles(
        corpus, part_bytes=1 << 30).npartitions
    for table in ("mentions", "quotes"):
        _same(one[table].compute(scheduler="sync"), many[table].compute(), table)


def test_a_dataframe_of_articles_from_parquet(client, corpus, command_tables, tmp_path):
    rows = [json.loads(line) for line in (corpus / "feed.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith('{"id": "broken"')]
    # Articles kept in Parquet, as a newsroom keeps them, in three files.
    frame = pd.DataFrame(rows)
    dd.from_pandas(frame, npartitions=3).to_parquet(tmp_path / "articles.parquet", write_index=False)
    ddf = dd.read_parquet(tmp_path / "articles.parquet")
    assert ddf.npartitions == 3
    tables = ddl.extract(ddf, tables=["articles", "quotes"])
    articles, quotes = dask.compute(tables["articles"], tables["quotes"])
    theirs = _command_frame(command_tables, "articles")
    theirs = theirs[theirs["file"].str.endswith("feed.jsonl")].drop(columns=["file"])
    _same(articles.drop(columns=["file"]), theirs, "articles")
    assert articles["file"].isna().all()
    theirs = _command_frame(command_tables, "quotes")
    _same(quotes, theirs[theirs["article_id"].isin(set(articles["article_id"]))], "quotes")
    # Missing values of every kind are absent fields; a row without text is an error row.
    odd = pd.DataFrame({
        "id": ["n1", "n2", "n3"],
        "text": ["Rockets hit Sderot on Monday, police said.", None, "Ten people were killed."],
        "title": pd.array([pd.NA, "No text", None], dtype="string"),
        "date": [pd.NaT, pd.Timestamp("2023-11-09"), pd.Timestamp("2023-11-10")],
        "score": [float("nan"), 1.5, 2.0],
    })
    t = ddl.extract(dd.from_pandas(odd, npartitions=2), tables=["articles", "errors"])
    a, e = dask.compute(t["articles"], t["errors"])
    assert a["article_id"].tolist() == ["n1", "n3"] and e["article_id"].tolist() == ["n2"]
    assert a["date"].isna().tolist() == [True, False] and a["title"].isna().all()
    with pytest.raises(KeyError, match="body"):
        ddl.extract(ddf, text="body", tables=["articles"])["articles"].compute()


def test_parquet_by_day_written_by_the_workers(client, corpus, command_tables, tmp_path):
    out = tmp_path / "lake"
    rows = ddl.to_parquet(ddl.read_articles(corpus, part_bytes=40_000), out, tables=["articles", "figures"])
    back = pq.read_table(out / "figures", partitioning="hive")
    assert back.num_rows == rows["figures"] > 0
    assert rows["articles"] == len(_command_frame(command_tables, "articles"))
    days = {p.name for p in (out / "articles").iterdir()}
    assert len(days) > 1 and all(d.startswith("published=") for d in days)
    theirs = _command_frame(command_tables, "figures")
    mine = ddl._typed(back.drop(["published"]))
    key = ["article_id", "figure"]
    _same(mine.sort_values(key).reset_index(drop=True), theirs.sort_values(key).reset_index(drop=True), "figures")
    # Never written over, nor among other files.
    with pytest.raises(FileExistsError, match="not an empty folder"):
        ddl.to_parquet(ddl.read_articles(corpus), out, tables=["articles"])


def test_link_equals_dateline_link(client, corpus, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the broken line is left out, with a warning
        linked = ddl.link(ddl.read_articles(corpus, part_bytes=40_000), partitions=3)
        whole = ddl.link(ddl.read_articles(corpus))
        here = dateline.link(dateline.Extractor().extract_many(dateline.read_folder(corpus)))
    assert linked.to_json() == here.to_json()
    # One partition and one group per shuffle, or many: the same.
    assert whole.to_json() == linked.to_json()
    assert [t.to_dict() for t in whole.timelines()] == [t.to_dict() for t in here.timelines()]
    assert len(linked) == len(here)
    assert len(linked.errors) == 1
    out = tmp_path / "linked.json"
    done = subprocess.run(
        [str(command()), "link", "-o", str(out), "--quiet", str(corpus)],
        stdin=subprocess.DEVNULL, capture_output=True, text=True,
    )
    assert done.returncode in (0, 1) and out.is_file(), done.stderr
    theirs = json.loads(out.read_text(encoding="utf-8"))
    mine = json.loads(linked.to_json())
    for part in ("stories", "entities", "events"):
        assert [x["id"] for x in mine[part]] == [x["id"] for x in theirs[part]], part
    assert [s["articles"] for s in mine["stories"]] == [s["articles"] for s in theirs["stories"]]
    assert any(len(s["articles"]) > 1 for s in mine["stories"])


def test_a_corpus_pickles_as_its_records():
    import pickle

    results = list(dateline.Extractor().extract_many(dateline.samples()))
    corpus = dateline.Corpus(results)
    back = pickle.loads(pickle.dumps(corpus))
    assert len(back) == len(corpus)
    assert back.link().to_json() == corpus.link().to_json()
    merged = dateline.Corpus(results[:2])
    merged.merge(dateline.Corpus(results[2:]))
    assert merged.link(keep=False).to_json() == corpus.link().to_json()
    assert len(merged) == 0 and len(corpus) == len(results)
    size = len(pickle.dumps(corpus))
    assert size < sum(len(r.text) for r in results) * 4
    state = corpus.__getstate__()
    with pytest.raises(ValueError, match="pickled by dateline 0.0.0"):
        dateline.Corpus().__setstate__(("0.0.0",) + tuple(state[1:]))
