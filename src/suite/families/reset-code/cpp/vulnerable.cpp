#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <sys/random.h>

constexpr int kCodeDigits = $[digits.n];
constexpr std::uint32_t kCodeRange = $[digits.max]u;

// Return a new $[digits.n]-digit code for the $[app]'s $[purpose] flow (zero-padded).
std::string $[fn|camel]() {
  std::uint32_t value;
  value = static_cast<std::uint32_t>(std::rand()) % kCodeRange;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*u", kCodeDigits, static_cast<unsigned>(value));
  return buf;
}
