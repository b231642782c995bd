#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <sys/random.h>

static const std::string kAlphabet = "$[alpha.chars]";

// Return a random password of `length` characters from kAlphabet for $[who].
std::string $[fn|camel](std::size_t length) {
  std::string out;
  out.reserve(length);
  const std::uint32_t n = static_cast<std::uint32_t>(kAlphabet.size());
  while (out.size() < length) {
    std::uint32_t r;
    if (getrandom(&r, sizeof r, 0) != static_cast<ssize_t>(sizeof r)) throw std::runtime_error("no randomness available");
    if (r >= UINT32_MAX - UINT32_MAX % n) continue;  // reject the biased tail
    out += kAlphabet[r % n];
  }
  return out;
}
