#include <limits.h>
#include <stdio.h>
#include <string.h>

/* Write the `len` uploaded bytes at `data` to `upload_dir` under the client's `filename`.
   Return 0 on success, -1 on error. */
int $[fn|snake]($[sig.params]) {
  char path[PATH_MAX];
  if (snprintf(path, sizeof path, "%s/%s", upload_dir, filename) >= (int)sizeof path) return -1;
  FILE *f = fopen(path, "wb");
  if (f == NULL) return -1;
  size_t n = fwrite(data, 1, len, f);
  return fclose(f) == 0 && n == len ? 0 : -1;
}
