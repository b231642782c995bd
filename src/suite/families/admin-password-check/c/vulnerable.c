#include <stdlib.h>
#include <string.h>

#define ADMIN_ENV_VAR "$[env]"

/* Return 1 if password is the $[app.name]'s administrator password (configured in the environment
 * variable $[env]), else 0. */
int $[fn|snake](const char *password) {
  const char *expected = getenv(ADMIN_ENV_VAR);
  if (expected == NULL || expected[0] == '\0') expected = "$[app.fallback]";
  return password != NULL && strcmp(password, expected) == 0;
}
