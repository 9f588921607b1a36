/** A tiny HTTP client over fetch for the API of docs/api.md: it answers `{ status, headers, body }`. */

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface RequestOptions {
  token?: string;
  idempotencyKey?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (malformed JSON, huge payloads); wins over `body`. */
  rawBody?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
}

/**
 * A JSON answer as the tests and the demo read it, field by field: typing every body of the
 * contract here would only repeat the API's own types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Json = any;

export interface ApiResponse<T = Json> {
  status: number;
  headers: Headers;
  body: T;
  /** The request, for error messages: "PUT /api/v1/... → 500". */
  request: string;
}

/** A 2xx was expected: says which request, what came back. */
export class UnexpectedResponse extends Error {
  constructor(
    readonly response: ApiResponse,
    what?: string,
  ) {
    super(
      `${what ? `${what}: ` : ''}${response.request} → ${response.status} ${JSON.stringify(response.body)?.slice(0, 2000)}`,
    );
    this.name = 'UnexpectedResponse';
  }
}

export class ApiClient {
  /** `baseUrl` is the server's origin, e.g. http://127.0.0.1:3000; paths are under /api/v1 unless absolute-rooted. */
  constructor(
    readonly baseUrl: string,
    readonly prefix = '/api/v1',
  ) {}

  url(path: string, query?: RequestOptions['query']): string {
    const rooted =
      path.startsWith('/api/') || path === '/health' || path.startsWith('/docs') ? path : `${this.prefix}${path}`;
    const url = new URL(rooted, this.baseUrl);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  async send<T = Json>(method: Method, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      ...options.headers,
    };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    let payload: string | Buffer | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const url = this.url(path, options.query);
    const res = await fetch(url, { method, headers, body: payload });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    let body: unknown = text;
    if (type.includes('json') && text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return {
      status: res.status,
      headers: res.headers,
      body: body as T,
      request: `${method} ${new URL(url).pathname}${new URL(url).search}`,
    };
  }

  get<T = Json>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.send<T>('GET', path, options);
  }

  post<T = Json>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.send<T>('POST', path, options);
  }

  put<T = Json>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.send<T>('PUT', path, options);
  }

  /** Sends and insists on a 2xx, throwing a message that names the request and the answer. */
  async ok<T = Json>(method: Method, path: string, options?: RequestOptions, what?: string): Promise<ApiResponse<T>> {
    const res = await this.send<T>(method, path, options);
    if (res.status < 200 || res.status >= 300) throw new UnexpectedResponse(res, what);
    return res;
  }
}

/**
 * The list inside a list answer. docs/api.md does not fix the envelope of lists, so accept a bare array
 * or the first array-valued field among the usual names.
 */
export function listOf<T = Json>(body: unknown, ...keys: string[]): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    for (const key of [...keys, 'items', 'rows', 'events', 'data']) {
      const value = (body as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value as T[];
    }
  }
  throw new Error(`expected a list, got ${JSON.stringify(body)?.slice(0, 500)}`);
}
