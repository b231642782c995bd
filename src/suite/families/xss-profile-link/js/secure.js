'use strict';

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Return <a href="URL" rel="$[rel]">NAME</a> for an http(s) URL, else just NAME (HTML-escaped). */
function $[fn|camel]($[sig.params]) {
  let protocol;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return escapeHtml(name);
  }
  if (protocol !== 'http:' && protocol !== 'https:') return escapeHtml(name);
  return `<a href="${escapeHtml(url)}" rel="$[rel]">${escapeHtml(name)}</a>`;
}
