#include <stddef.h>
#include <string.h>

/* Copy `in` into `out` (a buffer of `outsz` > 0 bytes) for an $[ctx], replacing
 * & < > " by &amp; &lt; &gt; $[quot]. The output is always NUL-terminated: stop
 * before the first input character whose (escaped) form does not fit.
 * Return the length of the output string. */
size_t $[fn|snake]($[sig.params])
{
    size_t o = 0;
    for (const char *p = in; *p != '\0'; p++) {
        const char *rep;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "$[quot]"; break;
        default: rep = NULL; break;
        }
        size_t n = rep != NULL ? strlen(rep) : 1;
        if (o + n >= outsz)
            break;
        if (rep != NULL)
            memcpy(out + o, rep, n);
        else
            out[o] = *p;
        o += n;
    }
    out[o] = '\0';
    return o;
}
