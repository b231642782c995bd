#include <limits.h>
#include <stdio.h>
#include <string.h>

/* Write the `len` uploaded bytes at `data` to `upload_dir` under the client's `filename`.
   Return 0 on success, -1 on error. */
int $[fn|snake]($[sig.params]) {
