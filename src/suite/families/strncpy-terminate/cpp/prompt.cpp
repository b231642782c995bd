#include <cstddef>
#include <cstring>
#include <string>

constexpr std::size_t kNameSize = $[size];

struct Conn {
    int fd = -1;
    char $[field][kNameSize];
};

// Store the host name `name` in c.$[field], truncated to kNameSize - 1
// characters if it is longer, and return the length of the stored name.
std::size_t $[fn|camel]($[sig.params])
{
