import type { Rule } from '../rule.js';

const SECRET_NAME = '(passw(or)?d|passwd|pwd|secret|api_?key|access_?key|private_?key|auth_?token|token)';
const TOKEN_CONTEXT =
  '(token|secret|passw|pwd|nonce|salt|otp|session|csrf|api_?key|auth|reset|verif|invite|coupon|one_?time|\\bkey\\b|_key\\b)';
// CR must be handled too (a lone \r forges a line on most viewers); \n alone is not enough
const LOG_SANITIZER =
  '(replace\\(\\s*[\'"]\\\\r|sanitiz|escape|repr\\(|!r\\}|splitlines|isprintable|%r|unicode_escape|translate\\(|\\[\\\\x00-|\\\\r\\\\n\\])';

/** Python rules. Snippets are whole small programs; `examples` are checked by rules.test.ts. */
export const PY_RULES: readonly Rule[] = [
  {
    id: 'py-sql-built-query',
    languages: ['py'],
    cwes: ['CWE-89'],
    severity: 'high',
    message:
      'SQL text built from data (concatenation, %, f-string or .format) reaches a query call; pass the values as parameters instead',
    query: `(call function: (attribute attribute: (identifier) @m) arguments: (argument_list . (_) @q)
      (#any-of? @m "execute" "executemany" "executescript" "raw" "mogrify" "read_sql" "read_sql_query" "extra")) @hit`,
    where: [{ check: 'taint', capture: 'q', is: ['built'] }],
    examples: {
      vulnerable: [
        'def find(cur, name):\n    cur.execute("SELECT * FROM users WHERE name = \'%s\'" % name)\n',
        'def find(cur, name):\n    query = f"SELECT * FROM users WHERE name = \'{name}\'"\n    cur.execute(query)\n',
        'def find(cur, name):\n    q = "SELECT * FROM users WHERE name = \'" + name + "\'"\n    rows = cur.execute(q).fetchall()\n    return rows\n',
        'def find(cur, name):\n    q = "SELECT * FROM t WHERE a = \'{}\'".format(name)\n    cur.execute(q)\n',
        'def find(cur, name):\n    q = "SELECT * FROM t WHERE 1=1"\n    q += " AND name = \'" + name + "\'"\n    cur.execute(q)\n',
      ],
      safe: [
        'def find(cur, name):\n    cur.execute("SELECT * FROM users WHERE name = %s", (name,))\n',
        'def find(cur, name):\n    query = "SELECT * FROM users WHERE name = ?"\n    cur.execute(query, (name,))\n',
        'TABLE = "users"\ndef count(cur):\n    cur.execute("SELECT count(*) FROM " + TABLE)\n',
        'def find(cur, uid):\n    cur.execute("SELECT * FROM t WHERE id = %d" % int(uid))\n',
      ],
    },
  },
  {
    id: 'py-sql-built-any-call',
    languages: ['py'],
    cwes: ['CWE-89'],
    severity: 'high',
    message:
      'SQL text built from data (%, +, f-string or .format) is passed to a database helper; pass the values as query parameters instead',
    query: `(call function: [(identifier) (attribute)] @fn arguments: (argument_list . (_) @q)) @hit`,
    where: [
      {
        check: 'textNot',
        capture: 'fn',
        pattern:
          '(^|\\.)(print|debug|info|warning|warn|error|critical|exception|log|format|join|append|extend|write|encode|replace|strip|split|startswith|endswith|len|str|repr|assertEqual|assertIn|assert_called_with|set_description|echo)$',
      },
      {
        check: 'textNot',
        capture: 'fn',
        pattern: '(^|\\.)(execute|executemany|executescript|raw|mogrify|read_sql|read_sql_query|extra)$',
      },
      { check: 'custom', name: 'builtSql' },
    ],
    examples: {
      vulnerable: [
        'def count(self, scene):\n    sql = \'select count(*) from ranks where scene="{}";\'.format(scene)\n    return self.db.exec(sql)\n',
        'def tag(self, n):\n    q = "SELECT tag FROM tags WHERE rowid = \'" + str(n) + "\'"\n    self.query(q)\n',
      ],
      safe: [
        "def count(self, scene):\n    sql = 'select count(*) from ranks where scene=?'\n    return self.db.exec(sql, (scene,))\n",
        "import logging\ndef trace(q, n):\n    logging.debug('SELECT * FROM t WHERE id = %s' % n)\n",
      ],
    },
  },
  {
    id: 'py-os-command',
    languages: ['py'],
    cwes: ['CWE-78'],
    severity: 'high',
    message:
      'a shell command line built from data runs through os.system/os.popen; use subprocess with an argument list',
    query: `(call function: (attribute object: (identifier) @mod attribute: (identifier) @fn) arguments: (argument_list . (_) @cmd)
      (#any-of? @mod "os" "subprocess" "commands")
      (#any-of? @fn "system" "popen" "getoutput" "getstatusoutput" "popen2" "popen3")) @hit`,
    where: [{ check: 'taint', capture: 'cmd', is: ['built', 'opaque'] }],
    examples: {
      vulnerable: [
        'import os\ndef ping(host):\n    os.system("ping -c 1 " + host)\n',
        'import os\ndef ls(d):\n    cmd = f"ls -l {d}"\n    return os.popen(cmd).read()\n',
        'import subprocess\ndef ls(d):\n    return subprocess.getoutput("ls %s" % d)\n',
      ],
      safe: [
        'import subprocess\ndef ping(host):\n    subprocess.run(["ping", "-c", "1", host], check=True)\n',
        'import os\ndef clear():\n    os.system("clear")\n',
        'import os, shlex\ndef ls(d):\n    os.system("ls " + shlex.quote(d))\n',
      ],
    },
  },
  {
    id: 'py-command-string-built',
    languages: ['py'],
    cwes: ['CWE-78'],
    severity: 'medium',
    message:
      'a command line is built from data with %, + or format and handed to a command runner as one string; pass an argument list instead',
    query: `(call function: [(identifier) (attribute)] @fn arguments: (argument_list . (_) @cmd)) @hit`,
    where: [
      {
        check: 'text',
        capture: 'fn',
        pattern: '(^|[._])_*(\\w+_)?(run|exec|execute|ssh|cmd|cli|shell|command|spawn)(_\\w+)?$',
      },
      {
        check: 'textNot',
        capture: 'fn',
        pattern: '(^|\\.)(execute|executemany|executescript|run_query|execute_query|run_sql|exec_sql)$',
      },
      { check: 'taint', capture: 'cmd', is: ['built'] },
      {
        check: 'scopeLacks',
        pattern:
          '\\b(select\\s+[\\w*]|insert\\s+into|update\\s+\\w+\\s+set|delete\\s+from|shlex\\.quote|pipes\\.quote)',
      },
    ],
    examples: {
      vulnerable: [
        "def rm(self, name, force):\n    ssh_cmd = 'svctask rmvdisk %(frc)s %(name)s' % {'frc': '-force' if force else '', 'name': name}\n    self._run_ssh(ssh_cmd)\n",
        "def qos(self, q, vvs):\n    self._cli_run('setqos %svvset:%s' % (q, vvs), None)\n",
      ],
      safe: [
        "def rm(self, name):\n    self._run_ssh(['svctask', 'rmvdisk', '-force', name])\n",
        "def find(self, cur, name):\n    self._execute('SELECT * FROM t WHERE n = %s' % name)\n",
      ],
    },
  },
  {
    id: 'py-subprocess-shell',
    languages: ['py'],
    cwes: ['CWE-78'],
    severity: 'high',
    message:
      'subprocess with shell=True runs a command line built from data; pass an argument list without shell=True',
    query: `(call function: (attribute object: (identifier) @mod attribute: (identifier) @fn)
      arguments: (argument_list . (_) @cmd (keyword_argument name: (identifier) @k value: (true)))
      (#eq? @mod "subprocess") (#eq? @k "shell")) @hit`,
    where: [{ check: 'taint', capture: 'cmd', is: ['built', 'opaque'] }],
    examples: {
      vulnerable: [
        'import subprocess\ndef grep(p):\n    return subprocess.check_output("grep " + p + " log.txt", shell=True)\n',
        'import subprocess\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n',
      ],
      safe: [
        'import subprocess\ndef grep(p):\n    return subprocess.check_output(["grep", p, "log.txt"])\n',
        'import subprocess\ndef up():\n    subprocess.call("uptime", shell=True)\n',
      ],
    },
  },
  {
    id: 'py-shell-c-argv',
    languages: ['py'],
    cwes: ['CWE-78'],
    severity: 'high',
    message:
      'an argument list runs `sh -c` on a string built from data, which the shell parses; run the program directly',
    query: `(call function: (attribute object: (identifier) @mod) arguments: (argument_list . (list . (string) @sh . (string) @c . (_) @cmd))
      (#any-of? @mod "subprocess" "os") (#match? @sh "^[\\"'](/bin/|/usr/bin/)?(ba|z|da)?sh[\\"']$") (#match? @c "^[\\"']-c[\\"']$")) @hit`,
    where: [{ check: 'taint', capture: 'cmd', is: ['built', 'opaque'] }],
    examples: {
      vulnerable: ['import subprocess\ndef ls(d):\n    subprocess.run(["sh", "-c", "ls " + d])\n'],
      safe: [
        'import subprocess\ndef ls(d):\n    subprocess.run(["ls", "--", d])\n',
        'import subprocess\ndef up():\n    subprocess.run(["sh", "-c", "uptime"])\n',
      ],
    },
  },
  {
    id: 'py-eval',
    languages: ['py'],
    cwes: ['CWE-95', 'CWE-94'],
    severity: 'high',
    message:
      'eval/exec of a value that is not a constant runs arbitrary code; parse the input (ast.literal_eval, json, int)',
    query: `(call function: (identifier) @f arguments: (argument_list . (_) @code) (#any-of? @f "eval" "exec" "compile" "execfile")) @hit`,
    where: [{ check: 'taint', capture: 'code', is: ['built', 'opaque'] }],
    examples: {
      vulnerable: [
        'def calc(expr):\n    return eval(expr)\n',
        'def run(name):\n    exec("result = " + name)\n',
      ],
      safe: [
        'import ast\ndef calc(expr):\n    return ast.literal_eval(expr)\n',
        'def two():\n    return eval("1 + 1")\n',
      ],
    },
  },
  {
    id: 'py-unsafe-deserialization',
    languages: ['py'],
    cwes: ['CWE-502'],
    severity: 'high',
    message:
      'deserialising with pickle/marshal/shelve/dill can run code chosen by whoever wrote the data; use json',
    query: `(call function: (attribute object: (identifier) @m attribute: (identifier) @f)
      (#any-of? @m "pickle" "cPickle" "_pickle" "dill" "marshal" "shelve" "jsonpickle" "cloudpickle" "joblib")
      (#any-of? @f "loads" "load" "Unpickler" "decode" "open")) @hit`,
    // shelve.open(path, "n") creates a new, empty shelf: nothing is read
    where: [{ check: 'textNot', capture: 'hit', pattern: '^shelve\\.open\\([^,]+,\\s*[\'"]n[\'"]' }],
    examples: {
      vulnerable: [
        'import pickle\ndef restore(blob):\n    return pickle.loads(blob)\n',
        'import marshal\ndef restore(b):\n    return marshal.loads(b)\n',
      ],
      safe: [
        'import json\ndef restore(blob):\n    return json.loads(blob)\n',
        'import pickle\ndef save(o):\n    return pickle.dumps(o)\n',
      ],
    },
  },
  {
    id: 'py-yaml-unsafe-load',
    languages: ['py'],
    cwes: ['CWE-502'],
    severity: 'high',
    message: 'yaml.load without SafeLoader constructs arbitrary Python objects; use yaml.safe_load',
    query: `(call function: (attribute object: (identifier) @m attribute: (identifier) @f) arguments: (argument_list) @args
      (#eq? @m "yaml") (#any-of? @f "load" "load_all" "unsafe_load" "unsafe_load_all" "full_load" "full_load_all")) @hit`,
    where: [
      { check: 'textNot', capture: 'args', pattern: '(Safe|CSafe|Base)Loader' },
      // ruamel.yaml: YAML(typ='safe').load is the safe loader
      { check: 'scopeLacks', pattern: 'YAML\\(\\s*typ\\s*=\\s*[\'"](safe|base)' },
    ],
    examples: {
      vulnerable: [
        'import yaml\ndef cfg(t):\n    return yaml.load(t)\n',
        'import yaml\ndef cfg(t):\n    return yaml.load(t, Loader=yaml.Loader)\n',
        'import yaml\ndef cfg(t):\n    return yaml.unsafe_load(t)\n',
      ],
      safe: [
        'import yaml\ndef cfg(t):\n    return yaml.safe_load(t)\n',
        'import yaml\ndef cfg(t):\n    return yaml.load(t, Loader=yaml.SafeLoader)\n',
      ],
    },
  },
  {
    id: 'py-weak-hash',
    languages: ['py'],
    cwes: ['CWE-328', 'CWE-327'],
    severity: 'medium',
    message:
      'MD5/SHA-1 are broken for security uses; use SHA-256 or better (and a password KDF for passwords)',
    query: `
      (call function: (attribute object: (identifier) @m attribute: (identifier) @f) arguments: (argument_list) @args
        (#eq? @m "hashlib") (#any-of? @f "md5" "sha1" "md4")) @hit
      (call function: (attribute object: (identifier) @m attribute: (identifier) @f) arguments: (argument_list . (string) @alg) @args
        (#eq? @m "hashlib") (#eq? @f "new") (#match? @alg "^[\\"'](md5|sha1|md4|MD5|SHA1)[\\"']$")) @hit
      (call function: (attribute object: (identifier) @m attribute: (identifier) @f) arguments: (argument_list) @args
        (#any-of? @m "MD5" "SHA" "SHA1" "MD4") (#eq? @f "new")) @hit
    `,
    where: [{ check: 'textNot', capture: 'args', pattern: 'usedforsecurity\\s*=\\s*False' }],
    examples: {
      vulnerable: [
        'import hashlib\ndef h(pw):\n    return hashlib.md5(pw.encode()).hexdigest()\n',
        'import hashlib\ndef h(d):\n    return hashlib.new("sha1", d).hexdigest()\n',
      ],
      safe: [
        'import hashlib\ndef h(d):\n    return hashlib.sha256(d).hexdigest()\n',
        'import hashlib\ndef etag(d):\n    return hashlib.md5(d, usedforsecurity=False).hexdigest()\n',
      ],
    },
  },
  {
    id: 'py-password-fast-hash',
    languages: ['py'],
    cwes: ['CWE-916', 'CWE-328'],
    severity: 'medium',
    message:
      'a password is hashed with a fast unsalted hash; use hashlib.pbkdf2_hmac, scrypt, bcrypt or argon2',
    query: `(call function: (attribute object: (identifier) @m attribute: (identifier) @f) arguments: (argument_list) @args
      (#eq? @m "hashlib") (#match? @f "^(sha(224|256|384|512)|sha3_\\\\d+|blake2[bs]|md5|sha1)$")) @hit`,
    where: [{ check: 'text', capture: 'args', pattern: 'pass(word|wd)?|pwd' }],
    examples: {
      vulnerable: [
        'import hashlib\ndef store(password):\n    return hashlib.sha256(password.encode()).hexdigest()\n',
      ],
      safe: [
        'import hashlib, os\ndef store(password):\n    salt = os.urandom(16)\n    return salt + hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600000)\n',
        'import hashlib\ndef digest(data):\n    return hashlib.sha256(data).hexdigest()\n',
      ],
    },
  },
  {
    id: 'py-weak-cipher',
    languages: ['py'],
    cwes: ['CWE-327'],
    severity: 'medium',
    message: 'broken cipher or ECB mode; use AES-GCM or ChaCha20-Poly1305 (cryptography.hazmat AEAD)',
    query: `
      (call function: (attribute object: (identifier) @m attribute: (identifier) @f) (#any-of? @m "DES" "DES3" "ARC4" "ARC2" "Blowfish" "XOR" "CAST") (#eq? @f "new")) @hit
      (attribute attribute: (identifier) @a (#any-of? @a "MODE_ECB" "ECB" "ARC4" "TripleDES" "Blowfish")) @hit
    `,
    examples: {
      vulnerable: [
        'from Crypto.Cipher import AES\ndef enc(k, d):\n    return AES.new(k, AES.MODE_ECB).encrypt(d)\n',
        'from Crypto.Cipher import DES\ndef enc(k, d):\n    return DES.new(k).encrypt(d)\n',
      ],
      safe: [
        'from Crypto.Cipher import AES\ndef enc(k, d):\n    c = AES.new(k, AES.MODE_GCM)\n    return c.encrypt_and_digest(d)\n',
      ],
    },
  },
  {
    id: 'py-hash-as-mac',
    languages: ['py'],
    cwes: ['CWE-347', 'CWE-327'],
    severity: 'high',
    message:
      'a MAC made by hashing key + message is open to length extension; use hmac.new(key, message, hashlib.sha256)',
    query: `(call function: (attribute object: (identifier) @m attribute: (identifier) @f) arguments: (argument_list) @args
      (#eq? @m "hashlib") (#match? @f "^(sha(1|224|256|384|512)|sha3_\\\\d+|md5|blake2[bs]|new)$")) @hit`,
    where: [
      {
        check: 'text',
        capture: 'args',
        pattern: '(\\b\\w*(key|secret)\\w*\\s*\\+|\\+\\s*\\w*(key|secret)\\w*\\b)',
      },
    ],
    examples: {
      vulnerable: [
        'import hashlib\ndef tag(key, message):\n    return hashlib.sha256(key + message).hexdigest()\n',
      ],
      safe: [
        'import hashlib, hmac\ndef tag(key, message):\n    return hmac.new(key, message, hashlib.sha256).hexdigest()\n',
      ],
    },
  },
  {
    id: 'py-jwt-alg-conditional-verify',
    languages: ['py'],
    cwes: ['CWE-347', 'CWE-327'],
    severity: 'critical',
    message:
      'the signature is checked only when the token names the expected algorithm, so a token with another alg ("none") skips verification; reject unexpected algorithms first',
    query: `(if_statement condition: (_) @c consequence: (block) @body) @hit`,
    where: [
      { check: 'text', capture: 'c', pattern: '\\balg\\b[\\s\\S]*==' },
      { check: 'textNot', capture: 'c', pattern: '!=' },
      { check: 'text', capture: 'body', pattern: '(compare_digest|hmac\\.|verify)' },
      { check: 'textNot', capture: 'hit', pattern: '\\belse\\s*:' },
    ],
    examples: {
      vulnerable: [
        'import hmac, hashlib\ndef verify(header, key, data, sig):\n    if header.get("alg") == "HS256":\n        expected = hmac.new(key, data, hashlib.sha256).digest()\n        if not hmac.compare_digest(expected, sig):\n            raise ValueError("bad signature")\n    return True\n',
      ],
      safe: [
        'import hmac, hashlib\ndef verify(header, key, data, sig):\n    if header.get("alg") != "HS256":\n        raise ValueError("unexpected algorithm")\n    expected = hmac.new(key, data, hashlib.sha256).digest()\n    if not hmac.compare_digest(expected, sig):\n        raise ValueError("bad signature")\n    return True\n',
      ],
    },
  },
  {
    id: 'py-unauthenticated-encryption',
    languages: ['py'],
    cwes: ['CWE-327', 'CWE-353'],
    severity: 'medium',
    message:
      'CBC/CTR encryption without a MAC lets an attacker modify ciphertexts undetected; use AES-GCM (or encrypt-then-HMAC)',
    query: `(attribute attribute: (identifier) @a (#any-of? @a "MODE_CBC" "MODE_CTR" "MODE_CFB" "MODE_OFB" "CBC" "CTR" "CFB" "OFB")) @hit`,
    where: [{ check: 'scopeLacks', pattern: '(hmac|HMAC|\\.verify\\()' }],
    examples: {
      vulnerable: [
        'from Crypto.Cipher import AES\ndef enc(key, iv, data):\n    return AES.new(key, AES.MODE_CBC, iv).encrypt(data)\n',
      ],
      safe: [
        'from Crypto.Cipher import AES\ndef enc(key, data):\n    c = AES.new(key, AES.MODE_GCM)\n    return c.encrypt_and_digest(data)\n',
      ],
    },
  },
  {
    id: 'py-weak-rsa-key',
    languages: ['py'],
    cwes: ['CWE-326'],
    severity: 'medium',
    message:
      'an RSA key shorter than 2048 bits can be factored; generate at least 2048 bits (3072 for long-lived keys)',
    query: `
      (call function: (attribute object: (identifier) @m attribute: (identifier) @f) arguments: (argument_list . (integer) @bits) (#eq? @m "RSA") (#eq? @f "generate")) @hit
      (call function: [(identifier) (attribute)] @f arguments: (argument_list (keyword_argument name: (identifier) @k value: (integer) @bits)) (#match? @f "generate_private_key$") (#eq? @k "key_size")) @hit
      (default_parameter name: (identifier) @k value: (integer) @bits (#match? @k "^(bits|key_?size|len|length|nbits)$")) @hit
    `,
    where: [{ check: 'text', capture: 'bits', pattern: '^(512|768|1024|1536)$' }],
    examples: {
      vulnerable: ['from Crypto.PublicKey import RSA\ndef keys():\n    return RSA.generate(1024)\n'],
      safe: ['from Crypto.PublicKey import RSA\ndef keys():\n    return RSA.generate(3072)\n'],
    },
  },
  {
    id: 'py-insecure-random',
    languages: ['py'],
    cwes: ['CWE-338', 'CWE-330'],
    severity: 'medium',
    message: 'the random module is predictable; use the secrets module for tokens, passwords, keys and salts',
    query: `(call function: (attribute object: (identifier) @m attribute: (identifier) @f)
      (#eq? @m "random") (#any-of? @f "random" "randint" "choice" "choices" "randrange" "getrandbits" "sample" "shuffle" "uniform" "randbytes")) @hit`,
    where: [{ check: 'context', pattern: TOKEN_CONTEXT }],
    examples: {
      vulnerable: [
        'import random, string\ndef make_token(n=16):\n    return "".join(random.choice(string.ascii_letters) for _ in range(n))\n',
        'import random\ndef reset():\n    code = random.randint(100000, 999999)\n    return code\n',
      ],
      safe: [
        'import secrets\ndef make_token(n=16):\n    return secrets.token_urlsafe(n)\n',
        'import random\ndef roll():\n    return random.randint(1, 6)\n',
      ],
    },
  },
  {
    id: 'py-hardcoded-secret',
    languages: ['py'],
    cwes: ['CWE-798', 'CWE-259'],
    severity: 'medium',
    message: 'a credential is written in the source; read it from the environment or a secret store',
    query: `
      (assignment left: [(identifier) (attribute)] @name right: (string) @val) @hit
      (keyword_argument name: (identifier) @name value: (string) @val) @hit
      (pair key: (string) @name value: (string) @val) @hit
    `,
    where: [
      { check: 'text', capture: 'name', pattern: `${SECRET_NAME}$` },
      { check: 'text', capture: 'val', pattern: '^[^\\s{}%$<>]{4,}$' },
      {
        check: 'textNot',
        capture: 'val',
        pattern: '^[rbuRBU]*[\'"](your|change|xxx|placeholder|example|dummy|test|none|null|env|<)',
      },
    ],
    examples: {
      vulnerable: [
        'DB_PASSWORD = "hunter2!x"\n',
        'import requests\ndef get():\n    return requests.get("https://a", auth=("admin", "x"), headers={"api_key": "AKIA1234567890"})\n',
        'def connect(db):\n    return db.connect(user="app", password="s3cr3t-pw")\n',
      ],
      safe: [
        'import os\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n',
        'def connect(db, password):\n    return db.connect(user="app", password=password)\n',
        'PASSWORD_FIELD = ""\n',
      ],
    },
  },
  {
    id: 'py-credential-fallback',
    languages: ['py'],
    cwes: ['CWE-798', 'CWE-1188'],
    severity: 'high',
    message:
      'a credential falls back to a value written in the source when the environment or configuration lacks it; fail instead',
    query: `
      (if_statement condition: (_) @c consequence: (block (expression_statement (assignment left: (identifier) @name right: (string) @val)))) @hit
      (call function: (attribute object: (_) @o attribute: (identifier) @m) arguments: (argument_list . (_) @key . (string) @val .)
        (#match? @o "(environ|config|settings|cfg|conf|os)$") (#any-of? @m "get" "getenv")) @hit
      (call function: (identifier) @m arguments: (argument_list . (_) @key . (string) @val .) (#eq? @m "getenv")) @hit
    `,
    where: [{ check: 'custom', name: 'fallbackCredential' }],
    examples: {
      vulnerable: [
        'import os\ndef sign_key():\n    return os.environ.get("SIGNING_KEY", "dev-secret-key")\n',
        'def api_key(path):\n    key = read_setting(path, "api_key")\n    if not key:\n        key = "sk_live_fallback"\n    return "Bearer " + key\n',
      ],
      safe: [
        'import os\ndef sign_key():\n    key = os.environ.get("SIGNING_KEY")\n    if not key:\n        raise RuntimeError("SIGNING_KEY is not set")\n    return key\n',
        'import os\ndef log_level():\n    return os.environ.get("LOG_LEVEL", "info")\n',
      ],
    },
  },
  {
    id: 'py-hardcoded-credential-check',
    languages: ['py'],
    cwes: ['CWE-798'],
    severity: 'high',
    message:
      'a credential is compared against a literal written in the source; check against a stored hash instead',
    query: `(comparison_operator [(identifier) (attribute) (subscript)] @name (string) @val) @hit`,
    where: [
      { check: 'text', capture: 'name', pattern: '(passw(or)?d|passwd|pwd|secret|token|api_?key)' },
      { check: 'text', capture: 'val', pattern: '^.{3,}$' },
    ],
    examples: {
      vulnerable: ['def login(user, password):\n    return user == "admin" and password == "S3cret!"\n'],
      safe: [
        'import hmac\ndef login(stored, password):\n    return hmac.compare_digest(stored, hash_pw(password))\n',
        'def empty(password):\n    return password == ""\n',
      ],
    },
  },
  {
    id: 'py-path-traversal',
    languages: ['py'],
    cwes: ['CWE-22'],
    severity: 'high',
    message:
      'a file path joined from data is opened without normalising it and checking it stays under the base directory (realpath + startswith/commonpath)',
    query: `(call function: [(identifier) (attribute)] @fn arguments: (argument_list . (_) @p)
      (#match? @fn "^(open|io\\\\.open|codecs\\\\.open|send_file|os\\\\.remove|os\\\\.unlink|os\\\\.rmdir|shutil\\\\.rmtree|os\\\\.listdir|os\\\\.makedirs|shutil\\\\.copy(file)?|Path|pathlib\\\\.Path|FileResponse|os\\\\.open)$")) @hit`,
    where: [
      { check: 'taint', capture: 'p', is: ['built'] },
      {
        check: 'scopeLacks',
        pattern:
          // a prefix check must include the separator: startswith(BASE) also admits /srv/files-private
          '((realpath|abspath|normpath|resolve)\\([\\s\\S]*(startswith\\([^)]*(\\bsep\\b|[\'"]/[\'"])|commonpath|is_relative_to|relative_to)|secure_filename|basename|[\'"]\\.\\.[\'"]\\s+(not\\s+)?in\\b)',
      },
    ],
    examples: {
      vulnerable: [
        'import os\nBASE = "/srv/files"\ndef read(name):\n    with open(os.path.join(BASE, name)) as f:\n        return f.read()\n',
        'def read(name):\n    path = "/srv/files/" + name\n    return open(path).read()\n',
        'def read(name):\n    return open(f"/srv/files/{name}").read()\n',
      ],
      safe: [
        'import os\nBASE = "/srv/files"\ndef read(name):\n    path = os.path.realpath(os.path.join(BASE, name))\n    if not path.startswith(BASE + os.sep):\n        raise ValueError("bad path")\n    with open(path) as f:\n        return f.read()\n',
        'def read():\n    return open("/etc/hostname").read()\n',
      ],
    },
  },
  {
    id: 'py-path-join-unchecked',
    languages: ['py'],
    cwes: ['CWE-22'],
    severity: 'medium',
    message:
      'a path is joined from data and used without checking that it stays under the base directory (realpath/commonpath, or basename)',
    query: `(call function: (attribute) @fn arguments: (argument_list . (_) (_) @part) (#match? @fn "^(os\\\\.path|posixpath|ntpath)\\\\.join$")) @hit`,
    where: [
      { check: 'taint', capture: 'part', is: ['opaque', 'built'] },
      {
        check: 'scopeLacks',
        pattern:
          '(commonpath|commonprefix|is_relative_to|relative_to|realpath[\\s\\S]*startswith|abspath[\\s\\S]*startswith|normpath[\\s\\S]*startswith|secure_filename|basename|[\'"]\\.\\.[\'"]|safe_join|isabs)',
      },
    ],
    examples: {
      vulnerable: [
        'import os\ndef key_path(ns, key):\n    return os.path.join(ns, key)\n',
        'import os\ndef find(root, url, prefix):\n    yield os.path.join(root, url[len(prefix):])\n',
      ],
      safe: [
        'import os\ndef find(root, url, prefix):\n    path = os.path.join(root, url[len(prefix):])\n    if os.path.commonprefix((root, path)) == root:\n        yield path\n',
        'import os\ndef entries(d):\n    for name in os.listdir(d):\n        yield os.path.join(d, name)\n',
      ],
    },
  },
  {
    id: 'py-tar-extractall',
    languages: ['py'],
    cwes: ['CWE-22'],
    severity: 'medium',
    message:
      'extracting an archive without checking member paths can write outside the target directory (tar slip)',
    query: `(call function: (attribute attribute: (identifier) @f) (#any-of? @f "extractall" "extract")) @hit`,
    where: [
      {
        check: 'scopeLacks',
        pattern: '(filter\\s*=|members\\s*=|realpath|abspath|commonpath|is_relative_to|startswith)',
      },
    ],
    examples: {
      vulnerable: [
        'import tarfile\ndef unpack(p, d):\n    with tarfile.open(p) as t:\n        t.extractall(d)\n',
      ],
      safe: [
        'import tarfile\ndef unpack(p, d):\n    with tarfile.open(p) as t:\n        t.extractall(d, filter="data")\n',
      ],
    },
  },
  {
    id: 'py-redos-literal',
    languages: ['py'],
    cwes: ['CWE-1333'],
    severity: 'medium',
    message: 'regular expression with nested quantifiers can take exponential time on crafted input',
    query: `(call function: (attribute object: (identifier) @m attribute: (identifier) @f) arguments: (argument_list . (string) @re)
      (#eq? @m "re") (#any-of? @f "compile" "match" "fullmatch" "search" "findall" "finditer" "sub" "subn" "split")) @hit`,
    where: [{ check: 'redos', capture: 're' }],
    examples: {
      vulnerable: [
        'import re\ndef ok(s):\n    return re.match(r"^(a+)+$", s) is not None\n',
        'import re\nEMAIL = re.compile(r"^([a-zA-Z0-9]+\\.?)*@example\\.com$")\n',
      ],
      safe: [
        'import re\ndef ok(s):\n    return re.fullmatch(r"[a-z]+", s) is not None\n',
        'import re\nEMAIL = re.compile(r"^[a-zA-Z0-9.]+@example\\.com$")\n',
      ],
    },
  },
  {
    id: 'py-regex-injection',
    languages: ['py'],
    cwes: ['CWE-1333', 'CWE-730'],
    severity: 'medium',
    message: 'a regular expression is built from data; escape it with re.escape or match literally',
    query: `(call function: (attribute object: (identifier) @m attribute: (identifier) @f) arguments: (argument_list . (_) @re)
      (#eq? @m "re") (#any-of? @f "compile" "match" "fullmatch" "search" "findall" "finditer" "sub" "subn" "split")) @hit`,
    where: [{ check: 'taint', capture: 're', is: ['built'] }],
    examples: {
      vulnerable: ['import re\ndef has(word, text):\n    return re.search("\\\\b" + word + "\\\\b", text)\n'],
      safe: [
        'import re\ndef has(word, text):\n    return re.search("\\\\b" + re.escape(word) + "\\\\b", text)\n',
      ],
    },
  },
  {
    id: 'py-log-injection',
    languages: ['py'],
    cwes: ['CWE-117'],
    severity: 'medium',
    message:
      'data is written into a log line unsanitised; strip CR/LF (or log it with %r) so it cannot forge entries',
    query: `(call function: (attribute object: [(identifier) (attribute)] @o attribute: (identifier) @f) arguments: (argument_list . (_) @msg)
      (#match? @o "(^|\\\\.)(logging|logger|log|LOGGER|LOG|_logger|_log)$") (#any-of? @f "debug" "info" "warning" "warn" "error" "critical" "exception" "log")) @hit`,
    where: [
      { check: 'taint', capture: 'msg', is: ['built'] },
      { check: 'scopeLacks', pattern: LOG_SANITIZER },
    ],
    examples: {
      vulnerable: [
        'import logging\ndef login(user):\n    logging.info("login attempt for " + user)\n',
        'import logging\nlog = logging.getLogger(__name__)\ndef login(user):\n    log.warning(f"failed login for {user}")\n',
      ],
      safe: [
        'import logging\ndef login(user):\n    clean = user.replace("\\n", "").replace("\\r", "")\n    logging.info("login attempt for " + clean)\n',
        'import logging\ndef start():\n    logging.info("started")\n',
      ],
    },
  },
  {
    id: 'py-log-injection-args',
    languages: ['py'],
    cwes: ['CWE-117'],
    severity: 'medium',
    message: 'data is passed to a log format unsanitised; strip CR/LF (or use %r) so it cannot forge entries',
    query: `(call function: (attribute object: [(identifier) (attribute)] @o attribute: (identifier) @f) arguments: (argument_list . (string) @msg . (identifier) @arg)
      (#match? @o "(^|\\\\.)(logging|logger|log|LOGGER|LOG|_logger|_log)$") (#any-of? @f "debug" "info" "warning" "warn" "error" "critical" "exception")) @hit`,
    where: [
      { check: 'text', capture: 'msg', pattern: '%s' },
      { check: 'taint', capture: 'arg', is: ['opaque', 'built'] },
      { check: 'scopeLacks', pattern: LOG_SANITIZER },
    ],
    examples: {
      vulnerable: [
        'import logging\ndef login(username):\n    logging.info("login attempt for %s", username)\n',
        'import logging\nlog = logging.getLogger("search")\ndef search(query, count):\n    safe = query.replace("\\n", "\\\\n")\n    log.info("search q=%s results=%d", safe, count)\n',
      ],
      safe: [
        'import logging\ndef login(username):\n    logging.info("login attempt for %r", username)\n',
        'import logging\ndef login(username):\n    safe = username.replace("\\r", "_").replace("\\n", "_")\n    logging.info("login attempt for %s", safe)\n',
      ],
    },
  },
  {
    id: 'py-xss-html-string',
    languages: ['py'],
    cwes: ['CWE-79'],
    severity: 'high',
    message:
      'HTML built from data is returned without escaping; use html.escape/markupsafe.escape or a template with autoescape',
    query: `
      (return_statement (_) @v) @hit
      (call function: [(identifier) (attribute)] @fn arguments: (argument_list . (_) @v) (#match? @fn "^(make_response|Response|HttpResponse|Markup|markupsafe\\\\.Markup|HTMLResponse|web\\\\.Response)$")) @hit
    `,
    where: [
      { check: 'taint', capture: 'v', is: ['built'] },
      // an escaper's own replace chain mentions < and > but builds no markup
      { check: 'textNot', capture: 'v', pattern: '\\.replace(All)?\\(' },
      { check: 'textNot', capture: 'v', pattern: '^(?![\\s\\S]*<[a-zA-Z/!])' },
    ],
    examples: {
      vulnerable: [
        'def hello(name):\n    return "<h1>Hello, " + name + "</h1>"\n',
        'import html\ndef card(a, t):\n    return f"<div><b>{a}</b><p>{html.escape(t)}</p></div>"\n',
        'from flask import request, make_response\ndef hello():\n    name = request.args.get("name")\n    return make_response(f"<p>{name}</p>")\n',
      ],
      safe: [
        'import html\ndef hello(name):\n    return "<h1>Hello, " + html.escape(name) + "</h1>"\n',
        'import html\ndef card(a, t):\n    return f"<div><b>{html.escape(a)}</b><p>{html.escape(t)}</p></div>"\n',
        'def hello(name):\n    return "Hello, " + name\n',
      ],
    },
  },
  {
    id: 'py-xss-unsafe-url',
    languages: ['py'],
    cwes: ['CWE-79'],
    severity: 'high',
    message:
      'a URL from data goes into href/src without checking its scheme, so javascript: URLs run script; allow only http(s)',
    query: `(string (interpolation) @i) @hit`,
    where: [
      { check: 'text', capture: 'hit', pattern: '(href|src|action|formaction)\\s*=\\s*\\\\?["\']?\\{' },
      {
        check: 'scopeLacks',
        pattern: '(\\.scheme\\b|startswith\\(\\s*\\(?\\s*[\'"]https?:|re\\.match\\(\\s*r?[\'"]\\^?https?)',
      },
    ],
    examples: {
      vulnerable: [
        'import html\ndef link(url, name):\n    if not url:\n        return html.escape(name)\n    return f\'<a href="{html.escape(url)}">{html.escape(name)}</a>\'\n',
      ],
      safe: [
        'import html\nfrom urllib.parse import urlparse\ndef link(url, name):\n    if urlparse(url).scheme.lower() not in ("http", "https"):\n        return html.escape(name)\n    return f\'<a href="{html.escape(url)}">{html.escape(name)}</a>\'\n',
      ],
    },
  },
  {
    id: 'py-xss-escape-without-quotes',
    languages: ['py'],
    cwes: ['CWE-79'],
    severity: 'high',
    message:
      'html.escape(..., quote=False) leaves quotes as they are, but the value goes into a quoted attribute; use quote=True',
    query: `(call function: (attribute object: (identifier) @m attribute: (identifier) @f) arguments: (argument_list (keyword_argument name: (identifier) @k value: (false)))
      (#eq? @m "html") (#eq? @f "escape") (#eq? @k "quote")) @hit`,
    where: [{ check: 'scopeHas', pattern: '=\\s*\\\\?["\']\\{' }],
    examples: {
      vulnerable: [
        'import html\ndef box(q):\n    shown = html.escape(q, quote=False)\n    return f\'<input value="{shown}"><h2>{shown}</h2>\'\n',
      ],
      safe: [
        'import html\ndef box(q):\n    shown = html.escape(q, quote=True)\n    return f\'<input value="{shown}"><h2>{shown}</h2>\'\n',
      ],
    },
  },
  {
    id: 'py-jinja-autoescape-off',
    languages: ['py'],
    cwes: ['CWE-79'],
    severity: 'high',
    message:
      'a Jinja2 Environment without autoescape renders data as raw HTML; pass autoescape=True (or select_autoescape())',
    query: `(call function: [(identifier) (attribute)] @fn arguments: (argument_list) @args (#match? @fn "(^|\\\\.)Environment$")) @hit`,
    where: [
      { check: 'textNot', capture: 'args', pattern: 'autoescape\\s*=\\s*(True|select_autoescape|\\w+\\()' },
      { check: 'fileHas', pattern: 'jinja' },
    ],
    examples: {
      vulnerable: ['import jinja2\ndef env(loader):\n    return jinja2.Environment(loader=loader)\n'],
      safe: [
        'import jinja2\ndef env(loader):\n    return jinja2.Environment(loader=loader, autoescape=True)\n',
      ],
    },
  },
  {
    id: 'py-mark-safe',
    languages: ['py'],
    cwes: ['CWE-79'],
    severity: 'medium',
    message:
      'mark_safe/Markup on a value built from data turns off template escaping for it; escape the data (format_html, escape) first',
    query: `(call function: [(identifier) (attribute)] @fn arguments: (argument_list . (_) @v) (#match? @fn "(^|\\\\.)(mark_safe|Markup|SafeString|SafeText)$")) @hit`,
    where: [{ check: 'taint', capture: 'v', is: ['built'] }],
    examples: {
      vulnerable: [
        'from django.utils.safestring import mark_safe\ndef badge(name):\n    return mark_safe("<b>%s</b>" % name)\n',
      ],
      safe: [
        'from django.utils.html import format_html\ndef badge(name):\n    return format_html("<b>{}</b>", name)\n',
      ],
    },
  },
  {
    id: 'py-template-injection',
    languages: ['py'],
    cwes: ['CWE-1336', 'CWE-94'],
    severity: 'high',
    message:
      'a template is built from data and rendered (server-side template injection); pass data as template variables',
    query: `(call function: [(identifier) (attribute)] @fn arguments: (argument_list . (_) @t) (#match? @fn "(^|\\\\.)(render_template_string|Template|from_string)$")) @hit`,
    where: [{ check: 'taint', capture: 't', is: ['built'] }],
    examples: {
      vulnerable: [
        'from flask import render_template_string\ndef hi(name):\n    return render_template_string("<p>Hello " + name + "</p>")\n',
      ],
      safe: [
        'from flask import render_template_string\ndef hi(name):\n    return render_template_string("<p>Hello {{ name }}</p>", name=name)\n',
      ],
    },
  },
  {
    id: 'py-tls-no-verify',
    languages: ['py'],
    cwes: ['CWE-295'],
    severity: 'high',
    message: 'TLS certificate verification is turned off; keep verify=True (or pass a CA bundle)',
    query: `
      (keyword_argument name: (identifier) @k value: (false) (#eq? @k "verify")) @hit
      (call function: (attribute attribute: (identifier) @f) (#eq? @f "_create_unverified_context")) @hit
      (assignment left: (attribute attribute: (identifier) @a) right: [(false) (attribute)] @v (#eq? @a "check_hostname")) @hit
    `,
    where: [{ check: 'textNot', capture: 'v', pattern: 'CERT_REQUIRED|True' }],
    examples: {
      vulnerable: [
        'import requests\ndef get(u):\n    return requests.get(u, verify=False)\n',
        'import ssl\nctx = ssl._create_unverified_context()\n',
      ],
      safe: ['import requests\ndef get(u):\n    return requests.get(u, timeout=5)\n'],
    },
  },
  {
    id: 'py-debug-enabled',
    languages: ['py'],
    cwes: ['CWE-489', 'CWE-215'],
    severity: 'medium',
    message:
      'the web app runs in debug mode, which exposes an interactive debugger; turn it off outside development',
    query: `(call function: (attribute attribute: (identifier) @f) arguments: (argument_list (keyword_argument name: (identifier) @k value: (true))) (#eq? @f "run") (#eq? @k "debug")) @hit`,
    examples: {
      vulnerable: [
        'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(debug=True)\n',
      ],
      safe: ['from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run()\n'],
    },
  },
  {
    id: 'py-insecure-tempfile',
    languages: ['py'],
    cwes: ['CWE-377'],
    severity: 'medium',
    message:
      'tempfile.mktemp returns a name another process can create first; use NamedTemporaryFile or mkstemp',
    query: `(call function: (attribute object: (identifier) @m attribute: (identifier) @f) (#eq? @m "tempfile") (#eq? @f "mktemp")) @hit`,
    examples: {
      vulnerable: ['import tempfile\ndef tmp():\n    return open(tempfile.mktemp(), "w")\n'],
      safe: ['import tempfile\ndef tmp():\n    return tempfile.NamedTemporaryFile("w", delete=False)\n'],
    },
  },
];
