#include <stdlib.h>
#include <string.h>
#include "secplay_test.h"

size_t $[fn|snake]($[sig.params]);

static size_t esc(const char *in, char *out, size_t outsz) {
    return $[fn|snake]($[sig.call]);
}

TEST(func_plain_text_unchanged) {
    char *out = malloc(64);
    CHECK_INT_EQ(esc("hello world", out, 64), 11);
    CHECK_STR_EQ(out, "hello world");
    free(out);
}

TEST(func_escapes_specials) {
    char *out = malloc(128);
    const char *expected = "&lt;a href=$[quot]x$[quot]&gt;Tom &amp; Jerry&lt;/a&gt;";
    CHECK_INT_EQ(esc("<a href=\"x\">Tom & Jerry</a>", out, 128), strlen(expected));
    CHECK_STR_EQ(out, expected);
    free(out);
}

TEST(func_empty_input) {
    char *out = malloc(4);
    out[0] = 'x';
    CHECK_INT_EQ(esc("", out, 4), 0);
    CHECK_STR_EQ(out, "");
    free(out);
}

TEST(func_plain_text_truncated) {
    char *out = malloc(6);
    CHECK_INT_EQ(esc("abcdefghij", out, 6), 5);
    CHECK_STR_EQ(out, "abcde");
    free(out);
}

/* The output of escaping `in` into `outsz` bytes must fit, be terminated, and be a prefix of
 * the full escaping that does not end inside an entity. */
static void check_bounded(const char *in, size_t outsz, const char *full) {
    char *out = malloc(outsz);
    size_t n = esc(in, out, outsz);
    CHECK(n < outsz);
    CHECK_INT_EQ(strlen(out), n);
    CHECK(strncmp(out, full, n) == 0);
    const char *amp = strrchr(out, '&');
    CHECK(amp == NULL || strchr(amp, ';') != NULL);
    free(out);
}

TEST(sec_entity_at_end_does_not_overflow) {
    check_bounded("abcdefg\"", 10, "abcdefg$[quot]");
}

TEST(sec_many_entities_small_buffer) {
    check_bounded("<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", 16, "&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;");
}

TEST(sec_every_boundary) {
    const char *in = "x&y\"z<w>";
    const char *full = "x&amp;y$[quot]z&lt;w&gt;";
    for (size_t outsz = 1; outsz < 30; outsz++) check_bounded(in, outsz, full);
}
