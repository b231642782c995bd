package solution

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// A fake database/sql driver: it records every statement with its arguments and answers
// `SELECT email FROM $[table] ... WHERE name = <? or $1 or a quoted literal>` like a database would.
type fakeDB struct {
	mu  sync.Mutex
	log []string
}

var (
	fakeMu  sync.Mutex
	fakeDBs = map[string]*fakeDB{}
	users   = map[string]string{"alice": "alice@example.org", "bob": "bob@example.org", "o'brien": "ob@example.org"}
	shape   = regexp.MustCompile(`(?is)\bFROM\s+"?$[table]"?\s+WHERE\s+"?name"?\s*=\s*(\?|\$1\b|'((?:[^']|'')*)')`)
)

type fakeDriver struct{}
type fakeConn struct{ db *fakeDB }
type fakeStmt struct {
	db    *fakeDB
	query string
}
type fakeRows struct {
	rows [][]driver.Value
	i    int
}

func init() { sql.Register("secplayfake", fakeDriver{}) }

func (fakeDriver) Open(dsn string) (driver.Conn, error) {
	fakeMu.Lock()
	defer fakeMu.Unlock()
	return &fakeConn{db: fakeDBs[dsn]}, nil
}
func (c *fakeConn) Prepare(q string) (driver.Stmt, error) { return &fakeStmt{db: c.db, query: q}, nil }
func (c *fakeConn) Close() error                          { return nil }
func (c *fakeConn) Begin() (driver.Tx, error)             { return nil, errors.New("fake db: no transactions") }
func (s *fakeStmt) Close() error                          { return nil }
func (s *fakeStmt) NumInput() int                         { return -1 }
func (s *fakeStmt) Exec(args []driver.Value) (driver.Result, error) {
	return nil, errors.New("fake db: Exec is not supported")
}
func (s *fakeStmt) Query(args []driver.Value) (driver.Rows, error) {
	s.db.mu.Lock()
	s.db.log = append(s.db.log, s.query)
	s.db.mu.Unlock()
	m := shape.FindStringSubmatch(s.query)
	if m == nil {
		return nil, fmt.Errorf("fake db: unsupported statement: %s", s.query)
	}
	var name string
	if m[1] == "?" || m[1] == "$1" {
		if len(args) < 1 {
			return nil, errors.New("fake db: missing argument")
		}
		v, ok := args[0].(string)
		if !ok {
			return nil, errors.New("fake db: name must be a string")
		}
		name = v
	} else {
		name = strings.ReplaceAll(m[2], "''", "'")
	}
	r := &fakeRows{}
	if e, ok := users[name]; ok {
		r.rows = append(r.rows, []driver.Value{e})
	}
	return r, nil
}
func (r *fakeRows) Columns() []string { return []string{"email"} }
func (r *fakeRows) Close() error      { return nil }
func (r *fakeRows) Next(dest []driver.Value) error {
	if r.i >= len(r.rows) {
		return io.EOF
	}
	copy(dest, r.rows[r.i])
	r.i++
	return nil
}

func openFake(t *testing.T) (*sql.DB, *fakeDB) {
	f := &fakeDB{}
	fakeMu.Lock()
	fakeDBs[t.Name()] = f
	fakeMu.Unlock()
	db, err := sql.Open("secplayfake", t.Name())
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db, f
}

func TestFunc_FindsExistingUser(t *testing.T) {
	db, _ := openFake(t)
	name := "bob"
	email, found, err := $[fn|pascal]($[sig.call])
	if err != nil || !found || email != "bob@example.org" {
		t.Fatalf("got (%q, %v, %v), want (\"bob@example.org\", true, nil)", email, found, err)
	}
}

func TestFunc_FindsAnotherUser(t *testing.T) {
	db, _ := openFake(t)
	name := "alice"
	email, found, err := $[fn|pascal]($[sig.call])
	if err != nil || !found || email != "alice@example.org" {
		t.Fatalf("got (%q, %v, %v), want (\"alice@example.org\", true, nil)", email, found, err)
	}
}

func TestFunc_MissingUserIsNotFound(t *testing.T) {
	db, _ := openFake(t)
	name := "carol"
	email, found, err := $[fn|pascal]($[sig.call])
	if err != nil || found || email != "" {
		t.Fatalf("got (%q, %v, %v), want (\"\", false, nil)", email, found, err)
	}
}

func TestSec_QuoteInNameIsData(t *testing.T) {
	db, _ := openFake(t)
	name := "o'brien"
	email, found, err := $[fn|pascal]($[sig.call])
	if err != nil || !found || email != "ob@example.org" {
		t.Fatalf("got (%q, %v, %v), want (\"ob@example.org\", true, nil)", email, found, err)
	}
}

func TestSec_TautologyNeverReachesSQL(t *testing.T) {
	db, f := openFake(t)
	name := "nobody' OR '1'='1"
	_, found, _ := $[fn|pascal]($[sig.call])
	if found {
		t.Fatalf("the tautology matched a user")
	}
	for _, q := range f.log {
		if strings.Contains(q, "OR '1'='1") {
			t.Fatalf("the name was spliced into the SQL: %s", q)
		}
	}
}

func TestSec_UnionNeverReachesSQL(t *testing.T) {
	db, f := openFake(t)
	name := "x' UNION SELECT email FROM $[table] WHERE name='alice"
	_, found, _ := $[fn|pascal]($[sig.call])
	if found {
		t.Fatalf("the UNION matched a user")
	}
	for _, q := range f.log {
		if strings.Contains(strings.ToUpper(q), "UNION") {
			t.Fatalf("the name was spliced into the SQL: %s", q)
		}
	}
}
