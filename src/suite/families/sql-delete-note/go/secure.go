package solution

import (
	"database/sql"
	"fmt"
)

// $[fn|pascal] deletes the row of table $[table] (columns id, owner, body) with id noteID (a
// string from the URL) owned by owner, and returns the number of deleted rows.
func $[fn|pascal]($[sig.params]) (int64, error) {
	res, err := db.Exec("DELETE FROM $[table] WHERE owner = ? AND id = ?", owner, noteID)
	if err != nil {
		return 0, fmt.Errorf("delete note %s: %w", noteID, err)
	}
	return res.RowsAffected()
}
