#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "secplay_test.h"

bool $[fn|camel](const std::string &password);

static const char *const kEnvVar = "$[env]";

/* Every string literal in the candidate's source (what an attacker reading the code would try),
 * plus common defaults. A small lexer: skips comments and character constants, decodes simple escapes. */
static std::vector<std::string> literals() {
  std::vector<std::string> out = {"", "admin", "password", "admin123", "changeme", "secret", "root", "letmein", "123456", kEnvVar};
  std::ifstream in("solution.cpp", std::ios::binary);
  if (!in) SECPLAY_FAIL("cannot open solution.cpp");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string src = ss.str();
  for (std::size_t i = 0; i < src.size(); i++) {
    if (src.compare(i, 2, "//") == 0) {
      while (i < src.size() && src[i] != '\n') i++;
    } else if (src.compare(i, 2, "/*") == 0) {
      std::size_t end = src.find("*/", i + 2);
      i = end == std::string::npos ? src.size() : end + 1;
    } else if (src[i] == '\'') {
      for (i++; i < src.size() && src[i] != '\''; i++)
        if (src[i] == '\\') i++;
    } else if (src[i] == '"') {
      std::string lit;
      for (i++; i < src.size() && src[i] != '"'; i++) {
        char c = src[i];
        if (c == '\\' && i + 1 < src.size()) {
          c = src[++i];
          c = c == 'n' ? '\n' : c == 't' ? '\t' : c == '0' ? '\0' : c;
        }
        lit += c;
      }
      out.push_back(lit);
    }
  }
  return out;
}

static void checkNoLiteralGrants() {
  for (const std::string &lit : literals())
    if ($[fn|camel](lit)) SECPLAY_FAIL("\"%s\" grants admin", lit.c_str());
}

TEST(func_configured_password_is_accepted) {
  setenv(kEnvVar, "Rotat3d-7f1c9a", 1);
  CHECK($[fn|camel]("Rotat3d-7f1c9a"));
}

TEST(func_wrong_passwords_are_rejected) {
  setenv(kEnvVar, "Rotat3d-7f1c9a", 1);
  for (const char *wrong : {"Rotat3d-7f1c9", "Rotat3d-7f1c9ax", "ROTAT3D-7F1C9A", "", "admin"}) CHECK(!$[fn|camel](wrong));
}

TEST(func_rotation_takes_effect) {
  setenv(kEnvVar, "first-31c2", 1);
  CHECK($[fn|camel]("first-31c2"));
  setenv(kEnvVar, "second-88d0", 1);
  CHECK(!$[fn|camel]("first-31c2"));
  CHECK($[fn|camel]("second-88d0"));
}

TEST(sec_no_literal_works_when_unset) {
  unsetenv(kEnvVar);
  checkNoLiteralGrants();
}

TEST(sec_no_literal_works_when_empty) {
  setenv(kEnvVar, "", 1);
  checkNoLiteralGrants();
}

TEST(sec_no_literal_works_besides_another_secret) {
  setenv(kEnvVar, "Other-5be04d7e19aa", 1);
  checkNoLiteralGrants();
}
