//! The corpus layer on the two real articles of `../shared/seeds` (skipped
//! when absent): one story told by two outlets three days apart.

use dateline::corpus::{Corpus, Record};

#[test]
fn seed_articles_are_one_story_with_one_meeting() {
    let Some(shared) = super::shared() else {
        eprintln!("skipped: ../shared is absent");
        return;
    };
    let first = super::read_seed(&shared, "000_ac435baf9cf167de.txt");
    let second = super::read_seed(&shared, "002_a5617df903929637.txt");
    let (a, b) = ("000_ac435baf9cf167de", "002_a5617df903929637");
    // Text files read by `read_seed` have no id: the ids are the file stems,
    // as `dateline link` gives them.
    let link = |order: [(&str, &dateline::Extraction); 2]| {
        let mut c = Corpus::new();
        for (id, x) in order {
            c.add(Record::from(x).with_id(id));
        }
        c
    };
    let c = link([(a, &first), (b, &second)]);
    // Both articles are one story.
    assert_eq!(c.stories().len(), 1, "{:#?}", c.stories());
    // Described participants are who and what the events are done by or
    // to (`Shiite militias`, `US troops`), not abstractions the event
    // layer gave as sides (`solutions`, `the situation`, `urgency`).
    let described: Vec<&str> = c
        .entities()
        .iter()
        .filter(|e| e.described)
        .map(|e| e.key.as_str())
        .collect();
    for want in ["militia", "troop"] {
        assert!(described.contains(&want), "{want} in {described:?}");
    }
    for not in ["solution", "situation", "urgency", "importance", "concern"] {
        assert!(!described.contains(&not), "{not} in {described:?}");
    }
    assert_eq!(c.stories()[0].articles, [a, b]);
    // al-Sudani and Blinken are one corpus entity each, across both.
    for (surname, names) in [
        (
            "sudani",
            &["Mohammed Shia al-Sudani", "Mohammed Shia Al Sudani"][..],
        ),
        ("blinken", &["Antony Blinken"][..]),
    ] {
        let found: Vec<_> = c
            .entities()
            .iter()
            .filter(|e| e.key.ends_with(surname))
            .collect();
        assert_eq!(found.len(), 1, "{surname}: {found:#?}");
        assert_eq!(found[0].articles, [a, b]);
        for n in names {
            assert!(
                found[0].names.iter().any(|x| x == n),
                "{n}: {:?}",
                found[0].names
            );
        }
    }
    // The meeting is one corpus event told by both, in Baghdad, on the day
    // the second article gives, which the first takes from it.
    let meetings: Vec<_> = c
        .events()
        .iter()
        .filter(|e| e.kind == "meet" && e.articles.len() == 2)
        .collect();
    assert_eq!(meetings.len(), 1, "{meetings:#?}");
    let m = meetings[0];
    assert!(m
        .mentions
        .iter()
        .any(|x| x.article == a && x.text == "meeting"));
    assert!(m.mentions.iter().any(|x| x.article == b && x.text == "met"));
    assert_eq!(m.place.as_deref(), Some("Baghdad"));
    assert_eq!(m.date.as_deref(), Some("2023-11-05"));
    let in_first = m.articles.iter().find(|x| x.article == a).unwrap();
    assert_eq!(in_first.date.as_deref(), Some("2023-11-05"));
    assert_eq!(in_first.taken_from.as_deref(), Some(b));
    let in_second = m.articles.iter().find(|x| x.article == b).unwrap();
    assert_eq!(in_second.taken_from, None);
    let sunday = m
        .dates
        .iter()
        .find(|d| d.value.starts_with("2023-11-05"))
        .unwrap();
    assert_eq!(sunday.sources[0].text, "Sunday evening");
    // Its sides are the two men's corpus entities.
    let sides: Vec<&str> = m.actors.iter().map(|x| x.name.as_str()).collect();
    assert!(sides.contains(&"Antony Blinken"), "{sides:?}");
    assert!(sides.iter().any(|s| s.ends_with("Sudani")), "{sides:?}");
    // The other order gives the same JSON.
    let other = link([(b, &second), (a, &first)]);
    assert_eq!(
        serde_json::to_string(c.linked()).unwrap(),
        serde_json::to_string(other.linked()).unwrap()
    );
    // The story's timeline has the meeting, dated.
    let t = c.timeline(&c.stories()[0].id).unwrap();
    assert!(t
        .events
        .iter()
        .any(|e| e.event == m.id && e.date.as_deref() == Some("2023-11-05")));
}

/// Records to link: a generated corpus of 800 articles made from the
/// bundled samples (stories of one to eight articles, names shared across
/// stories), and with `../shared`, 300 BBC articles and the two seeds.
fn many_records() -> Vec<Record> {
    let ex = dateline::Extractor::new(dateline::Config::default()).unwrap();
    let bases = dateline::samples::SAMPLES
        .iter()
        .map(|s| ex.extract(s.article()).unwrap());
    let mut records = dateline::samples::corpus::Generator::new(bases).records(800, 7);
    if let Some(shared) = super::shared() {
        let path = shared.join("eval/bbc_news/unlabelled.jsonl");
        let text = std::fs::read_to_string(path).unwrap();
        for (i, line) in text.lines().take(300).enumerate() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let mut a = dateline::Article::from_text(v["text"].as_str().unwrap()).unwrap();
            a.id = Some(format!("bbc-{i:04}"));
            records.push(Record::from(&ex.extract(a).unwrap()));
        }
        for (id, file) in [
            ("seed-a", "000_ac435baf9cf167de.txt"),
            ("seed-b", "002_a5617df903929637.txt"),
        ] {
            records.push(Record::from(&super::read_seed(&shared, file)).with_id(id));
        }
    }
    records
}

#[test]
fn linking_split_over_workers_equals_linking_in_one_process() {
    use dateline::corpus::shard;
    let records = many_records();
    let mut c = Corpus::new();
    for r in &records {
        c.add(r.clone());
    }
    let want = serde_json::to_string(c.linked()).unwrap();
    // The test is worth something only if stories join articles and
    // entities join across stories.
    assert!(
        c.stories().len() < records.len() * 3 / 4,
        "{}",
        c.stories().len()
    );
    assert!(c.entities().iter().any(|e| e.stories.len() > 1));
    assert!(c.events().iter().any(|e| e.articles.len() > 1));
    let offsets = c.offsets().len();
    for shards in [1, 3, 8] {
        let out = shard::run(records.clone(), shards).unwrap();
        assert_eq!(out.offsets.len(), offsets);
        let got = serde_json::to_string(&out.linked).unwrap();
        if got != want {
            let (a, b): (serde_json::Value, serde_json::Value) = (
                serde_json::from_str(&want).unwrap(),
                serde_json::from_str(&got).unwrap(),
            );
            for part in ["stories", "entities", "events"] {
                assert_eq!(
                    a[part].as_array().unwrap().len(),
                    b[part].as_array().unwrap().len(),
                    "{part} on {shards} shards"
                );
                for (x, y) in a[part]
                    .as_array()
                    .unwrap()
                    .iter()
                    .zip(b[part].as_array().unwrap())
                {
                    assert_eq!(x, y, "{part} on {shards} shards");
                }
            }
        }
    }
}

type Items = (
    Vec<dateline::corpus::Story>,
    Vec<dateline::corpus::CorpusEntity>,
    Vec<dateline::corpus::CorpusEvent>,
);

/// The output of linking `records` (last first) in bounded steps.
fn link_bounded<S: dateline::corpus::bounded::Store>(
    store: S,
    expected: usize,
    records: &[Record],
) -> Items {
    use dateline::corpus::bounded::{LinkedItem, Linker};
    let mut linker = Linker::new(store, expected);
    for r in records.iter().rev() {
        linker.add(r.clone()).unwrap();
    }
    let mut out: Items = (Vec::new(), Vec::new(), Vec::new());
    let articles = linker
        .finish(|item| {
            match item {
                LinkedItem::Story(s) => out.0.push(s),
                LinkedItem::Entity(e) => out.1.push(e),
                LinkedItem::Event(e) => out.2.push(e),
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(articles, records.len());
    out
}

#[test]
fn linking_in_bounded_steps_gives_the_items_of_linking_in_memory_in_their_order() {
    use dateline::corpus::bounded::{DirStore, MemoryStore};
    let records = many_records();
    let mut c = Corpus::new();
    for r in &records {
        c.add(r.clone());
    }
    let linked = c.linked();
    assert!(c.stories().len() < records.len() * 3 / 4);
    // One group and bucket, and (as for a million articles) 245 groups and
    // 256 buckets of a few items each: the same items in the same order.
    for expected in [records.len(), 1_000_000] {
        let dir = tempfile::tempdir().unwrap();
        for (store, got) in [
            (
                "memory",
                link_bounded(MemoryStore::default(), expected, &records),
            ),
            (
                "files",
                link_bounded(DirStore::new(dir.path()), expected, &records),
            ),
        ] {
            let what = format!("in {store}, expecting {expected}");
            assert_eq!(got.0, linked.stories, "stories {what}");
            assert_eq!(got.1, linked.entities, "entities {what}");
            assert_eq!(got.2, linked.events, "events {what}");
        }
        // Everything kept was taken back: nothing is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}

#[test]
fn a_sink_that_fails_stops_bounded_linking_with_its_error() {
    use dateline::corpus::bounded::{Linker, MemoryStore};
    let mut linker = Linker::new(MemoryStore::default(), 10);
    for r in many_records() {
        linker.add(r).unwrap();
    }
    let mut seen = 0;
    let err = linker
        .finish(|_| {
            seen += 1;
            Err(std::io::Error::other("disk full"))
        })
        .unwrap_err();
    assert_eq!(seen, 1);
    assert!(err.to_string().contains("disk full"), "{err}");
}

/// The corpus of one article, and the words of the mentions of `kind`
/// (`entity`, `event`) its evaluation rows give, sorted.
fn xdoc_words(text: &str, kind: &str) -> (Corpus, Vec<String>) {
    let ex = dateline::Extractor::new(dateline::Config::default()).unwrap();
    let mut c = Corpus::new();
    c.add(Record::from(&ex.extract_text(text).unwrap()).with_id("a"));
    let chars: Vec<char> = text.chars().collect();
    let mut found: Vec<String> = dateline::eval::xdoc_rows(&c)
        .iter()
        .filter(|r| r["kind"] == kind)
        .flat_map(|r| r["mentions"].as_array().unwrap().clone())
        .map(|m| {
            let (s, e) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
            chars[s as usize..e as usize].iter().collect()
        })
        .collect();
    found.sort();
    (c, found)
}

#[test]
fn ecb_plus_rows_give_entities_the_extent_ecb_plus_marks() {
    // A doctor's title, a place's article or the preposition placing an
    // event there open the mention; a described participant is its noun.
    let text = " date 2009-01-08 Dr. Regina Benjamin arrived in Queens on Monday. \
                The pirates hijacked an Indian merchant vessel on Tuesday. \
                The navy said the ship was attacked in the Gulf of Aden.";
    let (c, found) = xdoc_words(text, "entity");
    for want in [
        "Dr. Regina Benjamin",
        "in Queens",
        "the Gulf of Aden",
        "pirates",
        "vessel",
    ] {
        assert!(found.iter().any(|f| f == want), "{want:?} not in {found:?}");
    }
    // The corpus entities keep the names as written.
    let names: Vec<&str> = c
        .entities()
        .iter()
        .flat_map(|e| e.mentions.iter().map(|m| m.text.as_str()))
        .collect();
    assert!(names.contains(&"Queens"), "{names:?}");
    // A possessive ending closes the name's phrase.
    let text = " date 2009-01-08 Pirates seized Somalia's biggest ship. The navy of India \
                attacked the pirates, and Chargers' tackle Jamal Williams was arrested.";
    let (_, found) = xdoc_words(text, "entity");
    for want in ["Somalia's", "Chargers'"] {
        assert!(found.iter().any(|f| f == want), "{want:?} not in {found:?}");
    }
    // A president's administration is marked with his name.
    let text = " date 2009-01-08 The Bush administration sanctioned Iran on Monday, \
                and Iran condemned George W. Bush.";
    let (_, found) = xdoc_words(text, "entity");
    assert!(
        found.iter().any(|f| f == "Bush administration"),
        "{found:?}"
    );
}

#[test]
fn ecb_plus_rows_give_events_the_extent_ecb_plus_marks() {
    // A phrasal verb with its particle, `opened fire`, `according to`,
    // `drunk driving`.
    let text = " date 2009-01-08 The gunman opened fire and was gunned down by police on \
                Friday, according to a statement. His brother was arrested on suspicion of \
                drunk driving.";
    let (c, found) = xdoc_words(text, "event");
    for want in [
        "opened fire",
        "gunned down",
        "according to",
        "drunk driving",
        "arrested",
    ] {
        assert!(found.iter().any(|f| f == want), "{want:?} not in {found:?}");
    }
    // The corpus events keep the trigger words.
    let triggers: Vec<&str> = c
        .events()
        .iter()
        .flat_map(|e| e.mentions.iter().map(|m| m.text.as_str()))
        .collect();
    assert!(triggers.contains(&"gunned"), "{triggers:?}");
}
