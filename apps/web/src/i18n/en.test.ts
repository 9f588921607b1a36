import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EN } from './en';
import { translate } from './lang';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the English switch', () => {
  it('has an English text for every Vietnamese text the pages pass to t()', () => {
    const root = join(import.meta.dirname, '..');
    const used = new Set(
      sources(root).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!.replace(/\\'/g, "'")),
      ),
    );
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((text) => !(text in EN))).toEqual([]);
  });

  it('fills the placeholders in either language', () => {
    expect(translate('vi', '{n} phiên bản', { n: 2 })).toBe('2 phiên bản');
    expect(translate('en', '{n} phiên bản', { n: 2 })).toBe('2 versions');
    expect(translate('en', 'chưa dịch')).toBe('chưa dịch');
  });
});
