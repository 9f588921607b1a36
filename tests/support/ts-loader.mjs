/**
 * Lets a child process run the project's TypeScript directly, as the tests do under ts-jest:
 *   node --import ./tests/support/ts-loader.mjs some-file.ts
 * Relative `.js` imports resolve to the `.ts` file beside them; `.ts` files are transpiled one by
 * one with the project's compiler (no type check: `npm test` type-checks first).
 */
import { register } from 'node:module';

register('./ts-loader-hooks.mjs', import.meta.url);
