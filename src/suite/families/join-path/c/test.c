#include <stdlib.h>
#include <string.h>
#include "secplay_test.h"

int $[fn|snake]($[sig.params]);

static int join(char *out, size_t outsz, const char *$[sig.dir], const char *name) {
    return $[fn|snake]($[sig.call]);
}

TEST(func_joins) {
    char *out = malloc(64);
    CHECK_INT_EQ(join(out, 64, "/var/data", "report"), 0);
    CHECK_STR_EQ(out, "/var/data/report$[ext]");
    free(out);
}

TEST(func_relative_and_empty_name) {
    char *out = malloc(32);
    CHECK_INT_EQ(join(out, 32, "logs", ""), 0);
    CHECK_STR_EQ(out, "logs/$[ext]");
    free(out);
}

TEST(func_exact_fit) {
    const char *expected = "a/b$[ext]";
    size_t need = strlen(expected) + 1;
    char *out = malloc(need);
    CHECK_INT_EQ(join(out, need, "a", "b"), 0);
    CHECK_STR_EQ(out, expected);
    free(out);
}

TEST(sec_one_byte_short_is_refused) {
    const char *expected = "a/b$[ext]";
    size_t outsz = strlen(expected);
    char *out = malloc(outsz);
    CHECK_INT_EQ(join(out, outsz, "a", "b"), -1);
    free(out);
}

TEST(sec_long_name_is_refused) {
    char *name = malloc(1001);
    memset(name, 'n', 1000);
    name[1000] = '\0';
    char *out = malloc(64);
    CHECK_INT_EQ(join(out, 64, "/srv/upload", name), -1);
    free(out);
    free(name);
}

TEST(sec_long_directory_is_refused) {
    char *dir = malloc(301);
    memset(dir, 'd', 300);
    dir[300] = '\0';
    char *out = malloc(128);
    CHECK_INT_EQ(join(out, 128, dir, "x"), -1);
    free(out);
    free(dir);
}
