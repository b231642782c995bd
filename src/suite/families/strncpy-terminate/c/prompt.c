#include <stddef.h>
#include <string.h>

#define NAME_SIZE $[size]

struct conn {
    int fd;
    char $[field][NAME_SIZE];
};

/* Store the host name `name` in c->$[field], truncated to NAME_SIZE - 1
 * characters if it is longer, and return the length of the stored name. */
size_t $[fn|snake]($[sig.params])
{
