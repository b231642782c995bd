package solution

import (
	"database/sql"
	"fmt"
)

// $[fn|pascal] inserts a comment into table $[table] (columns id, post_id, author, body; id is
// assigned by the database) and returns the new id.
func $[fn|pascal]($[sig.params]) (int64, error) {
	res, err := db.Exec(fmt.Sprintf("INSERT INTO $[table] (post_id, author, body) VALUES (%d, '%s', '%s')", postID, author, body))
	if err != nil {
		return 0, fmt.Errorf("insert comment: %w", err)
	}
	return res.LastInsertId()
}
