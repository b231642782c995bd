#include <string>
#include "secplay_test.h"

std::string $[fn|camel]($[sig.params]);

static std::string ext(const char *name) {
    return $[fn|camel]($[sig.call]);
}

TEST(func_simple_extension) {
    CHECK(ext("Photo.JPG") == "$[cs.jpg]");
}

TEST(func_last_dot_wins) {
    CHECK(ext("archive.tar.Gz") == "$[cs.gz]");
}

TEST(func_trailing_dot_is_empty) {
    CHECK(ext("notes.").empty());
}

TEST(func_dot_file) {
    CHECK(ext(".Md") == "$[cs.md]");
}

TEST(sec_name_without_dot) {
    CHECK(ext("README").empty());
}

TEST(sec_empty_name) {
    CHECK(ext("").empty());
}

TEST(sec_plain_names_after_one_with_extension) {
    CHECK(ext("readme.md") == "$[cs.md]");
    CHECK(ext("Makefile").empty());
    CHECK(ext("LICENSE").empty());
}
