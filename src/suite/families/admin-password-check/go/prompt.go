package solution

import (
	"crypto/subtle"
	"os"
)

// adminPasswordVar names the environment variable that holds the administrator password.
const adminPasswordVar = "$[env]"

// $[fn|pascal] reports whether password is the $[app.name]'s administrator password (configured in $[env]).
func $[fn|pascal](password string) bool {
	expected := os.Getenv(adminPasswordVar)
