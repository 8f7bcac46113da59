"""Inputs as users hold them, turned into what `Extractor.extract_many` reads.

Only adapting: a pandas DataFrame or Series becomes a stream of records
(dicts), and `progress=True` a tqdm progress bar. Reading the values is the
core's (numpy scalars, `NaT` and `None` included).
"""

from __future__ import annotations

import warnings
from typing import Any, Dict, Iterable, Iterator, Optional


def _kind(obj: Any) -> Optional[str]:
    """"DataFrame" or "Series" for a pandas object, else None (pandas is not imported)."""
    cls = type(obj)
    if not cls.__module__.startswith("pandas"):
        return None
    for base in cls.__mro__:
        if base.__module__.startswith("pandas") and base.__name__ in ("DataFrame", "Series"):
            return base.__name__
    return None


def _default_index(index: Any) -> bool:
    """True for pandas' default index 0..n-1, which says nothing of the rows."""
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    return isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1


def _frame_rows(frame: Any) -> Iterator[Dict[str, Any]]:
    columns = [str(c) for c in frame.columns]
    if "text" not in columns:
        raise ValueError(
            "extract_many: the DataFrame has no 'text' column (its columns: "
            + ", ".join(repr(c) for c in columns)
            + "); name the column of the articles' text 'text' (and optionally 'id', 'date', 'title')"
        )
    use_index = "id" not in columns and not _default_index(frame.index)
    names = columns + (["id"] if use_index else [])
    for index, row in zip(frame.index, frame.itertuples(index=False, name=None)):
        values = list(row) + ([index] if use_index else [])
        yield dict(zip(names, values))


def _series_rows(series: Any) -> Iterator[Any]:
    if _default_index(series.index):
        yield from series
        return
    for index, value in series.items():
        yield {"text": value, "id": index} if isinstance(value, str) else value


def records_of(records: Any) -> Iterable[Any]:
    """The records of what `extract_many` was given: a DataFrame's rows as
    dicts of its columns (`text`, and `id`, `date`, `title` and metadata; the
    index is the id when there is no `id` column and the index is not the
    default 0..n-1), a Series' values (texts, with the index as id the same
    way); anything else as it is."""
    kind = _kind(records)
    if kind == "DataFrame":
        return _frame_rows(records)
    if kind == "Series":
        return _series_rows(records)
    return records


def progress_bar(records: Any) -> Any:
    """A tqdm progress bar counting articles (None, with a warning, without tqdm)."""
    try:
        from tqdm.auto import tqdm  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        warnings.warn(
            "extract_many(progress=True) needs tqdm, which is not installed (pip install tqdm): "
            "running without a progress bar",
            RuntimeWarning,
            stacklevel=3,
        )
        return None
    try:
        total: Optional[int] = len(records)
    except TypeError:
        total = None
    return tqdm(total=total, unit=" articles")
