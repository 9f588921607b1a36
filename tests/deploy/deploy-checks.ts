/**
 * What docker-compose.yml and the Dockerfile must say, as functions returning the problems found
 * (empty when all is well), so that a test can show each rule refusing a file that breaks it.
 * No Docker engine runs on the project's machines: these are static checks of the files.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import Ajv from 'ajv';
import YAML from 'yaml';

export const ROOT = join(import.meta.dirname, '..', '..');

type Json = Record<string, unknown>;

/** The sources behind the package's `#name` entry points (package.json "imports", condition `source`). */
const SOURCE_IMPORTS: Record<string, string> = Object.fromEntries(
  Object.entries(
    (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { imports: Record<string, { source: string }> })
      .imports,
  ).map(([name, targets]) => [name, posix.normalize(targets.source)]),
);

/** The file an import names, for a relative or a `#name` specifier; undefined for a package. */
function importedFile(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('#')) return SOURCE_IMPORTS[specifier];
  if (specifier.startsWith('.'))
    return posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, '.ts');
  return undefined;
}

export function readCompose(text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')): Json {
  // `merge: true` resolves the `<<: *anchor` merge keys, as Compose itself does.
  return YAML.parse(text, { merge: true }) as Json;
}

/** Validation against the Compose Specification's JSON schema (vendored: no network in tests). */
export function schemaProblems(compose: unknown): string[] {
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'compose-spec.schema.json'), 'utf8')) as Json;
  // The schema names its draft by an https URL that Ajv does not know as a meta-schema; it is draft-07.
  delete schema.$schema;
  const ajv = new Ajv.default({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (validate(compose)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
}

const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY/i;
/** A value taken from the environment at `docker compose up`, never written in the file. */
const INTERPOLATION = /^\$\{[A-Z0-9_]+(:?[-?][^}]*)?\}$/;
/** `scheme://user:password@host`: credentials inside a URL or connection string. */
const CREDENTIALS_IN_URL = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

/** The log's service in a compose file, how the apps point at it, and where it keeps its data. */
const LOG_SERVICES = {
  eventstoredb: {
    variable: 'EVENTSTORE_CONNECTION_STRING',
    prefix: 'esdb://eventstoredb:',
    mount: '/var/lib/kurrentdb',
  },
  postgres: { variable: 'DATABASE_URL', prefix: 'postgres://thidua@postgres:', mount: '/var/lib/postgresql/data' },
} as const;
export type LogService = keyof typeof LOG_SERVICES;

/**
 * The rules of the production-like topology (issue 6), on EventStoreDB or on PostgreSQL (docker-compose.postgres.yml).
 */
export function topologyProblems(compose: Json, store: LogService = 'eventstoredb'): string[] {
  const problems: string[] = [];
  const services = (compose.services ?? {}) as Record<string, Json>;
  const volumes = (compose.volumes ?? {}) as Json;
  const env = (service: Json): Record<string, unknown> => (service.environment ?? {}) as Record<string, unknown>;
  const command = (service: Json): string => [service.command ?? []].flat().join(' ');
  const replicas = (service: Json): number =>
    Number((service.deploy as Json | undefined)?.replicas ?? service.scale ?? 1);

  const { api, worker, redis } = services;
  const log = LOG_SERVICES[store];
  if (!services[store]) problems.push(`no ${store} service`);
  if (!redis) problems.push('no redis service');
  if (!api) problems.push('no api service');
  if (!worker) problems.push('no worker service');

  if (api) {
    if (replicas(api) !== 2) problems.push(`api runs ${replicas(api)} replica(s), not 2`);
    if (!command(api).includes('dist/apps/api/src/main.js')) problems.push('api does not run the API entry point');
    if (env(api).NOTIFICATIONS_WORKER !== 'off')
      problems.push('api replicas also run a notification worker (NOTIFICATIONS_WORKER is not off)');
  }
  if (worker) {
    if (replicas(worker) < 1) problems.push('worker runs no replica');
    if (!command(worker).includes('dist/apps/worker/src/main.js'))
      problems.push('worker does not run the worker entry point');
  }
  for (const [name, service] of [
    ['api', api],
    ['worker', worker],
  ] as const) {
    if (!service) continue;
    if (api && worker && service.image !== api.image) problems.push(`${name} does not run the same image as api`);
    if (env(service).EVENT_STORE !== store) problems.push(`${name} does not set EVENT_STORE=${store}`);
    if (!String(env(service)[log.variable] ?? '').startsWith(log.prefix)) {
      problems.push(`${name} does not point ${log.variable} at the ${store} service`);
    }
    const dependsOn = (service.depends_on ?? {}) as Record<string, Json>;
    for (const dependency of [store, 'redis']) {
      if (dependsOn[dependency]?.condition !== 'service_healthy')
        problems.push(`${name} does not wait for a healthy ${dependency}`);
    }
  }

  if (redis) {
    const args = command(redis);
    if (!/--appendonly\s+yes/.test(args)) problems.push('redis runs without AOF (--appendonly yes)');
    if (!/--maxmemory-policy\s+noeviction/.test(args))
      problems.push('redis may evict keys (needs --maxmemory-policy noeviction)');
  }

  for (const [name, service] of Object.entries(services)) {
    const healthcheck = service.healthcheck as Json | undefined;
    const test = [healthcheck?.test ?? []].flat();
    if (!healthcheck || healthcheck.disable === true || test.length === 0 || test[0] === 'NONE') {
      problems.push(`${name} has no health check`);
    }
  }

  for (const [name, mount] of [
    [store, log.mount],
    ['redis', '/data'],
  ] as const) {
    const service = services[name];
    if (!service) continue;
    const named = ((service.volumes ?? []) as unknown[])
      .map((v) => (typeof v === 'string' ? v.split(':') : [String((v as Json).source), String((v as Json).target)]))
      .find(([, target]) => target === mount);
    if (!named || !(named[0] in volumes)) problems.push(`${name} keeps ${mount} in no named volume`);
  }

  for (const [name, service] of Object.entries(services)) {
    for (const [key, value] of Object.entries(env(service))) {
      const text = String(value ?? '');
      if (SECRET_NAME.test(key) && !INTERPOLATION.test(text))
        problems.push(`${name}: ${key} is written in the file, not taken from the environment`);
      if (CREDENTIALS_IN_URL.test(text)) problems.push(`${name}: ${key} holds credentials in a URL`);
    }
  }
  return problems;
}

export interface DockerStage {
  image: string;
  name: string | undefined;
  instructions: string[];
}

/** The Dockerfile's stages: each FROM with the instructions under it (continuation lines joined). */
export function dockerStages(text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')): DockerStage[] {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: DockerStage[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ image: from[1], name: from[2], instructions: [] });
    else stages.at(-1)?.instructions.push(line.replace(/\s+/g, ' '));
  }
  return stages;
}

/** The rules of the image: multi-stage, production dependencies only at run time, not root. */
export function dockerfileProblems(stages: DockerStage[]): string[] {
  const problems: string[] = [];
  if (stages.length < 2) return ['the Dockerfile has a single stage'];
  const runtime = stages[stages.length - 1];
  const builders = stages.slice(0, -1);
  const has = (stage: DockerStage, pattern: RegExp): boolean => stage.instructions.some((i) => pattern.test(i));

  const build = builders.find((stage) => has(stage, /^RUN .*npm run build/));
  if (!build) problems.push('no stage runs npm run build');
  else {
    if (!/^node:20/.test(build.image)) problems.push(`the build stage starts from ${build.image}, not node:20`);
    if (!has(build, /^RUN .*apt-get install .*python3.*make.*g\+\+/))
      problems.push('the build stage lacks the build tools better-sqlite3 needs');
  }

  if (!/^node:20/.test(runtime.image)) problems.push(`the runtime stage starts from ${runtime.image}, not node:20`);
  if (!has(runtime, /^RUN .*npm ci --omit=dev/))
    problems.push('the runtime stage does not install with npm ci --omit=dev');
  if (has(runtime, /^RUN .*npm (ci|install)(?! --omit=dev)/))
    problems.push('the runtime stage installs development dependencies');
  if (has(runtime, /npm run build/)) problems.push('the runtime stage compiles: it should copy the build');
  if (!has(runtime, /^COPY --from=\S+ \S*dist/))
    problems.push('the runtime stage does not copy dist from a build stage');
  const users = runtime.instructions.filter((i) => /^USER /i.test(i));
  const lastUser = users.at(-1)?.split(/\s+/)[1];
  if (!lastUser || lastUser === 'root' || lastUser === '0')
    problems.push('the runtime stage runs as root (no USER, or USER root)');
  if (!has(runtime, /^HEALTHCHECK /)) problems.push('the runtime stage has no HEALTHCHECK');
  if (!has(runtime, /^CMD .*dist\/apps\/api\/src\/main\.js/)) problems.push('the runtime stage does not start the API');
  return problems;
}

/** What the build stages copy from the build context (`COPY src... dest`, not `COPY --from`). */
export function buildContextSources(stages: DockerStage[]): string[] {
  return stages
    .slice(0, -1)
    .flatMap((stage) => stage.instructions)
    .filter((i) => /^COPY /.test(i) && !/--from=/.test(i))
    .flatMap((i) =>
      i
        .split(' ')
        .slice(1, -1)
        .filter((arg) => !arg.startsWith('--')),
    )
    .map((src) => src.replace(/^\.\//, '').replace(/\/$/, ''));
}

/** Whether .dockerignore keeps `path` out of the build context (the last matching line decides). */
export function dockerIgnores(path: string, ignoreText = readFileSync(join(ROOT, '.dockerignore'), 'utf8')): boolean {
  const rules = ignoreText
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => ({ negate: l.startsWith('!'), pattern: l.replace(/^!/, '').replace(/^\/|\/$/g, '') }));
  // A pattern matches the path itself or any folder above it.
  const prefixes = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const { negate, pattern } of rules) {
    const regex = new RegExp(
      '^' +
        pattern
          .split('*')
          .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('[^/]*') +
        '$',
    );
    if (prefixes.some((prefix) => regex.test(prefix))) ignored = !negate;
  }
  return ignored;
}

/**
 * The image's build compiles exactly what the build stages copy: every copied path must be in the
 * context, and every relative import of a compiled source must land inside what was copied.
 */
export function buildContextProblems(sources: string[], ignoreText?: string): string[] {
  const problems: string[] = [];
  for (const source of sources) {
    if (dockerIgnores(source, ignoreText)) problems.push(`${source} is copied but .dockerignore leaves it out`);
  }
  const inContext = (path: string): boolean => sources.some((s) => path === s || path.startsWith(s + '/'));
  const files = sources
    .filter((s) => statSync(join(ROOT, s), { throwIfNoEntry: false })?.isDirectory())
    .flatMap((dir) => tsFiles(dir));
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'((?:\.{1,2}\/|#)[^']+)'/g)) {
      const target = importedFile(file, match[1]!);
      if (target === undefined || !inContext(target))
        problems.push(`${file} imports ${match[1]}, outside the build context`);
    }
  }
  return problems;
}

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * The packages the running image needs: every bare import reachable from the entry points through
 * relative imports (static and literal dynamic ones), each of which must be a production
 * dependency, since the runtime stage installs only those (`npm ci --omit=dev`).
 */
export function runtimeImportProblems(entries: string[], dependencies = productionDependencies()): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const match of text.matchAll(
      /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)|^import\s+'([^']+)'/gm,
    )) {
      const specifier = (match[1] ?? match[2] ?? match[3])!;
      if (/^import\s+type\s/.test(match[0].trim()) || /^export\s+type\s/.test(match[0].trim())) continue;
      const imported = importedFile(file, specifier);
      if (imported !== undefined) {
        queue.push(imported);
      } else if (specifier.startsWith('#')) {
        problems.push(`${file} imports ${specifier}, which package.json "imports" does not define`);
      } else if (!specifier.startsWith('node:')) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
        if (!dependencies.has(name)) problems.push(`${file} imports ${name}, which is not a production dependency`);
      }
    }
  }
  return problems;
}

function productionDependencies(): Set<string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return new Set(Object.keys(pkg.dependencies ?? {}));
}
