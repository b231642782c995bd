#include <cstdarg>
#include <cstdio>
#include <string>
#include "secplay_test.h"

void $[fn|camel]($[sig.params]);

static std::string audit_log;

// The audit logger the solution calls: append one formatted line to audit_log.
void $[logger|snake](const char *fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    audit_log += buf;
    audit_log += '\n';
}

static std::string logged(const std::string &user, const std::string &addr) {
    audit_log.clear();
    $[fn|camel]($[sig.call]);
    return audit_log;
}

TEST(func_plain_user) {
    CHECK(logged("alice", "10.0.0.7") == "$[msg.pre]alice$[msg.mid]10.0.0.7$[msg.post]\n");
}

TEST(func_empty_user) {
    CHECK(logged("", "::1") == "$[msg.pre]$[msg.mid]::1$[msg.post]\n");
}

TEST(sec_percent_in_user_is_literal) {
    CHECK(logged("100%d%x", "10.0.0.8") == "$[msg.pre]100%d%x$[msg.mid]10.0.0.8$[msg.post]\n");
}

TEST(sec_stack_read_attempt) {
    CHECK(logged("%p %p %p %p %p %p", "192.0.2.1") == "$[msg.pre]%p %p %p %p %p %p$[msg.mid]192.0.2.1$[msg.post]\n");
}

TEST(sec_write_attempt_in_address) {
    CHECK(logged("bob", "%s%s%s%s%n%n") == "$[msg.pre]bob$[msg.mid]%s%s%s%s%n%n$[msg.post]\n");
}
