import html


def $[fn|snake](query):
    """Return <input name="$[pname]" value="QUERY"><h2>$[heading] QUERY</h2> for the user's query."""
    shown = html.escape(query, quote=True)
    return f'<input name="$[pname]" value="{shown}"><h2>$[heading] {shown}</h2>'
