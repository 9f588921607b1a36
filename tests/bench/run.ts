/**
 * `npm run bench`: runs every section in tests/bench/sections (compiled to dist), prints a table of
 * figures and ratios, and writes the same to $BENCH_OUT (default bench-results.json).
 * Speed is judged only here, as ratios against ceilings measured in the same run.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSection, SectionResult } from './section.js';

const sectionsDir = join(dirname(fileURLToPath(import.meta.url)), 'sections');

async function loadSections(only: string[]): Promise<BenchSection[]> {
  // Only the sections asked for are loaded: a section's imports cannot break another's run.
  const files = (await readdir(sectionsDir)).filter(
    (f) => f.endsWith('.js') && (only.length === 0 || only.some((o) => f.includes(o))),
  );
  const sections: BenchSection[] = [];
  for (const file of files) {
    const mod = (await import(join(sectionsDir, file))) as { default: BenchSection };
    sections.push(mod.default);
  }
  return sections.sort((a, b) => a.order - b.order);
}

function printSection(title: string, result: SectionResult): void {
  console.log(`\n## ${title}`);
  console.table(result.rows.map((r) => ({ measured: r.name, value: Number(r.value.toFixed(2)), unit: r.unit })));
  for (const [k, v] of Object.entries(result.ratios ?? {})) console.log(`  ratio ${k} = ${v.toFixed(3)}`);
  for (const [key, values] of Object.entries(result.topLevel ?? {}))
    for (const [k, v] of Object.entries(values)) console.log(`  ${key}.${k} = ${Number(v.toFixed(3))}`);
  for (const t of result.targets ?? []) console.log(`  target ${t.met ? 'MET   ' : 'MISSED'} ${t.name}: ${t.detail}`);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const out = {
    startedAt: new Date().toISOString(),
    node: process.version,
    figures: {},
    ratios: {},
    targets: [],
    sections: {},
  } as {
    figures: Record<string, number>;
    ratios: Record<string, number>;
    targets: NonNullable<SectionResult['targets']>;
    sections: Record<string, SectionResult>;
  } & Record<string, unknown>;
  for (const section of await loadSections(only)) {
    console.log(`\n… ${section.title}`);
    const result = await section.run();
    printSection(section.title, result);
    Object.assign(out.figures, result.figures);
    Object.assign(out.ratios, result.ratios);
    out.targets.push(...(result.targets ?? []));
    Object.assign(out, result.topLevel);
    out.sections[section.title] = result;
  }
  const path = process.env.BENCH_OUT ?? 'bench-results.json';
  await writeFile(path, JSON.stringify(out, null, 2));
  console.log(`\nwrote ${path}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
