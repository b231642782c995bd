#include <cstddef>
#include <istream>

// Read the next $[what] of the $[src] `in` into `buf` (`size` >= 1 bytes): the
// characters up to the next '\n' (consumed, not stored) or end of input.
// Characters that do not fit are read and discarded; `buf` is always
// NUL-terminated. Return the number of characters stored, or -1 if the end of
// input was reached before any character.
long $[fn|camel]($[sig.params])
{
    std::size_t n = 0;
    bool got = false, newline = false;
    char c;
    while (in.get(c)) {
        if (c == '\n') {
            newline = true;
            break;
        }
        got = true;
        if (n < size)
            buf[n++] = c;
    }
    buf[n] = '\0';
    if (!got && !newline)
        return -1;
    return static_cast<long>(n);
}
