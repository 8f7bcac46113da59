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
