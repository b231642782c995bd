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
