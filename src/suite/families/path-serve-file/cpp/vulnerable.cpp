#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

// Return the content of the file `name` under `base_dir`, or std::nullopt if it is missing or
// lies outside `base_dir`.
std::optional<std::string> $[fn|snake]($[sig.params]) {
  fs::path full = fs::path(base_dir) / name;
  std::ifstream in(full, std::ios::binary);
  if (!in || !fs::is_regular_file(full)) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}
