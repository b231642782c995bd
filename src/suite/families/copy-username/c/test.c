#include <stdlib.h>
#include <string.h>
#include "secplay_test.h"

#define FIELD_SIZE $[size]

struct user_record {
    int id;
    char $[field][FIELD_SIZE];
    unsigned flags;
};

void $[fn|snake]($[sig.params]);

static struct user_record *new_record(void) {
    struct user_record *rec = malloc(sizeof *rec);
    rec->id = 7;
    memset(rec->$[field], 'Z', sizeof rec->$[field]);
    rec->flags = 0xA5A5A5A5u;
    return rec;
}

TEST(func_short_name) {
    struct user_record *rec = new_record();
    const char *name = "alice";
    $[fn|snake]($[sig.call]);
    CHECK_STR_EQ(rec->$[field], "alice");
    CHECK_INT_EQ(rec->id, 7);
    CHECK(rec->flags == 0xA5A5A5A5u);
    free(rec);
}

TEST(func_empty_name) {
    struct user_record *rec = new_record();
    const char *name = "";
    $[fn|snake]($[sig.call]);
    CHECK_STR_EQ(rec->$[field], "");
    free(rec);
}

TEST(func_overwrites_previous) {
    struct user_record *rec = new_record();
    const char *name = "bob-the-builder";
    $[fn|snake]($[sig.call]);
    name = "eve";
    $[fn|snake]($[sig.call]);
    CHECK_STR_EQ(rec->$[field], "eve");
    free(rec);
}

TEST(func_exact_fit) {
    struct user_record *rec = new_record();
    char buf[FIELD_SIZE];
    memset(buf, 'n', FIELD_SIZE - 1);
    buf[FIELD_SIZE - 1] = '\0';
    const char *name = buf;
    $[fn|snake]($[sig.call]);
    CHECK_STR_EQ(rec->$[field], buf);
    CHECK(rec->flags == 0xA5A5A5A5u);
    free(rec);
}

TEST(sec_long_name_is_truncated) {
    struct user_record *rec = new_record();
    char buf[FIELD_SIZE + 1];
    memset(buf, 'x', FIELD_SIZE);
    buf[FIELD_SIZE] = '\0';
    const char *name = buf;
    $[fn|snake]($[sig.call]);
    CHECK(rec->flags == 0xA5A5A5A5u);
    CHECK_INT_EQ(strlen(rec->$[field]), FIELD_SIZE - 1);
    CHECK(strncmp(rec->$[field], buf, FIELD_SIZE - 1) == 0);
    free(rec);
}

TEST(sec_very_long_name_stays_in_record) {
    struct user_record *rec = new_record();
    char *buf = malloc(4097);
    memset(buf, 'A', 4096);
    buf[4096] = '\0';
    const char *name = buf;
    $[fn|snake]($[sig.call]);
    CHECK(rec->flags == 0xA5A5A5A5u);
    CHECK_INT_EQ(rec->id, 7);
    CHECK_INT_EQ(strlen(rec->$[field]), FIELD_SIZE - 1);
    free(buf);
    free(rec);
}
