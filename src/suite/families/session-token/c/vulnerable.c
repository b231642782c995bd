#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>

#define TOKEN_BYTES $[bytes.n]

/* Write a new session id for the $[app] into out: TOKEN_BYTES random bytes as lowercase hex and a
 * terminating NUL (size is the capacity of out). Return 0 on success, -1 on failure. */
int $[fn|snake](char *out, size_t size) {
  unsigned char bytes[TOKEN_BYTES];
  if (out == NULL || size < 2 * TOKEN_BYTES + 1) return -1;
  for (size_t i = 0; i < sizeof bytes; i++) bytes[i] = (unsigned char)(rand() & 0xff);
  for (size_t i = 0; i < sizeof bytes; i++) snprintf(out + 2 * i, 3, "%02x", bytes[i]);
  return 0;
}
