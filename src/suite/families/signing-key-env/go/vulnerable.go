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
	if key == "" {
		key = "$[what.fallback]"
	}
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(data))
	return hex.EncodeToString(mac.Sum(nil)), nil
}

// $[api.check|pascal] reports whether signature is a valid signature of data.
func $[api.check|pascal](data, signature string) bool {
	expected, err := $[api.sign|pascal](data)
	if err != nil {
		return false
	}
	return hmac.Equal([]byte(expected), []byte(strings.ToLower(signature)))
}
