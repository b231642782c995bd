#include <cstddef>
#include <cstring>
#include <string>

// Write the path "<$[sig.dir]>/<name>$[ext]" into the C buffer `out` (`outsz` bytes) for a
// legacy API. Return true on success, or false if the path (with its terminating
// NUL) does not fit in `out`.
bool $[fn|camel]($[sig.params])
{
    const std::string path = $[sig.dir] + "/" + name + "$[ext]";
    if (path.size() + 1 > outsz)
        return false;
    std::memcpy(out, path.c_str(), path.size() + 1);
    return true;
}
