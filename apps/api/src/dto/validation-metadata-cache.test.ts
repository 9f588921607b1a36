import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { IsInt, IsString, MetadataStorage, validate } from 'class-validator';
import { memoizeValidationMetadata } from './validation-metadata-cache.js';

class Base {
  @IsString() name!: string;
}
class Child extends Base {
  @IsInt() count!: number;
}

describe('memoizeValidationMetadata', () => {
  it('answers as the unmemoized lookup does, and sees a rule added afterwards', () => {
    const plain = new MetadataStorage();
    const memo = new MetadataStorage();
    memoizeValidationMetadata(memo);
    const rule = (target: Function, propertyName: string) =>
      ({ type: 'isDefined', target, propertyName, constraints: [], validationTypeOptions: {}, each: false, always: undefined, groups: [] }) as never;
    for (const storage of [plain, memo]) storage.addValidationMetadata(rule(Base, 'name'));
    const names = (storage: MetadataStorage) => storage.getTargetValidationMetadatas(Child, '', false, false).map((m) => m.propertyName);
    expect(names(memo)).toEqual(names(plain));
    expect(names(memo)).toEqual(['name']);
    for (const storage of [plain, memo]) storage.addValidationMetadata(rule(Child, 'count'));
    expect(names(memo)).toEqual(names(plain));
    expect(names(memo).sort()).toEqual(['count', 'name']);
    const rules = memo.getTargetValidationMetadatas(Child, '', false, false);
    expect(Object.keys(memo.groupByPropertyName(rules)).sort()).toEqual(['count', 'name']);
  });

  it('keeps validation answers of the global storage unchanged', async () => {
    const bad = Object.assign(new Child(), { name: 3, count: 'x' });
    const before = (await validate(bad)).map((e) => [e.property, Object.keys(e.constraints ?? {})]);
    memoizeValidationMetadata();
    memoizeValidationMetadata(); // twice: installed once
    const after = (await validate(bad)).map((e) => [e.property, Object.keys(e.constraints ?? {})]);
    expect(after).toEqual(before);
    expect(after).toEqual([
      ['count', ['isInt']],
      ['name', ['isString']],
    ]);
    expect(await validate(Object.assign(new Child(), { name: 'a', count: 1 }))).toEqual([]);
  });
});
