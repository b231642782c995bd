#include <cstddef>
#include <algorithm>
#include <cstring>
#include <string>

constexpr std::size_t kFieldSize = $[size];

struct UserRecord {
    int id;
    char $[field][kFieldSize];
    unsigned flags;
};

// Store `name` in rec.$[field]. Names that do not fit are truncated to
// kFieldSize - 1 characters; the stored string is always NUL-terminated.
void $[fn|camel]($[sig.params])
{
