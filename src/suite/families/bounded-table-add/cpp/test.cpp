#include <array>
#include <cstddef>
#include "secplay_test.h"

constexpr std::size_t kMaxEntries = $[max];

struct Table {
    std::size_t count = 0;
    std::array<int, kMaxEntries> entries{};
};

bool $[fn|camel]($[sig.params]);

static bool add(Table *t, int value) {
    return $[fn|camel]($[sig.call]);
}

TEST(func_appends_in_order) {
    Table *t = new Table;
    CHECK(add(t, 5));
    CHECK(add(t, -7));
    CHECK(add(t, 42));
    CHECK_INT_EQ(t->count, 3);
    CHECK_INT_EQ(t->entries[0], 5);
    CHECK_INT_EQ(t->entries[1], -7);
    CHECK_INT_EQ(t->entries[2], 42);
    delete t;
}

TEST(func_fills_to_capacity) {
    Table *t = new Table;
    for (std::size_t i = 0; i < kMaxEntries; i++) CHECK(add(t, static_cast<int>(i) * 10));
    CHECK_INT_EQ(t->count, kMaxEntries);
    CHECK_INT_EQ(t->entries[kMaxEntries - 1], (kMaxEntries - 1) * 10);
    delete t;
}

TEST(func_continues_after_existing_entries) {
    Table *t = new Table;
    t->entries[0] = 1;
    t->entries[1] = 2;
    t->count = 2;
    CHECK(add(t, 3));
    CHECK_INT_EQ(t->count, 3);
    CHECK_INT_EQ(t->entries[0], 1);
    CHECK_INT_EQ(t->entries[2], 3);
    delete t;
}

TEST(sec_full_table_rejects) {
    Table *t = new Table;
    for (std::size_t i = 0; i < kMaxEntries; i++) add(t, static_cast<int>(i));
    CHECK(!add(t, 999));
    CHECK_INT_EQ(t->count, kMaxEntries);
    delete t;
}

TEST(sec_many_extra_values_rejected) {
    Table *t = new Table;
    for (std::size_t i = 0; i < kMaxEntries; i++) add(t, static_cast<int>(i));
    for (int i = 0; i < 10; i++) CHECK(!add(t, 0x41414141));
    CHECK_INT_EQ(t->count, kMaxEntries);
    for (std::size_t i = 0; i < kMaxEntries; i++) CHECK_INT_EQ(t->entries[i], i);
    delete t;
}
