package solution

import "database/sql"

// $[fn|pascal] returns the names of the rows of table $[table] (columns name, price) whose name
// contains term, sorted by name.
func $[fn|pascal]($[sig.params]) ([]string, error) {
	rows, err := db.Query("SELECT name FROM $[table] WHERE name LIKE '%" + term + "%' ORDER BY name")
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
