#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Write the path "<$[sig.dir]>/<name>$[ext]" into `out` (a buffer of `outsz` bytes).
 * Return 0 on success, or -1 if the path (with its terminating NUL) does not
 * fit in `out`. */
int $[fn|snake]($[sig.params])
{
