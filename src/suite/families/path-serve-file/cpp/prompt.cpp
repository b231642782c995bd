#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

// Return the content of the file `name` under `base_dir`, or std::nullopt if it is missing or
// lies outside `base_dir`.
std::optional<std::string> $[fn|snake]($[sig.params]) {
