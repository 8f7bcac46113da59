"""The core's Arrow tables in Python (to_arrow, to_polars) and the command's Parquet files in pandas."""

import subprocess

import pytest

import dateline
from conftest import command


@pytest.fixture(scope="module")
def results():
    return list(dateline.Extractor().extract_many(dateline.samples()))


def test_to_arrow_gives_the_cores_columns_and_keys_that_join(results):
    pa = pytest.importorskip("pyarrow")
    quotes = dateline.to_arrow(results, "quotes")
    entities = dateline.to_arrow(results, "entities")
    assert isinstance(quotes, pa.Table)
    assert quotes.num_rows == sum(len(x.quotes) for x in results)
    assert quotes.column_names[:2] == ["article_id", "quote"]
    assert quotes.schema.field("kind").type == pa.dictionary(pa.int32(), pa.string())
    assert quotes.schema.field("speaker_entity_id").type == pa.int64()
    assert quotes.column("text").to_pylist() == [q.text for x in results for q in x.quotes]
    # Each speaker entity is the entity of that article with the speaker's name.
    names = {(i, e): n for i, e, n in zip(*(entities.column(c).to_pylist() for c in ("article_id", "entity", "name")))}
    rows = [r for r in quotes.to_pylist() if r["speaker_entity_id"] is not None]
    assert rows
    for r in rows:
        assert names[(r["article_id"], r["speaker_entity_id"])] == r["speaker"]
    # Offsets are string indices, as everywhere in Python.
    mentions = dateline.to_arrow(results, "mentions").to_pylist()
    texts = {x.id: x.text for x in results}
    assert all(texts[m["article_id"]][m["start"] : m["end"]] == m["text"] for m in mentions)


def test_to_arrow_shares_the_columns_instead_of_copying(results):
    pa = pytest.importorskip("pyarrow")
    stream = dateline._dateline._arrow_table(results, "sentences")
    first, second = pa.table(stream), pa.table(stream)
    # Both imports see the very buffers the core built: nothing was copied.
    a = first.column("text").chunk(0).buffers()
    b = second.column("text").chunk(0).buffers()
    assert [x.address for x in a if x is not None] == [x.address for x in b if x is not None]
    assert stream.num_rows == first.num_rows == sum(len(x.sentences) for x in results)
    assert first.column_names == stream.columns


def test_to_arrow_refuses_a_table_whose_layer_did_not_run_and_unknown_tables(results):
    pytest.importorskip("pyarrow")
    only = list(dateline.Extractor(layers=["entities"]).extract_many(dateline.samples()))
    with pytest.raises(ValueError, match="'resolve' layer"):
        dateline.to_arrow(only, "entities")
    with pytest.raises(ValueError, match="the tables: articles"):
        dateline.to_arrow(results, "nope")
    with pytest.raises(TypeError, match="Extraction and ErrorRecord"):
        dateline.to_arrow(["text"], "quotes")
    many = dateline.Extractor().extract_many(dateline.samples())
    list(many)
    with pytest.raises(ValueError, match="already iterated"):
        dateline.to_arrow(many, "quotes")


def test_errors_table_and_to_polars(results):
    pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    mixed = list(dateline.Extractor().extract_many(["  ", dateline.samples()[0]]))
    errors = dateline.to_arrow(mixed, "errors")
    assert errors.column("kind").to_pylist() == ["empty"]
    figures = dateline.to_polars(results, "figures")
    assert isinstance(figures, pl.DataFrame)
    assert figures.height == sum(len(x.figures) for x in results)
    assert figures.schema["date_first"] == pl.Datetime("ms")


def test_seed_figures_have_the_place_entity_and_coordinates(shared):
    pytest.importorskip("pyarrow")
    [x] = dateline.Extractor().extract_many(dateline.read_file(shared / "seeds" / "002_a5617df903929637.txt"))
    figures = dateline.to_arrow([x], "figures").to_pandas()
    entities = dateline.to_arrow([x], "entities").to_pandas()
    joined = figures.merge(
        entities, left_on=["article_id", "place_entity_id"], right_on=["article_id", "entity"], suffixes=("", "_place")
    )
    toll = joined[joined["value"] == 9500].iloc[0]
    assert toll["name"] == "Gaza Strip"
    assert (toll["lat"], toll["lon"]) == (toll["lat_place"], toll["lon_place"])


def test_the_commands_parquet_reads_in_pandas_with_stable_dtypes(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out = tmp_path / "tables"
    done = subprocess.run(
        [str(command()), "extract", "--format", "parquet", "--tables", "articles,entities,quotes,figures",
         "-o", str(out), "--quiet"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    figures = pd.read_parquet(out / "figures.parquet", dtype_backend="numpy_nullable")
    assert str(figures["kind"].dtype) == "category"
    assert str(figures["place_entity_id"].dtype) == "Int64"
    assert str(figures["start"].dtype) == "Int64"
    assert figures["date_first"].dtype.kind == "M"
    assert figures["value"].dtype.kind == "f"
    articles = pd.read_parquet(out / "articles.parquet")
    assert articles["date"].dtype.kind == "M"
    assert articles["article_id"].tolist() == [a.id for a in dateline.samples()]
    quotes = pd.read_parquet(out / "quotes.parquet")
    assert set(quotes["kind"].cat.categories) <= {"direct", "indirect", "mixed", "according"}
    assert quotes["confidence"].map(lambda c: round(c, 3) == c).all()
    # The same rows as to_arrow on the same articles.
    results = list(dateline.Extractor().extract_many(dateline.samples()))
    mine = dateline.to_arrow(results, "quotes").to_pandas()
    assert quotes["text"].tolist() == mine["text"].tolist()
    pl = pytest.importorskip("polars")
    assert pl.read_parquet(out / "entities.parquet").height == sum(len(x.entities) for x in results)


def _four_questions(results):
    """The newsroom's four questions of issue 24, answered with joins only (no loops over results)."""
    table = {name: dateline.to_arrow(results, name).to_pandas() for name in
             ("entities", "quotes", "roles", "figures", "places", "focus_countries")}
    entities = table["entities"][["article_id", "entity", "name"]]
    # Who is quoted most: quotes joined to their speaker's entity.
    quoted = (
        table["quotes"]
        .merge(entities, left_on=["article_id", "speaker_entity_id"], right_on=["article_id", "entity"])
        .groupby("name")
        .size()
        .sort_values(ascending=False, kind="stable")
    )
    # Who holds which office.
    offices = table["roles"][["article_id", "holder", "title", "function", "of", "of_country"]]
    # Every casualty figure with its place and date, ready for a map.
    places = table["places"][["article_id", "entity", "lat", "lon", "country"]]
    casualties = table["figures"][table["figures"]["category"].isin(["killed", "wounded"])].merge(
        places, how="left", left_on=["article_id", "place_entity_id"], right_on=["article_id", "entity"], suffixes=("", "_place")
    )[["article_id", "text", "value", "counted", "category", "place_name", "lat_place", "lon_place", "country",
       "date_first", "date_last"]]
    # Which country each article is about most.
    focus = table["focus_countries"]
    about = focus[focus["rank"] == 0][["article_id", "country", "name"]]
    return quoted, offices, casualties, about


#: The country each seed is about most: Israel for the story of Blinken's tour
#: (its war is what the tour is about), Iraq for al-Sudani's.
ABOUT = {"000_ac435baf9cf167de": "IL", "002_a5617df903929637": "IQ"}


def test_four_questions_on_the_seeds_with_joins_only(shared):
    pytest.importorskip("pyarrow")
    pd = pytest.importorskip("pandas")
    seeds = sorted((shared / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("no seed articles in ../shared/seeds")
    results = list(dateline.Extractor().extract_many(dateline.read_folder(shared / "seeds")))
    assert all(r.ok for r in results)
    quoted, offices, casualties, about = _four_questions(results)
    assert quoted.index[0] == "Antony Blinken"
    blinken = offices[offices["holder"].str.contains("Blinken")]
    assert "Secretary of State" in blinken["title"].tolist()
    sudani = offices[offices["holder"].str.contains("Sudani")]
    assert set(sudani["title"]) == {"Prime Minister"} and set(sudani["of_country"]) == {"IQ"}
    assert len(blinken) == 2 and set(blinken["function"]) == {"foreign minister"}
    toll = casualties[casualties["value"] == 9500].iloc[0]
    assert toll["category"] == "killed" and toll["country"] == "PS"
    assert 31 < toll["lat_place"] < 32 and 34 < toll["lon_place"] < 35
    assert casualties["date_first"].dtype.kind == "M"
    assert toll["date_first"] == pd.Timestamp("2023-10-07")
    assert about.set_index("article_id")["country"].to_dict() == ABOUT


def test_four_questions_on_the_samples_with_joins_only(results):
    pytest.importorskip("pyarrow")
    quoted, offices, casualties, about = _four_questions(results)
    assert len(quoted) > 0 and quoted.iloc[0] >= quoted.iloc[-1]
    assert len(offices) > 0
    assert "At least 12" in casualties["text"].tolist()
    assert sorted(about["article_id"]) == sorted(s.id for s in dateline.samples())
