/**
 * The two cookies of a browser session. `thidua_session` (HttpOnly, SameSite=Lax) carries the
 * session id; `thidua_csrf` (readable by the page's script, SameSite=Strict) carries the token the
 * page sends back in `X-CSRF-Token` with every state-changing request: a cross-site page can make
 * the browser send the cookies but cannot read the token. `Secure` when the request came over
 * HTTPS (as Express sees it, through TRUST_PROXY).
 */
import type { CookieOptions, Request, Response } from 'express';
import { parse } from 'cookie';

export const SESSION_COOKIE = 'thidua_session';
export const CSRF_COOKIE = 'thidua_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function requestCookies(req: Request): Record<string, string | undefined> {
  const header = req.headers.cookie;
  return header ? parse(header) : {};
}

function options(
  req: Request,
  maxAgeMs: number | undefined,
  httpOnly: boolean,
  sameSite: 'lax' | 'strict',
): CookieOptions {
  return { httpOnly, sameSite, secure: req.secure, path: '/', ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}) };
}

/** Sets (or sends again, moving their expiry) both cookies. */
export function setSessionCookies(
  req: Request,
  res: Response,
  session: { id: string; csrf: string },
  maxAgeMs: number,
): void {
  res.cookie(SESSION_COOKIE, session.id, options(req, maxAgeMs, true, 'lax'));
  res.cookie(CSRF_COOKIE, session.csrf, options(req, maxAgeMs, false, 'strict'));
}

export function clearSessionCookies(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, options(req, undefined, true, 'lax'));
  res.clearCookie(CSRF_COOKIE, options(req, undefined, false, 'strict'));
}
