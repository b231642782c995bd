import html
from urllib.parse import urlparse


def $[fn|snake]($[sig.params]):
    """Return <a href="URL" rel="$[rel]">NAME</a> for an http(s) URL, else just NAME (HTML-escaped)."""
    if not url:
        return html.escape(name)
    return f'<a href="{html.escape(url)}" rel="$[rel]">{html.escape(name)}</a>'
