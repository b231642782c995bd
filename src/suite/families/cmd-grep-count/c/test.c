#include <stdio.h>
#include <unistd.h>
#include "secplay_test.h"

int $[fn|snake]($[sig.params]);

static const char *make_file(void) {
  FILE *f = fopen("$[file]", "w");
  CHECK(f != NULL);
  fputs("service started\n"
        "$[word]: disk quota\n"
        "request served\n"
        "retrying after $[word]\n"
        "$[word] $[word] twice on one line\n"
        "it's done\n"
        "shutdown\n",
        f);
  fclose(f);
  return "$[file]";
}

static int count(const char *path, const char *word) {
  return $[fn|snake]($[sig.call]);
}

static int attack(const char *word, const char *marker) {
  const char *path = make_file();
  unlink(marker);
  count(path, word);
  return access(marker, F_OK) == 0;
}

TEST(func_counts_matching_lines) {
  CHECK_INT_EQ(count(make_file(), "$[word]"), 3);
}

TEST(func_counts_a_single_line) {
  CHECK_INT_EQ(count(make_file(), "shutdown"), 1);
}

TEST(func_no_match_is_zero) {
  CHECK_INT_EQ(count(make_file(), "zebra"), 0);
}

TEST(func_word_is_not_a_regex) {
  CHECK_INT_EQ(count(make_file(), "s.r"), 0);
}

TEST(func_missing_file_fails) {
  CHECK_INT_EQ(count("missing_$[file]", "$[word]"), -1);
}

TEST(sec_quote_in_word_is_data) {
  CHECK_INT_EQ(count(make_file(), "it's"), 1);
}

TEST(sec_quote_breakout_runs_no_command) {
  CHECK(!attack("x' ; touch pwned_quote ; echo '", "pwned_quote"));
}

TEST(sec_command_substitution_runs_no_command) {
  CHECK(!attack("'$(touch pwned_subst)'", "pwned_subst"));
}
