#include <stddef.h>

#define MAX_ENTRIES $[max]

struct table {
    size_t count;             /* entries in use */
    int entries[MAX_ENTRIES]; /* the $[what] */
};

/* Append `value` to `t`. Return 0 on success, or -1 if the table is full. */
int $[fn|snake]($[sig.params])
{
    if (t->count >= MAX_ENTRIES)
        return -1;
    t->entries[t->count++] = value;
    return 0;
}
