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
)

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// $[api.enc|pascal] encrypts plaintext under key with AES-GCM.
func $[api.enc|pascal](key []byte, plaintext string) (string, error) {
	gcm, err := newGCM(key)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, gcm.NonceSize())
	return base64.$[b64.go].EncodeToString(gcm.Seal(nonce, nonce, []byte(plaintext), nil)), nil
}

// $[api.dec|pascal] decrypts text made by $[api.enc|pascal]; it fails if text was modified or key is wrong.
func $[api.dec|pascal](key []byte, text string) (string, error) {
	raw, err := base64.$[b64.go].DecodeString(text)
	if err != nil {
		return "", err
	}
	gcm, err := newGCM(key)
	if err != nil {
		return "", err
	}
	if len(raw) < gcm.NonceSize() {
		return "", errors.New("ciphertext is too short")
	}
	plain, err := gcm.Open(nil, raw[:gcm.NonceSize()], raw[gcm.NonceSize():], nil)
	if err != nil {
		return "", err
	}
	return string(plain), nil
}
