#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "secplay_test.h"

long $[fn|snake]($[sig.params]);

static FILE *input(const char *text) {
    FILE *f = tmpfile();
    CHECK(f != NULL);
    fputs(text, f);
    rewind(f);
    return f;
}

static long next(FILE *f, char *buf, size_t size) {
    return $[fn|snake]($[sig.call]);
}

TEST(func_reads_lines_in_order) {
    FILE *f = input("first\nsecond line\nthird");
    char *buf = malloc(32);
    CHECK_INT_EQ(next(f, buf, 32), 5);
    CHECK_STR_EQ(buf, "first");
    CHECK_INT_EQ(next(f, buf, 32), 11);
    CHECK_STR_EQ(buf, "second line");
    CHECK_INT_EQ(next(f, buf, 32), 5);
    CHECK_STR_EQ(buf, "third");
    CHECK_INT_EQ(next(f, buf, 32), -1);
    free(buf);
    fclose(f);
}

TEST(func_empty_line) {
    FILE *f = input("\nx\n");
    char *buf = malloc(8);
    CHECK_INT_EQ(next(f, buf, 8), 0);
    CHECK_STR_EQ(buf, "");
    CHECK_INT_EQ(next(f, buf, 8), 1);
    CHECK_STR_EQ(buf, "x");
    free(buf);
    fclose(f);
}

TEST(func_empty_input) {
    FILE *f = input("");
    char *buf = malloc(8);
    CHECK_INT_EQ(next(f, buf, 8), -1);
    free(buf);
    fclose(f);
}

TEST(func_line_that_just_fits) {
    FILE *f = input("abcdefg\nz\n");
    char *buf = malloc(8);
    CHECK_INT_EQ(next(f, buf, 8), 7);
    CHECK_STR_EQ(buf, "abcdefg");
    free(buf);
    fclose(f);
}

TEST(sec_line_as_long_as_buffer) {
    FILE *f = input("abcdefgh\nnext\n");
    char *buf = malloc(8);
    CHECK_INT_EQ(next(f, buf, 8), 7);
    CHECK_STR_EQ(buf, "abcdefg");
    CHECK_INT_EQ(next(f, buf, 8), 4);
    CHECK_STR_EQ(buf, "next");
    free(buf);
    fclose(f);
}

TEST(sec_very_long_line) {
    char *text = malloc(1003);
    memset(text, 'L', 1000);
    strcpy(text + 1000, "\nk");
    FILE *f = input(text);
    free(text);
    char *buf = malloc(16);
    CHECK_INT_EQ(next(f, buf, 16), 15);
    CHECK_INT_EQ(strlen(buf), 15);
    CHECK_INT_EQ(next(f, buf, 16), 1);
    CHECK_STR_EQ(buf, "k");
    free(buf);
    fclose(f);
}

TEST(sec_one_byte_buffer) {
    FILE *f = input("hello\n");
    char *buf = malloc(1);
    CHECK_INT_EQ(next(f, buf, 1), 0);
    CHECK_STR_EQ(buf, "");
    free(buf);
    fclose(f);
}
