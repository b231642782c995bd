#include <cctype>
#include <cstring>
#include <string>

// Return the $[cs.desc] extension of the $[what] `name` (the text after its last
// '.'), e.g. "Photo.JPG" -> "$[cs.jpg]". A name without '.' has the empty extension.
std::string $[fn|camel]($[sig.params])
{
    const char *dot = std::strrchr($[sig.cstr], '.');
    std::string ext = dot != nullptr ? std::string(dot + 1) : std::string();
    for (char &ch : ext)
        ch = static_cast<char>(std::$[cs.fn](static_cast<unsigned char>(ch)));
    return ext;
}
