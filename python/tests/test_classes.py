"""The shape of every class the native module builds from one description
(crates/dateline-py/src/api.rs): constructor, getters, repr, to_dict,
pickling, and the stub file shipped with the package. The expected values
are those of the hand-written classes the descriptions replaced."""

import inspect
import pathlib
import pickle

import pytest

import dateline
from dateline import _dateline

CASES = [
    (
        dateline.Span(1, 2),
        "Span(start=1, end=2)",
        {"end": 2, "start": 1},
        (1, 2),
    ),
    (
        dateline.Headline("title", 0, 3, "a'b"),
        "Headline(kind='title', start=0, end=3, text=\"a'b\")",
        {"end": 3, "kind": "title", "start": 0, "text": "a'b"},
        ("title", 0, 3, "a'b"),
    ),
    (
        dateline.Paragraph(0, 9, 1, 3),
        "Paragraph(start=0, end=9, sentences=range(1, 3))",
        {"end": 9, "sentences": {"end": 3, "start": 1}, "start": 0},
        (0, 9, 1, 3),
    ),
    (
        dateline.Sentence(0, 4, "a\nb", 0, 2, 5, 3),
        "Sentence(start=0, end=4, paragraph=0, text='a\\nb')",
        {"end": 4, "paragraph": 0, "root": 3, "start": 0, "text": "a\nb", "tokens": {"end": 5, "start": 2}},
        (0, 4, "a\nb", 0, 2, 5, 3),
    ),
    (
        dateline.Token(0, 4, "word", "kill", "VERB", "VBD", "kill", "Tense=Past", None, "root", [0, 5]),
        "Token(start=0, end=4, kind='word', text='kill', pos='VERB', dep='root')",
        {
            "children": [0, 5], "dep": "root", "end": 4, "feats": "Tense=Past", "head": None, "kind": "word",
            "lemma": "kill", "pos": "VERB", "start": 0, "tag": "VBD", "text": "kill",
        },
        (0, 4, "word", "kill", "VERB", "VBD", "kill", "Tense=Past", None, "root", [0, 5]),
    ),
    (
        dateline.Token(0, 1, "word"),
        "Token(start=0, end=1, kind='word', text='', pos=None, dep=None)",
        {
            "children": [], "dep": None, "end": 1, "feats": None, "head": None, "kind": "word", "lemma": None,
            "pos": None, "start": 0, "tag": None, "text": "",
        },
        (0, 1, "word", "", None, None, None, None, None, None, []),
    ),
    (
        dateline.NounChunk(3, 17, "Hamas fighters", 1, 2, 2),
        "NounChunk(start=3, end=17, text='Hamas fighters', head=2)",
        {"end": 17, "first": 1, "head": 2, "last": 2, "start": 3, "text": "Hamas fighters"},
        (3, 17, "Hamas fighters", 1, 2, 2),
    ),
    (
        dateline.Timex(0, 4, "2020", "DATE", "2020", None, None, "2020-01-01T00:00:00", "2020-12-31T23:59:59"),
        "Timex(start=0, end=4, text='2020', type='DATE', value='2020')",
        {
            "anchor": None, "end": 4, "first": "2020-01-01T00:00:00", "last": "2020-12-31T23:59:59",
            "mod": None, "start": 0, "text": "2020", "type": "DATE", "value": "2020",
        },
        (0, 4, "2020", "DATE", "2020", None, None, "2020-01-01T00:00:00", "2020-12-31T23:59:59"),
    ),
    (
        dateline.Mention(0, 4, "Erbil", "LOC"),
        "Mention(start=0, end=4, text='Erbil', kind='LOC', subtype=None, confidence=1.00)",
        {
            "confidence": 1.0, "country": None, "end": 4, "kind": "LOC", "name_end": 4, "name_start": 0,
            "start": 0, "subtype": None, "text": "Erbil", "unit": 0,
        },
        (0, 4, "Erbil", "LOC", None, 0, 4, 1.0, None, 0),
    ),
    (
        dateline.Quote(0, 4, "hi", "direct", "said", "he", 5, 7, "Bob", "PER", 1, 0.5),
        "Quote(start=0, end=4, kind='direct', source='he', speaker='Bob', text='hi')",
        {
            "attribution": 1, "confidence": 0.5, "cue": "said", "end": 4, "kind": "direct", "source": "he",
            "source_end": 7, "source_start": 5, "speaker": "Bob", "speaker_kind": "PER", "start": 0, "text": "hi",
        },
        (0, 4, "hi", "direct", "said", "he", 5, 7, "Bob", "PER", 1, 0.5),
    ),
    (
        dateline.EventMention(40, 46, "attack", 0),
        "EventMention(start=40, end=46, text='attack', unit=0)",
        {"end": 46, "start": 40, "text": "attack", "unit": 0},
        (40, 46, "attack", 0),
    ),
    (
        dateline.Actor("Mr Blinken", 3, 13, 1, "USAGOV", "SECRETARY OF STATE"),
        "Actor(text='Mr Blinken', start=3, end=13, entity=1, code='USAGOV')",
        {"code": "USAGOV", "code_entry": "SECRETARY OF STATE", "end": 13, "entity": 1, "start": 3, "text": "Mr Blinken"},
        ("Mr Blinken", 3, 13, 1, "USAGOV", "SECRETARY OF STATE"),
    ),
    (
        dateline.EventPlace("Ankara", 137, 143, 4, "TR", 39.9581, 32.5932),
        "EventPlace(name='Ankara', country='TR', lat=39.9581, lon=32.5932, focus_country=False)",
        {
            "country": "TR", "end": 143, "entity": 4, "focus_country": False, "lat": 39.9581, "lon": 32.5932,
            "name": "Ankara", "start": 137,
        },
        ("Ankara", 137, 143, 4, "TR", 39.9581, 32.5932, False),
    ),
    (
        dateline.EventDate("2023-11-09", published=True),
        "EventDate(value='2023-11-09', text=None, published=True)",
        {"end": None, "published": True, "start": None, "text": None, "timex": None, "value": "2023-11-09"},
        ("2023-11-09", None, None, None, None, True),
    ),
    (
        dateline.EventCode("190", "19", "- * [190]", "material_conflict", "Use conventional military force", "ASSAULT"),
        "EventCode(cameo='190', quad='material_conflict', plover='ASSAULT', pattern='- * [190]')",
        {
            "cameo": "190", "description": "Use conventional military force", "paired": None,
            "pattern": "- * [190]", "plover": "ASSAULT", "plover_mode": None, "quad": "material_conflict", "root": "19",
        },
        ("190", "19", "- * [190]", "material_conflict", "Use conventional military force", "ASSAULT", None, None),
    ),
    (
        dateline.Event(40, 46, "attack", "attack", "verb", "OCCURRENCE", "past", "none", "negative", "asserted", 0),
        "Event(start=40, end=46, text='attack', event_class='OCCURRENCE', tense='past', polarity='negative', "
        "modality='asserted')",
        {
            "aspect": "none", "code": None, "date": None, "end": 46, "event_class": "OCCURRENCE", "figures": [],
            "lemma": "attack", "mentions": [], "modality": "asserted", "place": None, "polarity": "negative",
            "pos": "verb", "reciprocal": False, "reported_by": None, "source": [], "start": 40, "target": [],
            "tense": "past", "text": "attack", "unit": 0,
        },
        (40, 46, "attack", "attack", "verb", "OCCURRENCE", "past", "none", "negative", "asserted", 0, None, [], [], [],
         False, None, None, [], None),
    ),
    (
        dateline.ErrorRecord("json", "bad", "7", "f.jsonl", 3, 4, 5),
        "ErrorRecord(kind='json', message='bad')",
        {"byte": 5, "file": "f.jsonl", "id": "7", "kind": "json", "line": 3, "message": "bad", "record": 4},
        ("json", "bad", "7", "f.jsonl", 3, 4, 5),
    ),
]


@pytest.mark.parametrize("obj, text, as_dict, args", CASES, ids=lambda c: type(c).__name__)
def test_value_class_shapes(obj, text, as_dict, args):
    assert repr(obj) == text
    assert obj.to_dict() == as_dict
    assert list(obj.to_dict()) == list(as_dict)  # keys in the same order
    cls, reduced = obj.__reduce__()
    assert cls is type(obj) and reduced == args
    assert pickle.loads(pickle.dumps(obj)) == obj
    assert type(obj)(*args) == obj


def test_constructor_defaults_and_errors():
    m = dateline.Mention(3, 9, "Erbil x", "LOC", name_end=8, confidence=0.876)
    assert (m.name_start, m.name_end, m.unit, m.country, m.coarse) == (3, 8, 0, None, "LOC")
    assert repr(m).endswith("confidence=0.88)")
    t = dateline.Timex(0, 4, "2020", "DATE", first="2020-01-01T00:00:00")
    assert t.first is not None and t.first.year == 2020 and t.last is None
    assert str(inspect.signature(dateline.Quote)) == (
        "(start, end, text, kind, cue=None, source=None, source_start=None, source_end=None, "
        "speaker=None, speaker_kind=None, attribution=0, confidence=1.0)"
    )
    with pytest.raises(TypeError, match="missing 4 required positional arguments"):
        dateline.Timex()  # type: ignore[call-arg]
    for cls in (dateline.Figure, dateline.Entity, dateline.EntityMention, dateline.Role, dateline.Place):
        with pytest.raises(TypeError, match="cannot create"):
            cls()  # type: ignore[call-arg]


def test_stub_file_ships_with_the_package_and_names_every_member():
    stub = pathlib.Path(_dateline.__file__).with_name("_dateline.pyi")
    assert stub.is_file(), "the wheel has no _dateline.pyi (see python/pyproject.toml, include)"
    text = stub.read_text(encoding="utf-8")
    public = [n for n in dir(_dateline) if isinstance(getattr(_dateline, n), type)]
    for name in public:
        assert f"\nclass {name}:\n" in text, name
    assert "    def first(self) -> Optional[datetime.datetime]: ...\n" in text
    assert '    def __new__(cls, start: int, end: int) -> "Span": ...\n' in text


def test_event_holds_its_parts_and_round_trips():
    code = dateline.EventCode(
        "042", "04", "--- VISIT [042:043] ---", "verbal_cooperation", "Make a visit", "CONSULT", "visit", "043"
    )
    assert code.paired == "043" and code.to_dict()["paired"] == "043"
    source = dateline.Actor("Mr Blinken", 0, 10, 1, "USAGOV")
    target = dateline.Actor("Turkey", 18, 24, 2, "TUR", "TURKEY")
    place = dateline.EventPlace("Ankara", 28, 34, 3, "TR", 39.9, 32.8)
    date = dateline.EventDate("2023-11-07", "Tuesday", 38, 45, 0)
    e = dateline.Event(
        11, 17, "visits", "visit", "verb", "OCCURRENCE", "present", "none", "positive", "asserted", 0,
        mentions=[dateline.EventMention(11, 17, "visits", 0)], source=[source], target=[target], place=place,
        date=date, figures=[2], code=code,
    )
    assert (e.code, e.source, e.target, e.place, e.date, e.figures) == (code, [source], [target], place, date, [2])
    assert e.to_dict()["code"] == code.to_dict() and e.to_dict()["source"] == [source.to_dict()]
    assert pickle.loads(pickle.dumps(e)) == e
    cls, args = e.__reduce__()
    assert cls(*args) == e
    assert e != dateline.Event(11, 17, "visits", "visit", "verb", "OCCURRENCE", "present", "none", "positive",
                               "asserted", 0)
    with pytest.raises(TypeError):
        dateline.Event(11, 17, "visits", "visit", "verb", "OCCURRENCE", "present", "none", "positive", "asserted", 0,
                       source=["Mr Blinken"])  # type: ignore[list-item]
    assert str(inspect.signature(dateline.EventCode)) == (
        "(cameo, root, pattern, quad=None, description=None, plover=None, plover_mode=None, paired=None)"
    )
