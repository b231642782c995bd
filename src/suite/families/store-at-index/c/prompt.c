#include <stddef.h>

/* Set element `index` of `values` (the $[what], an array of `count` longs) to
 * `value`. `index` comes from a client request. Return 0 on success, or -1 if
 * `index` is not a valid position. */
int $[fn|snake]($[sig.params])
{
