#include <stdio.h>
#include <string.h>
#include "secplay_test.h"

void $[fn|snake]($[sig.params]);

static char text[1024];

static const char *capture(const char *username, const char *ip) {
  FILE *log = tmpfile();
  CHECK(log != NULL);
  $[fn|snake]($[sig.call]);
  fflush(log);
  rewind(log);
  size_t n = fread(text, 1, sizeof text - 1, log);
  text[n] = '\0';
  fclose(log);
  return text;
}

/* exactly one complete line, no CR */
static int one_line(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || s[n - 1] != '\n') return 0;
  return memchr(s, '\n', n - 1) == NULL && strchr(s, '\r') == NULL;
}

TEST(func_logs_a_failed_login) {
  CHECK_STR_EQ(capture("alice", "$[ip]"), "$[msg] alice from $[ip]\n");
}

TEST(func_logs_another_user) {
  CHECK_STR_EQ(capture("bob.smith-2", "203.0.113.9"), "$[msg] bob.smith-2 from 203.0.113.9\n");
}

TEST(func_keeps_spaces_and_symbols) {
  CHECK_STR_EQ(capture("mary ann <m@x>", "$[ip]"), "$[msg] mary ann <m@x> from $[ip]\n");
}

TEST(sec_newline_cannot_forge_an_entry) {
  const char *s = capture("bob\nINFO login succeeded for user admin", "$[ip]");
  CHECK(one_line(s));
  CHECK(strncmp(s, "$[msg] bob", strlen("$[msg] bob")) == 0);
}

TEST(sec_crlf_cannot_forge_an_entry) {
  CHECK(one_line(capture("bob\r\nINFO login succeeded for user admin", "$[ip]")));
}

TEST(sec_lone_carriage_return) {
  CHECK(one_line(capture("eve\rWARNING nothing to see", "$[ip]")));
}
