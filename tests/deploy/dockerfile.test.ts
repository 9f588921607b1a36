/**
 * The Dockerfile: a build stage that compiles with every dependency, a runtime stage with
 * production dependencies only, running as the unprivileged `node` user, with a health check.
 * Each rule is also shown refusing a Dockerfile that breaks it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  ROOT,
  buildContextProblems,
  buildContextSources,
  dockerIgnores,
  dockerStages,
  dockerfileProblems,
  runtimeImportProblems,
} from './deploy-checks.js';

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const variant = (from: RegExp | string, to: string): string => {
  const changed = dockerfile.replace(from, to);
  if (changed === dockerfile) throw new Error(`the variant changes nothing: ${String(from)}`);
  return changed;
};

describe('Dockerfile', () => {
  it('builds in one stage and runs from another, as node, with production dependencies only', () => {
    const stages = dockerStages(dockerfile);
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    expect(dockerfileProblems(stages)).toEqual([]);
  });

  it('states its rules: each one refuses a Dockerfile that breaks it', () => {
    const cases: [string, string][] = [
      [variant(/\nUSER node\n/, '\n'), 'the runtime stage runs as root (no USER, or USER root)'],
      [variant(/\nUSER node\n/, '\nUSER node\nUSER root\n'), 'the runtime stage runs as root (no USER, or USER root)'],
      [variant('npm ci --omit=dev', 'npm ci'), 'the runtime stage does not install with npm ci --omit=dev'],
      [
        variant('npm ci --omit=dev', 'npm install --omit=dev && npm install'),
        'the runtime stage installs development dependencies',
      ],
      [variant(/HEALTHCHECK[^\n]*\\\n[^\n]*\n/, ''), 'the runtime stage has no HEALTHCHECK'],
      [
        variant('COPY --from=build /app/dist ./dist', 'COPY . .'),
        'the runtime stage does not copy dist from a build stage',
      ],
      [
        variant('FROM node:20-bookworm AS build', 'FROM node:22 AS build'),
        'the build stage starts from node:22, not node:20',
      ],
      [variant(/\n# ---- runtime[\s\S]*$/, '\n'), 'the Dockerfile has a single stage'],
    ];
    for (const [text, problem] of cases) {
      expect(dockerfileProblems(dockerStages(text))).toContain(problem);
    }
  });
});

describe('the image build context', () => {
  const sources = buildContextSources(dockerStages(dockerfile));

  it('holds everything the build compiles: nothing copied is ignored, no import leaves what is copied', () => {
    expect(sources).toEqual(expect.arrayContaining(['package-lock.json', 'apps', 'libs', 'scripts']));
    expect(sources.filter((s) => s.startsWith('tests'))).toEqual([]);
    expect(buildContextProblems(sources)).toEqual([]);
  });

  it('would catch a helper the build imports but does not copy, or a copied folder that .dockerignore drops', () => {
    expect(buildContextProblems(sources.filter((s) => s !== 'libs'))).toContainEqual(
      expect.stringMatching(/scripts\/demo\.ts imports #scenario, outside the build context/),
    );
    expect(buildContextProblems(sources, 'libs\n')).toContain('libs is copied but .dockerignore leaves it out');
  });

  it('reads .dockerignore as Docker does: the last matching line decides', () => {
    expect(dockerIgnores('tests/support')).toBe(true);
    expect(dockerIgnores('tests/e2e')).toBe(true);
    expect(dockerIgnores('node_modules/jest')).toBe(true);
    expect(dockerIgnores('libs/event-store/src/index.ts')).toBe(false);
  });
});

describe('the runtime image', () => {
  const entries = ['apps/api/src/main.ts', 'apps/worker/src/main.ts'];

  it('needs only production dependencies: every package reachable from the API and worker entry points', () => {
    expect(runtimeImportProblems(entries)).toEqual([]);
  });

  it('would catch a development dependency reached at run time', () => {
    const withoutNest = runtimeImportProblems(entries, new Set(['reflect-metadata']));
    expect(withoutNest).toContainEqual(
      expect.stringMatching(/imports @nestjs\/core, which is not a production dependency/),
    );
  });
});
