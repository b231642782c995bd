package solution

import "log"

// $[fn|pascal] logs the line `$[msg] "<username>" from <ip>` on logger: exactly one line per
// attempt.
func $[fn|pascal]($[sig.params]) {
	logger.Printf("$[msg] %q from %s", username, ip)
}
