/**
 * class-validator looks a class's validation metadata up again for every object it validates: a
 * scan of every decorated class of the app (an `instanceof` each, for inherited rules), then a
 * grouping by property. A self-assessment's body validates one object per score line, so that
 * lookup was most of what validation cost per command. The metadata only changes while classes are
 * being defined, so the answers are kept per class and arguments, and dropped whenever metadata is
 * added (a class defined later, `@nestjs/mapped-types` copying rules).
 */
import { getMetadataStorage, type MetadataStorage } from 'class-validator';

const MEMOIZED = Symbol.for('thidua.validationMetadataMemo');

type Storage = MetadataStorage & { [MEMOIZED]?: true };
type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

export function memoizeValidationMetadata(storage: Storage = getMetadataStorage() as Storage): void {
  if (storage[MEMOIZED]) return;
  storage[MEMOIZED] = true;
  let byTarget = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  const forget = () => {
    byTarget = new Map();
    grouped = new WeakMap();
  };

  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? '\u0001'}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map()));
    let found = forTarget.get(key);
    if (!found) forTarget.set(key, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
  const group = storage.groupByPropertyName.bind(storage);
  storage.groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (!found) grouped.set(metadata, (found = group(metadata)));
    return found;
  };
  for (const add of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const original = storage[add].bind(storage) as (value: unknown) => void;
    (storage as unknown as Record<string, (value: unknown) => void>)[add] = (value) => {
      forget();
      original(value);
    };
  }
}
