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
