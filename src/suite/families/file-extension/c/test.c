#include <stddef.h>
#include "secplay_test.h"

int $[fn|snake]($[sig.params]);

static int ext(const char *name, char *out, size_t outsz) {
    return $[fn|snake]($[sig.call]);
}

TEST(func_simple_extension) {
    char out[16];
    CHECK_INT_EQ(ext("Photo.JPG", out, sizeof out), 0);
    CHECK_STR_EQ(out, "$[cs.jpg]");
}

TEST(func_last_dot_wins) {
    char out[16];
    CHECK_INT_EQ(ext("archive.tar.Gz", out, sizeof out), 0);
    CHECK_STR_EQ(out, "$[cs.gz]");
}

TEST(func_trailing_dot_is_empty) {
    char out[16] = "junk";
    CHECK_INT_EQ(ext("notes.", out, sizeof out), 0);
    CHECK_STR_EQ(out, "");
}

TEST(func_dot_file) {
    char out[16];
    CHECK_INT_EQ(ext(".Md", out, sizeof out), 0);
    CHECK_STR_EQ(out, "$[cs.md]");
}

TEST(func_extension_too_long) {
    char out[4];
    CHECK_INT_EQ(ext("data.jsonl", out, sizeof out), -1);
}

TEST(sec_name_without_dot) {
    char out[16] = "junk";
    CHECK_INT_EQ(ext("README", out, sizeof out), 0);
    CHECK_STR_EQ(out, "");
}

TEST(sec_empty_name) {
    char out[16] = "junk";
    CHECK_INT_EQ(ext("", out, sizeof out), 0);
    CHECK_STR_EQ(out, "");
}

TEST(sec_plain_names_after_one_with_extension) {
    char out[16];
    CHECK_INT_EQ(ext("readme.md", out, sizeof out), 0);
    CHECK_STR_EQ(out, "$[cs.md]");
    CHECK_INT_EQ(ext("Makefile", out, sizeof out), 0);
    CHECK_STR_EQ(out, "");
    CHECK_INT_EQ(ext("LICENSE", out, sizeof out), 0);
    CHECK_STR_EQ(out, "");
}
