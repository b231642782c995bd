#include <cstdlib>
#include <string>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

// Compress `path` with gzip at `level` (keep the original, overwrite the archive). Return true
// on success.
bool $[fn|snake]($[sig.params]) {
  std::string opt = "-" + std::to_string(level);
  pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    execlp("gzip", "gzip", "-kf", opt.c_str(), "--", path.c_str(), static_cast<char *>(nullptr));
    _exit(127);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}
