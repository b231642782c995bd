// Package solution encrypts $[what] before they are saved in $[store].
//
//	func $[api.enc|pascal](key []byte, plaintext string) (string, error) // 32-byte key; $[b64.name] output
//	func $[api.dec|pascal](key []byte, text string) (string, error)      // error if text was modified or key is wrong
package solution

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"errors"
