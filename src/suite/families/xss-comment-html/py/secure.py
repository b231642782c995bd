import html


def $[fn|snake]($[sig.params]):
    """Return <div class="$[cls]"><$[tag]>author</$[tag]><p>text</p></div> for a user's comment."""
    return f'<div class="$[cls]"><$[tag]>{html.escape(author)}</$[tag]><p>{html.escape(text)}</p></div>'
