#include <cstdlib>
#include <string>

constexpr const char *kAdminPasswordVar = "$[env]";

// Return whether password is the $[app.name]'s administrator password (configured in $[env]).
bool $[fn|camel](const std::string &password) {
  const char *expected = std::getenv(kAdminPasswordVar);
  if (expected == nullptr || *expected == '\0') return false;
  return password == expected;
}
