package solution

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// A fake database/sql driver with one table. It records every statement and executes
// `DELETE FROM $[table] WHERE <cond> AND <cond>` where the conditions are `owner = <? | $n | 'text'>`
// and `id = <? | $n | integer>` in either order (the id is compared as an integer, as a database
// would); anything else is an error.
type note struct {
	id    int64
	owner string
}

type fakeDB struct {
	mu    sync.Mutex
	log   []string
	table []note
}

const operand = `(\?|\$\d+|'(?:[^']|'')*'|-?\d+)`
const cond = `"?(owner|id)"?\s*=\s*` + operand

var (
	fakeMu  sync.Mutex
	fakeDBs = map[string]*fakeDB{}
	shape   = regexp.MustCompile(`(?is)^\s*DELETE\s+FROM\s+"?$[table]"?\s+WHERE\s+` + cond + `\s+AND\s+` + cond + `\s*;?\s*$`)
	intRe   = regexp.MustCompile(`^\s*-?\d+\s*$`)
)

type fakeDriver struct{}
type fakeConn struct{ db *fakeDB }
type fakeStmt struct {
	db    *fakeDB
	query string
}
type fakeResult struct{ n int64 }

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
	return nil, errors.New("fake db: use Exec for DELETE")
}
func (r fakeResult) LastInsertId() (int64, error) { return 0, errors.New("fake db: no insert id") }
func (r fakeResult) RowsAffected() (int64, error) { return r.n, nil }

func (s *fakeStmt) Exec(args []driver.Value) (driver.Result, error) {
	s.db.mu.Lock()
	defer s.db.mu.Unlock()
	s.db.log = append(s.db.log, s.query)
	m := shape.FindStringSubmatch(s.query)
	if m == nil {
		return nil, fmt.Errorf("fake db: unsupported statement: %s", s.query)
	}
	next := 0
	val := func(tok string) (driver.Value, error) {
		switch {
		case tok == "?" || strings.HasPrefix(tok, "$"):
			k := next
			if tok != "?" {
				n, _ := strconv.Atoi(tok[1:])
				k = n - 1
			}
			next++
			if k < 0 || k >= len(args) {
				return nil, errors.New("fake db: missing argument")
			}
			return args[k], nil
		case strings.HasPrefix(tok, "'"):
			return strings.ReplaceAll(tok[1:len(tok)-1], "''", "'"), nil
		default:
			n, _ := strconv.ParseInt(tok, 10, 64)
			return n, nil
		}
	}
	where := map[string]driver.Value{}
	for _, p := range [][2]string{{m[1], m[2]}, {m[3], m[4]}} {
		v, err := val(p[1])
		if err != nil {
			return nil, err
		}
		where[strings.ToLower(p[0])] = v
	}
	owner, okOwner := where["owner"].(string)
	if !okOwner {
		return nil, fmt.Errorf("fake db: unsupported statement: %s", s.query)
	}
	var id int64
	switch v := where["id"].(type) {
	case int64:
		id = v
	case string:
		if !intRe.MatchString(v) {
			return nil, fmt.Errorf("fake db: invalid input syntax for type integer: %q", v)
		}
		id, _ = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	default:
		return nil, fmt.Errorf("fake db: unsupported id %v", v)
	}
	var kept []note
	var n int64
	for _, r := range s.db.table {
		if r.id == id && r.owner == owner {
			n++
			continue
		}
		kept = append(kept, r)
	}
	s.db.table = kept
	return fakeResult{n: n}, nil
}

func openFake(t *testing.T) (*sql.DB, *fakeDB) {
	f := &fakeDB{table: []note{{1, "$[who]"}, {2, "$[who]"}, {3, "mallory"}, {4, "dave"}}}
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

func del(db *sql.DB, owner, noteID string) (int64, error) {
	return $[fn|pascal]($[sig.call])
}

func ids(f *fakeDB) []int64 {
	var out []int64
	for _, r := range f.table {
		out = append(out, r.id)
	}
	return out
}

func expectDeleted(t *testing.T, noteID string, wantN int64, wantIDs []int64) {
	db, f := openFake(t)
	n, err := del(db, "$[who]", noteID)
	if err != nil || n != wantN || !reflect.DeepEqual(ids(f), wantIDs) {
		t.Fatalf("delete %q: got (%d, %v) leaving %v, want (%d, nil) leaving %v", noteID, n, err, ids(f), wantN, wantIDs)
	}
}

func attack(t *testing.T, noteID, marker string) *fakeDB {
	db, f := openFake(t)
	del(db, "$[who]", noteID)
	for _, q := range f.log {
		if strings.Contains(q, marker) {
			t.Fatalf("the id was spliced into the SQL: %s", q)
		}
	}
	return f
}

func TestFunc_DeletesOwnNote(t *testing.T) { expectDeleted(t, "2", 1, []int64{1, 3, 4}) }

func TestFunc_OtherUsersNoteIsKept(t *testing.T) { expectDeleted(t, "3", 0, []int64{1, 2, 3, 4}) }

func TestFunc_MissingNoteDeletesNothing(t *testing.T) { expectDeleted(t, "99", 0, []int64{1, 2, 3, 4}) }

func TestSec_TautologyNeverReachesSQL(t *testing.T) {
	f := attack(t, "1 OR 1=1", "OR 1=1")
	if got := ids(f); len(got) < 3 || got[len(got)-2] != 3 || got[len(got)-1] != 4 {
		t.Fatalf("other users' notes were deleted: %v", got)
	}
}

func TestSec_SubqueryNeverReachesSQL(t *testing.T) {
	f := attack(t, "(SELECT id FROM $[table] WHERE owner = 'mallory') OR owner = 'dave'", "mallory")
	if got := ids(f); !reflect.DeepEqual(got, []int64{1, 2, 3, 4}) {
		t.Fatalf("notes were deleted: %v", got)
	}
}
