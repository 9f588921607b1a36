/**
 * class-validator looks up a class's rules again for every object it validates: it filters its
 * whole metadata store and walks every registered class for inheritance, then groups the rules by
 * property. The rules only change while decorators run (at import), so the lookup is memoized here
 * and the memo is dropped whenever a rule is added. Same answers, computed once per DTO class
 * instead of once per object of every request (a body of ten score lines validates eleven objects).
 */
import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type Rules = ReturnType<Lookup>;
type Grouped = ReturnType<Storage['groupByPropertyName']>;

const MEMOIZED = Symbol.for('thidua.classValidatorMetadataMemo');

export function memoizeValidationMetadata(storage: Storage = getMetadataStorage()): void {
  const target = storage as Storage & { [MEMOIZED]?: true };
  if (target[MEMOIZED]) return;
  target[MEMOIZED] = true;

  let rules = new Map<string, Rules>();
  let keyIds = new WeakMap<object, number>();
  let nextKeyId = 1;
  let grouped = new WeakMap<Rules, Grouped>();
  const forget = () => {
    rules = new Map();
    keyIds = new WeakMap();
    grouped = new WeakMap();
  };
  const idOf = (value: unknown): string => {
    if (typeof value !== 'function' && (typeof value !== 'object' || value === null)) return `v:${String(value)}`;
    let id = keyIds.get(value);
    if (id === undefined) keyIds.set(value, (id = nextKeyId++));
    return `o:${id}`;
  };

  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const addRule = storage.addValidationMetadata.bind(storage);
  const addConstraint = storage.addConstraintMetadata.bind(storage);
  const addSchema = storage.addValidationSchema.bind(storage);

  storage.getTargetValidationMetadatas = (targetConstructor, targetSchema, always, strictGroups, groups) => {
    const key = [idOf(targetConstructor), String(targetSchema), always, strictGroups, groups === undefined ? '-' : JSON.stringify(groups)].join('\u0000');
    let found = rules.get(key);
    if (found === undefined) rules.set(key, (found = lookup(targetConstructor, targetSchema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (found === undefined) grouped.set(metadata, (found = group(metadata)));
    return found;
  };
  storage.addValidationMetadata = (metadata) => {
    forget();
    addRule(metadata);
  };
  storage.addConstraintMetadata = (metadata) => {
    forget();
    addConstraint(metadata);
  };
  storage.addValidationSchema = (schema) => {
    forget();
    addSchema(schema);
  };
}
