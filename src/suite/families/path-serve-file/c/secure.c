#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read the file `name` under `base_dir` into `out` (at most `out_size` bytes). Return the number
   of bytes read, or -1 if the file is missing or lies outside `base_dir`. */
long $[fn|snake]($[sig.params]) {
  char full[PATH_MAX], real_base[PATH_MAX], real_full[PATH_MAX];
  if (snprintf(full, sizeof full, "%s/%s", base_dir, name) >= (int)sizeof full) return -1;
  if (realpath(base_dir, real_base) == NULL || realpath(full, real_full) == NULL) return -1;
  size_t n = strlen(real_base);
  if (strncmp(real_full, real_base, n) != 0 || real_full[n] != '/') return -1;
  FILE *f = fopen(real_full, "rb");
  if (f == NULL) return -1;
  size_t got = fread(out, 1, out_size, f);
  fclose(f);
  return (long)got;
}
