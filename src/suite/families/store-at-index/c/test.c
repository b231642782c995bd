#include <limits.h>
#include <stdlib.h>
#include "secplay_test.h"

int $[fn|snake]($[sig.params]);

static int store(long *values, int count, int index, long value) {
    return $[fn|snake]($[sig.call]);
}

static long *make(int count) {
    long *v = malloc(sizeof(long) * (size_t)count);
    for (int i = 0; i < count; i++) v[i] = 100 + i;
    return v;
}

TEST(func_sets_value) {
    long *v = make(8);
    CHECK_INT_EQ(store(v, 8, 3, -5), 0);
    CHECK_INT_EQ(v[3], -5);
    CHECK_INT_EQ(v[2], 102);
    CHECK_INT_EQ(v[4], 104);
    free(v);
}

TEST(func_first_and_last) {
    long *v = make(5);
    CHECK_INT_EQ(store(v, 5, 0, 7), 0);
    CHECK_INT_EQ(store(v, 5, 4, 9), 0);
    CHECK_INT_EQ(v[0], 7);
    CHECK_INT_EQ(v[4], 9);
    free(v);
}

TEST(func_past_end_is_refused) {
    long *v = make(5);
    CHECK_INT_EQ(store(v, 5, 5, 1), -1);
    CHECK_INT_EQ(store(v, 5, 1000, 1), -1);
    for (int i = 0; i < 5; i++) CHECK_INT_EQ(v[i], 100 + i);
    free(v);
}

TEST(sec_minus_one_is_refused) {
    long *v = make(6);
    CHECK_INT_EQ(store(v, 6, -1, 0x41414141), -1);
    for (int i = 0; i < 6; i++) CHECK_INT_EQ(v[i], 100 + i);
    free(v);
}

TEST(sec_small_negative_is_refused) {
    long *v = make(6);
    CHECK_INT_EQ(store(v, 6, -2, 0x41414141), -1);
    free(v);
}

TEST(sec_int_min_is_refused) {
    long *v = make(6);
    CHECK_INT_EQ(store(v, 6, INT_MIN, 1), -1);
    free(v);
}
