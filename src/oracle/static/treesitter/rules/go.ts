import type { Rule } from '../rule.js';

export const GO_RULES: readonly Rule[] = [];
