#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Compress `path` with gzip at `level` (keep the original, overwrite the archive).
   Return 0 on success, -1 on failure. */
int $[fn|snake]($[sig.params]) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "gzip -kf -%d %s", level, path);
  int status = system(cmd);
  if (status == -1) return -1;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}
