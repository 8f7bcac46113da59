"""The pandas tables of a `Linked` corpus (`Linked.to_pandas(table)`).

Only reshaping: every value comes from the core's corpus layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional

if TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import-untyped, unused-ignore]

    from ._dateline import CorpusEvent, EventActor, Linked

#: The columns of each table, in order.
COLUMNS: Dict[str, List[str]] = {
    "stories": ["story", "article", "label", "first", "last", "n_articles", "n_entities", "n_events"],
    "entities": [
        "entity", "kind", "name", "key", "described", "country", "names", "roles", "articles", "stories",
        "n_articles", "n_mentions",
    ],
    "entity_mentions": ["entity", "kind", "name", "article", "start", "end", "text", "form"],
    "events": [
        "event", "story", "kind", "class", "polarity", "modality", "date", "place", "source", "source_entities",
        "target", "target_entities", "cameo", "articles", "n_articles", "n_mentions", "n_figures",
    ],
    "event_mentions": ["event", "story", "kind", "article", "start", "end", "text", "date", "taken_from"],
    "event_figures": [
        "event", "story", "kind", "article", "start", "end", "text", "value", "low", "high", "unit", "category",
        "counted", "date", "said_by", "published",
    ],
    "timelines": ["target", "target_kind", "order", "date", "event", "kind"],
    "errors": ["id", "kind", "message", "file", "line", "record", "byte"],
}

#: The dtypes of the columns, the same whatever the rows (and for an empty
#: table): whole numbers, kinds as categorical, publication dates as
#: datetime64 ("date"). Event dates stay TIMEX strings (`2008-12-XX` is a
#: month, not a day).
_DTYPES: Dict[str, Dict[str, str]] = {
    "stories": {"first": "date", "last": "date", "n_articles": "int64", "n_entities": "int64",
                "n_events": "int64"},
    "entities": {"kind": "category", "n_articles": "int64", "n_mentions": "int64"},
    "entity_mentions": {"kind": "category", "start": "int64", "end": "int64", "form": "category"},
    "events": {"kind": "category", "class": "category", "polarity": "category", "modality": "category",
               "n_articles": "int64", "n_mentions": "int64", "n_figures": "int64"},
    "event_mentions": {"kind": "category", "start": "int64", "end": "int64"},
    "event_figures": {"kind": "category", "start": "int64", "end": "int64", "value": "float64", "low": "float64",
                      "high": "float64", "category": "category", "published": "date"},
    "timelines": {"target_kind": "category", "order": "int64", "kind": "category"},
    "errors": {"kind": "category", "line": "Int64", "record": "Int64", "byte": "Int64"},
}

#: The tables `Linked.to_pandas` can build.
TABLES = tuple(COLUMNS)


def _side(actors: List["EventActor"], side: str) -> Dict[str, Any]:
    """The columns of one side of a corpus event: every actor's name, and the corpus entities they name."""
    mine = [a for a in actors if a.side == side]
    return {
        side: "; ".join(a.name for a in mine) or None,
        side + "_entities": [a.entity for a in mine if a.entity is not None],
    }


def _event_columns(e: "CorpusEvent") -> Dict[str, Any]:
    return {"event": e.id, "story": e.story, "kind": e.kind}


def _rows(linked: "Linked", table: str) -> Iterable[Dict[str, Any]]:
    if table == "stories":
        for s in linked.stories:
            for a in s.articles:
                yield {
                    "story": s.id,
                    "article": a,
                    "label": s.label,
                    "first": s.first,
                    "last": s.last,
                    "n_articles": len(s.articles),
                    "n_entities": len(s.entities),
                    "n_events": len(s.events),
                }
    elif table == "entities":
        for e in linked.entities:
            yield {
                "entity": e.id,
                "kind": e.kind,
                "name": e.name,
                "key": e.key,
                "described": e.described,
                "country": e.country,
                "names": e.names,
                "roles": e.roles,
                "articles": e.articles,
                "stories": e.stories,
                "n_articles": len(e.articles),
                "n_mentions": len(e.mentions),
            }
    elif table == "entity_mentions":
        for e in linked.entities:
            for m in e.mentions:
                yield {
                    "entity": e.id,
                    "kind": e.kind,
                    "name": e.name,
                    "article": m.article,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "form": m.form,
                }
    elif table == "events":
        for ev in linked.events:
            row = _event_columns(ev)
            row.update(
                {"class": ev.event_class, "polarity": ev.polarity, "modality": ev.modality, "date": ev.date,
                 "place": ev.place}
            )
            row.update(_side(ev.actors, "source"))
            row.update(_side(ev.actors, "target"))
            row.update(
                cameo=ev.codes[0].value if ev.codes else None,
                articles=[a.article for a in ev.articles],
                n_articles=len(ev.articles),
                n_mentions=len(ev.mentions),
                n_figures=len(ev.figures),
            )
            yield row
    elif table == "event_mentions":
        for ev in linked.events:
            dates = {a.article: a for a in ev.articles}
            for m in ev.mentions:
                own: Optional[Any] = dates.get(m.article)
                row = _event_columns(ev)
                row.update(
                    article=m.article,
                    start=m.start,
                    end=m.end,
                    text=m.text,
                    date=own.date if own else None,
                    taken_from=own.taken_from if own else None,
                )
                yield row
    elif table == "event_figures":
        for ev in linked.events:
            for f in ev.figures:
                row = _event_columns(ev)
                row.update(
                    article=f.source.article,
                    start=f.source.start,
                    end=f.source.end,
                    text=f.text,
                    value=f.value,
                    low=f.low,
                    high=f.high,
                    unit=f.unit,
                    category=f.category,
                    counted=f.counted,
                    date=f.date,
                    said_by=f.said_by,
                    published=f.published,
                )
                yield row
    elif table == "timelines":
        stories = {s.id for s in linked.stories}
        for t in linked.timelines():
            kind = "story" if t.target in stories else "entity"
            for i, entry in enumerate(t.events):
                yield {
                    "target": t.target,
                    "target_kind": kind,
                    "order": i,
                    "date": entry.date,
                    "event": entry.event,
                    "kind": entry.kind,
                }
    elif table == "errors":
        for r in linked.errors:
            yield r.to_dict()


def table(linked: "Linked", table: str) -> "pandas.DataFrame":
    """One table of a linked corpus as a DataFrame (see `Linked.to_pandas`)."""
    if table not in COLUMNS:
        raise ValueError(f"unknown table {table!r}; the tables are: {', '.join(TABLES)}")
    try:
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "dateline.Linked.to_pandas needs pandas, which is not installed: pip install pandas"
        ) from e
    frame = pd.DataFrame(list(_rows(linked, table)), columns=COLUMNS[table])
    for column, dtype in _DTYPES.get(table, {}).items():
        if dtype == "date":
            frame[column] = pd.to_datetime(frame[column])
        else:
            frame[column] = frame[column].astype(dtype)
    return frame
