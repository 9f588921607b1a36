/**
 * A client that behaves as a browser does with the session cookies: keeps what `Set-Cookie` sets
 * (and forgets what it expires), sends them back, and, like the web app's script, copies the
 * `thidua_csrf` cookie into `X-CSRF-Token` on state-changing requests (unless told not to).
 * One connection per request (no keep-alive): a pooled socket the server closes while idle would
 * otherwise fail a request made after a pause (the accounts command runs in between).
 */
import { request } from 'node:http';
import type { ApiResponse, Method } from '#scenario';

export interface SessionRequest {
  body?: unknown;
  /** Send X-CSRF-Token (default true); a string sends that value instead of the cookie's. */
  csrf?: boolean | string;
  headers?: Record<string, string>;
}

export class BrowserSession {
  readonly cookies = new Map<string, string>();
  /** The raw Set-Cookie lines of the last answer. */
  lastSetCookies: string[] = [];

  constructor(private baseUrl: string) {}

  /** The same cookie jar against another instance of the API (same store). */
  moveTo(baseUrl: string): this {
    this.baseUrl = baseUrl;
    return this;
  }

  login(username: string, password: string, headers: Record<string, string> = {}): Promise<ApiResponse> {
    return this.send('POST', '/api/v1/auth/login', { body: { username, password }, csrf: false, headers });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field in tests
  async send<T = any>(method: Method, path: string, options: SessionRequest = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      ...options.headers,
    };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = options.csrf ?? true;
    if (method !== 'GET' && csrf !== false) {
      const value = typeof csrf === 'string' ? csrf : this.cookies.get('thidua_csrf');
      if (value !== undefined) headers['x-csrf-token'] = value;
    }
    let payload: string | undefined;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const url = new URL(path.startsWith('/api/') ? path : `/api/v1${path}`, this.baseUrl);
    const res = await send(url, method, headers, payload);
    this.lastSetCookies = res.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /expires=thu, 01 jan 1970/i.test(line) || /max-age=0\b/i.test(line))
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = res.text;
    let body: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: body as T, request: `${method} ${url.pathname}` };
  }
}

/** One HTTP request on a connection of its own; redirects are not followed. */
export function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  payload?: string,
): Promise<{ status: number; headers: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const out = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) out.append(name, v);
        }
        resolve({ status: res.statusCode ?? 0, headers: out, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
