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
	key := pbkdf2SHA256([]byte(password), salt, 100000, 32)
	return fmt.Sprintf("pbkdf2_sha256$%d$%s$%s", 100000, hex.EncodeToString(salt), hex.EncodeToString(key)), nil
}

// $[api.check|pascal] reports whether password matches a value made by $[api.hash|pascal].
func $[api.check|pascal](password, stored string) bool {
	parts := strings.Split(stored, "$")
	if len(parts) != 4 || parts[0] != "pbkdf2_sha256" {
		return false
	}
	var rounds int
	if _, err := fmt.Sscanf(parts[1], "%d", &rounds); err != nil || rounds < 1 {
		return false
	}
	salt, err1 := hex.DecodeString(parts[2])
	key, err2 := hex.DecodeString(parts[3])
	if err1 != nil || err2 != nil || len(key) == 0 {
		return false
	}
	return hmac.Equal(pbkdf2SHA256([]byte(password), salt, rounds, len(key)), key)
}

// pbkdf2SHA256 derives keyLen bytes with PBKDF2 using HMAC-SHA256 as the PRF (RFC 8018, 5.2).
func pbkdf2SHA256(password, salt []byte, rounds, keyLen int) []byte {
	prf := hmac.New(sha256.New, password)
	size := prf.Size()
	out := make([]byte, 0, (keyLen+size-1)/size*size)
	u := make([]byte, 0, size)
	for block := 1; len(out) < keyLen; block++ {
		prf.Reset()
		prf.Write(salt)
		prf.Write([]byte{byte(block >> 24), byte(block >> 16), byte(block >> 8), byte(block)})
		u = prf.Sum(u[:0])
		t := append([]byte(nil), u...)
		for i := 1; i < rounds; i++ {
			prf.Reset()
			prf.Write(u)
			u = prf.Sum(u[:0])
			for j := range t {
				t[j] ^= u[j]
			}
		}
		out = append(out, t...)
	}
	return out[:keyLen]
}
