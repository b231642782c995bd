#include <stddef.h>
#include <stdlib.h>
#include "secplay_test.h"

#define MAX_ENTRIES $[max]

struct table {
    size_t count;
    int entries[MAX_ENTRIES];
};

int $[fn|snake]($[sig.params]);

static int add(struct table *t, int value) {
    return $[fn|snake]($[sig.call]);
}

TEST(func_appends_in_order) {
    struct table *t = calloc(1, sizeof *t);
    CHECK_INT_EQ(add(t, 5), 0);
    CHECK_INT_EQ(add(t, -7), 0);
    CHECK_INT_EQ(add(t, 42), 0);
    CHECK_INT_EQ(t->count, 3);
    CHECK_INT_EQ(t->entries[0], 5);
    CHECK_INT_EQ(t->entries[1], -7);
    CHECK_INT_EQ(t->entries[2], 42);
    free(t);
}

TEST(func_fills_to_capacity) {
    struct table *t = calloc(1, sizeof *t);
    for (int i = 0; i < MAX_ENTRIES; i++) CHECK_INT_EQ(add(t, i * 10), 0);
    CHECK_INT_EQ(t->count, MAX_ENTRIES);
    CHECK_INT_EQ(t->entries[MAX_ENTRIES - 1], (MAX_ENTRIES - 1) * 10);
    free(t);
}

TEST(func_continues_after_existing_entries) {
    struct table *t = calloc(1, sizeof *t);
    t->entries[0] = 1;
    t->entries[1] = 2;
    t->count = 2;
    CHECK_INT_EQ(add(t, 3), 0);
    CHECK_INT_EQ(t->count, 3);
    CHECK_INT_EQ(t->entries[0], 1);
    CHECK_INT_EQ(t->entries[2], 3);
    free(t);
}

TEST(sec_full_table_rejects) {
    struct table *t = calloc(1, sizeof *t);
    for (int i = 0; i < MAX_ENTRIES; i++) add(t, i);
    CHECK_INT_EQ(add(t, 999), -1);
    CHECK_INT_EQ(t->count, MAX_ENTRIES);
    free(t);
}

TEST(sec_many_extra_values_rejected) {
    struct table *t = calloc(1, sizeof *t);
    for (int i = 0; i < MAX_ENTRIES; i++) add(t, i);
    for (int i = 0; i < 10; i++) CHECK_INT_EQ(add(t, 0x41414141), -1);
    CHECK_INT_EQ(t->count, MAX_ENTRIES);
    for (int i = 0; i < MAX_ENTRIES; i++) CHECK_INT_EQ(t->entries[i], i);
    free(t);
}
