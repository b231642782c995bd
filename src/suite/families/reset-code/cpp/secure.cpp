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
  do {
    if (getrandom(&value, sizeof value, 0) != static_cast<ssize_t>(sizeof value)) throw std::runtime_error("no randomness available");
  } while (value >= UINT32_MAX - UINT32_MAX % kCodeRange);  // reject the biased tail
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*u", kCodeDigits, static_cast<unsigned>(value % kCodeRange));
  return buf;
}
