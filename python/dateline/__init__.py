"""dateline: English news articles as typed, trustworthy data.

>>> import dateline
>>> x = dateline.extract(" date 2023-11-06 Mr Al Sudani met Antony Blinken in Baghdad. He left.")
>>> x.date
datetime.date(2023, 11, 6)
>>> [s.text for s in x.sentences]
['Mr Al Sudani met Antony Blinken in Baghdad.', 'He left.']
>>> s = x.sentences[0]; x.text[s.start:s.end] == s.text
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Union

from ._dateline import (
    SCHEMA_VERSION,
    Actor,
    Article,
    ArticleDate,
    Corpus,
    CorpusEntity,
    CorpusEvent,
    CorpusMention,
    ErrorRecord,
    ExtractMany,
    Extraction,
    Entity,
    EntityMention,
    Event,
    EventActor,
    EventCode,
    EventDate,
    EventFigure,
    EventMention,
    EventPlace,
    Evidence,
    Extractor,
    Figure,
    Files,
    Headline,
    JsonlFile,
    Linked,
    Mention,
    Quote,
    Paragraph,
    Place,
    Role,
    Sentence,
    Sourced,
    Span,
    Story,
    Timeline,
    TimelineEntry,
    Timex,
    Token,
    NounChunk,
    __version__,
    extract,
    link,
    read_file,
    read_folder,
    read_jsonl,
    render,
    samples,
)
from ._dateline import ArrowTable, _arrow_table
from ._corpus import TABLES as LINK_TABLES
from ._errors import ConfigError, DatelineError, InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import-untyped, unused-ignore]
    import polars  # type: ignore[import-not-found, unused-ignore]
    import pyarrow  # type: ignore[import-untyped, import-not-found, unused-ignore]

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "ArrowTable",
    "Article",
    "ArticleDate",
    "ConfigError",
    "Corpus",
    "CorpusEntity",
    "CorpusEvent",
    "CorpusMention",
    "DatelineError",
    "Entity",
    "EntityMention",
    "ErrorRecord",
    "Event",
    "EventActor",
    "EventCode",
    "EventDate",
    "EventFigure",
    "EventMention",
    "EventPlace",
    "Evidence",
    "ExtractMany",
    "Extraction",
    "Extractor",
    "Figure",
    "Files",
    "Headline",
    "InputError",
    "JsonlFile",
    "LAYERS",
    "LINK_TABLES",
    "Linked",
    "Mention",
    "Quote",
    "Paragraph",
    "Place",
    "Result",
    "Role",
    "Sentence",
    "Sourced",
    "Span",
    "Story",
    "Timeline",
    "TimelineEntry",
    "Timex",
    "Token",
    "NounChunk",
    "__version__",
    "extract",
    "link",
    "read_file",
    "read_folder",
    "read_jsonl",
    "render",
    "samples",
    "TABLES",
    "to_arrow",
    "to_pandas",
    "to_polars",
]

#: What `extract_many` yields for each input record.
Result = Union[Extraction, ErrorRecord]

_COLUMNS: Dict[str, List[str]] = {
    "articles": ["id", "date", "datetime", "date_source", "title", "paragraphs", "sentences", "tokens", "file"],
    "headlines": ["id", "kind", "start", "end", "text"],
    "paragraphs": ["id", "paragraph", "start", "end", "sentences", "text"],
    "sentences": ["id", "sentence", "paragraph", "start", "end", "text"],
    "tokens": [
        "id", "sentence", "token", "start", "end", "kind", "text", "lemma", "pos", "tag", "feats", "head", "dep",
    ],
    "noun_chunks": ["id", "sentence", "start", "end", "text", "first", "last", "head"],
    "timex": ["id", "start", "end", "text", "type", "value", "mod", "anchor", "first", "last"],
    "mentions": ["id", "start", "end", "text", "kind", "coarse", "subtype", "country", "confidence", "unit"],
    "quotes": [
        "id", "start", "end", "text", "kind", "cue", "source", "speaker", "speaker_kind", "attribution", "confidence",
    ],
    "figures": [
        "id", "start", "end", "text", "kind", "value", "low", "high", "bound", "unit", "counted", "counted_class",
        "category", "gdelt", "trigger", "part_of", "place", "place_name", "place_countries", "date", "actor",
        "actor_entity", "source", "source_entity", "segment",
    ],
    "entities": [
        "id", "entity", "kind", "subtype", "name", "mentions", "roles", "nationality", "org_kind", "country",
        "geonameid", "feature", "place_country", "admin1_name", "lat", "lon", "chain",
    ],
    "events": [
        "id", "event", "trigger", "start", "end", "sentence", "unit", "lemma", "class", "modality", "polarity",
        "tense", "cameo", "root", "quad", "plover", "plover_mode", "pattern", "source", "source_entity",
        "source_code", "target", "target_entity", "target_code", "place", "place_entity", "lat", "lon",
        "place_is_focus_country", "date", "date_is_publication", "figures", "reported_by",
    ],
    "event_mentions": [
        "id", "event", "trigger", "start", "end", "sentence", "unit", "lemma", "class", "pos", "tense", "aspect",
        "polarity", "modality", "cameo",
    ],
    "errors": ["id", "kind", "message", "file", "line", "record", "byte"],
}

#: The dtypes of the columns, the same whatever the rows (and for an
#: empty table): whole numbers that may be missing (indices, ids) as
#: pandas' nullable Int64 (not float64 with NaN, so that indices stay
#: integers and join), flags that may be missing as nullable boolean, kinds
#: as categorical (with their fixed categories where the set is closed, so
#: that frames of several batches concatenate as categorical), dates as
#: datetime64.
_DTYPES: Dict[str, Dict[str, Any]] = {
    "articles": {"date": "date", "datetime": "datetime", "date_source": ["record", "header", "publication_line"],
                 "paragraphs": "int64",
                 "sentences": "int64", "tokens": "int64"},
    "headlines": {"kind": "category", "start": "int64", "end": "int64"},
    "paragraphs": {"paragraph": "int64", "start": "int64", "end": "int64", "sentences": "int64"},
    "sentences": {"sentence": "int64", "paragraph": "int64", "start": "int64", "end": "int64"},
    "tokens": {"sentence": "Int64", "token": "int64", "start": "int64", "end": "int64", "kind": "category",
               "pos": "category", "tag": "category", "head": "Int64", "dep": "category"},
    "noun_chunks": {"sentence": "Int64", "start": "int64", "end": "int64", "first": "int64", "last": "int64",
                    "head": "int64"},
    "timex": {"start": "int64", "end": "int64", "type": ["DATE", "TIME", "DURATION", "SET"], "mod": "category"},
    "mentions": {"start": "int64", "end": "int64", "kind": ["PER", "ORG", "LOC", "NORP", "MISC"],
                 "coarse": ["PER", "ORG", "LOC", "MISC"], "subtype": "category", "confidence": "float64",
                 "unit": "int64"},
    "quotes": {"start": "int64", "end": "int64", "kind": ["direct", "indirect", "mixed", "according"],
               "speaker_kind": ["PER", "ORG", "LOC", "NORP", "MISC"], "attribution": "int64",
               "confidence": "float64"},
    "figures": {"start": "int64", "end": "int64", "kind": ["count", "money", "percent", "quantity"],
                "value": "float64", "low": "float64", "high": "float64",
                "bound": ["exact", "lower", "upper", "approx", "range"], "counted_class": "category",
                "category": "category", "gdelt": "category", "part_of": "Int64", "segment": "int64"},
    "entities": {"entity": "int64", "kind": ["PER", "ORG", "LOC", "NORP", "MISC"], "subtype": "category",
                 "mentions": "int64", "org_kind": "category", "geonameid": "Int64", "feature": "category",
                 "lat": "float64", "lon": "float64"},
    "events": {
        "event": "int64",
        "start": "int64",
        "end": "int64",
        "sentence": "Int64",
        "unit": "int64",
        "class": "category",
        "modality": "category",
        "polarity": "category",
        "tense": "category",
        "quad": "category",
        "plover": "category",
        "plover_mode": "category",
        "source_entity": "Int64",
        "target_entity": "Int64",
        "place_entity": "Int64",
        "lat": "float64",
        "lon": "float64",
        "place_is_focus_country": "boolean",
        "date_is_publication": "boolean",
        "figures": "int64",
        "reported_by": "Int64",
    },
    "event_mentions": {"event": "int64", "start": "int64", "end": "int64", "sentence": "Int64", "unit": "int64",
                       "class": "category", "pos": "category", "tense": "category", "aspect": "category",
                       "polarity": "category", "modality": "category"},
    "errors": {"kind": "category", "line": "Int64", "record": "Int64", "byte": "Int64"},
}

#: The layer each table comes from (the article layer's tables always have rows).
_NEEDS: Dict[str, str] = {
    "noun_chunks": "syntax",
    "timex": "time",
    "mentions": "entities",
    "quotes": "quotes",
    "figures": "figures",
    "entities": "resolve",
    "events": "events",
    "event_mentions": "events",
}


def _typed(pd: Any, frame: "pandas.DataFrame", dtypes: Dict[str, Any]) -> "pandas.DataFrame":
    """`frame` with the columns of `dtypes` cast (see `_DTYPES`)."""
    for column, dtype in dtypes.items():
        if column not in frame:
            continue
        if dtype == "date":
            frame[column] = pd.to_datetime(frame[column])
        elif dtype == "datetime":
            # Instants in UTC (a time without a zone is taken as UTC).
            frame[column] = pd.to_datetime(frame[column], utc=True)
        elif isinstance(dtype, list):
            frame[column] = pd.Categorical(frame[column], categories=dtype)
        else:
            frame[column] = frame[column].astype(dtype)
    return frame


#: The tables `to_pandas` can build.
LAYERS = tuple(_COLUMNS)


def _rows(x: Extraction, layer: str) -> Iterable[Dict[str, Any]]:
    text = x.text
    if layer == "articles":
        row: Dict[str, Any] = {
            "id": x.id,
            "date": x.date,
            "datetime": x.datetime,
            "date_source": x.date_source,
            "title": x.title,
            "paragraphs": len(x.paragraphs),
            "sentences": len(x.sentences),
            "tokens": len(x.tokens),
            "file": x.origin.get("file"),
        }
        for key, value in x.metadata.items():
            row.setdefault(key, value)
        yield row
    elif layer == "headlines":
        for h in x.headlines:
            yield {"id": x.id, "kind": h.kind, "start": h.start, "end": h.end, "text": h.text}
    elif layer == "paragraphs":
        for i, p in enumerate(x.paragraphs):
            yield {
                "id": x.id,
                "paragraph": i,
                "start": p.start,
                "end": p.end,
                "sentences": len(p.sentences),
                "text": text[p.start : p.end],
            }
    elif layer == "sentences":
        for i, s in enumerate(x.sentences):
            yield {"id": x.id, "sentence": i, "paragraph": s.paragraph, "start": s.start, "end": s.end, "text": s.text}
    elif layer == "timex":
        for t in x.timex:
            yield {
                "id": x.id,
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "type": t.type,
                "value": t.value,
                "mod": t.mod,
                "anchor": t.anchor,
                "first": t.first,
                "last": t.last,
            }
    elif layer == "mentions":
        for m in x.mentions:
            yield {
                "id": x.id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "kind": m.kind,
                "coarse": m.coarse,
                "subtype": m.subtype,
                "country": m.country,
                "confidence": m.confidence,
                "unit": m.unit,
            }
    elif layer == "quotes":
        for q in x.quotes:
            yield {
                "id": x.id,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "kind": q.kind,
                "cue": q.cue,
                "source": q.source,
                "speaker": q.speaker,
                "speaker_kind": q.speaker_kind,
                "attribution": q.attribution,
                "confidence": q.confidence,
            }
    elif layer == "figures":
        for f in x.figures:
            row = f.to_dict()
            row["id"] = x.id
            yield row
    elif layer == "entities":
        for e in x.entities:
            p = e.place
            yield {
                "id": x.id,
                "entity": e.id,
                "kind": e.kind,
                "subtype": e.subtype,
                "name": e.name,
                "mentions": len(e.mentions),
                "roles": "; ".join(r.title + (" of " + r.of if r.of else "") for r in e.roles) or None,
                "nationality": e.nationality,
                "org_kind": e.org_kind,
                "country": e.country,
                "geonameid": p.geonameid if p else None,
                "feature": p.feature if p else None,
                "place_country": p.country if p else None,
                "admin1_name": p.admin1_name if p else None,
                "lat": p.lat if p else None,
                "lon": p.lon if p else None,
                "chain": " > ".join(p.chain) if p else None,
            }
    elif layer in ("events", "event_mentions"):
        yield from _event_rows(x, layer)
    elif layer == "tokens":
        sentence_of = {ti: si for si, s in enumerate(x.sentences) for ti in s.tokens}
        for ti, t in enumerate(x.tokens):
            yield {
                "id": x.id,
                "sentence": sentence_of.get(ti),
                "token": ti,
                "start": t.start,
                "end": t.end,
                "kind": t.kind,
                "text": t.text,
                "lemma": t.lemma,
                "pos": t.pos,
                "tag": t.tag,
                "feats": t.feats,
                "head": t.head,
                "dep": t.dep,
            }
    elif layer == "noun_chunks":
        sentence_of = {ti: si for si, s in enumerate(x.sentences) for ti in s.tokens}
        for c in x.noun_chunks:
            yield {
                "id": x.id,
                "sentence": sentence_of.get(c.head),
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "first": c.first,
                "last": c.last,
                "head": c.head,
            }


def _actors(actors: List[Actor]) -> Dict[str, Any]:
    """The columns of one side of an event: every actor's text, the first's entity and code."""
    first = actors[0] if actors else None
    return {
        "": "; ".join(a.text for a in actors) or None,
        "_entity": first.entity if first else None,
        "_code": first.code if first else None,
    }


def _event_rows(x: Extraction, layer: str) -> Iterable[Dict[str, Any]]:
    headlines = len(x.headlines)
    for i, e in enumerate(x.events):
        code = e.code
        row: Dict[str, Any] = {
            "id": x.id,
            "event": i,
            "trigger": e.text,
            "start": e.start,
            "end": e.end,
            "sentence": e.unit - headlines if e.unit >= headlines else None,
            "unit": e.unit,
            "lemma": e.lemma,
            "class": e.event_class,
        }
        if layer == "event_mentions":
            row.update(
                pos=e.pos,
                tense=e.tense,
                aspect=e.aspect,
                polarity=e.polarity,
                modality=e.modality,
                cameo=code.cameo if code else None,
            )
            yield row
            continue
        if code is None:
            continue
        place, date = e.place, e.date
        row.update(
            modality=e.modality,
            polarity=e.polarity,
            tense=e.tense,
            cameo=code.cameo,
            root=code.root,
            quad=code.quad,
            plover=code.plover,
            plover_mode=code.plover_mode,
            pattern=code.pattern,
        )
        for side, actors in (("source", e.source), ("target", e.target)):
            row.update({side + key: value for key, value in _actors(actors).items()})
        row.update(
            place=place.name if place else None,
            place_entity=place.entity if place else None,
            lat=place.lat if place else None,
            lon=place.lon if place else None,
            place_is_focus_country=place.focus_country if place else None,
            date=date.value if date else None,
            date_is_publication=date.published if date else None,
            figures=len(e.figures),
            reported_by=e.reported_by,
        )
        yield row


def to_pandas(results: Iterable[Union[Extraction, ErrorRecord]], layer: str = "sentences") -> "pandas.DataFrame":
    """One layer of many results as a tidy DataFrame, one row per item, with the article id.

    ``layer`` is one of ``LAYERS``: "articles" (one row per article, with its
    metadata), "headlines", "paragraphs", "sentences", "tokens" (with the syntax
    layer's lemma, part of speech, Penn tag, features, head token and relation;
    a headline's tokens have no sentence),
    "noun_chunks", "timex", "mentions", "quotes", "figures" (one
    row per figure: amount, bounds, unit, what is counted, category, place,
    date, actor, source), "entities" (one row per resolved entity: canonical
    name, mention count, roles, nationality, organisation kind, country and
    place with coordinates and chain), "events" (one row per event with a
    CAMEO code: trigger, sentence, lemma, class, modality, polarity, tense,
    the code with its root, quad class, PLOVER type and mode and pattern, the
    sources and targets as written (joined with "; ") with the first one's
    entity and actor code, the place with coordinates, the date, the number of
    figures and the reporting quote), "event_mentions" (one row per event,
    coded or not: trigger, class, part of speech, tense, aspect, polarity,
    modality, CAMEO code when coded), or "errors"
    (one row per ErrorRecord; the other tables leave errors out).
    Offsets are string indices into the article's text.

    The dtypes are the same for every batch (and for an empty table): dates
    as ``datetime64`` (``articles.datetime`` in UTC), indices and ids that
    may be missing (``geonameid``, ``part_of``, a token's ``head``) as
    nullable ``Int64``, kinds as ``category``, confidences as ``float64``
    to three decimals.

    A table whose layer did not run (``"entities"`` after
    ``Extractor(layers=["entities"])``, which runs the mention layer but not
    the ``resolve`` layer the table comes from) raises ``ValueError`` naming
    the layer, rather than giving an empty frame. So does the generator of
    ``extract_many`` once iterated: it yields each result once, so keep the
    results in a list to build several tables.
    """
    if layer not in _COLUMNS:
        raise ValueError(f"unknown layer {layer!r}; the layers are: {', '.join(LAYERS)}")
    try:
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "dateline.to_pandas needs pandas, which is not installed: pip install pandas"
        ) from e
    if isinstance(results, ExtractMany) and results.yielded:
        raise ValueError(
            "to_pandas: these results of extract_many were already iterated, and a generator yields "
            "each result once, so the table would miss them; keep them in a list first: "
            "results = list(extractor.extract_many(...)), then call to_pandas(results, ...) once per table"
        )
    needs = _NEEDS.get(layer)
    rows: List[Dict[str, Any]] = []
    for r in results:
        if isinstance(r, ErrorRecord):
            if layer == "errors":
                rows.append(r.to_dict())
        elif isinstance(r, Extraction):
            if needs is not None and needs not in r.layers:
                raise ValueError(
                    f"to_pandas: the {layer!r} table comes from the {needs!r} layer, which did not run for "
                    f"article {r.id!r} (it holds the layers {', '.join(r.layers)}); extract with the default "
                    f"layers, or add {needs!r}: Extractor(layers=[..., {needs!r}])"
                )
            if layer != "errors":
                rows.extend(_rows(r, layer))
        else:
            raise TypeError(f"to_pandas takes Extraction and ErrorRecord objects, not {type(r).__name__}")
    columns = list(_COLUMNS[layer])
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    frame = pd.DataFrame(rows, columns=columns)
    return _typed(pd, frame, _DTYPES.get(layer, {}))


#: The tables `to_arrow` and `to_polars` build (and `dateline extract
#: --format parquet|csv --tables` writes): see docs/tables.md.
TABLES = (
    "articles", "sentences", "tokens", "timex", "mentions", "entities", "roles", "places", "quotes",
    "figures", "focus_countries", "events", "event_mentions", "errors",
)


def _consumed(results: Any, what: str) -> None:
    if isinstance(results, ExtractMany) and results.yielded:
        raise ValueError(
            f"{what}: these results of extract_many were already iterated, and a generator yields each "
            "result once, so the table would miss them; keep them in a list first: "
            f"results = list(extractor.extract_many(...)), then call {what}(results, ...) once per table"
        )


def to_arrow(results: Iterable[Union[Extraction, ErrorRecord]], table: str = "sentences") -> "pyarrow.Table":
    """One table of many results as a ``pyarrow.Table``, built by the Rust core.

    ``table`` is one of ``TABLES`` (docs/tables.md lists every column with its
    type and meaning). The columns are the core's Arrow arrays handed over
    through the Arrow C stream interface, not copied; every table has the
    article's id, ``article_id``, and the keys join: ``mentions.entity_id``,
    ``quotes.speaker_entity_id``, ``figures.place_entity_id`` and
    ``roles.entity`` are ``entities.entity`` of the same ``article_id``. Offsets are
    string indices; labels are dictionary-encoded (categorical in pandas);
    dates are timestamps.

    A table whose layer did not run raises ``ValueError`` naming the layer,
    as does a generator of ``extract_many`` that was already iterated.
    """
    _consumed(results, "to_arrow")
    try:
        import pyarrow as pa  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("dateline.to_arrow needs pyarrow, which is not installed: pip install pyarrow") from e
    return pa.table(_arrow_table(results, table))


def to_polars(results: Iterable[Union[Extraction, ErrorRecord]], table: str = "sentences") -> "polars.DataFrame":
    """One table of many results as a ``polars.DataFrame`` (see ``to_arrow``)."""
    _consumed(results, "to_polars")
    try:
        import polars as pl  # type: ignore[import-not-found, unused-ignore]
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("dateline.to_polars needs polars, which is not installed: pip install polars") from e
    return pl.DataFrame(_arrow_table(results, table))
