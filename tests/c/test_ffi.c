/*
 * Tests of the C ABI, run under valgrind by scripts/test: NULL arguments,
 * invalid UTF-8, empty and malformed articles, JSON records, typed
 * accessors, events, JSON output, one extractor shared by several threads,
 * and linking extractions across articles.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dateline.h"

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                          \
    do {                                                                     \
        checks++;                                                            \
        if (!(cond)) {                                                       \
            failures++;                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                    \
    } while (0)

static int str_eq(DatelineStr s, const char *want) {
    return s.ptr != NULL && s.len == strlen(want) && memcmp(s.ptr, want, s.len) == 0;
}

static int str_has(DatelineStr s, const char *want) {
    size_t n = strlen(want);
    for (size_t i = 0; s.ptr != NULL && i + n <= s.len; i++) {
        if (memcmp(s.ptr + i, want, n) == 0) return 1;
    }
    return 0;
}

static DatelineStatus extract(const DatelineExtractor *ex, const char *text, DatelineResult **out) {
    return dateline_extract(ex, (const uint8_t *)text, strlen(text), out);
}

static const char *ARTICLE =
    " date 2023-11-06 Live updates: Follow the latest news on Israel-Gaza\n\n"
    "Mr Al Sudani met US Secretary of State Antony Blinken in Baghdad on Sunday evening.\n\n"
    "\xe2\x80\x9cWe will take every necessary step to protect our people,\xe2\x80\x9d Mr Blinken told "
    "reporters. Dr. Hamid Al Jabri said 9,500 people had died.";

static void test_null_arguments(const DatelineExtractor *ex) {
    DatelineResult *r = NULL;
    CHECK(dateline_extractor_new(NULL, NULL) == DATELINE_STATUS_NULL_ARGUMENT);
    CHECK(dateline_extract(NULL, (const uint8_t *)"x", 1, &r) == DATELINE_STATUS_NULL_ARGUMENT);
    CHECK(dateline_extract(ex, NULL, 3, &r) == DATELINE_STATUS_NULL_ARGUMENT);
    CHECK(dateline_extract(ex, (const uint8_t *)"x", 1, NULL) == DATELINE_STATUS_NULL_ARGUMENT);
    CHECK(r == NULL);
    CHECK(strlen(dateline_last_error()) > 0);
    CHECK(dateline_extract_json(ex, NULL, 1, &r) == DATELINE_STATUS_NULL_ARGUMENT);
    size_t n = 7;
    CHECK(dateline_result_count(NULL, DATELINE_LAYER_SENTENCES, &n) == DATELINE_STATUS_NULL_ARGUMENT);
    CHECK(n == 7);
    DatelineArticle a;
    CHECK(dateline_result_article(NULL, &a) == DATELINE_STATUS_NULL_ARGUMENT);
    char *json = NULL;
    CHECK(dateline_result_to_json(NULL, &json, NULL) == DATELINE_STATUS_NULL_ARGUMENT);
    CHECK(json == NULL);
    /* Every free accepts NULL. */
    dateline_extractor_free(NULL);
    dateline_result_free(NULL);
    dateline_string_free(NULL);
}

static void test_bad_input(const DatelineExtractor *ex) {
    DatelineResult *r = NULL;
    const char bad_utf8[] = "Mr Al Sudani \xff met Blinken.";
    CHECK(dateline_extract(ex, (const uint8_t *)bad_utf8, sizeof bad_utf8 - 1, &r) == DATELINE_STATUS_INVALID_UTF8);
    CHECK(dateline_last_error_byte() == 13);
    CHECK(strstr(dateline_last_error(), "invalid UTF-8 at byte 13") != NULL);
    CHECK(r == NULL);

    CHECK(dateline_extract(ex, (const uint8_t *)"", 0, &r) == DATELINE_STATUS_INVALID_INPUT);
    CHECK(strstr(dateline_last_error(), "empty") != NULL);
    const char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    CHECK(dateline_extract(ex, (const uint8_t *)binary, sizeof binary - 1, &r) == DATELINE_STATUS_INVALID_INPUT);
    CHECK(dateline_last_error_byte() == 8);
    CHECK(strstr(dateline_last_error(), "binary") != NULL);
    CHECK(dateline_extract(ex, NULL, 0, &r) == DATELINE_STATUS_INVALID_INPUT);
    CHECK(extract(ex, "  \n\n  ", &r) == DATELINE_STATUS_INVALID_INPUT);
    CHECK(extract(ex, " date 2023-13-45 Text.", &r) == DATELINE_STATUS_INVALID_INPUT);
    CHECK(dateline_last_error_byte() == 6);
    CHECK(strstr(dateline_last_error(), "month 13 does not exist") != NULL);
    CHECK(r == NULL);

    const char *not_json = "{\"text\": ";
    CHECK(dateline_extract_json(ex, (const uint8_t *)not_json, strlen(not_json), &r) == DATELINE_STATUS_INVALID_INPUT);
    const char *no_text = "{\"id\": \"x1\", \"title\": \"T\"}";
    CHECK(dateline_extract_json(ex, (const uint8_t *)no_text, strlen(no_text), &r) == DATELINE_STATUS_INVALID_INPUT);
    CHECK(strstr(dateline_last_error(), "no \"text\" field") != NULL);
    CHECK(r == NULL);

    DatelineOptions small = dateline_options_default();
    small.max_article_bytes = 10;
    DatelineExtractor *tiny = NULL;
    CHECK(dateline_extractor_new(&small, &tiny) == DATELINE_STATUS_OK);
    CHECK(extract(tiny, "A sentence longer than ten bytes.", &r) == DATELINE_STATUS_INVALID_INPUT);
    CHECK(strstr(dateline_last_error(), "over the limit") != NULL);
    dateline_extractor_free(tiny);

    DatelineOptions zero = dateline_options_default();
    zero.max_article_bytes = 0;
    DatelineExtractor *none = NULL;
    CHECK(dateline_extractor_new(&zero, &none) == DATELINE_STATUS_INVALID_OPTION);
    CHECK(none == NULL);
}

static void test_accessors(const DatelineExtractor *ex) {
    DatelineResult *r = NULL;
    CHECK(extract(ex, ARTICLE, &r) == DATELINE_STATUS_OK);
    CHECK(strcmp(dateline_last_error(), "") == 0);
    DatelineArticle a;
    CHECK(dateline_result_article(r, &a) == DATELINE_STATUS_OK);
    CHECK(str_eq(a.date, "2023-11-06"));
    CHECK(str_eq(a.date_source, "header"));
    CHECK(a.datetime.len == 0 && a.datetime.ptr != NULL);
    CHECK(a.id.len == 0);
    CHECK(a.header_start == 1 && a.header_end == 16);
    CHECK(a.headlines == 1 && a.paragraphs == 2 && a.sentences == 3);
    CHECK(a.text.len == strlen(ARTICLE));

    DatelineItem item;
    CHECK(dateline_result_item(r, DATELINE_LAYER_HEADLINES, 0, &item) == DATELINE_STATUS_OK);
    CHECK(str_eq(item.kind, "kicker"));
    CHECK(str_eq(item.text, "Live updates: Follow the latest news on Israel-Gaza"));
    CHECK(item.parent == SIZE_MAX);

    CHECK(dateline_result_item(r, DATELINE_LAYER_SENTENCES, 1, &item) == DATELINE_STATUS_OK);
    CHECK(item.parent == 1);
    CHECK(item.end - item.start == item.text.len);
    CHECK(memcmp(ARTICLE + item.start, item.text.ptr, item.text.len) == 0);
    const char *tail = "Mr Blinken told reporters.";
    CHECK(item.text.len >= strlen(tail) && memcmp(item.text.ptr + item.text.len - strlen(tail), tail, strlen(tail)) == 0);

    size_t tokens = 0;
    CHECK(dateline_result_count(r, DATELINE_LAYER_TOKENS, &tokens) == DATELINE_STATUS_OK);
    CHECK(tokens == a.tokens && tokens > 20);
    CHECK(dateline_result_item(r, DATELINE_LAYER_TOKENS, 0, &item) == DATELINE_STATUS_OK);
    /* The kicker line is parsed too: its tokens come first, in no sentence. */
    CHECK(str_eq(item.kind, "word") && str_eq(item.text, "Live") && item.parent == SIZE_MAX);
    int found_number = 0, found_mr = 0;
    for (size_t i = 0; i < tokens; i++) {
        CHECK(dateline_result_item(r, DATELINE_LAYER_TOKENS, i, &item) == DATELINE_STATUS_OK);
        if (str_eq(item.text, "Mr") && !found_mr) {
            found_mr = item.parent == 0;
        }
        if (str_eq(item.text, "9,500")) {
            found_number = str_eq(item.kind, "number") && item.parent == 2;
        }
    }
    CHECK(found_number && found_mr);
    CHECK(dateline_result_item(r, DATELINE_LAYER_TOKENS, tokens, &item) == DATELINE_STATUS_OUT_OF_RANGE);
    CHECK(dateline_result_item(r, 99, 0, &item) == DATELINE_STATUS_INVALID_OPTION);
    CHECK(dateline_result_item(r, DATELINE_LAYER_SENTENCES, 0, NULL) == DATELINE_STATUS_NULL_ARGUMENT);

    /* The syntax layer: "Mr Al Sudani met US Secretary of State Antony Blinken ..." */
    DatelineToken tok;
    size_t met = SIZE_MAX;
    for (size_t i = 0; i < tokens; i++) {
        CHECK(dateline_result_token(r, i, &tok) == DATELINE_STATUS_OK);
        CHECK(tok.upos.len > 0 && tok.xpos.len > 0 && tok.lemma.len > 0 && tok.dep.len > 0);
        CHECK(memcmp(ARTICLE + tok.start, tok.text.ptr, tok.text.len) == 0);
        if (str_eq(tok.text, "met")) met = i;
    }
    CHECK(met != SIZE_MAX);
    if (met != SIZE_MAX) {
        CHECK(dateline_result_token(r, met, &tok) == DATELINE_STATUS_OK);
        CHECK(str_eq(tok.lemma, "meet") && str_eq(tok.upos, "VERB") && str_eq(tok.xpos, "VBD"));
        CHECK(str_eq(tok.dep, "root") && tok.head == SIZE_MAX && tok.sentence == 0);
        CHECK(str_has(tok.feats, "Tense=Past") && str_has(tok.feats, "VerbForm=Fin"));
        /* Its subject lies inside "Mr Al Sudani", its object inside the title and name. */
        size_t subj_start = SIZE_MAX, obj_start = SIZE_MAX;
        for (size_t i = 0; i < tokens; i++) {
            CHECK(dateline_result_token(r, i, &tok) == DATELINE_STATUS_OK);
            if (tok.head == met && str_eq(tok.dep, "nsubj")) subj_start = tok.start;
            if (tok.head == met && str_eq(tok.dep, "obj")) obj_start = tok.start;
        }
        const char *s0 = strstr(ARTICLE, "Mr Al Sudani");
        const char *o0 = strstr(ARTICLE, "US Secretary of State Antony Blinken");
        CHECK(subj_start != SIZE_MAX && subj_start >= (size_t)(s0 - ARTICLE) && subj_start < (size_t)(s0 - ARTICLE) + 12);
        CHECK(obj_start != SIZE_MAX && obj_start >= (size_t)(o0 - ARTICLE) && obj_start < (size_t)(o0 - ARTICLE) + 36);
    }
    CHECK(dateline_result_token(r, tokens, &tok) == DATELINE_STATUS_OUT_OF_RANGE);
    CHECK(dateline_result_token(NULL, 0, &tok) == DATELINE_STATUS_NULL_ARGUMENT);
    CHECK(dateline_result_token(r, 0, NULL) == DATELINE_STATUS_NULL_ARGUMENT);
    size_t chunks = 0;
    CHECK(dateline_result_count(r, DATELINE_LAYER_NOUN_CHUNKS, &chunks) == DATELINE_STATUS_OK);
    int found_reporters = 0;
    for (size_t i = 0; i < chunks; i++) {
        CHECK(dateline_result_item(r, DATELINE_LAYER_NOUN_CHUNKS, i, &item) == DATELINE_STATUS_OK);
        CHECK(dateline_result_token(r, item.parent, &tok) == DATELINE_STATUS_OK);
        CHECK(tok.start >= item.start && tok.end <= item.end);
        if (str_eq(item.text, "reporters")) found_reporters = 1;
    }
    CHECK(found_reporters);

    size_t timex = 0;
    CHECK(dateline_result_count(r, DATELINE_LAYER_TIMEX, &timex) == DATELINE_STATUS_OK);
    CHECK(timex == 1);
    CHECK(dateline_result_item(r, DATELINE_LAYER_TIMEX, 0, &item) == DATELINE_STATUS_OK);
    CHECK(str_eq(item.kind, "TIME") && str_eq(item.text, "Sunday evening") && str_eq(item.canonical, "2023-11-05TEV"));
    CHECK(memcmp(ARTICLE + item.start, "Sunday evening", item.end - item.start) == 0);

    size_t mentions = 0;
    CHECK(dateline_result_count(r, DATELINE_LAYER_MENTIONS, &mentions) == DATELINE_STATUS_OK);
    CHECK(mentions >= 3);
    int found_blinken = 0, found_baghdad = 0;
    for (size_t i = 0; i < mentions; i++) {
        CHECK(dateline_result_item(r, DATELINE_LAYER_MENTIONS, i, &item) == DATELINE_STATUS_OK);
        CHECK(item.confidence >= 0.0 && item.confidence <= 1.0);
        CHECK(memcmp(ARTICLE + item.start, item.text.ptr, item.text.len) == 0);
        if (str_eq(item.text, "Antony Blinken")) {
            found_blinken = str_eq(item.kind, "PER") && item.parent == 0;
        }
        if (str_eq(item.text, "Baghdad")) {
            found_baghdad = str_eq(item.kind, "LOC") && str_eq(item.subtype, "city") && str_eq(item.canonical, "Baghdad");
        }
    }
    CHECK(found_blinken && found_baghdad);
    CHECK(dateline_result_item(r, DATELINE_LAYER_MENTIONS, mentions, &item) == DATELINE_STATUS_OUT_OF_RANGE);

    size_t quotes = 0;
    CHECK(dateline_result_count(r, DATELINE_LAYER_QUOTES, &quotes) == DATELINE_STATUS_OK);
    CHECK(quotes == 2);
    CHECK(dateline_result_item(r, DATELINE_LAYER_QUOTES, 0, &item) == DATELINE_STATUS_OK);
    CHECK(str_eq(item.kind, "direct") && str_eq(item.source, "Mr Blinken") && str_eq(item.canonical, "Antony Blinken"));
    CHECK(str_eq(item.subtype, "told") && item.confidence > 0.0 && item.confidence <= 1.0);
    CHECK(memcmp(ARTICLE + item.start, "\xe2\x80\x9cWe will take", 14) == 0);
    CHECK(dateline_result_item(r, DATELINE_LAYER_QUOTES, 1, &item) == DATELINE_STATUS_OK);
    CHECK(str_eq(item.kind, "indirect") && str_eq(item.text, "9,500 people had died"));
    CHECK(str_eq(item.source, "Dr. Hamid Al Jabri") && item.parent == 1);
    CHECK(dateline_result_item(r, DATELINE_LAYER_QUOTES, quotes, &item) == DATELINE_STATUS_OUT_OF_RANGE);

    size_t figures = 0;
    CHECK(dateline_result_count(r, DATELINE_LAYER_FIGURES, &figures) == DATELINE_STATUS_OK);
    CHECK(figures == 1);
    CHECK(dateline_result_item(r, DATELINE_LAYER_FIGURES, 0, &item) == DATELINE_STATUS_OK);
    CHECK(str_eq(item.kind, "count") && str_eq(item.text, "9,500") && str_eq(item.canonical, "people"));
    CHECK(str_eq(item.subtype, "killed") && str_eq(item.source, "Dr. Hamid Al Jabri") && item.parent == SIZE_MAX);
    DatelineFigure fig;
    CHECK(dateline_result_figure(r, 0, &fig) == DATELINE_STATUS_OK);
    CHECK(fig.value == 9500.0 && fig.low == 9500.0 && fig.high == 9500.0 && str_eq(fig.bound, "exact"));
    CHECK(str_eq(fig.counted, "people") && str_eq(fig.category, "killed") && str_eq(fig.gdelt, "KILL"));
    CHECK(fig.unit.len == 0 && fig.part_of == SIZE_MAX && str_eq(fig.source, "Dr. Hamid Al Jabri"));
    CHECK(memcmp(ARTICLE + fig.start, "9,500", fig.end - fig.start) == 0);
    CHECK(dateline_result_figure(r, figures, &fig) == DATELINE_STATUS_OUT_OF_RANGE);
    CHECK(dateline_result_figure(NULL, 0, &fig) == DATELINE_STATUS_NULL_ARGUMENT);
    CHECK(dateline_result_figure(r, 0, NULL) == DATELINE_STATUS_NULL_ARGUMENT);

    size_t entities = 0;
    CHECK(dateline_result_count(r, DATELINE_LAYER_ENTITIES, &entities) == DATELINE_STATUS_OK);
    CHECK(entities == 7);
    size_t blinken = SIZE_MAX, baghdad = SIZE_MAX;
    for (size_t i = 0; i < entities; i++) {
        CHECK(dateline_result_item(r, DATELINE_LAYER_ENTITIES, i, &item) == DATELINE_STATUS_OK);
        CHECK(memcmp(ARTICLE + item.start, item.text.ptr, item.text.len) == 0);
        if (str_eq(item.canonical, "Antony Blinken")) blinken = i;
        if (str_eq(item.canonical, "Baghdad")) baghdad = i;
    }
    CHECK(blinken != SIZE_MAX && baghdad != SIZE_MAX);
    DatelineEntity ent;
    if (blinken != SIZE_MAX) {
        CHECK(dateline_result_entity(r, blinken, &ent) == DATELINE_STATUS_OK);
        CHECK(ent.id == blinken && str_eq(ent.kind, "PER") && str_eq(ent.name, "Antony Blinken"));
        CHECK(ent.mentions == 2 && ent.roles == 1 && str_eq(ent.nationality, "US") && ent.has_place == 0);
        CHECK(dateline_result_entity_mention(r, blinken, 1, &item) == DATELINE_STATUS_OK);
        CHECK(str_eq(item.kind, "name") && str_eq(item.text, "Blinken") && str_eq(item.canonical, "Antony Blinken"));
        CHECK(memcmp(ARTICLE + item.start, "Blinken told", 12) == 0);
        CHECK(dateline_result_entity_mention(r, blinken, 2, &item) == DATELINE_STATUS_OUT_OF_RANGE);
        DatelineRole role;
        CHECK(dateline_result_entity_role(r, blinken, 0, &role) == DATELINE_STATUS_OK);
        CHECK(str_eq(role.title, "Secretary of State") && str_eq(role.of, "United States"));
        CHECK(str_eq(role.of_country, "US") && str_eq(role.function, "foreign minister"));
        CHECK(role.of_entity == SIZE_MAX && str_eq(role.text, "US Secretary of State"));
        CHECK(memcmp(ARTICLE + role.start, "US Secretary of State", role.end - role.start) == 0);
        CHECK(dateline_result_entity_role(r, blinken, 1, &role) == DATELINE_STATUS_OUT_OF_RANGE);
        CHECK(dateline_result_entity_role(r, blinken, 0, NULL) == DATELINE_STATUS_NULL_ARGUMENT);
    }
    if (baghdad != SIZE_MAX) {
        CHECK(dateline_result_entity(r, baghdad, &ent) == DATELINE_STATUS_OK);
        CHECK(ent.has_place == 1 && ent.geonameid == 98182 && str_eq(ent.feature, "city"));
        CHECK(str_eq(ent.place_country, "IQ") && ent.lat > 33.0 && ent.lat < 33.6 && ent.lon > 44.0 && ent.lon < 44.7);
        CHECK(str_eq(ent.chain, "Baghdad > Mayorality of Baghdad > Iraq") && ent.within == SIZE_MAX);
    }
    CHECK(dateline_result_entity(r, entities, &ent) == DATELINE_STATUS_OUT_OF_RANGE);
    CHECK(dateline_result_entity(NULL, 0, &ent) == DATELINE_STATUS_NULL_ARGUMENT);
    CHECK(dateline_result_entity_mention(r, entities, 0, &item) == DATELINE_STATUS_OUT_OF_RANGE);

    char *json = NULL;
    size_t json_len = 0;
    CHECK(dateline_result_to_json(r, &json, &json_len) == DATELINE_STATUS_OK);
    CHECK(json != NULL && strlen(json) == json_len);
    CHECK(json != NULL && strstr(json, "\"schema_version\":\"1.9\"") != NULL);
    CHECK(json != NULL && strstr(json, "\"date\":\"2023-11-06\"") != NULL);
    dateline_string_free(json);
    dateline_result_free(r);

    const char *record = "{\"id\": \"r1\", \"date\": \"2023-11-05T18:30:00Z\", \"title\": \"Talks\", \"text\": \"One. Two.\"}";
    CHECK(dateline_extract_json(ex, (const uint8_t *)record, strlen(record), &r) == DATELINE_STATUS_OK);
    CHECK(dateline_result_article(r, &a) == DATELINE_STATUS_OK);
    CHECK(str_eq(a.id, "r1") && str_eq(a.title, "Talks") && str_eq(a.date_source, "record"));
    CHECK(str_eq(a.datetime, "2023-11-05T18:30:00Z") && a.sentences == 2);
    dateline_result_free(r);
}

static const char *EVENTS =
    " date 2023-11-09 Live updates: Israel-Gaza\n\n"
    "Israeli troops did not attack the refugee camp on Tuesday, the army said. "
    "Mr Blinken arrived in Ankara on Wednesday. He will meet Turkish Foreign Minister Hakan Fidan on Thursday.";

static void test_events(const DatelineExtractor *ex) {
    DatelineResult *r = NULL;
    CHECK(extract(ex, EVENTS, &r) == DATELINE_STATUS_OK);
    size_t events = 0, quotes = 0, entities = 0;
    CHECK(dateline_result_count(r, DATELINE_LAYER_EVENTS, &events) == DATELINE_STATUS_OK);
    CHECK(dateline_result_count(r, DATELINE_LAYER_QUOTES, &quotes) == DATELINE_STATUS_OK);
    CHECK(dateline_result_count(r, DATELINE_LAYER_ENTITIES, &entities) == DATELINE_STATUS_OK);
    CHECK(events >= 3);
    size_t attack = SIZE_MAX, meet = SIZE_MAX, arrived = SIZE_MAX;
    DatelineItem item;
    DatelineEvent ev;
    for (size_t i = 0; i < events; i++) {
        CHECK(dateline_result_item(r, DATELINE_LAYER_EVENTS, i, &item) == DATELINE_STATUS_OK);
        CHECK(dateline_result_event(r, i, &ev) == DATELINE_STATUS_OK);
        /* The item and the event agree; offsets point at the trigger. */
        CHECK(item.start == ev.start && item.end == ev.end && str_eq(item.kind, "") == 0);
        CHECK(item.kind.len == ev.event_class.len && memcmp(item.kind.ptr, ev.event_class.ptr, item.kind.len) == 0);
        CHECK(memcmp(EVENTS + ev.start, ev.text.ptr, ev.text.len) == 0 && ev.end - ev.start == ev.text.len);
        CHECK(item.parent == ev.sentence && ev.sentence == ev.unit - 1); /* the kicker is unit 0 */
        CHECK(ev.mentions >= 1 && (ev.reported_by == SIZE_MAX || ev.reported_by < quotes));
        /* Uncoded events have empty code fields; coded ones a three- or four-digit code. */
        CHECK(ev.coded ? (ev.cameo.len >= 3 && ev.root.len == 2) : (ev.cameo.len == 0 && ev.cameo.ptr != NULL));
        CHECK(ev.coded ? str_eq(item.subtype, "") == 0 : item.subtype.len == 0);
        if (str_eq(ev.text, "attack")) attack = i;
        if (str_eq(ev.text, "meet")) meet = i;
        if (str_eq(ev.text, "arrived")) arrived = i;
    }
    CHECK(attack != SIZE_MAX && meet != SIZE_MAX && arrived != SIZE_MAX);
    if (attack != SIZE_MAX) {
        CHECK(dateline_result_event(r, attack, &ev) == DATELINE_STATUS_OK);
        CHECK(str_eq(ev.event_class, "OCCURRENCE") && str_eq(ev.pos, "verb") && str_eq(ev.lemma, "attack"));
        CHECK(str_eq(ev.polarity, "negative") && str_eq(ev.tense, "past") && str_eq(ev.aspect, "none"));
        /* Inside "the army said": reported by that statement. */
        CHECK(str_eq(ev.modality, "reported") && ev.reported_by == 0);
        CHECK(dateline_result_item(r, DATELINE_LAYER_QUOTES, ev.reported_by, &item) == DATELINE_STATUS_OK);
        CHECK(str_eq(item.source, "the army"));
        CHECK(ev.sources == 1 && str_eq(ev.source, "Israeli troops") && ev.targets == 1);
        CHECK(ev.reciprocal == 0); /* one side acting on another */
        CHECK(str_eq(ev.target, "the refugee camp") && ev.target_entity == SIZE_MAX);
        CHECK(ev.has_date == 1 && str_eq(ev.date, "2023-11-07") && ev.date_is_publication == 0);
        CHECK(ev.has_place == 1 && ev.place_is_focus_country == 1 && ev.place_entity == SIZE_MAX);
        CHECK(isnan(ev.lat) && isnan(ev.lon)); /* a focus country has no coordinates */
    }
    if (meet != SIZE_MAX) {
        CHECK(dateline_result_event(r, meet, &ev) == DATELINE_STATUS_OK);
        CHECK(str_eq(ev.tense, "future") && str_eq(ev.modality, "future") && str_eq(ev.polarity, "positive"));
        CHECK(ev.reported_by == SIZE_MAX && ev.sentence == 2);
        /* "He" is Mr Blinken. */
        CHECK(str_eq(ev.source, "He") && ev.source_entity < entities);
        DatelineEntity ent;
        CHECK(dateline_result_entity(r, ev.source_entity, &ent) == DATELINE_STATUS_OK);
        CHECK(str_eq(ent.name, "Blinken"));
        CHECK(str_eq(ev.target, "Turkish Foreign Minister Hakan Fidan"));
        CHECK(ev.has_date == 1 && str_eq(ev.date, "2023-11-09") && ev.date_is_publication == 0);
        CHECK(dateline_result_item(r, DATELINE_LAYER_EVENTS, meet, &item) == DATELINE_STATUS_OK);
        CHECK(str_eq(item.canonical, "meet") && str_eq(item.source, "He"));
    }
    if (arrived != SIZE_MAX) {
        CHECK(dateline_result_event(r, arrived, &ev) == DATELINE_STATUS_OK);
        /* An arrival's target is the place arrived in (CAMEO codes it as a visit to it). */
        CHECK(str_eq(ev.source, "Mr Blinken") && ev.targets == 1 && str_eq(ev.target, "Ankara"));
        CHECK(ev.target_entity < entities && str_eq(ev.target_code, "TUR"));
        CHECK(ev.has_place == 1 && str_eq(ev.place, "Ankara") && str_eq(ev.place_country, "TR"));
        CHECK(ev.place_is_focus_country == 0 && ev.lat > 39.5 && ev.lat < 40.3 && ev.lon > 32.4 && ev.lon < 33.2);
        CHECK(str_eq(ev.date, "2023-11-08") && str_eq(ev.lemma, "arrive"));
    }
    CHECK(dateline_result_event(r, events, &ev) == DATELINE_STATUS_OUT_OF_RANGE);
    CHECK(strstr(dateline_last_error(), "past the end of the events") != NULL);
    CHECK(dateline_result_event(NULL, 0, &ev) == DATELINE_STATUS_NULL_ARGUMENT);
    CHECK(dateline_result_event(r, 0, NULL) == DATELINE_STATUS_NULL_ARGUMENT);
    CHECK(dateline_result_item(r, DATELINE_LAYER_EVENTS, events, &item) == DATELINE_STATUS_OUT_OF_RANGE);
    dateline_result_free(r);
}

struct job {
    const DatelineExtractor *ex;
    size_t sentences;
    int ok;
};

static void *work(void *arg) {
    struct job *job = arg;
    job->ok = 1;
    for (int i = 0; i < 50; i++) {
        DatelineResult *r = NULL;
        if (extract(job->ex, ARTICLE, &r) != DATELINE_STATUS_OK) {
            job->ok = 0;
            continue;
        }
        DatelineArticle a;
        if (dateline_result_article(r, &a) != DATELINE_STATUS_OK) {
            job->ok = 0;
        }
        job->sentences += a.sentences;
        /* Errors are per thread. */
        DatelineResult *bad = NULL;
        if (dateline_extract(job->ex, (const uint8_t *)"\xff", 1, &bad) != DATELINE_STATUS_INVALID_UTF8 ||
            dateline_last_error_byte() != 0) {
            job->ok = 0;
        }
        dateline_result_free(r);
    }
    return NULL;
}

static void test_threads(const DatelineExtractor *ex) {
    enum { N = 4 };
    pthread_t threads[N];
    struct job jobs[N];
    for (int i = 0; i < N; i++) {
        jobs[i] = (struct job){ex, 0, 0};
        CHECK(pthread_create(&threads[i], NULL, work, &jobs[i]) == 0);
    }
    for (int i = 0; i < N; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        CHECK(jobs[i].ok);
        CHECK(jobs[i].sentences == 50 * 3);
    }
}

/* One meeting told by two outlets (written for this test): the later article
 * has no day, the earlier one gives it. */
static void test_link(const DatelineExtractor *ex) {
    const char *records[2] = {
        "{\"id\": \"later\", \"text\": \" date 2024-05-09 Egyptian Foreign Minister Tarek Mansour made an "
        "unannounced visit to Jordan.\\n\\nDuring his meeting with Jordanian Prime Minister Walid al-Khatib, "
        "Mansour discussed the flow of aid.\"}",
        "{\"id\": \"earlier\", \"text\": \" date 2024-05-06 Jordanian Prime Minister Walid Al Khatib met "
        "Egyptian Foreign Minister Tarek Mansour in Amman on Sunday evening, officials said.\"}",
    };
    /* The JSONL of the two extractions, then an error line. */
    const char *error_line = "{\"id\": \"x\", \"error\": {\"kind\": \"empty\"}}\n";
    char *jsonl = NULL;
    size_t jsonl_len = 0;
    for (int i = 0; i < 2; i++) {
        DatelineResult *r = NULL;
        char *json = NULL;
        size_t len = 0;
        CHECK(dateline_extract_json(ex, (const uint8_t *)records[i], strlen(records[i]), &r) == DATELINE_STATUS_OK);
        CHECK(dateline_result_to_json(r, &json, &len) == DATELINE_STATUS_OK);
        char *grown = realloc(jsonl, jsonl_len + len + 1);
        CHECK(grown != NULL);
        if (grown != NULL && json != NULL) {
            jsonl = grown;
            memcpy(jsonl + jsonl_len, json, len);
            jsonl[jsonl_len + len] = '\n';
            jsonl_len += len + 1;
        }
        dateline_string_free(json);
        dateline_result_free(r);
    }
    char *grown = realloc(jsonl, jsonl_len + strlen(error_line));
    CHECK(grown != NULL);
    if (grown == NULL) {
        free(jsonl);
        return;
    }
    jsonl = grown;
    memcpy(jsonl + jsonl_len, error_line, strlen(error_line));
    jsonl_len += strlen(error_line);

    char *linked = NULL;
    size_t linked_len = 0, skipped = 0;
    CHECK(dateline_link_json((const uint8_t *)jsonl, jsonl_len, &linked, &linked_len, &skipped) == DATELINE_STATUS_OK);
    CHECK(linked != NULL && strlen(linked) == linked_len && skipped == 1);
    /* One story of both articles; the meeting dated from the earlier one. */
    CHECK(linked != NULL && strstr(linked, "\"articles\":[\"earlier\",\"later\"]") != NULL);
    CHECK(linked != NULL && strstr(linked, "\"date\":\"2024-05-05\",\"taken_from\":\"earlier\"") != NULL);
    dateline_string_free(linked);

    /* Bad input: a status, a message naming the line, nothing written. */
    linked = NULL;
    const char *bad = "{\"text\": \"an article, not an extraction\"}";
    CHECK(dateline_link_json((const uint8_t *)bad, strlen(bad), &linked, NULL, NULL) == DATELINE_STATUS_INVALID_INPUT);
    CHECK(linked == NULL && strncmp(dateline_last_error(), "line 1: not an extraction", 25) == 0);
    CHECK(dateline_link_json(NULL, 1, &linked, NULL, NULL) == DATELINE_STATUS_NULL_ARGUMENT);
    CHECK(dateline_link_json((const uint8_t *)jsonl, jsonl_len, NULL, NULL, NULL) == DATELINE_STATUS_NULL_ARGUMENT);
    free(jsonl);
}

int main(void) {
    DatelineExtractor *ex = NULL;
    CHECK(dateline_extractor_new(NULL, &ex) == DATELINE_STATUS_OK);
    CHECK(strlen(dateline_version()) > 0);
    test_null_arguments(ex);
    test_bad_input(ex);
    test_accessors(ex);
    test_events(ex);
    test_threads(ex);
    test_link(ex);
    dateline_extractor_free(ex);
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
