#include <string>

// The project's printf-style audit logger: formats one line and appends it
// (with a newline) to the audit log.
void $[logger|snake](const char *fmt, ...) __attribute__((format(__printf__, 1, 2)));

// Record the failed login of `user` from `addr` (both sent by the client) as the
// audit line "$[msg.pre]<user>$[msg.mid]<addr>$[msg.post]".
void $[fn|camel]($[sig.params])
{
    const std::string line = "$[msg.pre]" + user + "$[msg.mid]" + addr + "$[msg.post]";
    $[logger|snake]("%s", line.c_str());
}
