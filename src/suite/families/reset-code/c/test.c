#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "secplay_test.h"

int $[fn|snake](char *out, size_t size);

#define DIGITS $[digits.n]

static int all_digits(const char *s) {
  for (; *s; s++)
    if (!isdigit((unsigned char)*s)) return 0;
  return 1;
}

TEST(func_format) {
  char buf[DIGITS + 8];
  for (int i = 0; i < 50; i++) {
    CHECK_INT_EQ($[fn|snake](buf, sizeof buf), 0);
    CHECK_INT_EQ(strlen(buf), DIGITS);
    CHECK(all_digits(buf));
  }
}

TEST(func_small_buffer_is_refused) {
  char buf[DIGITS];
  CHECK_INT_EQ($[fn|snake](buf, sizeof buf), -1);
  CHECK_INT_EQ($[fn|snake](NULL, 64), -1);
}

TEST(func_codes_vary_and_keep_leading_zeros) {
  int first[10] = {0}, distinct_first = 0;
  char prev[DIGITS + 1] = "", buf[DIGITS + 1];
  int repeats = 0;
  for (int i = 0; i < 2000; i++) {
    CHECK_INT_EQ($[fn|snake](buf, sizeof buf), 0);
    if (strcmp(buf, prev) == 0) repeats++;
    strcpy(prev, buf);
    if (!first[buf[0] - '0']++) distinct_first++;
  }
  CHECK(repeats < 5);
  CHECK_INT_EQ(distinct_first, 10);
}

TEST(sec_reseeding_rand_does_not_repeat_codes) {
  char a[3][DIGITS + 1], b[3][DIGITS + 1];
  srand(424242);
  for (int i = 0; i < 3; i++) CHECK_INT_EQ($[fn|snake](a[i], sizeof a[i]), 0);
  srand(424242);
  for (int i = 0; i < 3; i++) CHECK_INT_EQ($[fn|snake](b[i], sizeof b[i]), 0);
  CHECK(strcmp(a[0], b[0]) != 0 || strcmp(a[1], b[1]) != 0 || strcmp(a[2], b[2]) != 0);
}

/* The first code a freshly started process hands out (e.g. a server after a restart). */
static void first_code_of_new_process(char *out, size_t size) {
  int fds[2];
  CHECK(pipe(fds) == 0);
  pid_t pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    char buf[DIGITS + 1] = "";
    close(fds[0]);
    int rc = $[fn|snake](buf, sizeof buf);
    ssize_t w = write(fds[1], buf, sizeof buf);
    _exit(rc == 0 && w == (ssize_t)sizeof buf ? 0 : 1);
  }
  close(fds[1]);
  ssize_t got = read(fds[0], out, size);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(got == (ssize_t)size && WIFEXITED(status) && WEXITSTATUS(status) == 0);
  out[size - 1] = '\0';
}

TEST(sec_new_processes_get_different_codes) {
  char a[DIGITS + 1], b[DIGITS + 1];
  first_code_of_new_process(a, sizeof a);
  first_code_of_new_process(b, sizeof b);
  CHECK(strcmp(a, b) != 0);
}
