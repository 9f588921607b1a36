/**
 * The web app's build (Vite 8) and its unit tests (Vitest). JSX goes through Vite's own Oxc
 * transform: @vitejs/plugin-react 6 drags in an optional Babel 8 peer that conflicts with Jest's
 * Babel 7 in one install, and the production build needs nothing else from it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The libs the browser may import: pure TypeScript on web APIs only, taken from their sources as
 * package.json's "imports" name them (its "source" target). Not Vite's `source` condition for all:
 * some packages in node_modules export their own TypeScript sources under that name too.
 * apps/web/tsconfig.json's "paths" say the same to the type checker.
 */
const BROWSER_LIBS = ['#transparency/witness'];
const imports = JSON.parse(readFileSync(here('../../package.json'), 'utf8')).imports as Record<
  string,
  { source: string }
>;
const alias = Object.fromEntries(BROWSER_LIBS.map((name) => [name, here(`../../${imports[name]!.source}`)]));

export default defineConfig({
  root: here('.'),
  base: '/',
  resolve: { alias },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Ant Design marks its modules "use client" for React Server Components; meaningless in a SPA.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
