#include <cstddef>
#include <cstring>
#include <string>
#include "secplay_test.h"

constexpr std::size_t kNameSize = $[size];

struct Conn {
    int fd = -1;
    char $[field][kNameSize];
};

std::size_t $[fn|camel]($[sig.params]);

static std::size_t store(Conn *c, const std::string &name) {
    return $[fn|camel]($[sig.call]);
}

static Conn *make() {
    Conn *c = new Conn;
    c->fd = 3;
    std::memset(c->$[field], 'Z', sizeof c->$[field]);
    return c;
}

TEST(func_short_name) {
    Conn *c = make();
    CHECK_INT_EQ(store(c, "example.org"), 11);
    CHECK_STR_EQ(c->$[field], "example.org");
    CHECK_INT_EQ(c->fd, 3);
    delete c;
}

TEST(func_empty_name) {
    Conn *c = make();
    CHECK_INT_EQ(store(c, ""), 0);
    CHECK_STR_EQ(c->$[field], "");
    delete c;
}

TEST(func_replaces_previous_name) {
    Conn *c = make();
    store(c, "first.example");
    CHECK_INT_EQ(store(c, "b.io"), 4);
    CHECK_STR_EQ(c->$[field], "b.io");
    delete c;
}

TEST(sec_name_exactly_field_size) {
    Conn *c = make();
    CHECK_INT_EQ(store(c, std::string(kNameSize, 'h')), kNameSize - 1);
    CHECK_INT_EQ(std::strlen(c->$[field]), kNameSize - 1);
    delete c;
}

TEST(sec_long_name) {
    Conn *c = make();
    const std::string name(300, 'x');
    CHECK_INT_EQ(store(c, name), kNameSize - 1);
    CHECK(name.compare(0, kNameSize - 1, c->$[field]) == 0);
    CHECK_INT_EQ(c->$[field][kNameSize - 1], '\0');
    delete c;
}
