#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>
#include "secplay_test.h"

namespace fs = std::filesystem;

bool $[fn|snake]($[sig.params]);

static const std::string DATA = "\x89PNG fake image bytes";

// a fresh tree t_<tag>/app/$[dir]; returns {root, upload dir}
static std::pair<fs::path, fs::path> fresh(const std::string &tag) {
  fs::path root = fs::absolute("t_" + tag);
  fs::remove_all(root);
  fs::create_directories(root / "app" / "$[dir]");
  return {root, root / "app" / "$[dir]"};
}

static bool save(const std::string &upload_dir, const std::string &filename, const std::string &data) {
  try {
    return $[fn|snake]($[sig.call]);
  } catch (...) {
    return false;
  }
}

static std::string slurp(const fs::path &p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// every regular file under root that is not inside dir
static std::vector<fs::path> written_outside(const fs::path &root, const fs::path &dir) {
  std::vector<fs::path> out;
  for (const auto &e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    fs::path rel = e.path().lexically_relative(dir);
    if (rel.empty() || *rel.begin() == "..") out.push_back(e.path());
  }
  return out;
}

TEST(func_saves_the_file) {
  auto [root, dir] = fresh("save");
  CHECK(save(dir.string(), "$[name]", DATA));
  CHECK(slurp(dir / "$[name]") == DATA);
}

TEST(func_overwrites_same_name) {
  auto [root, dir] = fresh("overwrite");
  CHECK(save(dir.string(), "$[name]", "old content"));
  CHECK(save(dir.string(), "$[name]", "new"));
  CHECK(slurp(dir / "$[name]") == "new");
}

TEST(func_missing_directory_fails) {
  auto [root, dir] = fresh("missing");
  CHECK(!save((dir / "no_such_dir").string(), "$[name]", DATA));
}

TEST(sec_parent_directory_name) {
  auto [root, dir] = fresh("parent");
  save(dir.string(), "../settings.conf", DATA);
  CHECK(written_outside(root, dir).empty());
}

TEST(sec_deep_traversal_name) {
  auto [root, dir] = fresh("deep");
  save(dir.string(), "../../evil_$[name]", DATA);
  CHECK(written_outside(root, dir).empty());
}

TEST(sec_absolute_name) {
  auto [root, dir] = fresh("abs");
  save(dir.string(), (root / "app" / "abs_$[name]").string(), DATA);
  CHECK(written_outside(root, dir).empty());
}
