#include <cstddef>
#include <cstring>
#include <string>
#include "secplay_test.h"

bool $[fn|camel]($[sig.params]);

static bool join(char *out, std::size_t outsz, const std::string &$[sig.dir], const std::string &name) {
    return $[fn|camel]($[sig.call]);
}

TEST(func_joins) {
    char *out = new char[64];
    CHECK(join(out, 64, "/var/data", "report"));
    CHECK_STR_EQ(out, "/var/data/report$[ext]");
    delete[] out;
}

TEST(func_relative_and_empty_name) {
    char *out = new char[32];
    CHECK(join(out, 32, "logs", ""));
    CHECK_STR_EQ(out, "logs/$[ext]");
    delete[] out;
}

TEST(func_exact_fit) {
    const std::string expected = "a/b$[ext]";
    char *out = new char[expected.size() + 1];
    CHECK(join(out, expected.size() + 1, "a", "b"));
    CHECK_STR_EQ(out, expected.c_str());
    delete[] out;
}

TEST(sec_one_byte_short_is_refused) {
    const std::string expected = "a/b$[ext]";
    char *out = new char[expected.size()];
    CHECK(!join(out, expected.size(), "a", "b"));
    delete[] out;
}

TEST(sec_long_name_is_refused) {
    char *out = new char[64];
    CHECK(!join(out, 64, "/srv/upload", std::string(1000, 'n')));
    delete[] out;
}

TEST(sec_long_directory_is_refused) {
    char *out = new char[128];
    CHECK(!join(out, 128, std::string(300, 'd'), "x"));
    delete[] out;
}
