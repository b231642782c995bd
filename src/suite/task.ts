import type { Cwe, Language } from '../core/records.js';
import type { DeclaredTest } from '../lang/spec.js';
import type { Binding } from './template.js';

/**
 * One task of the built-in benchmark, fully rendered (DESIGN.md §3): a family × language with a
 * binding of its template variables. The candidate a model writes is `prompt + completion`.
 */
export interface Task {
  /** `<family>/<lang>` for the canonical instance, `<family>/<lang>#<hash8>` otherwise */
  readonly id: string;
  readonly family: string;
  readonly language: Language;
  readonly cwes: readonly Cwe[];
  readonly title: string;
  readonly tags: readonly string[];
  /** the natural-language instruction */
  readonly instruction: string;
  /** the code prefix (imports, helpers, signature) the model continues */
  readonly prompt: string;
  readonly entryPoint: string;
  /** rendered test file (functional + security tests) */
  readonly testSource: string;
  readonly tests: readonly DeclaredTest[];
  /** appended after the candidate by the harness, if any */
  readonly epilogue: string | undefined;
  readonly secureReference: string;
  readonly vulnerableReference: string;
  /** the variable binding and the instruction's index */
  readonly binding: Binding;
  readonly instructionIndex: number;
  readonly canonical: boolean;
}

/** The completion part of a full solution (the text after the prompt). */
export function completionOf(task: Task, solution: string): string | undefined {
  return solution.startsWith(task.prompt) ? solution.slice(task.prompt.length) : undefined;
}
