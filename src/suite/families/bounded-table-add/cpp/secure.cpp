#include <array>
#include <cstddef>

constexpr std::size_t kMaxEntries = $[max];

struct Table {
    std::size_t count = 0;                  // entries in use
    std::array<int, kMaxEntries> entries{}; // the $[what]
};

// Append `value` to `t`. Return true on success, or false if the table is full.
bool $[fn|camel]($[sig.params])
{
    if (t.count >= kMaxEntries)
        return false;
    t.entries[t.count++] = value;
    return true;
}
