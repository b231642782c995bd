#include <cstdarg>
#include <cstdio>
#include <string>

std::string audit_log; // the in-memory audit log, flushed by the application

// printf-style: format one audit line and append it (with a newline) to audit_log.
void $[logger|snake](const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    audit_log += buf;
    audit_log += '\n';
}

// Record the failed login of `user` from `addr` (both sent by the client) as the
// audit line "$[msg.pre]<user>$[msg.mid]<addr>$[msg.post]".
void $[fn|camel]($[sig.params])
{
    const std::string line = "$[msg.pre]" + user + "$[msg.mid]" + addr + "$[msg.post]";
