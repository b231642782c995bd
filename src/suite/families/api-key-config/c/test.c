#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "secplay_test.h"

int $[fn|snake](const char *config_path, char *out, size_t size);

static const char *config_file(const char *text) {
  static char path[128];
  char dir[] = "/tmp/cfgXXXXXX";
  if (mkdtemp(dir) == NULL) SECPLAY_FAIL("mkdtemp failed");
  snprintf(path, sizeof path, "%s/client.conf", dir);
  FILE *f = fopen(path, "w");
  if (f == NULL) SECPLAY_FAIL("cannot write %s", path);
  fputs(text, f);
  fclose(f);
  return path;
}

/* 1 if the function hands out a credential for this config, 0 if it refuses. */
static int gives_credential(const char *path) {
  char buf[512];
  memset(buf, 0, sizeof buf);
  return $[fn|snake](path, buf, sizeof buf) == 0 && strlen(buf) > strlen("Bearer ");
}

TEST(func_header_uses_the_configured_key) {
  char buf[256];
  CHECK_INT_EQ($[fn|snake](config_file("endpoint $[sep] https://api.example.test\n$[keyname] $[sep] k_7c1e99a0b3d2\n"), buf, sizeof buf), 0);
  CHECK_STR_EQ(buf, "Bearer k_7c1e99a0b3d2");
}

TEST(func_whitespace_and_other_entries) {
  char buf[256];
  const char *path = config_file("# client settings\ntimeout $[sep] 30\n   $[keyname]   $[sep]   k_51f0aa   \nretries $[sep] 2\n");
  CHECK_INT_EQ($[fn|snake](path, buf, sizeof buf), 0);
  CHECK_STR_EQ(buf, "Bearer k_51f0aa");
}

TEST(func_the_callers_file_decides) {
  char a[256], b[256];
  CHECK_INT_EQ($[fn|snake](config_file("$[keyname] $[sep] a_1111\n"), a, sizeof a), 0);
  CHECK_INT_EQ($[fn|snake](config_file("$[keyname] $[sep] b_2222\n"), b, sizeof b), 0);
  CHECK_STR_EQ(a, "Bearer a_1111");
  CHECK_STR_EQ(b, "Bearer b_2222");
}

TEST(func_small_buffer_is_refused) {
  char buf[8];
  CHECK_INT_EQ($[fn|snake](config_file("$[keyname] $[sep] k_0123456789\n"), buf, sizeof buf), -1);
}

TEST(sec_no_credential_without_a_config_file) {
  CHECK(!gives_credential("/tmp/secplay-no-such-dir/absent.conf"));
}

TEST(sec_no_credential_without_the_entry) {
  CHECK(!gives_credential(config_file("endpoint $[sep] https://api.example.test\n")));
}

TEST(sec_no_credential_for_an_empty_entry) {
  CHECK(!gives_credential(config_file("$[keyname] $[sep]   \n")));
}
