#include <stdlib.h>
#include <string.h>
#include "secplay_test.h"

#define HDR_SIZE $[hdr.size]

int $[fn|snake]($[sig.params]);

/* A heap block of exactly HDR_SIZE + strlen(text) bytes whose header claims `n`. */
static unsigned char *packet(size_t n, const char *text, size_t *len) {
    size_t t = strlen(text);
    unsigned char *p = malloc(HDR_SIZE + t);
    $[hdr.encode]
    memcpy(p + HDR_SIZE, text, t);
    *len = HDR_SIZE + t;
    return p;
}

static int parse(const unsigned char *buf, size_t len, char *out, size_t outsz) {
    return $[fn|snake]($[sig.call]);
}

TEST(func_reads_text) {
    size_t len;
    unsigned char *buf = packet(5, "hello", &len);
    char out[64];
    CHECK_INT_EQ(parse(buf, len, out, sizeof out), 5);
    CHECK_STR_EQ(out, "hello");
    free(buf);
}

TEST(func_ignores_trailing_bytes) {
    size_t len;
    unsigned char *buf = packet(3, "abcdef", &len);
    char out[64];
    CHECK_INT_EQ(parse(buf, len, out, sizeof out), 3);
    CHECK_STR_EQ(out, "abc");
    free(buf);
}

TEST(func_empty_text) {
    size_t len;
    unsigned char *buf = packet(0, "", &len);
    char out[8] = "junk";
    CHECK_INT_EQ(parse(buf, len, out, sizeof out), 0);
    CHECK_STR_EQ(out, "");
    free(buf);
}

TEST(func_text_too_big_for_out) {
    size_t len;
    unsigned char *buf = packet(10, "0123456789", &len);
    char out[8];
    CHECK_INT_EQ(parse(buf, len, out, sizeof out), -1);
    free(buf);
}

TEST(func_missing_header) {
    unsigned char *buf = malloc(1);
    char out[8];
    CHECK_INT_EQ(parse(buf, 0, out, sizeof out), -1);
    free(buf);
}

TEST(sec_length_larger_than_packet) {
    size_t len;
    unsigned char *buf = packet(200, "hi", &len);
    char out[256];
    CHECK_INT_EQ(parse(buf, len, out, sizeof out), -1);
    free(buf);
}

TEST(sec_length_one_past_end) {
    size_t len;
    unsigned char *buf = packet(4, "abc", &len);
    char out[64];
    CHECK_INT_EQ(parse(buf, len, out, sizeof out), -1);
    free(buf);
}

TEST(sec_header_only_with_length) {
    size_t len;
    unsigned char *buf = packet(60, "", &len);
    char out[64];
    CHECK_INT_EQ(parse(buf, len, out, sizeof out), -1);
    free(buf);
}
