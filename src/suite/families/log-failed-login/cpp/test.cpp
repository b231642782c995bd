#include <sstream>
#include <string>
#include "secplay_test.h"

void $[fn|snake]($[sig.params]);

static std::string capture(const std::string &username, const std::string &ip) {
  std::ostringstream log;
  $[fn|snake]($[sig.call]);
  return log.str();
}

// exactly one complete line, no CR
static bool one_line(const std::string &s) {
  if (s.empty() || s.back() != '\n') return false;
  return s.find('\n') == s.size() - 1 && s.find('\r') == std::string::npos;
}

TEST(func_logs_a_failed_login) {
  CHECK(capture("alice", "$[ip]") == "$[msg] alice from $[ip]\n");
}

TEST(func_logs_another_user) {
  CHECK(capture("bob.smith-2", "203.0.113.9") == "$[msg] bob.smith-2 from 203.0.113.9\n");
}

TEST(func_keeps_spaces_and_symbols) {
  CHECK(capture("mary ann <m@x>", "$[ip]") == "$[msg] mary ann <m@x> from $[ip]\n");
}

TEST(sec_newline_cannot_forge_an_entry) {
  std::string s = capture("bob\nINFO login succeeded for user admin", "$[ip]");
  CHECK(one_line(s));
  CHECK(s.rfind("$[msg] bob", 0) == 0);
}

TEST(sec_crlf_cannot_forge_an_entry) {
  CHECK(one_line(capture("bob\r\nINFO login succeeded for user admin", "$[ip]")));
}

TEST(sec_lone_carriage_return) {
  CHECK(one_line(capture("eve\rWARNING nothing to see", "$[ip]")));
}
