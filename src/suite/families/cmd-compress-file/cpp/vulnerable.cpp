#include <cstdlib>
#include <string>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

// Compress `path` with gzip at `level` (keep the original, overwrite the archive). Return true
// on success.
bool $[fn|snake]($[sig.params]) {
  std::string cmd = "gzip -kf -" + std::to_string(level) + " " + path;
  int status = std::system(cmd.c_str());
  return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}
