#include <stddef.h>
#include <string.h>

/* `rec` points to `len` bytes of a $[what] received from a client; it is NOT
 * NUL-terminated. Copy its first field (the bytes before the first '$[delim.ch]', or
 * all `len` bytes if there is no '$[delim.ch]') into `out` (`outsz` bytes) as a
 * NUL-terminated string. Return the field's length, or -1 if it does not fit. */
int $[fn|snake]($[sig.params])
{
    const char *end = memchr(rec, '$[delim.ch]', len);
    size_t n = end != NULL ? (size_t)(end - rec) : len;
    if (n + 1 > outsz)
        return -1;
    memcpy(out, rec, n);
    out[n] = '\0';
    return (int)n;
}
