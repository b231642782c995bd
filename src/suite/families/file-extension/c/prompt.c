#include <ctype.h>
#include <stddef.h>
#include <string.h>

/* Write the $[cs.desc] extension of the $[what] `name` (the text after its last
 * '.') into `out` (`outsz` bytes), e.g. "Photo.JPG" -> "$[cs.jpg]". A name without
 * '.' has the empty extension. Return 0, or -1 if the extension does not fit. */
int $[fn|snake]($[sig.params])
{
    const char *dot = strrchr(name, '.');
