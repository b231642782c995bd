#include <string>
#include "secplay_test.h"

std::string $[fn|camel]($[sig.params]);

static std::string logged(const std::string &level, const std::string &msg) {
    return $[fn|camel]($[sig.call]);
}

TEST(func_plain_message) {
    CHECK(logged("INFO", "user logged in") == "$[app]: $[br.l]INFO$[br.r] user logged in");
}

TEST(func_empty_message) {
    CHECK(logged("WARN", "") == "$[app]: $[br.l]WARN$[br.r] ");
}

TEST(func_long_message_is_cut) {
    std::string msg(400, 'm');
    std::string line = logged("ERROR", msg);
    std::string expected = std::string("$[app]: $[br.l]ERROR$[br.r] ") + msg;
    CHECK(line.size() == 255);
    CHECK(line == expected.substr(0, 255));
}

TEST(sec_percent_sequences_are_literal) {
    CHECK(logged("INFO", "progress 100% done, %d items, %x") == "$[app]: $[br.l]INFO$[br.r] progress 100% done, %d items, %x");
}

TEST(sec_stack_dump_attempt) {
    CHECK(logged("DEBUG", "%p.%p.%p.%p.%p.%p.%p.%p") == "$[app]: $[br.l]DEBUG$[br.r] %p.%p.%p.%p.%p.%p.%p.%p");
}

TEST(sec_write_and_deref_attempt) {
    CHECK(logged("INFO", "%s%s%s%s%s%s%n%n") == "$[app]: $[br.l]INFO$[br.r] %s%s%s%s%s%s%n%n");
}
