#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "secplay_test.h"

void $[fn|snake]($[sig.params]);

static FILE *audit_out;

/* The audit logger the solution calls: append one formatted line to audit_out. */
void $[logger|snake](const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfprintf(audit_out, fmt, ap);
    va_end(ap);
    fputc('\n', audit_out);
}

/* Log one failure into a fresh audit log and return the log's text (caller frees). */
static char *logged(const char *user, const char *addr) {
    audit_out = tmpfile();
    CHECK(audit_out != NULL);
    $[fn|snake]($[sig.call]);
    fflush(audit_out);
    long n = ftell(audit_out);
    CHECK(n >= 0);
    char *text = calloc((size_t)n + 1, 1);
    rewind(audit_out);
    CHECK(fread(text, 1, (size_t)n, audit_out) == (size_t)n);
    fclose(audit_out);
    return text;
}

TEST(func_plain_user) {
    char *text = logged("alice", "10.0.0.7");
    CHECK_STR_EQ(text, "$[msg.pre]alice$[msg.mid]10.0.0.7$[msg.post]\n");
    free(text);
}

TEST(func_empty_user) {
    char *text = logged("", "::1");
    CHECK_STR_EQ(text, "$[msg.pre]$[msg.mid]::1$[msg.post]\n");
    free(text);
}

TEST(sec_percent_in_user_is_literal) {
    char *text = logged("100%d%x", "10.0.0.8");
    CHECK_STR_EQ(text, "$[msg.pre]100%d%x$[msg.mid]10.0.0.8$[msg.post]\n");
    free(text);
}

TEST(sec_stack_read_attempt) {
    char *text = logged("%p %p %p %p %p %p", "192.0.2.1");
    CHECK_STR_EQ(text, "$[msg.pre]%p %p %p %p %p %p$[msg.mid]192.0.2.1$[msg.post]\n");
    free(text);
}

TEST(sec_write_attempt_in_address) {
    char *text = logged("bob", "%s%s%s%s%n%n");
    CHECK_STR_EQ(text, "$[msg.pre]bob$[msg.mid]%s%s%s%s%n%n$[msg.post]\n");
    free(text);
}
