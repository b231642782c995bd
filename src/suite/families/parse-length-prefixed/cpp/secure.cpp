#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

constexpr std::size_t kHeaderSize = $[hdr.size];

// Parse the $[what] that starts at `pos` in `data` (bytes received from the network):
// a big-endian length N of $[hdr.bits] bits followed by N bytes of text. On success store the
// text in `out`, advance `pos` past the $[what] and return true. If the $[what] is
// truncated, return false and leave `pos` unchanged.
bool $[fn|camel]($[sig.params])
{
    if (pos >= data.size() || data.size() - pos < kHeaderSize)
        return false;
    std::size_t n = $[hdr.decode];
    if (n > data.size() - pos - kHeaderSize)
        return false;
    out.assign(reinterpret_cast<const char *>(data.data() + pos + kHeaderSize), n);
    pos += kHeaderSize + n;
    return true;
}
