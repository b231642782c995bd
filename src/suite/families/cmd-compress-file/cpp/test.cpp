#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>
#include "secplay_test.h"

bool $[fn|snake]($[sig.params]);

static const std::string CONTENT = "quarterly numbers\nquarterly numbers\nquarterly numbers\n";

static void make_file(const std::string &name) {
  std::ofstream(name, std::ios::binary) << CONTENT;
  unlink((name + ".gz").c_str());
}

static bool compress(const std::string &path) {
  int level = $[level];
  return $[fn|snake]($[sig.call]);
}

static std::string slurp(const std::string &name) {
  std::ifstream in(name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// gzip files start with the magic bytes 1f 8b
static bool is_gzip(const std::string &name) {
  std::string s = slurp(name);
  return s.size() > 2 && static_cast<unsigned char>(s[0]) == 0x1f && static_cast<unsigned char>(s[1]) == 0x8b;
}

static bool attack(const std::string &path, const char *marker) {
  unlink(marker);
  compress(path);
  return access(marker, F_OK) == 0;
}

TEST(func_compresses_and_keeps_original) {
  make_file("$[file]");
  CHECK(compress("$[file]"));
  CHECK(is_gzip("$[file].gz"));
  CHECK(slurp("$[file]") == CONTENT);
}

TEST(func_overwrites_existing_archive) {
  make_file("again_$[file]");
  std::ofstream("again_$[file].gz") << "stale";
  CHECK(compress("again_$[file]"));
  CHECK(is_gzip("again_$[file].gz"));
}

TEST(func_missing_file_fails) {
  CHECK(!compress("missing_$[file]"));
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
