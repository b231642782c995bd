#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "secplay_test.h"

std::string $[fn|camel](std::size_t length);

static const std::string kChars = "$[alpha.chars]";
#define GENERATE() $[fn|camel](16)

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

TEST(func_length_and_alphabet) {
  for (std::size_t n : {1, 8, 16, 40}) {
    std::string pw = $[fn|camel](n);
    CHECK_INT_EQ(pw.size(), n);
    CHECK(pw.find_first_not_of(kChars) == std::string::npos);
  }
  CHECK($[fn|camel](0).empty());
}

TEST(func_passwords_differ_and_cover_the_alphabet) {
  std::set<std::string> seen;
  std::set<char> chars;
  for (int i = 0; i < 400; i++) {
    std::string pw = $[fn|camel](12);
    seen.insert(pw);
    chars.insert(pw.begin(), pw.end());
  }
  CHECK_INT_EQ(seen.size(), 400);
  CHECK_INT_EQ(chars.size(), std::set<char>(kChars.begin(), kChars.end()).size());
}

TEST(sec_reseeding_rand_does_not_repeat_passwords) {
  std::srand(8675309);
  std::string a = $[fn|camel](16);
  std::srand(8675309);
  std::string b = $[fn|camel](16);
  CHECK(a != b);
}

TEST(sec_new_processes_get_different_passwords) {
  std::string a = firstOfNewProcess();
  std::string b = firstOfNewProcess();
  CHECK_INT_EQ(a.size(), 16);
  CHECK(a != b);
}
