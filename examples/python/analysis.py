"""A short analysis of articles with dateline and pandas.

    python examples/python/analysis.py                 # the bundled samples
    python examples/python/analysis.py feed.jsonl      # a JSONL file of articles

Prints, per article, its date, title or kicker and size, then the longest
sentences and the most frequent capitalised words (a first look at who and
what the articles are about), and any records that failed.
"""

import collections
import sys

import dateline


def main(argv):
    records = dateline.read_jsonl(argv[1]) if len(argv) > 1 else dateline.samples()
    results = list(dateline.Extractor().extract_many(records))

    articles = dateline.to_pandas(results, "articles")
    print(articles[["article_id", "date", "date_source", "title", "paragraphs", "sentences"]].to_string(index=False))

    sentences = dateline.to_pandas(results, "sentences")
    sentences["words"] = sentences["text"].str.split().str.len()
    print("\nLongest sentences:")
    for row in sentences.nlargest(3, "words").itertuples():
        print(f"  [{row.article_id} #{row.sentence}] {row.words} words: {row.text[:90]}")

    tokens = dateline.to_pandas(results, "tokens")
    words = tokens[tokens["kind"] == "word"]
    names = collections.Counter(t for t in words["text"] if t[:1].isupper() and len(t) > 2)
    print("\nMost frequent capitalised words:", ", ".join(f"{w} ({n})" for w, n in names.most_common(8)))

    errors = dateline.to_pandas(results, "errors")
    print(f"\n{len(errors)} record(s) failed")
    for row in errors.itertuples():
        print(f"  {row.kind}: {row.message}")


if __name__ == "__main__":
    main(sys.argv)
