#include <stdlib.h>
#include <string.h>
#include "secplay_test.h"

#define MAX_LEN $[max]

struct record {
    int id;
    char *$[field];
};

void record_free(struct record *r);
int $[fn|snake]($[sig.params]);

static struct record *make(const char *initial) {
    struct record *r = malloc(sizeof *r);
    r->id = 1;
    r->$[field] = strdup(initial);
    return r;
}

static int set(struct record *r, const char *value) {
    return $[fn|snake]($[sig.call]);
}

TEST(func_replaces_value) {
    struct record *r = make("draft");
    CHECK_INT_EQ(set(r, "Final report"), 0);
    CHECK_STR_EQ(r->$[field], "Final report");
    CHECK_INT_EQ(set(r, "v2"), 0);
    CHECK_STR_EQ(r->$[field], "v2");
    record_free(r);
}

TEST(func_copy_is_independent) {
    struct record *r = make("a");
    char buf[16] = "holiday";
    CHECK_INT_EQ(set(r, buf), 0);
    buf[0] = 'X';
    CHECK_STR_EQ(r->$[field], "holiday");
    record_free(r);
}

TEST(func_longest_allowed) {
    struct record *r = make("a");
    char buf[MAX_LEN + 1];
    memset(buf, 't', MAX_LEN);
    buf[MAX_LEN] = '\0';
    CHECK_INT_EQ(set(r, buf), 0);
    CHECK_STR_EQ(r->$[field], buf);
    record_free(r);
}

TEST(sec_too_long_keeps_old_value) {
    struct record *r = make("keep me");
    char buf[MAX_LEN + 2];
    memset(buf, 't', MAX_LEN + 1);
    buf[MAX_LEN + 1] = '\0';
    CHECK_INT_EQ(set(r, buf), -1);
    CHECK_STR_EQ(r->$[field], "keep me");
    record_free(r);
}

TEST(sec_control_character_keeps_old_value) {
    struct record *r = make("original");
    CHECK_INT_EQ(set(r, "evil\r\nheader"), -1);
    CHECK_STR_EQ(r->$[field], "original");
    CHECK_INT_EQ(set(r, "next"), 0);
    CHECK_STR_EQ(r->$[field], "next");
    record_free(r);
}

TEST(sec_rejected_then_destroyed) {
    struct record *r = make("x");
    CHECK_INT_EQ(set(r, "bell\a"), -1);
    record_free(r);
}
