"""Tests of the Python binding surface: conversions, offsets, errors, batches,
threads, pickling and pandas. The depth of extraction is tested in Rust."""

import datetime
import itertools
import json
import pathlib
import pickle
import threading

import pytest

import dateline

WIRE = (
    " date 2023-11-20 Protesters in Erbil \U0001F1EE\U0001F1F6 gathered outside the governor’s office "
    "on Monday, reading “لا للحرب”.\n\nMr. Al Sudani’s office said 1,500 people took part. "
    "“We are tired,” said Şirin Aydın."
)


def test_extract_gives_typed_article_layer():
    x = dateline.extract(WIRE)
    assert isinstance(x, dateline.Extraction) and x.ok
    assert x.date == datetime.date(2023, 11, 20)
    assert x.date_source == "header"
    assert x.datetime is None
    assert [s.paragraph for s in x.sentences] == [0, 1, 1]
    assert x.sentences[2].text == "“We are tired,” said Şirin Aydın."
    assert x.paragraphs[1].sentences == range(1, 3)
    assert x.schema_version == dateline.SCHEMA_VERSION


def test_offsets_are_string_indices_on_emoji_and_non_latin_text():
    x = dateline.extract(WIRE)
    for s in x.sentences:
        assert x.text[s.start : s.end] == s.text
    words = [x.text[t.start : t.end] for t in x.tokens]
    assert "Erbil" in words and "Aydın" in words and "للحرب" in words and "Sudani" in words
    assert x.text[x.header.start : x.header.end] == "date 2023-11-20"
    d = x.to_dict()
    first = d["article"]["sentences"][0]
    assert x.text[first["start"] : first["end"]] == first["text"]
    assert json.loads(x.to_json()) == d


def test_kicker_and_record_fields():
    x = dateline.extract(
        "Live updates: Follow the latest news\n\nMr Al Sudani arrived in Tehran.",
        "2023-11-06T14:05:00Z",
        title="Iraqi PM in Tehran",
        id="a1",
    )
    assert x.id == "a1" and x.title == "Iraqi PM in Tehran"
    assert x.headlines[0].kind == "kicker"
    assert x.date_source == "record"
    assert x.datetime == datetime.datetime(2023, 11, 6, 14, 5, tzinfo=datetime.timezone.utc)


@pytest.mark.parametrize(
    "date, expected",
    [
        (datetime.date(2023, 11, 6), "2023-11-06"),
        (datetime.datetime(2023, 11, 6, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=3))), "2023-11-06"),
        ("6 November 2023", "2023-11-06"),
    ],
)
def test_date_arguments(date, expected):
    x = dateline.extract("Blinken met Al Sudani.", date)
    assert x.date.isoformat() == expected


def test_input_errors_are_value_errors_with_where():
    with pytest.raises(dateline.InputError) as info:
        dateline.extract(" date 2023-13-45 Text.")
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, dateline.DatelineError)
    assert e.kind == "bad_date" and e.byte == 6
    assert "month 13 does not exist" in str(e)
    with pytest.raises(dateline.InputError) as info:
        dateline.extract("   ")
    assert info.value.kind == "empty"
    with pytest.raises(dateline.InputError):
        dateline.extract("x", "yesterday")
    with pytest.raises(TypeError):
        dateline.extract(42)
    with pytest.raises(dateline.ConfigError):
        dateline.Extractor(layers=["entitiez"])
    with pytest.raises(ValueError):
        dateline.Extractor().extract_many([], errors="ignore")


def test_extract_many_keeps_order_and_yields_errors_in_place():
    records = [
        "First article. Two sentences.",
        {"id": "d2", "date": "2023-11-06", "text": "Second.", "url": "https://example.org/2"},
        12,
        {"id": "d4", "title": "no text"},
        dateline.Article("Fifth.", id="d5"),
        " date 2023-02-30 Bad date.",
    ]
    out = list(dateline.Extractor().extract_many(records))
    assert [r.ok for r in out] == [True, True, False, False, True, False]
    assert out[1].id == "d2" and out[1].metadata == {"url": "https://example.org/2"}
    assert out[2].kind == "field_type" and out[2].record == 3
    assert out[3].kind == "missing_field" and out[3].id == "d4"
    assert out[4].id == "d5"
    assert out[5].kind == "bad_date" and "day 30 does not exist in February 2023" in out[5].message

    with pytest.raises(dateline.InputError) as info:
        list(dateline.Extractor().extract_many(records, errors="raise"))
    assert info.value.record == 3


def test_extract_many_is_a_lazy_generator():
    def endless():
        for i in itertools.count():
            yield {"id": f"n{i}", "text": f"Article number {i}. It ends."}

    gen = dateline.Extractor(threads=2).extract_many(endless(), batch_size=64)
    first = list(itertools.islice(gen, 150))
    assert [x.id for x in first] == [f"n{i}" for i in range(150)]


def test_same_results_from_many_threads():
    ex = dateline.Extractor(tokens=False)
    texts = [f" date 2023-11-{i % 28 + 1:02d} Mr. Smith met Dr. Jones. Story {i}." for i in range(200)]
    expected = [ex.extract(t) for t in texts]
    results = {}

    def work(k):
        results[k] = [ex.extract(t) for t in texts]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[k] == expected for k in range(4))
    many = list(ex.extract_many(texts))
    assert [m.to_dict()["article"] for m in many] == [e.to_dict()["article"] for e in expected]
    assert many[7].origin == {"record": 8}
    assert not expected[0].tokens


def test_pickling_round_trips():
    x = dateline.extract(WIRE, id="w1")
    for obj in [x, x.sentences[0], x.tokens[0], x.paragraphs[0], x.header, dateline.Headline("title", 0, 1, "T")]:
        assert pickle.loads(pickle.dumps(obj)) == obj
    a = dateline.Article("Text.", "2023-11-06", title="T", id="i", metadata={"url": "u"})
    b = pickle.loads(pickle.dumps(a))
    assert (b.text, b.date, b.title, b.id, b.metadata) == (a.text, a.date, a.title, a.id, a.metadata)
    with pytest.raises(TypeError):
        dateline.Article("Text.", metadata={"tags": ["a", "b"]})
    err = list(dateline.Extractor().extract_many([5]))[0]
    assert pickle.loads(pickle.dumps(err)) == err


def test_read_jsonl_streams_articles_and_errors(tmp_path):
    path = tmp_path / "feed.jsonl"
    data = b'{"id": "a", "text": "One."}\nnot json\n\n{"text": "No id here."}\n{"id": "d", "text": "Bad \xff byte"}\n'
    path.write_bytes(data)
    items = list(dateline.read_jsonl(path))
    assert [type(i).__name__ for i in items] == ["Article", "ErrorRecord", "Article", "ErrorRecord"]
    assert items[1].line == 2 and items[1].kind == "json" and items[1].file == str(path)
    assert items[2].id == "feed:4"
    moved = pickle.loads(pickle.dumps(items[2]))
    assert list(dateline.Extractor().extract_many([moved]))[0].origin == {"file": str(path), "line": 4, "record": 3, "byte": 38}
    assert items[3].kind == "invalid_utf8" and items[3].byte == data.index(b"\xff") == 87
    out = list(dateline.Extractor().extract_many(dateline.read_jsonl(path)))
    assert [r.ok for r in out] == [True, False, True, False]
    assert out[1] == items[1]
    with pytest.raises(FileNotFoundError):
        dateline.read_jsonl(tmp_path / "missing.jsonl")


def test_samples_and_too_large():
    samples = dateline.samples()
    assert [a.id for a in samples] == ["basra-floods", "ankara-talks", "gaza-aid-vote"]
    out = list(dateline.Extractor(max_article_bytes=100).extract_many(samples))
    assert all(r.kind == "too_large" for r in out)


def test_to_pandas_tables():
    pd = pytest.importorskip("pandas")
    results = list(dateline.Extractor().extract_many(dateline.samples() + [7]))
    sentences = dateline.to_pandas(results, "sentences")
    assert isinstance(sentences, pd.DataFrame)
    assert list(sentences.columns[:6]) == ["article_id", "sentence", "paragraph", "start", "end", "text"]
    assert set(sentences["article_id"]) == {"basra-floods", "ankara-talks", "gaza-aid-vote"}
    articles = dateline.to_pandas(results, layer="articles")
    assert len(articles) == 3 and articles.loc[2, "date"] == pd.Timestamp(2024, 5, 2)
    tokens = results[0].to_pandas("tokens")
    row = tokens.iloc[0]
    assert results[0].text[row["start"] : row["end"]] == row["text"]
    errors = dateline.to_pandas(results, "errors")
    assert list(errors["kind"]) == ["field_type"]
    assert dateline.to_pandas([], "headlines").columns.tolist() == [
        "article_id", "headline", "kind", "start", "end", "text",
    ]
    with pytest.raises(ValueError, match="unknown table 'entitiez'"):
        dateline.to_pandas(results, "entitiez")
    # The same tables as to_arrow, column for column, for every table.
    for name in dateline.TABLES:
        arrow_names = dateline.to_arrow(results, name).column_names
        assert dateline.to_pandas(results, name).columns.tolist()[: len(arrow_names)] == arrow_names, name
    # The core knows exactly these tables (its error lists them).
    with pytest.raises(ValueError) as info:
        dateline.to_arrow(results, "nope")
    assert str(info.value).split("the tables: ")[1].split(", ") == list(dateline.TABLES)
    # Paragraphs and headlines point at their words.
    paragraphs = dateline.to_pandas(results, "paragraphs")
    for row in paragraphs.itertuples():
        x = next(r for r in results if r.ok and r.id == row.article_id)
        assert x.text[row.start : row.end] == row.text
    assert paragraphs.groupby("article_id")["sentences"].sum().to_dict() == sentences.groupby("article_id").size().to_dict()


def test_reprs():
    x = dateline.extract("Mr Al Sudani met Blinken.", id="r1")
    assert repr(x).startswith("Extraction(id='r1', date=None")
    assert repr(x.sentences[0]) == "Sentence(start=0, end=25, paragraph=0, text='Mr Al Sudani met Blinken.')"
    assert repr(dateline.Extractor()) == "Extractor(tokens=True, max_article_bytes=524288, layers=['article', 'syntax', 'time', 'entities', 'quotes', 'resolve', 'figures', 'events'])"


def test_seed_article_matches_the_command(shared):
    text = (shared / "seeds" / "002_a5617df903929637.txt").read_text()
    x = dateline.extract(text)
    assert x.date == datetime.date(2023, 11, 6)
    assert [h.kind for h in x.headlines] == ["kicker"]
    assert len(x.paragraphs) == 12 and all(len(p.sentences) == 1 for p in x.paragraphs)


def test_golden_outputs_agree(golden):
    """The shared golden files (byte offsets) give the same items as Python (string indices)."""
    inputs = [(a.id, a.text) for a in dateline.samples()]
    inputs += [(p.stem, p.read_bytes().decode("utf-8")) for p in sorted((golden / "articles").glob("*.txt"))]
    assert len(inputs) == 5
    for name, text in inputs:
        x = dateline.extract(text)
        want = json.loads((golden / "expected" / f"{name}.json").read_text(encoding="utf-8"))
        raw = text.encode()

        def char(byte):
            return len(raw[:byte].decode())

        for layer, items in [("sentences", x.sentences), ("tokens", x.tokens)]:
            gold = want["article"][layer]
            assert [(i.start, i.end) for i in items] == [(char(g["start"]), char(g["end"])) for g in gold], name
        assert [(t.start, t.end, t.value) for t in x.timex] == [
            (char(g["start"]), char(g["end"]), g["value"]) for g in want["timex"]
        ], name
        assert [(m.start, m.end, m.kind) for m in x.mentions] == [
            (char(g["start"]), char(g["end"]), g["kind"]) for g in want["mentions"]
        ], name


def test_an_exception_in_the_source_comes_after_the_records_read_before_it():
    def source():
        yield "First."
        yield "Second."
        raise RuntimeError("feed broke")

    gen = dateline.Extractor().extract_many(source())
    assert next(gen).sentences[0].text == "First."
    assert next(gen).sentences[0].text == "Second."
    with pytest.raises(RuntimeError, match="feed broke"):
        next(gen)


def test_time_layer_gives_values_and_datetimes():
    x = dateline.extract(
        " date 2023-11-06 Mr Al Sudani met Antony Blinken in Baghdad on Sunday evening. "
        "Hamas fighters attacked on October 7. He will return next week."
    )
    got = [(t.text, t.type, t.value) for t in x.timex]
    assert got == [
        ("Sunday evening", "TIME", "2023-11-05TEV"),
        ("October 7", "DATE", "2023-10-07"),
        ("next week", "DATE", "2023-W46"),
    ]
    t = x.timex[0]
    assert x.text[t.start : t.end] == t.text
    assert t.first == datetime.datetime(2023, 11, 5, 18, 0) and t.anchor == "2023-11-06"
    assert pickle.loads(pickle.dumps(t)) == t
    d = x.to_dict()["timex"][1]
    assert x.text[d["start"] : d["end"]] == "October 7"
    df = x.to_pandas("timex")
    assert list(df["value"]) == ["2023-11-05TEV", "2023-10-07", "2023-W46"]
    assert dateline.Extractor(layers=["article"]).extract("On Monday.").timex == []


def test_entity_layer_gives_mentions_with_kinds_and_places():
    x = dateline.extract(
        " date 2023-11-06 Iraqi Prime Minister Mohammed Shia al-Sudani met Antony Blinken in Baghdad’s "
        "Green Zone. “We will act,” al-Sudani said of the Iran-backed Shiite militias near Erbil."
    )
    got = {(m.text, m.kind) for m in x.mentions}
    for want in [
        ("Iraqi", "NORP"),
        ("Mohammed Shia al-Sudani", "PER"),
        ("Antony Blinken", "PER"),
        ("Baghdad", "LOC"),
        ("al-Sudani", "PER"),
        ("Iran", "LOC"),
        ("Shiite", "NORP"),
        ("Erbil", "LOC"),
    ]:
        assert want in got, want
    for m in x.mentions:
        # String indices, after a curly quote and apostrophe.
        assert x.text[m.start : m.end] == m.text
        assert 0.0 <= m.confidence <= 1.0
    erbil = next(m for m in x.mentions if m.text == "Erbil")
    assert (erbil.subtype, erbil.country, erbil.coarse) == ("city", "IQ", "LOC")
    assert pickle.loads(pickle.dumps(erbil)) == erbil
    assert "Mention(" in repr(erbil)
    df = x.to_pandas("mentions")
    assert ("Erbil", "IQ") in set(zip(df["text"], df["country"]))
    d = x.to_dict()["mentions"][0]
    assert x.text[d["name_start"] : d["name_end"]] == d["text"]
    assert dateline.Extractor(layers=["article"]).extract("Mr Blinken left.").mentions == []


def test_quote_layer_attributes_statements_to_speakers():
    x = dateline.extract(
        " date 2023-11-06 Antony Blinken met Iraqi Prime Minister Mohammed Shia al-Sudani in Baghdad.\n\n"
        "“We will take every necessary step to protect our people,” Mr Blinken told reporters.\n\n"
        "The State Department said he urged Mr Al Sudani to “hold accountable those responsible”."
    )
    by_text = {q.text: q for q in x.quotes}
    direct = by_text["“We will take every necessary step to protect our people,”"]
    assert (direct.kind, direct.source, direct.speaker, direct.cue) == ("direct", "Mr Blinken", "Antony Blinken", "told")
    # String indices, after curly quotes.
    assert x.text[direct.start : direct.end] == direct.text
    assert x.text[direct.source_start : direct.source_end] == "Mr Blinken"
    mixed = next(q for q in x.quotes if q.source == "The State Department")
    assert mixed.kind == "mixed" and mixed.speaker == "State Department"
    assert "hold accountable" in mixed.text
    assert pickle.loads(pickle.dumps(direct)) == direct
    assert "Quote(" in repr(direct)
    df = x.to_pandas("quotes")
    assert ("Antony Blinken", "direct") in set(zip(df["speaker"], df["kind"]))
    d = x.to_dict()["quotes"][0]
    assert x.text[d["source_start"] : d["source_end"]] == d["source"]
    assert x.text[d["cue_start"] : d["cue_end"]] == d["cue"]
    assert dateline.Extractor(layers=["article"]).extract("He said it was over.").quotes == []


def test_figure_layer_gives_claims_with_bounds_places_and_a_tidy_table():
    x = dateline.extract(
        " date 2023-11-06 Live updates: Israel-Gaza\n\n"
        "Days after Hamas fighters killed more than 1,400 people in Israel on October 7, "
        "militias resumed attacks.\n\n"
        "An Israeli air raid killed four civilians, including three children, along the Lebanon-Israel border. "
        "Washington pledged $3bn (£2.4bn) in aid, the health ministry said."
    )
    f = x.figures
    assert [g.text for g in f] == ["more than 1,400", "four", "three", "$3bn", "£2.4bn"]
    toll = f[0]
    assert (toll.kind, toll.value, toll.low, toll.high, toll.bound) == ("count", 1400.0, 1400.0, None, "lower")
    assert (toll.counted, toll.category, toll.gdelt) == ("people", "killed", "KILL")
    assert (toll.place, toll.place_countries, toll.date) == ("Israel", ["IL"], "2023-10-07")
    assert (toll.actor, toll.actor_entity) == ("Hamas fighters", "Hamas")
    assert x.text[toll.start : toll.end] == toll.text  # string indices
    children = f[2]
    assert (children.counted, children.part_of, children.category) == ("children", 1, "killed")
    assert children.place == "the Lebanon-Israel border" and children.place_countries == ["LB", "IL"]
    money = f[3]
    assert (money.kind, money.unit, money.value, money.is_claim) == ("money", "USD", 3e9, False)
    assert money.source == "the health ministry"
    assert f[4].unit == "GBP"
    assert pickle.loads(pickle.dumps(toll)) == toll
    assert "Figure(" in repr(toll)
    df = x.to_pandas("figures")
    assert list(df["text"]) == [g.text for g in f]
    assert df.loc[0, "category"] == "killed" and df.loc[2, "part_of"] == 1
    d = x.to_dict()["figures"][0]
    assert x.text[d["counted_start"] : d["counted_end"]] == "people"
    assert x.text[d["place_start"] : d["place_end"]] == "Israel"
    assert dateline.Extractor(layers=["article"]).extract("Twelve people died.").figures == []


def test_resolve_layer_gives_each_entity_once_with_roles_and_places():
    x = dateline.extract(
        " date 2023-11-06 Iraqi Prime Minister Mohammed Shia Al Sudani has arrived in Tehran.\n\n"
        "Mr Al Sudani’s tour will include “friendly countries”, his adviser Husham Al Rikabi said.\n\n"
        "Mr Al Sudani met US Secretary of State Antony Blinken in Baghdad on Sunday evening. "
        "Blinken will meet his Turkish counterpart, Hakan Fidan, on Monday.\n\n"
        "Among the targets were the Ain Al Asad base in Anbar province, and Harir airbase, in the northern city of Erbil."
    )
    by_name = {e.name: e for e in x.entities}
    sudani = by_name["Mohammed Shia Al Sudani"]
    assert sudani.kind == "PER" and sudani.nationality == "IQ"
    assert [(m.text, m.form) for m in sudani.mentions] == [
        ("Mohammed Shia Al Sudani", "name"),
        ("Al Sudani", "name"),
        ("his", "pronoun"),
        ("Al Sudani", "name"),
    ]
    for m in sudani.mentions:
        assert x.text[m.start : m.end] == m.text  # string indices, past the curly quotes
    role = sudani.roles[0]
    assert (role.title, role.of, role.of_country, role.function) == (
        "Prime Minister", "Iraq", "IQ", "head of government",
    )
    assert role.sentence.startswith("Iraqi Prime Minister")
    adviser = by_name["Husham Al Rikabi"].roles[0]
    assert (adviser.title, adviser.of_entity) == ("adviser", sudani.id)
    blinken = by_name["Antony Blinken"]
    assert (blinken.roles[0].title, blinken.roles[0].of_country) == ("Secretary of State", "US")
    fidan = by_name["Hakan Fidan"].roles[0]
    assert (fidan.title, fidan.of_country, fidan.via_entity) == ("Foreign Minister", "TR", blinken.id)
    tehran = by_name["Tehran"].place
    assert (tehran.country, tehran.feature, tehran.geonameid) == ("IR", "city", 112931)
    assert abs(tehran.lat - 35.69) < 0.1 and abs(tehran.lon - 51.42) < 0.1
    harir = by_name["Harir airbase"].place
    assert harir.chain == ["Harir airbase", "Erbil", "Arbil", "Iraq"]
    assert harir.within == by_name["Erbil"].id and harir.geonameid is None
    assert x.focus_countries[0]["country"] == "IQ"
    assert pickle.loads(pickle.dumps(sudani)) == sudani
    assert "Entity(" in repr(sudani) and "Place(" in repr(tehran) and "Role(" in repr(role)
    df = x.to_pandas("entities")
    assert list(df["name"]) == [e.name for e in x.entities]
    assert df.loc[df["name"] == "Erbil", "chain"].item() == "Erbil > Arbil > Iraq"
    assert dateline.Extractor(layers=["entities"]).extract("Mr Blinken left.").entities == []



def test_every_text_offset_in_to_dict_is_a_string_index():
    # Every `start`, `end`, `<name>_start` and `<name>_end` of the JSON view
    # is a text offset, turned from the core's byte offset into a string
    # index; index ranges, metadata and origin are left as they are. The
    # emoji and Arabic before the items make the two differ.
    x = dateline.extract(
        " date 2023-11-06 \U0001F1EE\U0001F1F6 “لا للحرب” Antony Blinken met Iraqi Prime Minister "
        "Mohammed Shia al-Sudani in Baghdad on Monday.\n\n"
        "“We will take every necessary step to protect our people,” Mr Blinken told reporters.\n\n"
        "Police said 1,500 people gathered in Erbil on Tuesday."
    )
    core = json.loads(x.__reduce__()[1][0])  # the core's JSON, in byte offsets
    utf8 = x.text.encode()
    seen = set()

    def walk(ours, theirs):
        if isinstance(theirs, list):
            assert len(ours) == len(theirs)
            for o, t in zip(ours, theirs):
                walk(o, t)
        if not isinstance(theirs, dict):
            return
        for key, value in theirs.items():
            kept = key in ("metadata", "origin") or (key in ("sentences", "tokens") and isinstance(value, dict))
            offset = key in ("start", "end") or key.endswith(("_start", "_end"))
            if kept:
                assert ours[key] == value, key
            elif offset and isinstance(value, int):
                assert ours[key] == len(utf8[:value].decode()), key
                seen.add(key)
            else:
                walk(ours[key], value)

    walk(x.to_dict(), core)
    assert {"start", "name_end", "source_start", "cue_end", "counted_start", "place_end", "date_start"} <= seen


def test_syntax_layer_gives_part_of_speech_lemma_and_parse():
    text = (
        " date 2023-11-06 \n\nMr Al Sudani met US Secretary of State Antony Blinken in Baghdad. "
        "Hamas fighters didn't stop."
    )
    x = dateline.extract(text)
    toks = x.tokens
    forms = [t.text for t in toks]
    assert forms[-4:] == ["did", "n't", "stop", "."]
    assert all(t.text == x.text[t.start : t.end] for t in toks)
    met = forms.index("met")
    m = toks[met]
    assert (m.pos, m.tag, m.lemma, m.dep, m.head) == ("VERB", "VBD", "meet", "root", None)
    assert "Tense=Past" in m.feats
    assert x.sentences[0].root == met
    subj = [toks[c] for c in m.children if toks[c].dep == "nsubj"]
    mr = text.index("Mr Al Sudani")
    assert subj and all(mr <= t.start and t.end <= mr + len("Mr Al Sudani") for t in subj)
    obj = [toks[c] for c in m.children if toks[c].dep == "obj"]
    assert obj and all(t.text in "US Secretary of State Antony Blinken".split() for t in obj)
    # Every child names its head, and heads stay within the sentence.
    for i, t in enumerate(toks):
        for c in t.children:
            assert toks[c].head == i
    nt = toks[forms.index("n't")]
    assert (nt.lemma, nt.dep) == ("not", "advmod")
    chunks = [c.text for c in x.noun_chunks]
    assert "Hamas fighters" in chunks and "Baghdad" in chunks
    table = dateline.to_pandas([x], "tokens")
    assert list(table.columns[:13]) == [
        "article_id", "sentence", "token", "start", "end", "kind", "text", "lemma", "pos", "tag", "feats", "head", "dep",
    ]
    assert table.loc[met, "lemma"] == "meet" and table.loc[met, "dep"] == "root"
    nc = dateline.to_pandas([x], "noun_chunks")
    assert nc["sentence"].tolist()[-1] == 1 and nc["text"].tolist()[-1] == "Hamas fighters"
    assert pickle.loads(pickle.dumps(m)) == m and pickle.loads(pickle.dumps(x.noun_chunks[0])) == x.noun_chunks[0]
    # Without the syntax layer: the article layer's tokens, with no parse.
    bare = dateline.Extractor(layers=["entities"]).extract(text)
    assert all(t.pos is None and t.head is None and t.children == [] for t in bare.tokens)
    assert bare.noun_chunks == [] and bare.sentences[0].root is None


EVENTS = (
    " date 2023-11-09 Israeli troops did not attack the refugee camp on Tuesday, residents told "
    "\u201c\u0627\u0644\u0639\u0631\u0628\u064a\u0629\u201d \U0001F1EE\U0001F1F1. "
    "Mr Blinken will meet Turkish Foreign Minister Hakan Fidan in Ankara. "
    "He said Hamas fighters had killed 1,400 people in Israel."
)


def test_event_layer_gives_negated_future_and_reported_events_with_their_sides():
    x = dateline.extract(EVENTS)
    events = {e.text: e for e in x.events}
    for e in x.events:  # string indices, past the Arabic and the flag
        assert x.text[e.start : e.end] == e.text
        for a in e.source + e.target:
            assert x.text[a.start : a.end] == a.text
        assert all(x.text[m.start : m.end] == m.text for m in e.mentions)
    attack = events["attack"]
    assert (attack.lemma, attack.pos, attack.event_class) == ("attack", "verb", "OCCURRENCE")
    assert (attack.polarity, attack.tense, attack.modality) == ("negative", "past", "asserted")
    assert [a.text for a in attack.source] == ["Israeli troops"]
    assert [a.text for a in attack.target] == ["the refugee camp"]
    d = attack.date
    assert (d.value, d.published, x.text[d.start : d.end]) == ("2023-11-07", False, "Tuesday")
    assert x.timex[d.timex].text == "Tuesday"
    meet = events["meet"]
    assert (meet.tense, meet.modality, meet.polarity, meet.unit) == ("future", "future", "positive", 1)
    assert "Blinken" in meet.source[0].text
    assert x.entities[meet.source[0].entity].name == "Blinken"
    assert [a.text for a in meet.target] == ["Turkish Foreign Minister Hakan Fidan"]
    place = meet.place
    assert (place.name, place.country, place.focus_country) == ("Ankara", "TR", False)
    assert x.text[place.start : place.end] == "Ankara" and x.entities[place.entity].name == "Ankara"
    assert abs(place.lat - 39.9) < 0.3 and abs(place.lon - 32.8) < 0.5
    assert (meet.date.value, meet.date.published) == ("2023-11-09", True)
    killed = events["killed"]
    assert killed.modality == "reported" and x.quotes[killed.reported_by].source == "He"
    assert [x.figures[i].text for i in killed.figures] == ["1,400"]
    assert events["said"].event_class == "REPORTING"
    assert pickle.loads(pickle.dumps(meet)) == meet
    assert meet.to_dict()["place"]["name"] == "Ankara"
    assert [e["text"] for e in x.to_dict()["events"]] == [e.text for e in x.events]
    assert dateline.Extractor(layers=["figures"]).extract(EVENTS).events == []


def test_event_tables_have_typed_columns():
    pd = pytest.importorskip("pandas")
    x = dateline.extract(EVENTS, id="ev1")
    mentions = dateline.to_pandas([x], "event_mentions")
    assert list(mentions.columns) == [
        "article_id", "event", "trigger", "start", "end", "sentence", "unit", "lemma", "class", "pos", "tense", "aspect",
        "polarity", "modality", "cameo",
    ]
    assert mentions["trigger"].tolist() == [e.text for e in x.events]
    assert mentions.loc[mentions["trigger"] == "attack", "polarity"].item() == "negative"
    assert (str(mentions["sentence"].dtype), str(mentions["start"].dtype)) == ("Int64", "Int64")
    assert mentions["sentence"].tolist() == [e.unit for e in x.events]  # no headline: units are sentences
    table = x.to_pandas("events")
    assert list(table.columns) == dateline.to_arrow([x], "events").column_names
    assert len(table) == len([e for e in x.events if e.code])
    dtypes = {c: str(t) for c, t in table.dtypes.items()}
    assert {c: dtypes[c] for c in ("source_entity", "target_entity", "place_entity", "reported_by", "sentence")} == {
        c: "Int64" for c in ("source_entity", "target_entity", "place_entity", "reported_by", "sentence")
    }
    assert (dtypes["lat"], dtypes["figures"], dtypes["place_is_focus_country"]) == ("float64", "Int64", "boolean")
    # A headline's events have no sentence.
    h = dateline.extract(" date 2023-11-09 Israel strikes Gaza\n\nTroops attacked the camp on Tuesday.")
    assert [hl.kind for hl in h.headlines] == ["title"]
    hm = dateline.to_pandas([h], "event_mentions")
    assert hm["sentence"].isna().tolist() == [e.unit == 0 for e in h.events] and hm["sentence"].isna().any()


def test_events_table_row_of_a_coded_event():
    pytest.importorskip("pandas")
    x = dateline.extract(EVENTS, id="ev1")
    # The same extraction with "meet" coded, as the CAMEO coder gives it (the
    # core's JSON, in byte offsets, rebuilt as pickling does).
    core = json.loads(x.__reduce__()[1][0])
    for e in core["events"]:  # only "meet" coded, whatever the coder gave
        e.pop("code", None)
    i = next(i for i, e in enumerate(core["events"]) if e["text"] == "meet")
    core["events"][i]["code"] = {
        "cameo": "036", "root": "03", "quad": "verbal_cooperation", "description": "Express intent to meet",
        "plover": "CONSULT", "pattern": "- * [036]",
    }
    core["events"][i]["source"][0].update(code="USAGOV", code_entry="BLINKEN")
    coded = dateline._dateline._extraction_from_json(json.dumps(core))
    meet = coded.events[i]
    assert meet.code == dateline.EventCode(
        "036", "03", "- * [036]", "verbal_cooperation", "Express intent to meet", "CONSULT"
    )
    assert [e for e in coded.events if e.code] == [meet]
    table = coded.to_pandas("events")
    assert len(table) == 1
    row = table.iloc[0].to_dict()
    assert list(row) == coded.to_pandas("events").columns.tolist() == dateline.to_arrow([coded], "events").column_names
    assert (row["article_id"], row["event"], row["trigger"], row["sentence"], row["lemma"]) == ("ev1", i, "meet", 1, "meet")
    assert coded.text[row["start"] : row["end"]] == "meet"
    assert (row["cameo"], row["root"], row["quad"], row["plover"], row["pattern"]) == (
        "036", "03", "verbal_cooperation", "CONSULT", "- * [036]",
    )
    assert pd_isna(row["plover_mode"])
    assert (row["modality"], row["tense"], row["polarity"], row["class"]) == ("future", "future", "positive", "OCCURRENCE")
    assert (row["source"], row["source_entity"]) == (meet.source[0].text, meet.source[0].entity)
    assert (row["target"], row["target_entity"]) == (meet.target[0].text, meet.target[0].entity)
    assert row["target_code"] == meet.target[0].code or pd_isna(row["target_code"])
    assert row["reciprocal"] == meet.reciprocal == False  # noqa: E712 (numpy's bool)
    assert (row["place"], row["place_entity"], row["place_is_focus_country"]) == ("Ankara", meet.place.entity, False)
    assert (row["lat"], row["lon"]) == (meet.place.lat, meet.place.lon)
    assert (row["date"], row["date_is_publication"], row["figures"]) == ("2023-11-09", True, 0)
    assert pd_isna(row["reported_by"])
    mentions = coded.to_pandas("event_mentions")
    assert [c if isinstance(c, str) else None for c in mentions["cameo"]] == [
        ("036" if j == i else None) for j in range(len(coded.events))
    ]


def pd_isna(value):
    import pandas as pd

    return bool(pd.isna(value))


def test_entity_model_of_the_user_replaces_the_shipped_one():
    shipped = pathlib.Path(__file__).resolve().parents[2] / "crates/dateline/data/ner.model"
    text = "Prime Minister Mohammed Shia al-Sudani met Antony Blinken in Baghdad."
    default = dateline.Extractor(layers="entities").extract(text).mentions
    same = dateline.Extractor(layers="entities", entity_model=shipped.read_bytes())
    assert [(m.text, m.kind) for m in same.extract(text).mentions] == [
        (m.text, m.kind) for m in default
    ]
    assert ("Baghdad", "LOC") in [(m.text, m.kind) for m in default]
    with pytest.raises(dateline.ConfigError, match="entity model"):
        dateline.Extractor(entity_model=b"not a model")


def test_actor_dictionary_of_the_user_codes_its_actors():
    tsv = "name\tcode\tdates\tentry\nGONDOR\tGON\t\tGONDOR\nMORDOR\tMOR\t\tMORDOR\n"
    ex = dateline.Extractor(actor_dictionary=tsv)
    r = ex.extract("Gondor attacked Mordor on Tuesday.", "2023-11-09")
    coded = [e for e in r.events if e.code]
    assert len(coded) == 1, r.events
    e = coded[0]
    assert e.code.quad == "material_conflict"
    assert [a.code for a in e.source] == ["GON"]
    assert [a.code for a in e.target] == ["MOR"]
    # A bad line is an error naming it, when the extractor is made.
    with pytest.raises(Exception, match="line 2"):
        dateline.Extractor(actor_dictionary="name\tcode\tdates\tentry\nGONDOR\tG?N\n")
