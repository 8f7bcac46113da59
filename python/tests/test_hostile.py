"""Hostile input at every public entry point (issue 19): whatever a record
holds, `extract_many` yields an `ErrorRecord` in its place and the batch goes
on; `extract` and `Article` raise the package's own errors (or `TypeError`
for a wrong type), never a panic, a `UnicodeEncodeError` or an
`OverflowError`; ids and metadata keep their exact value."""

import datetime
import enum
import math
import os
import pickle

import pytest

import dateline

BAGHDAD = "Mr Al Sudani met Antony Blinken in Baghdad on Sunday. The talks lasted two hours."
ERBIL = " date 2023-11-20 Protesters gathered outside the governor's office in Erbil on Monday."
# A lone surrogate (from a bad decode upstream) at character 9.
BROKEN = "Mr Smith \ud800 left Baghdad on Sunday."


def extract_many(records, **kw):
    return list(dateline.Extractor(tokens=False).extract_many(records, **kw))


def record_number(r):
    """The 1-based position of a result's record in the input."""
    return r.origin["record"] if r.ok else r.record


def test_a_lone_surrogate_in_any_field_gives_an_error_record_and_the_batch_goes_on():
    records = [
        BAGHDAD,
        BROKEN,
        {"id": "wire-2", "text": BROKEN},
        {"id": "wire-\udc80", "text": BAGHDAD},
        {"id": "wire-4", "date": "2023-11-0\ud800", "text": BAGHDAD},
        {"id": "wire-5", "title": "\ud83d Iraq talks", "text": BAGHDAD},
        {"id": "wire-6", "text": BAGHDAD, "source": "Reuters \udcff"},
        {"id": "wire-7", "text": BAGHDAD, "sec\ud800tion": "world"},
        ERBIL,
    ]
    out = extract_many(records)
    assert [r.ok for r in out] == [True, False, False, False, False, False, False, False, True]
    assert out[8].date == datetime.date(2023, 11, 20)
    assert all(r.kind == "field_type" for r in out[1:8])
    assert [record_number(r) for r in out] == list(range(1, 10))
    assert out[1].message == (
        'record 2: field "text" must be text that UTF-8 can hold, '
        "found a lone surrogate (U+D800) at character 9"
    )
    assert out[2].id == "wire-2" and "record 3 (id wire-2)" in out[2].message
    assert 'field "id"' in out[3].message and "(U+DC80) at character 5" in out[3].message
    assert 'field "date"' in out[4].message and out[4].id == "wire-4"
    assert 'field "title"' in out[5].message and "at character 0" in out[5].message
    assert 'field "source"' in out[6].message and "(U+DCFF) at character 8" in out[6].message
    assert 'field "(key sec?tion)"' in out[7].message and "at character 3" in out[7].message


def test_a_lone_surrogate_raises_input_error_with_its_character_index():
    with pytest.raises(dateline.InputError) as info:
        dateline.extract(BROKEN)
    e = info.value
    assert isinstance(e, ValueError) and e.kind == "field_type"
    assert "lone surrogate (U+D800) at character 9" in str(e) and 'field "text"' in str(e)
    ex = dateline.Extractor()
    with pytest.raises(dateline.InputError, match="at character 9"):
        ex.extract(BROKEN)
    with pytest.raises(dateline.InputError, match='field "title"'):
        ex.extract(BAGHDAD, title="Talks \udc80")
    with pytest.raises(dateline.InputError, match='field "date"'):
        ex.extract(BAGHDAD, "2023-11-\ud800")
    with pytest.raises(dateline.InputError, match='field "text"'):
        dateline.Article(BROKEN, id="a1")
    with pytest.raises(dateline.InputError, match='field "url"'):
        dateline.Article(BAGHDAD, metadata={"url": "https://example.org/\ud800"})


def test_errors_raise_stops_at_the_bad_record_with_input_error():
    gen = dateline.Extractor().extract_many([BAGHDAD, {"id": "w2", "text": BROKEN}, ERBIL], errors="raise")
    assert next(gen).ok
    with pytest.raises(dateline.InputError) as info:
        next(gen)
    assert info.value.record == 2 and info.value.id == "w2"


@pytest.mark.parametrize(
    "given, expected",
    [
        (123456789012345678901234567890, "123456789012345678901234567890"),
        (123456789012345678901234567891, "123456789012345678901234567891"),
        (10**30, "1" + "0" * 30),
        (-(10**25), "-1" + "0" * 25),
        (-0, "0"),
        (0, "0"),
        (2**64, "18446744073709551616"),
        (12.0, "12"),
        (-0.0, "0"),
        (2.0**53, "9007199254740992"),
    ],
)
def test_int_ids_keep_their_exact_digits(given, expected):
    out = extract_many([BAGHDAD, {"id": given, "text": ERBIL}, ERBIL])
    assert [r.ok for r in out] == [True, True, True]
    assert out[1].id == expected
    assert dateline.extract(ERBIL, id=given).id == expected
    assert dateline.Article(ERBIL, id=given).id == expected


def test_integer_like_ids_use_index():
    np = pytest.importorskip("numpy")

    class Wire(enum.IntEnum):
        REUTERS = 7

    class Serial:
        def __index__(self):
            return 10**20

    out = extract_many(
        [{"id": np.int64(-42), "text": BAGHDAD}, {"id": np.uint64(2**63), "text": BAGHDAD},
         {"id": Wire.REUTERS, "text": BAGHDAD}, {"id": Serial(), "text": BAGHDAD}]
    )
    assert [r.id for r in out] == ["-42", "9223372036854775808", "7", "1" + "0" * 20]


def test_ids_that_are_not_ids_give_error_records():
    out = extract_many(
        [
            {"id": True, "text": BAGHDAD},
            {"id": 1.5, "text": BAGHDAD},
            {"id": 2.0**60, "text": BAGHDAD},
            {"id": float("inf"), "text": BAGHDAD},
            {"id": ["a"], "text": BAGHDAD},
            {"id": "w6", "text": BAGHDAD},
        ]
    )
    assert [r.ok for r in out] == [False, False, False, False, False, True]
    assert out[0].message == 'record 1: field "id" must be a str or an int, found bool'
    assert "found the float 1.5" in out[1].message
    assert "whole value up to 2^53" in out[2].message
    assert "found the float inf" in out[3].message
    assert "found list" in out[4].message
    with pytest.raises(TypeError, match='field "id" must be a str or an int, found bool'):
        dateline.extract(BAGHDAD, id=False)
    # NaN (pandas' missing value) means no id, as None does.
    assert extract_many([{"id": float("nan"), "text": BAGHDAD}])[0].id is None


def test_metadata_keeps_exact_values_and_missing_values_as_none():
    np = pytest.importorskip("numpy")
    record = {
        "id": "wire-1",
        "text": ERBIL,
        "views": 123456789012345678901234567890,
        "shares": np.int64(1500),
        "score": np.float32(0.5),
        "breaking": np.bool_(True),
        "sentiment": float("nan"),
        "section": None,
        "updated": datetime.datetime(2023, 11, 20, 14, 5),
        "tags": ["iraq", "protest"],
    }
    x = extract_many([record])[0]
    assert x.ok
    assert x.metadata == {
        "views": 123456789012345678901234567890,
        "shares": 1500,
        "score": 0.5,
        "breaking": True,
        "sentiment": None,
        "section": None,
        "updated": "2023-11-20T14:05:00",
    }
    assert '"sentiment":null' in x.to_json()
    assert '"views":123456789012345678901234567890' in x.to_json()
    a = dateline.Article(ERBIL, metadata={"views": 10**30, "sentiment": float("nan")})
    assert a.metadata == {"views": 10**30, "sentiment": None}
    b = pickle.loads(pickle.dumps(a))
    assert b.metadata == a.metadata


def test_pandas_missing_values_are_kept_as_none():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "id": ["w1", "w2"],
            "text": [BAGHDAD, ERBIL],
            "url": ["https://example.org/1", None],
            "words": [17, None],
            "published": [pd.Timestamp("2023-11-06 09:00"), pd.NaT],
        }
    )
    records = frame.to_dict("records")
    records[1]["flag"] = pd.NA
    out = extract_many(records)
    assert [r.ok for r in out] == [True, True]
    assert out[0].metadata == {"url": "https://example.org/1", "words": 17.0, "published": "2023-11-06T09:00:00"}
    assert out[1].metadata == {"url": None, "words": None, "published": None, "flag": None}
    table = dateline.to_pandas(out, "articles")
    assert table["words"].isna().tolist() == [False, True]


def test_infinite_metadata_gives_an_error_record():
    out = extract_many(
        [{"id": "w1", "text": BAGHDAD, "ratio": float("inf")}, {"id": "w2", "text": ERBIL, "ratio": -math.inf}, ERBIL]
    )
    assert [r.ok for r in out] == [False, False, True]
    assert out[0].message == (
        'record 1 (id w1): field "ratio" must be a finite number (JSON has no infinity), found inf'
    )
    assert out[1].message.endswith("found -inf")
    with pytest.raises(dateline.InputError, match='field "ratio"'):
        dateline.Article(BAGHDAD, metadata={"ratio": float("inf")})


class Unprintable:
    def __str__(self):
        raise RuntimeError("cannot print")

    def __repr__(self):
        raise RuntimeError("cannot repr")


class BadIndex:
    def __index__(self):
        raise ValueError("no index today")


class BadDate(datetime.date):
    def isoformat(self):
        raise RuntimeError("clock broke")


def test_any_record_whatever_it_holds_gives_its_result_in_place():
    records = [
        BAGHDAD,
        None,
        42,
        3.5,
        ["a", "list"],
        Unprintable(),
        {"text": None},
        {"text": 17},
        {"text": {"body": BAGHDAD}},
        {"text": BAGHDAD, Unprintable(): "x"},
        {"text": BAGHDAD, "id": BadIndex()},
        {"text": BAGHDAD, "date": BadDate(2023, 11, 6)},
        {"text": BAGHDAD, "author": Unprintable()},
        {"text": BAGHDAD, "id": Unprintable()},
        {"text": BAGHDAD, 7: "seven", ("a", "b"): "tuple key"},
        {"text": ""},
        ERBIL,
    ]
    out = extract_many(records)
    assert len(out) == len(records)
    assert [r.ok for r in out] == [True] + [False] * 13 + [True, False, True]
    assert [record_number(r) for r in out] == list(range(1, len(records) + 1))
    assert "found NoneType" in out[1].message and 'field "(record)"' in out[1].message
    assert "found int" in out[2].message and "found float" in out[3].message
    assert "found list" in out[4].message and "found Unprintable" in out[5].message
    assert out[6].kind == "missing_field"
    assert 'field "text" must be a str, found int' in out[7].message
    assert 'field "text" must be a str, found dict' in out[8].message
    assert "raised RuntimeError: cannot print" in out[9].message
    assert 'field "id"' in out[10].message and "raised ValueError: no index today" in out[10].message
    assert 'field "date"' in out[11].message and "raised RuntimeError: clock broke" in out[11].message
    assert 'field "author"' in out[12].message and "found Unprintable" in out[12].message
    assert 'field "id"' in out[13].message
    assert out[14].metadata == {"7": "seven", "('a', 'b')": "tuple key"}
    assert out[15].kind == "empty"
    assert out[16].date == datetime.date(2023, 11, 20)


def test_a_keyboard_interrupt_while_reading_a_record_goes_through():
    class Interrupting:
        def __index__(self):
            raise KeyboardInterrupt

    gen = dateline.Extractor().extract_many([BAGHDAD, {"id": Interrupting(), "text": ERBIL}, ERBIL])
    assert next(gen).ok
    with pytest.raises(KeyboardInterrupt):
        next(gen)


def test_an_exception_of_the_source_comes_after_the_results_so_far():
    def feed():
        yield BAGHDAD
        yield {"id": "w2", "text": BROKEN}
        yield {"id": 10**30, "text": ERBIL}
        raise ConnectionError("feed dropped")

    gen = dateline.Extractor().extract_many(feed(), batch_size=2)
    got = [next(gen), next(gen), next(gen)]
    assert [r.ok for r in got] == [True, False, True]
    assert got[2].id == "1" + "0" * 30
    with pytest.raises(ConnectionError, match="feed dropped"):
        next(gen)


def test_a_dict_changed_while_it_is_read_changes_nothing():
    record = {"id": "w1", "text": BAGHDAD}

    class Grower:
        def __index__(self):
            record["extra"] = "added while reading"
            return 5

    record["count"] = Grower()
    out = extract_many([record, ERBIL])
    assert [r.ok for r in out] == [True, True]
    assert out[0].metadata == {"count": 5}


def test_layers_take_one_name_or_a_list():
    assert dateline.Extractor(layers="quotes").layers == ["article", "syntax", "entities", "quotes"]
    assert dateline.Extractor(layers=("time",)).layers == ["article", "time"]
    x = dateline.Extractor(layers="time").extract(ERBIL)
    assert [t.text for t in x.timex] == ["Monday"] and x.mentions == []
    with pytest.raises(dateline.ConfigError) as info:
        dateline.Extractor(layers=["quotes", "sentiment"])
    assert isinstance(info.value, ValueError)
    assert str(info.value) == (
        'invalid configuration: unknown layer "sentiment"; '
        "the layers are: article, syntax, time, entities, quotes, resolve, figures, events"
    )
    with pytest.raises(TypeError, match="layers must be a str or a list of str, not int"):
        dateline.Extractor(layers=5)
    with pytest.raises(TypeError, match="found NoneType in the list"):
        dateline.Extractor(layers=["time", None])


def test_too_many_threads_are_capped_with_a_warning():
    # A thousand threads is harmless should the cap regress, yet more than
    # 4 per core on any machine this runs on.
    if 4 * (os.cpu_count() or 1) >= 1000:
        pytest.skip("a machine with 250 cores or more")
    with pytest.warns(RuntimeWarning, match=r"threads=1000 is more than 4 per core; using \d+"):
        ex = dateline.Extractor(threads=1000)
    assert [r.ok for r in ex.extract_many([BAGHDAD, ERBIL])] == [True, True]


def test_error_record_exceptions_and_huge_batches():
    out = extract_many([BAGHDAD, {"text": BROKEN}], batch_size=10**12)
    assert [r.ok for r in out] == [True, False]
    exc = out[1].exception()
    assert isinstance(exc, dateline.InputError) and exc.record == 2 and exc.kind == "field_type"
    assert isinstance(dateline.ErrorRecord("internal", "boom").exception(), dateline.DatelineError)


def test_a_huge_json_indent_is_refused_not_an_abort():
    x = dateline.extract(BAGHDAD)
    assert x.to_json(indent=2).startswith('{\n  "')
    with pytest.raises(dateline.ConfigError, match="indent must be at most 64, not 1000000000000"):
        x.to_json(indent=10**12)
