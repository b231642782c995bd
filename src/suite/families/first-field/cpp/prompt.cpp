#include <cstddef>
#include <string>
#include <string_view>

// `rec` points to `len` bytes of a $[what] received from a client; it is NOT
// NUL-terminated. Return its first field: the bytes before the first '$[delim.ch]', or
// all `len` bytes if there is no '$[delim.ch]'.
std::string $[fn|camel]($[sig.params])
{
