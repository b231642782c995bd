package solution

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
)

// errInvalidToken is returned for every token that is not valid.
var errInvalidToken = errors.New("invalid token")

// $[fn|pascal] returns the claims of the HS256 JWT token ($[what], issued by $[issuer]) signed
// with key, or errInvalidToken.
func $[fn|pascal]($[sig.params]) (map[string]any, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errInvalidToken
	}
	var header, claims map[string]any
	headerJSON, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	payloadJSON, err2 := base64.RawURLEncoding.DecodeString(parts[1])
	signature, err3 := base64.RawURLEncoding.DecodeString(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || json.Unmarshal(headerJSON, &header) != nil || json.Unmarshal(payloadJSON, &claims) != nil {
		return nil, errInvalidToken
	}
