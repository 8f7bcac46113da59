// The Python classes of `dateline._dateline`, each described once: the
// crate builds the PyO3 class from it and build.rs the class's stub in
// python/dateline/_dateline.pyi (see src/describe.rs and docs/bindings.md).
// Only macro invocations belong here: build.rs reads this file too.

use super::*;

value_class! {
    /// A span of the text: `text[start:end]` (string indices).
    class "Span" = PySpan, pickle args, from dateline::Span as |s, at| {
        start: usize as "int" => at(s.start),
        end: usize as "int" => at(s.end),
    }
    repr(start, end)
}

value_class! {
    /// A kicker or title line opening the article.
    class "Headline" = PyHeadline, pickle args, from dateline::Headline as |h, at| {
        kind: String as "str" => h.kind.as_str().to_string(),
        start: usize as "int" => at(h.start),
        end: usize as "int" => at(h.end),
        text: String as "str",
    }
    repr(kind, start, end, text)
}

value_class! {
    /// A paragraph: its span and the indices of its sentences.
    class "Paragraph" = PyParagraph, pickle args, from dateline::Paragraph as |p, at|,
        dict paragraph_dict
    {
        start: usize as "int" => at(p.start),
        end: usize as "int" => at(p.end),
    }
    hidden {
        first_sentence: usize as "int" => p.sentences.start,
        end_sentence: usize as "int" => p.sentences.end,
    }
    getters {
        /// Indices of the paragraph's sentences in `Extraction.sentences`.
        fn sentences<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> as "range" {
            py_range(py, self.first_sentence, self.end_sentence)
        }
    }
    repr paragraph_repr
}

value_class! {
    /// A sentence: span, text, paragraph index, the indices of its tokens and
    /// the index of its root token (None without the syntax layer).
    class "Sentence" = PySentence, pickle args, from dateline::Sentence as |s, at|,
        dict sentence_dict
    {
        start: usize as "int" => at(s.start),
        end: usize as "int" => at(s.end),
        text: String as "str",
        paragraph: usize as "int",
    }
    hidden {
        first_token: usize as "int" => s.tokens.start,
        end_token: usize as "int" => s.tokens.end,
        root: Option<usize> as "Optional[int]" [None],
    }
    getters {
        /// Index of the sentence's root token in `Extraction.tokens` (None
        /// without the syntax layer).
        fn root(&self) -> Option<usize> as "Optional[int]" {
            self.root
        }
        /// Indices of the sentence's tokens in `Extraction.tokens`.
        fn tokens<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> as "range" {
            py_range(py, self.first_token, self.end_token)
        }
    }
    repr(start, end, paragraph, text)
}

value_class! {
    /// A token: span, text and kind (`word`, `number`, `punct`, `symbol`),
    /// and from the syntax layer (None without it): universal part of speech
    /// `pos` (`VERB`), Penn tag `tag` (`VBD`), `lemma`, morphological
    /// `feats`, the index of its `head` token in `Extraction.tokens` (None for
    /// a sentence's root), its relation `dep` (`nsubj`) and the indices of
    /// its `children`.
    class "Token" = PyToken, pickle args, from dateline::Token as |t, at| {
        start: usize as "int" => at(t.start),
        end: usize as "int" => at(t.end),
        kind: String as "str" => t.kind.as_str().to_string(),
        text: String as "str" [None or NO_TEXT] => String::new(),
        pos: Option<String> as "Optional[str]" [None] => syntax_str(t, |s| &s.upos),
        tag: Option<String> as "Optional[str]" [None] => syntax_str(t, |s| &s.xpos),
        lemma: Option<String> as "Optional[str]" [None] => syntax_str(t, |s| &s.lemma),
        feats: Option<String> as "Optional[str]" [None]
            => syntax_str(t, |s| s.feats.as_deref().unwrap_or("")),
        head: Option<usize> as "Optional[int]" [None] => t.syntax.as_ref().and_then(|s| s.head),
        dep: Option<String> as "Optional[str]" [None] => syntax_str(t, |s| &s.dep),
        children: Vec<usize> as "List[int]" [None or NO_CHILDREN] => Vec::new(),
    }
    repr(start, end, kind, text, pos, dep)
}

value_class! {
    /// A base noun phrase of the syntax layer (`Hamas fighters`): span, text,
    /// and the indices in `Extraction.tokens` of its first, last and head token.
    class "NounChunk" = PyNounChunk, pickle args, from dateline::syntax::NounChunk as |c, at| {
        start: usize as "int" => at(c.start),
        end: usize as "int" => at(c.end),
        text: String as "str" => String::new(),
        first: usize as "int",
        last: usize as "int",
        head: usize as "int",
    }
    repr(start, end, text, head)
}

value_class! {
    /// A temporal expression with its TimeML type and value.
    class "Timex" = PyTimex, pickle args, from dateline::Timex as |t, at| {
        start: usize as "int" => at(t.start),
        end: usize as "int" => at(t.end),
        text: String as "str",
        r#type: String as "str" => t.kind.as_str().to_string(),
        value: Option<String> as "Optional[str]" [None],
        r#mod: Option<String> as "Optional[str]" [None] => t.modifier.map(|m| m.as_str().to_string()),
        anchor: Option<String> as "Optional[str]" [None],
    }
    hidden {
        first: Option<String> as "Optional[str]" [None] => t.interval.map(|i| iso(i.first)),
        last: Option<String> as "Optional[str]" [None] => t.interval.map(|i| iso(i.last)),
    }
    getters {
        /// The first instant the expression can mean (`datetime.datetime`), or None.
        fn first<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>>
            as "Optional[datetime.datetime]"
        {
            self.first.as_deref().map(|s| py_datetime(py, s)).transpose()
        }
        /// The last instant the expression can mean (`datetime.datetime`), or None.
        fn last<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>>
            as "Optional[datetime.datetime]"
        {
            self.last.as_deref().map(|s| py_datetime(py, s)).transpose()
        }
    }
    repr(start, end, text, r#type, value)
}

value_class! {
    /// A mention of a person (PER), organisation (ORG), place (LOC),
    /// nationality or group (NORP) or other name (MISC).
    class "Mention" = PyMention, pickle args, from dateline::Mention as |m, at| {
        /// String index of the first character of the mention (descriptor included: `Anbar
        /// province`).
        start: usize as "int" => at(m.start),
        /// String index one past the mention's last character.
        end: usize as "int" => at(m.end),
        /// The mention as written.
        text: String as "str",
        /// `PER` (person), `ORG` (organisation), `LOC` (place), `NORP` (nationality or group) or
        /// `MISC`.
        kind: String as "str" => m.kind.as_str().to_string(),
        /// A finer kind where known: places `country`, `city`, `region`, `facility`, `place`;
        /// groups `nationality`, `religious`, `ethnic`, `political`; organisations `international`,
        /// `armed`, `agency`, `government`, `party`, `company`; else None.
        subtype: Option<String> as "Optional[str]" [None],
        /// String index of the name itself (`Anbar` in `Anbar province`); equal to `start` without
        /// a descriptor.
        name_start: usize as "int" [None or start] => at(m.name_start),
        /// String index one past the name's last character.
        name_end: usize as "int" [None or end] => at(m.name_end),
        /// The tagger's probability for the mention's labels (the lowest over its words), 0 to 1,
        /// to three decimals.
        confidence: f64 as "float" [1.0] => dateline::schema::score(m.confidence),
        /// ISO 3166 country code the lexicons tie the name to (`IQ` for `Erbil` or `Iraqi`), or
        /// None.
        country: Option<String> as "Optional[str]" [None],
        /// Index of the headline line or sentence holding the mention: headline lines first, then
        /// sentences (with a headline, `unit` is not `Extraction.sentences`' index).
        unit: usize as "int" [0],
    }
    getters {
        /// The CoNLL class: PER, ORG, LOC, or MISC (NORP counts as MISC).
        fn coarse(&self) -> &'static str as "str" {
            match self.kind.as_str() {
                "PER" => "PER",
                "ORG" => "ORG",
                "LOC" => "LOC",
                _ => "MISC",
            }
        }
    }
    repr(start, end, text, kind, subtype, confidence)
}

value_class! {
    /// An attributed statement: its content, how it is given (`direct`,
    /// `indirect`, `mixed`, `according`), the cue, the source as written and
    /// the speaker it resolves to.
    class "Quote" = PyQuote, pickle args, from dateline::Quote as |q, at| {
        /// String index of the first character of the content.
        start: usize as "int" => at(q.start),
        /// String index one past the content's last character.
        end: usize as "int" => at(q.end),
        /// The content, quotation marks included when they are part of it.
        text: String as "str",
        /// How it is given: `direct` (quoted), `indirect` (reported), `mixed` (reported with quoted
        /// words) or `according` (`according to`).
        kind: String as "str" => q.kind.as_str().to_string(),
        /// The cue as written (`said`, `told`, `according to`, `:`), or None.
        cue: Option<String> as "Optional[str]" [None],
        /// The source as written (`Mr Blinken`, `he`, `the State Department`), or None.
        source: Option<String> as "Optional[str]" [None],
        /// String index of the source's first character, or None.
        source_start: Option<usize> as "Optional[int]" [None] => q.source_start.map(at),
        /// String index one past the source's last character, or None.
        source_end: Option<usize> as "Optional[int]" [None] => q.source_end.map(at),
        /// The speaker the source resolves to, in its fullest form in the article (`Antony Blinken`
        /// for `Mr Blinken` or `he`), or None when no name fits.
        speaker: Option<String> as "Optional[str]" [None],
        /// The speaker's kind (`PER`, `ORG`, ...), or None.
        speaker_kind: Option<String> as "Optional[str]" [None]
            => q.speaker_kind.map(|k| k.as_str().to_string()),
        /// Quotes with the same number are parts of one attribution (a quotation split by its cue).
        attribution: usize as "int" [0],
        /// How sure the layer is of the attribution, 0 to 1, to three decimals: the share of quotes
        /// of this kind and kind of source that overlap an annotated attribution on the PolNeAR
        /// training articles.
        confidence: f64 as "float" [1.0] => dateline::schema::score(q.confidence),
    }
    repr(start, end, kind, source, speaker, text)
}

value_class! {
    /// A figure: a number the article states (a count, money, a percentage,
    /// a quantity), with its bounds and unit and, for counts, the claim around
    /// it: what is counted, the category (`killed`, ...), the whole it is part
    /// of, the place, date, actor and source. Offsets are string indices.
    class "Figure" = PyFigure, pickle json, from dateline::Figure as |f, at| {
        /// String index of the first character of the amount, bounding words included (`more than
        /// 9,500`, `US$ 14 billion`).
        start: usize as "int" => at(f.start),
        /// String index one past the amount's last character.
        end: usize as "int" => at(f.end),
        /// The amount as written.
        text: String as "str",
        /// What the figure measures: `count`, `money`, `percent` or `quantity` (`is_claim` for
        /// counts).
        kind: String as "str" => f.kind.as_str().to_string(),
        /// The number stated (`9500` for `more than 9,500`, `0.26` for `26 cents`, the first number
        /// of a range); None for vague amounts (`dozens`).
        value: Option<f64> as "Optional[float]",
        /// The least the text allows (`9500` for `more than 9,500`, `24` for `dozens`); equal to
        /// `value` when exact; None when unbounded below.
        low: Option<f64> as "Optional[float]",
        /// The most the text allows; None when unbounded above.
        high: Option<f64> as "Optional[float]",
        /// How the text bounds the number: `exact`, `lower` (`more than`, `at least`), `upper`
        /// (`up to`, `fewer than`), `approx` (`about`, `nearly`) or `range` (`10 to 20`).
        bound: String as "str" => f.bound.as_str().to_string(),
        /// An ISO 4217 code for money (`USD`), `%` (or `percentage points`) for percentages, the
        /// unit of a quantity (`km`, `t`, `years` for an age), or None.
        unit: Option<String> as "Optional[str]",
        /// What is counted, as written (`people`, `drone and missile attacks`), or None.
        counted: Option<String> as "Optional[str]",
        /// The class of what is counted: `person`, `attack`, `event`, `building`, `place`,
        /// `vehicle`, `animal`, `other`, or None.
        counted_class: Option<String> as "Optional[str]",
        /// What happened to what is counted: `killed`, `wounded`, `casualties`, `missing`,
        /// `kidnapped`, `arrested`, `displaced`, `evacuated`, `affected`, `sick`, `protest`,
        /// `seized`, `attacks`, or None.
        category: Option<String> as "Optional[str]",
        /// The GDELT GKG count type of the category (`KILL`, `WOUND`, `KIDNAP`, `ARREST`, `AFFECT`,
        /// `PROTEST`, `SEIZE`), or None.
        gdelt: Option<String> as "Optional[str]",
        /// The word that gives the category (`killed`, `killing`) when it is not the counted noun
        /// itself, or None.
        trigger: Option<String> as "Optional[str]",
        /// Index in `Extraction.figures` of the figure this one is part of (`three children` in
        /// `four civilians, including three children`), or None.
        part_of: Option<usize> as "Optional[int]",
        /// Where, as written (`Israel`, `the Lebanon-Israel border`, `the densely populated
        /// enclave`), or None.
        place: Option<String> as "Optional[str]",
        /// The place's name as resolved (`Gaza` for `the enclave`), or None.
        place_name: Option<String> as "Optional[str]",
        /// ISO 3166 codes of the countries the place lies in (two for `the Lebanon-Israel border`).
        place_countries: Vec<String> as "List[str]",
        /// The TIMEX3 value of the date the figure refers to (`2023-10-07`), or an interval for
        /// `since` (`2023-10-07/2023-11-06`), or None.
        date: Option<String> as "Optional[str]",
        /// Who did it, as written (`Hamas fighters`, `an Israeli air raid`), or None.
        actor: Option<String> as "Optional[str]",
        /// The name in the actor (`Hamas`, `Israeli`), or None.
        actor_entity: Option<String> as "Optional[str]",
        /// Who says so, as written: the source of the attributed statement holding the figure (`the
        /// health ministry`), or None.
        source: Option<String> as "Optional[str]",
        /// The entity that source resolves to (the quote layer's speaker), or None.
        source_entity: Option<String> as "Optional[str]",
        /// Index of the headline line or sentence holding the figure: headline lines first, then
        /// sentences (as `Mention.unit`).
        segment: usize as "int",
    }
    getters {
        /// True for a counted claim (`kind == "count"`).
        fn is_claim(&self) -> bool as "bool" {
            self.kind == "count"
        }
    }
    repr(start, end, kind, text, counted, category)
}

value_class! {
    /// One mention of an event: its trigger word and the unit (headline line,
    /// then sentence) holding it. Offsets are string indices.
    class "EventMention" = PyEventMention, pickle args, from dateline::events::EventMention as |m, at| {
        start: usize as "int" => at(m.start),
        end: usize as "int" => at(m.end),
        text: String as "str",
        unit: usize as "int",
    }
    repr(start, end, text, unit)
}

value_class! {
    /// One side of an event (a source or a target): the phrase as written,
    /// the index in `Extraction.entities` of the entity it names, and its
    /// CAMEO actor code (`USAGOV`, `ISRMIL`) with the dictionary entry,
    /// role or country that gave it.
    class "Actor" = PyActor, pickle args, from dateline::events::Actor as |a, at| {
        text: String as "str",
        start: usize as "int" => at(a.start),
        end: usize as "int" => at(a.end),
        entity: Option<usize> as "Optional[int]" [None],
        code: Option<String> as "Optional[str]" [None],
        code_entry: Option<String> as "Optional[str]" [None],
    }
    repr(text, start, end, entity, code)
}

value_class! {
    /// Where an event happened: the place's name, the mention that gives it
    /// (None for a focus country), its entity, country and coordinates;
    /// `focus_country` is True when the article's focus country stands in.
    class "EventPlace" = PyEventPlace, pickle args, from dateline::events::EventPlace as |p, at| {
        name: String as "str",
        start: Option<usize> as "Optional[int]" [None] => p.start.map(at),
        end: Option<usize> as "Optional[int]" [None] => p.end.map(at),
        entity: Option<usize> as "Optional[int]" [None],
        country: Option<String> as "Optional[str]" [None],
        lat: Option<f64> as "Optional[float]" [None],
        lon: Option<f64> as "Optional[float]" [None],
        focus_country: bool as "bool" [false],
    }
    repr(name, country, lat, lon, focus_country)
}

value_class! {
    /// When an event happened: the TIMEX3 value, the expression that gives it
    /// and its index in `Extraction.timex` (None for the publication date);
    /// `published` is True when the publication date stands in.
    class "EventDate" = PyEventDate, pickle args, from dateline::events::EventDate as |d, at| {
        value: String as "str",
        text: Option<String> as "Optional[str]" [None],
        start: Option<usize> as "Optional[int]" [None] => d.start.map(at),
        end: Option<usize> as "Optional[int]" [None] => d.end.map(at),
        timex: Option<usize> as "Optional[int]" [None],
        published: bool as "bool" [false],
    }
    repr(value, text, published)
}

value_class! {
    /// The code of an interaction: the CAMEO event code (`042`), its root
    /// (`04`), quad class (`verbal_cooperation`, `material_cooperation`,
    /// `verbal_conflict`, `material_conflict`) and description, the PLOVER
    /// type and mode, the verb dictionary pattern that gave it, and the code
    /// of what the target does in return where the dictionary pairs codes
    /// (`paired`: `043` for a `042` visit).
    class "EventCode" = PyEventCode, pickle args, from dateline::events::EventCode as |c, at| {
        cameo: String as "str",
        root: String as "str",
        pattern: String as "str",
        quad: Option<String> as "Optional[str]" [None] => c.quad.map(|q| q.as_str().to_string()),
        description: Option<String> as "Optional[str]" [None],
        plover: Option<String> as "Optional[str]" [None],
        plover_mode: Option<String> as "Optional[str]" [None],
        paired: Option<String> as "Optional[str]" [None],
    }
    repr(cameo, quad, plover, pattern)
}

value_class! {
    /// An event the article states or reports: its trigger (the first
    /// mention's), lemma, kind of word (`pos`: `verb`, `noun`, `adjective`),
    /// TimeML class (`event_class`, as `class` is a Python keyword:
    /// `OCCURRENCE`, `REPORTING`, `I_ACTION`, `I_STATE`, `ASPECTUAL`,
    /// `PERCEPTION`, `STATE`), `tense` (`past`, `present`, `future`,
    /// `none`), `aspect` (`perfect`, `progressive`, `perfect_progressive`,
    /// `none`), `polarity` (`positive`, `negative`), `modality` (`asserted`,
    /// `future`, `planned`, `hypothetical`, `conditional`, `reported`), the
    /// unit (headline line, then sentence) holding it, the index in
    /// `Extraction.quotes` of the statement reporting it, every mention, its
    /// sources and targets (`reciprocal`: the sources act on each other, and
    /// the targets are the sources again), place, date, the indices in `Extraction.figures`
    /// of the figures counting its outcome, and its CAMEO/PLOVER code.
    /// Offsets are string indices.
    class "Event" = PyEvent, pickle args, from dateline::events::Event as |e, at, map| {
        start: usize as "int" => at(e.start),
        end: usize as "int" => at(e.end),
        text: String as "str",
        lemma: String as "str",
        pos: String as "str" => serde_name(&e.pos),
        event_class: String as "str" => e.class.as_str().to_string(),
        tense: String as "str" => serde_name(&e.tense),
        aspect: String as "str" => serde_name(&e.aspect),
        polarity: String as "str" => serde_name(&e.polarity),
        modality: String as "str" => serde_name(&e.modality),
        unit: usize as "int",
        reported_by: Option<usize> as "Optional[int]" [None],
        mentions: Vec<PyEventMention> as "List[EventMention]" [None or NO_MENTIONS]
            => FromCore::from_core(&e.mentions, map),
        source: Vec<PyActor> as "List[Actor]" [None or NO_ACTORS] => FromCore::from_core(&e.source, map),
        target: Vec<PyActor> as "List[Actor]" [None or NO_ACTORS] => FromCore::from_core(&e.target, map),
        reciprocal: bool as "bool" [false],
        place: Option<PyEventPlace> as "Optional[EventPlace]" [None] => FromCore::from_core(&e.place, map),
        date: Option<PyEventDate> as "Optional[EventDate]" [None] => FromCore::from_core(&e.date, map),
        figures: Vec<usize> as "List[int]" [None or NO_INDICES],
        code: Option<PyEventCode> as "Optional[EventCode]" [None] => FromCore::from_core(&e.code, map),
    }
    repr(start, end, text, event_class, tense, polarity, modality)
}

value_class! {
    /// One mention of an entity: a name, acronym, description (`the prime
    /// minister`) or pronoun, with string-index offsets.
    class "EntityMention" = PyEntityMention, pickle json {
        start: usize as "int",
        end: usize as "int",
        text: String as "str",
        form: String as "str",
        unit: usize as "int",
        #[serde(default)]
        mention: Option<usize> as "Optional[int]",
    }
    repr(start, end, text, form)
}

value_class! {
    /// A person's title or role, with the body it is for and the sentence
    /// that states it.
    class "Role" = PyRole, pickle json {
        title: String as "str",
        #[serde(default)]
        function: Option<String> as "Optional[str]",
        #[serde(default)]
        of: Option<String> as "Optional[str]",
        #[serde(default)]
        of_country: Option<String> as "Optional[str]",
        #[serde(default)]
        of_entity: Option<usize> as "Optional[int]",
        #[serde(default)]
        via_entity: Option<usize> as "Optional[int]",
        start: usize as "int",
        end: usize as "int",
        text: String as "str",
        unit: usize as "int",
        sentence: String as "str",
    }
    repr(title, of, of_country)
}

value_class! {
    /// Where a place is: its gazetteer entry (GeoNames id, feature, country,
    /// first-level division, coordinates, chain up to the country), or its
    /// container's.
    class "Place" = PyPlace, pickle json {
        /// The GeoNames id of the entry when the place itself is in the gazetteer, else None.
        #[serde(default)]
        geonameid: Option<u32> as "Optional[int]",
        /// The gazetteer's name for it (or the text's, for a facility).
        name: String as "str",
        /// What the place is: `country`, `region` (first-level division), `city`, `facility`,
        /// `continent`, `area`, `water`, `territory` or `place`.
        feature: String as "str",
        /// How closely the point stands for the place: "exact", "city",
        /// "admin", "country" or "container".
        #[serde(default)]
        precision: String as "str",
        /// ISO 3166 code of its country, or None.
        #[serde(default)]
        country: Option<String> as "Optional[str]",
        /// The name of its country, or None.
        #[serde(default)]
        country_name: Option<String> as "Optional[str]",
        /// The GeoNames code of its first-level division within the country (`11`), or None.
        #[serde(default)]
        admin1: Option<String> as "Optional[str]",
        /// The GeoNames name of its first-level division (`Arbil`), or None.
        #[serde(default)]
        admin1_name: Option<String> as "Optional[str]",
        /// Latitude in degrees (a region's: the centroid of its places), or None.
        #[serde(default)]
        lat: Option<f64> as "Optional[float]",
        /// Longitude in degrees (WGS 84), or None.
        #[serde(default)]
        lon: Option<f64> as "Optional[float]",
        /// The names from the place up to its country (`Erbil`, `Arbil`, `Iraq`).
        chain: Vec<String> as "List[str]",
        /// The id of the entity whose location this one inherits (`Ain Al Asad base` from `Anbar
        /// province`), or None.
        #[serde(default)]
        within: Option<usize> as "Optional[int]",
    }
    repr(name, feature, country, lat, lon)
}

value_class! {
    /// A person, organisation, place, group or other named thing of the
    /// article, once, with its canonical name, every mention, roles,
    /// nationality, organisation kind, country and place.
    class "Entity" = PyEntity, pickle json {
        /// Index of the entity in `Extraction.entities` (what `Actor.entity` and `Role.of_entity`
        /// point at).
        id: usize as "int",
        /// `PER`, `ORG`, `LOC`, `NORP` or `MISC`.
        kind: String as "str",
        /// The finer kind, as for mentions (places `country`, `city`, ...; groups `nationality`,
        /// ...), or None.
        #[serde(default)]
        subtype: Option<String> as "Optional[str]",
        /// The canonical name: the fullest form the article uses.
        name: String as "str",
        /// Every mention (names, acronyms, descriptions, pronouns), in text order.
        mentions: Vec<PyEntityMention> as "List[EntityMention]",
        /// A person's titles and roles (`Prime Minister` of `Iraq`), each with the sentence stating
        /// it.
        #[serde(default)]
        roles: Vec<PyRole> as "List[Role]",
        /// A person's nationality (ISO 3166 code), from a demonym before a title (`Iraqi Prime
        /// Minister ...`) or the country of a state office, or None.
        #[serde(default)]
        nationality: Option<String> as "Optional[str]",
        /// An organisation's kind: `government`, `armed`, `international`, `company`, `media`,
        /// `party` or `other`, or None.
        #[serde(default)]
        org_kind: Option<String> as "Optional[str]",
        /// The country an organisation, group or place belongs to (ISO 3166 code), or None.
        #[serde(default)]
        country: Option<String> as "Optional[str]",
        /// Where a place is on the map (gazetteer entry, coordinates, chain up to the country), or
        /// None.
        #[serde(default)]
        place: Option<PyPlace> as "Optional[Place]",
    }
    repr(id, kind, name, mentions)
}

value_class! {
    /// An input record that could not be extracted: what went wrong and where.
    class "ErrorRecord" = PyErrorRecord, pickle args {
        kind: String as "str",
        message: String as "str",
        id: Option<String> as "Optional[str]" [None],
        file: Option<String> as "Optional[str]" [None],
        line: Option<u64> as "Optional[int]" [None],
        record: Option<u64> as "Optional[int]" [None],
        byte: Option<u64> as "Optional[int]" [None],
    }
    getters {
        /// Always False (an `Extraction` has `ok == True`).
        fn ok(&self) -> bool as "bool" {
            false
        }
    }
    methods {
        /// The exception this record stands for (`dateline.InputError`;
        /// `ConfigError` or `DatelineError` for a configuration or internal error).
        fn exception<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
            exception_of(py, self).into_value(py).into_bound(py).into_any()
        }
    }
    stub "    def exception(self) -> Exception: ...\n"
    repr(kind, message)
}

class_getters! {
    class "Extraction" = PyExtraction
    getters {
        /// The article's id.
        fn id(&self) -> Option<String> as "Optional[str]" {
            self.inner.id.clone()
        }
        /// The full text; every offset indexes it.
        fn text(&self) -> &str as "str" {
            &self.inner.text
        }
        /// Where the article came from: `file`, `line`, `record`, `byte` (when known).
        fn origin(&self) -> Value2 as "Dict[str, Any]" {
            Value2(serde_json::to_value(&self.inner.origin).unwrap_or(Value::Null))
        }
        /// Publication date (`datetime.date`), or None.
        fn date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>>
            as "Optional[datetime.date]"
        {
            self.inner.article.date.map(|d| py_date(py, d)).transpose()
        }
        /// Publication date and time (`datetime.datetime`, aware when the zone is known), or None.
        fn datetime<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>>
            as "Optional[datetime.datetime]"
        {
            let iso = self.inner.article.datetime.as_deref();
            iso.map(|s| py_datetime(py, s)).transpose()
        }
        /// Where the date was read: "record", "header", "publication_line", or None.
        fn date_source(&self) -> Option<String> as "Optional[str]" {
            self.inner.article.date_source.map(|d| d.as_str().to_string())
        }
        /// The title: the record's, or the title line of the text.
        fn title(&self) -> Option<String> as "Optional[str]" {
            self.inner.article.title.clone()
        }
        /// Other scalar fields of the input record.
        fn metadata(&self) -> Value2 as "Dict[str, Any]" {
            metadata(&self.inner.article.metadata)
        }
        /// The dateline header or publication line, or None.
        fn header(&self) -> Option<PySpan> as "Optional[Span]" {
            self.inner.article.header.as_ref().map(|s| self.one(s))
        }
        /// The story's span, after the header.
        fn body(&self) -> PySpan as "Span" {
            self.one(&self.inner.article.body)
        }
        /// Kicker and title lines opening the article.
        fn headlines(&self) -> Vec<PyHeadline> as "List[Headline]" {
            self.all(&self.inner.article.headlines)
        }
        /// Paragraphs of the story.
        fn paragraphs(&self) -> Vec<PyParagraph> as "List[Paragraph]" {
            self.all(&self.inner.article.paragraphs)
        }
        /// Sentences of the story.
        fn sentences(&self) -> Vec<PySentence> as "List[Sentence]" {
            self.all(&self.inner.article.sentences)
        }
        /// Tokens of the sentences: with the syntax layer, its words with
        /// part of speech, lemma, head, relation and children.
        fn tokens(&self) -> Vec<PyToken> as "List[Token]" {
            self.token_list()
        }
        /// Base noun phrases (empty when the syntax layer did not run).
        fn noun_chunks(&self) -> Vec<PyNounChunk> as "List[NounChunk]" {
            self.chunk_list()
        }
        /// Temporal expressions (empty when the time layer did not run).
        fn timex(&self) -> Vec<PyTimex> as "List[Timex]" {
            self.all(self.inner.timex.as_deref().unwrap_or_default())
        }
        /// Entity mentions (empty when the entity layer did not run).
        fn mentions(&self) -> Vec<PyMention> as "List[Mention]" {
            self.all(self.inner.mentions.as_deref().unwrap_or_default())
        }
        /// Attributed statements (empty when the quote layer did not run).
        fn quotes(&self) -> Vec<PyQuote> as "List[Quote]" {
            self.all(self.inner.quotes.as_deref().unwrap_or_default())
        }
        /// Figures: counts, money, percentages and quantities (empty when the
        /// figure layer did not run).
        fn figures(&self) -> Vec<PyFigure> as "List[Figure]" {
            self.all(self.inner.figures.as_deref().unwrap_or_default())
        }
        /// Events the article states or reports, in text order (empty when
        /// the event layer did not run).
        fn events(&self) -> Vec<PyEvent> as "List[Event]" {
            self.all(self.inner.events.as_deref().unwrap_or_default())
        }
        /// The article's entities, each once with its mentions, roles and
        /// place (empty when the resolve layer did not run).
        fn entities(&self) -> PyResult<Vec<PyEntity>> as "List[Entity]" {
            // Only the entities go through JSON (with string-index offsets).
            let mut v = serde_json::to_value(self.inner.entities.as_deref().unwrap_or_default())
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            convert_offsets(&mut v, &self.map);
            serde_json::from_value(v).map_err(|e| PyValueError::new_err(e.to_string()))
        }
        /// The countries the article is about, most prominent first, as dicts
        /// (`country`, `name`, `score`, `mentions`).
        fn focus_countries(&self) -> Value2 as "List[Dict[str, Any]]" {
            Value2(json!(self.inner.focus_countries.as_deref().unwrap_or_default()))
        }
        /// Version of the output shape.
        fn schema_version(&self) -> &str as "str" {
            &self.inner.schema_version
        }
        /// The layers whose output this extraction holds, in the order they
        /// run (`["article", "entities"]` for `Extractor(layers=["entities"])`).
        fn layers(&self) -> Vec<String> as "List[str]" {
            self.inner.layers().iter().map(|l| l.name().to_string()).collect()
        }
        /// Always True (an `ErrorRecord` has `ok == False`).
        fn ok(&self) -> bool as "bool" {
            true
        }
    }
    stub r#"    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self, indent: Optional[int] = None) -> str: ...
    def to_pandas(self, table: str = "sentences") -> Any: ...
    def _repr_html_(self) -> str: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> Tuple[Any, ...]: ...
"#
}

class_getters! {
    class "Article" = PyArticle
    getters {
        /// The text.
        fn text(&self) -> &str as "str" {
            &self.inner.text
        }
        /// The id.
        fn id(&self) -> Option<String> as "Optional[str]" {
            self.inner.id.clone()
        }
        /// The title given with the article.
        fn title(&self) -> Option<String> as "Optional[str]" {
            self.inner.title.clone()
        }
        /// The publication date (`datetime.date`), from the record or the text.
        fn date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>>
            as "Optional[datetime.date]"
        {
            self.inner.published.map(|p| py_date(py, p.date)).transpose()
        }
        /// Other fields of the record.
        fn metadata(&self) -> Value2 as "Dict[str, Any]" {
            metadata(&self.inner.metadata)
        }
    }
    stub r#"    def __new__(
        cls,
        text: str,
        date: _DateLike = None,
        *,
        title: Optional[str] = None,
        id: _Id = None,
        metadata: Optional[Dict[str, Any]] = None,
    ) -> "Article": ...
    def __reduce__(self) -> Tuple[Any, ...]: ...
"#
}

hand_written!(
    PyExtractMany,
    "ExtractMany",
    r#"
@final
class ExtractMany:
    @property
    def yielded(self) -> int: ...
    def __iter__(self) -> "ExtractMany": ...
    def __next__(self) -> Union[Extraction, ErrorRecord]: ...
"#
);

class_getters! {
    class "Extractor" = PyExtractor
    getters {
        /// Whether tokens are listed.
        fn tokens(&self) -> bool as "bool" {
            self.inner.config().tokens
        }
        /// The largest article accepted, in bytes.
        fn max_article_bytes(&self) -> usize as "int" {
            self.inner.config().max_article_bytes
        }
        /// The layers that run.
        fn layers(&self) -> Vec<String> as "List[str]" {
            let layers = &self.inner.config().layers;
            layers.iter().map(|l| l.name().to_string()).collect()
        }
    }
    stub r#"    def __new__(
        cls,
        *,
        tokens: bool = True,
        max_article_bytes: int = 524288,
        layers: Union[str, Iterable[str], None] = None,
        threads: Optional[int] = None,
        actor_dictionary: Optional[str] = None,
        entity_model: Optional[bytes] = None,
    ) -> "Extractor": ...
    def extract(
        self,
        text: Union[str, Article],
        date: _DateLike = None,
        *,
        title: Optional[str] = None,
        id: _Id = None,
    ) -> Extraction: ...
    def extract_many(
        self,
        records: Union[Iterable[Union[str, Dict[str, Any], Article, ErrorRecord]], Any],
        *,
        errors: str = "return",
        batch_size: int = 256,
        progress: bool = False,
    ) -> ExtractMany: ...
"#
}

hand_written!(
    PyJsonlFile,
    "JsonlFile",
    r#"
@final
class JsonlFile:
    def __iter__(self) -> "JsonlFile": ...
    def __next__(self) -> Union[Article, Extraction, ErrorRecord]: ...
"#
);

hand_written!(
    extract,
    "extract",
    r#"
def extract(
    text: Union[str, Article],
    date: _DateLike = None,
    *,
    title: Optional[str] = None,
    id: _Id = None,
) -> Extraction: ...
"#
);

hand_written!(
    read_jsonl,
    "read_jsonl",
    r#"
def read_jsonl(path: Union[str, "PathLike[str]"]) -> JsonlFile: ...
"#
);

hand_written!(
    PyFiles,
    "Files",
    r#"
@final
class Files:
    def __iter__(self) -> "Files": ...
    def __next__(self) -> Union[Article, ErrorRecord]: ...
"#
);

hand_written!(
    read_folder,
    "read_folder",
    r#"
def read_folder(path: Union[str, "PathLike[str]"], *, max_article_bytes: int = 524288) -> Files: ...
"#
);

hand_written!(
    read_file,
    "read_file",
    r#"
def read_file(path: Union[str, "PathLike[str]"], *, max_article_bytes: int = 524288) -> Files: ...
"#
);

hand_written!(
    samples,
    "samples",
    r#"
def samples() -> List[Article]: ...
"#
);

hand_written!(
    render,
    "render",
    r#"
def render(x: Extraction, format: str = "html", *, color: bool = False) -> str: ...
"#
);

hand_written!(
    _extraction_from_json,
    "_extraction_from_json",
    r#"
def _extraction_from_json(json: str) -> Extraction: ...
"#
);

hand_written!(
    _article,
    "_article",
    r#"
def _article(
    text: str,
    date: Optional[str],
    title: Optional[str],
    id: Optional[str],
    metadata: Optional[Dict[str, Any]],
    origin: str,
) -> Article: ...
"#
);

hand_written!(
    _split,
    "_split",
    r#"
def _split(paths: List[str], part_bytes: int, *, max_article_bytes: int = 524288) -> List[str]: ...
"#
);

hand_written!(
    _read_part,
    "_read_part",
    r#"
def _read_part(part: str, *, max_article_bytes: int = 524288) -> Files: ...
"#
);

// ------------------------------------------------- the corpus layer (linking)

value_class! {
    /// Where a value of the corpus was read: the article (its id) and the
    /// words, `start`/`end` string indices into that article's text.
    class "Evidence" = PyEvidence, pickle json {
        article: String as "str",
        start: usize as "int",
        end: usize as "int",
        text: String as "str",
    }
    repr(article, start, end, text)
}

value_class! {
    /// Articles that tell one real-world story: its id, a label (its main
    /// event's kind and actors, else its most named entities), the
    /// publication dates of its first and last dated articles, and the ids
    /// of its articles (sorted), corpus entities (most mentioned first) and
    /// corpus events.
    class "Story" = PyStory, pickle json {
        id: String as "str",
        label: String as "str",
        articles: Vec<String> as "List[str]",
        #[serde(default)]
        entities: Vec<String> as "List[str]",
        #[serde(default)]
        events: Vec<String> as "List[str]",
    }
    hidden {
        #[serde(default)]
        first: Option<String> as "Optional[str]",
        #[serde(default)]
        last: Option<String> as "Optional[str]",
    }
    getters {
        /// The publication date of its first dated article (`datetime.date`), or None.
        fn first<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>>
            as "Optional[datetime.date]"
        {
            py_day(py, self.first.as_deref())
        }
        /// The publication date of its last dated article (`datetime.date`), or None.
        fn last<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>>
            as "Optional[datetime.date]"
        {
            py_day(py, self.last.as_deref())
        }
    }
    repr(id, label, articles)
}

value_class! {
    /// One mention of a corpus entity: the article, string indices into its
    /// text, the words and how they refer (`name`, `acronym`, `description`,
    /// `pronoun`).
    class "CorpusMention" = PyCorpusMention, pickle json {
        article: String as "str",
        start: usize as "int",
        end: usize as "int",
        text: String as "str",
        form: String as "str",
    }
    repr(article, start, end, text, form)
}

value_class! {
    /// The same person, organisation, place or group across articles: its
    /// id, kind (`PER`, `ORG`, `LOC`, `NORP`, `MISC`), name (the fullest the
    /// articles give most often), the name key that links it, every name
    /// and role the articles give it, its country, the ids of its articles
    /// and stories, every mention, and whether it is a participant known
    /// only by a description (`described`: `the climber`, joined within its
    /// story only).
    class "CorpusEntity" = PyCorpusEntity, pickle json {
        id: String as "str",
        kind: String as "str",
        name: String as "str",
        key: String as "str",
        names: Vec<String> as "List[str]",
        #[serde(default)]
        roles: Vec<String> as "List[str]",
        #[serde(default)]
        country: Option<String> as "Optional[str]",
        articles: Vec<String> as "List[str]",
        #[serde(default)]
        stories: Vec<String> as "List[str]",
        #[serde(default)]
        mentions: Vec<PyCorpusMention> as "List[CorpusMention]",
        #[serde(default)]
        described: bool as "bool",
    }
    repr(id, kind, name, articles, mentions)
}

value_class! {
    /// One side of a corpus event: `side` (`source`: who does it, `target`:
    /// to whom), the id of the corpus entity it names (None for a phrase that
    /// names none), its name, and every phrase of every article giving it.
    class "EventActor" = PyEventActor, pickle json {
        side: String as "str",
        #[serde(default)]
        entity: Option<String> as "Optional[str]",
        name: String as "str",
        #[serde(default)]
        sources: Vec<PyEvidence> as "List[Evidence]",
    }
    repr(side, entity, name, sources)
}

value_class! {
    /// A value of a field of a corpus event (a place, a date, a CAMEO code)
    /// with every article and words that give it (a value standing in for
    /// a missing one has empty words at 0..0).
    class "Sourced" = PySourced, pickle json {
        value: String as "str",
        #[serde(default)]
        sources: Vec<PyEvidence> as "List[Evidence]",
    }
    repr(value, sources)
}

value_class! {
    /// The date of a corpus event in one article: the event's day as this
    /// article gives it, or taken from another article (`taken_from` names
    /// it), and the article's publication date.
    class "ArticleDate" = PyArticleDate, pickle json {
        article: String as "str",
        #[serde(default)]
        date: Option<String> as "Optional[str]",
        #[serde(default)]
        taken_from: Option<String> as "Optional[str]",
    }
    hidden {
        #[serde(default)]
        published: Option<String> as "Optional[str]",
    }
    getters {
        /// The article's publication date (`datetime.date`), or None.
        fn published<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>>
            as "Optional[datetime.date]"
        {
            py_day(py, self.published.as_deref())
        }
    }
    repr(article, date, taken_from)
}

value_class! {
    /// A figure counting a corpus event's outcome as one article gives it:
    /// articles that disagree each keep theirs (never averaged). Its words,
    /// value and bounds, unit, category (`killed`), what is counted, the
    /// date it refers to, who says so, the article's publication date and
    /// where it stands (`source`).
    class "EventFigure" = PyEventFigure, pickle json {
        text: String as "str",
        #[serde(default)]
        value: Option<f64> as "Optional[float]",
        #[serde(default)]
        low: Option<f64> as "Optional[float]",
        #[serde(default)]
        high: Option<f64> as "Optional[float]",
        #[serde(default)]
        unit: Option<String> as "Optional[str]",
        #[serde(default)]
        category: Option<String> as "Optional[str]",
        #[serde(default)]
        counted: Option<String> as "Optional[str]",
        #[serde(default)]
        date: Option<String> as "Optional[str]",
        #[serde(default)]
        said_by: Option<String> as "Optional[str]",
        source: PyEvidence as "Evidence",
    }
    hidden {
        #[serde(default)]
        published: Option<String> as "Optional[str]",
    }
    getters {
        /// The article's publication date (`datetime.date`), or None.
        fn published<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>>
            as "Optional[datetime.date]"
        {
            py_day(py, self.published.as_deref())
        }
    }
    repr(text, value, category)
}

value_class! {
    /// The same happening across articles: its id, story, kind (the verb it
    /// is of: `meet`), TimeML class (`event_class`, as `class` is a Python
    /// keyword), polarity, modality, every mention, its sides, its place
    /// (the most precise the most articles give) with every place given,
    /// its day (the one most articles give) with every date given, its date
    /// in each article (own, or `taken_from` another), the figures counting
    /// its outcome (every article's) and its CAMEO codes, each with sources.
    class "CorpusEvent" = PyCorpusEvent, pickle json {
        id: String as "str",
        story: String as "str",
        kind: String as "str",
        #[serde(rename = "class")]
        event_class: String as "str",
        polarity: String as "str",
        modality: String as "str",
        #[serde(default)]
        mentions: Vec<PyEvidence> as "List[Evidence]",
        #[serde(default)]
        actors: Vec<PyEventActor> as "List[EventActor]",
        #[serde(default)]
        place: Option<String> as "Optional[str]",
        #[serde(default)]
        places: Vec<PySourced> as "List[Sourced]",
        #[serde(default)]
        date: Option<String> as "Optional[str]",
        #[serde(default)]
        dates: Vec<PySourced> as "List[Sourced]",
        #[serde(default)]
        articles: Vec<PyArticleDate> as "List[ArticleDate]",
        #[serde(default)]
        figures: Vec<PyEventFigure> as "List[EventFigure]",
        #[serde(default)]
        codes: Vec<PySourced> as "List[Sourced]",
    }
    repr(id, kind, place, date, mentions, articles)
}

value_class! {
    /// One event of a timeline: the corpus event's id, its day (None when
    /// unknown), its kind and its mentions, the evidence.
    class "TimelineEntry" = PyTimelineEntry, pickle json {
        event: String as "str",
        #[serde(default)]
        date: Option<String> as "Optional[str]",
        kind: String as "str",
        #[serde(default)]
        mentions: Vec<PyEvidence> as "List[Evidence]",
    }
    repr(event, date, kind)
}

value_class! {
    /// The events of a story or a corpus entity (`target`, its id) in time
    /// order: dated ones by day, then the undated, each by first mention.
    class "Timeline" = PyTimeline, pickle json {
        target: String as "str",
        #[serde(default)]
        events: Vec<PyTimelineEntry> as "List[TimelineEntry]",
    }
    repr(target, events)
}

class_getters! {
    class "Linked" = PyLinked
    getters {
        /// The stories, by id.
        fn stories(&self) -> PyResult<Vec<PyStory>> as "List[Story]" {
            self.part("stories")
        }
        /// The corpus entities, by id.
        fn entities(&self) -> PyResult<Vec<PyCorpusEntity>> as "List[CorpusEntity]" {
            self.part("entities")
        }
        /// The corpus events, by id.
        fn events(&self) -> PyResult<Vec<PyCorpusEvent>> as "List[CorpusEvent]" {
            self.part("events")
        }
        /// The ids of the articles linked, sorted.
        fn articles(&self) -> Vec<String> as "List[str]" {
            self.article_ids()
        }
        /// The error records of the input, left out of the corpus.
        fn errors(&self) -> Vec<PyErrorRecord> as "List[ErrorRecord]" {
            self.errors.clone()
        }
    }
    stub r#"    def timeline(self, id: str) -> Timeline: ...
    def timelines(self) -> List[Timeline]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self, indent: Optional[int] = None) -> str: ...
    def to_pandas(self, table: str) -> Any: ...
    def __len__(self) -> int: ...
"#
}

class_getters! {
    class "Corpus" = PyCorpus
    getters {
        /// The error records added, left out of the corpus.
        fn errors(&self) -> Vec<PyErrorRecord> as "List[ErrorRecord]" {
            self.errors.clone()
        }
    }
    stub r#"    def __new__(cls, results: Optional[Iterable[Union[Extraction, ErrorRecord]]] = None) -> "Corpus": ...
    def add(self, result: Union[Extraction, ErrorRecord]) -> None: ...
    def extend(self, results: Iterable[Union[Extraction, ErrorRecord]]) -> None: ...
    def link(self, *, keep: bool = True) -> Linked: ...
    def merge(self, other: "Corpus") -> None: ...
    def __getstate__(self) -> Tuple[str, bytes, List[ErrorRecord]]: ...
    def __setstate__(self, state: Tuple[str, bytes, List[ErrorRecord]]) -> None: ...
    def __len__(self) -> int: ...
    def _shard_first(self, articles: int, groups: int) -> List[Tuple[str, int, bytes]]: ...
    def _shard_second(self, stories: bytes, articles: int, groups: int) -> List[Tuple[str, int, bytes]]: ...
"#
}

hand_written!(
    link,
    "link",
    r#"
def link(results: Iterable[Union[Extraction, ErrorRecord]]) -> Linked: ...
"#
);

hand_written!(
    _shard_step,
    "_shard_step",
    r#"
def _shard_step(stage: str, batches: List[bytes], articles: int, groups: int) -> List[Tuple[str, int, bytes]]: ...
"#
);

hand_written!(
    _shard_stories,
    "_shard_stories",
    r#"
def _shard_stories(batches: List[bytes]) -> bytes: ...
"#
);

hand_written!(
    _shard_finish,
    "_shard_finish",
    r#"
def _shard_finish(batches: Iterable[bytes], errors: List[ErrorRecord]) -> Linked: ...
"#
);

hand_written!(
    PyArrowTable,
    "ArrowTable",
    r#"
@final
class ArrowTable:
    @property
    def name(self) -> str: ...
    @property
    def columns(self) -> List[str]: ...
    @property
    def num_rows(self) -> int: ...
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...
    def __len__(self) -> int: ...
"#
);

hand_written!(
    _arrow_table,
    "_arrow_table",
    r#"
def _arrow_table(results: Iterable[Union[Extraction, ErrorRecord]], table: str, caller: str = "to_arrow") -> ArrowTable: ...
"#
);

members! {
    classes [
        PyArticle, PyExtraction, PyExtractor, PyExtractMany, PyErrorRecord, PyJsonlFile, PyFiles,
        PySpan, PyHeadline, PyParagraph, PySentence, PyToken, PyNounChunk, PyTimex, PyMention, PyQuote,
        PyFigure, PyEntity, PyEntityMention, PyRole, PyPlace, PyEvent, PyEventMention, PyActor,
        PyEventPlace, PyEventDate, PyEventCode, PyCorpus, PyLinked, PyStory, PyCorpusEntity,
        PyCorpusMention, PyCorpusEvent, PyEventActor, PyEvidence, PySourced, PyArticleDate,
        PyEventFigure, PyTimeline, PyTimelineEntry, PyArrowTable,
    ]
    functions [
        extract, read_jsonl, read_folder, read_file, samples, link, render, _extraction_from_json,
        _article, _arrow_table, _split, _read_part, _shard_step, _shard_stories, _shard_finish,
    ]
}
