//! Training the syntax layer from gold words in the eval JSONL schema
//! (`tokens` of `../shared/train/gum/*.jsonl`, see
//! `../shared/eval/README.md`). Deterministic: documents in the order
//! given, sentences shuffled by a seeded generator, single-threaded sums,
//! so the same data and options give the same bytes.

use std::collections::HashMap;

use serde_json::Value;

use super::feats::{feats_keys, upos_keys, Backoff, Pool};
use super::lemma::{self, Lemmatizer};
use super::model::{KeyMap, Scorer, Table, TrainTable};
use super::parser::{self, State, LEFT, MOVES, RIGHT, SHIFT};
use super::tagger::{self, WordInfo, NO_TAG};
use super::Model;

/// One gold word of a training document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldWord {
    /// The word's form.
    pub form: String,
    /// Gold lemma.
    pub lemma: String,
    /// Gold universal part of speech.
    pub upos: String,
    /// Gold Penn tag.
    pub xpos: String,
    /// Gold features (`None` for `_`).
    pub feats: Option<String>,
    /// Head index in the document's word list, `None` for a root.
    pub head: Option<usize>,
    /// Gold relation.
    pub deprel: String,
    /// Sentence index.
    pub sentence: usize,
}

/// A training document: its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainDoc {
    /// Document id.
    pub id: String,
    /// Genre (GUM's), empty when the record has none.
    pub genre: String,
    /// The gold words.
    pub words: Vec<GoldWord>,
}

impl TrainDoc {
    /// Reads a record of the eval JSONL schema (`id`, `genre`, `tokens`).
    pub fn from_json(v: &Value) -> Result<TrainDoc, String> {
        let id = v["id"].as_str().unwrap_or_default().to_string();
        let genre = v["genre"].as_str().unwrap_or_default().to_string();
        let toks = v["tokens"]
            .as_array()
            .ok_or_else(|| format!("document {id:?} has no `tokens` list"))?;
        let mut words = Vec::with_capacity(toks.len());
        for (i, t) in toks.iter().enumerate() {
            let s = |k: &str| -> Result<String, String> {
                t[k].as_str()
                    .map(str::to_string)
                    .ok_or_else(|| format!("document {id:?}, token {i}: no string `{k}`"))
            };
            let head = t["head"]
                .as_i64()
                .ok_or_else(|| format!("document {id:?}, token {i}: no integer `head`"))?;
            let head = if head < 0 {
                None
            } else if (head as usize) < toks.len() {
                Some(head as usize)
            } else {
                return Err(format!(
                    "document {id:?}, token {i}: head {head} past the end"
                ));
            };
            let form = s("form")?;
            words.push(GoldWord {
                lemma: s("lemma").unwrap_or_else(|_| form.clone()),
                form,
                upos: s("upos")?,
                xpos: s("xpos")?,
                feats: t["feats"].as_str().map(str::to_string),
                head,
                deprel: s("deprel")?,
                sentence: t["sentence"].as_u64().unwrap_or(0) as usize,
            });
        }
        Ok(TrainDoc { id, genre, words })
    }
}

/// GUM's genres whose texts are licensed for non-commercial use only
/// (CC BY-NC-SA); `dateline train syntax` leaves them out unless asked.
pub const NONCOMMERCIAL: &[&str] = &["essay", "fiction", "letter", "podcast", "whow"];

/// Options of [`train`].
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes of the tagger over the data.
    pub tagger_epochs: usize,
    /// Passes of the parser over the data.
    pub parser_epochs: usize,
    /// Parts the data is cut into so that the parser trains on tags
    /// predicted by a tagger that did not see the sentence (0 or 1: tags
    /// from the final tagger).
    pub folds: usize,
    /// Seed of the sentence order.
    pub seed: u64,
    /// Taggers and parsers trained, each on its own sentence order (seeds
    /// `seed`, `seed + 1`, ...), whose averaged weights are averaged
    /// again into the model: the scores of a linear model's mean are the
    /// mean of the models' scores, so this is an ensemble at no cost at
    /// run time, and the result depends much less on one order's
    /// accidents. The jackknife taggers stay single.
    pub ensemble: usize,
    /// Rows of the tagger's table, as a power of two.
    pub tagger_bits: u32,
    /// Rows of the move table, as a power of two.
    pub move_bits: u32,
    /// Rows of the relation table, as a power of two.
    pub label_bits: u32,
    /// Weights smaller than this share of a table's largest become zero.
    pub prune: f32,
    /// Sentences (per thousand) the tagger also sees in lower case.
    pub lower_permille: usize,
    /// Sentences (per thousand) the tagger also sees in title case.
    pub title_permille: usize,
    /// Times a word must occur in training to get an ambiguity class (its
    /// set of tags) in the lexicon.
    pub lexicon_min: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            tagger_epochs: 8,
            parser_epochs: 12,
            folds: 4,
            seed: 5,
            ensemble: 4,
            tagger_bits: 17,
            move_bits: 19,
            label_bits: 16,
            prune: 0.002,
            lower_permille: 100,
            title_permille: 50,
            lexicon_min: 5,
        }
    }
}

/// `word` with its first letter upper case, except short function words.
fn title_case(word: &str) -> String {
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "in", "on", "and", "or", "to", "for", "at", "by",
    ];
    if SMALL.contains(&word) {
        return word.to_string();
    }
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

struct Sent {
    doc: usize,
    forms: Vec<String>,
    info: Vec<WordInfo>,
    xpos: Vec<u16>,
    upos: Vec<u32>,
    feats: Vec<u32>,
    lemmas: Vec<String>,
    heads: Vec<u32>,
    labels: Vec<u16>,
    /// Tags the parser trains on (predicted).
    tags: Vec<u16>,
}

/// Trains a model on `docs`; `progress` receives one line per stage.
pub fn train(docs: &[TrainDoc], opts: &TrainOptions, mut progress: impl FnMut(&str)) -> Model {
    train_model(docs, opts, &mut progress)
}

/// [`train`], not generic, so that it is compiled (and optimised) in this
/// crate whoever calls it.
fn train_model(docs: &[TrainDoc], opts: &TrainOptions, progress: &mut dyn FnMut(&str)) -> Model {
    // Label lists, sorted for stable ids.
    let mut xs: Vec<&str> = Vec::new();
    let mut ds: Vec<&str> = vec!["root"];
    let mut us: Vec<&str> = Vec::new();
    for d in docs {
        for w in &d.words {
            xs.push(&w.xpos);
            ds.push(&w.deprel);
            us.push(&w.upos);
        }
    }
    let pool = |mut v: Vec<&str>| {
        v.sort_unstable();
        v.dedup();
        let mut p = Pool::default();
        for s in v {
            p.id(s);
        }
        p
    };
    let mut xpos = pool(xs);
    let mut deprels = pool(ds);
    let mut upos = pool(us);
    let mut feats = Pool::default();
    feats.id("_");
    let root_label = deprels.id("root") as u16;

    // Sentences.
    let mut sents: Vec<Sent> = Vec::new();
    let mut buf = String::new();
    for (di, d) in docs.iter().enumerate() {
        let mut i = 0;
        while i < d.words.len() {
            let s = d.words[i].sentence;
            let mut j = i;
            while j < d.words.len() && d.words[j].sentence == s {
                j += 1;
            }
            let ws = &d.words[i..j];
            let n = ws.len();
            let mut sent = Sent {
                doc: di,
                forms: Vec::with_capacity(n),
                info: Vec::with_capacity(n),
                xpos: Vec::with_capacity(n),
                upos: Vec::with_capacity(n),
                feats: Vec::with_capacity(n),
                lemmas: Vec::with_capacity(n),
                heads: Vec::with_capacity(n + 1),
                labels: Vec::with_capacity(n + 1),
                tags: Vec::new(),
            };
            for w in ws {
                sent.forms.push(w.form.clone());
                sent.info.push(tagger::word_info(&w.form, &mut buf));
                sent.xpos.push(xpos.id(&w.xpos) as u16);
                sent.upos.push(upos.id(&w.upos));
                sent.feats.push(feats.id(w.feats.as_deref().unwrap_or("_")));
                sent.lemmas.push(w.lemma.clone());
                let (h, l) = match w.head {
                    Some(h) if (i..j).contains(&h) => ((h - i) as u32, deprels.id(&w.deprel)),
                    _ => (n as u32, root_label as u32),
                };
                sent.heads.push(h);
                sent.labels.push(l as u16);
            }
            sent.heads.push(u32::MAX);
            sent.labels.push(0);
            sents.push(sent);
            i = j;
        }
    }
    // Case-changed copies teach the tagger web and headline casing: a
    // share of the sentences all in lower case, another in title case.
    let mut rng = Rng(opts.seed ^ 0x5ca1_ab1e);
    let originals = sents.len();
    for i in 0..originals {
        let r = rng.below(1000);
        let mode = if r < opts.lower_permille {
            1
        } else if r < opts.lower_permille + opts.title_permille {
            2
        } else {
            continue;
        };
        let src = &sents[i];
        let forms: Vec<String> = src
            .forms
            .iter()
            .map(|f| {
                if mode == 1 {
                    f.to_lowercase()
                } else {
                    title_case(f)
                }
            })
            .collect();
        let info = forms
            .iter()
            .map(|f| tagger::word_info(f, &mut buf))
            .collect();
        let copy = Sent {
            doc: src.doc,
            forms,
            info,
            xpos: src.xpos.clone(),
            upos: src.upos.clone(),
            feats: src.feats.clone(),
            lemmas: src.lemmas.clone(),
            heads: src.heads.clone(),
            labels: src.labels.clone(),
            tags: Vec::new(),
        };
        sents.push(copy);
    }
    let nt = xpos.strings.len();
    let nl = deprels.strings.len();
    progress(&format!(
        "{} sentences, {} tags, {} relations",
        sents.len(),
        nt,
        nl
    ));

    // Tag dictionary: frequent words that (almost) always carry one tag.
    let mut counts: KeyMap<HashMap<u16, u32>> = KeyMap::default();
    for s in &sents[..originals] {
        for (w, &t) in s.info.iter().zip(&s.xpos) {
            *counts.entry(w.form).or_default().entry(t).or_default() += 1;
        }
    }
    let mut tagdict: KeyMap<u16> = KeyMap::default();
    for (&k, m) in &counts {
        let total: u32 = m.values().sum();
        let (&t, &c) = m
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .unwrap_or((&0, &0));
        // A verb's form is the context's to say, however rare the other
        // form is in training (`died` is VBD in narrative, VBN in `have
        // died`; `attack` VB after `to`, VBP after `they`).
        let verb_form = matches!(
            xpos.strings.get(t as usize).map(String::as_str),
            Some("VB" | "VBD" | "VBN" | "VBP")
        );
        if total >= 20 && c as f64 / total as f64 >= 0.99 && !verb_form {
            tagdict.insert(k, t);
        }
    }

    // Tags for the parser: from taggers that did not see the sentence.
    let all: Vec<usize> = (0..sents.len()).collect();
    if opts.folds > 1 {
        for f in 0..opts.folds {
            let (held, seen): (Vec<usize>, Vec<usize>) =
                all.iter().partition(|&&i| sents[i].doc % opts.folds == f);
            // The fold's own lexicon, so that held-out words are as rare
            // as unseen words are at run time.
            build_lexicon(&mut sents, &seen, opts.lexicon_min);
            let t = train_tagger(&sents, &seen, &tagdict, nt, opts, opts.seed, progress);
            let t = Table::quantise(opts.tagger_bits, nt, &t, opts.prune);
            tag_all(&mut sents, &held, &t, &tagdict);
            progress(&format!("fold {f}: tagged {} sentences", held.len()));
        }
    }
    let lexicon = build_lexicon(&mut sents, &all, opts.lexicon_min);
    let k = opts.ensemble.max(1);
    let mut sum: Vec<f32> = Vec::new();
    for e in 0..k {
        let seed = opts.seed.wrapping_add(e as u64);
        let w = train_tagger(&sents, &all, &tagdict, nt, opts, seed, progress);
        add_into(&mut sum, &w, k);
    }
    let tagger_table = Table::quantise(opts.tagger_bits, nt, &sum, opts.prune);
    if opts.folds <= 1 {
        tag_all(&mut sents, &all, &tagger_table, &tagdict);
    }
    let (right, total) = sents[..originals].iter().fold((0, 0), |(r, t), s| {
        let ok = s.tags.iter().zip(&s.xpos).filter(|(a, b)| a == b).count();
        (r + ok, t + s.xpos.len())
    });
    progress(&format!(
        "parser trains on tags {:.2}% right",
        100.0 * right as f64 / total.max(1) as f64
    ));

    // Parser.
    let (mut msum, mut lsum) = (Vec::new(), Vec::new());
    for e in 0..k {
        let seed = opts.seed.wrapping_add(e as u64);
        let (m, l) = train_parser(&sents[..originals], nl, root_label, opts, seed, progress);
        add_into(&mut msum, &m, k);
        add_into(&mut lsum, &l, k);
    }
    let moves = Table::quantise(opts.move_bits, MOVES, &msum, opts.prune);
    let labels = Table::quantise(opts.label_bits, nl, &lsum, opts.prune);

    // UPOS and features.
    sents.truncate(originals);
    let mut up = Vec::new();
    let mut fe = Vec::new();
    for s in &sents {
        for i in 0..s.info.len() {
            up.push((upos_keys(s.xpos[i], s.info[i].lraw, s.labels[i]), s.upos[i]));
            fe.push((
                feats_keys(s.upos[i], s.xpos[i], s.info[i].lraw, s.labels[i]),
                s.feats[i],
            ));
        }
    }
    let upos_map = Backoff::build(&up, 2);
    let feats_map = Backoff::build(&fe, 2);

    // Lemmas: suffix rules, then the exceptions to them.
    let mut rules = Pool::default();
    rules.id("0|");
    let mut ex = Vec::new();
    for s in &sents {
        for i in 0..s.info.len() {
            let r = lemma::rule_of(&s.forms[i].to_lowercase(), &s.lemmas[i].to_lowercase());
            ex.push((lemma::rule_keys(&s.info[i], s.xpos[i]), rules.id(&r)));
        }
    }
    let by_suffix = Backoff::build(&ex, 2);
    let mut lem = Lemmatizer {
        rules,
        by_suffix,
        ..Lemmatizer::default()
    }
    .finish();
    // Tags whose capitalised words (not first in their sentence) keep
    // their case in the lemma in most of the training data.
    let mut cased = vec![(0u32, 0u32); nt];
    for s in &sents {
        for i in 1..s.info.len() {
            if s.info[i].flags & 1 != 0 {
                let c = &mut cased[s.xpos[i] as usize];
                c.0 += s.lemmas[i].starts_with(|c: char| c.is_uppercase()) as u32;
                c.1 += 1;
            }
        }
    }
    lem.keep_case = cased
        .iter()
        .map(|&(k, n)| n >= 20 && k * 3 > n * 2)
        .collect();
    let proper_id = upos.id("PROPN");
    let mut wrong: KeyMap<()> = KeyMap::default();
    for s in &sents {
        for i in 0..s.info.len() {
            let keep = s.upos[i] == proper_id || lem.keeps_case(&s.info[i], s.xpos[i], i == 0);
            let got = lem.lemma(&s.forms[i], &s.info[i], s.xpos[i], keep);
            if got != s.lemmas[i] {
                wrong.insert(lemma::exception_key(&s.info[i], s.xpos[i])[0], ());
            }
        }
    }
    let mut lemmas = Pool::default();
    let mut exs = Vec::new();
    for s in &sents {
        for i in 0..s.info.len() {
            let k = lemma::exception_key(&s.info[i], s.xpos[i]);
            if wrong.contains_key(&k[0]) {
                exs.push((k, lemmas.id(&s.lemmas[i])));
            }
        }
    }
    lem.lemmas = lemmas;
    lem.exceptions = Backoff::build(&exs, 1);
    progress(&format!(
        "lemmas: {} suffix rules, {} exceptions; upos table {}, feats table {}",
        lem.by_suffix.len(),
        lem.exceptions.len(),
        upos_map.len(),
        feats_map.len()
    ));

    let mut genres: Vec<&str> = docs.iter().map(|d| d.genre.as_str()).collect();
    genres.sort_unstable();
    genres.dedup();
    let m = Model {
        about: format!("UD English GUM, genres: {}", genres.join(", ")),
        nationalities: super::tagger::Nationalities::of(&xpos.strings),
        xpos,
        deprels,
        upos,
        feats,
        tagdict,
        lexicon,
        tagger: tagger_table,
        moves,
        labels,
        upos_map,
        feats_map,
        lemma: lem.finish(),
        root_label,
        parataxis_label: 0,
    };
    // Round trip, so that the model in memory is the one written.
    Model::from_bytes(&m.to_bytes()).unwrap_or(m)
}

/// The lexicon of the sentences `which` (each word's tag set, for words
/// seen at least `min` times), filled into every sentence's words.
fn build_lexicon(sents: &mut [Sent], which: &[usize], min: u32) -> KeyMap<u64> {
    let mut sets: KeyMap<(u64, u32)> = KeyMap::default();
    for &i in which {
        let s = &sents[i];
        for (w, &t) in s.info.iter().zip(&s.xpos) {
            let e = sets.entry(w.lw).or_default();
            e.0 |= 1u64 << (t % 64);
            e.1 += 1;
        }
    }
    let lexicon: KeyMap<u64> = sets
        .into_iter()
        .filter(|(_, (_, c))| *c >= min)
        .map(|(k, (set, _))| (k, set))
        .collect();
    for s in sents.iter_mut() {
        tagger::fill_classes(&lexicon, &mut s.info);
    }
    lexicon
}

/// Adds `w / k` into `sum` (empty at first), in a fixed order.
fn add_into(sum: &mut Vec<f32>, w: &[f32], k: usize) {
    if sum.is_empty() {
        sum.resize(w.len(), 0.0);
    }
    let k = k as f32;
    for (s, &x) in sum.iter_mut().zip(w) {
        *s += x / k;
    }
}

/// Trains a tagger on the sentences `which`, in an order drawn from
/// `seed`; returns its averaged weights.
fn train_tagger(
    sents: &[Sent],
    which: &[usize],
    tagdict: &KeyMap<u16>,
    nt: usize,
    opts: &TrainOptions,
    seed: u64,
    progress: &mut dyn FnMut(&str),
) -> Vec<f32> {
    let mut t = TrainTable::new(opts.tagger_bits, nt);
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9) | 1);
    let mut order = which.to_vec();
    let mut feats = Vec::new();
    let mut scores = vec![0f32; nt];
    let mut c = 0f64;
    for epoch in 0..opts.tagger_epochs {
        rng.shuffle(&mut order);
        let (mut wrong, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &sents[si];
            let (mut p1, mut p2) = (NO_TAG, NO_TAG);
            for i in 0..s.info.len() {
                let gold = s.xpos[i];
                let guess = match tagger::dict_tag(tagdict, &s.info, i) {
                    Some(g) => g,
                    None => {
                        tagger::features(&s.info, i, p1, p2, &mut feats);
                        t.scores(&feats, &mut scores);
                        let g = tagger::argmax(&scores) as u16;
                        c += 1.0;
                        if g != gold {
                            t.update(&feats, gold as usize, 1.0, c);
                            t.update(&feats, g as usize, -1.0, c);
                        }
                        g
                    }
                };
                total += 1;
                wrong += (guess != gold) as usize;
                p2 = p1;
                p1 = guess;
            }
        }
        progress(&format!(
            "tagger epoch {epoch}: {:.2}% wrong",
            100.0 * wrong as f64 / total.max(1) as f64
        ));
    }
    t.averaged(c)
}

fn tag_all(sents: &mut [Sent], which: &[usize], table: &Table, tagdict: &KeyMap<u16>) {
    let mut feats = Vec::new();
    let mut scores = vec![0f32; table.classes()];
    for &i in which {
        let s = &mut sents[i];
        let mut tags = Vec::new();
        tagger::tag(
            table,
            tagdict,
            None,
            &s.info,
            &mut tags,
            &mut feats,
            &mut scores,
        );
        s.tags = tags;
    }
}

fn train_parser(
    sents: &[Sent],
    nl: usize,
    root_label: u16,
    opts: &TrainOptions,
    seed: u64,
    progress: &mut dyn FnMut(&str),
) -> (Vec<f32>, Vec<f32>) {
    let mut moves = TrainTable::new(opts.move_bits, MOVES);
    let mut labels = TrainTable::new(opts.label_bits, nl);
    let mut rng = Rng(seed.wrapping_mul(0x2545_f491) | 1);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut st = State::default();
    let mut feats = Vec::new();
    let mut lfeats = Vec::new();
    let mut scores = vec![0f32; MOVES.max(nl)];
    let mut c = 0f64;
    for epoch in 0..opts.parser_epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &sents[si];
            let n = s.info.len();
            st.reset(n);
            while !st.terminal() {
                let valid = st.valid();
                st.features(&s.info, &s.tags, &mut feats);
                moves.scores(&feats, &mut scores);
                let costs = st.costs(&s.heads);
                let mut pred = usize::MAX;
                let mut min = u32::MAX;
                for mv in [SHIFT, LEFT, RIGHT] {
                    if !valid[mv] {
                        continue;
                    }
                    min = min.min(costs[mv]);
                    if pred == usize::MAX || scores[mv] > scores[pred] {
                        pred = mv;
                    }
                }
                if pred == usize::MAX {
                    break;
                }
                let mut gold = usize::MAX;
                for mv in [SHIFT, LEFT, RIGHT] {
                    if valid[mv]
                        && costs[mv] == min
                        && (gold == usize::MAX || scores[mv] > scores[gold])
                    {
                        gold = mv;
                    }
                }
                c += 1.0;
                if costs[pred] > min {
                    moves.update(&feats, gold, 1.0, c);
                    moves.update(&feats, pred, -1.0, c);
                }
                let explore = epoch > 0 && rng.below(10) < 9;
                let mv = if costs[pred] == min || explore {
                    pred
                } else {
                    gold
                };
                let mut label = 0u16;
                if let Some((h, d)) = st.arc(mv) {
                    if h as usize == n {
                        label = root_label;
                    } else {
                        parser::label_features(&feats, mv, &mut lfeats);
                        labels.scores(&lfeats, &mut scores);
                        let mut bl = usize::MAX;
                        for (i, &x) in scores[..nl].iter().enumerate() {
                            if i as u16 != root_label && (bl == usize::MAX || x > scores[bl]) {
                                bl = i;
                            }
                        }
                        label = bl as u16;
                        if s.heads[d as usize] == h {
                            let g = s.labels[d as usize];
                            if g != label && g != root_label {
                                labels.update(&lfeats, g as usize, 1.0, c);
                                labels.update(&lfeats, label as usize, -1.0, c);
                            }
                            label = g;
                        }
                    }
                }
                st.apply(mv, label);
            }
            for i in 0..n {
                total += 1;
                right += (st.heads[i] == s.heads[i] && st.labels[i] == s.labels[i]) as usize;
            }
        }
        progress(&format!(
            "parser epoch {epoch}: {:.2}% of words with the right head and relation",
            100.0 * right as f64 / total.max(1) as f64
        ));
    }
    (moves.averaged(c), labels.averaged(c))
}
