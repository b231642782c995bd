#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

// Return the content of the file `name` under `base_dir`, or std::nullopt if it is missing or
// lies outside `base_dir`.
std::optional<std::string> $[fn|snake]($[sig.params]) {
  std::error_code ec;
  fs::path base = fs::weakly_canonical(fs::absolute(base_dir), ec);
  if (ec) return std::nullopt;
  fs::path full = fs::weakly_canonical(base / name, ec);
  if (ec) return std::nullopt;
  fs::path rel = full.lexically_relative(base);
  if (rel.empty() || *rel.begin() == "..") return std::nullopt;
  std::ifstream in(full, std::ios::binary);
  if (!in || !fs::is_regular_file(full)) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}
