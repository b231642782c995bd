package solution

import (
	"crypto/subtle"
	"os"
)

// adminEnvVar names the environment variable that holds the administrator password.
const adminEnvVar = "$[env]"

// $[fn|pascal] reports whether password is the $[app.name]'s administrator password (configured in $[env]).
func $[fn|pascal](password string) bool {
	expected := os.Getenv(adminEnvVar)
	if expected == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(password), []byte(expected)) == 1
}
