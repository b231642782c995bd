#include <cstddef>
#include <cstring>
#include <string_view>

struct TextBuffer {
    char *$[f.d] = nullptr;  // new[]-allocated block of `$[f.c]` bytes
    std::size_t $[f.l] = 0;   // length of the NUL-terminated $[what] in it
    std::size_t $[f.c] = 0;
};

// Append `s` to `sb`. When the block is too small, allocate a bigger one with
// new[], move the contents and delete[] the old block. Return a pointer to the
// appended copy inside sb.$[f.d].
char *$[fn|camel]($[sig.params])
{
    const std::size_t n = s.size();
    char *dst = sb.$[f.d] + sb.$[f.l];
    if (sb.$[f.l] + n + 1 > sb.$[f.c]) {
        std::size_t cap = sb.$[f.c] * 2 > sb.$[f.l] + n + 1 ? sb.$[f.c] * 2 : sb.$[f.l] + n + 1;
        char *bigger = new char[cap];
        std::memcpy(bigger, sb.$[f.d], sb.$[f.l] + 1);
        delete[] sb.$[f.d];
        sb.$[f.d] = bigger;
        sb.$[f.c] = cap;
    }
    std::memcpy(dst, s.data(), n);
    dst[n] = '\0';
    sb.$[f.l] += n;
    return dst;
}
