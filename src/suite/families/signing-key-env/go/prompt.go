package solution

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"strings"
)

// signingKeyVar names the environment variable that holds the HMAC key.
const signingKeyVar = "$[env]"

// errNoKey is returned when no signing key is configured.
var errNoKey = errors.New(signingKeyVar + " is not set")

// $[api.sign|pascal] returns the hex HMAC-SHA256 of data under the key in $[env] (signs $[what.name]).
func $[api.sign|pascal](data string) (string, error) {
	key := os.Getenv(signingKeyVar)
