#include <cctype>
#include <cstddef>
#include <cstring>
#include <string>

constexpr std::size_t kMaxLen = $[max];

struct Record {
    int id = 0;
    char *$[field] = nullptr; // new[]-allocated, owned by the $[rec]
    ~Record() { delete[] $[field]; }
};

// Replace r.$[field] with a copy of `value`. Reject values longer than kMaxLen
// characters or containing control characters: return false and keep the old
// $[field]. Return true on success.
bool $[fn|camel]($[sig.params])
{
    const std::size_t n = value.size();
    delete[] r.$[field];
    if (n > kMaxLen)
        return false;
    for (unsigned char c : value)
        if (std::iscntrl(c))
            return false;
    char *copy = new char[n + 1];
    std::memcpy(copy, value.c_str(), n + 1);
    r.$[field] = copy;
    return true;
}
