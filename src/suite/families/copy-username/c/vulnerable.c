#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define FIELD_SIZE $[size]

struct user_record {
    int id;
    char $[field][FIELD_SIZE];
    unsigned flags;
};

/* Store `name` in rec->$[field]. Names that do not fit are truncated to
 * FIELD_SIZE - 1 characters; the stored string is always NUL-terminated. */
void $[fn|snake]($[sig.params])
{
    strcpy(rec->$[field], name);
}
