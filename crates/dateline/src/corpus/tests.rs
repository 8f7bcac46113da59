//! The corpus layer on invented articles (the seeds are tested in
//! `tests/corpus`).

use super::*;
use crate::{Article, Config, Extractor};

fn extractor() -> Extractor {
    Extractor::new(Config::default()).unwrap()
}

fn record(ex: &Extractor, id: &str, text: &str) -> Record {
    let mut a = Article::from_text(text).unwrap();
    a.id = Some(id.to_string());
    Record::from(&ex.extract(a).unwrap())
}

/// Asserts that linking `records` on each number of workers (shards) gives
/// what `c`, the same records linked in one process, gives.
fn same_on_workers(c: &Corpus, records: &[Record], workers: &[usize]) {
    let want = serde_json::to_string(c.linked()).unwrap();
    for &shards in workers {
        let out = shard::run(records.to_vec(), shards).unwrap();
        assert_eq!(serde_json::to_string(&out.linked).unwrap(), want);
    }
}

const TALKS_A: &str = " date 2024-03-12 Turkish Foreign Minister Selim Aydin met his Iraqi counterpart Karim Al Hashimi in Ankara on Monday.\n\nThe two ministers agreed to set up a joint committee on border security, officials said.\n\nMr Aydin said Turkey would host a second round of talks in May.";
const TALKS_B: &str = " date 2024-03-14 Iraq's foreign minister Karim al-Hashimi has returned to Baghdad after talks with Turkey's Selim Aydin.\n\nDuring his meeting with Aydin, al-Hashimi raised the drone strikes on the Kurdistan region, his office said.\n\nThe ministers agreed to meet again in May.";
const FLOODS: &str = " date 2023-01-20 Heavy rain flooded large parts of Basra on Thursday, forcing hundreds of families from their homes.\n\nAli Hassan, a fisherman in the Hayyaniya district, said the water rose within an hour.\n\nThe provincial governor said 40 pumps had been sent to the worst-hit districts.";
const FOOTBALL: &str = " date 2024-09-02 Al Shorta beat Al Zawraa 2-1 in the Iraqi Premier League on Sunday in Baghdad.\n\nStriker Ali Hassan scored both goals for Al Shorta in the second half.\n\nThe coach praised the team's defence after the match.";
const STRIKE_A: &str = " date 2024-06-10 An air strike killed 12 people in the town of Zakho on Sunday, local health officials said.\n\nThe strike hit a market in the centre of Zakho.\n\nThe Kurdistan regional government condemned the strike.";
const STRIKE_B: &str = " date 2024-06-11 An air strike killed 15 people in Zakho on Sunday, according to the mayor of Zakho.\n\nWitnesses said the strike hit a crowded market.\n\nThe Kurdistan regional government called the strike a crime.";

#[test]
fn a_meeting_told_twice_is_one_story_one_event_one_of_each_person() {
    let ex = extractor();
    let mut c = Corpus::new();
    c.add(record(&ex, "talks-a", TALKS_A));
    c.add(record(&ex, "talks-b", TALKS_B));
    assert_eq!(c.stories().len(), 1, "{:#?}", c.stories());
    let hashimi: Vec<&CorpusEntity> = c
        .entities()
        .iter()
        .filter(|e| e.key.ends_with("hashimi"))
        .collect();
    assert_eq!(hashimi.len(), 1, "{hashimi:#?}");
    assert_eq!(hashimi[0].articles, ["talks-a", "talks-b"]);
    let meet: Vec<&CorpusEvent> = c
        .events()
        .iter()
        .filter(|e| e.kind == "meet" && e.articles.len() == 2)
        .collect();
    assert_eq!(meet.len(), 1, "{:#?}", c.events());
    let m = meet[0];
    assert_eq!(m.date.as_deref(), Some("2024-03-11"));
    let b = m.articles.iter().find(|a| a.article == "talks-b").unwrap();
    assert_eq!(b.date.as_deref(), Some("2024-03-11"));
    assert_eq!(b.taken_from.as_deref(), Some("talks-a"));
}

#[test]
fn the_order_articles_come_in_does_not_change_the_output() {
    let ex = extractor();
    let records = [
        record(&ex, "talks-a", TALKS_A),
        record(&ex, "floods", FLOODS),
        record(&ex, "talks-b", TALKS_B),
        record(&ex, "football", FOOTBALL),
        record(&ex, "strike-a", STRIKE_A),
        record(&ex, "strike-b", STRIKE_B),
    ];
    let json = |order: &[usize]| {
        let mut c = Corpus::new();
        for &i in order {
            c.add(records[i].clone());
        }
        serde_json::to_string(c.linked()).unwrap()
    };
    let one = json(&[0, 1, 2, 3, 4, 5]);
    assert_eq!(one, json(&[5, 3, 1, 4, 2, 0]));
    // Built on two threads and merged: the same.
    let mut left = Corpus::new();
    let mut right = Corpus::new();
    for (i, r) in records.iter().enumerate() {
        if i % 2 == 0 {
            left.add(r.clone());
        } else {
            right.add(r.clone());
        }
    }
    right.merge(left);
    assert_eq!(one, serde_json::to_string(right.linked()).unwrap());
}

#[test]
fn two_people_of_one_name_in_unrelated_stories_stay_two() {
    let ex = extractor();
    let mut c = Corpus::new();
    c.add(record(&ex, "floods", FLOODS));
    c.add(record(&ex, "football", FOOTBALL));
    assert_eq!(c.stories().len(), 2, "{:#?}", c.stories());
    let ali: Vec<&CorpusEntity> = c
        .entities()
        .iter()
        .filter(|e| e.key == "ali hassan")
        .collect();
    assert_eq!(ali.len(), 2, "{ali:#?}");
    assert_ne!(ali[0].stories, ali[1].stories);
    // A place is one place everywhere.
    let baghdad = c.entities().iter().filter(|e| e.key == "basra").count();
    assert_eq!(baghdad, 1);
}

#[test]
fn figures_that_differ_between_outlets_are_both_kept_with_their_sources() {
    let ex = extractor();
    let mut c = Corpus::new();
    c.add(record(&ex, "strike-b", STRIKE_B));
    c.add(record(&ex, "strike-a", STRIKE_A));
    assert_eq!(c.stories().len(), 1);
    let kill = c
        .events()
        .iter()
        .find(|e| e.kind == "kill" && e.articles.len() == 2)
        .unwrap_or_else(|| panic!("{:#?}", c.events()));
    let mut values: Vec<(String, Option<f64>)> = kill
        .figures
        .iter()
        .map(|f| (f.source.article.clone(), f.value))
        .collect();
    values.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        values,
        [
            ("strike-a".to_string(), Some(12.0)),
            ("strike-b".to_string(), Some(15.0))
        ]
    );
    assert_eq!(kill.date.as_deref(), Some("2024-06-09"));
}

#[test]
fn an_empty_corpus_links_to_nothing() {
    let c = Corpus::new();
    assert!(c.stories().is_empty() && c.entities().is_empty() && c.events().is_empty());
    assert!(c.timeline("story-0").is_none());
}

#[test]
fn a_corpus_can_move_between_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Corpus>();
    send_sync::<Record>();
}

const CLIMBER_A: &str = " date 2024-01-08 A climber died after falling from a ridge on Mount Aspiring on Sunday, police said.\n\nThe climber was part of a group of three who set out from a hut on Saturday.\n\nPolice said the man's companions raised the alarm.";
const CLIMBER_B: &str = " date 2024-01-09 Rescuers recovered the body of a climber who fell on Mount Aspiring on Sunday.\n\nThe climber, a 34-year-old from Dunedin, had been climbing with two friends, police said.";
const CLIMBER_C: &str = " date 2024-07-20 A climber was injured when rocks fell on a route in the Alps on Friday.\n\nThe climber was flown to hospital in Grenoble, rescuers said.";

#[test]
fn an_unnamed_participant_is_one_entity_within_its_story_only() {
    let ex = extractor();
    let mut c = Corpus::new();
    c.add(record(&ex, "climber-a", CLIMBER_A));
    c.add(record(&ex, "climber-b", CLIMBER_B));
    c.add(record(&ex, "alps", CLIMBER_C));
    let climbers: Vec<&CorpusEntity> = c
        .entities()
        .iter()
        .filter(|e| e.described && e.key == "climber")
        .collect();
    // The climber of the two reports of one fall, and another in the Alps.
    assert_eq!(climbers.len(), 2, "{climbers:#?}");
    let a = climbers
        .iter()
        .find(|e| e.articles.iter().any(|x| x == "climber-a"))
        .unwrap();
    assert_eq!(a.articles, ["climber-a", "climber-b"], "{a:#?}");
    assert!(a
        .mentions
        .iter()
        .all(|m| m.text.eq_ignore_ascii_case("climber") && m.form == MentionForm::Description));
    assert!(a.mentions.len() >= 4, "{a:#?}");
    // An event word is no participant.
    assert!(!c.entities().iter().any(|e| e.described && e.key == "fall"));
}

#[test]
fn a_description_before_a_name_takes_part_as_the_named_one() {
    // `The US automobile manufacturer Ford has said`: the statement is
    // Ford's, not a described `manufacturer`'s, so Ford's timeline has it.
    let ex = extractor();
    let mut c = Corpus::new();
    c.add(record(
        &ex,
        "ford",
        " date 2009-11-03 The US automobile manufacturer Ford has said that it posted a net profit \
         of US$ 997 million in the third quarter of this year.",
    ));
    let said = c
        .events()
        .iter()
        .find(|e| e.kind == "say")
        .unwrap_or_else(|| panic!("no statement in {:#?}", c.events()));
    let names: Vec<&str> = said.actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Ford"], "{said:#?}");
}

const QUEENS_A: &str = " date 2013-09-14 A woman has died after being hit by a car in Queens on Friday night, police said.\n\nRaj Chohan, 59, was walking to her car on 117th Street when she was struck by a gray Toyota Camry.\n\nThe driver, Vishwanand Subryan, was arrested a few blocks away. He was charged with manslaughter.";
const QUEENS_B: &str = " date 2013-09-15 A woman was killed when a Toyota Camry struck her on 117th Street in Queens on Friday night.\n\nPolice arrested the driver, Vishwanand Subryan, a few blocks away.\n\nThe woman had just parked her car.";
const TWO_WOMEN: &str = " date 2013-09-16 A woman was injured when a bus hit a car in Albany on Monday.\n\nMary Smith said she saw the bus run a red light. Police officer Susan Brown said she had closed the road.\n\nThe woman was taken to hospital.";

#[test]
fn a_described_person_is_the_named_one_her_article_makes_her() {
    // `A woman has died ... Raj Chohan ... she was struck`: the woman is
    // Raj Chohan, the one woman the article names; so is the woman of
    // another report of the story that never names her.
    let ex = extractor();
    let records = [
        record(&ex, "queens-a", QUEENS_A),
        record(&ex, "queens-b", QUEENS_B),
        record(&ex, "albany", TWO_WOMEN),
    ];
    let mut c = Corpus::new();
    for r in &records {
        c.add(r.clone());
    }
    let chohan: Vec<&CorpusEntity> = c
        .entities()
        .iter()
        .filter(|e| e.key == "raj chohan")
        .collect();
    assert_eq!(chohan.len(), 1, "{chohan:#?}");
    let e = chohan[0];
    assert!(!e.described);
    assert_eq!(e.name, "Raj Chohan");
    assert_eq!(e.articles, ["queens-a", "queens-b"], "{e:#?}");
    let woman = |article: &str| {
        e.mentions
            .iter()
            .any(|m| m.article == article && m.text.eq_ignore_ascii_case("woman"))
    };
    assert!(woman("queens-a") && woman("queens-b"), "{e:#?}");
    // An article naming two women leaves its woman a described one.
    let albany: Vec<&CorpusEntity> = c
        .entities()
        .iter()
        .filter(|e| e.articles == ["albany"] && e.mentions.iter().any(|m| m.text == "woman"))
        .collect();
    assert_eq!(albany.len(), 1, "{albany:#?}");
    assert!(
        albany[0].described && albany[0].key == "woman",
        "{albany:#?}"
    );
    // Linked on several workers: the same.
    same_on_workers(&c, &records, &[1, 3]);
}

#[test]
fn a_role_the_parse_gives_a_named_person_is_that_person() {
    let ex = extractor();
    let mut c = Corpus::new();
    let oscars = record(
        &ex,
        "oscars",
        " date 2008-12-12 The academy named Hugh Jackman as the host of the 81st Academy Awards \
         on Friday.\n\nThe Australian actor said he was thrilled. The host will open the show on \
         February 22.",
    );
    c.add(oscars.clone());
    let jackman = c
        .entities()
        .iter()
        .find(|e| e.key == "hugh jackman")
        .unwrap_or_else(|| panic!("{:#?}", c.entities()));
    let hosts = jackman.mentions.iter().filter(|m| m.text == "host").count();
    assert_eq!(hosts, 2, "{jackman:#?}");
    assert!(!c.entities().iter().any(|e| e.described && e.key == "host"));
    // Linked on several workers: the same.
    same_on_workers(&c, &[oscars], &[2]);
}

const NOMINEE_A: &str = " date 2009-07-13 President Obama Names Family Doctor as Surgeon General\n\nPresident Barack Obama on Monday nominated Dr. Anna Ruiz, an Alabama family physician, as U.S. Surgeon General.\n\nRuiz would replace acting Surgeon General Steven Hale, who has held the post since 2007.\n\n\"She will be a great Surgeon General,\" Obama said.";
const NOMINEE_B: &str = " date 2009-07-14 Alabama doctor is Obama's pick for surgeon general\n\nDr. Anna Ruiz, the Surgeon General nominee, runs a rural clinic in Bayou La Batre, Alabama.\n\nThe White House said Obama nominated Ruiz on Monday for the post of Surgeon General of the United States.";

#[test]
fn an_office_named_for_itself_is_one_entity_of_the_story_and_a_title_before_a_name_is_none() {
    let ex = extractor();
    let records = [
        record(&ex, "nominee-a", NOMINEE_A),
        record(&ex, "nominee-b", NOMINEE_B),
    ];
    let mut c = Corpus::new();
    for r in &records {
        c.add(r.clone());
    }
    assert_eq!(c.stories().len(), 1, "{:#?}", c.stories());
    let offices: Vec<&CorpusEntity> = c
        .entities()
        .iter()
        .filter(|e| e.described && e.name == "Surgeon General")
        .collect();
    assert_eq!(offices.len(), 1, "{offices:#?}");
    let o = offices[0];
    assert_eq!(o.name, "Surgeon General");
    assert_eq!(o.articles, ["nominee-a", "nominee-b"], "{o:#?}");
    let texts: Vec<(&str, &str)> = o
        .mentions
        .iter()
        .map(|m| (m.article.as_str(), m.text.as_str()))
        .collect();
    for want in [
        ("nominee-a", "Surgeon General"),
        ("nominee-a", "U.S. Surgeon General"),
        ("nominee-b", "surgeon general"),
        ("nominee-b", "Surgeon General of the United States"),
    ] {
        assert!(texts.contains(&want), "{want:?} not in {texts:?}");
    }
    // The headline's, `as U.S. Surgeon General`, `be a great Surgeon
    // General`; `pick for surgeon general`, `Surgeon General nominee`, `the
    // post of Surgeon General of the United States`: not `acting Surgeon
    // General Steven Hale`, a title of his.
    assert_eq!(texts.len(), 6, "{texts:?}");
    let hale = &NOMINEE_A[NOMINEE_A.find("Surgeon General Steven").unwrap()..];
    let hale_at = NOMINEE_A.len() - hale.len();
    assert!(
        !o.mentions
            .iter()
            .any(|m| m.article == "nominee-a" && m.start == hale_at),
        "{o:#?}"
    );
    // The nominee is a person of her own, without the office's words.
    let ruiz: Vec<&CorpusEntity> = c
        .entities()
        .iter()
        .filter(|e| e.key == "anna ruiz")
        .collect();
    assert_eq!(ruiz.len(), 1, "{ruiz:#?}");
    assert!(
        ruiz[0]
            .mentions
            .iter()
            .all(|m| !m.text.contains("Surgeon") && !m.text.contains("surgeon")),
        "{ruiz:#?}"
    );
    // Linked on several workers: the same.
    same_on_workers(&c, &records, &[1, 2]);
}

#[test]
fn a_title_right_before_a_name_is_no_mention_of_its_own() {
    // `the CNN medical correspondent Dr Sanjay Gupta`, `head coach Jim
    // O'Brien`: the title is part of the name's phrase, not a second
    // mention (of the person or of a described `correspondent`); the
    // correspondent of a later sentence with no name after it is one.
    let ex = extractor();
    let mut c = Corpus::new();
    c.add(record(
        &ex,
        "gupta",
        " date 2009-01-06 President-elect Barack Obama has asked the CNN medical correspondent \
         Dr Sanjay Gupta to serve as surgeon general.\n\nThe correspondent said he was honoured.",
    ));
    let titles: Vec<(usize, &str)> = c
        .entities()
        .iter()
        .flat_map(|e| &e.mentions)
        .filter(|m| m.text.to_lowercase().contains("correspondent"))
        .map(|m| (m.start, m.text.as_str()))
        .collect();
    assert!(
        titles.iter().all(|(start, _)| *start > 120),
        "a title before a name kept as a mention: {titles:?} in {:#?}",
        c.entities()
    );
    let gupta = c
        .entities()
        .iter()
        .find(|e| e.name.contains("Gupta"))
        .unwrap_or_else(|| panic!("no Gupta in {:#?}", c.entities()));
    assert!(
        gupta.mentions.iter().any(|m| m.text.contains("Gupta")),
        "{gupta:#?}"
    );
}
