package solution

import (
	"fmt"
	"html"
)

// $[fn|pascal] returns <div class="$[cls]"><$[tag]>author</$[tag]><p>text</p></div> for a user's comment.
func $[fn|pascal]($[sig.params]) string {
