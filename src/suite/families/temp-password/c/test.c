#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "secplay_test.h"

int $[fn|snake](char *out, size_t size, size_t length);

static const char CHARS[] = "$[alpha.chars]";

TEST(func_length_and_alphabet) {
  char buf[64];
  size_t lengths[] = {1, 8, 16, 40};
  for (int k = 0; k < 4; k++) {
    CHECK_INT_EQ($[fn|snake](buf, sizeof buf, lengths[k]), 0);
    CHECK_INT_EQ(strlen(buf), lengths[k]);
    CHECK(strspn(buf, CHARS) == lengths[k]);
  }
  CHECK_INT_EQ($[fn|snake](buf, sizeof buf, 0), 0);
  CHECK_STR_EQ(buf, "");
}

TEST(func_too_small_buffer_is_refused) {
  char buf[8];
  CHECK_INT_EQ($[fn|snake](buf, sizeof buf, 8), -1);
  CHECK_INT_EQ($[fn|snake](buf, sizeof buf, 7), 0);
  CHECK_INT_EQ(strlen(buf), 7);
}

TEST(func_passwords_differ_and_cover_the_alphabet) {
  static char pws[400][13];
  int seen[256] = {0};
  for (int i = 0; i < 400; i++) {
    CHECK_INT_EQ($[fn|snake](pws[i], sizeof pws[i], 12), 0);
    for (int j = 0; j < i; j++) CHECK(strcmp(pws[i], pws[j]) != 0);
    for (int k = 0; k < 12; k++) seen[(unsigned char)pws[i][k]] = 1;
  }
  for (const char *c = CHARS; *c; c++) CHECK(seen[(unsigned char)*c]);
}

TEST(sec_reseeding_rand_does_not_repeat_passwords) {
  char a[17], b[17];
  srand(8675309);
  CHECK_INT_EQ($[fn|snake](a, sizeof a, 16), 0);
  srand(8675309);
  CHECK_INT_EQ($[fn|snake](b, sizeof b, 16), 0);
  CHECK(strcmp(a, b) != 0);
}

/* The first password a freshly started process hands out (e.g. a server after a restart). */
static void first_password_of_new_process(char *out, size_t size) {
  int fds[2];
  CHECK(pipe(fds) == 0);
  pid_t pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    char buf[17] = "";
    close(fds[0]);
    int rc = $[fn|snake](buf, sizeof buf, 16);
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

TEST(sec_new_processes_get_different_passwords) {
  char a[17], b[17];
  first_password_of_new_process(a, sizeof a);
  first_password_of_new_process(b, sizeof b);
  CHECK(strcmp(a, b) != 0);
}
