"""Checks that the C example printed the same article fields as `dateline extract --format json`.

    python3 tests/c/compare.py EXAMPLE_OUTPUT COMMAND_JSON
"""

import json
import sys


def main(example_path, json_path):
    fields, headlines, sentences, mentions, quotes, figures, entities = {}, [], [], [], [], [], []
    with open(example_path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts[0] == "headline":
                headlines.append((parts[1], parts[2]))
            elif parts[0] == "mention":
                mentions.append((int(parts[1]), int(parts[2]), parts[3], parts[4] or None, parts[5]))
            elif parts[0] == "quote":
                quotes.append((int(parts[1]), int(parts[2]), parts[3], parts[4] or None, parts[5] or None, parts[6]))
            elif parts[0] == "figure":
                num = lambda v: float(v) if v else None  # noqa: E731
                figures.append(
                    (int(parts[1]), int(parts[2]), parts[3], num(parts[4]), num(parts[5]))
                    + tuple(p or None for p in parts[6:10])
                    + (parts[10],)
                )
            elif parts[0] == "entity":
                entities.append((int(parts[1]),) + tuple(p or None for p in parts[2:]))
            elif parts[0] == "sentence":
                sentences.append((int(parts[1]), int(parts[2]), int(parts[3]), parts[4]))
            else:
                fields[parts[0]] = parts[1] if len(parts) > 1 else ""
    with open(json_path, encoding="utf-8") as f:
        record = json.load(f)[0]
    a = record["article"]
    want = {
        "date": a["date"] or "",
        "datetime": a["datetime"] or "",
        "date_source": a["date_source"] or "",
        "title": a["title"] or "",
        "headlines": str(len(a["headlines"])),
        "paragraphs": str(len(a["paragraphs"])),
        "sentences": str(len(a["sentences"])),
        "tokens": str(len(a["tokens"])),
    }
    got = {k: fields.get(k) for k in want}
    problems = [f"{k}: C example {got[k]!r}, command {want[k]!r}" for k in want if got[k] != want[k]]
    if headlines != [(h["kind"], h["text"]) for h in a["headlines"]]:
        problems.append("headlines differ")
    if sentences != [(s["paragraph"], s["start"], s["end"], s["text"]) for s in a["sentences"]]:
        problems.append("sentences differ")
    if mentions != [(m["start"], m["end"], m["kind"], m.get("subtype"), m["text"]) for m in record["mentions"]]:
        problems.append("entity mentions differ")
    want_quotes = [
        (q["start"], q["end"], q["kind"], q.get("source"), q.get("speaker"), q["text"]) for q in record.get("quotes", [])
    ]
    if quotes != want_quotes:
        problems.append("quotes differ")
    want_figures = [
        (f["start"], f["end"], f["kind"], f["low"], f["high"], f.get("counted"), f.get("category"), f.get("place"),
         ",".join(f.get("place_countries", [])) or None, f["text"])
        for f in record.get("figures", [])
    ]
    if figures != want_figures:
        problems.append(f"figures differ: C {figures!r}, command {want_figures!r}")
    want_entities = []
    for e in record.get("entities", []):
        role = (e.get("roles") or [{}])[0]
        place = e.get("place") or {}
        coords = "%.4f,%.4f" % (place["lat"], place["lon"]) if place.get("lat") is not None else None
        want_entities.append((e["id"], e["kind"], e["name"], str(len(e["mentions"])), role.get("title"), role.get("of"),
                              place.get("country"), coords, " > ".join(place.get("chain", [])) or None))
    if entities != want_entities:
        problems.append(f"entities differ: C {entities!r}, command {want_entities!r}")
    if problems:
        sys.exit("C example and command disagree:\n  " + "\n  ".join(problems))
    print(f"C example matches the command on {fields.get('file')}: {len(sentences)} sentences, {len(mentions)} mentions, {len(quotes)} quotes, {len(figures)} figures, {len(entities)} entities, date {want['date']}")


if __name__ == "__main__":
    main(*sys.argv[1:])
