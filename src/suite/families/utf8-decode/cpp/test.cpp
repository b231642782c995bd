#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>
#include "secplay_test.h"

int $[fn|camel]($[sig.params]);

// Decode at `pos` from a vector whose heap block holds exactly the bytes of `bytes`.
static int decode(const std::string &bytes, std::size_t pos, char32_t &cp) {
    const std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
    return $[fn|camel]($[sig.call]);
}

TEST(func_ascii) {
    char32_t cp = 0;
    CHECK_INT_EQ(decode("A", 0, cp), 1);
    CHECK_INT_EQ(cp, 0x41);
    CHECK_INT_EQ(decode("zebra", 2, cp), 1);
    CHECK_INT_EQ(cp, 'b');
}

TEST(func_multibyte) {
    char32_t cp = 0;
    CHECK_INT_EQ(decode("\xC3\xA9", 0, cp), 2);
    CHECK_INT_EQ(cp, 0xE9);
    CHECK_INT_EQ(decode("x\xE2\x82\xAC rest", 1, cp), 3);
    CHECK_INT_EQ(cp, 0x20AC);
    CHECK_INT_EQ(decode("\xF0\x9F\x98\x80", 0, cp), 4);
    CHECK_INT_EQ(cp, 0x1F600);
}

TEST(func_invalid_bytes) {
    char32_t cp = 0;
    CHECK_INT_EQ(decode("\x80", 0, cp), -1);
    CHECK_INT_EQ(decode("\xFF\x41", 0, cp), -1);
    CHECK_INT_EQ(decode("\xC3\x41", 0, cp), -1);
    CHECK_INT_EQ(decode("ab", 2, cp), -1);
}

TEST(sec_truncated_two_byte) {
    char32_t cp = 0;
    CHECK_INT_EQ(decode("abc\xC3", 3, cp), -1);
}

TEST(sec_truncated_four_byte) {
    char32_t cp = 0;
    CHECK_INT_EQ(decode("\xF0\x9F", 0, cp), -1);
}

TEST(sec_truncated_three_byte_at_end) {
    char32_t cp = 0;
    CHECK_INT_EQ(decode("ok\xE2\x82", 2, cp), -1);
}

TEST(sec_bytes_beyond_size_are_not_input) {
    // the third byte is still in the vector's storage, but no longer part of the data
    std::vector<std::uint8_t> data = {0xE2, 0x82, 0xAC};
    data.pop_back();
    std::size_t pos = 0;
    char32_t cp = 0;
    CHECK_INT_EQ($[fn|camel]($[sig.call]), -1);
}
