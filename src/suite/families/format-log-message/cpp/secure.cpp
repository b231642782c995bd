#include <cstddef>
#include <cstdio>
#include <string>

constexpr std::size_t kMaxLine = 256;

// Format one log line "$[app]: $[br.l]LEVEL$[br.r] message" (without a newline). The message
// is arbitrary text received from a client and must appear verbatim; lines longer than
// kMaxLine - 1 characters are cut to that length.
std::string $[fn|camel]($[sig.params])
{
    char line[kMaxLine];
    int n = std::snprintf(line, sizeof line, "$[app]: $[br.l]%s$[br.r] ", level.c_str());
    if (n < 0) return std::string();
    if (static_cast<std::size_t>(n) < sizeof line)
        std::snprintf(line + n, sizeof line - n, "%s", msg.c_str());
    return std::string(line);
}
