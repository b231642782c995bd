import type { Rule } from '../rule.js';
import { C_RULES } from './c.js';
import { CPP_RULES } from './cpp.js';
import { GO_RULES } from './go.js';
import { JS_RULES } from './js.js';
import { PY_RULES } from './py.js';

/** Every built-in rule, by language file. Add a rule to its language file; nothing else to register. */
export const RULES: readonly Rule[] = [...PY_RULES, ...JS_RULES, ...GO_RULES, ...C_RULES, ...CPP_RULES];
