import html


def $[fn|snake](query):
    """Return <input name="$[pname]" value="QUERY"><h2>$[heading] QUERY</h2> for the user's query."""
