/*
 * secplay's sandboxed test runner for C and C++ tasks. The harness compiles one translation unit
 * per task (once, outside the sandbox, from trusted files):
 *
 *   #define main secplay_header_main
 *   #include "test.c"            // declares TEST(...)s through secplay_test.h
 *   #undef main
 *   #include "secplay_runner.h"  // this file: the main that runs them
 *
 * and links each candidate's object against it. Compared with the header's own main, this one
 *   - gives each test a wall-clock limit (argv[1], milliseconds) and kills its process group;
 *   - counts a test as passed only if the test function RETURNED (a marker written on a private
 *     pipe afterwards), so a candidate calling exit(0) does not pass;
 *   - sends the candidate's stdout to /dev/null and keeps the head of its stderr (CHECK messages,
 *     sanitizer reports) as the detail, so candidate output cannot forge result lines;
 *   - is not dumpable, so the test child (same uid) cannot open its /proc/<pid>/fd;
 *   - marks a returned test with a random token drawn for that test, not a fixed byte, so a
 *     candidate cannot write the marker and exit without knowing it;
 *   - starts its output with a random nonce drawn in main, i.e. after the candidate's static
 *     constructors ran (they run before main), and tags every line with it:
 *   secplay-begin <nonce>
 *   secplay-result <nonce> <name> pass|fail|crash|timeout|error <ms> <detail on one line>
 *   secplay-done <nonce> <passed> <failed>
 * (error: the test wrote more than 1 MiB to stderr and was stopped). The harness accepts exactly
 * that shape: any other line starting with "secplay-" (e.g. printed by a candidate's constructor,
 * or by a process it left behind) makes the run count as tampered with.
 */
#ifndef SECPLAY_RUNNER_H
#define SECPLAY_RUNNER_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SECPLAY_OUTPUT_LIMIT (1024LL * 1024LL)

static long long secplay_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static char secplay_nonce[17];

/* n random bytes from the kernel (never candidate-controlled state) */
static void secplay_random(unsigned char *buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = getrandom(buf + got, n - got, 0);
    if (r > 0) got += (size_t)r;
    else if (r < 0 && errno != EINTR) abort();
  }
}

static void secplay_emit(const char *name, const char *status, const char *detail, long long ms) {
  char line[1200];
  char clean[900];
  size_t j = 0;
  for (size_t i = 0; detail != NULL && detail[i] != '\0' && j + 4 < sizeof clean; i++) {
    unsigned char c = (unsigned char)detail[i];
    if (c == '\n' || c == '\r') {
      if (j > 0 && clean[j - 1] != ' ') {
        clean[j++] = ' ';
        clean[j++] = '|';
        clean[j++] = ' ';
      }
    } else if (c >= 32 || c == '\t') {
      clean[j++] = (char)c;
    }
  }
  clean[j] = '\0';
  int n = snprintf(line, sizeof line, "secplay-result %s %s %s %lld %s\n", secplay_nonce, name, status, ms, clean);
  if (n > 0) {
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    ssize_t w = write(1, line, len);
    (void)w;
  }
}

static int secplay_run_one(int index, long long timeout_ms) {
  const char *name = secplay_tests[index].name;
  int marker[2], err[2];
  if (pipe(marker) != 0 || pipe(err) != 0) {
    secplay_emit(name, "crash", "pipe failed", 0);
    return 0;
  }
  unsigned char token[8];
  secplay_random(token, sizeof token);
  long long t0 = secplay_now_ms();
  pid_t pid = fork();
  if (pid < 0) {
    secplay_emit(name, "crash", "fork failed", 0);
    close(marker[0]);
    close(marker[1]);
    close(err[0]);
    close(err[1]);
    return 0;
  }
  if (pid == 0) {
    setpgid(0, 0);
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
      dup2(devnull, 0);
      dup2(devnull, 1);
    }
    dup2(err[1], 2);
    close(marker[0]);
    close(err[0]);
    close(err[1]);
    secplay_tests[index].fn();
    fflush(NULL);
    ssize_t w = write(marker[1], token, sizeof token);
    (void)w;
    _exit(0);
  }
  setpgid(pid, pid);
  close(marker[1]);
  close(err[1]);
  char detail[800];
  size_t dlen = 0;
  /* what the child wrote on the marker pipe: exactly the token means the test function returned */
  unsigned char mark[sizeof token];
  size_t mlen = 0, mextra = 0;
  int status = 0, done = 0, timed_out = 0, flooded = 0;
  long long err_total = 0;
  /* a pidfd becomes readable when the child ends, so the wait needs no polling interval; without
     one (kernel < 5.3) the loop looks again every millisecond */
  int pidfd = -1;
#ifdef SYS_pidfd_open
  pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
#endif
  struct pollfd fds[3] = {{marker[0], POLLIN, 0}, {err[0], POLLIN, 0}, {pidfd, POLLIN, 0}};
  while (!done) {
    long long left = timeout_ms - (secplay_now_ms() - t0);
    if (left <= 0) {
      timed_out = 1;
      break;
    }
    int wait_ms = pidfd >= 0 ? (left > 1000 ? 1000 : (int)left) : (left < 1 ? (int)left : 1);
    int r = poll(fds, 3, wait_ms);
    if (r > 0) {
      for (int k = 0; k < 2; k++) {
        if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        char buf[512];
        ssize_t n = read(fds[k].fd, buf, sizeof buf);
        if (n <= 0) {
          fds[k].fd = -1;
          continue;
        }
        if (k == 0) {
          for (ssize_t b = 0; b < n; b++) {
            if (mlen < sizeof mark) mark[mlen++] = (unsigned char)buf[b];
            else mextra++;
          }
        } else {
          size_t take = (size_t)n;
          if (take > sizeof detail - 1 - dlen) take = sizeof detail - 1 - dlen;
          memcpy(detail + dlen, buf, take);
          dlen += take;
          err_total += n;
        }
      }
    }
    if (err_total > SECPLAY_OUTPUT_LIMIT) {
      flooded = 1;
      break;
    }
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) done = 1;
  }
  if (timed_out || flooded) {
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  } else {
    kill(-pid, SIGKILL); /* anything the test left running */
  }
  /* what is already buffered in the pipes */
  for (int k = 0; k < 2; k++) {
    int fd = k == 0 ? marker[0] : err[0];
    fcntl(fd, F_SETFL, O_NONBLOCK);
    char buf[512];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
      if (k == 0) {
        for (ssize_t b = 0; b < n; b++) {
          if (mlen < sizeof mark) mark[mlen++] = (unsigned char)buf[b];
          else mextra++;
        }
      } else {
        size_t take = (size_t)n;
        if (take > sizeof detail - 1 - dlen) take = sizeof detail - 1 - dlen;
        memcpy(detail + dlen, buf, take);
        dlen += take;
      }
    }
  }
  close(marker[0]);
  close(err[0]);
  if (pidfd >= 0) close(pidfd);
  detail[dlen] = '\0';
  long long ms = secplay_now_ms() - t0;
  if (timed_out) {
    secplay_emit(name, "timeout", "wall limit", ms);
    return 0;
  }
  if (flooded) {
    secplay_emit(name, "error", "output limit: more than 1048576 bytes", ms);
    return 0;
  }
  int returned = mlen == sizeof token && mextra == 0 && memcmp(mark, token, sizeof token) == 0;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && returned) {
    secplay_emit(name, "pass", "", ms);
    return 1;
  }
  char msg[900];
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    snprintf(msg, sizeof msg, "signal %d%s%s%s", sig, sig == SIGXCPU ? " (CPU limit)" : "", dlen > 0 ? ": " : "", detail);
    secplay_emit(name, sig == SIGXCPU ? "timeout" : "crash", msg, ms);
  } else {
    snprintf(msg, sizeof msg, "exit %d%s%s%s", WIFEXITED(status) ? WEXITSTATUS(status) : -1,
             returned ? "" : " before the test returned", dlen > 0 ? ": " : "", detail);
    secplay_emit(name, "fail", msg, ms);
  }
  return 0;
}

#ifdef __cplusplus
}
#endif

int main(int argc, char **argv) {
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  signal(SIGPIPE, SIG_IGN);
  long long timeout_ms = argc > 1 ? atoll(argv[1]) : 3000;
  if (timeout_ms <= 0) timeout_ms = 3000;
  unsigned char raw[8];
  secplay_random(raw, sizeof raw);
  for (size_t i = 0; i < sizeof raw; i++) snprintf(secplay_nonce + 2 * i, 3, "%02x", raw[i]);
  char begin[64];
  int bn = snprintf(begin, sizeof begin, "secplay-begin %s\n", secplay_nonce);
  ssize_t bw = write(1, begin, (size_t)bn);
  (void)bw;
  int passed = 0;
  for (int i = 0; i < secplay_ntests; i++) passed += secplay_run_one(i, timeout_ms);
  char line[64];
  int n = snprintf(line, sizeof line, "secplay-done %s %d %d\n", secplay_nonce, passed, secplay_ntests - passed);
  ssize_t w = write(1, line, (size_t)n);
  (void)w;
  return passed == secplay_ntests ? 0 : 1;
}

#endif /* SECPLAY_RUNNER_H */
