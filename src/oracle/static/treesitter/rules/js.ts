import type { Rule } from '../rule.js';

export const JS_RULES: readonly Rule[] = [];
