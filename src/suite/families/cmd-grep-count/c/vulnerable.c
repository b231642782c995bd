#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Return the number of lines of `path` that contain `word` (a fixed string), counted by grep,
   or -1 on error. */
int $[fn|snake]($[sig.params]) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "grep -cF '%s' \"%s\"", word, path);
  FILE *out = popen(cmd, "r");
  if (out == NULL) return -1;
  int n = -1;
  if (fscanf(out, "%d", &n) != 1) n = -1;
  int status = pclose(out);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) > 1) return -1;
  return n;
}
