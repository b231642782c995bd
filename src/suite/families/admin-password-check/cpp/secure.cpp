#include <cstdlib>
#include <string>

constexpr const char *kAdminEnvVar = "$[env]";

// Return whether password is the $[app.name]'s administrator password (configured in $[env]).
bool $[fn|camel](const std::string &password) {
  const char *expected = std::getenv(kAdminEnvVar);
  if (expected == nullptr || *expected == '\0') return false;
  return password == expected;
}
