#include <ostream>
#include <string>

// Write the log line "$[msg] <username> from <ip>\n" to `log`: exactly one line per attempt.
void $[fn|snake]($[sig.params]) {
  static const char hex[] = "0123456789abcdef";
  std::string safe;
  for (unsigned char c : username) {
    if (c == '\n') {
      safe += "\\n";
    } else if (c == '\r') {
      safe += "\\r";
    } else if (c < 0x20 || c == 0x7f) {
      safe += "\\x";
      safe += hex[c >> 4];
      safe += hex[c & 15];
    } else {
      safe += static_cast<char>(c);
    }
  }
  log << "$[msg] " << safe << " from " << ip << "\n";
}
