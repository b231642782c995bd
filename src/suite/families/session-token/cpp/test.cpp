#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "secplay_test.h"

std::string $[fn|camel]();

constexpr std::size_t kHexLen = $[bytes.hex];

static bool isLowerHex(const std::string &s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

/* The first token a freshly started process hands out (e.g. a server after a restart). */
static std::string firstTokenOfNewProcess() {
  int fds[2];
  CHECK(pipe(fds) == 0);
  pid_t pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    char buf[kHexLen + 1] = {0};
    std::string t = $[fn|camel]();
    std::strncpy(buf, t.c_str(), kHexLen);
    ssize_t w = write(fds[1], buf, sizeof buf);
    _exit(w == static_cast<ssize_t>(sizeof buf) ? 0 : 1);
  }
  close(fds[1]);
  char buf[kHexLen + 1] = {0};
  ssize_t got = read(fds[0], buf, sizeof buf);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(got == static_cast<ssize_t>(sizeof buf) && WIFEXITED(status) && WEXITSTATUS(status) == 0);
  buf[kHexLen] = '\0';
  return buf;
}

TEST(func_format) {
  std::string t = $[fn|camel]();
  CHECK_INT_EQ(t.size(), kHexLen);
  CHECK(isLowerHex(t));
}

TEST(func_tokens_are_distinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 500; i++) seen.insert($[fn|camel]());
  CHECK_INT_EQ(seen.size(), 500);
}

TEST(sec_reseeding_rand_does_not_repeat_tokens) {
  std::srand(20240607);
  std::string a = $[fn|camel]();
  std::srand(20240607);
  std::string b = $[fn|camel]();
  CHECK(a != b);
}

TEST(sec_new_processes_get_different_tokens) {
  std::string a = firstTokenOfNewProcess();
  std::string b = firstTokenOfNewProcess();
  CHECK_INT_EQ(a.size(), kHexLen);
  CHECK(a != b);
}
