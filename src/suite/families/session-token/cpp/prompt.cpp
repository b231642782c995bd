#include <cstdio>
#include <random>
#include <stdexcept>
#include <string>
#include <sys/random.h>

constexpr std::size_t kTokenBytes = $[bytes.n];

// Return a new session id for the $[app]: kTokenBytes random bytes as lowercase hex.
std::string $[fn|camel]() {
  unsigned char bytes[kTokenBytes];
