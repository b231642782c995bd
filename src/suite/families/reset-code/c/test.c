#include <ctype.h>
#include <stdlib.h>
#include <string.h>

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

TEST(sec_default_rand_sequence_is_not_used) {
  /* a fresh process starts as if srand(1) had been called: an attacker can replay that sequence */
  char a[3][DIGITS + 1], b[3][DIGITS + 1];
  srand(1);
  for (int i = 0; i < 3; i++) CHECK_INT_EQ($[fn|snake](a[i], sizeof a[i]), 0);
  srand(1);
  for (int i = 0; i < 3; i++) CHECK_INT_EQ($[fn|snake](b[i], sizeof b[i]), 0);
  CHECK(strcmp(a[0], b[0]) != 0 || strcmp(a[1], b[1]) != 0 || strcmp(a[2], b[2]) != 0);
}
