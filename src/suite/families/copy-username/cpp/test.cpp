#include <cstring>
#include <string>
#include "secplay_test.h"

constexpr std::size_t kFieldSize = $[size];

struct UserRecord {
    int id;
    char $[field][kFieldSize];
    unsigned flags;
};

void $[fn|camel]($[sig.params]);

static UserRecord *new_record() {
    UserRecord *rec = new UserRecord;
    rec->id = 7;
    std::memset(rec->$[field], 'Z', sizeof rec->$[field]);
    rec->flags = 0xA5A5A5A5u;
    return rec;
}

TEST(func_short_name) {
    UserRecord *rec = new_record();
    std::string name = "alice";
    $[fn|camel]($[sig.call]);
    CHECK_STR_EQ(rec->$[field], "alice");
    CHECK_INT_EQ(rec->id, 7);
    CHECK(rec->flags == 0xA5A5A5A5u);
    delete rec;
}

TEST(func_empty_name) {
    UserRecord *rec = new_record();
    std::string name;
    $[fn|camel]($[sig.call]);
    CHECK_STR_EQ(rec->$[field], "");
    delete rec;
}

TEST(func_overwrites_previous) {
    UserRecord *rec = new_record();
    std::string name = "bob-the-builder";
    $[fn|camel]($[sig.call]);
    name = "eve";
    $[fn|camel]($[sig.call]);
    CHECK_STR_EQ(rec->$[field], "eve");
    delete rec;
}

TEST(func_exact_fit) {
    UserRecord *rec = new_record();
    std::string name(kFieldSize - 1, 'n');
    $[fn|camel]($[sig.call]);
    CHECK_STR_EQ(rec->$[field], name.c_str());
    CHECK(rec->flags == 0xA5A5A5A5u);
    delete rec;
}

TEST(sec_long_name_is_truncated) {
    UserRecord *rec = new_record();
    std::string name(kFieldSize, 'x');
    $[fn|camel]($[sig.call]);
    CHECK(rec->flags == 0xA5A5A5A5u);
    CHECK_INT_EQ(std::strlen(rec->$[field]), kFieldSize - 1);
    CHECK(name.compare(0, kFieldSize - 1, rec->$[field]) == 0);
    delete rec;
}

TEST(sec_very_long_name_stays_in_record) {
    UserRecord *rec = new_record();
    std::string name(4096, 'A');
    $[fn|camel]($[sig.call]);
    CHECK(rec->flags == 0xA5A5A5A5u);
    CHECK_INT_EQ(rec->id, 7);
    CHECK_INT_EQ(std::strlen(rec->$[field]), kFieldSize - 1);
    delete rec;
}
