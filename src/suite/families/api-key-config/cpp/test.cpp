#include <cstdlib>
#include <fstream>
#include <string>

#include "secplay_test.h"

std::string $[fn|camel](const std::string &configPath);

static std::string configFile(const std::string &text) {
  char dir[] = "/tmp/cfgXXXXXX";
  if (mkdtemp(dir) == nullptr) SECPLAY_FAIL("mkdtemp failed");
  std::string path = std::string(dir) + "/client.conf";
  std::ofstream(path) << text;
  return path;
}

/* true if the function hands out a credential for this config, false if it refuses. */
static bool givesCredential(const std::string &path) {
  try {
    std::string h = $[fn|camel](path);
    return h.size() > std::string("Bearer ").size();
  } catch (...) {
    return false;
  }
}

TEST(func_header_uses_the_configured_key) {
  CHECK($[fn|camel](configFile("endpoint $[sep] https://api.example.test\n$[keyname] $[sep] k_7c1e99a0b3d2\n")) == "Bearer k_7c1e99a0b3d2");
}

TEST(func_whitespace_and_other_entries) {
  CHECK($[fn|camel](configFile("# client settings\ntimeout $[sep] 30\n   $[keyname]   $[sep]   k_51f0aa   \nretries $[sep] 2\n")) == "Bearer k_51f0aa");
}

TEST(func_the_callers_file_decides) {
  CHECK($[fn|camel](configFile("$[keyname] $[sep] a_1111\n")) == "Bearer a_1111");
  CHECK($[fn|camel](configFile("$[keyname] $[sep] b_2222\n")) == "Bearer b_2222");
}

TEST(sec_no_credential_without_a_config_file) {
  CHECK(!givesCredential("/tmp/secplay-no-such-dir/absent.conf"));
}

TEST(sec_no_credential_without_the_entry) {
  CHECK(!givesCredential(configFile("endpoint $[sep] https://api.example.test\n")));
}

TEST(sec_no_credential_for_an_empty_entry) {
  CHECK(!givesCredential(configFile("$[keyname] $[sep]   \n")));
}
