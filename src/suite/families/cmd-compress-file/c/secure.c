#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Compress `path` with gzip at `level` (keep the original, overwrite the archive).
   Return 0 on success, -1 on failure. */
int $[fn|snake]($[sig.params]) {
  char opt[8];
  snprintf(opt, sizeof opt, "-%d", level);
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    execlp("gzip", "gzip", "-kf", opt, "--", path, (char *)NULL);
    _exit(127);
  }
  int status;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}
