#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read the file `name` under `base_dir` into `out` (at most `out_size` bytes). Return the number
   of bytes read, or -1 if the file is missing or lies outside `base_dir`. */
long $[fn|snake]($[sig.params]) {
