'use strict';

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Return <div class="$[cls]"><$[tag]>author</$[tag]><p>text</p></div> for a user's comment. */
function $[fn|camel]($[sig.params]) {
  return `<div class="$[cls]"><$[tag]>${author}</$[tag]><p>${escapeHtml(text)}</p></div>`;
}
