package solution

import (
	"bytes"
	"log"
	"strings"
	"testing"
)

func capture(username, ip string) string {
	var buf bytes.Buffer
	logger := log.New(&buf, "", 0)
	$[fn|pascal]($[sig.call])
	return buf.String()
}

func oneLine(t *testing.T, text string) string {
	if !strings.HasSuffix(text, "\n") {
		t.Fatalf("no complete log line: %q", text)
	}
	body := strings.TrimSuffix(text, "\n")
	if strings.ContainsAny(body, "\r\n") {
		t.Fatalf("the attempt produced several lines: %q", text)
	}
	return body
}

func expectLine(t *testing.T, username, ip, want string) {
	if got := capture(username, ip); got != want {
		t.Fatalf("logged %q, want %q", got, want)
	}
}

func TestFunc_LogsAFailedLogin(t *testing.T) {
	expectLine(t, "alice", "$[ip]", "$[msg] \"alice\" from $[ip]\n")
}

func TestFunc_LogsAnotherUser(t *testing.T) {
	expectLine(t, "bob.smith-2", "203.0.113.9", "$[msg] \"bob.smith-2\" from 203.0.113.9\n")
}

func TestFunc_KeepsSpacesAndSymbols(t *testing.T) {
	expectLine(t, "mary ann <m@x>", "$[ip]", "$[msg] \"mary ann <m@x>\" from $[ip]\n")
}

func TestSec_NewlineCannotForgeAnEntry(t *testing.T) {
	line := oneLine(t, capture("bob\nINFO login succeeded for user admin", "$[ip]"))
	if !strings.HasPrefix(line, "$[msg] \"bob") {
		t.Fatalf("unexpected line %q", line)
	}
}

func TestSec_CRLFCannotForgeAnEntry(t *testing.T) {
	line := oneLine(t, capture("bob\r\nINFO login succeeded for user admin", "$[ip]"))
	if !strings.HasPrefix(line, "$[msg] \"bob") {
		t.Fatalf("unexpected line %q", line)
	}
}

func TestSec_LoneCarriageReturn(t *testing.T) {
	oneLine(t, capture("eve\rWARNING nothing to see", "$[ip]"))
}
