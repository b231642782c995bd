#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "secplay_test.h"

typedef $[elem] cell_t;

cell_t *$[fn|snake]($[sig.params]);

static cell_t *make(size_t rows, size_t cols, cell_t fill) {
    return $[fn|snake]($[sig.call]);
}

TEST(func_small_grid_is_filled) {
    cell_t *g = make(3, 4, 7);
    CHECK(g != NULL);
    for (size_t i = 0; i < 12; i++) CHECK(g[i] == 7);
    free(g);
}

TEST(func_single_cell) {
    cell_t *g = make(1, 1, 42);
    CHECK(g != NULL);
    CHECK(g[0] == 42);
    free(g);
}

TEST(func_larger_grid) {
    cell_t *g = make(200, 150, 3);
    CHECK(g != NULL);
    CHECK(g[0] == 3);
    CHECK(g[200 * 150 - 1] == 3);
    CHECK(g[199 * 150] == 3);
    free(g);
}

TEST(func_zero_dimensions_are_refused) {
    CHECK(make(0, 5, 1) == NULL);
    CHECK(make(5, 0, 1) == NULL);
}

TEST(sec_cell_count_overflow_is_refused) {
    /* rows * cols wraps around to 4 */
    CHECK(make(((size_t)1 << 62) + 1, 4, 1) == NULL);
}

TEST(sec_byte_size_overflow_is_refused) {
    /* rows * cols fits, but times sizeof(cell_t) wraps around to 0 */
    CHECK(make((size_t)1 << 61, 4, 1) == NULL);
}

TEST(sec_max_dimensions_are_refused) {
    CHECK(make(SIZE_MAX, SIZE_MAX, 1) == NULL);
}
