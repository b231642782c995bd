#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "secplay_test.h"

int $[fn|snake](char *out, size_t size);

#define HEX_LEN $[bytes.hex]

static int is_lower_hex(const char *s) {
  for (; *s; s++)
    if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f'))) return 0;
  return 1;
}

TEST(func_format) {
  char buf[HEX_LEN + 16];
  memset(buf, 'X', sizeof buf);
  CHECK_INT_EQ($[fn|snake](buf, sizeof buf), 0);
  CHECK_INT_EQ(strlen(buf), HEX_LEN);
  CHECK(is_lower_hex(buf));
}

TEST(func_exact_size_buffer) {
  char buf[HEX_LEN + 1];
  CHECK_INT_EQ($[fn|snake](buf, sizeof buf), 0);
  CHECK_INT_EQ(strlen(buf), HEX_LEN);
}

TEST(func_small_buffer_is_refused) {
  char buf[HEX_LEN];
  CHECK_INT_EQ($[fn|snake](buf, sizeof buf), -1);
  CHECK_INT_EQ($[fn|snake](NULL, 100), -1);
}

TEST(func_tokens_are_distinct) {
  static char tokens[200][HEX_LEN + 1];
  for (int i = 0; i < 200; i++) {
    CHECK_INT_EQ($[fn|snake](tokens[i], sizeof tokens[i]), 0);
    for (int j = 0; j < i; j++) CHECK(strcmp(tokens[i], tokens[j]) != 0);
  }
}

TEST(sec_reseeding_rand_does_not_repeat_tokens) {
  char a[HEX_LEN + 1], b[HEX_LEN + 1];
  srand(20240607);
  CHECK_INT_EQ($[fn|snake](a, sizeof a), 0);
  srand(20240607);
  CHECK_INT_EQ($[fn|snake](b, sizeof b), 0);
  CHECK(strcmp(a, b) != 0);
}

/* The first token a freshly started process hands out (e.g. a server after a restart). */
static void first_token_of_new_process(char *out, size_t size) {
  int fds[2];
  CHECK(pipe(fds) == 0);
  pid_t pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    char buf[HEX_LEN + 1] = "";
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

TEST(sec_new_processes_get_different_tokens) {
  char a[HEX_LEN + 1], b[HEX_LEN + 1];
  first_token_of_new_process(a, sizeof a);
  first_token_of_new_process(b, sizeof b);
  CHECK(strcmp(a, b) != 0);
}
