#include <cstddef>
#include <cstring>
#include <string>
#include "secplay_test.h"

constexpr std::size_t kMaxLen = $[max];

struct Record {
    int id = 0;
    char *$[field] = nullptr;
    ~Record() { delete[] $[field]; }
};

bool $[fn|camel]($[sig.params]);

static Record *make(const char *initial) {
    Record *r = new Record;
    r->$[field] = new char[std::strlen(initial) + 1];
    std::strcpy(r->$[field], initial);
    return r;
}

static bool set(Record *r, const std::string &value) {
    return $[fn|camel]($[sig.call]);
}

TEST(func_replaces_value) {
    Record *r = make("draft");
    CHECK(set(r, "Final report"));
    CHECK_STR_EQ(r->$[field], "Final report");
    CHECK(set(r, "v2"));
    CHECK_STR_EQ(r->$[field], "v2");
    delete r;
}

TEST(func_longest_allowed) {
    Record *r = make("a");
    const std::string v(kMaxLen, 't');
    CHECK(set(r, v));
    CHECK_STR_EQ(r->$[field], v.c_str());
    delete r;
}

TEST(func_empty_value) {
    Record *r = make("a");
    CHECK(set(r, ""));
    CHECK_STR_EQ(r->$[field], "");
    delete r;
}

TEST(sec_too_long_keeps_old_value) {
    Record *r = make("keep me");
    CHECK(!set(r, std::string(kMaxLen + 1, 't')));
    CHECK_STR_EQ(r->$[field], "keep me");
    delete r;
}

TEST(sec_control_character_keeps_old_value) {
    Record *r = make("original");
    CHECK(!set(r, "evil\r\nheader"));
    CHECK_STR_EQ(r->$[field], "original");
    CHECK(set(r, "next"));
    CHECK_STR_EQ(r->$[field], "next");
    delete r;
}

TEST(sec_rejected_then_destroyed) {
    Record *r = make("x");
    CHECK(!set(r, "bell\a"));
    delete r;
}
