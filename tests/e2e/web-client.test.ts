/**
 * The web app's typed client (apps/web/src/api/schema.d.ts) is what `npm run web:client` makes of
 * the server's own OpenAPI document: a route, parameter or body changed on the server without
 * regenerating the client fails here.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '#scenario';
import { ensureBuilt } from '../support/child-server.js';

describe('the web client and the server cannot drift', () => {
  it('matches the OpenAPI document the built server produces', () => {
    ensureBuilt();
    const check = spawnSync(process.execPath, ['dist/scripts/web-client.js', '--check'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
    expect(check.stdout).toContain('matches');
  }, 120_000);
});
