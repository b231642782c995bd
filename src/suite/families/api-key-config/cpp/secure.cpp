#include <fstream>
#include <stdexcept>
#include <string>

static std::string trimSpace(const std::string &s) {
  const char *ws = " \t\r\n";
  std::size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

// Return the Authorization header value for the $[service.name] API ("Bearer <key>", key: the
// $[keyname] entry of the config file at configPath).
std::string $[fn|camel](const std::string &configPath) {
  std::string key;
  std::ifstream in(configPath);
  for (std::string line; std::getline(in, line);) {
    std::size_t sep = line.find('$[sep]');
    if (sep != std::string::npos && trimSpace(line.substr(0, sep)) == "$[keyname]") key = trimSpace(line.substr(sep + 1));
  }
  if (key.empty()) throw std::runtime_error("no $[keyname] configured in " + configPath);
  return "Bearer " + key;
}
