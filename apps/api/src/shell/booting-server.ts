/**
 * The HTTP server main.ts listens on before it loads the application: loading NestJS and the
 * app's modules takes about a second on a small server, and a load balancer or an operator
 * asking `/health` meanwhile should hear "starting", not a refused connection. While booting,
 * `/health` answers 503 `{ status: 'starting', readModels: { catchingUp: true } }` (not ready:
 * neither the store nor the read models have been opened) and everything else 503 too, with
 * `Retry-After: 1`: a problem in JSON or, for a browser, a short page in Vietnamese that reloads
 * itself. `serve` hands the same server, and every later request, to the application.
 *
 * Only node:http and the problem texts are imported here: this runs before anything heavy loads.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { SHELL_PROBLEMS, languageOf, problemBody } from '../problems/problem.js';

const HEALTH_PATHS = new Set(['/health', '/api/v1/health']);

const STARTING_PAGE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta http-equiv="refresh" content="1">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Thi đua – Khen thưởng</title></head>
<body style="font-family: system-ui, sans-serif; margin: 4rem auto; max-width: 32rem; padding: 0 1rem; color: #262626">
<h1 style="font-size: 1.25rem">Hệ thống đang khởi động</h1>
<p>Trang sẽ tự tải lại sau giây lát.</p></body></html>
`;

export interface BootingServer {
  server: Server;
  /** From now on every request goes to `app` (an Express instance). */
  serve(app: RequestListener): void;
  /**
   * Stops taking connections and resolves once the open ones are done: idle ones are closed at
   * once, and every answer from now on says `Connection: close`, so that a keep-alive client
   * (a load balancer) cannot hold the server open with request after request.
   */
  drain(): Promise<void>;
}

function answerWhileBooting(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0]!;
  if ((req.method === 'GET' || req.method === 'HEAD') && HEALTH_PATHS.has(path)) {
    // Not ready: the store has not even been opened. A load balancer sends nothing here yet.
    res.writeHead(503, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Retry-After': '1',
    });
    res.end(JSON.stringify({ status: 'starting', readModels: { catchingUp: true } }));
    return;
  }
  res.setHeader('Retry-After', '1');
  res.setHeader('Cache-Control', 'no-store');
  if (req.method === 'GET' && !path.startsWith('/api/') && /\btext\/html\b/.test(req.headers.accept ?? '')) {
    res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(STARTING_PAGE);
    return;
  }
  const { status, ...detail } = SHELL_PROBLEMS.STARTING;
  const body = problemBody({ status, code: 'STARTING', detail, lang: languageOf(req.headers['accept-language']) });
  res.writeHead(503, { 'Content-Type': 'application/problem+json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Listens on `port` at once, answering as above until `serve` is called. */
export async function listenWhileBooting(port: number): Promise<BootingServer> {
  let handler: RequestListener = answerWhileBooting;
  let draining = false;
  /** Answers not sent yet: told to close their connection when the drain begins. */
  const unanswered = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    if (draining) res.setHeader('Connection', 'close');
    else {
      unanswered.add(res);
      res.once('finish', () => unanswered.delete(res));
      res.once('close', () => unanswered.delete(res));
    }
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    serve: (app) => {
      handler = app;
    },
    drain: () => {
      draining = true;
      for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      return closed;
    },
  };
}
