//! The Arrow tables (`dateline::tables`) on the bundled samples and the
//! seeds: their keys join, and their columns are those of docs/tables.md.

use dateline::samples::SAMPLES;
use dateline::tables::arrow_array::cast::AsArray;
use dateline::tables::arrow_array::types::{Float64Type, Int32Type, Int64Type};
use dateline::tables::arrow_array::{Array, RecordBatch};
use dateline::tables::{columns_markdown, to_record_batch, Table, TableBuilder};
use dateline::Extraction;

use super::{extractor, read_seed, repo, shared};

/// Text of a text or label column.
fn text(b: &RecordBatch, column: &str, row: usize) -> Option<String> {
    let a = b
        .column_by_name(column)
        .unwrap_or_else(|| panic!("no column {column}"));
    if a.is_null(row) {
        return None;
    }
    if let Some(d) = a.as_dictionary_opt::<Int32Type>() {
        let key = d.keys().value(row) as usize;
        return Some(d.values().as_string::<i32>().value(key).to_string());
    }
    Some(a.as_string::<i32>().value(row).to_string())
}

fn int(b: &RecordBatch, column: &str, row: usize) -> Option<i64> {
    let a = b
        .column_by_name(column)
        .unwrap_or_else(|| panic!("no column {column}"));
    (!a.is_null(row)).then(|| a.as_primitive::<Int64Type>().value(row))
}

fn float(b: &RecordBatch, column: &str, row: usize) -> Option<f64> {
    let a = b
        .column_by_name(column)
        .unwrap_or_else(|| panic!("no column {column}"));
    (!a.is_null(row)).then(|| a.as_primitive::<Float64Type>().value(row))
}

fn batch(x: &Extraction, t: Table) -> RecordBatch {
    to_record_batch(t, [x]).unwrap()
}

/// The row of `entities` with this article id and entity index.
fn entity_row(entities: &RecordBatch, id: Option<&str>, entity: i64) -> usize {
    (0..entities.num_rows())
        .find(|&r| {
            text(entities, "article_id", r).as_deref() == id
                && int(entities, "entity", r) == Some(entity)
        })
        .unwrap_or_else(|| panic!("no entity {entity} in article {id:?}"))
}

#[test]
fn every_table_of_the_samples_has_its_columns_and_keys_that_join() {
    let ex = extractor();
    let xs: Vec<Extraction> = SAMPLES
        .iter()
        .map(|s| ex.extract(s.article()).unwrap())
        .collect();
    for &t in Table::ALL {
        let b = to_record_batch(t, &xs).unwrap();
        let schema = b.schema();
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        let want: Vec<&str> = t.columns().iter().map(|c| c.name).collect();
        assert_eq!(names, want, "{t}");
        assert_eq!(names[0], "article_id", "{t}");
        if t != Table::Errors {
            assert!(b.num_rows() > 0, "{t} has no rows on the samples");
        }
    }
    let entities = to_record_batch(Table::Entities, &xs).unwrap();
    let sentences = to_record_batch(Table::Sentences, &xs).unwrap();
    // Every mention lies inside its sentence, and its entity is one of its article's.
    let mentions = to_record_batch(Table::Mentions, &xs).unwrap();
    let mut joined = 0;
    for r in 0..mentions.num_rows() {
        let id = text(&mentions, "article_id", r);
        if let Some(s) = int(&mentions, "sentence", r) {
            let row = (0..sentences.num_rows())
                .find(|&k| {
                    text(&sentences, "article_id", k) == id
                        && int(&sentences, "sentence", k) == Some(s)
                })
                .unwrap();
            assert!(int(&sentences, "start", row) <= int(&mentions, "start", r));
            assert!(int(&mentions, "end", r) <= int(&sentences, "end", row));
        }
        if let Some(e) = int(&mentions, "entity_id", r) {
            entity_row(&entities, id.as_deref(), e);
            joined += 1;
        }
    }
    assert!(
        joined * 10 >= mentions.num_rows() * 8,
        "{joined} of {} mentions have an entity",
        mentions.num_rows()
    );
    // Offsets are string indices: the text between them is the mention's.
    for x in &xs {
        let m = batch(x, Table::Mentions);
        let chars: Vec<char> = x.text.chars().collect();
        for r in 0..m.num_rows() {
            let (s, e) = (
                int(&m, "start", r).unwrap() as usize,
                int(&m, "end", r).unwrap() as usize,
            );
            assert_eq!(
                chars[s..e].iter().collect::<String>(),
                text(&m, "text", r).unwrap()
            );
        }
    }
}

#[test]
fn a_builder_gives_its_rows_in_batches_and_empty_batches_keep_the_schema() {
    let ex = extractor();
    let mut b = TableBuilder::new(Table::Quotes);
    let empty = b.finish().unwrap();
    assert_eq!(empty.num_rows(), 0);
    assert_eq!(empty.num_columns(), Table::Quotes.columns().len());
    let mut total = 0;
    for s in SAMPLES {
        let x = ex.extract(s.article()).unwrap();
        b.push(&x);
        total += x.quotes.as_ref().unwrap().len();
        let batch = b.finish().unwrap();
        assert_eq!(batch.num_rows(), x.quotes.as_ref().unwrap().len());
        assert!(b.is_empty());
    }
    assert!(total > 0);
}

#[test]
fn seed_tables_join_figures_to_places_and_quotes_to_speakers() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is absent");
        return;
    };
    let x = read_seed(&shared, "002_a5617df903929637.txt");
    let id = x.id.as_deref();
    let entities = batch(&x, Table::Entities);
    let figures = batch(&x, Table::Figures);
    // The 9,500 killed in Gaza: the row carries the Gaza Strip's entity and coordinates.
    let r = (0..figures.num_rows())
        .find(|&r| float(&figures, "value", r) == Some(9500.0))
        .expect("the 9,500 figure");
    assert_eq!(text(&figures, "category", r).as_deref(), Some("killed"));
    let place = int(&figures, "place_entity_id", r).expect("the figure's place entity");
    let e = entity_row(&entities, id, place);
    assert_eq!(text(&entities, "name", e).as_deref(), Some("Gaza Strip"));
    let (lat, lon) = (
        float(&figures, "lat", r).unwrap(),
        float(&figures, "lon", r).unwrap(),
    );
    assert_eq!(Some(lat), float(&entities, "lat", e));
    assert_eq!(Some(lon), float(&entities, "lon", e));
    assert!(
        (31.0..32.0).contains(&lat) && (34.0..35.0).contains(&lon),
        "{lat}, {lon}"
    );
    // The figure's date, as the first and last instant it can mean.
    let dates = figures.column_by_name("date_first").unwrap();
    if text(&figures, "date", r).is_some() {
        assert!(!dates.is_null(r));
    }
    // Every speaker entity is an entity of the article, named as the quote's speaker.
    let quotes = batch(&x, Table::Quotes);
    let mut speakers = 0;
    for q in 0..quotes.num_rows() {
        if let Some(s) = int(&quotes, "speaker_entity_id", q) {
            let e = entity_row(&entities, id, s);
            assert_eq!(
                text(&entities, "name", e),
                text(&quotes, "speaker", q),
                "quote {q}"
            );
            speakers += 1;
        }
    }
    assert!(speakers >= 2, "{speakers} quotes with a speaker entity");
    // Focus countries, most prominent first, with their scores to three decimals.
    let focus = batch(&x, Table::FocusCountries);
    assert!(focus.num_rows() > 0);
    assert_eq!(int(&focus, "rank", 0), Some(0));
    let score = float(&focus, "score", 0).unwrap();
    assert_eq!((score * 1000.0).round() / 1000.0, score);
}

#[test]
fn seed_roles_name_their_holder_and_body() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is absent");
        return;
    };
    let x = read_seed(&shared, "000_ac435baf9cf167de.txt");
    let roles = batch(&x, Table::Roles);
    let entities = batch(&x, Table::Entities);
    let blinken = (0..roles.num_rows())
        .find(|&r| text(&roles, "holder", r).is_some_and(|h| h.contains("Blinken")))
        .expect("a role of Antony Blinken");
    assert_eq!(
        text(&roles, "title", blinken).as_deref(),
        Some("Secretary of State")
    );
    let holder = int(&roles, "entity", blinken).unwrap();
    let e = entity_row(&entities, x.id.as_deref(), holder);
    assert_eq!(text(&entities, "name", e), text(&roles, "holder", blinken));
}

/// docs/tables.md holds the columns as `columns_markdown()` gives them,
/// between `<!-- columns -->` and `<!-- /columns -->`;
/// `DATELINE_UPDATE_GOLDEN=1` writes them there.
#[test]
fn docs_list_every_column() {
    let path = repo().join("docs/tables.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let (open, close) = ("<!-- columns -->\n", "<!-- /columns -->");
    let start = doc.find(open).expect("docs/tables.md has <!-- columns -->") + open.len();
    let end = doc
        .find(close)
        .expect("docs/tables.md has <!-- /columns -->");
    let want = columns_markdown();
    if std::env::var_os("DATELINE_UPDATE_GOLDEN").is_some() {
        let updated = format!("{}{want}{}", &doc[..start], &doc[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        doc[start..end] == want,
        "docs/tables.md does not list the columns of dateline::tables; run \
         DATELINE_UPDATE_GOLDEN=1 cargo test -p dateline --features tables --test integration docs_list"
    );
}

/// The article layer's headline and paragraph tables and the syntax
/// layer's noun chunks point at their words, and their keys join.
#[test]
fn headlines_paragraphs_and_noun_chunks_point_at_their_words() {
    let ex = extractor();
    let wire = "Live updates: Follow the latest news\n\n date 2023-11-06 Mr Al Sudani met \
                the US Secretary of State in Baghdad on Sunday.\n\nThe two men discussed \
                the recent attacks on American forces.";
    let mut article = dateline::Article::from_text(wire).unwrap();
    article.id = Some("wire-7".into());
    article
        .metadata
        .insert("url".into(), "https://example.org/7".into());
    let x = ex.extract(article).unwrap();
    let chars: Vec<char> = x.text.chars().collect();
    let slice = |b: &RecordBatch, r: usize| -> String {
        let (s, e) = (int(b, "start", r).unwrap(), int(b, "end", r).unwrap());
        chars[s as usize..e as usize].iter().collect()
    };

    let heads = batch(&x, Table::Headlines);
    assert_eq!(heads.num_rows(), 1);
    assert_eq!(text(&heads, "kind", 0).as_deref(), Some("kicker"));
    assert_eq!(
        text(&heads, "text", 0).as_deref(),
        Some("Live updates: Follow the latest news")
    );
    assert_eq!(slice(&heads, 0), "Live updates: Follow the latest news");

    let paragraphs = batch(&x, Table::Paragraphs);
    let sentences = batch(&x, Table::Sentences);
    assert_eq!(paragraphs.num_rows(), 2);
    for r in 0..paragraphs.num_rows() {
        assert_eq!(text(&paragraphs, "text", r), Some(slice(&paragraphs, r)));
        let own = (0..sentences.num_rows())
            .filter(|&s| int(&sentences, "paragraph", s) == int(&paragraphs, "paragraph", r))
            .count();
        assert_eq!(int(&paragraphs, "sentences", r), Some(own as i64));
    }
    assert!(text(&paragraphs, "text", 1)
        .unwrap()
        .starts_with("The two men"));

    let chunks = batch(&x, Table::NounChunks);
    let tokens = batch(&x, Table::Tokens);
    let chunk_texts: Vec<String> = (0..chunks.num_rows())
        .map(|r| text(&chunks, "text", r).unwrap())
        .collect();
    assert!(
        chunk_texts.iter().any(|c| c == "the recent attacks"),
        "{chunk_texts:?}"
    );
    for (r, chunk) in chunk_texts.iter().enumerate() {
        assert_eq!(*chunk, slice(&chunks, r));
        // The head token lies in the chunk, in the chunk's sentence, and is
        // the token whose text ends the chunk or sits inside it.
        let (first, last, head) = (
            int(&chunks, "first", r).unwrap(),
            int(&chunks, "last", r).unwrap(),
            int(&chunks, "head", r).unwrap() as usize,
        );
        assert!(first <= head as i64 && head as i64 <= last);
        assert_eq!(int(&tokens, "token", head), Some(head as i64));
        assert_eq!(int(&tokens, "sentence", head), int(&chunks, "sentence", r));
        assert_eq!(
            int(&tokens, "start", first as usize),
            int(&chunks, "start", r)
        );
        assert_eq!(int(&tokens, "end", last as usize), int(&chunks, "end", r));
        // Only the kicker's chunks have no sentence.
        let in_kicker = int(&chunks, "end", r) <= int(&heads, "end", 0);
        assert_eq!(
            int(&chunks, "sentence", r).is_none(),
            in_kicker,
            "{}",
            chunk_texts[r]
        );
    }
    let attacks = chunk_texts
        .iter()
        .position(|c| c == "the recent attacks")
        .unwrap();
    let head = int(&chunks, "head", attacks).unwrap() as usize;
    assert_eq!(text(&tokens, "text", head).as_deref(), Some("attacks"));

    let articles = batch(&x, Table::Articles);
    assert_eq!(
        text(&articles, "metadata", 0).as_deref(),
        Some(r#"{"url":"https://example.org/7"}"#)
    );
}

/// A label column of a closed set lists every value in every batch, in a
/// fixed order, whatever the rows: pandas then sees the same categories
/// in each batch and file.
#[test]
fn closed_labels_have_the_same_dictionary_in_every_batch() {
    let ex = extractor();
    let xs: Vec<Extraction> = SAMPLES
        .iter()
        .map(|s| ex.extract(s.article()).unwrap())
        .collect();
    let mut builder = TableBuilder::new(Table::Mentions);
    let mut dictionaries = Vec::new();
    for x in xs.iter().take(2) {
        builder.push(x);
        let b = builder.finish().unwrap();
        let d = b
            .column_by_name("kind")
            .unwrap()
            .as_dictionary::<Int32Type>();
        let values: Vec<String> = d
            .values()
            .as_string::<i32>()
            .iter()
            .map(|v| v.unwrap().to_string())
            .collect();
        dictionaries.push(values);
    }
    assert_eq!(dictionaries[0], ["PER", "ORG", "LOC", "NORP", "MISC"]);
    assert_eq!(dictionaries[0], dictionaries[1]);
    // An empty batch too; and every value the samples give is in the set.
    let empty = TableBuilder::new(Table::Quotes).finish().unwrap();
    let d = empty
        .column_by_name("kind")
        .unwrap()
        .as_dictionary::<Int32Type>();
    assert_eq!(d.values().len(), 4);
    for &t in Table::ALL {
        let b = to_record_batch(t, &xs).unwrap();
        for c in t.columns().iter().filter(|c| !c.values.is_empty()) {
            for r in 0..b.num_rows() {
                if let Some(v) = text(&b, c.name, r) {
                    assert!(c.values.contains(&v.as_str()), "{t}.{}: {v}", c.name);
                }
            }
        }
    }
}

/// A coded event between two sides that act on each other is one row with
/// `reciprocal` true, each side the other's target; a one-sided event's
/// row has it false.
#[test]
fn events_table_marks_two_sides_acting_on_each_other() {
    let ex = extractor();
    let x = ex
        .extract_text(
            " date 2024-03-10 Iran and Saudi Arabia restored diplomatic ties on Friday after \
             talks in Beijing.\n\nIsraeli forces attacked a refugee camp in Gaza on Saturday.",
        )
        .unwrap();
    let events = batch(&x, Table::Events);
    let row = |trigger: &str| {
        (0..events.num_rows())
            .find(|&r| text(&events, "trigger", r).as_deref() == Some(trigger))
            .unwrap_or_else(|| panic!("no coded event {trigger}"))
    };
    let restored = row("restored");
    let flag = events
        .column_by_name("reciprocal")
        .unwrap()
        .as_boolean()
        .clone();
    assert!(flag.value(restored) && !flag.is_null(restored));
    assert_eq!(
        text(&events, "source", restored).as_deref(),
        Some("Iran; Saudi Arabia")
    );
    assert_eq!(
        text(&events, "target", restored).as_deref(),
        Some("Saudi Arabia; Iran")
    );
    assert_eq!(
        text(&events, "source_code", restored).as_deref(),
        Some("IRN")
    );
    assert_eq!(
        text(&events, "target_code", restored).as_deref(),
        Some("SAU")
    );
    let attacked = row("attacked");
    assert!(!flag.value(attacked) && !flag.is_null(attacked));
}
