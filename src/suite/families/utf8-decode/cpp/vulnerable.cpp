#include <cstddef>
#include <cstdint>
#include <vector>

// Decode the UTF-8 sequence that starts at `pos` in `data` (untrusted bytes of a
// $[what]). On success store the code point in `cp` and return the number of
// bytes it occupies (1 to 4). Return -1 if `pos` is at or past the end, for a
// bad lead byte, a bad continuation byte, or a sequence cut off by the end of
// the data (overlong forms need not be rejected).
int $[fn|camel]($[sig.params])
{
    if (pos >= data.size())
        return -1;
    const unsigned char b = data[pos];
    int n;
    char32_t v;
    if (b < 0x80) {
        cp = b;
        return 1;
    } else if ((b & 0xE0) == 0xC0) {
        n = 2;
        v = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
        n = 3;
        v = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
        n = 4;
        v = b & 0x07;
    } else {
        return -1;
    }
    for (int i = 1; i < n; ++i) {
        const unsigned char c = data[pos + i];
        if ((c & 0xC0) != 0x80)
            return -1;
        v = (v << 6) | (c & 0x3F);
    }
    cp = v;
    return n;
}
