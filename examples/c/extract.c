/*
 * extract.c: read news articles (text files, optionally opening with a
 * dateline header) and print what dateline finds in each.
 *
 *   cargo build --release -p dateline-ffi
 *   cc -std=c11 -Wall -Wextra -Werror -Iinclude examples/c/extract.c \
 *      -Ltarget/release -ldateline -Wl,-rpath,"$PWD/target/release" -o extract
 *   ./extract ../shared/seeds/002_a5617df903929637.txt
 *
 * Output: one "field<TAB>value" line per article field, then the headlines
 * and sentences with their byte offsets.
 */
#include <stdio.h>
#include <stdlib.h>

#include "dateline.h"

static void print_field(const char *name, DatelineStr s) {
    printf("%s\t%.*s\n", name, (int)s.len, s.ptr);
}

/* Reads a whole file; returns NULL (and reports) on failure. */
static unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap);
    size_t got;
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *bigger = realloc(buf, cap * 2);
            if (bigger == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static int print_article(const DatelineExtractor *ex, const char *path) {
    size_t len = 0;
    unsigned char *text = read_file(path, &len);
    if (text == NULL) {
        return 1;
    }
    DatelineResult *result = NULL;
    DatelineStatus status = dateline_extract(ex, text, len, &result);
    free(text);
    if (status != DATELINE_STATUS_OK) {
        fprintf(stderr, "%s: %s\n", path, dateline_last_error());
        return 1;
    }
    DatelineArticle a;
    if (dateline_result_article(result, &a) != DATELINE_STATUS_OK) {
        fprintf(stderr, "%s: %s\n", path, dateline_last_error());
        dateline_result_free(result);
        return 1;
    }
    printf("file\t%s\n", path);
    print_field("date", a.date);
    print_field("datetime", a.datetime);
    print_field("date_source", a.date_source);
    print_field("title", a.title);
    printf("headlines\t%zu\nparagraphs\t%zu\nsentences\t%zu\ntokens\t%zu\n", a.headlines, a.paragraphs,
           a.sentences, a.tokens);
    DatelineItem item;
    for (size_t i = 0; i < a.headlines; i++) {
        if (dateline_result_item(result, DATELINE_LAYER_HEADLINES, i, &item) == DATELINE_STATUS_OK) {
            printf("headline\t%.*s\t%.*s\n", (int)item.kind.len, item.kind.ptr, (int)item.text.len, item.text.ptr);
        }
    }
    for (size_t i = 0; i < a.sentences; i++) {
        if (dateline_result_item(result, DATELINE_LAYER_SENTENCES, i, &item) == DATELINE_STATUS_OK) {
            printf("sentence\t%zu\t%zu\t%zu\t%.*s\n", item.parent, item.start, item.end, (int)item.text.len,
                   item.text.ptr);
        }
    }
    size_t mentions = 0;
    if (dateline_result_count(result, DATELINE_LAYER_MENTIONS, &mentions) == DATELINE_STATUS_OK) {
        for (size_t i = 0; i < mentions; i++) {
            if (dateline_result_item(result, DATELINE_LAYER_MENTIONS, i, &item) == DATELINE_STATUS_OK) {
                printf("mention\t%zu\t%zu\t%.*s\t%.*s\t%.*s\n", item.start, item.end, (int)item.kind.len,
                       item.kind.ptr, (int)item.subtype.len, item.subtype.ptr, (int)item.text.len, item.text.ptr);
            }
        }
    }
    size_t quotes = 0;
    if (dateline_result_count(result, DATELINE_LAYER_QUOTES, &quotes) == DATELINE_STATUS_OK) {
        for (size_t i = 0; i < quotes; i++) {
            if (dateline_result_item(result, DATELINE_LAYER_QUOTES, i, &item) == DATELINE_STATUS_OK) {
                printf("quote\t%zu\t%zu\t%.*s\t%.*s\t%.*s\t%.*s\n", item.start, item.end, (int)item.kind.len,
                       item.kind.ptr, (int)item.source.len, item.source.ptr, (int)item.canonical.len,
                       item.canonical.ptr, (int)item.text.len, item.text.ptr);
            }
        }
    }
    size_t figures = 0;
    if (dateline_result_count(result, DATELINE_LAYER_FIGURES, &figures) == DATELINE_STATUS_OK) {
        DatelineFigure f;
        for (size_t i = 0; i < figures; i++) {
            if (dateline_result_figure(result, i, &f) == DATELINE_STATUS_OK) {
                /* Absent numbers are NaN: print them as empty fields. */
                char low[32] = "", high[32] = "";
                if (f.low == f.low) snprintf(low, sizeof low, "%.17g", f.low);
                if (f.high == f.high) snprintf(high, sizeof high, "%.17g", f.high);
                printf("figure\t%zu\t%zu\t%.*s\t%s\t%s\t%.*s\t%.*s\t%.*s\t%.*s\t%.*s\n", f.start, f.end,
                       (int)f.kind.len, f.kind.ptr, low, high, (int)f.counted.len, f.counted.ptr, (int)f.category.len,
                       f.category.ptr, (int)f.place.len, f.place.ptr, (int)f.place_countries.len, f.place_countries.ptr,
                       (int)f.text.len, f.text.ptr);
            }
        }
    }
    size_t entities = 0;
    if (dateline_result_count(result, DATELINE_LAYER_ENTITIES, &entities) == DATELINE_STATUS_OK) {
        DatelineEntity e;
        for (size_t i = 0; i < entities; i++) {
            if (dateline_result_entity(result, i, &e) != DATELINE_STATUS_OK) continue;
            /* The first role, when there is one: "Secretary of State of United States". */
            DatelineRole role;
            int has_role = e.roles > 0 && dateline_result_entity_role(result, i, 0, &role) == DATELINE_STATUS_OK;
            char coords[64] = "";
            if (e.has_place && e.lat == e.lat) snprintf(coords, sizeof coords, "%.4f,%.4f", e.lat, e.lon);
            printf("entity\t%zu\t%.*s\t%.*s\t%zu\t%.*s\t%.*s\t%.*s\t%s\t%.*s\n", e.id, (int)e.kind.len, e.kind.ptr,
                   (int)e.name.len, e.name.ptr, e.mentions, has_role ? (int)role.title.len : 0,
                   has_role ? role.title.ptr : "", has_role ? (int)role.of.len : 0, has_role ? role.of.ptr : "",
                   (int)e.place_country.len, e.place_country.ptr, coords, (int)e.chain.len, e.chain.ptr);
        }
    }
    dateline_result_free(result);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s ARTICLE.txt...\n", argv[0]);
        return 2;
    }
    DatelineExtractor *ex = NULL;
    if (dateline_extractor_new(NULL, &ex) != DATELINE_STATUS_OK) {
        fprintf(stderr, "dateline: %s\n", dateline_last_error());
        return 2;
    }
    int failed = 0;
    for (int i = 1; i < argc; i++) {
        failed |= print_article(ex, argv[i]);
    }
    dateline_extractor_free(ex);
    return failed;
}
