/**
 * `GET /metrics` in the Prometheus text format, behind a bearer token of its own (METRICS_TOKEN):
 * metrics tell the load and the rhythm of the work, which is not for anyone who can reach the port.
 * The token is compared in constant time (the SHA-256 of each, so their lengths tell nothing either).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export const METRICS_PATH = '/metrics';

/** Whether an `Authorization` header carries exactly `Bearer <token>`. */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/** Answers a scrape: 401 (a problem, as the API's) without the token, else the registry's metrics. */
export function metricsEndpoint(registry: Registry, token: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    if (!bearerMatches(req.headers.authorization, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      return problem(
        res,
        401,
        'UNAUTHENTICATED',
        'Chưa xác thực',
        'Cần mã truy cập số liệu vận hành (Authorization: Bearer <METRICS_TOKEN>)',
      );
    }
    let body: string;
    try {
      body = await registry.metrics();
    } catch (error) {
      return problem(res, 500, 'INTERNAL_ERROR', 'Lỗi máy chủ', `Không thu được số liệu: ${(error as Error).message}`);
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', registry.contentType);
    res.end(body);
  };
}

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/** A listener of its own for a process without HTTP (the notification worker): `GET /metrics` only. */
export async function serveMetrics(options: {
  registry: Registry;
  token: string;
  port: number;
  host?: string;
}): Promise<MetricsServer> {
  const endpoint = metricsEndpoint(options.registry, options.token);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== METRICS_PATH) return problem(res, 404, 'NOT_FOUND', 'Không tìm thấy', 'Không có đường dẫn này');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return problem(res, 405, 'METHOD_NOT_ALLOWED', 'Phương thức không được hỗ trợ', 'Chỉ nhận GET');
    }
    void endpoint(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A scraper keeps its connection alive: closing must not wait for it.
        server.closeAllConnections();
      }),
  };
}

function problem(res: ServerResponse, status: number, code: string, title: string, detail: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/problem+json');
  const type = `urn:thidua:problem:${code.toLowerCase().replace(/_/g, '-')}`;
  res.end(JSON.stringify({ type, title, status, detail, code }));
}
