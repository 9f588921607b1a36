import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_TERMS } from './terms';

/** The event types the catalogs declare, read from their sources (the web app does not import the domain). */
function declaredEventTypes(): string[] {
  const root = join(import.meta.dirname, '../../../..');
  const catalogs = [
    'libs/domain/src/events.ts',
    'libs/domain/src/unit/messages.ts',
    'libs/notification-events/src/index.ts',
  ];
  return catalogs.flatMap((file) =>
    [...readFileSync(join(root, file), 'utf8').matchAll(/\btype: '([A-Z]\w+)'/g)].map((m) => m[1]!),
  );
}

describe('the names of the log’s events', () => {
  it('names every event type the catalogs declare, in Vietnamese and English', () => {
    const declared = declaredEventTypes();
    expect(declared.length).toBeGreaterThan(25);
    expect(declared.filter((type) => !(type in EVENT_TERMS))).toEqual([]);
  });
});
