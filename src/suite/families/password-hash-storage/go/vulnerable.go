package solution

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// $[api.hash|pascal] returns the string to store in the $[column] column of the $[app]'s $[table] table for password.
func $[api.hash|pascal](password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := sha256.Sum256(append(salt, password...))
	return fmt.Sprintf("sha256$%s$%s", hex.EncodeToString(salt), hex.EncodeToString(key[:])), nil
}

// $[api.check|pascal] reports whether password matches a value made by $[api.hash|pascal].
func $[api.check|pascal](password, stored string) bool {
	parts := strings.Split(stored, "$")
	if len(parts) != 3 || parts[0] != "sha256" {
		return false
	}
	salt, err1 := hex.DecodeString(parts[1])
	key, err2 := hex.DecodeString(parts[2])
	if err1 != nil || err2 != nil {
		return false
	}
	sum := sha256.Sum256(append(salt, password...))
	return hmac.Equal(sum[:], key)
}
