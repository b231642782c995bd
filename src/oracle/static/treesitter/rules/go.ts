import type { Rule } from '../rule.js';

const SECRET_NAME =
  '(passw(or)?d|passwd|pwd|secret|api_?key|apikey|access_?key|private_?key|auth_?token|token)';
const TOKEN_CONTEXT =
  '(token|secret|passw|pwd|nonce|salt|otp|session|csrf|api_?key|apikey|auth|reset|verif|invite|coupon|one_?time|\\bkey\\b|Key\\b|\\bid\\b)';
const SQL_TEXT =
  '\\b(select\\s+[\\w*`"]|insert\\s+into|update\\s+[\\w`"]+\\s+set|delete\\s+from|replace\\s+into)';
const PREAMBLE = 'package main\n\n';

/** Go rules (go vet and staticcheck report none of these; see DESIGN.md §4). */
export const GO_RULES: readonly Rule[] = [
  {
    id: 'go-sql-built-query',
    languages: ['go'],
    cwes: ['CWE-89'],
    severity: 'high',
    message:
      'SQL text built with fmt.Sprintf or + reaches a query call; use placeholders ($1, ?) and pass the values as arguments',
    query: `
      (call_expression function: (selector_expression field: (field_identifier) @m) arguments: (argument_list . (_) @q)
        (#match? @m "^(Query|QueryRow|Exec|Prepare|Raw|Select|Get|MustExec|Queryx|QueryRowx)$")) @hit
      (call_expression function: (selector_expression field: (field_identifier) @m) arguments: (argument_list . (_) . (_) @q)
        (#match? @m "^(Query|QueryRow|Exec|Prepare|Select|Get)Context$")) @hit
    `,
    where: [
      { check: 'taint', capture: 'q', is: ['built'] },
      { check: 'scopeHas', pattern: SQL_TEXT },
    ],
    examples: {
      vulnerable: [
        `${PREAMBLE}func find(db *sql.DB, name string) (*sql.Rows, error) {\n\treturn db.Query(fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", name))\n}\n`,
        `${PREAMBLE}func find(db *sql.DB, name string) error {\n\tq := "SELECT * FROM users WHERE name = '" + name + "'"\n\t_, err := db.Exec(q)\n\treturn err\n}\n`,
        `${PREAMBLE}func find(ctx context.Context, db *sql.DB, id string) *sql.Row {\n\tq := fmt.Sprintf("SELECT email FROM users WHERE id = %s", id)\n\treturn db.QueryRowContext(ctx, q)\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func find(db *sql.DB, name string) (*sql.Rows, error) {\n\treturn db.Query("SELECT * FROM users WHERE name = $1", name)\n}\n`,
        `${PREAMBLE}const q = "SELECT * FROM users WHERE id = ?"\n\nfunc find(db *sql.DB, id int) *sql.Row {\n\treturn db.QueryRow(q, id)\n}\n`,
      ],
    },
  },
  {
    id: 'go-sql-built-any-call',
    languages: ['go'],
    cwes: ['CWE-89'],
    severity: 'high',
    message:
      'SQL text built with fmt.Sprintf or + is passed to a database helper; use placeholders and pass the values as arguments',
    query: `
      (call_expression function: [(identifier) (selector_expression)] @fn arguments: (argument_list . (_) @q)) @hit
      (call_expression function: [(identifier) (selector_expression)] @fn arguments: (argument_list . (_) . (_) @q)) @hit
    `,
    where: [
      {
        check: 'textNot',
        capture: 'fn',
        pattern:
          '(^|\\.)(Print\\w*|Sprint\\w*|Fprint\\w*|Error\\w*|Errorf|Log\\w*|Info\\w*|Warn\\w*|Debug\\w*|Fatal\\w*|Panic\\w*|Write\\w*|Join|Replace\\w*|Contains|HasPrefix|Equal|New)$',
      },
      {
        check: 'textNot',
        capture: 'fn',
        pattern:
          '(^|\\.)(Query|QueryRow|Exec|Prepare|Raw|Select|Get|MustExec|Queryx|QueryRowx|QueryContext|ExecContext|QueryRowContext|PrepareContext|SelectContext|GetContext)$',
      },
      { check: 'custom', name: 'builtSql' },
    ],
    examples: {
      vulnerable: [
        `${PREAMBLE}func find(s *Store, name string) error {\n\tq := fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", name)\n\treturn s.run(q)\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func find(s *Store, name string) error {\n\treturn s.run("SELECT * FROM users WHERE name = $1", name)\n}\n`,
      ],
    },
  },
  {
    id: 'go-command-shell',
    languages: ['go'],
    cwes: ['CWE-78'],
    severity: 'high',
    message:
      'exec.Command runs `sh -c` on a string built from data, which the shell parses; run the program directly with separate arguments',
    query: `
      (call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f)
        arguments: (argument_list . (interpreted_string_literal) @sh . (interpreted_string_literal) @c . (_) @cmd)
        (#eq? @p "exec") (#eq? @f "Command") (#match? @sh "^\\"(/bin/|/usr/bin/)?(ba|z|da)?sh\\"$") (#eq? @c "\\"-c\\"")) @hit
      (call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f)
        arguments: (argument_list . (_) . (interpreted_string_literal) @sh . (interpreted_string_literal) @c . (_) @cmd)
        (#eq? @p "exec") (#eq? @f "CommandContext") (#match? @sh "^\\"(/bin/|/usr/bin/)?(ba|z|da)?sh\\"$") (#eq? @c "\\"-c\\"")) @hit
    `,
    where: [{ check: 'taint', capture: 'cmd', is: ['built', 'opaque'] }],
    examples: {
      vulnerable: [
        `${PREAMBLE}func list(dir string) ([]byte, error) {\n\treturn exec.Command("sh", "-c", "ls -l "+dir).Output()\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func list(dir string) ([]byte, error) {\n\treturn exec.Command("ls", "-l", "--", dir).Output()\n}\n`,
        `${PREAMBLE}func up() ([]byte, error) {\n\treturn exec.Command("sh", "-c", "uptime").Output()\n}\n`,
      ],
    },
  },
  {
    id: 'go-command-built',
    languages: ['go'],
    cwes: ['CWE-78'],
    severity: 'medium',
    message: 'the program that exec.Command runs is built from data; choose the program from a fixed list',
    query: `(call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f) arguments: (argument_list . (_) @cmd)
      (#eq? @p "exec") (#eq? @f "Command")) @hit`,
    where: [{ check: 'taint', capture: 'cmd', is: ['built'] }],
    examples: {
      vulnerable: [
        `${PREAMBLE}func run(tool string) error {\n\treturn exec.Command("/usr/local/bin/" + tool).Run()\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func run(arg string) error {\n\treturn exec.Command("/usr/bin/convert", arg).Run()\n}\n`,
      ],
    },
  },
  {
    id: 'go-narrowing-conversion',
    languages: ['go'],
    cwes: ['CWE-681', 'CWE-190'],
    severity: 'medium',
    message:
      'a number parsed as a full-size int is converted to a smaller integer type without a range check, so large values wrap; parse with the target bit size (ParseInt(s, 10, 32))',
    query: `(short_var_declaration left: (expression_list . (identifier) @v) right: (expression_list (call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f)))
      (#eq? @p "strconv") (#any-of? @f "Atoi" "ParseInt" "ParseUint")) @hit`,
    where: [
      { check: 'textNot', capture: 'hit', pattern: ',\\s*(8|16|32)\\s*\\)\\s*$' },
      { check: 'custom', name: 'narrowingAfterParse' },
    ],
    examples: {
      vulnerable: [
        `${PREAMBLE}func port(s string) (uint16, error) {\n\tn, err := strconv.Atoi(s)\n\tif err != nil {\n\t\treturn 0, err\n\t}\n\treturn uint16(n), nil\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func port(s string) (uint16, error) {\n\tn, err := strconv.ParseUint(s, 10, 16)\n\tif err != nil {\n\t\treturn 0, err\n\t}\n\treturn uint16(n), nil\n}\n`,
        `${PREAMBLE}func port(s string) (uint16, error) {\n\tn, err := strconv.Atoi(s)\n\tif err != nil || n < 0 || n > 65535 {\n\t\treturn 0, errBad\n\t}\n\treturn uint16(n), nil\n}\n`,
      ],
    },
  },
  {
    id: 'go-weak-hash',
    languages: ['go'],
    cwes: ['CWE-328', 'CWE-327'],
    severity: 'medium',
    message:
      'MD5/SHA-1 are broken for security uses; use crypto/sha256 or better (and bcrypt/argon2 for passwords)',
    query: `(call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f)
      (#any-of? @p "md5" "sha1" "md4") (#any-of? @f "New" "Sum")) @hit`,
    examples: {
      vulnerable: [
        `${PREAMBLE}func h(pw string) [16]byte {\n\treturn md5.Sum([]byte(pw))\n}\n`,
        `${PREAMBLE}func h() hash.Hash {\n\treturn sha1.New()\n}\n`,
      ],
      safe: [`${PREAMBLE}func h(d []byte) [32]byte {\n\treturn sha256.Sum256(d)\n}\n`],
    },
  },
  {
    id: 'go-password-fast-hash',
    languages: ['go'],
    cwes: ['CWE-916', 'CWE-328'],
    severity: 'medium',
    message: 'a password is hashed with a fast hash; use bcrypt, scrypt or argon2 with a salt',
    query: `(call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f) arguments: (argument_list) @args
      (#any-of? @p "sha256" "sha512" "sha1" "md5") (#match? @f "^Sum")) @hit`,
    where: [{ check: 'text', capture: 'args', pattern: '(passw|pwd)' }],
    examples: {
      vulnerable: [
        `${PREAMBLE}func store(password string) [32]byte {\n\treturn sha256.Sum256([]byte(password))\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func store(password string) ([]byte, error) {\n\treturn bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)\n}\n`,
      ],
    },
  },
  {
    id: 'go-weak-cipher',
    languages: ['go'],
    cwes: ['CWE-327'],
    severity: 'medium',
    message: 'DES/3DES/RC4 are broken; use AES-GCM (crypto/cipher.NewGCM) or chacha20poly1305',
    query: `(call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f)
      (#any-of? @p "des" "rc4" "blowfish") (#match? @f "^New")) @hit`,
    examples: {
      vulnerable: [`${PREAMBLE}func c(k []byte) (cipher.Block, error) {\n\treturn des.NewCipher(k)\n}\n`],
      safe: [`${PREAMBLE}func c(k []byte) (cipher.Block, error) {\n\treturn aes.NewCipher(k)\n}\n`],
    },
  },
  {
    id: 'go-hash-as-mac',
    languages: ['go'],
    cwes: ['CWE-347', 'CWE-327'],
    severity: 'high',
    message: 'a MAC made by hashing key and message together is open to length extension; use crypto/hmac',
    query: `(call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f) arguments: (argument_list) @args
      (#any-of? @p "sha256" "sha512" "sha1" "md5") (#match? @f "^Sum")) @hit`,
    where: [{ check: 'text', capture: 'args', pattern: '\\b\\w*([Kk]ey|[Ss]ecret)\\w*\\b' }],
    examples: {
      vulnerable: [
        `${PREAMBLE}func Tag(key, message []byte) [32]byte {\n\treturn sha256.Sum256(append(append([]byte{}, key...), message...))\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func Tag(key, message []byte) []byte {\n\tmac := hmac.New(sha256.New, key)\n\tmac.Write(message)\n\treturn mac.Sum(nil)\n}\n`,
      ],
    },
  },
  {
    id: 'go-jwt-alg-conditional-verify',
    languages: ['go'],
    cwes: ['CWE-347', 'CWE-327'],
    severity: 'critical',
    message:
      'the signature is checked only when the token names the expected algorithm, so a token with another alg ("none") skips verification; reject unexpected algorithms first',
    query: `(if_statement condition: (_) @c consequence: (block) @body) @hit`,
    where: [
      { check: 'text', capture: 'c', pattern: '\\balg\\b\\W*\\s*==\\s*"' },
      { check: 'text', capture: 'body', pattern: '(hmac\\.Equal|Verify|ConstantTimeCompare)' },
      { check: 'textNot', capture: 'hit', pattern: '\\belse\\b' },
    ],
    examples: {
      vulnerable: [
        `${PREAMBLE}func Verify(header map[string]any, key, input, sig []byte) error {\n\tif header["alg"] == "HS256" {\n\t\tmac := hmac.New(sha256.New, key)\n\t\tmac.Write(input)\n\t\tif !hmac.Equal(mac.Sum(nil), sig) {\n\t\t\treturn errBad\n\t\t}\n\t}\n\treturn nil\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func Verify(header map[string]any, key, input, sig []byte) error {\n\tif alg, _ := header["alg"].(string); alg != "HS256" {\n\t\treturn errBad\n\t}\n\tmac := hmac.New(sha256.New, key)\n\tmac.Write(input)\n\tif !hmac.Equal(mac.Sum(nil), sig) {\n\t\treturn errBad\n\t}\n\treturn nil\n}\n`,
      ],
    },
  },
  {
    id: 'go-aead-fixed-nonce',
    languages: ['go'],
    cwes: ['CWE-323', 'CWE-327'],
    severity: 'high',
    message:
      'AEAD Seal uses a nonce that is never filled from crypto/rand, so nonces repeat under one key; read a fresh random nonce each time',
    query: `(call_expression function: (selector_expression field: (field_identifier) @f) arguments: (argument_list . (_) . (_) @nonce) (#eq? @f "Seal")) @hit`,
    where: [{ check: 'scopeLacks', pattern: '(rand\\.Read|io\\.ReadFull\\(\\s*rand\\.|rand\\.Reader)' }],
    examples: {
      vulnerable: [
        `${PREAMBLE}func Enc(gcm cipher.AEAD, pt []byte) []byte {\n\tnonce := make([]byte, gcm.NonceSize())\n\treturn gcm.Seal(nonce, nonce, pt, nil)\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func Enc(gcm cipher.AEAD, pt []byte) ([]byte, error) {\n\tnonce := make([]byte, gcm.NonceSize())\n\tif _, err := io.ReadFull(rand.Reader, nonce); err != nil {\n\t\treturn nil, err\n\t}\n\treturn gcm.Seal(nonce, nonce, pt, nil), nil\n}\n`,
      ],
    },
  },
  {
    id: 'go-weak-rsa-key',
    languages: ['go'],
    cwes: ['CWE-326'],
    severity: 'medium',
    message: 'an RSA key shorter than 2048 bits can be factored; generate at least 2048 bits',
    query: `(call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f) arguments: (argument_list (int_literal) @bits .)
      (#eq? @p "rsa") (#match? @f "^Generate(MultiPrime)?Key$")) @hit`,
    where: [{ check: 'text', capture: 'bits', pattern: '^(512|768|1024|1536)$' }],
    examples: {
      vulnerable: [
        `${PREAMBLE}func key() (*rsa.PrivateKey, error) {\n\treturn rsa.GenerateKey(rand.Reader, 1024)\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func key() (*rsa.PrivateKey, error) {\n\treturn rsa.GenerateKey(rand.Reader, 3072)\n}\n`,
      ],
    },
  },
  {
    id: 'go-insecure-random',
    languages: ['go'],
    cwes: ['CWE-338', 'CWE-330'],
    severity: 'medium',
    message: 'math/rand is predictable; use crypto/rand for tokens, keys, salts and session ids',
    query: `(call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f)
      (#eq? @p "rand") (#match? @f "^(Int|Intn|Int31|Int31n|Int63|Int63n|Uint32|Uint64|Float32|Float64|Perm|Read|Shuffle|N|IntN|Uint64N)$")) @hit`,
    where: [
      { check: 'fileHas', pattern: '"math/rand(/v2)?"' },
      { check: 'context', pattern: TOKEN_CONTEXT },
    ],
    examples: {
      vulnerable: [
        `${PREAMBLE}import "math/rand"\n\nfunc NewToken() string {\n\tb := make([]byte, 16)\n\tfor i := range b {\n\t\tb[i] = letters[rand.Intn(len(letters))]\n\t}\n\treturn string(b)\n}\n`,
      ],
      safe: [
        `${PREAMBLE}import "crypto/rand"\n\nfunc NewToken() ([]byte, error) {\n\tb := make([]byte, 16)\n\t_, err := rand.Read(b)\n\treturn b, err\n}\n`,
        `${PREAMBLE}import "math/rand"\n\nfunc Roll() int {\n\treturn 1 + rand.Intn(6)\n}\n`,
      ],
    },
  },
  {
    id: 'go-tls-insecure-skip-verify',
    languages: ['go'],
    cwes: ['CWE-295'],
    severity: 'high',
    message: 'InsecureSkipVerify turns off TLS certificate checking; remove it (or set RootCAs)',
    query: `(keyed_element key: (literal_element (identifier) @k) value: (literal_element (true)) (#eq? @k "InsecureSkipVerify")) @hit
      (assignment_statement left: (expression_list (selector_expression field: (field_identifier) @k)) right: (expression_list (true)) (#eq? @k "InsecureSkipVerify")) @hit`,
    examples: {
      vulnerable: [
        `${PREAMBLE}func client() *http.Client {\n\ttr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}\n\treturn &http.Client{Transport: tr}\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func client() *http.Client {\n\ttr := &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}}\n\treturn &http.Client{Transport: tr}\n}\n`,
      ],
    },
  },
  {
    id: 'go-xss-template-bypass',
    languages: ['go'],
    cwes: ['CWE-79'],
    severity: 'high',
    message:
      'template.HTML/JS/URL marks data as safe, which turns off html/template escaping; pass the plain string',
    query: `(call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f) arguments: (argument_list . (_) @v)
      (#eq? @p "template") (#any-of? @f "HTML" "JS" "URL" "HTMLAttr" "CSS" "JSStr" "Srcset")) @hit`,
    where: [{ check: 'taint', capture: 'v', is: ['built', 'opaque'] }],
    examples: {
      vulnerable: [
        `${PREAMBLE}func comment(c string) template.HTML {\n\treturn template.HTML("<p>" + c + "</p>")\n}\n`,
      ],
      safe: [`${PREAMBLE}func banner() template.HTML {\n\treturn template.HTML("<b>welcome</b>")\n}\n`],
    },
  },
  {
    id: 'go-xss-response-write',
    languages: ['go'],
    cwes: ['CWE-79'],
    severity: 'high',
    message:
      'HTML is written to the response with request data unescaped; use html/template or html.EscapeString',
    query: `
      (call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f) arguments: (argument_list . (identifier) @w . (_) @fmt)
        (#eq? @p "fmt") (#any-of? @f "Fprintf" "Fprint" "Fprintln")) @hit
      (call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f) arguments: (argument_list . (identifier) @w . (_) @fmt)
        (#eq? @p "io") (#eq? @f "WriteString")) @hit
      (call_expression function: (selector_expression operand: (identifier) @w field: (field_identifier) @f) arguments: (argument_list . (_) @fmt)
        (#eq? @f "Write")) @hit
    `,
    where: [
      { check: 'scopeHas', pattern: 'http\\.ResponseWriter' },
      { check: 'textNot', capture: 'w', pattern: '^(?!(w|rw|resp|res|writer|wr)$)' },
      { check: 'context', pattern: '<[a-zA-Z/!]' },
      {
        check: 'scopeLacks',
        pattern:
          '(EscapeString|HTMLEscape|template\\.|sanitiz|Header\\(\\)\\.Set\\("Content-Type", "(text/plain|application/json))',
      },
    ],
    examples: {
      vulnerable: [
        `${PREAMBLE}func hello(w http.ResponseWriter, r *http.Request) {\n\tname := r.URL.Query().Get("name")\n\tfmt.Fprintf(w, "<h1>Hello %s</h1>", name)\n}\n`,
        `${PREAMBLE}func hello(w http.ResponseWriter, r *http.Request) {\n\tw.Write([]byte("<p>" + r.FormValue("q") + "</p>"))\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func hello(w http.ResponseWriter, r *http.Request) {\n\tname := r.URL.Query().Get("name")\n\tfmt.Fprintf(w, "<h1>Hello %s</h1>", html.EscapeString(name))\n}\n`,
      ],
    },
  },
  {
    id: 'go-xss-html-string',
    languages: ['go'],
    cwes: ['CWE-79'],
    severity: 'high',
    message:
      'HTML built with fmt.Sprintf or + is returned with a part left unescaped; escape every value (html.EscapeString) or use html/template',
    query: `(return_statement (expression_list . (_) @v)) @hit`,
    where: [
      { check: 'taint', capture: 'v', is: ['built'] },
      // an escaper's own replace chain mentions < and > but builds no markup
      { check: 'textNot', capture: 'v', pattern: '\\.replace(All)?\\(' },
      { check: 'textNot', capture: 'v', pattern: '^(?![\\s\\S]*<[a-zA-Z/!])' },
    ],
    examples: {
      vulnerable: [
        `${PREAMBLE}func card(author, text string) string {\n\treturn fmt.Sprintf("<div><b>%s</b><p>%s</p></div>", author, html.EscapeString(text))\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func card(author, text string) string {\n\treturn fmt.Sprintf("<div><b>%s</b><p>%s</p></div>", html.EscapeString(author), html.EscapeString(text))\n}\n`,
      ],
    },
  },
  {
    id: 'go-xss-unsafe-url',
    languages: ['go'],
    cwes: ['CWE-79'],
    severity: 'high',
    message:
      'a URL from data goes into href/src without checking its scheme, so javascript: URLs run script; allow only http(s)',
    query: `(call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f) arguments: (argument_list . (_) @fmt) (#eq? @p "fmt") (#match? @f "^Sprintf$")) @hit`,
    where: [
      { check: 'text', capture: 'fmt', pattern: '(href|src|action)\\s*=\\s*\\\\?["\']?%[sv]' },
      { check: 'scopeLacks', pattern: '(\\.Scheme\\b|HasPrefix\\([^)]*"https?:)' },
    ],
    examples: {
      vulnerable: [
        `${PREAMBLE}func link(site, name string) string {\n\tif _, err := url.Parse(site); err != nil {\n\t\treturn html.EscapeString(name)\n\t}\n\treturn fmt.Sprintf(\`<a href="%s">%s</a>\`, html.EscapeString(site), html.EscapeString(name))\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func link(site, name string) string {\n\tu, err := url.Parse(site)\n\tif err != nil || (u.Scheme != "http" && u.Scheme != "https") {\n\t\treturn html.EscapeString(name)\n\t}\n\treturn fmt.Sprintf(\`<a href="%s">%s</a>\`, html.EscapeString(site), html.EscapeString(name))\n}\n`,
      ],
    },
  },
  {
    id: 'go-xss-response-unescaped',
    languages: ['go'],
    cwes: ['CWE-79'],
    severity: 'medium',
    message:
      'data is written to the HTTP response unescaped (browsers sniff it as HTML); escape it with html.EscapeString or set a non-HTML Content-Type',
    query: `
      (call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f) arguments: (argument_list . (identifier) @w . (_) @arg)
        (#eq? @p "fmt") (#any-of? @f "Fprint" "Fprintln")) @hit
      (call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f) arguments: (argument_list . (identifier) @w . (_) . (_) @arg)
        (#eq? @p "fmt") (#eq? @f "Fprintf")) @hit
      (call_expression function: (selector_expression operand: (identifier) @w field: (field_identifier) @f) arguments: (argument_list . (_) @arg)
        (#any-of? @f "Write" "WriteString")) @hit
      (call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f) arguments: (argument_list . (identifier) @w . (_) @arg)
        (#eq? @p "http") (#eq? @f "Error")) @hit
    `,
    where: [
      { check: 'text', capture: 'w', pattern: '^(w|rw|resp|res|writer|wr|rsp|response)$' },
      { check: 'taint', capture: 'arg', is: ['built', 'opaque'] },
      {
        check: 'scopeLacks',
        pattern:
          '(EscapeString|HTMLEscape|template\\.|application/json|text/plain|json\\.(NewEncoder|Marshal))',
      },
    ],
    examples: {
      vulnerable: [
        `${PREAMBLE}func challenge(w http.ResponseWriter, r *http.Request) {\n\tc := r.URL.Query().Get("hub.challenge")\n\tfmt.Fprint(w, c)\n}\n`,
        `${PREAMBLE}func fail(w http.ResponseWriter, name string) {\n\thttp.Error(w, "bad name ["+name+"]", http.StatusBadRequest)\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func challenge(w http.ResponseWriter, r *http.Request) {\n\tc := r.URL.Query().Get("hub.challenge")\n\tfmt.Fprint(w, html.EscapeString(c))\n}\n`,
        `${PREAMBLE}func ok(w http.ResponseWriter) {\n\tfmt.Fprint(w, "ok")\n}\n`,
      ],
    },
  },
  {
    id: 'go-path-traversal',
    languages: ['go'],
    cwes: ['CWE-22'],
    severity: 'high',
    message:
      'a file path joined from data is used without cleaning it and checking it stays under the base directory (filepath.Clean/Rel + prefix check)',
    query: `
      (call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f) arguments: (argument_list . (_) @path)
        (#any-of? @p "os" "ioutil") (#match? @f "^(Open|OpenFile|ReadFile|Create|Remove|RemoveAll|WriteFile|ReadDir|Stat|Lstat|Mkdir|MkdirAll)$")) @hit
      (call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f) arguments: (argument_list . (_) . (_) . (_) @path)
        (#eq? @p "http") (#eq? @f "ServeFile")) @hit
    `,
    where: [
      { check: 'taint', capture: 'path', is: ['built'] },
      {
        check: 'scopeLacks',
        pattern:
          // a prefix check must include the separator: HasPrefix(p, base) also admits /srv/files-private
          '((filepath|path)\\.(Clean|Abs|EvalSymlinks)[\\s\\S]*(HasPrefix\\([^)]*(Separator|"/")|"\\.\\.")|filepath\\.Rel|filepath\\.Base|IsLocal|strings\\.Contains\\([^)]*"\\.\\."|os\\.Root|OpenInRoot)',
      },
    ],
    examples: {
      vulnerable: [
        `${PREAMBLE}func read(name string) ([]byte, error) {\n\treturn os.ReadFile(filepath.Join("/srv/files", name))\n}\n`,
        `${PREAMBLE}func read(name string) (*os.File, error) {\n\tp := "/srv/files/" + name\n\treturn os.Open(p)\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func read(name string) ([]byte, error) {\n\tbase := "/srv/files"\n\tp := filepath.Clean(filepath.Join(base, name))\n\tif !strings.HasPrefix(p, base+string(os.PathSeparator)) {\n\t\treturn nil, errors.New("bad path")\n\t}\n\treturn os.ReadFile(p)\n}\n`,
        `${PREAMBLE}func conf() ([]byte, error) {\n\treturn os.ReadFile("/etc/app.conf")\n}\n`,
      ],
    },
  },
  {
    id: 'go-hardcoded-secret',
    languages: ['go'],
    cwes: ['CWE-798', 'CWE-259'],
    severity: 'medium',
    message: 'a credential is written in the source; read it from the environment or a secret store',
    query: `
      (var_spec name: (identifier) @name value: (expression_list . (interpreted_string_literal) @val)) @hit
      (const_spec name: (identifier) @name value: (expression_list . (interpreted_string_literal) @val)) @hit
      (short_var_declaration left: (expression_list . (identifier) @name) right: (expression_list . (interpreted_string_literal) @val)) @hit
      (keyed_element key: (literal_element (identifier) @name) value: (literal_element (interpreted_string_literal) @val)) @hit
    `,
    where: [
      { check: 'text', capture: 'name', pattern: `${SECRET_NAME}$` },
      { check: 'text', capture: 'val', pattern: '^[^\\s{}%$<>]{4,}$' },
      {
        check: 'textNot',
        capture: 'val',
        pattern: '^"(your|change|xxx|placeholder|example|dummy|test|none|null|env|<)',
      },
    ],
    examples: {
      vulnerable: [
        `${PREAMBLE}const dbPassword = "hunter2!x"\n`,
        `${PREAMBLE}func cfg() Config {\n\treturn Config{User: "app", Password: "s3cr3t-pw"}\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func cfg() Config {\n\treturn Config{User: "app", Password: os.Getenv("DB_PASSWORD")}\n}\n`,
      ],
    },
  },
  {
    id: 'go-credential-fallback',
    languages: ['go'],
    cwes: ['CWE-798', 'CWE-1188'],
    severity: 'high',
    message:
      'a credential falls back to a value written in the source when the environment or configuration lacks it; fail instead',
    query: `(if_statement condition: (_) @c consequence: (block (statement_list (assignment_statement left: (expression_list (identifier) @name) right: (expression_list (interpreted_string_literal) @val))))) @hit`,
    where: [{ check: 'custom', name: 'fallbackCredential' }],
    examples: {
      vulnerable: [
        `${PREAMBLE}func SigningKey() string {\n\tkey := os.Getenv("SIGNING_KEY")\n\tif key == "" {\n\t\tkey = "dev-secret-key"\n\t}\n\treturn key\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func SigningKey() (string, error) {\n\tkey := os.Getenv("SIGNING_KEY")\n\tif key == "" {\n\t\treturn "", errors.New("SIGNING_KEY is not set")\n\t}\n\treturn key, nil\n}\n`,
        `${PREAMBLE}func Level() string {\n\tlevel := os.Getenv("LOG_LEVEL")\n\tif level == "" {\n\t\tlevel = "info"\n\t}\n\treturn level\n}\n`,
      ],
    },
  },
  {
    id: 'go-hardcoded-credential-check',
    languages: ['go'],
    cwes: ['CWE-798'],
    severity: 'high',
    message:
      'a credential is compared against a literal written in the source; compare against a stored hash',
    query: `(binary_expression left: [(identifier) (selector_expression)] @name operator: "==" right: (interpreted_string_literal) @val) @hit`,
    where: [
      { check: 'text', capture: 'name', pattern: '(passw(or)?d|passwd|pwd|secret|token|api_?key|apikey)' },
      { check: 'text', capture: 'val', pattern: '^.{3,}$' },
    ],
    examples: {
      vulnerable: [
        `${PREAMBLE}func login(user, password string) bool {\n\treturn user == "admin" && password == "S3cret!"\n}\n`,
      ],
      safe: [`${PREAMBLE}func empty(password string) bool {\n\treturn password == ""\n}\n`],
    },
  },
  {
    id: 'go-log-injection',
    languages: ['go'],
    cwes: ['CWE-117'],
    severity: 'medium',
    message: 'request data is written into a log line unsanitised; strip CR/LF (or log it with %q)',
    query: `
      (call_expression function: (selector_expression operand: (identifier) @o field: (field_identifier) @f) arguments: (argument_list . (_) @msg . (_) @arg)
        (#match? @o "^(log|logger|slog|l|lg|\\w*[Ll]ogger)$") (#match? @f "f$")) @hit
      (call_expression function: (selector_expression operand: (identifier) @o field: (field_identifier) @f) arguments: (argument_list . (_) @arg)
        (#match? @o "^(log|logger|slog|l|lg|\\w*[Ll]ogger)$") (#match? @f "^(Print|Println|Fatal|Fatalln|Panic|Panicln|Info|Warn|Error|Debug)$")) @hit
    `,
    where: [
      { check: 'taint', capture: 'arg', is: ['built', 'opaque'] },
      { check: 'textNot', capture: 'msg', pattern: '%q' },
      // CR must be handled too; replacing "\n" alone still lets a lone "\r" forge a line
      { check: 'scopeLacks', pattern: '(strconv\\.Quote|QuoteToASCII|sanitiz|%q|"\\\\r"|IsPrint|IsControl)' },
    ],
    examples: {
      vulnerable: [
        `${PREAMBLE}func login(w http.ResponseWriter, r *http.Request) {\n\tuser := r.FormValue("user")\n\tlog.Printf("login attempt for %s", user)\n}\n`,
        `${PREAMBLE}func search(logger *log.Logger, query string, n int) {\n\tsafe := strings.ReplaceAll(query, "\\n", \`\\n\`)\n\tlogger.Printf("search q=%s results=%d", safe, n)\n}\n`,
        `${PREAMBLE}func login(user string) {\n\tlog.Println("login attempt for " + user)\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func login(w http.ResponseWriter, r *http.Request) {\n\tuser := r.FormValue("user")\n\tlog.Printf("login attempt for %q", user)\n}\n`,
      ],
    },
  },
  {
    id: 'go-open-redirect',
    languages: ['go'],
    cwes: ['CWE-601'],
    severity: 'medium',
    message: 'redirect to a URL taken from the request; allow only local paths or known hosts',
    query: `(call_expression function: (selector_expression operand: (identifier) @p field: (field_identifier) @f) arguments: (argument_list . (_) . (_) . (_) @u)
      (#eq? @p "http") (#eq? @f "Redirect")) @hit`,
    where: [
      { check: 'taint', capture: 'u', is: ['opaque', 'built'] },
      { check: 'scopeHas', pattern: '(FormValue|Query\\(\\)|r\\.Form|PostFormValue)' },
      { check: 'scopeLacks', pattern: '(HasPrefix|url\\.Parse|allowed|whitelist|IsAbs|\\.Host\\b)' },
    ],
    examples: {
      vulnerable: [
        `${PREAMBLE}func back(w http.ResponseWriter, r *http.Request) {\n\thttp.Redirect(w, r, r.URL.Query().Get("next"), http.StatusFound)\n}\n`,
      ],
      safe: [
        `${PREAMBLE}func back(w http.ResponseWriter, r *http.Request) {\n\tnext := r.URL.Query().Get("next")\n\tif !strings.HasPrefix(next, "/") {\n\t\tnext = "/"\n\t}\n\thttp.Redirect(w, r, next, http.StatusFound)\n}\n`,
      ],
    },
  },
];
