#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Return the number of lines of `path` that contain `word` (a fixed string), counted by grep,
   or -1 on error. */
int $[fn|snake]($[sig.params]) {
