#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

class Config {
public:
    explicit Config(std::vector<std::pair<std::string, std::string>> settings)
        : settings_(std::move(settings)) {}

    // The value of setting `key`, or nullptr if the setting is absent.
    const std::string *$[find|camel](const std::string &key) const {
        for (const auto &kv : settings_)
            if (kv.first == key)
                return &kv.second;
        return nullptr;
    }

private:
    std::vector<std::pair<std::string, std::string>> settings_;
};

// Return the value of setting `key` parsed as $[base.desc], or `fallback`
// if the setting is missing or its value is not a number.
long $[fn|camel]($[sig.params])
{
    const std::string *value = cfg.$[find|camel](key);
    const char *text = value->c_str();
    char *end = nullptr;
    long v = std::strtol(text, &end, $[base.base]);
    if (end == text || *end != '\0')
        return fallback;
    return v;
}
