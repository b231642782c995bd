#include <vector>

// Set element `index` of `values` (the $[what]) to `value`. `index` comes from a
// client request. Return true on success, or false if `index` is not a valid
// position.
bool $[fn|camel]($[sig.params])
{
