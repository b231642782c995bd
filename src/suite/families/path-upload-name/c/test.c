#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "secplay_test.h"

int $[fn|snake]($[sig.params]);

static const unsigned char DATA[] = "\x89PNG fake image bytes";

/* a fresh tree t_<tag>/app/$[dir]; returns the upload dir */
static const char *fresh(const char *tag) {
  static char dir[256];
  snprintf(dir, sizeof dir, "t_%s", tag);
  mkdir(dir, 0755);
  snprintf(dir, sizeof dir, "t_%s/app", tag);
  mkdir(dir, 0755);
  snprintf(dir, sizeof dir, "t_%s/app/$[dir]", tag);
  mkdir(dir, 0755);
  return dir;
}

static int save(const char *upload_dir, const char *filename, const unsigned char *data, size_t len) {
  return $[fn|snake]($[sig.call]);
}

static int exists(const char *path) { return access(path, F_OK) == 0; }

static int read_equals(const char *path, const char *want) {
  char buf[128] = {0};
  FILE *f = fopen(path, "rb");
  if (f == NULL) return 0;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  return n == strlen(want) && memcmp(buf, want, n) == 0;
}

TEST(func_saves_the_file) {
  const char *dir = fresh("save");
  CHECK_INT_EQ(save(dir, "$[name]", DATA, sizeof DATA - 1), 0);
  CHECK(read_equals("t_save/app/$[dir]/$[name]", (const char *)DATA));
}

TEST(func_overwrites_same_name) {
  const char *dir = fresh("overwrite");
  CHECK_INT_EQ(save(dir, "$[name]", (const unsigned char *)"old", 3), 0);
  CHECK_INT_EQ(save(dir, "$[name]", (const unsigned char *)"new", 3), 0);
  CHECK(read_equals("t_overwrite/app/$[dir]/$[name]", "new"));
}

TEST(func_missing_directory_fails) {
  CHECK_INT_EQ(save("no_such_dir", "$[name]", DATA, sizeof DATA - 1), -1);
}

TEST(sec_parent_directory_name) {
  const char *dir = fresh("parent");
  save(dir, "../settings.conf", DATA, sizeof DATA - 1);
  CHECK(!exists("t_parent/app/settings.conf"));
}

TEST(sec_deep_traversal_name) {
  const char *dir = fresh("deep");
  save(dir, "../../evil_$[name]", DATA, sizeof DATA - 1);
  CHECK(!exists("t_deep/evil_$[name]"));
}

TEST(sec_traversal_inside_a_name) {
  const char *dir = fresh("inner");
  mkdir("t_inner/app/$[dir]/x", 0755);
  save(dir, "x/../../inner_$[name]", DATA, sizeof DATA - 1);
  CHECK(!exists("t_inner/app/inner_$[name]"));
}
