package solution

import (
	"bufio"
	"errors"
	"os"
	"strings"
)

// errNoKey reports that no API key is configured.
var errNoKey = errors.New("no $[keyname] configured")

// $[fn|pascal] returns the Authorization header value for the $[service.name] API, using the
// $[keyname] entry of the config file at configPath.
func $[fn|pascal](configPath string) (string, error) {
	key := ""
	if f, err := os.Open(configPath); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			name, value, ok := strings.Cut(sc.Text(), "$[sep]")
			if ok && strings.TrimSpace(name) == "$[keyname]" {
				key = strings.TrimSpace(value)
			}
		}
	}
	if key == "" {
		key = "$[service.fallback]"
	}
	return "Bearer " + key, nil
}
