#include <stdlib.h>
#include <string.h>

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

TEST(sec_default_rand_sequence_is_not_used) {
  /* a fresh process starts as if srand(1) had been called: an attacker can replay that sequence */
  char a[HEX_LEN + 1], b[HEX_LEN + 1];
  srand(1);
  CHECK_INT_EQ($[fn|snake](a, sizeof a), 0);
  srand(1);
  CHECK_INT_EQ($[fn|snake](b, sizeof b), 0);
  CHECK(strcmp(a, b) != 0);
}
