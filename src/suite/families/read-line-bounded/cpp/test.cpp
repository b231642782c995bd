#include <cstddef>
#include <cstring>
#include <istream>
#include <sstream>
#include <string>
#include "secplay_test.h"

long $[fn|camel]($[sig.params]);

static long next(std::istream &in, char *buf, std::size_t size) {
    return $[fn|camel]($[sig.call]);
}

TEST(func_reads_lines_in_order) {
    std::istringstream in("first\nsecond line\nthird");
    char *buf = new char[32];
    CHECK_INT_EQ(next(in, buf, 32), 5);
    CHECK_STR_EQ(buf, "first");
    CHECK_INT_EQ(next(in, buf, 32), 11);
    CHECK_STR_EQ(buf, "second line");
    CHECK_INT_EQ(next(in, buf, 32), 5);
    CHECK_STR_EQ(buf, "third");
    CHECK_INT_EQ(next(in, buf, 32), -1);
    delete[] buf;
}

TEST(func_empty_line) {
    std::istringstream in("\nx\n");
    char *buf = new char[8];
    CHECK_INT_EQ(next(in, buf, 8), 0);
    CHECK_STR_EQ(buf, "");
    CHECK_INT_EQ(next(in, buf, 8), 1);
    CHECK_STR_EQ(buf, "x");
    delete[] buf;
}

TEST(func_empty_input) {
    std::istringstream in("");
    char *buf = new char[8];
    CHECK_INT_EQ(next(in, buf, 8), -1);
    delete[] buf;
}

TEST(func_line_that_just_fits) {
    std::istringstream in("abcdefg\nz\n");
    char *buf = new char[8];
    CHECK_INT_EQ(next(in, buf, 8), 7);
    CHECK_STR_EQ(buf, "abcdefg");
    delete[] buf;
}

TEST(sec_line_as_long_as_buffer) {
    std::istringstream in("abcdefgh\nnext\n");
    char *buf = new char[8];
    CHECK_INT_EQ(next(in, buf, 8), 7);
    CHECK_STR_EQ(buf, "abcdefg");
    CHECK_INT_EQ(next(in, buf, 8), 4);
    CHECK_STR_EQ(buf, "next");
    delete[] buf;
}

TEST(sec_very_long_line) {
    std::istringstream in(std::string(1000, 'L') + "\nk");
    char *buf = new char[16];
    CHECK_INT_EQ(next(in, buf, 16), 15);
    CHECK_INT_EQ(std::strlen(buf), 15);
    CHECK_INT_EQ(next(in, buf, 16), 1);
    CHECK_STR_EQ(buf, "k");
    delete[] buf;
}

TEST(sec_one_byte_buffer) {
    std::istringstream in("hello\n");
    char *buf = new char[1];
    CHECK_INT_EQ(next(in, buf, 1), 0);
    CHECK_STR_EQ(buf, "");
    delete[] buf;
}
