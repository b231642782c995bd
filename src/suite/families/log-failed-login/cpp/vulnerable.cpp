#include <ostream>
#include <string>

// Write the log line "$[msg] <username> from <ip>\n" to `log`: exactly one line per attempt.
void $[fn|snake]($[sig.params]) {
  log << "$[msg] " << username << " from " << ip << "\n";
}
