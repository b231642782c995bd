#include <cstddef>
#include <cstdio>
#include <string>

constexpr std::size_t kMaxLine = 256;

// Format one log line "$[app]: $[br.l]LEVEL$[br.r] message" (without a newline). The message
// is arbitrary text received from a client and must appear verbatim; lines longer than
// kMaxLine - 1 characters are cut to that length.
std::string $[fn|camel]($[sig.params])
{
