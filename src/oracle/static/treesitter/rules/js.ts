import type { Rule } from '../rule.js';

const SECRET_NAME =
  '(passw(or)?d|passwd|pwd|secret|api_?key|apikey|access_?key|private_?key|auth_?token|token)';
const TOKEN_CONTEXT =
  '(token|secret|passw|pwd|nonce|salt|otp|session|csrf|api_?key|apikey|auth|reset|verif|invite|coupon|one_?time|\\bkey\\b|Key\\b|\\bid\\b|uuid)';
const SQL_TEXT =
  '\\b(select\\s+[\\w*`"]|insert\\s+into|update\\s+[\\w`"]+\\s+set|delete\\s+from|replace\\s+into)';
const HTML_ESCAPE = '(escape|sanitiz|encodeURIComponent|textContent|DOMPurify|he\\.encode|innerText)';

/** JavaScript rules (Node and browser). */
export const JS_RULES: readonly Rule[] = [
  {
    id: 'js-sql-built-query',
    languages: ['js'],
    cwes: ['CWE-89'],
    severity: 'high',
    message:
      'SQL text built from data (concatenation or a template literal) reaches a query call; use placeholders and pass the values separately',
    query: `(call_expression function: (member_expression property: (property_identifier) @m) arguments: (arguments . (_) @q)
      (#any-of? @m "query" "execute" "raw" "all" "get" "run" "each" "prepare" "exec" "unsafe" "queryRaw" "$queryRawUnsafe")) @hit`,
    where: [
      { check: 'taint', capture: 'q', is: ['built'] },
      { check: 'scopeHas', pattern: SQL_TEXT },
    ],
    examples: {
      vulnerable: [
        'function find(db, name) {\n  return db.query("SELECT * FROM users WHERE name = \'" + name + "\'");\n}\n',
        'async function find(db, id) {\n  const sql = `SELECT * FROM users WHERE id = ${id}`;\n  return db.all(sql);\n}\n',
        'function del(conn, id) {\n  let q = "DELETE FROM t";\n  q += " WHERE id = " + id;\n  conn.execute(q);\n}\n',
      ],
      safe: [
        'function find(db, name) {\n  return db.query("SELECT * FROM users WHERE name = ?", [name]);\n}\n',
        'async function find(db, id) {\n  const sql = "SELECT * FROM users WHERE id = $1";\n  return db.query(sql, [id]);\n}\n',
        'function hit(cache, id) {\n  return cache.get("user:" + id);\n}\n',
      ],
    },
  },
  {
    id: 'js-sql-built-any-call',
    languages: ['js'],
    cwes: ['CWE-89'],
    severity: 'high',
    message:
      'SQL text built from data is passed to a database helper; use placeholders and pass the values separately',
    query: `
      (call_expression function: [(identifier) (member_expression)] @fn arguments: (arguments . (_) @q)) @hit
      (call_expression function: [(identifier) (member_expression)] @fn arguments: (arguments . (_) . (_) @q)) @hit
    `,
    where: [
      {
        check: 'textNot',
        capture: 'fn',
        pattern:
          '(^|\\.)(log|info|warn|error|debug|trace|push|concat|join|write|send|end|replace|split|format|assert\\w*|equal|deepEqual|expect|toBe|describe|it|test)$',
      },
      {
        check: 'textNot',
        capture: 'fn',
        pattern: '(^|\\.)(query|execute|raw|all|get|run|each|prepare|exec|unsafe|queryRaw)$',
      },
      { check: 'custom', name: 'builtSql' },
    ],
    examples: {
      vulnerable: [
        'function find(db, name) {\n  return runSql(db, "SELECT * FROM users WHERE name = \'" + name + "\'");\n}\n',
      ],
      safe: [
        'function find(db, name) {\n  return runSql(db, "SELECT * FROM users WHERE name = ?", [name]);\n}\n',
        'function trace(id) {\n  console.log("SELECT * FROM t WHERE id = " + id);\n}\n',
      ],
    },
  },
  {
    id: 'js-child-process-exec',
    languages: ['js'],
    cwes: ['CWE-78'],
    severity: 'high',
    message:
      'a shell command line built from data runs through child_process.exec; use execFile/spawn with an argument array',
    query: `(call_expression function: [(identifier) @f (member_expression object: (_) @o property: (property_identifier) @f)] arguments: (arguments . (_) @cmd)
      (#any-of? @f "exec" "execSync")) @hit`,
    where: [
      { check: 'taint', capture: 'cmd', is: ['built', 'opaque'] },
      {
        check: 'textNot',
        capture: 'o',
        pattern: '^(?!(child_process|childProcess|cp|proc|shell|require\\(.child_process.\\))$)',
      },
      { check: 'fileHas', pattern: 'child_process' },
    ],
    examples: {
      vulnerable: [
        'const { exec } = require("child_process");\nfunction ls(dir, cb) {\n  exec(`ls -l ${dir}`, cb);\n}\n',
        'const cp = require("child_process");\nfunction ping(host) {\n  return cp.execSync("ping -c 1 " + host).toString();\n}\n',
      ],
      safe: [
        'const { execFile } = require("child_process");\nfunction ls(dir, cb) {\n  execFile("ls", ["-l", dir], cb);\n}\n',
        'const cp = require("child_process");\nfunction up() {\n  return cp.execSync("uptime").toString();\n}\n',
        'const cp = require("child_process");\nfunction m(s) {\n  return /a(b)/.exec(s);\n}\n',
      ],
    },
  },
  {
    id: 'js-exec-built-command',
    languages: ['js'],
    cwes: ['CWE-78'],
    severity: 'high',
    message:
      'a shell command line is built by concatenation or a template and run with exec/execSync; use execFile/spawn with an argument array',
    query: `(call_expression function: [(identifier) @f (member_expression object: (_) @o property: (property_identifier) @f)] arguments: (arguments . (_) @cmd)
      (#any-of? @f "exec" "execSync")) @hit`,
    where: [
      { check: 'taint', capture: 'cmd', is: ['built'] },
      {
        check: 'textNot',
        capture: 'o',
        pattern: '^(?!(child_process|childProcess|cp|proc|shell|exec|require\\(.child_process.\\))$)',
      },
    ],
    examples: {
      vulnerable: [
        "function info(file, cb) {\n  return exec('pdfinfo \"' + file + '\"', cb);\n}\n",
        "function up(url, file) {\n  cp.exec('curl \"' + url + '\" -F media=@' + file);\n}\n",
      ],
      safe: [
        "function info(file, cb) {\n  return execFile('pdfinfo', [file], cb);\n}\n",
        'function m(re, a, b) {\n  return re.exec(a + b);\n}\n',
      ],
    },
  },
  {
    id: 'js-spawn-shell',
    languages: ['js'],
    cwes: ['CWE-78'],
    severity: 'high',
    message:
      'a process is started through a shell (shell: true or sh -c) with a command built from data; pass an argument array without a shell',
    query: `(call_expression function: [(identifier) @f (member_expression property: (property_identifier) @f)] arguments: (arguments . (_) @cmd)
      (#any-of? @f "spawn" "spawnSync" "execFile" "execFileSync")) @hit`,
    where: [
      { check: 'fileHas', pattern: 'child_process' },
      { check: 'context', pattern: '(shell\\s*:\\s*true|[\'"](ba)?sh[\'"]\\s*,\\s*\\[\\s*[\'"]-c[\'"])' },
      {
        check: 'scopeLacks',
        pattern:
          '(spawn|execFile)(Sync)?\\(\\s*[\'"][\\w/.-]+[\'"]\\s*,\\s*\\[(?![^\\]]*[\'"]-c[\'"])[^\\]]*\\]\\s*\\)',
      },
    ],
    examples: {
      vulnerable: [
        'const { spawn } = require("child_process");\nfunction grep(p) {\n  return spawn("grep " + p + " log.txt", { shell: true });\n}\n',
        'const { spawnSync } = require("child_process");\nfunction ls(d) {\n  return spawnSync("sh", ["-c", "ls " + d]);\n}\n',
      ],
      safe: [
        'const { spawn } = require("child_process");\nfunction grep(p) {\n  return spawn("grep", [p, "log.txt"]);\n}\n',
      ],
    },
  },
  {
    id: 'js-eval',
    languages: ['js'],
    cwes: ['CWE-95', 'CWE-94'],
    severity: 'high',
    message:
      'code built from data is evaluated (eval, Function, vm, string timers); parse the data instead (JSON.parse, Number)',
    query: `
      (call_expression function: (identifier) @f arguments: (arguments . (_) @code) (#any-of? @f "eval" "Function" "setTimeout" "setInterval" "setImmediate")) @hit
      (new_expression constructor: (identifier) @f arguments: (arguments (_) @code .) (#eq? @f "Function")) @hit
      (call_expression function: (member_expression property: (property_identifier) @f) arguments: (arguments . (_) @code)
        (#any-of? @f "runInNewContext" "runInThisContext" "runInContext" "compileFunction")) @hit
    `,
    where: [
      { check: 'taint', capture: 'code', is: ['built', 'opaque'] },
      {
        check: 'textNot',
        capture: 'code',
        pattern: '^(\\(?[\\w$]*\\)?\\s*=>|function\\b|async\\b|[\\w$]+$)',
      },
    ],
    examples: {
      vulnerable: [
        'function calc(expr) {\n  return eval("(" + expr + ")");\n}\n',
        'function parse(body) {\n  return new Function("return " + body)();\n}\n',
        'const vm = require("vm");\nfunction run(src) {\n  return vm.runInNewContext(src + ";", {});\n}\n',
      ],
      safe: [
        'function parse(body) {\n  return JSON.parse(body);\n}\n',
        'function later(fn) {\n  setTimeout(() => fn(), 10);\n}\n',
        'function later(cb) {\n  setTimeout(cb, 10);\n}\n',
      ],
    },
  },
  {
    id: 'js-eval-direct',
    languages: ['js'],
    cwes: ['CWE-95', 'CWE-94'],
    severity: 'high',
    message:
      'eval/new Function runs a value that is not a constant; parse the data instead (JSON.parse, Number)',
    query: `
      (call_expression function: (identifier) @f arguments: (arguments . (identifier) @code) (#eq? @f "eval")) @hit
      (new_expression constructor: (identifier) @f arguments: (arguments (identifier) @code .) (#eq? @f "Function")) @hit
    `,
    where: [{ check: 'taint', capture: 'code', is: ['built', 'opaque'] }],
    examples: {
      vulnerable: ['function calc(expr) {\n  return eval(expr);\n}\n'],
      safe: [
        'function calc(expr) {\n  return Number(expr);\n}\n',
        'function two() {\n  const src = "1 + 1";\n  return eval(src);\n}\n',
      ],
    },
  },
  {
    id: 'js-xss-html-sink',
    languages: ['js'],
    cwes: ['CWE-79'],
    severity: 'high',
    message:
      'data is written as HTML (innerHTML, outerHTML, insertAdjacentHTML, document.write); use textContent or sanitise it',
    query: `
      (assignment_expression left: (member_expression property: (property_identifier) @p) right: (_) @v (#any-of? @p "innerHTML" "outerHTML")) @hit
      (augmented_assignment_expression left: (member_expression property: (property_identifier) @p) right: (_) @v (#any-of? @p "innerHTML" "outerHTML")) @hit
      (call_expression function: (member_expression property: (property_identifier) @p) arguments: (arguments (_) @v .)
        (#any-of? @p "insertAdjacentHTML" "write" "writeln" "setHTMLUnsafe")) @hit
    `,
    where: [
      { check: 'taint', capture: 'v', is: ['built', 'opaque'] },
      {
        check: 'context',
        pattern:
          '(innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\$\\(|jQuery|\\.html\\(|setHTMLUnsafe)',
      },
      { check: 'scopeLacks', pattern: HTML_ESCAPE },
    ],
    examples: {
      vulnerable: [
        'function show(msg) {\n  document.getElementById("out").innerHTML = "<b>" + msg + "</b>";\n}\n',
        'function show(msg) {\n  document.write(msg);\n}\n',
        'function greet(name) {\n  el.insertAdjacentHTML("beforeend", `<li>${name}</li>`);\n}\n',
      ],
      safe: [
        'function show(msg) {\n  document.getElementById("out").textContent = msg;\n}\n',
        'function clear() {\n  el.innerHTML = "";\n}\n',
      ],
    },
  },
  {
    id: 'js-xss-jquery-html',
    languages: ['js'],
    cwes: ['CWE-79'],
    severity: 'high',
    message:
      'data is inserted as HTML with jQuery (.html, .append, …); build elements with .text() or escape the data',
    query: `
      (call_expression function: (member_expression property: (property_identifier) @p) arguments: (arguments (_) @v .)
        (#any-of? @p "append" "prepend" "after" "before" "replaceWith" "wrap")) @hit
      (call_expression function: (member_expression property: (property_identifier) @p) arguments: (arguments . (_) @hv .) (#eq? @p "html")) @hit
    `,
    where: [
      // .append(x) usually takes an element: only concatenated/templated markup counts there
      { check: 'taint', capture: 'v', is: ['built'] },
      // .html(x) takes markup: any value that is not a constant counts
      { check: 'taint', capture: 'hv', is: ['built', 'opaque'] },
      { check: 'scopeLacks', pattern: HTML_ESCAPE },
    ],
    examples: {
      vulnerable: [
        'function show(name) {\n  $("#out").html("<b>" + name + "</b>");\n}\n',
        'function add(item) {\n  $("ul").append(`<li>${item}</li>`);\n}\n',
      ],
      safe: [
        'function show(name) {\n  $("#out").append($("<b>").text(name));\n}\n',
        "function show(v) {\n  const t = $('<div/>').text(v).html();\n  $('#out').html(t);\n}\n",
      ],
    },
  },
  {
    id: 'js-xss-html-string',
    languages: ['js'],
    cwes: ['CWE-79'],
    severity: 'high',
    message: 'HTML built from data is returned with a part left unescaped; escape every interpolated value',
    query: `(return_statement (_) @v) @hit`,
    where: [
      { check: 'taint', capture: 'v', is: ['built'] },
      // an escaper's own replace chain mentions < and > but builds no markup
      { check: 'textNot', capture: 'v', pattern: '\\.replace(All)?\\(' },
      { check: 'textNot', capture: 'v', pattern: '^(?![\\s\\S]*<[a-zA-Z/!])' },
    ],
    examples: {
      vulnerable: [
        'function card(author, text) {\n  return `<div><b>${author}</b><p>${escapeHtml(text)}</p></div>`;\n}\n',
      ],
      safe: [
        'function card(author, text) {\n  return `<div><b>${escapeHtml(author)}</b><p>${escapeHtml(text)}</p></div>`;\n}\n',
        'function greet(name) {\n  return `Hello, ${name}`;\n}\n',
      ],
    },
  },
  {
    id: 'js-xss-unsafe-url',
    languages: ['js'],
    cwes: ['CWE-79'],
    severity: 'high',
    message:
      'a URL from data goes into href/src without checking its protocol, so javascript: URLs run script; allow only http(s)',
    query: `(template_string (template_substitution)) @hit`,
    where: [
      { check: 'text', capture: 'hit', pattern: '(href|src|action|formaction)\\s*=\\s*["\']?\\$\\{' },
      {
        check: 'scopeLacks',
        pattern: '(\\.protocol\\b|startsWith\\(\\s*[\'"]https?:|/\\^https\\?:|/\\^https:)',
      },
    ],
    examples: {
      vulnerable: [
        'function link(url, name) {\n  if (!url) return escapeHtml(name);\n  return `<a href="${escapeHtml(url)}">${escapeHtml(name)}</a>`;\n}\n',
      ],
      safe: [
        "function link(url, name) {\n  let protocol;\n  try {\n    protocol = new URL(url).protocol;\n  } catch {\n    return escapeHtml(name);\n  }\n  if (protocol !== 'http:' && protocol !== 'https:') return escapeHtml(name);\n  return `<a href=\"${escapeHtml(url)}\">${escapeHtml(name)}</a>`;\n}\n",
      ],
    },
  },
  {
    id: 'js-xss-attribute-escape',
    languages: ['js'],
    cwes: ['CWE-79'],
    severity: 'high',
    message:
      'a value goes into a quoted attribute through an escaper that leaves quotes alone, so a quote breaks out of the attribute; escape " and \' too',
    query: `(template_string (template_substitution (call_expression function: (identifier) @fn) @call)) @hit`,
    where: [{ check: 'custom', name: 'attributeEscaperLacksQuote' }],
    examples: {
      vulnerable: [
        "function escapeText(s) {\n  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');\n}\nfunction box(q) {\n  return `<input value=\"${escapeText(q)}\"><h2>${escapeText(q)}</h2>`;\n}\n",
      ],
      safe: [
        "function escapeText(s) {\n  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');\n}\nfunction escapeAttr(s) {\n  return escapeText(s).replace(/\"/g, '&quot;').replace(/'/g, '&#39;');\n}\nfunction box(q) {\n  return `<input value=\"${escapeAttr(q)}\"><h2>${escapeText(q)}</h2>`;\n}\n",
      ],
    },
  },
  {
    id: 'js-xss-response',
    languages: ['js'],
    cwes: ['CWE-79'],
    severity: 'high',
    message:
      'an HTTP response body is built from request data without HTML escaping; escape it or send JSON/text/plain',
    query: `(call_expression function: (member_expression object: (identifier) @o property: (property_identifier) @m) arguments: (arguments . (_) @v)
      (#match? @o "^(res|response|resp|reply|ctx)$") (#any-of? @m "send" "write" "end" "html")) @hit`,
    where: [
      { check: 'taint', capture: 'v', is: ['built'] },
      { check: 'scopeLacks', pattern: `(${HTML_ESCAPE}|text/plain|application/json)` },
    ],
    examples: {
      vulnerable: [
        'app.get("/hi", (req, res) => {\n  res.send("<h1>Hello " + req.query.name + "</h1>");\n});\n',
        'function hi(req, res) {\n  const name = req.query.name;\n  res.end(`<p>${name}</p>`);\n}\n',
      ],
      safe: [
        'const escapeHtml = require("escape-html");\napp.get("/hi", (req, res) => {\n  res.send("<h1>Hello " + escapeHtml(req.query.name) + "</h1>");\n});\n',
        'app.get("/hi", (req, res) => {\n  res.json({ hello: req.query.name });\n});\n',
      ],
    },
  },
  {
    id: 'js-hash-as-mac',
    languages: ['js'],
    cwes: ['CWE-347', 'CWE-327'],
    severity: 'high',
    message:
      'a MAC made by hashing key and message together is open to length extension; use crypto.createHmac',
    query: `(call_expression function: (member_expression object: (call_expression function: (member_expression property: (property_identifier) @c)) property: (property_identifier) @u) arguments: (arguments) @args
      (#eq? @c "createHash") (#eq? @u "update")) @hit`,
    where: [{ check: 'text', capture: 'args', pattern: '\\b\\w*(key|secret)\\w*\\b' }],
    examples: {
      vulnerable: [
        "const crypto = require('crypto');\nfunction tag(key, message) {\n  return crypto.createHash('sha256').update(Buffer.concat([key, message])).digest('hex');\n}\n",
      ],
      safe: [
        "const crypto = require('crypto');\nfunction tag(key, message) {\n  return crypto.createHmac('sha256', key).update(message).digest('hex');\n}\n",
      ],
    },
  },
  {
    id: 'js-jwt-alg-conditional-verify',
    languages: ['js'],
    cwes: ['CWE-347', 'CWE-327'],
    severity: 'critical',
    message:
      'the signature is checked only when the token names the expected algorithm, so a token with another alg ("none") skips verification; reject unexpected algorithms first',
    query: `(if_statement condition: (_) @c consequence: (statement_block) @body) @hit`,
    where: [
      { check: 'text', capture: 'c', pattern: '\\balg\\b\\s*===?\\s*[\\x27"`]' },
      { check: 'text', capture: 'body', pattern: '(timingSafeEqual|createHmac|verify)' },
      { check: 'textNot', capture: 'hit', pattern: '\\belse\\b' },
    ],
    examples: {
      vulnerable: [
        "const crypto = require('crypto');\nfunction verify(header, key, input, sig) {\n  if (header.alg === 'HS256') {\n    const mac = crypto.createHmac('sha256', key).update(input).digest();\n    if (!crypto.timingSafeEqual(mac, sig)) throw new Error('bad signature');\n  }\n  return true;\n}\n",
      ],
      safe: [
        "const crypto = require('crypto');\nfunction verify(header, key, input, sig) {\n  if (header.alg !== 'HS256') throw new Error('unexpected algorithm');\n  const mac = crypto.createHmac('sha256', key).update(input).digest();\n  if (!crypto.timingSafeEqual(mac, sig)) throw new Error('bad signature');\n  return true;\n}\n",
      ],
    },
  },
  {
    id: 'js-unauthenticated-encryption',
    languages: ['js'],
    cwes: ['CWE-327', 'CWE-353'],
    severity: 'medium',
    message:
      'CBC/CTR encryption without a MAC lets an attacker modify ciphertexts undetected; use aes-256-gcm (or encrypt-then-HMAC)',
    query: `(call_expression function: (member_expression property: (property_identifier) @f) arguments: (arguments . (string) @alg)
      (#any-of? @f "createCipheriv" "createDecipheriv") (#match? @alg "-(cbc|ctr|cfb|ofb)")) @hit`,
    where: [{ check: 'scopeLacks', pattern: '(createHmac|getAuthTag|setAuthTag)' }],
    examples: {
      vulnerable: [
        "const crypto = require('crypto');\nfunction enc(key, data) {\n  const iv = crypto.randomBytes(16);\n  const c = crypto.createCipheriv('aes-256-cbc', key, iv);\n  return Buffer.concat([iv, c.update(data), c.final()]);\n}\n",
      ],
      safe: [
        "const crypto = require('crypto');\nfunction enc(key, data) {\n  const iv = crypto.randomBytes(12);\n  const c = crypto.createCipheriv('aes-256-gcm', key, iv);\n  const body = Buffer.concat([c.update(data), c.final()]);\n  return Buffer.concat([iv, c.getAuthTag(), body]);\n}\n",
      ],
    },
  },
  {
    id: 'js-eval-deserialize',
    languages: ['js'],
    cwes: ['CWE-502', 'CWE-95'],
    severity: 'critical',
    message: 'data is deserialised with eval("(" + text + ")"), which runs any code in it; use JSON.parse',
    query: `(call_expression function: (identifier) @f arguments: (arguments . (_) @code) (#eq? @f "eval")) @hit`,
    where: [
      { check: 'taint', capture: 'code', is: ['built'] },
      { check: 'text', capture: 'code', pattern: '^[\\x27"`]\\(' },
    ],
    examples: {
      vulnerable: [
        "function load(cookie) {\n  return eval('(' + Buffer.from(cookie, 'base64').toString('utf8') + ')');\n}\n",
      ],
      safe: [
        "function load(cookie) {\n  return JSON.parse(Buffer.from(cookie, 'base64').toString('utf8'));\n}\n",
      ],
    },
  },
  {
    id: 'js-insecure-random',
    languages: ['js'],
    cwes: ['CWE-338', 'CWE-330'],
    severity: 'medium',
    message:
      'Math.random is predictable; use crypto.randomBytes/randomUUID/getRandomValues for tokens, keys and ids',
    query: `(call_expression function: (member_expression object: (identifier) @o property: (property_identifier) @f) (#eq? @o "Math") (#eq? @f "random")) @hit`,
    where: [{ check: 'context', pattern: TOKEN_CONTEXT }],
    examples: {
      vulnerable: [
        'function makeToken() {\n  return Math.random().toString(36).slice(2);\n}\n',
        'function reset(user) {\n  const code = Math.floor(Math.random() * 1e6);\n  return code;\n}\n',
      ],
      safe: [
        'const crypto = require("crypto");\nfunction makeToken() {\n  return crypto.randomBytes(16).toString("hex");\n}\n',
        'function roll() {\n  return 1 + Math.floor(Math.random() * 6);\n}\n',
      ],
    },
  },
  {
    id: 'js-weak-hash',
    languages: ['js'],
    cwes: ['CWE-328', 'CWE-327'],
    severity: 'medium',
    message:
      'MD5/SHA-1 are broken for security uses; use SHA-256 or better (and scrypt/argon2 for passwords)',
    query: `(call_expression function: (member_expression property: (property_identifier) @f) arguments: (arguments . (string) @alg)
      (#any-of? @f "createHash" "createHmac") (#match? @alg "^[\\"'\`](md5|md4|sha1|MD5|SHA1|sha-1|ripemd160)[\\"'\`]$")) @hit`,
    examples: {
      vulnerable: [
        'const crypto = require("crypto");\nfunction h(pw) {\n  return crypto.createHash("md5").update(pw).digest("hex");\n}\n',
      ],
      safe: [
        'const crypto = require("crypto");\nfunction h(d) {\n  return crypto.createHash("sha256").update(d).digest("hex");\n}\n',
      ],
    },
  },
  {
    id: 'js-password-fast-hash',
    languages: ['js'],
    cwes: ['CWE-916', 'CWE-328'],
    severity: 'medium',
    message: 'a password is hashed with a fast hash; use crypto.scrypt/pbkdf2, bcrypt or argon2 with a salt',
    query: `(call_expression function: (member_expression object: (call_expression function: (member_expression property: (property_identifier) @c)) property: (property_identifier) @u) arguments: (arguments) @args
      (#eq? @c "createHash") (#eq? @u "update")) @hit`,
    where: [{ check: 'text', capture: 'args', pattern: '(passw|pwd)' }],
    examples: {
      vulnerable: [
        'const crypto = require("crypto");\nfunction store(password) {\n  return crypto.createHash("sha256").update(password).digest("hex");\n}\n',
      ],
      safe: [
        'const crypto = require("crypto");\nfunction store(password, salt) {\n  return crypto.scryptSync(password, salt, 64).toString("hex");\n}\n',
      ],
    },
  },
  {
    id: 'js-weak-cipher',
    languages: ['js'],
    cwes: ['CWE-327'],
    severity: 'medium',
    message:
      'broken cipher, ECB mode or the deprecated key-derivation createCipher; use aes-256-gcm with createCipheriv',
    query: `
      (call_expression function: (member_expression property: (property_identifier) @f) (#any-of? @f "createCipher" "createDecipher")) @hit
      (call_expression function: (member_expression property: (property_identifier) @f) arguments: (arguments . (string) @alg)
        (#any-of? @f "createCipheriv" "createDecipheriv") (#match? @alg "(des|rc4|rc2|blowfish|bf-|-ecb)")) @hit
    `,
    examples: {
      vulnerable: [
        'const crypto = require("crypto");\nfunction enc(k, d) {\n  const c = crypto.createCipheriv("des-ede3-cbc", k, null);\n  return c.update(d);\n}\n',
      ],
      safe: [
        'const crypto = require("crypto");\nfunction enc(k, iv, d) {\n  const c = crypto.createCipheriv("aes-256-gcm", k, iv);\n  return c.update(d);\n}\n',
      ],
    },
  },
  {
    id: 'js-path-traversal',
    languages: ['js'],
    cwes: ['CWE-22'],
    severity: 'high',
    message:
      'a file path joined from request data is used without resolving it and checking it stays under the base directory',
    query: `(call_expression function: (member_expression property: (property_identifier) @f) arguments: (arguments . (_) @p)
      (#match? @f "^(readFile|readFileSync|createReadStream|writeFile|writeFileSync|createWriteStream|appendFile|appendFileSync|unlink|unlinkSync|rm|rmSync|readdir|readdirSync|sendFile|download|open|openSync|stat|statSync|access|existsSync)$")) @hit`,
    where: [
      { check: 'taint', capture: 'p', is: ['built'] },
      {
        check: 'scopeLacks',
        pattern:
          // a prefix check must include the separator: startsWith(root) also admits /srv/files-private
          '((resolve|normalize|realpath)[\\s\\S]*(startsWith\\([^)]*(\\bsep\\b|[\'"`]/[\'"`])|relative\\()|basename|[\'"]\\.\\.[\'"]|\\broot\\s*:)',
      },
    ],
    examples: {
      vulnerable: [
        'const fs = require("fs");\nconst path = require("path");\nfunction read(name) {\n  return fs.readFileSync(path.join("/srv/files", name), "utf8");\n}\n',
        'const fs = require("fs");\nfunction read(req, res) {\n  const p = "/srv/files/" + req.query.file;\n  fs.createReadStream(p).pipe(res);\n}\n',
        'const fs = require("fs");\nconst path = require("path");\nfunction read(root, name) {\n  const full = path.resolve(root, name);\n  if (!full.startsWith(root)) return null;\n  return fs.readFileSync(full);\n}\n',
      ],
      safe: [
        'const fs = require("fs");\nconst path = require("path");\nconst BASE = "/srv/files";\nfunction read(name) {\n  const p = path.resolve(BASE, name);\n  if (!p.startsWith(BASE + path.sep)) throw new Error("bad path");\n  return fs.readFileSync(p, "utf8");\n}\n',
        'const fs = require("fs");\nconst path = require("path");\nfunction conf() {\n  return fs.readFileSync(path.join(__dirname, "config.json"), "utf8");\n}\n',
      ],
    },
  },
  {
    id: 'js-regex-injection',
    languages: ['js'],
    cwes: ['CWE-1333', 'CWE-730'],
    severity: 'medium',
    message: 'a regular expression is built from data; escape it (or match literally with includes/indexOf)',
    query: `(new_expression constructor: (identifier) @c arguments: (arguments . (_) @re) (#eq? @c "RegExp")) @hit
      (call_expression function: (identifier) @c arguments: (arguments . (_) @re) (#eq? @c "RegExp")) @hit`,
    where: [
      { check: 'taint', capture: 're', is: ['built', 'opaque'] },
      { check: 'scopeLacks', pattern: '(escapeReg|\\\\\\$&|_\\.escapeRegExp|lodash)' },
    ],
    examples: {
      vulnerable: [
        'function has(word, text) {\n  return new RegExp("\\\\b" + word + "\\\\b").test(text);\n}\n',
        'function match(pattern, s) {\n  return new RegExp(pattern).test(s);\n}\n',
      ],
      safe: [
        'function esc(s) {\n  return s.replace(/[.*+?^${}()|[\\]\\\\]/g, "\\\\$&");\n}\nfunction has(word, text) {\n  return new RegExp("\\\\b" + esc(word) + "\\\\b").test(text);\n}\n',
        'function digits(s) {\n  return new RegExp("^[0-9]+$").test(s);\n}\n',
      ],
    },
  },
  {
    id: 'js-redos-literal',
    languages: ['js'],
    cwes: ['CWE-1333'],
    severity: 'medium',
    message: 'regular expression with nested quantifiers can take exponential time on crafted input',
    query: `(regex) @re @hit
      (new_expression constructor: (identifier) @c arguments: (arguments . (string) @re) (#eq? @c "RegExp")) @hit`,
    where: [{ check: 'redos', capture: 're' }],
    examples: {
      vulnerable: [
        'function ok(s) {\n  return /^(a+)+$/.test(s);\n}\n',
        'const EMAIL = /^([a-zA-Z0-9]+\\.?)*@example\\.com$/;\n',
        'const R = new RegExp("^(\\\\w+\\\\s?)*$");\n',
      ],
      safe: [
        'function ok(s) {\n  return /^[a-z]+$/.test(s);\n}\n',
        'const EMAIL = /^[a-zA-Z0-9.]+@example\\.com$/;\n',
      ],
    },
  },
  {
    id: 'js-hardcoded-secret',
    languages: ['js'],
    cwes: ['CWE-798', 'CWE-259'],
    severity: 'medium',
    message: 'a credential is written in the source; read it from process.env or a secret store',
    query: `
      (variable_declarator name: (identifier) @name value: (string) @val) @hit
      (pair key: [(property_identifier) (string)] @name value: (string) @val) @hit
      (assignment_expression left: [(identifier) (member_expression)] @name right: (string) @val) @hit
    `,
    where: [
      { check: 'text', capture: 'name', pattern: `${SECRET_NAME}$` },
      { check: 'text', capture: 'val', pattern: '^[^\\s{}%$<>]{4,}$' },
      {
        check: 'textNot',
        capture: 'val',
        pattern: '^[\'"`](your|change|xxx|placeholder|example|dummy|test|none|null|env|<)',
      },
    ],
    examples: {
      vulnerable: [
        'const DB_PASSWORD = "hunter2!x";\n',
        'const client = connect({ user: "app", password: "s3cr3t-pw" });\n',
        'config.apiKey = "AKIA1234567890";\n',
      ],
      safe: [
        'const DB_PASSWORD = process.env.DB_PASSWORD;\n',
        'const client = connect({ user: "app", password: pw });\n',
      ],
    },
  },
  {
    id: 'js-credential-fallback',
    languages: ['js'],
    cwes: ['CWE-798', 'CWE-1188'],
    severity: 'high',
    message:
      'a credential falls back to a value written in the source when the environment or configuration lacks it; fail instead',
    query: `
      (binary_expression left: (_) @key operator: ["||" "??"] right: (string) @val (#match? @key "(process\\\\.env|config|settings|env\\\\b|cfg)")) @hit
      (if_statement condition: (_) @c consequence: (expression_statement (assignment_expression left: (identifier) @name right: (string) @val))) @hit
      (if_statement condition: (_) @c consequence: (statement_block (expression_statement (assignment_expression left: (identifier) @name right: (string) @val)))) @hit
    `,
    where: [{ check: 'custom', name: 'fallbackCredential' }],
    examples: {
      vulnerable: [
        "function signingKey() {\n  return process.env.SIGNING_KEY || 'dev-secret-key';\n}\n",
        "function apiKey(path) {\n  let key = readSetting(path, 'api_key');\n  if (!key) key = 'sk_live_fallback';\n  return 'Bearer ' + key;\n}\n",
      ],
      safe: [
        "function signingKey() {\n  const key = process.env.SIGNING_KEY;\n  if (!key) throw new Error('SIGNING_KEY is not set');\n  return key;\n}\n",
        "function logLevel() {\n  return process.env.LOG_LEVEL || 'info';\n}\n",
      ],
    },
  },
  {
    id: 'js-hardcoded-credential-check',
    languages: ['js'],
    cwes: ['CWE-798'],
    severity: 'high',
    message:
      'a credential is compared against a literal written in the source; compare against a stored hash',
    query: `(binary_expression left: [(identifier) (member_expression)] @name operator: ["===" "=="] right: (string) @val) @hit`,
    where: [
      { check: 'text', capture: 'name', pattern: '(passw(or)?d|passwd|pwd|secret|token|api_?key|apikey)' },
      { check: 'text', capture: 'val', pattern: '^.{3,}$' },
    ],
    examples: {
      vulnerable: [
        'function login(user, password) {\n  return user === "admin" && password === "S3cret!";\n}\n',
      ],
      safe: ['function empty(password) {\n  return password === "";\n}\n'],
    },
  },
  {
    id: 'js-log-injection',
    languages: ['js'],
    cwes: ['CWE-117'],
    severity: 'medium',
    message:
      'request data is written into a log line unsanitised; strip CR/LF so it cannot forge log entries',
    query: `
      (call_expression function: (member_expression object: (_) @o property: (property_identifier) @f) arguments: (arguments . (_) @msg)
        (#match? @o "^(console|logger|log|winston|this\\\\.logger|app\\\\.log|req\\\\.log|fastify\\\\.log)$") (#any-of? @f "log" "info" "warn" "error" "debug" "trace")) @hit
    `,
    where: [
      { check: 'taint', capture: 'msg', is: ['built'] },
      {
        check: 'scopeLacks',
        // CR must be handled too; replacing \n alone still lets a lone \r forge a line
        pattern:
          '(replace(All)?\\(\\s*/[^/]*\\\\r|replace(All)?\\(\\s*[\'"]\\\\r|\\\\x00-|\\\\u0000-|sanitiz|JSON\\.stringify|encodeURIComponent)',
      },
    ],
    examples: {
      vulnerable: [
        'app.get("/login", (req, res) => {\n  console.log("login attempt: " + req.query.user);\n  res.end();\n});\n',
        'function login(username) {\n  logger.info(`failed login for ${username}`);\n}\n',
      ],
      safe: [
        'function login(username) {\n  const clean = username.replace(/[\\r\\n]/g, "_");\n  logger.info(`failed login for ${clean}`);\n}\n',
        'function start() {\n  console.log("started");\n}\n',
      ],
    },
  },
  {
    id: 'js-log-injection-stream',
    languages: ['js'],
    cwes: ['CWE-117'],
    severity: 'medium',
    message:
      'a line built from data is written to a log stream unsanitised; escape CR, LF and other control characters so it cannot forge lines',
    query: `
      (call_expression function: (member_expression object: (_) @o property: (property_identifier) @f) arguments: (arguments . (_) @msg)
        (#match? @o "(out|stream|log|logger|audit|file|fd)\\\\w*$") (#any-of? @f "write" "appendFileSync" "appendFile")) @hit
    `,
    where: [
      { check: 'taint', capture: 'msg', is: ['built'] },
      // one record per line: the message ends with a newline
      { check: 'text', capture: 'msg', pattern: '\\\\n$' },
      {
        check: 'scopeLacks',
        pattern:
          '(replace(All)?\\(\\s*/[^/]*\\\\r|replace(All)?\\(\\s*[\'"]\\\\r|\\\\x00-|\\\\u0000-|sanitiz|JSON\\.stringify|encodeURIComponent)',
      },
    ],
    examples: {
      vulnerable: [
        "function recordSearch(out, query, count) {\n  const safe = String(query).replace(/\\n/g, '\\\\n');\n  out.write(`search q=${safe} results=${count}\\n`);\n}\n",
        'function failedLogin(out, user, ip) {\n  out.write(`login failed ${user} from ${ip}\\n`);\n}\n',
      ],
      safe: [
        "function recordSearch(out, query, count) {\n  const safe = String(query).replace(/[\\x00-\\x1f\\x7f]/g, (c) => '\\\\x' + c.charCodeAt(0).toString(16));\n  out.write(`search q=${safe} results=${count}\\n`);\n}\n",
        'function header(out, name) {\n  out.write(`<h1>${name}</h1>`);\n}\n',
      ],
    },
  },
  {
    id: 'js-tls-no-verify',
    languages: ['js'],
    cwes: ['CWE-295'],
    severity: 'high',
    message: 'TLS certificate verification is turned off; keep rejectUnauthorized (or pass a CA)',
    query: `
      (pair key: (property_identifier) @k value: (false) (#eq? @k "rejectUnauthorized")) @hit
      (assignment_expression left: (member_expression property: (property_identifier) @k) right: (string) @v
        (#eq? @k "NODE_TLS_REJECT_UNAUTHORIZED") (#match? @v "^[\\"']0[\\"']$")) @hit
    `,
    examples: {
      vulnerable: [
        'const https = require("https");\nconst agent = new https.Agent({ rejectUnauthorized: false });\n',
        'process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";\n',
      ],
      safe: ['const https = require("https");\nconst agent = new https.Agent({ keepAlive: true });\n'],
    },
  },
  {
    id: 'js-unsafe-deserialization',
    languages: ['js'],
    cwes: ['CWE-502'],
    severity: 'high',
    message:
      'deserialising with node-serialize/funcster/yaml.load of untrusted data can run code; use JSON.parse or yaml safe loading',
    query: `
      (call_expression function: (member_expression property: (property_identifier) @f) (#any-of? @f "unserialize" "deserialize")) @hit
      (call_expression function: (member_expression object: (identifier) @o property: (property_identifier) @f) arguments: (arguments) @args
        (#match? @o "^(yaml|jsyaml|YAML)$") (#eq? @f "load")) @hit
    `,
    where: [
      {
        check: 'fileHas',
        pattern: '(node-serialize|serialize-javascript|funcster|cryo|js-yaml|require\\([\'"]yaml)',
      },
      { check: 'textNot', capture: 'args', pattern: '(SAFE_SCHEMA|JSON_SCHEMA|FAILSAFE_SCHEMA|CORE_SCHEMA)' },
    ],
    examples: {
      vulnerable: [
        'const serialize = require("node-serialize");\nfunction restore(cookie) {\n  return serialize.unserialize(cookie);\n}\n',
      ],
      safe: ['function restore(cookie) {\n  return JSON.parse(cookie);\n}\n'],
    },
  },
  {
    id: 'js-prototype-pollution',
    languages: ['js'],
    cwes: ['CWE-1321', 'CWE-915'],
    severity: 'high',
    message:
      'keys taken from data are assigned onto an object without excluding __proto__/constructor/prototype, so input can change Object.prototype; skip those keys or use Object.create(null)/Map',
    query: `(assignment_expression left: (subscript_expression object: (_) index: (identifier) @key)) @hit`,
    where: [
      {
        check: 'context',
        pattern:
          '(merge|extend|assign|deep|clone|copy|defaults|decode|unflatten|expand|set[A-Z_]|setpath|set_?value|put)',
      },
      {
        check: 'scopeHas',
        pattern: '(for\\s*\\(\\s*(const|let|var)?\\s*\\w+\\s+in\\b|Object\\.(keys|entries)\\(|\\.split\\()',
      },
      {
        check: 'scopeLacks',
        pattern:
          '(__proto__|hasOwnProperty|Object\\.hasOwn|Object\\.create\\(null\\)|[\\x27"]constructor[\\x27"]|[\\x27"]prototype[\\x27"]|new Map\\()',
      },
    ],
    examples: {
      vulnerable: [
        'function merge(target, source) {\n  for (const key in source) {\n    const value = source[key];\n    if (typeof value === "object") target[key] = merge(target[key] || {}, value);\n    else target[key] = value;\n  }\n  return target;\n}\n',
      ],
      safe: [
        'function merge(target, source) {\n  for (const key in source) {\n    if (!Object.prototype.hasOwnProperty.call(source, key) || key === "__proto__") continue;\n    target[key] = source[key];\n  }\n  return target;\n}\n',
        'function squares(n) {\n  const out = [];\n  for (let i = 0; i < n; i++) out[i] = i * i;\n  return out;\n}\n',
      ],
    },
  },
  {
    id: 'js-open-redirect',
    languages: ['js'],
    cwes: ['CWE-601'],
    severity: 'medium',
    message: 'redirect to a URL taken from the request; allow only relative paths or a list of known hosts',
    query: `(call_expression function: (member_expression object: (identifier) @o property: (property_identifier) @f) arguments: (arguments (_) @u .)
      (#match? @o "^(res|response|ctx|reply)$") (#eq? @f "redirect")) @hit`,
    where: [
      { check: 'taint', capture: 'u', is: ['opaque', 'built'] },
      { check: 'scopeHas', pattern: '(req|request|ctx)\\.(query|body|params)' },
      {
        check: 'scopeLacks',
        pattern: '(startsWith\\(\\s*[\'"]/|new URL|allow|whitelist|includes\\(|\\.has\\(|indexOf\\()',
      },
    ],
    examples: {
      vulnerable: ['app.get("/go", (req, res) => {\n  res.redirect(req.query.next);\n});\n'],
      safe: [
        'app.get("/go", (req, res) => {\n  const next = req.query.next;\n  res.redirect(next.startsWith("/") && !next.startsWith("//") ? next : "/");\n});\n',
      ],
    },
  },
];
