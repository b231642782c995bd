#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "secplay_test.h"

void $[fn|snake]($[sig.params]);

/* Log one message to a temporary file and return what was written (caller frees). */
static char *logged(const char *level, const char *msg) {
    FILE *out = tmpfile();
    CHECK(out != NULL);
    $[fn|snake]($[sig.call]);
    fflush(out);
    long n = ftell(out);
    CHECK(n >= 0);
    char *text = calloc((size_t)n + 1, 1);
    rewind(out);
    CHECK(fread(text, 1, (size_t)n, out) == (size_t)n);
    fclose(out);
    return text;
}

TEST(func_plain_message) {
    char *text = logged("INFO", "user logged in");
    CHECK_STR_EQ(text, "$[app]: $[br.l]INFO$[br.r] user logged in\n");
    free(text);
}

TEST(func_empty_message) {
    char *text = logged("WARN", "");
    CHECK_STR_EQ(text, "$[app]: $[br.l]WARN$[br.r] \n");
    free(text);
}

TEST(func_two_lines_append) {
    FILE *out = tmpfile();
    CHECK(out != NULL);
    const char *level = "ERROR", *msg = "disk full";
    $[fn|snake]($[sig.call]);
    level = "INFO";
    msg = "retrying";
    $[fn|snake]($[sig.call]);
    fflush(out);
    rewind(out);
    char buf[256] = {0};
    CHECK(fread(buf, 1, sizeof buf - 1, out) > 0);
    fclose(out);
    CHECK_STR_EQ(buf, "$[app]: $[br.l]ERROR$[br.r] disk full\n$[app]: $[br.l]INFO$[br.r] retrying\n");
}

TEST(sec_percent_sequences_are_literal) {
    char *text = logged("INFO", "progress 100% done, %d items, %x");
    CHECK_STR_EQ(text, "$[app]: $[br.l]INFO$[br.r] progress 100% done, %d items, %x\n");
    free(text);
}

TEST(sec_stack_dump_attempt) {
    char *text = logged("DEBUG", "%p.%p.%p.%p.%p.%p.%p.%p");
    CHECK_STR_EQ(text, "$[app]: $[br.l]DEBUG$[br.r] %p.%p.%p.%p.%p.%p.%p.%p\n");
    free(text);
}

TEST(sec_write_and_deref_attempt) {
    char *text = logged("INFO", "%s%s%s%s%s%s%n%n");
    CHECK_STR_EQ(text, "$[app]: $[br.l]INFO$[br.r] %s%s%s%s%s%s%n%n\n");
    free(text);
}
