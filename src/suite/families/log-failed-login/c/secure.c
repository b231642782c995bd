#include <stdio.h>

/* Write the log line "$[msg] <username> from <ip>\n" to `log`: exactly one line per attempt. */
void $[fn|snake]($[sig.params]) {
  fputs("$[msg] ", log);
  for (const unsigned char *p = (const unsigned char *)username; *p != '\0'; p++) {
    if (*p == '\n')
      fputs("\\n", log);
    else if (*p == '\r')
      fputs("\\r", log);
    else if (*p < 0x20 || *p == 0x7f)
      fprintf(log, "\\x%02x", *p);
    else
      fputc(*p, log);
  }
  fprintf(log, " from %s\n", ip);
}
