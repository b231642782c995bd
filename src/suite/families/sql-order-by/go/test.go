package solution

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
)

// A fake database/sql driver: it records every statement and answers
// `SELECT name FROM $[table] ORDER BY <name|price|added> [ASC]` like a database would; anything
// else is a database error.
type fakeDB struct {
	mu  sync.Mutex
	log []string
}

type product struct {
	name         string
	price, added int
}

var (
	fakeMu   sync.Mutex
	fakeDBs  = map[string]*fakeDB{}
	products = []product{{"kettle", 30, 3}, {"toaster", 25, 1}, {"blender", 80, 2}, {"mixer", 55, 4}}
	shape    = regexp.MustCompile(`(?is)^\s*SELECT\s+"?name"?\s+FROM\s+"?$[table]"?\s+ORDER\s+BY\s+"?(\w+)"?(?:\s+ASC)?\s*;?\s*$`)
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
		return nil, fmt.Errorf("fake db: syntax error in: %s", s.query)
	}
	ps := append([]product(nil), products...)
	switch strings.ToLower(m[1]) {
	case "name":
		sort.Slice(ps, func(i, j int) bool { return ps[i].name < ps[j].name })
	case "price":
		sort.Slice(ps, func(i, j int) bool { return ps[i].price < ps[j].price })
	case "added":
		sort.Slice(ps, func(i, j int) bool { return ps[i].added < ps[j].added })
	default:
		return nil, fmt.Errorf("fake db: column %q does not exist", m[1])
	}
	r := &fakeRows{}
	for _, p := range ps {
		r.rows = append(r.rows, []driver.Value{p.name})
	}
	return r, nil
}
func (r *fakeRows) Columns() []string { return []string{"name"} }
func (r *fakeRows) Close() error      { return nil }
func (r *fakeRows) Next(dest []driver.Value) error {
	if r.i >= len(r.rows) {
		return io.EOF
	}
	copy(dest, r.rows[r.i])
	r.i++
	return nil
}

func call(t *testing.T, sortBy string) ([]string, error, *fakeDB) {
	f := &fakeDB{}
	fakeMu.Lock()
	fakeDBs[t.Name()] = f
	fakeMu.Unlock()
	db, err := sql.Open("secplayfake", t.Name())
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer db.Close()
	names, err := $[fn|pascal]($[sig.call])
	return names, err, f
}

func expect(t *testing.T, sortBy string, want []string) {
	got, err, _ := call(t, sortBy)
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("sorted by %s: got %q, want %q", sortBy, got, want)
	}
}

func TestFunc_SortByName(t *testing.T) {
	expect(t, "name", []string{"blender", "kettle", "mixer", "toaster"})
}

func TestFunc_SortByPrice(t *testing.T) {
	expect(t, "price", []string{"toaster", "kettle", "mixer", "blender"})
}

func TestFunc_SortByAdded(t *testing.T) {
	expect(t, "added", []string{"toaster", "blender", "kettle", "mixer"})
}

func TestFunc_UnknownColumnIsAnError(t *testing.T) {
	if _, err, _ := call(t, "colour"); err == nil {
		t.Fatalf("sorting by an unknown column did not fail")
	}
}

func TestSec_SubqueryNeverReachesSQL(t *testing.T) {
	_, _, f := call(t, "(SELECT token FROM api_keys)")
	for _, q := range f.log {
		if strings.Contains(strings.ToLower(q), "api_keys") {
			t.Fatalf("the sort key was spliced into the SQL: %s", q)
		}
	}
}

func TestSec_CaseExpressionNeverReachesSQL(t *testing.T) {
	_, _, f := call(t, "CASE WHEN (SELECT substr(token, 1, 1) FROM api_keys) = 's' THEN price ELSE added END")
	for _, q := range f.log {
		if strings.Contains(strings.ToUpper(q), "CASE WHEN") {
			t.Fatalf("the sort key was spliced into the SQL: %s", q)
		}
	}
}
