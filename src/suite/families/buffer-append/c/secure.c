#include <stdlib.h>
#include <string.h>

struct strbuf {
    char *$[f.d];     /* malloc'd block of `$[f.c]` bytes */
    size_t $[f.l];    /* length of the NUL-terminated $[what] in it */
    size_t $[f.c];
};

/* Append `s` to `sb`, growing sb->$[f.d] with realloc when it is too small, and
 * return a pointer to the appended copy inside sb->$[f.d]. Return NULL if memory
 * runs out (sb is then unchanged). */
char *$[fn|snake]($[sig.params])
{
    size_t n = strlen(s);
    if (sb->$[f.l] + n + 1 > sb->$[f.c]) {
        size_t cap = sb->$[f.c] * 2;
        if (cap < sb->$[f.l] + n + 1)
            cap = sb->$[f.l] + n + 1;
        char *p = realloc(sb->$[f.d], cap);
        if (p == NULL)
            return NULL;
        sb->$[f.d] = p;
        sb->$[f.c] = cap;
    }
    char *dst = sb->$[f.d] + sb->$[f.l];
    memcpy(dst, s, n + 1);
    sb->$[f.l] += n;
    return dst;
}
