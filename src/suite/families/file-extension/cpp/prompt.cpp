#include <cctype>
#include <cstring>
#include <string>

// Return the $[cs.desc] extension of the $[what] `name` (the text after its last
// '.'), e.g. "Photo.JPG" -> "$[cs.jpg]". A name without '.' has the empty extension.
std::string $[fn|camel]($[sig.params])
{
    const char *dot = std::strrchr($[sig.cstr], '.');
