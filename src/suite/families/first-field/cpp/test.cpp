#include <cstddef>
#include <cstring>
#include <string>
#include "secplay_test.h"

std::string $[fn|camel]($[sig.params]);

static std::string field(const char *rec, std::size_t len) {
    return $[fn|camel]($[sig.call]);
}

TEST(func_first_of_several) {
    const char *rec = "alice$[delim.ch]42$[delim.ch]admin";
    CHECK(field(rec, std::strlen(rec)) == "alice");
}

TEST(func_empty_first_field) {
    const char *rec = "$[delim.ch]x";
    CHECK(field(rec, std::strlen(rec)).empty());
}

TEST(func_whole_terminated_record) {
    const char *rec = "single";
    CHECK(field(rec, std::strlen(rec)) == "single");
}

// A heap block holding exactly the `len` bytes of `text` (no terminator).
static char *raw(const char *text, std::size_t len) {
    char *p = new char[len];
    std::memcpy(p, text, len);
    return p;
}

TEST(sec_unterminated_without_delimiter) {
    char *rec = raw("bob", 3);
    CHECK(field(rec, 3) == "bob");
    delete[] rec;
}

TEST(sec_delimiter_after_end_is_not_part_of_record) {
    const char *buf = "alphabeta$[delim.ch]gamma";
    CHECK(field(buf, 5) == "alpha");
}

TEST(sec_long_unterminated_record) {
    std::string text(200, 'q');
    char *rec = raw(text.data(), text.size());
    CHECK(field(rec, 200) == text);
    delete[] rec;
}
