#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Compress `path` with gzip at `level` (keep the original, overwrite the archive).
   Return 0 on success, -1 on failure. */
int $[fn|snake]($[sig.params]) {
