#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read the file `name` under `base_dir` into `out` (at most `out_size` bytes). Return the number
   of bytes read, or -1 if the file is missing or lies outside `base_dir`. */
long $[fn|snake]($[sig.params]) {
  char full[PATH_MAX];
  if (snprintf(full, sizeof full, "%s/%s", base_dir, name) >= (int)sizeof full) return -1;
  FILE *f = fopen(full, "rb");
  if (f == NULL) return -1;
  size_t got = fread(out, 1, out_size, f);
  fclose(f);
  return (long)got;
}
