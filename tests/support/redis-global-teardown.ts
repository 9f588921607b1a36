/** Jest global tear-down: stop the private redis-server the set-up started, if it did. */
import type { ChildProcess } from 'node:child_process';

export default async function redisGlobalTeardown(): Promise<void> {
  const child = (globalThis as { __privateRedis?: ChildProcess }).__privateRedis;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
