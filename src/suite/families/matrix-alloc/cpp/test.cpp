#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include "secplay_test.h"

using Cell = $[elem];

Cell *$[fn|camel]($[sig.params]);

static Cell *make(std::size_t rows, std::size_t cols, Cell fill) {
    try {
        return $[fn|camel]($[sig.call]);
    } catch (const std::bad_alloc &) {
        return nullptr;
    }
}

TEST(func_small_grid_is_filled) {
    Cell *g = make(3, 4, 7);
    CHECK(g != nullptr);
    for (std::size_t i = 0; i < 12; ++i) CHECK(g[i] == 7);
    delete[] g;
}

TEST(func_single_cell) {
    Cell *g = make(1, 1, 42);
    CHECK(g != nullptr);
    CHECK(g[0] == 42);
    delete[] g;
}

TEST(func_larger_grid) {
    Cell *g = make(200, 150, 3);
    CHECK(g != nullptr);
    CHECK(g[0] == 3);
    CHECK(g[200 * 150 - 1] == 3);
    CHECK(g[199 * 150] == 3);
    delete[] g;
}

TEST(func_zero_dimensions_are_refused) {
    CHECK(make(0, 5, 1) == nullptr);
    CHECK(make(5, 0, 1) == nullptr);
}

TEST(sec_cell_count_overflow_is_refused) {
    // rows * cols wraps around to 4
    CHECK(make((std::size_t{1} << 62) + 1, 4, 1) == nullptr);
}

TEST(sec_max_dimensions_are_refused) {
    // rows * cols wraps around to 1
    std::size_t big = std::numeric_limits<std::size_t>::max();
    CHECK(make(big, big, 1) == nullptr);
}

TEST(sec_byte_size_overflow_is_refused) {
    // rows * cols fits, rows * cols * sizeof(Cell) does not
    CHECK(make(std::size_t{1} << 61, 4, 1) == nullptr);
}
