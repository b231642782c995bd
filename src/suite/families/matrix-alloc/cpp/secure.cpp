#include <cstddef>
#include <limits>

using Cell = $[elem];

// Allocate a rows x cols grid of cells with new[], row-major, every cell set to
// `fill`. Return nullptr if rows or cols is 0 or if the size of the grid in bytes
// does not fit in std::size_t. The caller releases the grid with delete[].
Cell *$[fn|camel]($[sig.params])
{
    if (rows == 0 || cols == 0 || rows > std::numeric_limits<std::size_t>::max() / sizeof(Cell) / cols)
        return nullptr;
    Cell *grid = new Cell[rows * cols];
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c)
            grid[r * cols + c] = fill;
    return grid;
}
