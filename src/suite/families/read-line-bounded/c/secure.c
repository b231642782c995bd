#include <stddef.h>
#include <stdio.h>

/* Read the next $[what] of the $[src] `f` into `buf` (`size` >= 1 bytes): the
 * characters up to the next '\n' (consumed, not stored) or end of file.
 * Characters that do not fit are read and discarded; `buf` is always
 * NUL-terminated. Return the number of characters stored, or -1 if the end of
 * file was reached before any character. */
long $[fn|snake]($[sig.params])
{
    size_t n = 0;
    int c, got = 0;
    while ((c = fgetc(f)) != EOF && c != '\n') {
        got = 1;
        if (n + 1 < size)
            buf[n++] = (char)c;
    }
    buf[n] = '\0';
    if (c == EOF && !got)
        return -1;
    return (long)n;
}
