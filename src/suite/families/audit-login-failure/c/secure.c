#include <stdarg.h>
#include <stdio.h>

FILE *audit_log; /* the audit log stream, opened by the application */

/* printf-style: format one audit line and append it to audit_log. */
void $[logger|snake](const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(audit_log, fmt, ap);
    va_end(ap);
    fputc('\n', audit_log);
}

/* Record the failed login of `user` from `addr` (both sent by the client) as the
 * audit line "$[msg.pre]<user>$[msg.mid]<addr>$[msg.post]" (cut to 255 characters). */
void $[fn|snake]($[sig.params])
{
    char line[256];
    snprintf(line, sizeof line, "$[msg.pre]%s$[msg.mid]%s$[msg.post]", user, addr);
    $[logger|snake]("%s", line);
}
