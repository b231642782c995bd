#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>

#define CODE_DIGITS $[digits.n]
#define CODE_RANGE $[digits.max]u

/* Write a new $[digits.n]-digit code for the $[app]'s $[purpose] flow into out (zero-padded,
 * NUL-terminated; size is the capacity of out). Return 0 on success, -1 on failure. */
int $[fn|snake](char *out, size_t size) {
  uint32_t value;
  if (out == NULL || size < CODE_DIGITS + 1) return -1;
