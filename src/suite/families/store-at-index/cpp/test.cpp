#include <climits>
#include <vector>
#include "secplay_test.h"

bool $[fn|camel]($[sig.params]);

static bool store(std::vector<long> &values, int index, long value) {
    return $[fn|camel]($[sig.call]);
}

static std::vector<long> make(int count) {
    std::vector<long> v;
    v.reserve(count);
    for (int i = 0; i < count; i++) v.push_back(100 + i);
    return v;
}

TEST(func_sets_value) {
    std::vector<long> v = make(8);
    CHECK(store(v, 3, -5));
    CHECK_INT_EQ(v[3], -5);
    CHECK_INT_EQ(v[2], 102);
    CHECK_INT_EQ(v[4], 104);
    CHECK_INT_EQ(v.size(), 8);
}

TEST(func_first_and_last) {
    std::vector<long> v = make(5);
    CHECK(store(v, 0, 7));
    CHECK(store(v, 4, 9));
    CHECK_INT_EQ(v[0], 7);
    CHECK_INT_EQ(v[4], 9);
}

TEST(func_past_end_is_refused) {
    std::vector<long> v = make(5);
    CHECK(!store(v, 5, 1));
    CHECK(!store(v, 1000, 1));
    CHECK_INT_EQ(v.size(), 5);
    for (int i = 0; i < 5; i++) CHECK_INT_EQ(v[i], 100 + i);
}

TEST(sec_minus_one_is_refused) {
    std::vector<long> v = make(6);
    CHECK(!store(v, -1, 0x41414141));
    for (int i = 0; i < 6; i++) CHECK_INT_EQ(v[i], 100 + i);
}

TEST(sec_small_negative_is_refused) {
    std::vector<long> v = make(6);
    CHECK(!store(v, -2, 0x41414141));
}

TEST(sec_int_min_is_refused) {
    std::vector<long> v = make(6);
    CHECK(!store(v, INT_MIN, 1));
}
