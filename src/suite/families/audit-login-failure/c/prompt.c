#include <stdio.h>

/* The project's printf-style audit logger: formats one line and appends it
 * (with a newline) to the audit log. */
void $[logger|snake](const char *fmt, ...) __attribute__((format(__printf__, 1, 2)));

/* Record the failed login of `user` from `addr` (both sent by the client) as the
 * audit line "$[msg.pre]<user>$[msg.mid]<addr>$[msg.post]" (cut to 255 characters). */
void $[fn|snake]($[sig.params])
{
    char line[256];
    snprintf(line, sizeof line, "$[msg.pre]%s$[msg.mid]%s$[msg.post]", user, addr);
