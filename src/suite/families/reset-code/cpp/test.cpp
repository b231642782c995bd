#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "secplay_test.h"

std::string $[fn|camel]();

constexpr std::size_t kDigits = $[digits.n];
#define GENERATE() ($[fn|camel]() + $[fn|camel]() + $[fn|camel]())

/* The first value a freshly started process hands out (e.g. a server after a restart). */
static std::string firstOfNewProcess() {
  int fds[2];
  CHECK(pipe(fds) == 0);
  pid_t pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    char buf[128] = {0};
    std::string v = GENERATE();
    std::strncpy(buf, v.c_str(), sizeof buf - 1);
    ssize_t w = write(fds[1], buf, sizeof buf);
    _exit(w == static_cast<ssize_t>(sizeof buf) ? 0 : 1);
  }
  close(fds[1]);
  char buf[128] = {0};
  ssize_t got = read(fds[0], buf, sizeof buf);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(got == static_cast<ssize_t>(sizeof buf) && WIFEXITED(status) && WEXITSTATUS(status) == 0);
  buf[sizeof buf - 1] = '\0';
  return buf;
}

static bool allDigits(const std::string &s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

TEST(func_format) {
  for (int i = 0; i < 50; i++) {
    std::string code = $[fn|camel]();
    CHECK_INT_EQ(code.size(), kDigits);
    CHECK(allDigits(code));
  }
}

TEST(func_codes_vary_and_keep_leading_zeros) {
  std::set<std::string> seen;
  std::set<char> first;
  for (int i = 0; i < 2000; i++) {
    std::string code = $[fn|camel]();
    seen.insert(code);
    first.insert(code[0]);
  }
  CHECK(seen.size() >= 1990);
  CHECK_INT_EQ(first.size(), 10);
}

TEST(sec_reseeding_rand_does_not_repeat_codes) {
  std::srand(424242);
  std::string a = $[fn|camel]() + $[fn|camel]() + $[fn|camel]();
  std::srand(424242);
  std::string b = $[fn|camel]() + $[fn|camel]() + $[fn|camel]();
  CHECK(a != b);
}

TEST(sec_new_processes_get_different_codes) {
  /* two restarts must not hand out the same first codes (one digit string of three codes each) */
  std::string a = firstOfNewProcess();
  std::string b = firstOfNewProcess();
  CHECK_INT_EQ(a.size(), 3 * kDigits);
  CHECK(a != b);
}
