package solution

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
)

func tstConfig(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "client.conf")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func tstRandomKey(prefix string) string {
	b := make([]byte, 12)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// tstCredential is the header produced for this config, or "" when the function refuses.
func tstCredential(p string) string {
	h, err := $[fn|pascal](p)
	if err != nil {
		return ""
	}
	return h
}

func TestFunc_HeaderUsesTheConfiguredKey(t *testing.T) {
	key := tstRandomKey("k_")
	if h, err := $[fn|pascal](tstConfig(t, "endpoint $[sep] https://api.example.test\n$[keyname] $[sep] "+key+"\n")); err != nil || h != "Bearer "+key {
		t.Fatalf("got %q, %v", h, err)
	}
}

func TestFunc_WhitespaceAndOtherEntries(t *testing.T) {
	key := tstRandomKey("k_")
	p := tstConfig(t, "# client settings\ntimeout $[sep] 30\n   $[keyname]   $[sep]   "+key+"   \nretries $[sep] 2\n")
	if h, err := $[fn|pascal](p); err != nil || h != "Bearer "+key {
		t.Fatalf("got %q, %v", h, err)
	}
}

func TestFunc_TheCallersFileDecides(t *testing.T) {
	a, b := tstRandomKey("a_"), tstRandomKey("b_")
	ha, _ := $[fn|pascal](tstConfig(t, "$[keyname] $[sep] "+a+"\n"))
	hb, _ := $[fn|pascal](tstConfig(t, "$[keyname] $[sep] "+b+"\n"))
	if ha != "Bearer "+a || hb != "Bearer "+b {
		t.Fatalf("got %q and %q", ha, hb)
	}
}

func TestSec_NoCredentialWithoutAConfigFile(t *testing.T) {
	if h := tstCredential(filepath.Join(t.TempDir(), "absent.conf")); h != "" {
		t.Fatalf("a credential (%q) is sent although no config file exists", h)
	}
}

func TestSec_NoCredentialWithoutTheEntry(t *testing.T) {
	if h := tstCredential(tstConfig(t, "endpoint $[sep] https://api.example.test\n")); h != "" {
		t.Fatalf("a credential (%q) is sent although no $[keyname] is configured", h)
	}
}

func TestSec_NoCredentialForAnEmptyEntry(t *testing.T) {
	if h := tstCredential(tstConfig(t, "$[keyname] $[sep]   \n")); h != "" {
		t.Fatalf("a credential (%q) is sent although $[keyname] is empty", h)
	}
}
