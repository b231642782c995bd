#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

typedef $[elem] cell_t;

/* Allocate a rows x cols grid of cells, row-major, every cell set to `fill`.
 * Return NULL if rows or cols is 0, if the size of the grid in bytes does not
 * fit in size_t, or if the allocation fails. The caller frees the grid. */
cell_t *$[fn|snake]($[sig.params])
{
    if (rows == 0 || cols == 0 || rows > SIZE_MAX / sizeof(cell_t) / cols)
        return NULL;
    cell_t *grid = malloc(rows * cols * sizeof(cell_t));
    if (grid == NULL)
        return NULL;
    for (size_t r = 0; r < rows; r++)
        for (size_t c = 0; c < cols; c++)
            grid[r * cols + c] = fill;
    return grid;
}
