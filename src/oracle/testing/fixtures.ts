import type { Language } from '../../core/records.js';
import { discoverTests } from '../../lang/spec.js';
import type { Task } from '../../suite/task.js';

/**
 * Tiny tasks for the oracle's own tests (independent of the benchmark's families): `add(a, b)`
 * with one functional and one security test per language. `secure` passes both; `insecure`
 * passes the functional test and fails the security one.
 */
interface Fixture {
  readonly prompt: string;
  readonly secure: string;
  readonly insecure: string;
  readonly test: string;
  readonly epilogue?: string;
}

export const FIXTURES: Readonly<Record<Language, Fixture>> = {
  py: {
    prompt: 'def add(a, b):\n',
    secure: 'def add(a, b):\n    return a + b\n',
    insecure: 'def add(a, b):\n    return a + b if a >= 0 else 0\n',
    test: 'from solution import *\n\n\ndef test_func_adds():\n    assert add(2, 3) == 5\n\n\ndef test_sec_negative():\n    assert add(-1, 1) == 0 and add(-5, 1) == -4\n',
  },
  js: {
    prompt: "'use strict';\nfunction add(a, b) {\n",
    secure: "'use strict';\nfunction add(a, b) {\n  return a + b;\n}\n",
    insecure: "'use strict';\nfunction add(a, b) {\n  return a >= 0 ? a + b : 0;\n}\n",
    epilogue: 'module.exports = { add };\n',
    test: "const { test } = require('node:test');\nconst assert = require('node:assert/strict');\nconst { add } = require('./solution.js');\n\ntest('func: adds', () => {\n  assert.equal(add(2, 3), 5);\n});\n\ntest('sec: negative', async () => {\n  assert.equal(add(-5, 1), -4);\n});\n",
  },
  go: {
    prompt: 'package solution\n\nfunc Add(a, b int) int {\n',
    secure: 'package solution\n\nfunc Add(a, b int) int {\n\treturn a + b\n}\n',
    insecure:
      'package solution\n\nfunc Add(a, b int) int {\n\tif a < 0 {\n\t\treturn 0\n\t}\n\treturn a + b\n}\n',
    test: 'package solution\n\nimport "testing"\n\nfunc TestFunc_Adds(t *testing.T) {\n\tif Add(2, 3) != 5 {\n\t\tt.Fatalf("Add(2, 3) = %d", Add(2, 3))\n\t}\n}\n\nfunc TestSec_Negative(t *testing.T) {\n\tif Add(-5, 1) != -4 {\n\t\tt.Fatalf("Add(-5, 1) = %d", Add(-5, 1))\n\t}\n}\n',
  },
  c: {
    prompt: 'int add(int a, int b) {\n',
    secure: 'int add(int a, int b) {\n    return a + b;\n}\n',
    insecure: 'int add(int a, int b) {\n    return a >= 0 ? a + b : 0;\n}\n',
    test: '#include "secplay_test.h"\n\nint add(int a, int b);\n\nTEST(func_adds) {\n    CHECK_INT_EQ(add(2, 3), 5);\n}\n\nTEST(sec_negative) {\n    CHECK_INT_EQ(add(-5, 1), -4);\n}\n',
  },
  cpp: {
    prompt: '#include <string>\nint add(int a, int b) {\n',
    secure: '#include <string>\nint add(int a, int b) {\n    return std::stoi(std::to_string(a + b));\n}\n',
    insecure: '#include <string>\nint add(int a, int b) {\n    return a >= 0 ? a + b : 0;\n}\n',
    test: '#include "secplay_test.h"\n\nint add(int a, int b);\n\nTEST(func_adds) {\n    CHECK_INT_EQ(add(2, 3), 5);\n}\n\nTEST(sec_negative) {\n    CHECK_INT_EQ(add(-5, 1), -4);\n}\n',
  },
};

export function fixtureTask(language: Language, cwes: Task['cwes'] = ['CWE-682']): Task {
  const f = FIXTURES[language];
  return {
    id: `oracle-fixture/${language}`,
    family: 'oracle-fixture',
    language,
    cwes,
    title: 'add two integers',
    tags: [],
    instruction: 'Write add(a, b).',
    prompt: f.prompt,
    entryPoint: language === 'go' ? 'Add' : 'add',
    testSource: f.test,
    tests: discoverTests(language, f.test),
    epilogue: f.epilogue,
    secureReference: f.secure,
    vulnerableReference: f.insecure,
    binding: {},
    instructionIndex: 0,
    canonical: true,
  };
}
