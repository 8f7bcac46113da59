"""`dateline.link`, `Corpus` and `Linked`: the core's corpus layer from Python.

The articles below were written for these tests, after the two seed articles
of ../shared/seeds (one meeting told by two outlets three days apart: the
later one says only that the men met, the earlier one says where and when).
How well linking links is tested in Rust (crates/dateline/src/corpus); here,
that Python gets the same answers, as typed objects with string indices.
"""

import datetime
import json
import pickle
import warnings

import pytest

import dateline

#: Told three days after the meeting: no day, no city.
LATER = (
    " date 2024-05-09 Egyptian Foreign Minister Tarek Mansour made an unannounced visit to Jordan as part of "
    "a regional tour.\n\n"
    "During his meeting with Jordanian Prime Minister Walid al-Khatib, Mansour discussed the flow of aid across "
    "the border. Mansour praised al-Khatib’s commitment to keep the crossings open.\n\n"
    "His office said the talks had been productive."
)
#: Told the day after: where and when (`Sunday evening`), spelled `Al Khatib`.
EARLIER = (
    " date 2024-05-06 Jordanian Prime Minister Walid Al Khatib met Egyptian Foreign Minister Tarek Mansour in "
    "Amman on Sunday evening, officials said.\n\n"
    "“We agreed to keep every crossing open,” Mr Mansour told reporters after the meeting.\n\n"
    "More than 300 trucks crossed the border last week, the ministry said."
)
#: Two outlets that disagree on a toll.
FIRE_A = (
    " date 2024-07-15 A fire killed 14 people at a hospital in the city of Nasiriyah on Saturday night, the "
    "health ministry said.\n\nThe fire broke out in a ward on the second floor, witnesses said."
)
FIRE_B = (
    " date 2024-07-16 A fire killed at least 20 people at a hospital in Nasiriyah on Saturday, according to the "
    "provincial governor.\n\nCivil defence teams put out the fire after three hours."
)

RECORDS = [
    {"id": "daily-0509", "text": LATER},
    {"id": "wire-0506", "text": EARLIER},
    {"id": "fire-a", "text": FIRE_A},
    {"id": "fire-b", "text": FIRE_B},
]


@pytest.fixture(scope="module")
def results():
    return list(dateline.Extractor().extract_many(RECORDS))


@pytest.fixture(scope="module")
def linked(results):
    return dateline.link(results)


def one(items, what):
    assert len(items) == 1, (what, items)
    return items[0]


def test_two_outlets_telling_one_meeting_are_one_story(linked):
    assert isinstance(linked, dateline.Linked)
    assert len(linked) == 4 and linked.articles == ["daily-0509", "fire-a", "fire-b", "wire-0506"]
    story = one([s for s in linked.stories if "wire-0506" in s.articles], "meeting story")
    assert isinstance(story, dateline.Story)
    assert story.articles == ["daily-0509", "wire-0506"]
    assert "meet" in story.label
    assert (story.first, story.last) == (datetime.date(2024, 5, 6), datetime.date(2024, 5, 9))
    # The fire is another story, of its two articles.
    fire = one([s for s in linked.stories if "fire-a" in s.articles], "fire story")
    assert fire.articles == ["fire-a", "fire-b"] and fire.id != story.id


def test_the_same_person_across_articles_is_one_corpus_entity(linked):
    khatib = one([e for e in linked.entities if e.key.endswith("khatib")], "al-Khatib")
    assert isinstance(khatib, dateline.CorpusEntity)
    assert khatib.kind == "PER"
    assert {"Walid Al Khatib", "Walid al-Khatib"} <= set(khatib.names)
    assert khatib.articles == ["daily-0509", "wire-0506"]
    assert {m.article for m in khatib.mentions} == {"daily-0509", "wire-0506"}
    mansour = one([e for e in linked.entities if e.key.endswith("mansour")], "Mansour")
    assert mansour.name == "Tarek Mansour" and mansour.articles == ["daily-0509", "wire-0506"]
    assert all(isinstance(m, dateline.CorpusMention) for m in mansour.mentions)


def test_the_meeting_is_one_event_dated_from_the_other_article(linked):
    meetings = [e for e in linked.events if e.kind == "meet" and len(e.articles) == 2]
    m = one(meetings, "the meeting")
    assert isinstance(m, dateline.CorpusEvent)
    assert ("daily-0509", "meeting") in [(x.article, x.text) for x in m.mentions]
    assert ("wire-0506", "met") in [(x.article, x.text) for x in m.mentions]
    assert m.place == "Amman"
    assert m.date == "2024-05-05"
    assert m.event_class == "OCCURRENCE" and m.polarity == "positive"
    later = one([a for a in m.articles if a.article == "daily-0509"], "later")
    assert isinstance(later, dateline.ArticleDate)
    assert (later.date, later.taken_from) == ("2024-05-05", "wire-0506")
    assert later.published == datetime.date(2024, 5, 9)
    earlier = one([a for a in m.articles if a.article == "wire-0506"], "earlier")
    assert (earlier.date, earlier.taken_from) == ("2024-05-05", None)
    sunday = one([d for d in m.dates if d.value.startswith("2024-05-05")], "Sunday")
    assert [(s.article, s.text) for s in sunday.sources] == [("wire-0506", "Sunday evening")]
    # Its sides are the two men's corpus entities.
    ids = {e.key.split()[-1]: e.id for e in linked.entities if e.kind == "PER"}
    assert {ids["khatib"], ids["mansour"]} <= {a.entity for a in m.actors}
    assert all(isinstance(a, dateline.EventActor) and a.side in ("source", "target") for a in m.actors)


def test_figures_that_differ_keep_both_with_their_sources(linked):
    kill = one([e for e in linked.events if e.kind == "kill" and len(e.articles) == 2], "the fire")
    assert kill.place == "Nasiriyah"
    got = sorted((f.source.article, f.value, f.said_by) for f in kill.figures)
    assert got == [("fire-a", 14.0, "the health ministry"), ("fire-b", 20.0, "the provincial governor")]
    assert all(isinstance(f, dateline.EventFigure) for f in kill.figures)


def test_offsets_are_string_indices_of_each_article(linked, results):
    """Curly quotes and apostrophes (three bytes each in UTF-8) stand before
    mentions: each `start:end` still slices the words out of its article."""
    text = {x.id: x.text for x in results if x.ok}
    spans = [m for e in linked.entities for m in e.mentions]
    for e in linked.events:
        spans += e.mentions
        spans += [s for a in e.actors for s in a.sources]
        spans += [s for d in e.dates + e.places + e.codes for s in d.sources if s.end > s.start]
        spans += [f.source for f in e.figures]
    assert len(spans) > 50
    for s in spans:
        assert text[s.article][s.start : s.end] == s.text, s
    told = [m for m in spans if m.article == "wire-0506" and m.text == "Mr Mansour"]
    assert told and told[0].start == EARLIER.index("Mr Mansour")


def test_the_order_of_the_results_does_not_change_the_output(results, linked):
    reordered = dateline.link(reversed(results))
    assert reordered.to_json() == linked.to_json()
    assert reordered.stories == linked.stories and reordered.events == linked.events
    # Built a result at a time, or in two corpora: the same.
    corpus = dateline.Corpus()
    for r in [results[2], results[0], results[3], results[1]]:
        corpus.add(r)
    assert len(corpus) == 4
    assert corpus.link().to_json() == linked.to_json()
    part = dateline.Corpus(results[:2])
    part.extend(results[2:])
    assert part.link().to_json() == linked.to_json()
    # The corpus stays usable after linking: more articles, linked again.
    first = dateline.Corpus(results[:2]).link()
    assert len(first) == 2 and len(first.stories) == 1


def test_json_is_what_the_objects_hold(linked):
    data = json.loads(linked.to_json())
    assert sorted(data) == ["entities", "events", "stories"]
    assert data == linked.to_dict()
    assert [s["id"] for s in data["stories"]] == [s.id for s in linked.stories]
    meet = one([e for e in data["events"] if e["kind"] == "meet" and len(e["articles"]) == 2], "meeting")
    assert meet["class"] == "OCCURRENCE" and meet["date"] == "2024-05-05"
    assert linked.to_json(indent=2).startswith("{\n  ")
    with pytest.raises(dateline.ConfigError):
        linked.to_json(indent=10**6)


def test_an_error_record_is_reported_not_fatal(results):
    bad = list(dateline.Extractor().extract_many([{"id": "no-text", "title": "A headline and no story"}]))
    assert not bad[0].ok
    with pytest.warns(RuntimeWarning, match="1 of 5 result"):
        linked = dateline.link(results + bad)
    assert [(e.id, e.kind) for e in linked.errors] == [("no-text", "missing_field")]
    assert len(linked) == 4 and len(linked.stories) == 2
    corpus = dateline.Corpus()
    corpus.add(bad[0])
    assert len(corpus) == 0 and corpus.errors == bad
    with pytest.warns(RuntimeWarning):
        assert corpus.link().stories == []
    # Without error records, no warning.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dateline.link(results)


def test_a_wrong_item_is_a_type_error_naming_it(results):
    with pytest.raises(TypeError, match=r"results\[2\] must be a dateline.Extraction or dateline.ErrorRecord, not str \(extract"):
        dateline.link([results[0], results[1], "Mr Mansour met Mr Al Khatib."])
    with pytest.raises(TypeError, match=r"results\[0\] must be .*, not dict"):
        dateline.link([{"text": "Mr Mansour met Mr Al Khatib."}])
    with pytest.raises(TypeError, match="must be an iterable"):
        dateline.link(42)  # type: ignore[arg-type]
    corpus = dateline.Corpus(results[:1])
    with pytest.raises(TypeError, match="result must be .*, not NoneType"):
        corpus.add(None)  # type: ignore[arg-type]
    # A failed extend adds nothing.
    with pytest.raises(TypeError, match=r"results\[1\] must be .*, not int"):
        corpus.extend([results[1], 7])
    assert len(corpus) == 1
    assert len(dateline.link([])) == 0 and dateline.link([]).stories == []


def test_timelines_of_stories_and_entities(linked):
    story = one([s for s in linked.stories if "wire-0506" in s.articles], "meeting story")
    t = linked.timeline(story.id)
    assert isinstance(t, dateline.Timeline) and t.target == story.id
    assert sorted(e.event for e in t.events) == sorted(story.events)
    dated = [e for e in t.events if e.date is not None]
    assert dated and t.events[: len(dated)] == dated  # dated first, by day
    assert [e.date for e in dated] == sorted(e.date for e in dated)
    meet = one([e for e in t.events if e.kind == "meet" and e.date == "2024-05-05"], "meeting entry")
    assert isinstance(meet, dateline.TimelineEntry) and {m.article for m in meet.mentions} == set(story.articles)
    khatib = one([e for e in linked.entities if e.key.endswith("khatib")], "al-Khatib")
    assert meet.event in [e.event for e in linked.timeline(khatib.id).events]
    with pytest.raises(KeyError, match="no story or corpus entity"):
        linked.timeline("story-000000000000")
    # timelines(): every story's, then every entity's that takes part, as timeline(id) gives each.
    every = linked.timelines()
    assert [x.target for x in every[: len(linked.stories)]] == [s.id for s in linked.stories]
    for x in every:
        assert x == linked.timeline(x.target)
    assert khatib.id in [x.target for x in every]


def test_objects_pickle_and_compare(linked):
    for obj in [linked.stories[0], linked.entities[0], linked.events[0], linked.timelines()[0], linked.events[0].articles[0]]:
        assert pickle.loads(pickle.dumps(obj)) == obj
        assert type(obj)._from_json(json.dumps(obj.to_dict())) == obj
    fig = [f for e in linked.events for f in e.figures][0]
    assert repr(fig).startswith("EventFigure(text=") and "value=14.0" in repr(fig)
    assert repr(linked) == (
        f"Linked(articles=4, stories={len(linked.stories)}, entities={len(linked.entities)}, "
        f"events={len(linked.events)}, errors=0)"
    )


def test_pandas_tables(linked):
    pd = pytest.importorskip("pandas")
    assert dateline.LINK_TABLES == (
        "stories", "entities", "entity_mentions", "events", "event_mentions", "event_figures", "timelines", "errors",
    )
    stories = linked.to_pandas("stories")
    assert isinstance(stories, pd.DataFrame)
    assert stories.columns.tolist() == [
        "story", "article", "label", "first", "last", "n_articles", "n_entities", "n_events",
    ]
    assert len(stories) == sum(len(s.articles) for s in linked.stories) == 4
    assert stories.groupby("story")["article"].apply(list).tolist() == [s.articles for s in linked.stories]

    entities = linked.to_pandas("entities")
    assert entities.columns.tolist() == [
        "entity", "kind", "name", "key", "described", "country", "names", "roles", "articles", "stories",
        "n_articles", "n_mentions",
    ]
    assert len(entities) == len(linked.entities)
    khatib = entities[entities["key"].str.endswith("khatib")].iloc[0]
    assert khatib["articles"] == ["daily-0509", "wire-0506"] and khatib["n_articles"] == 2
    mentions = linked.to_pandas("entity_mentions")
    assert len(mentions) == sum(len(e.mentions) for e in linked.entities)
    assert set(mentions.loc[mentions["entity"] == khatib["entity"], "article"]) == {"daily-0509", "wire-0506"}

    events = linked.to_pandas("events")
    assert events.columns.tolist() == [
        "event", "story", "kind", "class", "polarity", "modality", "date", "place", "source", "source_entities",
        "target", "target_entities", "cameo", "articles", "n_articles", "n_mentions", "n_figures",
    ]
    assert len(events) == len(linked.events)
    meet = events[(events["kind"] == "meet") & (events["n_articles"] == 2)]
    assert meet[["place", "date"]].values.tolist() == [["Amman", "2024-05-05"]]
    assert khatib["entity"] in meet.iloc[0]["source_entities"] + meet.iloc[0]["target_entities"]

    event_mentions = linked.to_pandas("event_mentions")
    assert len(event_mentions) == sum(len(e.mentions) for e in linked.events)
    told = event_mentions[(event_mentions["event"] == meet.iloc[0]["event"])
                          & (event_mentions["article"] == "daily-0509")]
    assert set(told["taken_from"]) == {"wire-0506"} and set(told["date"]) == {"2024-05-05"}

    figures = linked.to_pandas("event_figures")
    kill = figures[figures["kind"] == "kill"].sort_values("article")
    assert kill[["article", "value"]].values.tolist() == [["fire-a", 14.0], ["fire-b", 20.0]]

    timelines = linked.to_pandas("timelines")
    assert timelines.columns.tolist() == ["target", "target_kind", "order", "date", "event", "kind"]
    assert len(timelines) == sum(len(t.events) for t in linked.timelines())
    story = linked.stories[0].id
    rows = timelines[timelines["target"] == story]
    assert rows["event"].tolist() == [e.event for e in linked.timeline(story).events]
    assert rows["order"].tolist() == list(range(len(rows)))
    assert set(timelines["target_kind"]) == {"story", "entity"}

    assert linked.to_pandas("errors").columns.tolist() == ["id", "kind", "message", "file", "line", "record", "byte"]
    empty = dateline.link([]).to_pandas("events")
    assert len(empty) == 0 and str(empty["n_mentions"].dtype) == "int64"
    with pytest.raises(ValueError, match="unknown table 'storie'; the tables are: stories"):
        linked.to_pandas("storie")


def test_the_seed_articles_are_one_story_with_one_meeting(shared):
    """The two real articles: `dateline link ../shared/seeds/*.txt` from Python."""
    seeds = sorted((shared / "seeds").glob("*.txt"))
    a, b = "000_ac435baf9cf167de", "002_a5617df903929637"
    assert [p.stem for p in seeds][:2] == [a, b]
    results = [dateline.extract(p.read_text(encoding="utf-8"), id=p.stem) for p in seeds[:2]]
    linked = dateline.link(results)
    assert [s.articles for s in linked.stories] == [[a, b]]
    for surname in ("sudani", "blinken"):
        person = one([e for e in linked.entities if e.key.endswith(surname)], surname)
        assert person.articles == [a, b]
    m = one([e for e in linked.events if e.kind == "meet" and len(e.articles) == 2], "the meeting")
    assert (m.place, m.date) == ("Baghdad", "2023-11-05")
    first = one([x for x in m.articles if x.article == a], "first")
    assert (first.date, first.taken_from) == ("2023-11-05", b)
    assert dateline.link(results[::-1]).to_json() == linked.to_json()
