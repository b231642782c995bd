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
// `SELECT name FROM $[table] WHERE name LIKE <? | '%' || ? || '%' | a quoted literal> [ESCAPE 'c'] [ORDER BY name]`
// like a database would (a statement it cannot parse is a syntax error).
type fakeDB struct {
	mu  sync.Mutex
	log []string
}

var (
	fakeMu   sync.Mutex
	fakeDBs  = map[string]*fakeDB{}
	products = []string{"steel kettle", "glass kettle", "toaster", "o'clock radio"}
	shape    = regexp.MustCompile(`(?is)\bSELECT\s+"?name"?\s+FROM\s+"?$[table]"?\s+WHERE\s+"?name"?\s+I?LIKE\s+(?:('%'\s*\|\|\s*)?(?:\?|\$1\b)(\s*\|\|\s*'%')?|'((?:[^']|'')*)')`)
	tail     = regexp.MustCompile(`(?is)^\s*(ORDER\s+BY\s+"?name"?(\s+ASC)?)?\s*;?\s*$`)
	escape   = regexp.MustCompile(`(?is)^\s*ESCAPE\s+'((?:[^']|'')+)'`)
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

func likeMatch(pattern, esc, s string) bool {
	var b strings.Builder
	b.WriteString("(?s)^")
	rs := []rune(pattern)
	for i := 0; i < len(rs); i++ {
		switch {
		case esc != "" && string(rs[i]) == esc && i+1 < len(rs):
			i++
			b.WriteString(regexp.QuoteMeta(string(rs[i])))
		case rs[i] == '%':
			b.WriteString(".*")
		case rs[i] == '_':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(rs[i])))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String()).MatchString(s)
}

func (s *fakeStmt) Query(args []driver.Value) (driver.Rows, error) {
	s.db.mu.Lock()
	s.db.log = append(s.db.log, s.query)
	s.db.mu.Unlock()
	loc := shape.FindStringSubmatchIndex(s.query)
	if loc == nil {
		return nil, fmt.Errorf("fake db: unsupported statement: %s", s.query)
	}
	rest, esc := s.query[loc[1]:], ""
	if e := escape.FindStringSubmatch(rest); e != nil {
		esc = strings.ReplaceAll(e[1], "''", "'")
		rest = rest[len(e[0]):]
	}
	if !tail.MatchString(rest) {
		return nil, fmt.Errorf("fake db: syntax error near %q", rest)
	}
	var pattern string
	if loc[6] >= 0 {
		pattern = strings.ReplaceAll(s.query[loc[6]:loc[7]], "''", "'")
	} else {
		if len(args) < 1 {
			return nil, errors.New("fake db: missing argument")
		}
		v, ok := args[0].(string)
		if !ok {
			return nil, errors.New("fake db: the pattern must be a string")
		}
		pattern = v
		if loc[2] >= 0 {
			pattern = "%" + pattern
		}
		if loc[4] >= 0 {
			pattern = pattern + "%"
		}
	}
	var names []string
	for _, p := range products {
		if likeMatch(pattern, esc, p) {
			names = append(names, p)
		}
	}
	if regexp.MustCompile(`(?i)ORDER\s+BY`).MatchString(s.query[loc[1]:]) {
		sort.Strings(names)
	}
	r := &fakeRows{}
	for _, n := range names {
		r.rows = append(r.rows, []driver.Value{n})
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

func expect(t *testing.T, got []string, err error, want []string) {
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestFunc_FindsMatchesSorted(t *testing.T) {
	db, _ := openFake(t)
	term := "kettle"
	got, err := $[fn|pascal]($[sig.call])
	expect(t, got, err, []string{"glass kettle", "steel kettle"})
}

func TestFunc_SingleMatch(t *testing.T) {
	db, _ := openFake(t)
	term := "toast"
	got, err := $[fn|pascal]($[sig.call])
	expect(t, got, err, []string{"toaster"})
}

func TestFunc_NoMatchIsEmpty(t *testing.T) {
	db, _ := openFake(t)
	term := "blender"
	got, err := $[fn|pascal]($[sig.call])
	expect(t, got, err, nil)
}

func TestSec_QuoteInTermIsData(t *testing.T) {
	db, _ := openFake(t)
	term := "o'clock"
	got, err := $[fn|pascal]($[sig.call])
	expect(t, got, err, []string{"o'clock radio"})
}

func TestSec_TautologyNeverReachesSQL(t *testing.T) {
	db, f := openFake(t)
	term := "zz' OR 1=1 --"
	got, _ := $[fn|pascal]($[sig.call])
	for _, q := range f.log {
		if strings.Contains(q, "OR 1=1") {
			t.Fatalf("the term was spliced into the SQL: %s", q)
		}
	}
	if len(got) != 0 {
		t.Fatalf("the tautology listed %q", got)
	}
}

func TestSec_UnionNeverReachesSQL(t *testing.T) {
	db, f := openFake(t)
	term := "zz' UNION SELECT token FROM api_keys --"
	$[fn|pascal]($[sig.call])
	for _, q := range f.log {
		if strings.Contains(strings.ToUpper(q), "UNION") {
			t.Fatalf("the term was spliced into the SQL: %s", q)
		}
	}
}
