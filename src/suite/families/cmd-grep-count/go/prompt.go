package solution

import (
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// $[fn|pascal] returns the number of lines of path that contain word (a fixed string), counted
// by grep.
func $[fn|pascal]($[sig.params]) (int, error) {
