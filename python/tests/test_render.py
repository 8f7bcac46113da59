"""The view of one article: `dateline.render` and `Extraction._repr_html_`."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Dict, List, Optional, Tuple

import pytest

import dateline

VOID = {"meta", "br", "img", "input", "link"}


class Tree(HTMLParser):
    """The elements of a fragment, checking that every tag closes in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: List[str] = []
        self.elements: List[Tuple[str, Dict[str, Optional[str]], List[str]]] = []
        self.open_texts: List[List[str]] = []

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        if tag in VOID:
            return
        self.stack.append(tag)
        text: List[str] = []
        self.elements.append((tag, dict(attrs), text))
        self.open_texts.append(text)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        opened = self.stack.pop()
        assert opened == tag, f"</{tag}> closes <{opened}>"
        self.open_texts.pop()

    def handle_data(self, data: str) -> None:
        for t in self.open_texts:
            t.append(data)


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    assert tree.stack == [], f"left open: {tree.stack}"
    return tree


def ankara() -> dateline.Extraction:
    article = next(a for a in dateline.samples() if a.id == "ankara-talks")
    return dateline.extract(article)


def test_repr_html_is_render_and_shows_quotes_speakers_and_figures() -> None:
    x = ankara()
    html = x._repr_html_()
    assert html == dateline.render(x)
    assert "<script" not in html
    tree = parse(html)
    marks = [(a, "".join(t)) for tag, a, t in tree.elements if tag == "span" and a.get("data-layer")]
    quoted = {a["data-quote"]: a.get("data-speaker") for a, _ in marks if a["data-layer"] == "quote"}
    for i, q in enumerate(x.quotes):
        assert quoted[str(i)] == q.speaker
    hashimi = next(i for i, q in enumerate(x.quotes) if q.speaker == "Karim Al Hashimi")
    labels = [(a, "".join(t)) for tag, a, t in tree.elements if tag == "a" and "dl-speaker" in (a.get("class") or "")]
    assert any(text == "Karim Al Hashimi" for _, text in labels)
    # The label links to the speaker's mention, which is marked.
    label = next(a for a, text in labels if text == "Karim Al Hashimi")
    target = next(a for _, a, _ in tree.elements if a.get("id") == label["href"][1:])
    assert target["data-layer"] == "entity"
    assert target["data-name"] == x.quotes[hashimi].speaker
    figures = [(a, text) for a, text in marks if a["data-layer"] == "figure"]
    assert len(figures) == len(x.figures)
    killed = next(f for f in x.figures if f.category == "killed")
    assert any(a.get("data-counted") == killed.counted and text.startswith(killed.text) for a, text in figures)
    rows = [a for tag, a, _ in tree.elements if tag == "tr" and "data-quote" in a]
    assert [r.get("data-speaker") for r in rows] == [q.speaker for q in x.quotes]


def test_text_escaped_and_text_view() -> None:
    x = dateline.extract(' date 2023-11-06 <b>Smith & "Co" Ltd</b> met Antony Blinken in Baghdad.', id="<x>")
    html = dateline.render(x)
    assert "<b>" not in html
    assert "&lt;b&gt;" in html and "&quot; Ltd&lt;/b&gt;" in html
    assert 'data-name="Smith &amp; &quot;Co"' in html
    tree = parse(html)
    article = next(a for tag, a, _ in tree.elements if tag == "article")
    assert article["data-id"] == "<x>"
    text = "".join(next(t for tag, a, t in tree.elements if a.get("class") == "dl-text"))
    # The article's text, the marks' labels (`ORG`, `040`) between its words.
    assert text.startswith('<b>Smith & "CoORG" Ltd</b> met040 Antony Blinken'), text

    view = dateline.render(x, "text")
    assert "\x1b" not in view
    assert "Entities (" in view
    assert "\x1b[" in dateline.render(x, "text", color=True)


def test_render_refuses_what_it_cannot_show() -> None:
    x = ankara()
    with pytest.raises(dateline.ConfigError, match="unknown format"):
        dateline.render(x, "pdf")
    with pytest.raises(TypeError):
        dateline.render("not an extraction")  # type: ignore[arg-type]
