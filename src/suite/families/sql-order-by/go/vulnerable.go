package solution

import (
	"database/sql"
	"fmt"
)

var sortColumns = map[string]bool{"name": true, "price": true, "added": true}

// $[fn|pascal] returns the names of the rows of table $[table], ordered by the column sortBy
// (one of sortColumns).
func $[fn|pascal]($[sig.params]) ([]string, error) {
	rows, err := db.Query(fmt.Sprintf("SELECT name FROM $[table] ORDER BY %s", sortBy))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := []string{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, rows.Err()
}
