'use strict';

/** Escape for HTML text content. */
function escapeText(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escape for a quoted HTML attribute value. */
function escapeAttr(s) {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Return <input name="$[pname]" value="QUERY"><h2>$[heading] QUERY</h2> for the user's query. */
function $[fn|camel](query) {
  return `<input name="$[pname]" value="${escapeAttr(query)}"><h2>$[heading] ${escapeText(query)}</h2>`;
}
