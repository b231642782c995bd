#include <stdlib.h>
#include <string.h>
#include "secplay_test.h"

int $[fn|snake]($[sig.params]);

static int field(const char *rec, size_t len, char *out, size_t outsz) {
    return $[fn|snake]($[sig.call]);
}

TEST(func_first_of_several) {
    const char *rec = "alice$[delim.ch]42$[delim.ch]admin";
    char out[32];
    CHECK_INT_EQ(field(rec, strlen(rec), out, sizeof out), 5);
    CHECK_STR_EQ(out, "alice");
}

TEST(func_empty_first_field) {
    const char *rec = "$[delim.ch]x";
    char out[8] = "junk";
    CHECK_INT_EQ(field(rec, strlen(rec), out, sizeof out), 0);
    CHECK_STR_EQ(out, "");
}

TEST(func_field_too_long) {
    const char *rec = "abcdefghijkl$[delim.ch]z";
    char out[8];
    CHECK_INT_EQ(field(rec, strlen(rec), out, sizeof out), -1);
}

/* A heap block holding exactly the `len` bytes of `text` (no terminator). */
static char *raw(const char *text, size_t len) {
    char *p = malloc(len);
    memcpy(p, text, len);
    return p;
}

TEST(sec_unterminated_without_delimiter) {
    char *rec = raw("bob", 3);
    char out[32];
    CHECK_INT_EQ(field(rec, 3, out, sizeof out), 3);
    CHECK_STR_EQ(out, "bob");
    free(rec);
}

TEST(sec_delimiter_after_end_is_not_part_of_record) {
    const char *buf = "alphabeta$[delim.ch]gamma";
    char out[32];
    CHECK_INT_EQ(field(buf, 5, out, sizeof out), 5);
    CHECK_STR_EQ(out, "alpha");
}

TEST(sec_long_unterminated_record) {
    char *text = malloc(200);
    memset(text, 'q', 200);
    char *rec = raw(text, 200);
    free(text);
    char *out = malloc(256);
    CHECK_INT_EQ(field(rec, 200, out, 256), 200);
    CHECK_INT_EQ(strlen(out), 200);
    free(out);
    free(rec);
}
