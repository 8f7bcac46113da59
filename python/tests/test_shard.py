"""`dateline.shard`, the engine-neutral steps of linking split over workers,
driven here by a plain Python shuffle: the same result as `dateline.link`
on any split of the records and any number of groups, and clear errors for
batches that are not dateline's."""

import collections
import itertools
import json
import warnings

import pytest

import dateline
import dateline.shard as shard
from conftest import SHARED


def _results():
    """Extractions to link: the BBC articles of ../shared (the first 150) and
    the seeds, or the bundled samples without it."""
    bbc = SHARED / "eval" / "bbc_news" / "unlabelled.jsonl"
    if bbc.is_file():
        with open(bbc, encoding="utf-8") as f:
            lines = list(itertools.islice(f, 150))
        articles = [dateline.Article(json.loads(line)["text"], id=f"bbc-{i}") for i, line in enumerate(lines)]
    else:
        articles = dateline.samples()
    return list(dateline.Extractor().extract_many(articles))


def _link(parts, groups):
    """What a cluster does, with a dict as its shuffle; batches of each group
    handed over in reverse."""
    n = sum(len(c) for c in parts)
    pending = collections.defaultdict(lambda: collections.defaultdict(list))

    def ship(batches):
        for stage, group, data in batches:
            pending[stage][group].insert(0, data)

    def run(stages):
        for stage in stages:
            for batches in pending.pop(stage, {}).values():
                ship(shard.step(stage, batches, n, groups))

    def gather(stage):
        return [b for bs in pending.pop(stage, {}).values() for b in bs]

    for c in parts:
        ship(shard.first(c, n, groups))
    run(shard.FIRST_STAGES)
    placed = shard.stories(gather("stories"))
    for c in parts:
        ship(shard.second(c, placed, n, groups))
    run(shard.SECOND_STAGES)
    return shard.finish(gather("done"), [e for c in parts for e in c.errors])


@pytest.mark.parametrize("workers,groups", [(1, 1), (3, 4), (4, 16)])
def test_linking_in_steps_equals_linking_in_one_go(workers, groups):
    results = _results()
    here = dateline.link(results)
    parts = [dateline.Corpus(results[i::workers]) for i in range(workers)]
    linked = _link(parts, groups)
    assert linked.to_json() == here.to_json()
    assert len(linked) == len(here)
    assert [t.to_dict() for t in linked.timelines()] == [t.to_dict() for t in here.timelines()]
    if len(results) > 100:
        assert any(len(s.articles) > 1 for s in linked.stories)


def test_error_records_are_kept_and_bad_batches_named():
    results = list(dateline.Extractor().extract_many(dateline.samples()))
    bad = dateline.ErrorRecord("input", "record 3: no text", id="x")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        here = dateline.link(results + [bad])
    linked = _link([dateline.Corpus(results + [bad])], 2)
    assert linked.to_json() == here.to_json()
    assert [e.id for e in linked.errors] == ["x"]
    with pytest.raises(dateline.ConfigError, match="not a batch of sharded linking"):
        shard.step("vectors", [b"not json"], 1, 1)
    with pytest.raises(ValueError, match='no stage of sharded linking is called "nope"'):
        shard.step("nope", [], 1, 1)
    with pytest.raises(dateline.ConfigError, match="not a story map"):
        shard.second(dateline.Corpus(results), b"[1,2", 1, 1)
