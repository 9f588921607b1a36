/**
 * Same-origin checks for cookie-authenticated writes and for sign-in. The server's own origin is
 * PUBLIC_ORIGIN when set, else the scheme and host of the request as Express sees them (through
 * TRUST_PROXY). A request without `Origin` passes unless the browser says it is cross-site
 * (`Sec-Fetch-Site`); the CSRF token is what stops those that send neither.
 */
import type { Request } from 'express';

export function ownOrigin(req: Request, publicOrigin: string | undefined): string {
  return publicOrigin ?? `${req.protocol}://${req.get('host') ?? ''}`;
}

export function isSameOrigin(req: Request, publicOrigin: string | undefined): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return req.headers['sec-fetch-site'] !== 'cross-site';
  return origin === ownOrigin(req, publicOrigin);
}
