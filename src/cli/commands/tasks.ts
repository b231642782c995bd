import { NotFoundError } from '../../core/errors.js';
import { isLanguage } from '../../core/records.js';
import { instanceAt, instanceCount } from '../../suite/generate.js';
import { canonicalBinding, instanceHash, renderTask, type Family } from '../../suite/load.js';
import type { Task } from '../../suite/task.js';

/** Resolve a task id (`<family>/<lang>` or `<family>/<lang>#<hash8>`) against loaded families. */
export function findTask(families: readonly Family[], id: string): Task {
  const m = /^([a-z0-9-]+)\/([a-z]+)(?:#([0-9a-f]{8}))?$/.exec(id);
  if (m === null)
    throw new NotFoundError(`'${id}' is not a task id`, {
      field: 'task',
      hint: 'task ids look like sql-user-lookup/py or sql-user-lookup/py#1a2b3c4d; see `secplay suite list`',
    });
  const [, fam, lang, hash] = m;
  const family = families.find((f) => f.spec.id === fam);
  if (family === undefined)
    throw new NotFoundError(`no task family '${fam}'`, { field: 'task', hint: 'see `secplay suite list`' });
  if (lang === undefined || !isLanguage(lang) || !family.languages.has(lang))
    throw new NotFoundError(`family ${fam} has no '${lang}' version`, {
      field: 'task',
      hint: `languages: ${[...family.languages.keys()].join(', ')}`,
    });
  const t = family.languages.get(lang);
  if (t === undefined) throw new NotFoundError(`family ${fam} has no '${lang}' version`);
  if (hash === undefined) return renderTask(family, lang, canonicalBinding(t), 0);
  const n = instanceCount(t);
  for (let k = 0; k < n; k++) {
    const { binding, instructionIndex } = instanceAt(t, k);
    if (instanceHash(binding, instructionIndex) === hash)
      return renderTask(family, lang, binding, instructionIndex);
  }
  throw new NotFoundError(`no instance ${hash} of ${fam}/${lang}`, {
    field: 'task',
    hint: `${fam}/${lang} has ${n} instances; ids come from the instance generator`,
  });
}

/** Canonical tasks filtered by family ids and languages (empty = all); unknown family ids are an error. */
export function selectFamilies(families: readonly Family[], ids: readonly string[]): Family[] {
  if (ids.length === 0) return [...families];
  const known = new Set(families.map((f) => f.spec.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new NotFoundError(`unknown famil${unknown.length === 1 ? 'y' : 'ies'}: ${unknown.join(', ')}`, {
      field: 'family',
      hint: 'see `secplay suite list`',
    });
  return families.filter((f) => ids.includes(f.spec.id));
}
