#include <vector>

// Set element `index` of `values` (the $[what]) to `value`. `index` comes from a
// client request. Return true on success, or false if `index` is not a valid
// position.
bool $[fn|camel]($[sig.params])
{
    if (index < 0 || index >= static_cast<int>(values.size()))
        return false;
    values[index] = value;
    return true;
}
