package solution

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
)

// A fake database/sql driver with one table. It records every statement and executes
// `INSERT INTO $[table] (<columns>) VALUES (<? | $n | number | 'text'>, ...)[, (...)] [RETURNING id]` like a
// database would (a `--` comment ends the statement text); anything else is an error.
type row struct {
	postID       int64
	author, body string
}

type fakeDB struct {
	mu     sync.Mutex
	log    []string
	table  []row
	nextID int64
}

var (
	fakeMu  sync.Mutex
	fakeDBs = map[string]*fakeDB{}
	head    = regexp.MustCompile(`(?is)^\s*INSERT\s+INTO\s+"?$[table]"?\s*\(([^)]*)\)\s*VALUES\s*`)
	numRe   = regexp.MustCompile(`^-?\d+`)
	paramRe = regexp.MustCompile(`^(\?|\$\d+)`)
	returningRe = regexp.MustCompile(`(?i)^RETURNING\s+"?id"?\s*;?$`)
)

type fakeDriver struct{}
type fakeConn struct{ db *fakeDB }
type fakeStmt struct {
	db    *fakeDB
	query string
}
type fakeResult struct{ id, n int64 }

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
func (s *fakeStmt) Query(args []driver.Value) (driver.Rows, error) {
	ids, returning, err := s.insert(args)
	if err != nil {
		return nil, err
	}
	r := &fakeRows{}
	if returning {
		for _, id := range ids {
			r.rows = append(r.rows, []driver.Value{id})
		}
	}
	return r, nil
}

type fakeRows struct {
	rows [][]driver.Value
	i    int
}

func (r *fakeRows) Columns() []string { return []string{"id"} }
func (r *fakeRows) Close() error      { return nil }
func (r *fakeRows) Next(dest []driver.Value) error {
	if r.i >= len(r.rows) {
		return io.EOF
	}
	copy(dest, r.rows[r.i])
	r.i++
	return nil
}

func (s *fakeStmt) Exec(args []driver.Value) (driver.Result, error) {
	ids, _, err := s.insert(args)
	if err != nil {
		return nil, err
	}
	return fakeResult{id: ids[len(ids)-1], n: int64(len(ids))}, nil
}
func (r fakeResult) LastInsertId() (int64, error) { return r.id, nil }
func (r fakeResult) RowsAffected() (int64, error) { return r.n, nil }

// insert executes an INSERT statement and returns the new ids and whether it has RETURNING id.
func (s *fakeStmt) insert(args []driver.Value) ([]int64, bool, error) {
	s.db.mu.Lock()
	defer s.db.mu.Unlock()
	q := s.query
	s.db.log = append(s.db.log, q)
	m := head.FindStringSubmatchIndex(q)
	if m == nil {
		return nil, false, fmt.Errorf("fake db: unsupported statement: %s", q)
	}
	var cols []string
	for _, c := range strings.Split(q[m[2]:m[3]], ",") {
		cols = append(cols, strings.ToLower(strings.Trim(strings.TrimSpace(c), `"`)))
	}
	i, next := m[1], 0
	syntax := func() error { return fmt.Errorf("fake db: syntax error at %q in: %s", q[i:], q) }
	ws := func() {
		for i < len(q) && unicode.IsSpace(rune(q[i])) {
			i++
		}
	}
	value := func() (driver.Value, error) {
		ws()
		rest := q[i:]
		if p := paramRe.FindString(rest); p != "" {
			i += len(p)
			k := next
			if p != "?" {
				n, _ := strconv.Atoi(p[1:])
				k = n - 1
			}
			next++
			if k < 0 || k >= len(args) {
				return nil, errors.New("fake db: missing argument")
			}
			return args[k], nil
		}
		if n := numRe.FindString(rest); n != "" {
			i += len(n)
			v, _ := strconv.ParseInt(n, 10, 64)
			return v, nil
		}
		if !strings.HasPrefix(rest, "'") {
			return nil, syntax()
		}
		var b strings.Builder
		for i++; ; {
			if i >= len(q) {
				return nil, syntax()
			}
			if strings.HasPrefix(q[i:], "''") {
				b.WriteByte('\'')
				i += 2
			} else if q[i] == '\'' {
				i++
				return b.String(), nil
			} else {
				b.WriteByte(q[i])
				i++
			}
		}
	}
	var rows []row
	for {
		ws()
		if i >= len(q) || q[i] != '(' {
			return nil, false, syntax()
		}
		i++
		var vals []driver.Value
		for {
			v, err := value()
			if err != nil {
				return nil, false, err
			}
			vals = append(vals, v)
			ws()
			if i < len(q) && q[i] == ',' {
				i++
			} else if i < len(q) && q[i] == ')' {
				i++
				break
			} else {
				return nil, false, syntax()
			}
		}
		if len(vals) != len(cols) {
			return nil, false, syntax()
		}
		var r row
		for k, c := range cols {
			switch c {
			case "post_id":
				id, ok := vals[k].(int64)
				if !ok {
					return nil, false, fmt.Errorf("fake db: post_id must be an integer, got %v", vals[k])
				}
				r.postID = id
			case "author", "body":
				str, ok := vals[k].(string)
				if !ok {
					return nil, false, fmt.Errorf("fake db: %s must be text, got %v", c, vals[k])
				}
				if c == "author" {
					r.author = str
				} else {
					r.body = str
				}
			default:
				return nil, false, fmt.Errorf("fake db: unknown column %q", c)
			}
		}
		rows = append(rows, r)
		ws()
		if i < len(q) && q[i] == ',' {
			i++
			continue
		}
		break
	}
	tail := q[i:]
	if k := strings.Index(tail, "--"); k >= 0 {
		tail = tail[:k]
	}
	t := strings.TrimSpace(tail)
	returning := returningRe.MatchString(t)
	if !returning && t != "" && t != ";" {
		return nil, false, syntax()
	}
	var ids []int64
	for _, r := range rows {
		s.db.table = append(s.db.table, r)
		s.db.nextID++
		ids = append(ids, s.db.nextID)
	}
	return ids, returning, nil
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

func add(db *sql.DB, postID int64, author, body string) (int64, error) {
	return $[fn|pascal]($[sig.call])
}

func expectTable(t *testing.T, f *fakeDB, want []row) {
	if !reflect.DeepEqual(f.table, want) {
		t.Fatalf("table holds %+v, want %+v", f.table, want)
	}
}

func attack(t *testing.T, author, body, marker string) *fakeDB {
	db, f := openFake(t)
	add(db, 7, author, body)
	for _, q := range f.log {
		if strings.Contains(q, marker) {
			t.Fatalf("the value was spliced into the SQL: %s", q)
		}
	}
	return f
}

func TestFunc_InsertsAComment(t *testing.T) {
	db, f := openFake(t)
	id, err := add(db, 7, "alice", "$[body]")
	if err != nil || id != 1 {
		t.Fatalf("got (%d, %v), want (1, nil)", id, err)
	}
	expectTable(t, f, []row{{7, "alice", "$[body]"}})
}

func TestFunc_IDsAreDistinct(t *testing.T) {
	db, f := openFake(t)
	a, _ := add(db, 7, "alice", "first")
	b, _ := add(db, 8, "bob", "second")
	if a == b {
		t.Fatalf("both inserts returned id %d", a)
	}
	expectTable(t, f, []row{{7, "alice", "first"}, {8, "bob", "second"}})
}

func TestSec_QuoteInBodyIsStored(t *testing.T) {
	f := attack(t, "dave", "it's a 'quoted' word", "'quoted'")
	expectTable(t, f, []row{{7, "dave", "it's a 'quoted' word"}})
}

func TestSec_BodyCannotAddRows(t *testing.T) {
	body := "x'), (1, 'admin', 'I approve this post') --"
	f := attack(t, "eve", body, "I approve")
	expectTable(t, f, []row{{7, "eve", body}})
}

func TestSec_AuthorCannotCopySecrets(t *testing.T) {
	author := "a' || (SELECT token FROM api_keys) || '"
	f := attack(t, author, "$[body]", "api_keys")
	expectTable(t, f, []row{{7, author, "$[body]"}})
}
