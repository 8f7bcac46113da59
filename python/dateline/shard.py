"""Linking split over workers, for any engine with a map and a shuffle
(``dateline.dask.link`` and the Spark recipe of ``docs/spark.md`` are built
on it). It gives what ``dateline.link`` gives on the same input, whatever
the workers, partitions and groups.

Each worker holds a ``dateline.Corpus`` of its partition's records. Linking
is a chain of stages; the items of a stage travel in *batches*, tuples
``(stage, group, bytes)``, and a shuffle brings the batches of one stage
and group together::

    n = sum of len(corpus) over the workers            # the corpus's size
    batches = [first(corpus, n, groups) on each worker]
    for stage in FIRST_STAGES:                         # a shuffle each
        batches += [step(stage, [b of stage, group g], n, groups) for each g]
    placed = stories([b for b in batches if b[0] == "stories"])   # in one process
    batches = [second(corpus, placed, n, groups) on each worker]  # placed broadcast
    for stage in SECOND_STAGES:
        batches += [step(stage, [b of stage, group g], n, groups) for each g]
    linked = finish([b for b in batches if b[0] == "done"], errors)  # in one process

Only the joins between articles (at most two per article) and the output
come to one process; the records stay where they were extracted. Batches
are bytes for one version of dateline. The stages are those of the core's
``dateline::corpus::shard`` (see its documentation).
"""

from __future__ import annotations

from typing import Iterable, List, Sequence, Tuple

from . import Corpus, ErrorRecord, Linked
from ._dateline import _shard_finish, _shard_step, _shard_stories

__all__ = ["FIRST_STAGES", "SECOND_STAGES", "Batch", "first", "step", "stories", "second", "finish"]

#: A batch: the stage that reads it, its group (below ``groups``), its items as bytes.
Batch = Tuple[str, int, bytes]

#: The stages run before the stories are gathered, in order.
FIRST_STAGES: Tuple[str, ...] = ("postings", "vectors", "pairs", "edges")

#: The stages run after ``second``, in order.
SECOND_STAGES: Tuple[str, ...] = ("homes", "entities", "build")


def first(corpus: Corpus, articles: int, groups: int) -> List[Batch]:
    """The first map, over one worker's records (``articles``: the number of
    records of the whole corpus; ``groups``: how many groups each shuffle
    makes, the same everywhere)."""
    return corpus._shard_first(articles, groups)


def step(stage: str, batches: Sequence[bytes], articles: int, groups: int) -> List[Batch]:
    """One stage over the batches of one group (their bytes)."""
    return _shard_step(stage, list(batches), articles, groups)


def stories(batches: Sequence[bytes]) -> bytes:
    """Which story each article is in, from the batches of stage
    ``stories``: bytes to give every worker's ``second``."""
    return _shard_stories(list(batches))


def second(corpus: Corpus, placed: bytes, articles: int, groups: int) -> List[Batch]:
    """The second map, over one worker's records, once ``stories`` placed them."""
    return corpus._shard_second(placed, articles, groups)


def finish(batches: Iterable[bytes], errors: Sequence[ErrorRecord] = ()) -> Linked:
    """What linking found, from the batches of stage ``done``, read one at a
    time (an iterator that fetches them need not hold them all; ``errors``:
    the error records of the input, kept in ``Linked.errors``)."""
    return _shard_finish(batches, list(errors))
