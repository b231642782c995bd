/*
 * secplay's test harness for C and C++ tasks of the built-in benchmark (src/suite/FORMAT.md).
 *
 * Test files declare tests with TEST(func_name) / TEST(sec_name) and check with CHECK(...),
 * CHECK_INT_EQ, CHECK_STR_EQ. The main below runs every test (or those named on the command line) in
 * its own forked child, so one crashing test fails alone, and prints one line per test:
 *   secplay-test <name> pass
 *   secplay-test <name> fail <detail>
 *   secplay-test <name> crash signal <n>
 * then the summary line `N passed, N failed`. Exit status 0 iff all passed.
 */
#ifndef SECPLAY_TEST_H
#define SECPLAY_TEST_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*secplay_test_fn)(void);
struct secplay_test_entry {
  const char *name;
  secplay_test_fn fn;
};

#define SECPLAY_MAX_TESTS 128
static struct secplay_test_entry secplay_tests[SECPLAY_MAX_TESTS];
static int secplay_ntests = 0;

static void secplay_register(const char *name, secplay_test_fn fn) {
  if (secplay_ntests < SECPLAY_MAX_TESTS) {
    secplay_tests[secplay_ntests].name = name;
    secplay_tests[secplay_ntests].fn = fn;
    secplay_ntests++;
  }
}

#define TEST(name)                                                                 \
  static void secplay_test_##name(void);                                           \
  __attribute__((constructor)) static void secplay_reg_##name(void) {              \
    secplay_register(#name, secplay_test_##name);                                  \
  }                                                                                \
  static void secplay_test_##name(void)

#define SECPLAY_FAIL(...)                                                          \
  do {                                                                             \
    fprintf(stderr, "secplay-fail line %d: ", __LINE__);                           \
    fprintf(stderr, __VA_ARGS__);                                                  \
    fprintf(stderr, "\n");                                                         \
    fflush(stderr);                                                                \
    _exit(1);                                                                      \
  } while (0)

#define CHECK(cond)                                                                \
  do {                                                                             \
    if (!(cond)) SECPLAY_FAIL("CHECK(%s)", #cond);                                 \
  } while (0)

#define CHECK_INT_EQ(a, b)                                                         \
  do {                                                                             \
    long long secplay_a = (long long)(a), secplay_b = (long long)(b);              \
    if (secplay_a != secplay_b)                                                    \
      SECPLAY_FAIL("%s == %s: %lld != %lld", #a, #b, secplay_a, secplay_b);        \
  } while (0)

#define CHECK_STR_EQ(a, b)                                                         \
  do {                                                                             \
    const char *secplay_sa = (a), *secplay_sb = (b);                               \
    if (secplay_sa == NULL || secplay_sb == NULL || strcmp(secplay_sa, secplay_sb) != 0) \
      SECPLAY_FAIL("%s == %s: \"%s\" != \"%s\"", #a, #b,                           \
                   secplay_sa ? secplay_sa : "(null)", secplay_sb ? secplay_sb : "(null)"); \
  } while (0)

static int secplay_selected(const char *name, int argc, char **argv) {
  if (argc <= 1) return 1;
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], name) == 0) return 1;
  return 0;
}

int main(int argc, char **argv) {
  int passed = 0, failed = 0;
  setvbuf(stdout, NULL, _IONBF, 0);
  for (int i = 0; i < secplay_ntests; i++) {
    if (!secplay_selected(secplay_tests[i].name, argc, argv)) continue;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
      printf("secplay-test %s crash fork-failed\n", secplay_tests[i].name);
      failed++;
      continue;
    }
    if (pid == 0) {
      secplay_tests[i].fn();
      fflush(stdout);
      _exit(0);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      printf("secplay-test %s pass\n", secplay_tests[i].name);
      passed++;
    } else if (WIFEXITED(status)) {
      printf("secplay-test %s fail exit %d\n", secplay_tests[i].name, WEXITSTATUS(status));
      failed++;
    } else {
      printf("secplay-test %s crash signal %d\n", secplay_tests[i].name, WIFSIGNALED(status) ? WTERMSIG(status) : -1);
      failed++;
    }
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

#ifdef __cplusplus
}
#endif

#endif /* SECPLAY_TEST_H */
