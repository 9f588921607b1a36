/**
 * One registry per process (or per app in a test that starts several): every metric of this lib
 * is registered on the registry it is given, never on prom-client's global one.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

/** A fresh registry; with `defaults`, Node's process metrics too (CPU, memory, event loop, GC). */
export function createMetricsRegistry(options: { defaults: boolean }): Registry {
  const registry = new Registry();
  if (options.defaults) collectDefaultMetrics({ register: registry });
  return registry;
}
