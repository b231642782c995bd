#include <stddef.h>
#include <string.h>

#define HDR_SIZE $[hdr.size]

/* Parse the $[what] at the start of `buf` (`len` bytes received from the network):
 * a big-endian length N of $[hdr.bits] bits followed by N bytes of text. Copy the text
 * into `out` (capacity `outsz` bytes) as a NUL-terminated string and return N.
 * Return -1 if the $[what] is truncated or its text does not fit in `out`. */
int $[fn|snake]($[sig.params])
{
    if (len < HDR_SIZE)
        return -1;
    size_t n = $[hdr.decode];
    if (n + 1 > outsz)
        return -1;
    memcpy(out, buf + HDR_SIZE, n);
    out[n] = '\0';
    return (int)n;
}
