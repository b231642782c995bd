import type { Rule } from '../rule.js';

export const C_RULES: readonly Rule[] = [];
