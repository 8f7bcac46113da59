"""Inputs as users hold them (DataFrames, numpy scalars, NaT, files and
folders, the command's own output), the dtypes of the tables, and two
questions answered with joins only (issue 24)."""

import json
import subprocess
import sys
import types
import warnings

import pytest

import dateline

from conftest import command

BASRA = (
    "date 2024-02-19 Floods kill 12 in Basra\n\n"
    "At least 12 people were killed in floods in Basra on Monday, the governor said.\n\n"
    '"We have never seen water like this," Governor Asaad al-Eidani told reporters.'
)
ANKARA = (
    "Talks in Ankara\n\n"
    "Turkish and Iraqi officials met in Ankara on Tuesday. "
    "Three people were killed in the town of Zakho, the Iraqi foreign minister said."
)


def test_extract_many_reads_a_dataframe_with_nat_and_numpy_ids():
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    frame = pd.DataFrame(
        {
            "id": np.array([101, 102], dtype=np.int64),
            "date": [pd.NaT, pd.Timestamp("2024-03-12")],
            "title": ["Floods", None],
            "text": [BASRA, ANKARA],
            "section": ["world", "world"],
        }
    )
    results = list(dateline.Extractor(tokens=False).extract_many(frame))
    assert [r.ok for r in results] == [True, True]
    assert [r.id for r in results] == ["101", "102"]
    # NaT is no date: the first takes its header's, the second the column's.
    assert [r.date.isoformat() for r in results] == ["2024-02-19", "2024-03-12"]
    assert results[0].metadata == {"section": "world"}
    # The records of `to_dict("records")` read the same: np.int64 ids, NaT dates.
    again = list(dateline.Extractor(tokens=False).extract_many(frame.to_dict("records")))
    assert [(r.ok, r.id) for r in again] == [(True, "101"), (True, "102")]


def test_extract_many_reads_a_series_and_a_frame_index():
    pd = pytest.importorskip("pandas")
    ex = dateline.Extractor(layers="article")
    texts = pd.Series([BASRA, ANKARA], index=["basra", "ankara"], name="text")
    assert [r.id for r in ex.extract_many(texts)] == ["basra", "ankara"]
    assert [r.id for r in ex.extract_many(texts.reset_index(drop=True))] == [None, None]
    frame = pd.DataFrame({"text": [BASRA, ANKARA]}, index=["basra", "ankara"])
    assert [r.id for r in ex.extract_many(frame)] == ["basra", "ankara"]
    with pytest.raises(ValueError, match="no 'text' column.*'body'"):
        list(ex.extract_many(pd.DataFrame({"body": [BASRA]})))


def test_a_path_is_not_extracted_as_text(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(BASRA, encoding="utf-8")
    with pytest.raises(dateline.ConfigError, match="read_file"):
        dateline.extract(str(path))
    with pytest.raises(TypeError, match="read_file"):
        dateline.extract(path)  # type: ignore[arg-type]
    [article] = list(dateline.read_file(path))
    x = dateline.extract(article)
    assert (x.id, x.date.isoformat()) == ("article", "2024-02-19")


def test_read_folder_reads_as_the_command(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(BASRA, encoding="utf-8")
    (tmp_path / "b" / "feed.jsonl").write_text(
        json.dumps({"id": "ankara", "text": ANKARA}) + "\nnot json\n", encoding="utf-8"
    )
    (tmp_path / "notes.md").write_text("skipped", encoding="utf-8")
    records = list(dateline.read_folder(tmp_path))
    assert [(r.ok if isinstance(r, dateline.ErrorRecord) else True, r.id) for r in records] == [
        (True, "a"),
        (True, "ankara"),
        (False, "feed:2"),
    ]
    assert records[2].file == str(tmp_path / "b" / "feed.jsonl") and records[2].line == 2
    results = list(dateline.Extractor(tokens=False).extract_many(dateline.read_folder(str(tmp_path))))
    assert [r.ok for r in results] == [True, True, False]
    with pytest.raises(FileNotFoundError, match="nope"):
        dateline.read_folder(tmp_path / "nope")
    with pytest.raises(IsADirectoryError, match="read"):
        dateline.read_file(tmp_path)


def test_read_file_and_read_folder_read_parquet_as_pandas_and_polars_write_it(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    frame = pd.DataFrame(
        {
            "id": ["basra", "ankara", "blank"],
            "date": pd.to_datetime(["2024-02-19", "2024-03-12", None]),
            "text": [BASRA, ANKARA, None],
            "section": pd.Categorical(["world", "world", "uk"]),
        }
    )
    # pandas writes Snappy, polars Zstd by default: both are read.
    frame.to_parquet(tmp_path / "pandas.parquet")
    pl.from_pandas(frame).write_parquet(tmp_path / "polars.parquet")
    for name in ["pandas.parquet", "polars.parquet"]:
        records = list(dateline.read_file(tmp_path / name))
        assert [r.id for r in records] == ["basra", "ankara", "blank"], name
        basra, ankara, blank = records
        assert isinstance(blank, dateline.ErrorRecord)
        assert (blank.kind, blank.record) == ("missing_field", 3)
        assert blank.file == str(tmp_path / name)
        # pandas' datetime64 is a timestamp with no zone, read as written.
        assert (basra.date.isoformat(), ankara.date.isoformat()) == ("2024-02-19", "2024-03-12")
        assert basra.metadata == {"section": "world"}
        x = dateline.Extractor(layers="figures").extract(basra)
        assert {f.value for f in x.figures} == {12.0}
    results = list(dateline.Extractor(tokens=False).extract_many(dateline.read_folder(tmp_path)))
    assert [r.ok for r in results] == [True, True, False] * 2


def test_read_jsonl_names_the_missing_file():
    with pytest.raises(FileNotFoundError) as e:
        dateline.read_jsonl("nope.jsonl")
    assert e.value.filename == "nope.jsonl" and "nope.jsonl" in str(e.value)


def test_read_jsonl_reads_the_commands_output_back(tmp_path):
    pd = pytest.importorskip("pandas")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "basra.txt").write_text(BASRA, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = subprocess.run(
        [str(command()), "extract", str(tmp_path / "in"), "-o", str(out), "--quiet"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr  # the empty file failed
    back = list(dateline.read_jsonl(out))
    assert [type(r).__name__ for r in back] == ["Extraction", "ErrorRecord"]
    assert (back[1].kind, back[1].id) == ("empty", "empty")
    fresh = dateline.extract(dateline.Article(BASRA, id="basra"))
    assert back[0].to_dict()["mentions"] == fresh.to_dict()["mentions"]
    quotes = dateline.to_pandas(back, "quotes")
    assert quotes["text"].tolist() == [q.text for q in fresh.quotes]
    assert quotes["speaker"].dropna().tolist() == [q.speaker for q in fresh.quotes if q.speaker]
    assert dateline.to_pandas(back, "errors")["kind"].tolist() == ["empty"]
    assert isinstance(quotes, pd.DataFrame)


def test_a_consumed_generator_is_refused_not_an_empty_table():
    pytest.importorskip("pandas")
    kept = list(dateline.Extractor(tokens=False).extract_many([BASRA, ANKARA]))
    n = sum(len(x.quotes) for x in kept)
    assert n >= 2
    assert len(dateline.to_pandas(kept, "quotes")) == len(dateline.to_pandas(kept, "quotes")) == n
    results = dateline.Extractor(tokens=False).extract_many([BASRA, ANKARA])
    assert len(dateline.to_pandas(results, "quotes")) == n
    with pytest.raises(ValueError, match="already iterated.*list"):
        dateline.to_pandas(results, "quotes")


def test_a_table_whose_layer_did_not_run_is_an_error():
    pytest.importorskip("pandas")
    ex = dateline.Extractor(layers="entities")
    assert ex.layers == ["article", "entities"]
    results = list(ex.extract_many([BASRA]))
    assert results[0].layers == ["article", "entities"]
    assert len(dateline.to_pandas(results, "mentions")) > 0
    with pytest.raises(ValueError, match="'entities' table comes from the 'resolve' layer"):
        dateline.to_pandas(results, "entities")
    with pytest.raises(dateline.ConfigError, match="unknown layer"):
        dateline.Extractor(layers="entitiez")
    with pytest.raises(TypeError, match="layers must be a str or a list of str"):
        dateline.Extractor(layers=3)  # type: ignore[arg-type]


def test_progress_counts_articles(capsys):
    pytest.importorskip("tqdm")
    results = list(dateline.Extractor(tokens=False).extract_many([BASRA, 7, ANKARA], progress=True))
    assert [r.ok for r in results] == [True, False, True]
    err = capsys.readouterr().err
    assert "3/3" in err and "errors=1" in err


def test_progress_without_tqdm_warns_and_goes_on(monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    with pytest.warns(RuntimeWarning, match="needs tqdm"):
        results = list(dateline.Extractor(tokens=False).extract_many([BASRA], progress=True))
    assert [r.ok for r in results] == [True]


def test_dtypes_are_stable():
    pd = pytest.importorskip("pandas")
    results = list(dateline.Extractor().extract_many(dateline.samples()))
    articles = dateline.to_pandas(results, "articles")
    assert str(articles["date"].dtype).startswith("datetime64")
    assert articles["date"].dt.year.tolist() == [2024, 2024, 2024]
    entities = dateline.to_pandas(results, "entities")
    assert str(entities["geonameid"].dtype) == "Int64" and entities["geonameid"].notna().any()
    assert isinstance(entities["kind"].dtype, pd.CategoricalDtype)
    figures = dateline.to_pandas(results, "figures")
    assert str(figures["part_of"].dtype) == "Int64"
    assert list(figures["kind"].cat.categories) == ["count", "money", "percent", "quantity"]
    # Batches concatenate with their dtypes (fixed categories).
    both = pd.concat([dateline.to_pandas(results[:1], "mentions"), dateline.to_pandas(results[1:], "mentions")])
    assert isinstance(both["kind"].dtype, pd.CategoricalDtype)
    assert dateline.to_pandas([], "figures")["part_of"].dtype == "Int64"
    assert list(dateline.to_pandas([], "mentions")["kind"].cat.categories) == ["PER", "ORG", "LOC", "NORP", "MISC"]
    assert str(dateline.to_pandas(results, "events")["place_is_focus_country"].dtype) == "boolean"
    # The articles table has the records' metadata, a column per field (in name order), after its own columns.
    meta = list(dateline.Extractor().extract_many([
        {"id": "m1", "text": "Mr Al Sudani arrived in Tehran.", "url": "https://example.org/1", "section": "world"},
        {"id": "m2", "text": "Floods hit Basra.", "url": "https://example.org/2"},
    ]))
    table = dateline.to_pandas(meta, "articles")
    assert table.columns.tolist()[-3:] == ["metadata", "section", "url"]
    assert table["url"].tolist() == ["https://example.org/1", "https://example.org/2"]
    assert table["section"].tolist()[0] == "world" and table["section"].isna().tolist()[1]
    assert json.loads(table["metadata"][1]) == {"url": "https://example.org/2"}
    # Confidences to three decimals: no float32 noise in the tables, getters or JSON.
    mentions = dateline.to_pandas(results, "mentions")
    assert (mentions["confidence"] == mentions["confidence"].round(3)).all()
    for x in results:
        for q in x.quotes:
            assert q.confidence == round(q.confidence, 3)
        for item in json.loads(x.to_json())["mentions"]:
            assert len(repr(item["confidence"])) <= 5


def test_help_documents_every_attribute():
    for cls in (dateline.Quote, dateline.Figure, dateline.Mention, dateline.Entity, dateline.Place):
        fields = [n for n, v in vars(cls).items() if isinstance(v, types.GetSetDescriptorType)]
        assert len(fields) >= 9, cls
        undocumented = [n for n in fields if not (getattr(cls, n).__doc__ or "").strip()]
        assert undocumented == [], (cls.__name__, undocumented)
    assert "the speaker the source resolves to" in dateline.Quote.speaker.__doc__.lower()
    assert "part of" in dateline.Figure.part_of.__doc__


def _seed_results(shared):
    seeds = sorted((shared / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("no seed articles in ../shared/seeds")
    return list(dateline.Extractor().extract_many(dateline.read_folder(shared / "seeds")))


def _questions(results):
    """Who is quoted most, and every casualty figure with its place: joins only."""
    quotes = dateline.to_pandas(results, "quotes")
    quoted = quotes.dropna(subset=["speaker"]).groupby("speaker").size().sort_values(ascending=False)
    figures = dateline.to_pandas(results, "figures")
    casualties = figures[figures["category"].isin(["killed", "wounded", "casualties"])]
    entities = dateline.to_pandas(results, "entities")
    places = entities[["article_id", "entity", "name", "geonameid"]]
    located = casualties.merge(
        places, how="left", left_on=["article_id", "place_entity_id"], right_on=["article_id", "entity"]
    )
    return quoted, casualties, located


def test_questions_on_the_samples():
    pytest.importorskip("pandas")
    results = list(dateline.Extractor().extract_many(dateline.samples()))
    quoted, casualties, located = _questions(results)
    assert len(quoted) > 0 and quoted.iloc[0] >= quoted.iloc[-1]
    assert len(located) == len(casualties) > 0
    assert located["text"].tolist() == casualties["text"].tolist()
    assert "At least 12" in located["text"].tolist()


def test_questions_on_the_seeds(shared):
    pytest.importorskip("pandas")
    results = _seed_results(shared)
    assert all(r.ok for r in results)
    quoted, casualties, located = _questions(results)
    assert quoted.index[0] == "Antony Blinken"
    assert len(located) == len(casualties) >= 3
    # A casualty figure in Israel finds the place's gazetteer entry by the join.
    israel = located[located["place_name"] == "Israel"]
    assert israel["geonameid"].tolist() == [294640]


def test_no_warning_without_progress():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(list(dateline.Extractor(tokens=False).extract_many([BASRA]))) == 1
