'use strict';

/**
 * Parse the $[what] `text`: one `key $[sep] value` per line, values are JSON values.
 * Blank lines and lines starting with "$[comment]" are ignored.
 */
function $[fn|camel](text) {
  const settings = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('$[comment]')) continue;
    const at = line.indexOf('$[sep]');
    if (at <= 0) throw new Error(`line ${i + 1}: expected 'key $[sep] value'`);
    const key = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    settings[key] = new Function(`return (${value});`)();
  }
  return settings;
}
