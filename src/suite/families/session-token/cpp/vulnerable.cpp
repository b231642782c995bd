#include <cstdio>
#include <random>
#include <stdexcept>
#include <string>
#include <sys/random.h>

constexpr std::size_t kTokenBytes = $[bytes.n];

// Return a new session id for the $[app]: kTokenBytes random bytes as lowercase hex.
std::string $[fn|camel]() {
  unsigned char bytes[kTokenBytes];
  static std::mt19937 gen;
  std::uniform_int_distribution<int> byte(0, 255);
  for (unsigned char &b : bytes) b = static_cast<unsigned char>(byte(gen));
  std::string out;
  char hex[3];
  for (unsigned char b : bytes) {
    std::snprintf(hex, sizeof hex, "%02x", b);
    out += hex;
  }
  return out;
}
