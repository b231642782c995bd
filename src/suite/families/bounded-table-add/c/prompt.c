#include <stddef.h>

#define MAX_ENTRIES $[max]

struct table {
    size_t count;             /* entries in use */
    int entries[MAX_ENTRIES]; /* the $[what] */
};

/* Append `value` to `t`. Return 0 on success, or -1 if the table is full. */
int $[fn|snake]($[sig.params])
{
