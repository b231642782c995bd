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
  static std::default_random_engine engine;
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  while (out.size() < length) out += kAlphabet[pick(engine)];
  return out;
}
