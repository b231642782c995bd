#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "secplay_test.h"

int $[fn|snake]($[sig.params]);

static const char CONTENT[] = "quarterly numbers\nquarterly numbers\nquarterly numbers\n";

static void make_file(const char *name) {
  FILE *f = fopen(name, "wb");
  CHECK(f != NULL);
  fputs(CONTENT, f);
  fclose(f);
  char gz[512];
  snprintf(gz, sizeof gz, "%s.gz", name);
  unlink(gz);
}

static int compress(const char *path) {
  int level = $[level];
  return $[fn|snake]($[sig.call]);
}

/* gzip files start with the magic bytes 1f 8b */
static int is_gzip(const char *name) {
  FILE *f = fopen(name, "rb");
  if (f == NULL) return 0;
  int a = fgetc(f), b = fgetc(f);
  fclose(f);
  return a == 0x1f && b == 0x8b;
}

static int file_equals(const char *name, const char *want) {
  char buf[256] = {0};
  FILE *f = fopen(name, "rb");
  if (f == NULL) return 0;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  return n == strlen(want) && memcmp(buf, want, n) == 0;
}

static int attack(const char *path, const char *marker) {
  unlink(marker);
  compress(path);
  return access(marker, F_OK) == 0;
}

TEST(func_compresses_and_keeps_original) {
  make_file("$[file]");
  CHECK_INT_EQ(compress("$[file]"), 0);
  CHECK(is_gzip("$[file].gz"));
  CHECK(file_equals("$[file]", CONTENT));
}

TEST(func_overwrites_existing_archive) {
  make_file("again_$[file]");
  FILE *f = fopen("again_$[file].gz", "wb");
  CHECK(f != NULL);
  fputs("stale", f);
  fclose(f);
  CHECK_INT_EQ(compress("again_$[file]"), 0);
  CHECK(is_gzip("again_$[file].gz"));
}

TEST(func_missing_file_fails) {
  CHECK_INT_EQ(compress("missing_$[file]"), -1);
}

TEST(sec_semicolon_runs_no_command) {
  make_file("$[file]");
  CHECK(!attack("$[file]; touch pwned_semicolon", "pwned_semicolon"));
}

TEST(sec_command_substitution_runs_no_command) {
  CHECK(!attack("$(touch pwned_subst).$[file]", "pwned_subst"));
}

TEST(sec_name_with_spaces_is_one_argument) {
  make_file("q3 $[file]");
  compress("q3 $[file]");
  CHECK(is_gzip("q3 $[file].gz"));
}
