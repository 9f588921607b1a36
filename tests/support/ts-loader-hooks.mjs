/** Module hooks behind ts-loader.mjs: resolve `.js` to `.ts`, transpile `.ts` to ESM. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const compilerOptions = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: true,
};

export async function resolve(specifier, context, nextResolve) {
  if ((specifier.startsWith('.') || specifier.startsWith('/')) && specifier.endsWith('.js') && context.parentURL) {
    const tsUrl = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (existsSync(fileURLToPath(tsUrl)) && !existsSync(fileURLToPath(new URL(specifier, context.parentURL)))) {
      return { url: tsUrl.href, shortCircuit: true };
    }
  }
  // The libs' entry points (package.json "imports") resolve to their sources, as under Jest.
  if (specifier.startsWith('#')) {
    return nextResolve(specifier, { ...context, conditions: ['source', ...context.conditions] });
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.endsWith('.ts')) {
    const source = await readFile(fileURLToPath(url), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: fileURLToPath(url) });
    return { format: 'module', source: outputText, shortCircuit: true };
  }
  return nextLoad(url, context);
}
