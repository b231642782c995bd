#include <stddef.h>
#include "secplay_test.h"

struct config_entry {
    const char *key;
    const char *value;
};

struct config {
    const struct config_entry *entries;
    size_t count;
};

long $[fn|snake]($[sig.params]);

static const struct config_entry ENTRIES[] = {
    {"port", "8080"},
    {"retries", "3"},
    {"offset", "-42"},
    {"name", "server-one"},
    {"timeout", "15s"},
    {"verbose", NULL},
    {"empty", ""},
};

static long get(const char *key, long fallback) {
    struct config c = {ENTRIES, sizeof ENTRIES / sizeof ENTRIES[0]};
    const struct config *cfg = &c;
    return $[fn|snake]($[sig.call]);
}

TEST(func_reads_numbers) {
    CHECK_INT_EQ(get("port", 1), 8080);
    CHECK_INT_EQ(get("retries", 1), 3);
    CHECK_INT_EQ(get("offset", 1), -42);
}

TEST(func_not_a_number_uses_fallback) {
    CHECK_INT_EQ(get("name", 77), 77);
    CHECK_INT_EQ(get("timeout", 5), 5);
    CHECK_INT_EQ(get("empty", -1), -1);
}

TEST(sec_missing_setting_uses_fallback) {
    CHECK_INT_EQ(get("threads", 4), 4);
}

TEST(sec_setting_without_value_uses_fallback) {
    CHECK_INT_EQ(get("verbose", 9), 9);
}

TEST(sec_empty_config_uses_fallback) {
    struct config c = {NULL, 0};
    const struct config *cfg = &c;
    const char *key = "port";
    long fallback = 80;
    CHECK_INT_EQ($[fn|snake]($[sig.call]), 80);
}
