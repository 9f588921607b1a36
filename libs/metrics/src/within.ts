/** A scrape must not hang on a store or a Redis that does not answer: each reading gets this long. */
export const READ_TIMEOUT_MS = 2_000;

/** `promise`, or a rejection after `ms`. */
export function within<T>(promise: Promise<T>, ms = READ_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
