#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

static const char ALPHABET[] = "$[alpha.chars]";

/* Write a random password of length characters from ALPHABET for $[who] into out, NUL-terminated
 * (size is the capacity of out). Return 0 on success, -1 on failure. */
int $[fn|snake](char *out, size_t size, size_t length) {
  const size_t n = sizeof ALPHABET - 1;
  if (out == NULL || length >= size) return -1;
  for (size_t i = 0; i < length; i++) {
    out[i] = ALPHABET[rand() % n];
  }
  out[length] = '\0';
  return 0;
}
