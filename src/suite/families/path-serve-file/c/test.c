#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "secplay_test.h"

long $[fn|snake]($[sig.params]);

static const char SECRET[] = "db_password=hunter2\n";

static void put(const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  CHECK(f != NULL);
  fputs(text, f);
  fclose(f);
}

static const char *site(void) {
  mkdir("site", 0755);
  mkdir("site/$[base]", 0755);
  mkdir("site/$[base]/css", 0755);
  mkdir("site/$[base]_private", 0755);
  put("site/$[base]/$[page]", "<h1>welcome</h1>\n");
  put("site/$[base]/css/site.css", "body { color: black }\n");
  put("site/secret.txt", SECRET);
  put("site/$[base]_private/key.txt", SECRET);
  return "site/$[base]";
}

static char out[4096];

static long read_file(const char *base_dir, const char *name) {
  size_t out_size = sizeof out - 1;
  memset(out, 0, sizeof out);
  return $[fn|snake]($[sig.call]);
}

static int leaks(const char *name) {
  long n = read_file(site(), name);
  return n > 0 && strstr(out, "hunter2") != NULL;
}

TEST(func_reads_top_level_file) {
  CHECK_INT_EQ(read_file(site(), "$[page]"), 17);
  CHECK_STR_EQ(out, "<h1>welcome</h1>\n");
}

TEST(func_reads_nested_file) {
  CHECK_INT_EQ(read_file(site(), "css/site.css"), 22);
  CHECK_STR_EQ(out, "body { color: black }\n");
}

TEST(func_missing_file_is_an_error) {
  CHECK_INT_EQ(read_file(site(), "nope.html"), -1);
}

TEST(sec_parent_directory_is_refused) {
  CHECK(!leaks("../secret.txt"));
}

TEST(sec_nested_traversal_is_refused) {
  CHECK(!leaks("css/../../secret.txt"));
}

TEST(sec_sibling_with_same_prefix_is_refused) {
  CHECK(!leaks("../$[base]_private/key.txt"));
}
