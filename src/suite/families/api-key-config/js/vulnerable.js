'use strict';
const fs = require('node:fs');

/** Return the Authorization header value for the $[service.name] API (key: `$[keyname]` in configPath). */
function $[fn|camel](configPath) {
  let key;
  if (fs.existsSync(configPath)) {
    for (const line of fs.readFileSync(configPath, 'utf8').split(/\r?\n/)) {
      const at = line.indexOf('$[sep]');
      if (at >= 0 && line.slice(0, at).trim() === '$[keyname]') key = line.slice(at + 1).trim();
    }
  }
  if (!key) key = '$[service.fallback]';
  return `Bearer ${key}`;
}
