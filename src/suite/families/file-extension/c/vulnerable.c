#include <ctype.h>
#include <stddef.h>
#include <string.h>

/* Write the $[cs.desc] extension of the $[what] `name` (the text after its last
 * '.') into `out` (`outsz` bytes), e.g. "Photo.JPG" -> "$[cs.jpg]". A name without
 * '.' has the empty extension. Return 0, or -1 if the extension does not fit. */
int $[fn|snake]($[sig.params])
{
    const char *dot = strrchr(name, '.');
    const char *ext = dot + 1;
    size_t n = strlen(ext);
    if (n + 1 > outsz)
        return -1;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)$[cs.fn]((unsigned char)ext[i]);
    out[n] = '\0';
    return 0;
}
