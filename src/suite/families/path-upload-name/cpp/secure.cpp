#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

// Write the uploaded `data` to `upload_dir` under the client's `filename`. Return true on
// success, false on error.
bool $[fn|snake]($[sig.params]) {
  fs::path name = fs::path(filename).filename();
  if (name.empty() || name == "." || name == "..") return false;
  std::ofstream out(fs::path(upload_dir) / name, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  out << data;
  return static_cast<bool>(out);
}
