/** The log's signing key kept in a file (DATA_DIR/log-signing-key, mode 0600), created on first use. */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { generateSignerKey, noteSigner } from './note.js';

/**
 * The signer key in `file`, or a new one for `origin` written there with 'wx' (never overwriting
 * a key another process has just written: then that one is read). Throws naming the problem.
 */
export function loadOrCreateSignerKey(file: string, origin: string): { key: string; generated: boolean } {
  try {
    const key = readFileSync(file, 'utf8').trim();
    noteSigner(key);
    return { key, generated: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`signing key file "${file}": ${(error as Error).message}`, { cause: error });
  }
  const key = generateSignerKey(origin);
  try {
    writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSignerKey(file, origin);
    throw error;
  }
  return { key, generated: true };
}
