#include <cstddef>
#include <string>
#include <$[lookup]>
#include <vector>
#include "secplay_test.h"

using AliasTable = std::$[lookup]<std::string, std::string>;

std::size_t $[fn|camel]($[sig.params]);

static std::size_t expand(std::vector<std::string> &names) {
    const AliasTable aliases = {{"web", "www"}, {"db", "postgres"}, {"cache", "redis"}};
    return $[fn|camel]($[sig.call]);
}

// A vector holding `init` with room for exactly `cap` entries.
static std::vector<std::string> make(std::vector<std::string> init, std::size_t cap) {
    std::vector<std::string> v;
    v.reserve(cap);
    for (auto &s : init) v.push_back(s);
    return v;
}

TEST(func_appends_aliases_in_order) {
    std::vector<std::string> names = make({"db", "mail", "web"}, 16);
    CHECK_INT_EQ(expand(names), 2);
    CHECK(names == std::vector<std::string>({"db", "mail", "web", "postgres", "www"}));
}

TEST(func_no_aliases) {
    std::vector<std::string> names = make({"mail", "ftp"}, 8);
    CHECK_INT_EQ(expand(names), 0);
    CHECK_INT_EQ(names.size(), 2);
}

TEST(func_empty_list) {
    std::vector<std::string> names;
    CHECK_INT_EQ(expand(names), 0);
    CHECK(names.empty());
}

TEST(sec_full_list_grows_while_expanding) {
    std::vector<std::string> names = {"web", "db", "cache", "mail"};
    names.shrink_to_fit();
    CHECK_INT_EQ(expand(names), 3);
    CHECK(names == std::vector<std::string>({"web", "db", "cache", "mail", "www", "postgres", "redis"}));
}

TEST(sec_many_growths) {
    std::vector<std::string> names;
    for (int i = 0; i < 40; i++) names.push_back(i % 2 == 0 ? "db" : "cache");
    names.shrink_to_fit();
    CHECK_INT_EQ(expand(names), 40);
    CHECK_INT_EQ(names.size(), 80);
    for (int i = 0; i < 40; i++) CHECK(names[40 + i] == (i % 2 == 0 ? "postgres" : "redis"));
}
