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
