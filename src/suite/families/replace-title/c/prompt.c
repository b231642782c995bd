#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LEN $[max]

struct record {
    int id;
    char *$[field]; /* malloc'd, owned by the $[rec]; freed by record_free() */
};

void record_free(struct record *r)
{
    free(r->$[field]);
    free(r);
}

/* Replace r->$[field] with a copy of `value`. Reject values longer than MAX_LEN
 * characters or containing control characters: return -1 and keep the old
 * $[field]. Return 0 on success (or -1 if memory runs out, keeping the old one). */
int $[fn|snake]($[sig.params])
{
    size_t n = strlen(value);
