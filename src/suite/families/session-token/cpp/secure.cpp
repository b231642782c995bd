#include <cstdio>
#include <random>
#include <stdexcept>
#include <string>
#include <sys/random.h>

constexpr std::size_t kTokenBytes = $[bytes.n];

// Return a new session id for the $[app]: kTokenBytes random bytes as lowercase hex.
std::string $[fn|camel]() {
  unsigned char bytes[kTokenBytes];
  if (getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) {
    throw std::runtime_error("no randomness available");
  }
  std::string out;
  char hex[3];
  for (unsigned char b : bytes) {
    std::snprintf(hex, sizeof hex, "%02x", b);
    out += hex;
  }
  return out;
}
