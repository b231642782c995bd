#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "secplay_test.h"

int $[fn|snake]($[sig.params]);

/* Decode from a heap block holding exactly the `len` bytes of `bytes`. */
static int decode(const char *bytes, size_t len, unsigned long *out) {
    unsigned char *s = malloc(len > 0 ? len : 1);
    memcpy(s, bytes, len);
    $[sig.t] value = 0xFFFFFFFFu;
    $[sig.t] *cp = &value;
    int r = $[fn|snake]($[sig.call]);
    *out = (unsigned long)value;
    free(s);
    return r;
}

TEST(func_ascii) {
    unsigned long cp;
    CHECK_INT_EQ(decode("A", 1, &cp), 1);
    CHECK_INT_EQ(cp, 0x41);
    CHECK_INT_EQ(decode("zebra", 5, &cp), 1);
    CHECK_INT_EQ(cp, 'z');
}

TEST(func_multibyte) {
    unsigned long cp;
    CHECK_INT_EQ(decode("\xC3\xA9", 2, &cp), 2); /* e acute */
    CHECK_INT_EQ(cp, 0xE9);
    CHECK_INT_EQ(decode("\xE2\x82\xAC rest", 8, &cp), 3); /* euro sign */
    CHECK_INT_EQ(cp, 0x20AC);
    CHECK_INT_EQ(decode("\xF0\x9F\x98\x80", 4, &cp), 4); /* emoji */
    CHECK_INT_EQ(cp, 0x1F600);
}

TEST(func_invalid_bytes) {
    unsigned long cp;
    CHECK_INT_EQ(decode("\x80", 1, &cp), -1);
    CHECK_INT_EQ(decode("\xFF\x41", 2, &cp), -1);
    CHECK_INT_EQ(decode("\xC3\x41", 2, &cp), -1);
    CHECK_INT_EQ(decode("", 0, &cp), -1);
}

TEST(sec_truncated_two_byte) {
    unsigned long cp;
    CHECK_INT_EQ(decode("\xC3", 1, &cp), -1);
}

TEST(sec_truncated_four_byte) {
    unsigned long cp;
    CHECK_INT_EQ(decode("\xF0\x9F", 2, &cp), -1);
}

TEST(sec_bytes_after_end_are_not_input) {
    /* the input is the first 2 bytes only; the third byte lies beyond `len` */
    const unsigned char buf[] = {0xE2, 0x82, 0xAC, 0x00};
    const unsigned char *s = buf;
    size_t len = 2;
    $[sig.t] value = 0;
    $[sig.t] *cp = &value;
    CHECK_INT_EQ($[fn|snake]($[sig.call]), -1);
}
