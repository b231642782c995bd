#include <stdlib.h>
#include <string.h>
#include "secplay_test.h"

struct strbuf {
    char *$[f.d];
    size_t $[f.l];
    size_t $[f.c];
};

char *$[fn|snake]($[sig.params]);

static struct strbuf *new_buf(size_t cap) {
    struct strbuf *sb = malloc(sizeof *sb);
    sb->$[f.d] = malloc(cap);
    /* a live block right after the buffer, so that growing it has to move it */
    static void *guard[8];
    static int nguard = 0;
    if (nguard < 8) guard[nguard++] = malloc(32);
    sb->$[f.d][0] = '\0';
    sb->$[f.l] = 0;
    sb->$[f.c] = cap;
    return sb;
}

static char *append(struct strbuf *sb, const char *s) {
    return $[fn|snake]($[sig.call]);
}

TEST(func_append_within_capacity) {
    struct strbuf *sb = new_buf(64);
    char *a = append(sb, "hello");
    CHECK(a == sb->$[f.d]);
    char *b = append(sb, ", world");
    CHECK(b == sb->$[f.d] + 5);
    CHECK_STR_EQ(b, ", world");
    CHECK_STR_EQ(sb->$[f.d], "hello, world");
    CHECK_INT_EQ(sb->$[f.l], 12);
    free(sb->$[f.d]);
    free(sb);
}

TEST(func_append_empty) {
    struct strbuf *sb = new_buf(16);
    append(sb, "abc");
    char *e = append(sb, "");
    CHECK(e == sb->$[f.d] + 3);
    CHECK_STR_EQ(sb->$[f.d], "abc");
    CHECK_INT_EQ(sb->$[f.l], 3);
    free(sb->$[f.d]);
    free(sb);
}

TEST(func_fills_exactly) {
    struct strbuf *sb = new_buf(8);
    append(sb, "1234");
    char *r = append(sb, "567");
    CHECK_STR_EQ(r, "567");
    CHECK_STR_EQ(sb->$[f.d], "1234567");
    CHECK_INT_EQ(sb->$[f.l], 7);
    free(sb->$[f.d]);
    free(sb);
}

TEST(sec_growth_keeps_pointer_valid) {
    struct strbuf *sb = new_buf(8);
    append(sb, "start");
    char *r = append(sb, "-this-does-not-fit-in-eight-bytes");
    CHECK(sb->$[f.c] >= sb->$[f.l] + 1);
    CHECK_STR_EQ(sb->$[f.d], "start-this-does-not-fit-in-eight-bytes");
    CHECK(r == sb->$[f.d] + 5);
    CHECK_STR_EQ(r, "-this-does-not-fit-in-eight-bytes");
    free(sb->$[f.d]);
    free(sb);
}

TEST(sec_many_appends_grow_repeatedly) {
    struct strbuf *sb = new_buf(4);
    char expected[2048] = "";
    for (int i = 0; i < 100; i++) {
        char *r = append(sb, "0123456789");
        CHECK(r != NULL);
        CHECK_STR_EQ(r, "0123456789");
        strcat(expected, "0123456789");
    }
    CHECK_STR_EQ(sb->$[f.d], expected);
    CHECK_INT_EQ(sb->$[f.l], 1000);
    free(sb->$[f.d]);
    free(sb);
}
