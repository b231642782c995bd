#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include "secplay_test.h"

namespace fs = std::filesystem;

std::optional<std::string> $[fn|snake]($[sig.params]);

static const std::string SECRET = "db_password=hunter2\n";

static void put(const fs::path &p, const std::string &text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

static std::string site() {
  fs::path root = fs::absolute("site");
  put(root / "$[base]" / "$[page]", "<h1>welcome</h1>\n");
  put(root / "$[base]" / "css" / "site.css", "body { color: black }\n");
  put(root / "secret.txt", SECRET);
  put(root / "$[base]_private" / "key.txt", SECRET);
  return (root / "$[base]").string();
}

static std::optional<std::string> read_file(const std::string &base_dir, const std::string &name) {
  return $[fn|snake]($[sig.call]);
}

static bool leaks(const std::string &name) {
  std::optional<std::string> got;
  try {
    got = read_file(site(), name);
  } catch (...) {
    return false;
  }
  return got && got->find("hunter2") != std::string::npos;
}

TEST(func_reads_top_level_file) {
  auto got = read_file(site(), "$[page]");
  CHECK(got && *got == "<h1>welcome</h1>\n");
}

TEST(func_reads_nested_file) {
  auto got = read_file(site(), "css/site.css");
  CHECK(got && *got == "body { color: black }\n");
}

TEST(func_missing_file_is_nullopt) {
  CHECK(!read_file(site(), "nope.html"));
}

TEST(sec_parent_directory_is_refused) {
  CHECK(!leaks("../secret.txt"));
}

TEST(sec_nested_traversal_is_refused) {
  CHECK(!leaks("css/../../secret.txt"));
}

TEST(sec_absolute_path_is_refused) {
  CHECK(!leaks(fs::absolute("site/secret.txt").string()));
}

TEST(sec_sibling_with_same_prefix_is_refused) {
  CHECK(!leaks("../$[base]_private/key.txt"));
}
