#include <cstddef>
#include <cstring>
#include <string>
#include "secplay_test.h"

std::size_t $[fn|camel]($[sig.params]);

static std::size_t esc(const std::string &in, char *out, std::size_t outsz) {
    return $[fn|camel]($[sig.call]);
}

TEST(func_plain_text_unchanged) {
    char *out = new char[64];
    CHECK_INT_EQ(esc("hello world", out, 64), 11);
    CHECK_STR_EQ(out, "hello world");
    delete[] out;
}

TEST(func_escapes_specials) {
    char *out = new char[128];
    const std::string expected = "&lt;a href=$[quot]x$[quot]&gt;Tom &amp; Jerry&lt;/a&gt;";
    CHECK_INT_EQ(esc("<a href=\"x\">Tom & Jerry</a>", out, 128), expected.size());
    CHECK_STR_EQ(out, expected.c_str());
    delete[] out;
}

TEST(func_empty_input) {
    char *out = new char[4];
    out[0] = 'x';
    CHECK_INT_EQ(esc("", out, 4), 0);
    CHECK_STR_EQ(out, "");
    delete[] out;
}

TEST(func_plain_text_truncated) {
    char *out = new char[6];
    CHECK_INT_EQ(esc("abcdefghij", out, 6), 5);
    CHECK_STR_EQ(out, "abcde");
    delete[] out;
}

// The output must fit, be terminated, and be a prefix of the full escaping that does not end
// inside an entity.
static void check_bounded(const std::string &in, std::size_t outsz, const std::string &full) {
    char *out = new char[outsz];
    std::size_t n = esc(in, out, outsz);
    CHECK(n < outsz);
    CHECK_INT_EQ(std::strlen(out), n);
    CHECK(full.compare(0, n, out) == 0);
    const char *amp = std::strrchr(out, '&');
    CHECK(amp == nullptr || std::strchr(amp, ';') != nullptr);
    delete[] out;
}

TEST(sec_entity_at_end_does_not_overflow) {
    check_bounded("abcdefg\"", 10, "abcdefg$[quot]");
}

TEST(sec_many_entities_small_buffer) {
    std::string full;
    for (int i = 0; i < 40; i++) full += "&lt;";
    check_bounded(std::string(40, '<'), 16, full);
}

TEST(sec_every_boundary) {
    for (std::size_t outsz = 1; outsz < 30; outsz++) check_bounded("x&y\"z<w>", outsz, "x&amp;y$[quot]z&lt;w&gt;");
}
