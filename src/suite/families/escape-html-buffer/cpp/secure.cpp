#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

// Copy `in` into the C buffer `out` (`outsz` > 0 bytes, owned by a legacy $[ctx]
// renderer), replacing & < > " by &amp; &lt; &gt; $[quot]. The output is always
// NUL-terminated: stop before the first input character whose (escaped) form does
// not fit. Return the length of the output string.
std::size_t $[fn|camel]($[sig.params])
{
    std::size_t o = 0;
    for (char c : in) {
        std::string_view rep;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "$[quot]"; break;
        default: rep = std::string_view(&c, 1); break;
        }
        if (o + rep.size() >= outsz)
            break;
        std::memcpy(out + o, rep.data(), rep.size());
        o += rep.size();
    }
    out[o] = '\0';
    return o;
}
