#include <ctype.h>
#include <stdio.h>
#include <string.h>

static char *trim_space(char *s) {
  while (isspace((unsigned char)*s)) s++;
  char *end = s + strlen(s);
  while (end > s && isspace((unsigned char)end[-1])) *--end = '\0';
  return s;
}

/* Write the Authorization header value for the $[service.name] API ("Bearer <key>", key: the
 * $[keyname] entry of the config file at config_path) into out of capacity size.
 * Return 0 on success, -1 on failure. */
int $[fn|snake](const char *config_path, char *out, size_t size) {
  char line[512], key[256] = "";
  FILE *f = fopen(config_path, "r");
  if (f != NULL) {
    while (fgets(line, sizeof line, f) != NULL) {
      char *sep = strchr(line, '$[sep]');
      if (sep == NULL) continue;
      *sep = '\0';
      if (strcmp(trim_space(line), "$[keyname]") == 0) snprintf(key, sizeof key, "%s", trim_space(sep + 1));
    }
    fclose(f);
  }
  if (key[0] == '\0' || out == NULL) return -1;
  if (snprintf(out, size, "Bearer %s", key) >= (int)size) return -1;
  return 0;
}
