#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>
#include "secplay_test.h"

constexpr std::size_t kHeaderSize = $[hdr.size];

bool $[fn|camel]($[sig.params]);

static void put(std::vector<std::uint8_t> &v, std::size_t n, const std::string &text) {
    $[hdr.encode]
    v.insert(v.end(), text.begin(), text.end());
}

// A vector whose heap block holds exactly its bytes.
static std::vector<std::uint8_t> exact(const std::vector<std::uint8_t> &v) {
    return std::vector<std::uint8_t>(v.begin(), v.end());
}

static bool parse(const std::vector<std::uint8_t> &data, std::size_t &pos, std::string &out) {
    return $[fn|camel]($[sig.call]);
}

TEST(func_reads_text) {
    std::vector<std::uint8_t> v;
    put(v, 5, "hello");
    std::vector<std::uint8_t> data = exact(v);
    std::size_t pos = 0;
    std::string out;
    CHECK(parse(data, pos, out));
    CHECK(out == "hello");
    CHECK_INT_EQ(pos, kHeaderSize + 5);
}

TEST(func_reads_consecutive) {
    std::vector<std::uint8_t> v;
    put(v, 3, "abc");
    put(v, 0, "");
    put(v, 4, "wxyz");
    std::vector<std::uint8_t> data = exact(v);
    std::size_t pos = 0;
    std::string out;
    CHECK(parse(data, pos, out));
    CHECK(out == "abc");
    CHECK(parse(data, pos, out));
    CHECK(out.empty());
    CHECK(parse(data, pos, out));
    CHECK(out == "wxyz");
    CHECK_INT_EQ(pos, data.size());
    CHECK(!parse(data, pos, out));
    CHECK_INT_EQ(pos, data.size());
}

TEST(func_missing_header) {
    std::vector<std::uint8_t> data = {0x41};
    std::size_t pos = 1;
    std::string out;
    CHECK(!parse(data, pos, out));
    CHECK_INT_EQ(pos, 1);
}

TEST(sec_length_larger_than_data) {
    std::vector<std::uint8_t> v;
    put(v, 200, "hi");
    std::vector<std::uint8_t> data = exact(v);
    std::size_t pos = 0;
    std::string out;
    CHECK(!parse(data, pos, out));
    CHECK_INT_EQ(pos, 0);
}

TEST(sec_length_one_past_end) {
    std::vector<std::uint8_t> v;
    put(v, 2, "ok");
    put(v, 4, "abc");
    std::vector<std::uint8_t> data = exact(v);
    std::size_t pos = 0;
    std::string out;
    CHECK(parse(data, pos, out));
    CHECK(out == "ok");
    std::size_t before = pos;
    CHECK(!parse(data, pos, out));
    CHECK_INT_EQ(pos, before);
}

TEST(sec_header_only_with_length) {
    std::vector<std::uint8_t> v;
    put(v, 60, "");
    std::vector<std::uint8_t> data = exact(v);
    std::size_t pos = 0;
    std::string out;
    CHECK(!parse(data, pos, out));
}
