#include <string>
#include <utility>
#include <vector>
#include "secplay_test.h"

class Config {
public:
    explicit Config(std::vector<std::pair<std::string, std::string>> settings)
        : settings_(std::move(settings)) {}

    const std::string *$[find|camel](const std::string &key) const {
        for (const auto &kv : settings_)
            if (kv.first == key)
                return &kv.second;
        return nullptr;
    }

private:
    std::vector<std::pair<std::string, std::string>> settings_;
};

long $[fn|camel]($[sig.params]);

static long get(const std::string &key, long fallback) {
    Config cfg({{"port", "8080"}, {"retries", "3"}, {"offset", "-42"}, {"name", "server-one"}, {"timeout", "15s"}, {"empty", ""}});
    return $[fn|camel]($[sig.call]);
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

TEST(sec_empty_config_uses_fallback) {
    Config cfg({});
    std::string key = "port";
    long fallback = 80;
    CHECK_INT_EQ($[fn|camel]($[sig.call]), 80);
}
